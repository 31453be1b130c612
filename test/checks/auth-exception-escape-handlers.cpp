// Try blocks and handlers: nesting, rethrow, narrowing, function-try-blocks.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <jwt-cpp/jwt.h>
#include <optional>

using Token = jwt::decoded_jwt<jwt::traits::kazuho_picojson>;
void log(const char *);

// Nested: the inner handler covers verification, the outer one the rest.
std::optional<Token> nested(const std::string &raw) {
  try {
    Token t = jwt::decode(raw);
    try {
      jwt::verify().verify(t);
    } catch (const std::system_error &) {
      return std::nullopt;
    }
    return t;
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

// The handler was narrowed from std::exception to two of the types: the
// siblings signature_verification_exception and signature_generation_exception,
// claim errors and the decode runtime errors escape.
std::optional<Token> narrowed(const std::string &raw) {
  try {
    Token t = jwt::decode(raw);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: exceptions 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' thrown by 'jwt::decode' escape 'narrowed', which reports failure through its optional-like return type 'std::optional<Token>'; catch them in 'narrowed' [failguard-auth-exception-escape]
    jwt::verify().verify(t);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: exceptions 'jwt::error::signature_verification_exception', 'jwt::error::signature_generation_exception' and 4 more thrown by 'jwt::verifier::verify' escape 'narrowed', which reports failure through its optional-like return type 'std::optional<Token>'; catch them in 'narrowed' [failguard-auth-exception-escape]
    return t;
  } catch (const jwt::error::token_verification_exception &) {
    return std::nullopt;
  } catch (const std::invalid_argument &) {
    return std::nullopt;
  }
}

// A handler that logs and rethrows does not handle.
std::optional<Token> rethrows(const std::string &raw) {
  try {
    return jwt::decode(raw);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'rethrows', which reports failure through its optional-like return type 'std::optional<Token>'; catch them in 'rethrows' [failguard-auth-exception-escape]
  } catch (const std::exception &) {
    log("bad token");
    throw;
  }
}

// Rethrowing by name throws a copy of the caught type.
std::optional<Token> rethrowsByName(const std::string &raw) {
  try {
    return jwt::decode(raw);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: exception 'std::exception' thrown by 'jwt::decode' escapes 'rethrowsByName', which reports failure through its optional-like return type 'std::optional<Token>'; catch it in 'rethrowsByName' [failguard-auth-exception-escape]
  } catch (const std::exception &e) {
    throw e;
  }
}

// The call moved out of the try block.
std::optional<Token> movedOut(const std::string &raw) {
  Token t = jwt::decode(raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'movedOut', which reports failure through its optional-like return type 'std::optional<Token>'; catch them in 'movedOut' [failguard-auth-exception-escape]
  try {
    log("decoded");
  } catch (...) {
    return std::nullopt;
  }
  return t;
}

// A rethrow inside a handler's own nested try rethrows that inner exception.
std::optional<Token> innerRethrow(const std::string &raw) {
  try {
    return jwt::decode(raw);
  } catch (const std::exception &) {
    try {
      log("bad token");
    } catch (...) {
      throw;
    }
    return std::nullopt;
  }
}

// Function-try-block of an ordinary function handles.
std::optional<Token> functionTry(const std::string &raw) try {
  return jwt::decode(raw);
} catch (...) {
  return std::nullopt;
}

// A destructor's function-try-block handler rethrows when it reaches its end.
struct SessionCloser {
  std::string raw;
  ~SessionCloser() try {
    jwt::decode(raw);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape destructor 'SessionCloser::~SessionCloser'; catch them in 'SessionCloser::~SessionCloser' [failguard-auth-exception-escape]
  } catch (...) {
    log("ignored?");
  }
};

// A constructor's function-try-block covers member initializers and rethrows too;
// a noexcept constructor must therefore not rely on it.
struct Session {
  Token token;
  explicit Session(const std::string &raw) noexcept try : token(jwt::decode(raw)) {
    // CHECK-MESSAGES: :[[@LINE-1]]:65: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept function 'Session::Session'; catch them in 'Session::Session' [failguard-auth-exception-escape]
  } catch (...) {
    log("bad token");
  }
};
