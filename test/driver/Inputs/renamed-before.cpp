#include <jwt-cpp/jwt.h>

std::string subjectOf(const std::string &raw) {
  try {
    return jwt::decode(raw).get_token();
  } catch (const std::exception &) {
    return "";
  }
}
