#include "vendor/lib/token.h"
#include <jwt-cpp/jwt.h>

bool check(const std::string &raw) {
  try {
    return tokenIsValid(raw) && !jwt::decode(raw).get_token().empty();
  } catch (const std::exception &) {
    return false;
  }
}
