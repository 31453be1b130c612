// Handlers that reach the routing call in other shapes than a lambda or a
// function named at the call: a functor object, a reference, a function
// pointer variable given another function later, a parameter of the function
// that makes the routing call, what a helper returns; and Crow middlewares.
// Each with a neighbour that must stay silent.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t -- -- -std=c++17

#include <crow.h>
#include <drogon/drogon.h>
#include <jwt-cpp/jwt.h>

using Callback = std::function<void(const drogon::HttpResponsePtr &)>;
using Handler = std::function<void(const drogon::HttpRequestPtr &, Callback &&)>;

struct CheckToken {
  void operator()(const drogon::HttpRequestPtr &req, Callback &&callback) const {
    jwt::decode(req->getHeader("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'CheckToken::operator()' registered through 'drogon::HttpAppFramework::registerHandler'; catch them in 'CheckToken::operator()' [failguard-auth-exception-escape]
  }
};

void byReference(const drogon::HttpRequestPtr &req, Callback &&callback) {
  jwt::decode(req->getHeader("Authorization"));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'byReference' registered through 'drogon::HttpAppFramework::registerHandler'; catch them in 'byReference' [failguard-auth-exception-escape]
}

void firstPointee(const drogon::HttpRequestPtr &req, Callback &&callback) {
  try {
    jwt::decode(req->getHeader("Authorization"));
  } catch (const std::exception &) {
  }
}

void laterPointee(const drogon::HttpRequestPtr &req, Callback &&callback) {
  jwt::decode(req->getHeader("Authorization"));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'laterPointee' registered through 'drogon::HttpAppFramework::registerHandler'; catch them in 'laterPointee' [failguard-auth-exception-escape]
}

void viaParameter(const drogon::HttpRequestPtr &req, Callback &&callback) {
  jwt::decode(req->getHeader("Authorization"));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'viaParameter' registered through 'drogon::HttpAppFramework::registerHandler'; catch them in 'viaParameter' [failguard-auth-exception-escape]
}

void builtByHelper(const drogon::HttpRequestPtr &req, Callback &&callback) {
  jwt::decode(req->getHeader("Authorization"));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'builtByHelper' registered through 'drogon::HttpAppFramework::registerHandler'; catch them in 'builtByHelper' [failguard-auth-exception-escape]
}

// Negative control: a function of the same shape that nothing registers.
void neverRegistered(const drogon::HttpRequestPtr &req, Callback &&callback) {
  jwt::decode(req->getHeader("Authorization"));
}

Handler makeHandler() { return &builtByHelper; }

void addRoute(const std::string &path, Handler handler) {
  drogon::app().registerHandler(path, handler);
}

void routes() {
  drogon::app().registerHandler("/functor", CheckToken{});
  auto &reference = byReference;
  drogon::app().registerHandler("/ref", reference);
  void (*pointer)(const drogon::HttpRequestPtr &, Callback &&) = &firstPointee;
  pointer = &laterPointee;
  drogon::app().registerHandler("/pointer", pointer);
  addRoute("/param", &viaParameter);
  drogon::app().registerHandler("/helper", makeHandler());
}

// Crow: the middlewares of the application run for every request.
struct TokenMiddleware {
  struct context {};
  void before_handle(crow::request &req, crow::response &res, context &ctx) {
    jwt::decode(req.get_header_value("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape middleware 'TokenMiddleware::before_handle' of 'crow::Crow', which runs for every request; catch them in 'TokenMiddleware::before_handle' [failguard-auth-exception-escape]
  }
  void after_handle(crow::request &req, crow::response &res, context &ctx) {
    try {
      jwt::decode(req.get_header_value("Authorization"));
    } catch (const std::exception &) {
      res.code = 401;
    }
  }
  // Negative control: not a per-request method.
  std::string subject(const std::string &raw) { return jwt::decode(raw).get_subject(); }
};

// Negative control: a middleware no application mounts.
struct Unmounted {
  struct context {};
  void before_handle(crow::request &req, crow::response &res, context &ctx) {
    jwt::decode(req.get_header_value("Authorization"));
  }
};

int main() {
  crow::App<TokenMiddleware> app;
  routes();
  app.port(8080).run();
}
