// A call whose exception escapes a boundary because its handler was removed is
// one problem: failguard-auth-exception-escape reports it, once, with the
// removed-handler view as notes. Each check alone reports as it always did.
// A NOLINT naming either check at such a call silences its one warning.
// RUN: split-file %s %t
// RUN: %git_repo init %t/repo %t/before.cpp=auth.cpp
// RUN: %git_repo put %t/repo %t/after.cpp=auth.cpp
// RUN: %check_failguard_tidy -check-suffixes=ESC,REM,BOTH %t/repo/auth.cpp failguard-auth-exception-escape,failguard-removed-exception-handler %t/both
// RUN: %check_failguard_tidy -check-suffixes=ESC,ESCONLY %t/repo/auth.cpp failguard-auth-exception-escape %t/esc
// RUN: %check_failguard_tidy -check-suffixes=REM,REMONLY %t/repo/auth.cpp failguard-removed-exception-handler %t/rem
// The order the checks are given in changes nothing.
// RUN: %check_failguard_tidy -check-suffixes=ESC,REM,BOTH %t/repo/auth.cpp failguard-removed-exception-handler,failguard-auth-exception-escape %t/both-reversed

//--- before.cpp
#include <jwt-cpp/jwt.h>
#include <optional>

using Decoded = jwt::decoded_jwt<jwt::traits::kazuho_picojson>;

std::optional<std::string> tokenOf(const std::string &raw, const Decoded &session) {
  std::string token;
  try {
    token = jwt::decode(raw).get_token();
  } catch (const std::exception &) {
    return std::nullopt;
  }
  jwt::verify().with_issuer("auth0").verify(session);
  return token;
}

std::string tokenOrEmpty(const std::string &raw) {
  try {
    return jwt::decode(raw).get_token();
  } catch (const std::exception &) {
    return "";
  }
}

std::optional<std::string> silencedEscape(const std::string &raw) {
  try {
    return jwt::decode(raw).get_token();
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

std::optional<std::string> silencedRemoved(const std::string &raw) {
  try {
    return jwt::decode(raw).get_token();
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

bool chained(const Decoded &decoded) {
  try {
    jwt::verify()
        .allow_algorithm(jwt::algorithm::hs256{"secret"})
        .with_issuer("auth0")
        .verify(decoded);
  } catch (const std::exception &) {
    return false;
  }
  return true;
}

bool chainedOther(const Decoded &decoded) {
  try {
    jwt::verify()
        .with_issuer("auth0")
        .verify(decoded);
  } catch (const std::exception &) {
    return false;
  }
  return true;
}

bool twoChains(const Decoded &decoded) {
  try {
    jwt::verify()
        .with_issuer("auth0")
        .verify(decoded);
    jwt::verify()
        .with_audience("api")
        .verify(decoded);
  } catch (const std::exception &) {
    return false;
  }
  return true;
}

//--- after.cpp
#include <jwt-cpp/jwt.h>
#include <optional>

using Decoded = jwt::decoded_jwt<jwt::traits::kazuho_picojson>;

// The handler around the decode is gone: one warning for it; the verify was
// never handled, so only the escape check reports it.
std::optional<std::string> tokenOf(const std::string &raw, const Decoded &session) {
  std::string token;
  token = jwt::decode(raw).get_token(); // @mark DECODE
  // CHECK-MESSAGES-ESC: :[[#DECODE]]:11: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'tokenOf', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'tokenOf' [failguard-auth-exception-escape]
  // CHECK-MESSAGES-BOTH: :[[#DECODE]]:11: note: also reported by failguard-removed-exception-handler: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'tokenOf'
  // CHECK-MESSAGES-BOTH: :[[#DECODE]]:11: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:10
  // CHECK-MESSAGES-REMONLY: :[[#DECODE]]:11: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'tokenOf'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'tokenOf' [failguard-removed-exception-handler]
  // CHECK-MESSAGES-REMONLY: :[[#DECODE]]:11: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:10
  jwt::verify().with_issuer("auth0").verify(session); // @mark VERIFY
  // CHECK-MESSAGES-ESC: :[[#VERIFY]]:38: warning: exceptions 'jwt::error::token_verification_exception', 'jwt::error::signature_verification_exception' and 5 more thrown by 'jwt::verifier::verify' escape 'tokenOf', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'tokenOf' [failguard-auth-exception-escape]
  return token;
}

// Not a boundary: the removed handler is reported by its own check.
std::string tokenOrEmpty(const std::string &raw) {
  return jwt::decode(raw).get_token(); // @mark PLAIN
  // CHECK-MESSAGES-REM: :[[#PLAIN]]:10: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'tokenOrEmpty'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'tokenOrEmpty' [failguard-removed-exception-handler]
  // CHECK-MESSAGES-REM: :[[#PLAIN]]:10: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:20
}

// The escape check's warning is silenced here, and with it the one warning
// of the call: the removed-handler check alone still reports it.
std::optional<std::string> silencedEscape(const std::string &raw) {
  return jwt::decode(raw).get_token(); // NOLINT(failguard-auth-exception-escape) // @mark SILENCED_ESCAPE
  // CHECK-MESSAGES-REMONLY: :[[#SILENCED_ESCAPE]]:10: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'silencedEscape'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'silencedEscape' [failguard-removed-exception-handler]
  // CHECK-MESSAGES-REMONLY: :[[#SILENCED_ESCAPE]]:10: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:28
}

// The removed-handler check is silenced here, and with it the one warning of
// the call: the escape check alone still reports it.
std::optional<std::string> silencedRemoved(const std::string &raw) {
  return jwt::decode(raw).get_token(); // NOLINT(failguard-removed-exception-handler) // @mark SILENCED_REMOVED
  // CHECK-MESSAGES-ESCONLY: :[[#SILENCED_REMOVED]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'silencedRemoved', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'silencedRemoved' [failguard-auth-exception-escape]
}

// A chain over four lines: NOLINTNEXTLINE above the statement silences the
// warning on `.verify`.
bool chained(const Decoded &decoded) {
  // NOLINTNEXTLINE(failguard-removed-exception-handler)
  jwt::verify()
      .allow_algorithm(jwt::algorithm::hs256{"secret"})
      .with_issuer("auth0")
      .verify(decoded);
  return true;
}

// The same with a list naming another check only: reported.
bool chainedOther(const Decoded &decoded) {
  // NOLINTNEXTLINE(failguard-auth-exception-escape)
  jwt::verify()
      .with_issuer("auth0")
      .verify(decoded); // @mark OTHER
  // CHECK-MESSAGES-REM: :[[#OTHER]]:8: warning: 'jwt::verifier::verify' may throw 'jwt::error::token_verification_exception' and 6 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'chainedOther'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'chainedOther' [failguard-removed-exception-handler]
  // CHECK-MESSAGES-REM: :[[#OTHER]]:8: note: 'HEAD' ({{[0-9a-f]+}}) handled {{.*}} at auth.cpp:58
  return true;
}

// NOLINT on the first line of the first chain: the second chain, the next
// statement, is still reported.
bool twoChains(const Decoded &decoded) {
  jwt::verify() // NOLINT(failguard-removed-exception-handler)
      .with_issuer("auth0")
      .verify(decoded);
  jwt::verify()
      .with_audience("api")
      .verify(decoded); // @mark SECOND
  // CHECK-MESSAGES-REM: :[[#SECOND]]:8: warning: 'jwt::verifier::verify' may throw {{.*}}, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'twoChains'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'twoChains' [failguard-removed-exception-handler]
  // CHECK-MESSAGES-REM: :[[#SECOND]]:8: note: 'HEAD' ({{[0-9a-f]+}}) handled {{.*}} at auth.cpp:72
  return true;
}
