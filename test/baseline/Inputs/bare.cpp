#include <jwt-cpp/jwt.h>

bool tokenIsValid(const std::string &raw) {
  jwt::verify().verify(jwt::decode(raw));
  return true;
}
