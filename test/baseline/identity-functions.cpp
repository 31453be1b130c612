// A function whose signature changed in the same change is still the same
// function, for both baseline checks; the note names the baseline function.
// RUN: split-file %s %t
// RUN: %git_repo init %t/repo %t/before.cpp=auth.cpp
// RUN: %git_repo put %t/repo %t/after.cpp=auth.cpp
// RUN: %check_failguard_tidy %t/repo/auth.cpp failguard-removed-exception-handler,failguard-narrowed-optional-return %t/out

//--- before.cpp
#include <jwt-cpp/jwt.h>
#include <optional>
#include <string>
#include <string_view>

std::optional<std::string> subject(const std::string &raw) {
  try {
    return jwt::decode(raw).get_subject();
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

bool valid(const std::string &raw) {
  try {
    jwt::decode(raw);
    return true;
  } catch (const std::exception &) {
    return false;
  }
}

struct Gate {
  std::optional<std::string> user(const std::string &raw);
};
std::optional<std::string> Gate::user(const std::string &raw) {
  try {
    return jwt::decode(raw).get_subject();
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

int check(int code) { return code; }
int check(const std::string &raw) {
  try {
    jwt::decode(raw);
    return 0;
  } catch (const std::exception &) {
    return 1;
  }
}

std::optional<std::string> kept(const std::string &raw) {
  try {
    return jwt::decode(raw).get_subject();
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

long count(int a) { return a; }
std::optional<long> count(const std::string &raw) {
  try {
    jwt::decode(raw);
    return 1;
  } catch (...) {
    return std::nullopt;
  }
}

//--- after.cpp
#include <jwt-cpp/jwt.h>
#include <optional>
#include <string>
#include <string_view>

// Parameter type changed, handler and optional gone: both reported.
std::string subject(std::string_view raw) {
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'subject' returned optional-like type 'std::optional<std::string>' in 'HEAD' ({{[0-9a-f]+}}) but now returns 'std::string', which cannot report failure [failguard-narrowed-optional-return]
// CHECK-MESSAGES: :[[@LINE-2]]:1: note: 'HEAD' ({{[0-9a-f]+}}) declared it as 'subject(const std::string &)' at auth.cpp:6
  return jwt::decode(std::string(raw)).get_subject();
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'subject'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'subject' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:9
// CHECK-MESSAGES: :[[@LINE-3]]:10: note: compared with 'subject(const std::string &)' in 'HEAD' ({{[0-9a-f]+}}) at auth.cpp:6
// CHECK-MESSAGES: :[[@LINE-4]]:40: note: the same handler also covered 'jwt::payload::get_subject' ('jwt::error::claim_not_present_exception' and 'std::bad_cast')
}

// A parameter added.
bool valid(const std::string &raw, bool strict) {
  jwt::decode(raw);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'valid'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'valid' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:18
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: compared with 'valid(const std::string &)' in 'HEAD' ({{[0-9a-f]+}}) at auth.cpp:14
  return strict;
}

// Moved from an out-of-line definition into the class, now const.
struct Gate {
  std::string user(const std::string &raw) const {
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Gate::user' returned optional-like type 'std::optional<std::string>' in 'HEAD' ({{[0-9a-f]+}}) but now returns 'std::string', which cannot report failure [failguard-narrowed-optional-return]
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'HEAD' ({{[0-9a-f]+}}) declared it as 'Gate::user(const std::string &)' at auth.cpp:26
    return jwt::decode(raw).get_subject();
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'Gate::user'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'Gate::user' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:12: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:29
// CHECK-MESSAGES: :[[@LINE-3]]:12: note: compared with 'Gate::user(const std::string &)' in 'HEAD' ({{[0-9a-f]+}}) at auth.cpp:26
// CHECK-MESSAGES: :[[@LINE-4]]:29: note: the same handler also covered 'jwt::payload::get_subject' ('jwt::error::claim_not_present_exception' and 'std::bad_cast')
  }
};

// Overloads: the unchanged one keeps its USR, the other pairs with what is left.
int check(int code) { return code; }
int check(std::string_view raw) {
  jwt::decode(std::string(raw));
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'check'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'check' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:39
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: compared with 'check(const std::string &)' in 'HEAD' ({{[0-9a-f]+}}) at auth.cpp:35
  return 0;
}

// Negative control: the signature changed, the handling and the optional did not.
std::optional<std::string> kept(std::string_view raw) noexcept {
  try {
    return jwt::decode(std::string(raw)).get_subject();
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

// Negative control: overloads that both changed type keep what they had.
long count(long a) { return a; }
std::optional<long> count(std::string_view raw) {
  try {
    jwt::decode(std::string(raw));
    return 1;
  } catch (...) {
    return std::nullopt;
  }
}
