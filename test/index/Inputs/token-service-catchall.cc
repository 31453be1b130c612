#include "auth/TokenService.h"

namespace auth {
bool validateToken(const std::string &token) {
  try {
    return !decodeSubject(token).empty();
  } catch (...) {
    return false;
  }
}
} // namespace auth
