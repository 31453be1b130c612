// drogon coroutines: a drogon::Task<> controller method registered with
// METHOD_ADD, the coroutine filter and middleware interfaces, and a coroutine
// returning drogon::AsyncTask (its promise terminates the process).
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t -- -- -std=c++20

#include <drogon/drogon.h>
#include <jwt-cpp/jwt.h>

class TokenController : public drogon::HttpController<TokenController> {
public:
  METHOD_LIST_BEGIN
  METHOD_ADD(TokenController::me, "/me", drogon::Get);
  METHOD_ADD(TokenController::guarded, "/guarded", drogon::Get);
  METHOD_ADD(TokenController::role, "/role", drogon::Get);
  METHOD_LIST_END

  drogon::Task<drogon::HttpResponsePtr> me(drogon::HttpRequestPtr req) {
    auto decoded = jwt::decode(req->getHeader("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'TokenController::me' registered through 'drogon::HttpController::registerMethod'; catch them in 'TokenController::me' [failguard-auth-exception-escape]
    co_return drogon::HttpResponse::newHttpResponse();
  }
  drogon::Task<drogon::HttpResponsePtr> guarded(drogon::HttpRequestPtr req) {
    try {
      jwt::decode(req->getHeader("Authorization"));
    } catch (const std::exception &) {
      co_return nullptr;
    }
    co_return drogon::HttpResponse::newHttpResponse();
  }

  // A claim checked before it is read, leaving with co_return: the getter
  // cannot throw claim_not_present_exception.
  drogon::Task<drogon::HttpResponsePtr> role(drogon::HttpRequestPtr req) {
    try {
      auto decoded = jwt::decode(req->getHeader("Authorization"));
      // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: exception 'std::bad_cast' thrown by 'jwt::decode' escapes request handler 'TokenController::role' registered through 'drogon::HttpController::registerMethod'; catch it in 'TokenController::role' [failguard-auth-exception-escape]
      if (!decoded.has_payload_claim("role"))
        co_return nullptr;
      decoded.get_payload_claim("role");
    } catch (const std::runtime_error &) {
      co_return nullptr;
    } catch (const std::invalid_argument &) {
      co_return nullptr;
    }
    co_return drogon::HttpResponse::newHttpResponse();
  }
};

class CoroFilter : public drogon::HttpCoroFilter<CoroFilter> {
public:
  drogon::Task<drogon::HttpResponsePtr> doFilter(const drogon::HttpRequestPtr &req) override {
    jwt::decode(req->getHeader("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'CoroFilter::doFilter'; catch them in 'CoroFilter::doFilter' [failguard-auth-exception-escape]
    co_return nullptr;
  }
};

class CoroMiddleware : public drogon::HttpCoroMiddleware<CoroMiddleware> {
public:
  drogon::Task<drogon::HttpResponsePtr> invoke(const drogon::HttpRequestPtr &req,
                                               drogon::MiddlewareNextAwaiter &&next) override {
    try {
      jwt::decode(req->getHeader("Authorization"));
    } catch (const std::exception &) {
      co_return drogon::HttpResponse::newHttpResponse();
    }
    co_return co_await next;
  }
};

class BareCoroMiddleware : public drogon::HttpCoroMiddleware<BareCoroMiddleware> {
public:
  drogon::Task<drogon::HttpResponsePtr> invoke(const drogon::HttpRequestPtr &req,
                                               drogon::MiddlewareNextAwaiter &&next) override {
    jwt::decode(req->getHeader("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'BareCoroMiddleware::invoke'; catch them in 'BareCoroMiddleware::invoke' [failguard-auth-exception-escape]
    co_return co_await next;
  }
};

drogon::AsyncTask refreshSession(std::string token) {
  jwt::decode(token);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape coroutine 'refreshSession' returning 'drogon::AsyncTask', which terminates the process on an exception; catch them in 'refreshSession' [failguard-auth-exception-escape]
  co_return;
}

drogon::AsyncTask refreshGuarded(std::string token) {
  try {
    jwt::decode(token);
  } catch (...) {
  }
  co_return;
}

// Negative control: a Task<> coroutine nobody registers passes its exception
// to the caller that awaits it.
drogon::Task<std::string> subjectOf(std::string token) {
  co_return jwt::decode(token).get_subject();
}
