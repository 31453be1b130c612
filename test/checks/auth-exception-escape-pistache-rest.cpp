// Pistache REST: member and free functions wrapped by Routes::bind, and lambdas
// given to the Routes functions and Router methods, are request handlers.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <jwt-cpp/jwt.h>
#include <pistache/router.h>

using namespace Pistache;

void health(const Rest::Request &request, Http::ResponseWriter response) {
  jwt::decode(request.body());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'health' registered through 'Pistache::Rest::Routes::bind'; catch them in 'health' [failguard-auth-exception-escape]
}

class AuthApi {
public:
  void setupRoutes() {
    Rest::Routes::Get(router, "/me", Rest::Routes::bind(&AuthApi::me, this));
    Rest::Routes::Post(router, "/login", Rest::Routes::bind(&AuthApi::login, this));
    Rest::Routes::Get(router, "/health", Rest::Routes::bind(&health));
    Rest::Routes::Get(router, "/lambda", [](const Rest::Request &request, Http::ResponseWriter response) {
      jwt::decode(request.body());
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'AuthApi::setupRoutes' registered through 'Pistache::Rest::Routes::Get'; catch them in lambda in 'AuthApi::setupRoutes' [failguard-auth-exception-escape]
      return Rest::Route::Result::Ok;
    });
    router.addNotFoundHandler([](const Rest::Request &request, Http::ResponseWriter response) {
      jwt::decode(request.body());
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'AuthApi::setupRoutes' registered through 'Pistache::Rest::Router::addNotFoundHandler'; catch them in lambda in 'AuthApi::setupRoutes' [failguard-auth-exception-escape]
      return Rest::Route::Result::Ok;
    });
  }

  void me(const Rest::Request &request, Http::ResponseWriter response) {
    auto decoded = jwt::decode(request.body());
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'AuthApi::me' registered through 'Pistache::Rest::Routes::bind'; catch them in 'AuthApi::me' [failguard-auth-exception-escape]
    response.send(200, decoded.get_token());
  }

  // Negative control: the bound handler catches.
  void login(const Rest::Request &request, Http::ResponseWriter response) {
    try {
      jwt::decode(request.body());
      response.send(200, "ok");
    } catch (const std::exception &) {
      response.send(401, "invalid token");
    }
  }

  // Negative control: not bound to a route.
  std::string subject(const std::string &token) { return jwt::decode(token).get_subject(); }

private:
  Rest::Router router;
};
