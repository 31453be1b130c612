#include <jwt-cpp/jwt.h>

bool tokenIsValid(const std::string &raw) {
  try {
    jwt::verify().verify(jwt::decode(raw));
    return true;
  } catch (const std::exception &) {
    return false;
  }
}
