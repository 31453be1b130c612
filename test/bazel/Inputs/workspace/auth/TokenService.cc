#include "auth/TokenService.h"

namespace auth {
bool validateToken(const std::string &token) {
  return !decodeSubject(token).empty();
}
} // namespace auth
