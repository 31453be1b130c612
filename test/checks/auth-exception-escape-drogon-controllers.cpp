// drogon controllers: methods registered with METHOD_ADD, ADD_METHOD_TO and
// ADD_METHOD_VIA_REGEX, handlers given to app().registerHandler, simple
// controllers and WebSocket controllers are request handlers.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <drogon/drogon.h>
#include <jwt-cpp/jwt.h>

using Callback = std::function<void(const drogon::HttpResponsePtr &)>;

class UserController : public drogon::HttpController<UserController> {
public:
  METHOD_LIST_BEGIN
  METHOD_ADD(UserController::profile, "/profile", drogon::Get);
  ADD_METHOD_TO(UserController::login, "/api/login", drogon::Post);
  ADD_METHOD_VIA_REGEX(UserController::byId, "/user/([0-9]+)", drogon::Get);
  METHOD_ADD(UserController::guarded, "/guarded", drogon::Get);
  METHOD_LIST_END

  void profile(const drogon::HttpRequestPtr &req, Callback &&callback);
  void login(const drogon::HttpRequestPtr &req, Callback &&callback) {
    jwt::decode(req->getHeader("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'UserController::login' registered through 'drogon::HttpController::registerMethod'; catch them in 'UserController::login' [failguard-auth-exception-escape]
  }
  void byId(const drogon::HttpRequestPtr &req, Callback &&callback, std::string id) {
    jwt::decode(req->getHeader("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'UserController::byId' registered through 'drogon::HttpController::registerMethodViaRegex'; catch them in 'UserController::byId' [failguard-auth-exception-escape]
  }
  // Negative control: the registered handler catches.
  void guarded(const drogon::HttpRequestPtr &req, Callback &&callback) {
    try {
      jwt::decode(req->getHeader("Authorization"));
    } catch (const std::exception &) {
      callback(drogon::HttpResponse::newHttpResponse());
    }
  }
  // Negative control: a method no routing call registers may throw to its caller.
  std::string subject(const std::string &token) { return jwt::decode(token).get_subject(); }
};

// Defined after the registration, out of the class.
void UserController::profile(const drogon::HttpRequestPtr &req, Callback &&callback) {
  jwt::decode(req->getHeader("Authorization"));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'UserController::profile' registered through 'drogon::HttpController::registerMethod'; catch them in 'UserController::profile' [failguard-auth-exception-escape]
}

void registerRoutes() {
  drogon::app().registerHandler("/hello", [](const drogon::HttpRequestPtr &req, Callback &&callback) {
    jwt::decode(req->getHeader("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'registerRoutes' registered through 'drogon::HttpAppFramework::registerHandler'; catch them in lambda in 'registerRoutes' [failguard-auth-exception-escape]
  });
  drogon::app().registerHandler("/safe", [](const drogon::HttpRequestPtr &req, Callback &&callback) {
    try {
      jwt::decode(req->getHeader("Authorization"));
    } catch (const std::exception &) {
    }
  });
  // Negative control: a lambda that is not given to a routing call.
  auto helper = [](const std::string &token) { return jwt::decode(token); };
  helper("x.y.z");
}

class Hello : public drogon::HttpSimpleController<Hello> {
public:
  PATH_LIST_BEGIN
  PATH_ADD("/hello", drogon::Get);
  PATH_LIST_END
  void asyncHandleHttpRequest(const drogon::HttpRequestPtr &req, Callback &&callback) override {
    jwt::verify().verify(jwt::decode(req->getHeader("Authorization")));
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: exceptions 'jwt::error::token_verification_exception', 'jwt::error::signature_verification_exception' and 5 more thrown by 'jwt::verifier::verify' escape request handler 'Hello::asyncHandleHttpRequest'; catch them in 'Hello::asyncHandleHttpRequest' [failguard-auth-exception-escape]
    // CHECK-MESSAGES: :[[@LINE-2]]:26: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'Hello::asyncHandleHttpRequest'; catch them in 'Hello::asyncHandleHttpRequest' [failguard-auth-exception-escape]
  }
};

class GuardedHello : public drogon::HttpSimpleController<GuardedHello> {
public:
  void asyncHandleHttpRequest(const drogon::HttpRequestPtr &req, Callback &&callback) override {
    try {
      jwt::verify().verify(jwt::decode(req->getHeader("Authorization")));
    } catch (...) {
      callback(drogon::HttpResponse::newHttpResponse());
    }
  }
};

class Chat : public drogon::WebSocketController<Chat> {
public:
  WS_PATH_LIST_BEGIN
  WS_PATH_ADD("/chat");
  WS_PATH_LIST_END
  void handleNewMessage(const drogon::WebSocketConnectionPtr &conn, std::string &&message,
                        const drogon::WebSocketMessageType &type) override {
    jwt::decode(message);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'Chat::handleNewMessage'; catch them in 'Chat::handleNewMessage' [failguard-auth-exception-escape]
  }
  void handleNewConnection(const drogon::HttpRequestPtr &req,
                           const drogon::WebSocketConnectionPtr &conn) override {
    jwt::decode(req->getHeader("Sec-WebSocket-Protocol"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'Chat::handleNewConnection'; catch them in 'Chat::handleNewConnection' [failguard-auth-exception-escape]
  }
  void handleConnectionClosed(const drogon::WebSocketConnectionPtr &conn) override {
    jwt::decode(token_);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'Chat::handleConnectionClosed'; catch them in 'Chat::handleConnectionClosed' [failguard-auth-exception-escape]
  }
  std::string token_;
};

class GuardedChat : public drogon::WebSocketController<GuardedChat> {
public:
  void handleNewMessage(const drogon::WebSocketConnectionPtr &conn, std::string &&message,
                        const drogon::WebSocketMessageType &type) override {
    try {
      jwt::decode(message);
    } catch (const std::exception &) {
      conn->forceClose();
    }
  }
  void handleNewConnection(const drogon::HttpRequestPtr &req,
                           const drogon::WebSocketConnectionPtr &conn) override {}
  void handleConnectionClosed(const drogon::WebSocketConnectionPtr &conn) override {}
};
