#include "vendor/lib/token.h"
#include <jwt-cpp/jwt.h>

bool check(const std::string &raw) {
  return tokenIsValid(raw) && !jwt::decode(raw).get_token().empty();
}
