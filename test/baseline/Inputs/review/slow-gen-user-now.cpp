#include "build/gen.h"
// Real headers that take a while to parse.
#include <Poco/Net/HTTPServer.h>
#include <Poco/JSON/Parser.h>
#include <jwt-cpp/jwt.h>

bool tokenIsValid(const std::string &raw) {
  jwt::verify().verify(jwt::decode(raw));
  return true;
}
