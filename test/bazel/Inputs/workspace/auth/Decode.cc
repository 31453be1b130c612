#include "auth/TokenService.h"

#include <jwt-cpp/jwt.h>

namespace auth {
std::string decodeSubject(const std::string &token) {
  try {
    auto decoded = jwt::decode(token);
  } catch (const std::exception &) {
    return "";
  }
  return token;
}
} // namespace auth
