// ApiFunctions, OptionalLikeTypes and ResultLikeTypes are read local-or-global,
// so one top-level setting serves every failguard check.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t \
// RUN:   -- --config="{CheckOptions: {ApiFunctions: 'acme::legacy::check=acme::TokenInvalid', \
// RUN:                                OptionalLikeTypes: 'acme::Maybe'}}"

#include <acme/token.h>
#include <optional>

namespace acme {
template <typename T> class Maybe {};
} // namespace acme

acme::Maybe<std::string> custom(const std::string &raw) {
  acme::legacy::check(raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: exception 'acme::TokenInvalid' thrown by 'acme::legacy::check' escapes 'custom', which reports failure through its optional-like return type 'acme::Maybe<std::string>'; catch it in 'custom' [failguard-auth-exception-escape]
  return {};
}

// std::optional is no longer in the (replaced) list.
std::optional<std::string> standard(const std::string &raw) {
  acme::legacy::check(raw);
  return raw;
}
