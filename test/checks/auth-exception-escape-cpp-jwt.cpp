// Against the real cpp-jwt headers (Debian libcpp-jwt-dev).
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <drogon/HttpFilter.h>
#include <jwt/jwt.hpp>

class CppJwtFilter : public drogon::HttpFilter<CppJwtFilter> {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    using namespace jwt::params;
    auto obj = jwt::decode(req->getHeader("Authorization"), algorithms({"HS256"}), secret("k"));
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: exceptions 'jwt::DecodeError', 'jwt::SignatureFormatError' and 14 more thrown by 'jwt::decode' escape request handler 'CppJwtFilter::doFilter'; catch them in 'CppJwtFilter::doFilter' [failguard-auth-exception-escape]
    fccb();
  }
};

// Only expiry is handled: every other verification and decode error escapes.
class ExpiryOnlyFilter : public drogon::HttpFilter<ExpiryOnlyFilter> {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    using namespace jwt::params;
    try {
      jwt::decode(req->getHeader("Authorization"), algorithms({"HS256"}), secret("k"), verify(true));
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exceptions 'jwt::DecodeError', 'jwt::SignatureFormatError' and 13 more thrown by 'jwt::decode' escape request handler 'ExpiryOnlyFilter::doFilter'; catch them in 'ExpiryOnlyFilter::doFilter' [failguard-auth-exception-escape]
    } catch (const jwt::TokenExpiredError &) {
      return;
    }
    fccb();
  }
};

// The std::error_code overload reports cpp-jwt's own errors through ec, but
// a header whose "alg" is not a string (jwt_header::decode) and a payload that
// is not an object (jwt_payload::decode) make nlohmann::json throw out of it
// (cpp-jwt 1.4; test/conformance/cpp-jwt.test runs both).
class ErrorCodeFilter : public drogon::HttpFilter<ErrorCodeFilter> {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    using namespace jwt::params;
    std::error_code ec;
    auto obj = jwt::decode(req->getHeader("Authorization"), algorithms({"HS256"}), ec, secret("k"));
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: exceptions 'nlohmann::detail::type_error' and 'nlohmann::detail::invalid_iterator' thrown by 'jwt::decode' escape request handler 'ErrorCodeFilter::doFilter'; catch them in 'ErrorCodeFilter::doFilter' [failguard-auth-exception-escape]
    if (ec)
      return;
    fccb();
  }
};

// Both cpp-jwt bases handled: nlohmann's exceptions still escape.
class LibraryBasesFilter : public drogon::HttpFilter<LibraryBasesFilter> {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    using namespace jwt::params;
    try {
      jwt::decode(req->getHeader("Authorization"), algorithms({"HS256"}), secret("k"));
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exceptions 'nlohmann::detail::type_error' and 'nlohmann::detail::invalid_iterator' thrown by 'jwt::decode' escape request handler 'LibraryBasesFilter::doFilter'; catch them in 'LibraryBasesFilter::doFilter' [failguard-auth-exception-escape]
    } catch (const jwt::DecodeError &) {
      return;
    } catch (const jwt::VerificationError &) {
      return;
    }
    fccb();
  }
};

// The error_code overload with nlohmann's exception handled.
class GuardedErrorCodeFilter : public drogon::HttpFilter<GuardedErrorCodeFilter> {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    using namespace jwt::params;
    std::error_code ec;
    try {
      jwt::decode(req->getHeader("Authorization"), algorithms({"HS256"}), ec, secret("k"));
    } catch (const nlohmann::json::exception &) {
      return;
    }
    if (ec)
      return;
    fccb();
  }
};

// Everything handled through std::exception.
class GuardedFilter : public drogon::HttpFilter<GuardedFilter> {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    using namespace jwt::params;
    try {
      jwt::decode(req->getHeader("Authorization"), algorithms({"HS256"}), secret("k"));
    } catch (const std::exception &) {
      return;
    }
    fccb();
  }
};
