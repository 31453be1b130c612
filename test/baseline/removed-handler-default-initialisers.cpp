// Calls that run in a default argument (at the call that uses it) and in a
// default member initialiser (in the constructor that uses it) are calls of
// the function that uses them: removing the handler around the use is a
// regression. The facts and the escape analysis walk function bodies by the
// same rules (lib/BodyWalker.h).
// RUN: split-file %s %t
// RUN: %git_repo init %t/repo %t/before.cpp=auth.cpp
// RUN: %git_repo put %t/repo %t/after.cpp=auth.cpp
// RUN: %check_failguard_tidy %t/repo/auth.cpp failguard-removed-exception-handler %t/out

//--- before.cpp
#include <jwt-cpp/jwt.h>

using Token = jwt::decoded_jwt<jwt::traits::kazuho_picojson>;
const std::string &currentToken();
bool allow(const Token &token = jwt::decode(currentToken()));

struct Session {
  Token token = jwt::decode(currentToken());
  Session() {}
};

bool defaultArgument() {
  try {
    return allow();
  } catch (const std::exception &) {
    return false;
  }
}

bool defaultArgumentKept() {
  try {
    return allow();
  } catch (const std::exception &) {
    return false;
  }
}

bool memberInitialiser() {
  try {
    Session s;
    return true;
  } catch (const std::exception &) {
    return false;
  }
}

bool memberInitialiserKept() {
  try {
    Session s;
    return true;
  } catch (const std::exception &) {
    return false;
  }
}

//--- after.cpp
#include <jwt-cpp/jwt.h>

using Token = jwt::decoded_jwt<jwt::traits::kazuho_picojson>;
const std::string &currentToken();
bool allow(const Token &token = jwt::decode(currentToken())); // @mark ARG

struct Session {
  Token token = jwt::decode(currentToken()); // @mark MEMBER
  Session() {}
};

// The decode runs in the default argument of this call; it is reported where
// it is written, in the function that no longer handles it.
bool defaultArgument() {
  return allow();
  // CHECK-MESSAGES: :[[#ARG]]:33: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'defaultArgument'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'defaultArgument' [failguard-removed-exception-handler]
  // CHECK-MESSAGES: :[[#ARG]]:33: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:15
}

// Negative control: the handler is still there.
bool defaultArgumentKept() {
  try {
    return allow();
  } catch (const std::exception &) {
    return false;
  }
}

bool memberInitialiser() {
  Session s;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'memberInitialiser'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'memberInitialiser' [failguard-removed-exception-handler]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:32
  return true;
}

// Negative control.
bool memberInitialiserKept() {
  try {
    Session s;
    return true;
  } catch (const std::exception &) {
    return false;
  }
}
