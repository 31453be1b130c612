#include <jwt-cpp/jwt.h>

std::string subjectOf(const std::string &raw) {
  return jwt::decode(raw).get_token();
}
