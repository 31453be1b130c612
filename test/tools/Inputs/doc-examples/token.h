#pragma once
#include <jwt-cpp/jwt.h>
#include <optional>
#include <string>

// The decode in a header helper that reports failure through std::optional,
// without a handler: what the check reports, in the header.
inline std::optional<std::string> subjectOf(const std::string &token) {
  auto decoded = jwt::decode(token);
  return decoded.get_subject();
}
