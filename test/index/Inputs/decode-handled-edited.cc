#include "auth/TokenService.h"

#include <jwt-cpp/jwt.h>

namespace auth {
// Decodes the token; a token that does not decode has no subject.
std::string decodeSubject(const std::string &token) {
  try {
    auto decoded = jwt::decode(token);
    return token.substr(0);
  } catch (const std::exception &) {
    return std::string();
  }
}
} // namespace auth
