// Calls are paired with the baseline's as `git diff` pairs lines: a call
// inserted, removed or reordered before another does not change which one it is.
// RUN: split-file %s %t
// RUN: %git_repo init %t/repo %t/before.cpp=auth.cpp
// RUN: %git_repo put %t/repo %t/after.cpp=auth.cpp
// RUN: %check_failguard_tidy %t/repo/auth.cpp failguard-removed-exception-handler %t/out

//--- before.cpp
#include <jwt-cpp/jwt.h>
void log(const char *);

void rotate(const std::string &access, const std::string &refresh) {
  try {
    jwt::decode(access);
  } catch (const std::exception &) {
    log("bad access token");
  }
}

void session(const std::string &raw, const std::string &cookie) {
  try {
    jwt::decode(raw);
  } catch (const std::exception &) {
    log("bad token");
  }
}

void reordered(const std::string &a, const std::string &b) {
  try {
    jwt::decode(a);
  } catch (const std::exception &) {
  }
  try {
    jwt::decode(b);
  } catch (const std::exception &) {
  }
}

void swapped(const std::string &a, const std::string &b) {
  try {
    jwt::decode(a);
  } catch (const std::exception &) {
  }
  try {
    jwt::decode(b);
  } catch (const std::exception &) {
  }
}

void renamed(const std::string &raw) {
  log("start");
  try {
    jwt::decode(raw);
  } catch (const std::exception &) {
  }
  log("end");
}

void precheck(const std::string &raw) {
  try {
    auto token = jwt::decode(raw);
    log(token.get_token().c_str());
  } catch (const std::exception &) {
  }
}

void movedAway(const std::string &raw) {
  try {
    auto token = jwt::decode(raw);
    log(token.get_token().c_str());
  } catch (const std::exception &) {
  }
}

//--- after.cpp
#include <jwt-cpp/jwt.h>
void log(const char *);

// A new guarded call above the old one, whose guard was removed: reported at the old one.
void rotate(const std::string &access, const std::string &refresh) {
  try {
    jwt::decode(refresh);
  } catch (const std::exception &) {
    log("bad refresh token");
  }
  jwt::decode(access);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'rotate'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'rotate' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:7
}

// Negative control: a new unguarded call above a guarded one does not blame the
// guarded one, and the new call had no handler to lose.
void session(const std::string &raw, const std::string &cookie) {
  jwt::decode(cookie);
  try {
    jwt::decode(raw);
  } catch (const std::exception &) {
    log("bad token");
  }
}

// Reordered, and the guard of one removed: reported at that one.
void reordered(const std::string &a, const std::string &b) {
  jwt::decode(b);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'reordered'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'reordered' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:27
  try {
    jwt::decode(a);
  } catch (const std::exception &) {
  }
}

// Negative control: reordered, both still guarded.
void swapped(const std::string &a, const std::string &b) {
  try {
    jwt::decode(b);
  } catch (const std::exception &) {
  }
  try {
    jwt::decode(a);
  } catch (const std::exception &) {
  }
}

// The argument renamed between unchanged calls, and the guard removed: the
// call keeps its identity.
void renamed(const std::string &token) {
  log("start");
  jwt::decode(token);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'renamed'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'renamed' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:46
  log("end");
}

// A guarded call with the same text inserted above the old one, whose guard was
// removed: the statement around each tells them apart.
void precheck(const std::string &raw) {
  try {
    jwt::decode(raw);
  } catch (const std::exception &) {
    return;
  }
  auto token = jwt::decode(raw);
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'precheck'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'precheck' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:16: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:55
  log(token.get_token().c_str());
}

// A guarded call of the same function inserted, and the old call moved into a
// new helper that does not handle: the new call is not the old one.
static auto decodeRaw(const std::string &raw) { return jwt::decode(raw); }
void movedAway(const std::string &raw) {
  try {
    jwt::decode(raw.substr(7));
  } catch (const std::exception &) {
    return;
  }
  auto token = decodeRaw(raw);
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'movedAway'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'movedAway' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:16: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:63
  log(token.get_token().c_str());
}
