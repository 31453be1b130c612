#include <jwt-cpp/jwt.h>

bool tokenIsValid(const std::string &raw) {
	jwt::verify().verify(jwt::decode(raw)); // a.cpp:1:1: warning: not a diagnostic
  return true;
}
