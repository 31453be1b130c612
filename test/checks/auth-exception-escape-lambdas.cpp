// Lambdas are functions of their own; calling one brings its escapes along.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <drogon/HttpFilter.h>
#include <jwt-cpp/jwt.h>

class LambdaFilter : public drogon::HttpFilter<LambdaFilter> {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    // Defining a lambda runs nothing.
    auto later = [req] { return jwt::decode(req->getHeader("Authorization")); };
    // Calling it does.
    auto check = [&req] { jwt::verify().verify(jwt::decode(req->getHeader("Authorization"))); }; // @mark CHECK_LAMBDA
    check();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'jwt::error::token_verification_exception', 'jwt::error::signature_verification_exception' and 7 more thrown by 'jwt::verifier::verify' and 'jwt::decode' escape request handler 'LambdaFilter::doFilter'; catch them in 'LambdaFilter::doFilter' [failguard-auth-exception-escape]
    // CHECK-MESSAGES: :[[#CHECK_LAMBDA]]:41: note: 'jwt::verifier::verify' is called here in lambda in 'LambdaFilter::doFilter' without a handler for 'jwt::error::token_verification_exception'
    // CHECK-MESSAGES: :[[#CHECK_LAMBDA]]:48: note: 'jwt::decode' is called here in lambda in 'LambdaFilter::doFilter' without a handler for 'std::invalid_argument'

    // A lambda with its own handler.
    auto safe = [&req] {
      try {
        jwt::decode(req->getHeader("Authorization"));
        return true;
      } catch (const std::exception &) {
        return false;
      }
    };
    if (safe())
      fccb();
  }
};

// A noexcept lambda is a boundary of its own.
auto strict = [](const std::string &raw) noexcept { return jwt::decode(raw).get_token(); };
// CHECK-MESSAGES: :[[@LINE-1]]:60: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape noexcept lambda; catch them in lambda [failguard-auth-exception-escape]
