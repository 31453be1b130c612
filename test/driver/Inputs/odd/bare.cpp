#include <jwt-cpp/jwt.h>

bool check(const std::string &raw) {
    /* é😀 */ jwt::decode(raw);
    return true;
}
