#include "auth/TokenService.h"

#include <jwt-cpp/jwt.h>

namespace auth {
std::string decodeSubject(const std::string &token) {
  try {
    auto decoded = jwt::decode(token);
    return token;
  } catch (const std::exception &) {
    return std::string();
  }
}
} // namespace auth
