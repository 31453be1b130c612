// Every way of removing a handler, and the changes that are not regressions.
// RUN: split-file %s %t
// RUN: %git_repo init %t/repo %t/before.cpp=auth.cpp
// RUN: %git_repo put %t/repo %t/after.cpp=auth.cpp
// RUN: %check_failguard_tidy %t/repo/auth.cpp failguard-removed-exception-handler %t/out

//--- before.cpp
#include <jwt-cpp/jwt.h>

#define GUARDED(stmt) try { stmt; } catch (const std::exception &) {}
using Token = jwt::decoded_jwt<jwt::traits::kazuho_picojson>;
void log(const char *);

void clauseRemoved(const std::string &raw) {
  try {
    jwt::decode(raw);
  } catch (const std::invalid_argument &) {
  } catch (const std::runtime_error &) {
  }
}

void narrowedToSibling(const Token &t) {
  try {
    jwt::verify().verify(t);
  } catch (const std::system_error &) {
  }
}

void broadened(const Token &t) {
  try {
    jwt::verify().verify(t);
  } catch (const jwt::error::token_verification_exception &) {
  } catch (const jwt::error::signature_verification_exception &) {
  }
}

void movedOutOfTry(const std::string &raw) {
  try {
    log("decoding");
    jwt::decode(raw);
  } catch (const std::exception &) {
  }
}

void rethrowNow(const std::string &raw) {
  try {
    jwt::decode(raw);
  } catch (const std::exception &) {
    log("bad token");
  }
}

void functionTryBlock(const std::string &raw) try {
  jwt::decode(raw);
} catch (...) {
}

void macroDropped(const std::string &raw) { GUARDED(jwt::decode(raw)); }

void helperNowHandles(const std::string &raw) {
  try {
    jwt::decode(raw);
  } catch (...) {
  }
}

void callersNowHandle(const std::string &raw) {
  try {
    jwt::decode(raw);
  } catch (...) {
  }
}
void callerOne(const std::string &raw) { callersNowHandle(raw); }

void someCallersHandle(const std::string &raw) {
  try {
    jwt::decode(raw);
  } catch (...) {
  }
}
void handlingCaller(const std::string &raw) { someCallersHandle(raw); }
void bareCaller(const std::string &raw) { someCallersHandle(raw); }

void movedIntoHelper(const std::string &raw) {
  try {
    jwt::decode(raw);
  } catch (...) {
  }
}

void inLambda(const std::string &raw) {
  auto check = [&raw] {
    try {
      jwt::decode(raw);
    } catch (...) {
    }
  };
  check();
}

void oldName(const std::string &raw) {
  try {
    jwt::decode(raw);
  } catch (...) {
  }
}

void secondCallAlwaysBare(const std::string &raw) {
  try {
    jwt::decode(raw);
  } catch (...) {
  }
  jwt::decode(raw);
}

//--- after.cpp
#include <jwt-cpp/jwt.h>

#define GUARDED(stmt) try { stmt; } catch (const std::exception &) {}
using Token = jwt::decoded_jwt<jwt::traits::kazuho_picojson>;
void log(const char *);

// Reformatted and moved down a few lines: still handled, no finding.
void clauseRemoved(const std::string &raw) {
  try {
    jwt::decode(raw);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'jwt::decode' may throw 'std::runtime_error' and 'jwt::error::invalid_json_exception', which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'clauseRemoved'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'clauseRemoved' [failguard-removed-exception-handler]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::runtime_error' and 'jwt::error::invalid_json_exception' at auth.cpp:11
  } catch (const std::invalid_argument &) {
  }
}

void narrowedToSibling(const Token &t) {
  try {
    jwt::verify().verify(t);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'jwt::verifier::verify' may throw 'jwt::error::signature_verification_exception' and 'jwt::error::signature_generation_exception', which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'narrowedToSibling'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'narrowedToSibling' [failguard-removed-exception-handler]
    // CHECK-MESSAGES: :[[@LINE-2]]:19: note: 'HEAD' ({{[0-9a-f]+}}) handled 'jwt::error::signature_verification_exception' and 'jwt::error::signature_generation_exception' at auth.cpp:18
  } catch (const jwt::error::token_verification_exception &) {
  }
}

void broadened(const Token &t) {
  try {
    jwt::verify().verify(t);
  } catch (const std::system_error &) {
  }
}

void movedOutOfTry(const std::string &raw) {
  jwt::decode(raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'movedOutOfTry'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'movedOutOfTry' [failguard-removed-exception-handler]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:34
  try {
    log("decoded");
  } catch (const std::exception &) {
  }
}

void rethrowNow(const std::string &raw) {
  try {
    jwt::decode(raw);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'rethrowNow'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'rethrowNow' [failguard-removed-exception-handler]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:41
  } catch (const std::exception &) {
    log("bad token");
    throw;
  }
}

void functionTryBlock(const std::string &raw) {
  jwt::decode(raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'functionTryBlock'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'functionTryBlock' [failguard-removed-exception-handler]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:48
}

void macroDropped(const std::string &raw) { jwt::decode(raw); }
// CHECK-MESSAGES: :[[@LINE-1]]:45: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'macroDropped'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'macroDropped' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:45: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:51

// Handling moved into a helper the call now goes through: no finding.
static void decodeQuietly(const std::string &raw) {
  try {
    jwt::decode(raw);
  } catch (...) {
  }
}
void helperNowHandles(const std::string &raw) { decodeQuietly(raw); }

// Handling moved up into every caller: no finding.
void callersNowHandle(const std::string &raw) { jwt::decode(raw); }
void callerOne(const std::string &raw) {
  try {
    callersNowHandle(raw);
  } catch (...) {
  }
}

// Moved up into only some callers: still a regression.
void someCallersHandle(const std::string &raw) { jwt::decode(raw); }
// CHECK-MESSAGES: :[[@LINE-1]]:50: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'someCallersHandle'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'someCallersHandle' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:50: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:71
void handlingCaller(const std::string &raw) {
  try {
    someCallersHandle(raw);
  } catch (...) {
  }
}
void bareCaller(const std::string &raw) { someCallersHandle(raw); }

// Moved into a helper that does not handle: reported at the helper call.
static void decodeLoudly(const std::string &raw) { jwt::decode(raw); }
void movedIntoHelper(const std::string &raw) { decodeLoudly(raw); }
// CHECK-MESSAGES: :[[@LINE-1]]:48: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'movedIntoHelper'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'movedIntoHelper' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:48: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:80

// A lambda is known by its enclosing function, wherever it moved in it.
void inLambda(const std::string &raw) {
  log("checking");
  auto check = [&raw] { jwt::decode(raw); };
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in lambda in 'inLambda'; restore the handler ({{[^)]*}}) or catch {{.*}} in lambda in 'inLambda' [failguard-removed-exception-handler]
  // CHECK-MESSAGES: :[[@LINE-2]]:25: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:88
  check();
}

// Renamed: a new function as far as the baseline knows, no finding.
void newName(const std::string &raw) { jwt::decode(raw); }

// The first call is still handled; the second was never handled.
void secondCallAlwaysBare(const std::string &raw) {
  try {
    jwt::decode(raw);
  } catch (...) {
  }
  jwt::decode(raw);
}

// New in this change: nothing to compare with.
void brandNew(const std::string &raw) { jwt::decode(raw); }
