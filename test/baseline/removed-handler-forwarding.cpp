// A handler removed around a standard library call that constructs a decoded
// token (make_unique, emplace_back) is a removed handler like one around the
// decode itself; a kept handler is not.
// RUN: split-file %s %t
// RUN: %git_repo init %t/repo %t/before.cpp=auth.cpp
// RUN: %git_repo put %t/repo %t/after.cpp=auth.cpp
// RUN: %check_failguard_tidy %t/repo/auth.cpp failguard-removed-exception-handler %t/out

//--- before.cpp
#include <jwt-cpp/jwt.h>
#include <memory>
#include <vector>

using Decoded = jwt::decoded_jwt<jwt::traits::kazuho_picojson>;

bool removed(const std::string &raw) {
  try {
    auto token = std::make_unique<Decoded>(raw);
    return true;
  } catch (const std::exception &) {
    return false;
  }
}

bool kept(const std::string &raw, std::vector<Decoded> &tokens) {
  try {
    tokens.emplace_back(raw);
    return true;
  } catch (const std::exception &) {
    return false;
  }
}

//--- after.cpp
#include <jwt-cpp/jwt.h>
#include <memory>
#include <vector>

using Decoded = jwt::decoded_jwt<jwt::traits::kazuho_picojson>;

bool removed(const std::string &raw) {
  auto token = std::make_unique<Decoded>(raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'jwt::decoded_jwt::decoded_jwt' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'removed'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'removed' [failguard-removed-exception-handler]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:11
  return true;
}

bool kept(const std::string &raw, std::vector<Decoded> &tokens) {
  try {
    tokens.emplace_back(raw);
    return true;
  } catch (const std::exception &) {
    return false;
  }
}
