#include <jwt-cpp/jwt.h>

bool tokenIsValid(const std::string &raw) {
  this does not parse
}
