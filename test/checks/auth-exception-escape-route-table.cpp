// Lambdas in a route table (a namespace-scope variable in a repository header)
// are analysed like any other function: a call through the table's
// std::function field brings their escapes to the handler that calls it.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t -- -- -I %S/Inputs

#include "route-table.h"

class Router : public Pistache::Http::Handler {
public:
  void onRequest(const Pistache::Http::Request &request,
                 Pistache::Http::ResponseWriter response) override {
    for (const app::Route &route : app::routes)
      if (route.path == request.body())
        route.handler(request, response);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'Router::onRequest'; catch them in 'Router::onRequest' [failguard-auth-exception-escape]
    // CHECK-MESSAGES: route-table.h:22:27: note: 'jwt::decode' is called here in lambda without a handler for 'std::invalid_argument'
  }
};

// Negative control: the call through the table is inside a try.
class GuardedRouter : public Pistache::Http::Handler {
public:
  void onRequest(const Pistache::Http::Request &request,
                 Pistache::Http::ResponseWriter response) override {
    try {
      app::routes.front().handler(request, response);
    } catch (const std::exception &) {
      response.send(401, "invalid token");
    }
  }
};

// Negative control: every lambda of that table catches.
class SafeRouter : public Pistache::Http::Handler {
public:
  void onRequest(const Pistache::Http::Request &request,
                 Pistache::Http::ResponseWriter response) override {
    for (const app::SafeRoute &route : app::safeRoutes)
      route.handler(request, response);
  }
};

// A std::function variable assigned a lambda, then called.
std::function<void(const std::string &)> onToken;

class CallbackHandler : public Pistache::Http::Handler {
public:
  CallbackHandler() {
    onToken = [](const std::string &token) { jwt::decode(token); };
  }
  void onRequest(const Pistache::Http::Request &request,
                 Pistache::Http::ResponseWriter response) override {
    onToken(request.body());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'CallbackHandler::onRequest'; catch them in 'CallbackHandler::onRequest' [failguard-auth-exception-escape]
    // CHECK-MESSAGES: :[[@LINE-6]]:46: note: 'jwt::decode' is called here in lambda in 'CallbackHandler::CallbackHandler' without a handler for 'std::invalid_argument'
  }
};

// A variable's initialiser, a default member initialiser and a constructor's
// member initialiser store lambdas too.
std::function<void(const std::string &)> verifyToken = [](const std::string &token) {
  jwt::verify().verify(jwt::decode(token)); // @mark VERIFY_TOKEN
};

struct Hooks {
  std::function<void(const std::string &)> onLogin = [](const std::string &token) {
    jwt::decode(token); // @mark ON_LOGIN
  };
  std::function<void(const std::string &)> onLogout;
  Hooks() : onLogout([](const std::string &token) { jwt::decode(token); }) {} // @mark ON_LOGOUT
};

class HookHandler : public Pistache::Http::Handler {
public:
  void onRequest(const Pistache::Http::Request &request,
                 Pistache::Http::ResponseWriter response) override {
    verifyToken(request.body());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'jwt::error::token_verification_exception', 'jwt::error::signature_verification_exception' and 7 more thrown by 'jwt::verifier::verify' and 'jwt::decode' escape request handler 'HookHandler::onRequest'; catch them in 'HookHandler::onRequest' [failguard-auth-exception-escape]
    // CHECK-MESSAGES: :[[#VERIFY_TOKEN]]:17: note: 'jwt::verifier::verify' is called here in lambda without a handler for 'jwt::error::token_verification_exception'
    // CHECK-MESSAGES: :[[#VERIFY_TOKEN]]:24: note: 'jwt::decode' is called here in lambda without a handler for 'std::invalid_argument'
    hooks.onLogin(request.body());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'HookHandler::onRequest'; catch them in 'HookHandler::onRequest' [failguard-auth-exception-escape]
    // CHECK-MESSAGES: :[[#ON_LOGIN]]:5: note: 'jwt::decode' is called here in lambda without a handler for 'std::invalid_argument'
    hooks.onLogout(request.body());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'HookHandler::onRequest'; catch them in 'HookHandler::onRequest' [failguard-auth-exception-escape]
    // CHECK-MESSAGES: :[[#ON_LOGOUT]]:53: note: 'jwt::decode' is called here in lambda in 'Hooks::Hooks' without a handler for 'std::invalid_argument'
  }
  Hooks hooks;
};

// A std::bind of a function stored in a std::function variable: a call through
// it runs the bound function.
void checkBearer(const std::string &token, int) { jwt::decode(token); } // @mark BIND_DECODE
void checkSafely(const std::string &token, int) {
  try {
    jwt::decode(token);
  } catch (const std::exception &) {
  }
}
std::function<void(const std::string &)> boundCheck =
    std::bind(&checkBearer, std::placeholders::_1, 0);
std::function<void(const std::string &)> boundSafe =
    std::bind(&checkSafely, std::placeholders::_1, 0);

class BindHandler : public Pistache::Http::Handler {
public:
  void onRequest(const Pistache::Http::Request &request,
                 Pistache::Http::ResponseWriter response) override {
    boundCheck(request.body());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'BindHandler::onRequest'; catch them in 'BindHandler::onRequest' [failguard-auth-exception-escape]
    // CHECK-MESSAGES: :[[#BIND_DECODE]]:51: note: 'jwt::decode' is called here in 'checkBearer' without a handler for 'std::invalid_argument'
    // Negative control: the bound function catches.
    boundSafe(request.body());
  }
};
