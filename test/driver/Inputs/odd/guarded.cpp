#include <jwt-cpp/jwt.h>

bool check(const std::string &raw) {
  try {
    /* é😀 */ jwt::decode(raw);
    return true;
  } catch (const std::exception &) {
    return false;
  }
}
