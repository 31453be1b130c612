// A user-declared token API (not a third-party mock): modelled through options.
#pragma once
#include <stdexcept>
#include <string>
#include <system_error>

namespace acme {
struct TokenError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct TokenExpired : TokenError {
  using TokenError::TokenError;
};
struct TokenInvalid : TokenError {
  using TokenError::TokenError;
};
struct Introspection {
  bool active;
};
class TokenService {
public:
  std::string validate(const std::string &token) const;
  Introspection introspect(const std::string &token) const;
  Introspection introspect(const std::string &token, std::error_code &ec) const;
};
namespace legacy {
std::string check(const std::string &token);
}
} // namespace acme
