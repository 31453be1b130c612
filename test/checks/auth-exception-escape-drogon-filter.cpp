// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <drogon/HttpFilter.h>
#include <jwt-cpp/jwt.h>

// The incident: the filter decodes and verifies the token with no handler.
class BareFilter : public drogon::HttpFilter<BareFilter> {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    auto decoded = jwt::decode(req->getHeader("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'BareFilter::doFilter'; catch them in 'BareFilter::doFilter' [failguard-auth-exception-escape]
    jwt::verify().allow_algorithm(jwt::algorithm::hs256{"secret"}).verify(decoded);
    // CHECK-MESSAGES: :[[@LINE-1]]:68: warning: exceptions 'jwt::error::token_verification_exception', 'jwt::error::signature_verification_exception' and 5 more thrown by 'jwt::verifier::verify' escape request handler 'BareFilter::doFilter'; catch them in 'BareFilter::doFilter' [failguard-auth-exception-escape]
    fccb();
  }
};

// Handled with a catch of a common base: nothing escapes.
class GuardedFilter : public drogon::HttpFilter<GuardedFilter> {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    try {
      auto decoded = jwt::decode(req->getHeader("Authorization"));
      jwt::verify().allow_algorithm(jwt::algorithm::hs256{"secret"}).verify(decoded);
    } catch (const std::exception &) {
      fcb(drogon::HttpResponse::newHttpResponse());
      return;
    }
    fccb();
  }
};

// catch (...) handles everything.
class CatchAllFilter : public drogon::HttpFilter<CatchAllFilter> {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    try {
      jwt::decode(req->getHeader("Authorization"));
    } catch (...) {
      return;
    }
    fccb();
  }
};

// The verifier's error_code overload still throws for missing or mistyped claims.
class ErrorCodeFilter : public drogon::HttpFilter<ErrorCodeFilter> {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    try {
      auto decoded = jwt::decode(req->getHeader("Authorization"));
      // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: exception 'std::bad_cast' thrown by 'jwt::decode' escapes request handler 'ErrorCodeFilter::doFilter'; catch it in 'ErrorCodeFilter::doFilter' [failguard-auth-exception-escape]
      std::error_code ec;
      jwt::verify().verify(decoded, ec);
      // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: exceptions 'jwt::error::claim_not_present_exception', 'std::bad_cast' and 'std::logic_error' thrown by 'jwt::verifier::verify' escape request handler 'ErrorCodeFilter::doFilter'; catch them in 'ErrorCodeFilter::doFilter' [failguard-auth-exception-escape]
      if (ec)
        return;
    } catch (const std::invalid_argument &) {
      return;
    } catch (const std::runtime_error &) {
      return;
    }
    fccb();
  }
};

// A filter deriving from HttpFilterBase directly, and one level below a user base.
class DirectFilter : public drogon::HttpFilterBase {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    jwt::decode(req->getHeader("Authorization")).get_payload_claim("sub");
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'DirectFilter::doFilter'; catch them in 'DirectFilter::doFilter' [failguard-auth-exception-escape]
    // CHECK-MESSAGES: :[[@LINE-2]]:50: warning: exception 'jwt::error::claim_not_present_exception' thrown by 'jwt::decoded_jwt::get_payload_claim' escapes request handler 'DirectFilter::doFilter'; catch it in 'DirectFilter::doFilter' [failguard-auth-exception-escape]
  }
};
class AppFilter : public DirectFilter {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    jwt::decode(req->getHeader("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'AppFilter::doFilter'; catch them in 'AppFilter::doFilter' [failguard-auth-exception-escape]
  }
};

// Not a boundary: an ordinary member function may throw.
class TokenReader {
public:
  std::string subject(const std::string &token) { return jwt::decode(token).get_subject(); }
};
