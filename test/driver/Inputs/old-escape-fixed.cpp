#include <jwt-cpp/jwt.h>

// Fixed: no longer escapes.
std::string legacy(const std::string &raw) noexcept {
  try {
    return jwt::decode(raw).get_token();
  } catch (...) {
    return {};
  }
}
