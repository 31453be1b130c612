// A lambda is known by what it is: the variable it initialises, or the call it
// is passed to with that call's literal arguments (a route path); never only by
// its position among the lambdas of its function.
// RUN: split-file %s %t
// RUN: %git_repo init %t/repo %t/before.cpp=routes.cpp
// RUN: %git_repo put %t/repo %t/after.cpp=routes.cpp
// RUN: %check_failguard_tidy %t/repo/routes.cpp failguard-removed-exception-handler %t/out

//--- before.cpp
#include <jwt-cpp/jwt.h>
#include <functional>
#include <string>

struct Router {
  void get(const char *path, std::function<int(const std::string &)> handler);
};

void routes(Router &router) {
  router.get("/profile", [](const std::string &raw) {
    try {
      jwt::decode(raw);
      return 200;
    } catch (const std::exception &) {
      return 401;
    }
  });
}

void health(Router &router) {
  router.get("/health", [](const std::string &raw) {
    try {
      jwt::decode(raw);
      return 200;
    } catch (const std::exception &) {
      return 401;
    }
  });
}

auto decodeAll = [](const std::string &raw) { jwt::decode(raw); };
auto decodeOne = [](const std::string &raw) {
  try {
    jwt::decode(raw);
  } catch (...) {
  }
};

//--- after.cpp
#include <jwt-cpp/jwt.h>
#include <functional>
#include <string>

struct Router {
  void get(const char *path, std::function<int(const std::string &)> handler);
};

// A route inserted before the one whose handler was removed: still reported.
void routes(Router &router) {
  router.get("/login", [](const std::string &raw) {
    try {
      jwt::decode(raw);
      return 200;
    } catch (const std::exception &) {
      return 401;
    }
  });
  router.get("/profile", [](const std::string &raw) {
    jwt::decode(raw);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'jwt::decode' may throw 'std::invalid_argument' and 3 more, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in lambda in 'routes'; restore the handler ({{[^)]*}}) or catch {{.*}} in lambda in 'routes' [failguard-removed-exception-handler]
// CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'HEAD' ({{[0-9a-f]+}}) handled 'std::invalid_argument', 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' at routes.cpp:14
    return 200;
  });
}

// Negative control: a route inserted before an unchanged one.
void health(Router &router) {
  router.get("/ready", [](const std::string &raw) { return raw.empty() ? 503 : 200; });
  router.get("/health", [](const std::string &raw) {
    try {
      jwt::decode(raw);
      return 200;
    } catch (const std::exception &) {
      return 401;
    }
  });
}

// Negative control: two lambdas at namespace scope are two lambdas; the one that
// never handled anything is not blamed for an unrelated edit of the file.
auto decodeAll = [](const std::string &raw) { jwt::decode(raw); };
auto decodeOne = [](const std::string &raw) {
  try {
    jwt::decode(raw);
  } catch (...) {
    // Swallowed on purpose: the caller treats a bad token as absent.
  }
};
