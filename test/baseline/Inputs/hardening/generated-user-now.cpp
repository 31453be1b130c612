#include <jwt-cpp/jwt.h>
#include "build/gen.h"

bool tokenIsValid(const std::string &raw) {
  jwt::verify().verify(jwt::decode(raw));
  return true;
}
