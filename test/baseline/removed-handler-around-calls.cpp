// A handler counts around any call a modelled exception comes out of, not only
// around the modelled call itself; around a call whose body this translation
// unit does not have, a handler of a modelled exception type is the evidence.
// RUN: split-file %s %t
// RUN: %git_repo init %t/repo %t/before.cpp=handlers.cpp
// RUN: %git_repo put %t/repo %t/after.cpp=handlers.cpp
// RUN: %check_failguard_tidy %t/repo/handlers.cpp failguard-removed-exception-handler %t/out

//--- before.cpp
#include <jwt-cpp/jwt.h>
void log(const char *);
std::string subject_of(const std::string &raw) { return jwt::decode(raw).get_subject(); }
std::string verifySession(const std::string &cookie);

int removed(const std::string &raw) {
  std::string user;
  try {
    user = subject_of(raw);
  } catch (const std::exception &) {
    return 401;
  }
  return user.empty() ? 403 : 200;
}

int narrowed(const std::string &raw) {
  try {
    return subject_of(raw).empty() ? 403 : 200;
  } catch (const std::exception &) {
    return 401;
  }
}

int rethrows(const std::string &raw) {
  try {
    return subject_of(raw).empty() ? 403 : 200;
  } catch (const std::exception &) {
    return 401;
  }
}

int broadened(const std::string &raw) {
  try {
    return subject_of(raw).empty() ? 403 : 200;
  } catch (const std::runtime_error &) {
    return 401;
  } catch (const std::exception &) {
    return 400;
  }
}

int opaque(const std::string &cookie) {
  try {
    return verifySession(cookie).empty() ? 401 : 200;
  } catch (const jwt::error::token_verification_exception &) {
    return 401;
  }
}

int opaqueBase(const std::string &cookie) {
  try {
    return verifySession(cookie).empty() ? 401 : 200;
  } catch (const std::exception &) {
    return 401;
  }
}

int opaqueBroadened(const std::string &cookie) {
  try {
    return verifySession(cookie).empty() ? 401 : 200;
  } catch (const jwt::error::token_verification_exception &) {
    return 401;
  }
}

int opaqueUnmodelled(const std::string &cookie) {
  try {
    return verifySession(cookie).empty() ? 401 : 200;
  } catch (const std::bad_alloc &) {
    return 503;
  }
}

//--- after.cpp
#include <jwt-cpp/jwt.h>
void log(const char *);
std::string subject_of(const std::string &raw) { return jwt::decode(raw).get_subject(); }
std::string verifySession(const std::string &cookie);

// The handler around a helper that decodes was removed.
int removed(const std::string &raw) {
  std::string user = subject_of(raw);
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'removed'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'removed' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:22: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at handlers.cpp:10
// CHECK-MESSAGES: :[[@LINE-3]]:22: note: the same handler also covered 'jwt::payload::get_subject' ('jwt::error::claim_not_present_exception' and 'std::bad_cast')
  return user.empty() ? 403 : 200;
}

// Narrowed to a sibling of what the helper lets out.
int narrowed(const std::string &raw) {
  try {
    return subject_of(raw).empty() ? 403 : 200;
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'narrowed'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'narrowed' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:12: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at handlers.cpp:19
// CHECK-MESSAGES: :[[@LINE-3]]:12: note: the same handler also covered 'jwt::payload::get_subject' ('jwt::error::claim_not_present_exception' and 'std::bad_cast')
  } catch (const std::system_error &) {
    return 401;
  }
}

// The handler now rethrows.
int rethrows(const std::string &raw) {
  try {
    return subject_of(raw).empty() ? 403 : 200;
// CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'rethrows'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'rethrows' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:12: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at handlers.cpp:27
// CHECK-MESSAGES: :[[@LINE-3]]:12: note: the same handler also covered 'jwt::payload::get_subject' ('jwt::error::claim_not_present_exception' and 'std::bad_cast')
  } catch (const std::exception &) {
    log("bad token");
    throw;
  }
}

// Negative control: broadened to one handler of everything.
int broadened(const std::string &raw) {
  try {
    return subject_of(raw).empty() ? 403 : 200;
  } catch (...) {
    return 401;
  }
}

// A handler of a modelled exception type removed around a call defined elsewhere.
int opaque(const std::string &cookie) {
  return verifySession(cookie).empty() ? 401 : 200;
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'verifySession' is defined outside this translation unit and its call was covered by a handler of 'jwt::error::token_verification_exception' in 'HEAD' ({{[0-9a-f]+}}) that is gone in 'opaque'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'opaque' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'HEAD' ({{[0-9a-f]+}}) handled 'jwt::error::token_verification_exception' at handlers.cpp:45
}

// The same with a handler of a base class of the modelled exceptions.
int opaqueBase(const std::string &cookie) {
  return verifySession(cookie).empty() ? 401 : 200;
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'verifySession' is defined outside this translation unit and its call was covered by a handler of 'std::exception' in 'HEAD' ({{[0-9a-f]+}}) that is gone in 'opaqueBase'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'opaqueBase' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::exception' at handlers.cpp:53
}

// Negative control: still handled, by a base class of what was caught.
int opaqueBroadened(const std::string &cookie) {
  try {
    return verifySession(cookie).empty() ? 401 : 200;
  } catch (const std::exception &) {
    return 401;
  }
}

// Negative control: the removed handler caught nothing a model names.
int opaqueUnmodelled(const std::string &cookie) {
  return verifySession(cookie).empty() ? 401 : 200;
}
