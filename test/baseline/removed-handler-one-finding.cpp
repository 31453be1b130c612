// One removed handler is one finding: the calls it covered in the function
// are notes of the warning at the first of them, which names the first
// exception and how many more (the handler's note names them all) and says
// what to do. Different handlers stay different findings.
// RUN: split-file %s %t
// RUN: %git_repo init %t/repo %t/before.cpp=auth.cpp
// RUN: %git_repo put %t/repo %t/after.cpp=auth.cpp
// RUN: %check_failguard_tidy %t/repo/auth.cpp failguard-removed-exception-handler %t/out

//--- before.cpp
#include <jwt-cpp/jwt.h>

bool session(const std::string &raw) {
  try {
    auto decoded = jwt::decode(raw);
    jwt::verify().allow_algorithm(jwt::algorithm::hs256{"secret"}).verify(decoded);
    return !decoded.get_subject().empty();
  } catch (const std::exception &) {
    return false;
  }
}

int twoHandlers(const std::string &raw) {
  std::string subject;
  try {
    subject = jwt::decode(raw).get_token();
  } catch (const std::invalid_argument &) {
    return 400;
  }
  try {
    return jwt::decode(raw).get_subject().size();
  } catch (const jwt::error::claim_not_present_exception &) {
    return 401;
  }
}

//--- after.cpp
#include <jwt-cpp/jwt.h>

bool session(const std::string &raw) {
  auto decoded = jwt::decode(raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'session'; restore the handler (auth.cpp:8) or catch them in 'session' [failguard-removed-exception-handler]
  // CHECK-MESSAGES: :[[@LINE-2]]:18: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at auth.cpp:8
  jwt::verify().allow_algorithm(jwt::algorithm::hs256{"secret"}).verify(decoded);
  // CHECK-MESSAGES: :[[@LINE-1]]:66: note: the same handler also covered 'jwt::verifier::verify' ('jwt::error::token_verification_exception' and 6 more)
  return !decoded.get_subject().empty();
  // CHECK-MESSAGES: :[[@LINE-1]]:19: note: the same handler also covered 'jwt::payload::get_subject' ('jwt::error::claim_not_present_exception' and 'std::bad_cast')
}

// Negative control: two handlers, two findings, each with its own place;
// one exception is named in the hint.
int twoHandlers(const std::string &raw) {
  std::string subject = jwt::decode(raw).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'jwt::decode' may throw 'std::invalid_argument', which was handled in 'HEAD' ({{[0-9a-f]+}}) but is no longer handled in 'twoHandlers'; restore the handler (auth.cpp:17) or catch 'std::invalid_argument' in 'twoHandlers' [failguard-removed-exception-handler]
  // CHECK-MESSAGES: :[[@LINE-2]]:25: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument' at auth.cpp:17
  return jwt::decode(raw).get_subject().size();
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'jwt::payload::get_subject' may throw 'jwt::error::claim_not_present_exception', which was handled in 'HEAD' ({{[0-9a-f]+}}) but is no longer handled in 'twoHandlers'; restore the handler (auth.cpp:22) or catch 'jwt::error::claim_not_present_exception' in 'twoHandlers' [failguard-removed-exception-handler]
  // CHECK-MESSAGES: :[[@LINE-2]]:27: note: 'HEAD' ({{[0-9a-f]+}}) handled 'jwt::error::claim_not_present_exception' at auth.cpp:22
}
