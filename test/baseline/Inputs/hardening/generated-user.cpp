#include <jwt-cpp/jwt.h>
#include "build/gen.h"

bool tokenIsValid(const std::string &raw) {
#if FAILGUARD_TEST_GUARDED
  try {
    jwt::verify().verify(jwt::decode(raw));
    return true;
  } catch (const std::exception &) {
    return false;
  }
#else
  jwt::verify().verify(jwt::decode(raw));
  return true;
#endif
}
