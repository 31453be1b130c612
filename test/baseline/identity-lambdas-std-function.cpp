// A route lambda given to a user router whose path parameter is a
// std::string and whose handler parameter is a std::function alias: the
// lambda is known by the routing call and its literal path, through both
// conversions. Regression: the path was not seen through std::string, every
// route was "@Router::get()" numbered by position, and a route inserted
// before the changed one hid its removed handler. Negative controls: the
// inserted route (new: nothing to compare) and an unchanged route after it
// stay silent.
// RUN: split-file %s %t
// RUN: %git_repo init %t/repo %t/before.cpp=routes.cpp
// RUN: %git_repo put %t/repo %t/after.cpp=routes.cpp
// RUN: %check_failguard_tidy %t/repo/routes.cpp failguard-removed-exception-handler %t/out

//--- before.cpp
#include <jwt-cpp/jwt.h>
#include <functional>
#include <string>

struct Request {
  std::string token;
};
using Handler = std::function<int(const Request &)>;
struct Router {
  void get(const std::string &path, Handler handler);
};

void routes(Router &router) {
  router.get("/profile", [](const Request &req) {
    try {
      jwt::decode(req.token);
      return 200;
    } catch (const std::exception &) {
      return 401;
    }
  });
  router.get("/admin", [](const Request &req) {
    try {
      jwt::decode(req.token);
      return 200;
    } catch (const std::exception &) {
      return 401;
    }
  });
}

//--- after.cpp
#include <jwt-cpp/jwt.h>
#include <functional>
#include <string>

struct Request {
  std::string token;
};
using Handler = std::function<int(const Request &)>;
struct Router {
  void get(const std::string &path, Handler handler);
};

void routes(Router &router) {
  router.get("/health", [](const Request &req) {
    try {
      jwt::decode(req.token);
      return 200;
    } catch (...) {
      return 503;
    }
  });
  router.get("/profile", [](const Request &req) {
    jwt::decode(req.token);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in lambda in 'routes'; restore the handler ({{[^)]*}}) or catch {{.*}} in lambda in 'routes' [failguard-removed-exception-handler]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at routes.cpp:18
    return 200;
  });
  router.get("/admin", [](const Request &req) {
    try {
      jwt::decode(req.token);
      return 200;
    } catch (const std::exception &) {
      return 401;
    }
  });
}
