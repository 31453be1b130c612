#include "build/gen.h"
// Real headers that take a while to parse.
#include <Poco/Net/HTTPServer.h>
#include <Poco/JSON/Parser.h>
#include <jwt-cpp/jwt.h>

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
