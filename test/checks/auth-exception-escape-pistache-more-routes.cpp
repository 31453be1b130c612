// Pistache REST: middlewares (Routes::middleware targets, lambdas given to
// Router::addMiddleware) run for every request; handlers reach the routing
// calls through variables (a Route::Handler or Route::Middleware variable, a
// lambda variable, a Routes::bind result kept in a variable).
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <jwt-cpp/jwt.h>
#include <pistache/router.h>

using namespace Pistache;

bool requireToken(Http::Request &request, Http::ResponseWriter &response) {
  jwt::decode(request.body());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'requireToken' registered through 'Pistache::Rest::Routes::middleware'; catch them in 'requireToken' [failguard-auth-exception-escape]
  return true;
}

class AuthApi {
public:
  void setupRoutes() {
    router.addMiddleware(Rest::Routes::middleware(&AuthApi::checkSession, this));
    router.addMiddleware(Rest::Routes::middleware(&AuthApi::checkSafely, this));
    router.addMiddleware(Rest::Routes::middleware(&requireToken));
    router.addMiddleware([](Http::Request &request, Http::ResponseWriter &response) {
      jwt::decode(request.body());
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'AuthApi::setupRoutes' registered through 'Pistache::Rest::Router::addMiddleware'; catch them in lambda in 'AuthApi::setupRoutes' [failguard-auth-exception-escape]
      return true;
    });

    // A Route::Handler variable initialised from a lambda.
    Rest::Route::Handler me = [](const Rest::Request &request, Http::ResponseWriter response) {
      jwt::decode(request.body());
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'AuthApi::setupRoutes' registered through 'Pistache::Rest::Routes::Get'; catch them in lambda in 'AuthApi::setupRoutes' [failguard-auth-exception-escape]
      return Rest::Route::Result::Ok;
    };
    Rest::Routes::Get(router, "/me", me);

    // A Route::Middleware variable.
    Rest::Route::Middleware audit = [](Http::Request &request, Http::ResponseWriter &) {
      return !jwt::decode(request.body()).get_subject().empty();
      // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'AuthApi::setupRoutes' registered through 'Pistache::Rest::Router::addMiddleware'; catch them in lambda in 'AuthApi::setupRoutes' [failguard-auth-exception-escape]
      // CHECK-MESSAGES: :[[@LINE-2]]:43: warning: exceptions 'jwt::error::claim_not_present_exception' and 'std::bad_cast' thrown by 'jwt::payload::get_subject' escape request handler lambda in 'AuthApi::setupRoutes' registered through 'Pistache::Rest::Router::addMiddleware'; catch them in lambda in 'AuthApi::setupRoutes' [failguard-auth-exception-escape]
    };
    router.addMiddleware(audit);

    // A lambda variable.
    auto token = [](const Rest::Request &request, Http::ResponseWriter response) {
      jwt::decode(request.body());
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'AuthApi::setupRoutes' registered through 'Pistache::Rest::Routes::Post'; catch them in lambda in 'AuthApi::setupRoutes' [failguard-auth-exception-escape]
      return Rest::Route::Result::Ok;
    };
    Rest::Routes::Post(router, "/token", token);

    // A Routes::bind result kept in a variable: bind registers it.
    auto login = Rest::Routes::bind(&AuthApi::login, this);
    Rest::Routes::Post(router, "/login", login);

    // Negative control: a Route::Handler variable whose lambda catches.
    Rest::Route::Handler safe = [](const Rest::Request &request, Http::ResponseWriter response) {
      try {
        jwt::decode(request.body());
      } catch (const std::exception &) {
        response.send(401, "invalid token");
      }
      return Rest::Route::Result::Ok;
    };
    Rest::Routes::Get(router, "/safe", safe);
  }

  bool checkSession(Http::Request &request, Http::ResponseWriter &response) {
    jwt::decode(request.body());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'AuthApi::checkSession' registered through 'Pistache::Rest::Routes::middleware'; catch them in 'AuthApi::checkSession' [failguard-auth-exception-escape]
    return true;
  }

  // Negative control: the middleware catches.
  bool checkSafely(Http::Request &request, Http::ResponseWriter &response) {
    try {
      jwt::decode(request.body());
    } catch (const std::exception &) {
      response.send(401, "invalid token");
      return false;
    }
    return true;
  }

  void login(const Rest::Request &request, Http::ResponseWriter response) {
    jwt::decode(request.body());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'AuthApi::login' registered through 'Pistache::Rest::Routes::bind'; catch them in 'AuthApi::login' [failguard-auth-exception-escape]
  }

private:
  Rest::Router router;
};

// In a function template that is never instantiated, the Routes call with a
// dependent lambda stays unresolved; its overload set is Routes::Get's.
template <typename Api> void installRoutes(Rest::Router &router) {
  Rest::Routes::Get(router, "/t", [](const Rest::Request &request, Http::ResponseWriter) {
    jwt::decode(request.body());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'installRoutes' registered through 'Pistache::Rest::Routes::Get'; catch them in lambda in 'installRoutes' [failguard-auth-exception-escape]
    return Rest::Route::Result::Ok;
  });
  // Negative control: the lambda catches.
  router.addMiddleware([](Http::Request &request, Http::ResponseWriter &response) {
    try {
      jwt::decode(request.body());
    } catch (const std::exception &) {
      return false;
    }
    return true;
  });
}
