#include <jwt-cpp/jwt.h>

// Escaped at the baseline already.
std::string legacy(const std::string &raw) noexcept { return jwt::decode(raw).get_token(); }

std::string fresh(const std::string &raw) noexcept { return jwt::decode(raw).get_token(); }
