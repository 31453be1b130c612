// drogon: METHOD_ADD / ADD_METHOD_TO / ADD_METHOD_VIA_REGEX in a controller
// that is a class template (the registerMethod call stays unresolved in the
// pattern), and app().registerHandler given a std::function variable, a lambda
// variable or a std::bind expression, are request handlers.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <drogon/drogon.h>
#include <jwt-cpp/jwt.h>

#include <functional>

using Callback = std::function<void(const drogon::HttpResponsePtr &)>;

template <typename Policy>
class TokenController : public drogon::HttpController<TokenController<Policy>> {
public:
  METHOD_LIST_BEGIN
  METHOD_ADD(TokenController::login, "/login", drogon::Post);
  ADD_METHOD_TO(TokenController::refresh, "/api/refresh", drogon::Post);
  ADD_METHOD_VIA_REGEX(TokenController::byId, "/token/([0-9]+)", drogon::Get);
  METHOD_ADD(TokenController::guarded, "/guarded", drogon::Get);
  METHOD_LIST_END

  void login(const drogon::HttpRequestPtr &req, Callback &&callback) {
    jwt::decode(req->getHeader("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'TokenController::login' registered through 'drogon::HttpController::registerMethod'; catch them in 'TokenController::login' [failguard-auth-exception-escape]
  }
  void refresh(const drogon::HttpRequestPtr &req, Callback &&callback);
  void byId(const drogon::HttpRequestPtr &req, Callback &&callback, std::string id) {
    jwt::decode(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'TokenController::byId' registered through 'drogon::HttpController::registerMethodViaRegex'; catch them in 'TokenController::byId' [failguard-auth-exception-escape]
  }
  // Negative control: the registered handler catches.
  void guarded(const drogon::HttpRequestPtr &req, Callback &&callback) {
    try {
      jwt::decode(req->getHeader("Authorization"));
    } catch (const std::exception &) {
      callback(drogon::HttpResponse::newHttpResponse());
    }
  }
  // Negative control: not registered, may throw to its caller.
  std::string subject(const std::string &token) { return jwt::decode(token).get_subject(); }
};

// Defined out of the class template.
template <typename Policy>
void TokenController<Policy>::refresh(const drogon::HttpRequestPtr &req, Callback &&callback) {
  jwt::decode(req->getHeader("Cookie"));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'TokenController::refresh' registered through 'drogon::HttpController::registerMethod'; catch them in 'TokenController::refresh' [failguard-auth-exception-escape]
}

// Negative control: a class template that is not a controller; its
// registerMethod is its own business.
template <typename T> struct Registry {
  static void registerMethod(T, const char *);
};
template <typename T> struct Plugin : Registry<T> {
  static void setup() { registerMethod(&Plugin::run, "run"); }
  static void run(T) { jwt::decode(""); }
};

// Instantiating METHOD_ADD's unqualified registerMethod needs the dependent
// base's name brought in; the instantiation registers the handlers again and
// each is still reported once, on the template.
template <typename Policy>
class RoleController : public drogon::HttpController<RoleController<Policy>> {
  using Base = drogon::HttpController<RoleController<Policy>>;
  using Base::registerMethod;

public:
  METHOD_LIST_BEGIN
  ADD_METHOD_TO(RoleController::roles, "/api/roles", drogon::Get);
  METHOD_LIST_END

  void roles(const drogon::HttpRequestPtr &req, Callback &&callback) {
    jwt::decode(req->getHeader("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'RoleController::roles' registered through 'drogon::HttpController::registerMethod'; catch them in 'RoleController::roles' [failguard-auth-exception-escape]
  }
};
template class RoleController<int>;

using HandlerFn = std::function<void(const drogon::HttpRequestPtr &, Callback &&)>;

void whoAmI(const drogon::HttpRequestPtr &req, Callback &&callback) {
  jwt::decode(req->getHeader("Authorization"));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'whoAmI' registered through 'drogon::HttpAppFramework::registerHandler'; catch them in 'whoAmI' [failguard-auth-exception-escape]
}

class Sessions {
public:
  void check(const drogon::HttpRequestPtr &req, Callback &&callback) {
    jwt::decode(req->getHeader("Cookie"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'Sessions::check' registered through 'drogon::HttpAppFramework::registerHandler'; catch them in 'Sessions::check' [failguard-auth-exception-escape]
  }
  void safe(const drogon::HttpRequestPtr &req, Callback &&callback) {
    try {
      jwt::decode(req->getHeader("Cookie"));
    } catch (const std::exception &) {
    }
  }
};

// In a function template that is never instantiated, the call with a
// dependent lambda stays unresolved; its overload set is registerHandler's.
template <typename Policy> void installRoutes() {
  drogon::app().registerHandler("/policy", [](const drogon::HttpRequestPtr &req,
                                              Callback &&callback) {
    jwt::decode(req->getHeader("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'installRoutes' registered through 'drogon::HttpAppFramework::registerHandler'; catch them in lambda in 'installRoutes' [failguard-auth-exception-escape]
  });
  // Negative control: the lambda catches.
  drogon::app().registerHandler("/policy-safe", [](const drogon::HttpRequestPtr &req,
                                                   Callback &&callback) {
    try {
      jwt::decode(req->getHeader("Authorization"));
    } catch (const std::exception &) {
    }
  });
}

void byPointer(const drogon::HttpRequestPtr &req, Callback &&callback) {
  jwt::decode(req->getHeader("Authorization"));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'byPointer' registered through 'drogon::HttpAppFramework::registerHandler'; catch them in 'byPointer' [failguard-auth-exception-escape]
}
void (*const handlerPointer)(const drogon::HttpRequestPtr &, Callback &&) = &byPointer;

int main() {
  // A const function pointer variable.
  drogon::app().registerHandler("/pointer", handlerPointer);

  // A std::function variable initialised from a lambda...
  HandlerFn me = [](const drogon::HttpRequestPtr &req, Callback &&callback) {
    jwt::decode(req->getHeader("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'main' registered through 'drogon::HttpAppFramework::registerHandler'; catch them in lambda in 'main' [failguard-auth-exception-escape]
  };
  drogon::app().registerHandler("/me", me);

  // ...from a function, and assigned later: every stored callable counts.
  HandlerFn who = whoAmI;
  who = [](const drogon::HttpRequestPtr &req, Callback &&callback) {
    jwt::decode(req->getHeader("X-Token"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'main' registered through 'drogon::HttpAppFramework::registerHandler'; catch them in lambda in 'main' [failguard-auth-exception-escape]
  };
  drogon::app().registerHandler("/who", std::move(who));

  // A lambda variable.
  auto token = [](const drogon::HttpRequestPtr &req, Callback &&callback) {
    jwt::decode(req->getHeader("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'main' registered through 'drogon::HttpAppFramework::registerHandlerViaRegex'; catch them in lambda in 'main' [failguard-auth-exception-escape]
  };
  drogon::app().registerHandlerViaRegex("/token/.*", token);

  // std::bind of a member function.
  Sessions sessions;
  drogon::app().registerHandler("/session", std::bind(&Sessions::check, &sessions,
                                                      std::placeholders::_1,
                                                      std::placeholders::_2));
  HandlerFn bound = std::bind(&Sessions::safe, &sessions, std::placeholders::_1,
                              std::placeholders::_2);
  drogon::app().registerHandler("/safe-session", bound);

  // Negative control: a std::function variable whose lambda catches.
  HandlerFn guarded = [](const drogon::HttpRequestPtr &req, Callback &&callback) {
    try {
      jwt::decode(req->getHeader("Authorization"));
    } catch (const std::exception &) {
      callback(drogon::HttpResponse::newHttpResponse());
    }
  };
  drogon::app().registerHandler("/guarded", guarded);

  // Negative control: a std::function variable that is never registered.
  HandlerFn unused = [](const drogon::HttpRequestPtr &req, Callback &&) {
    jwt::decode(req->getHeader("Authorization"));
  };

  drogon::app().run();
}
