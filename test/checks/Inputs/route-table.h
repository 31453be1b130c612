// A repository header with route tables: namespace-scope variables whose
// lambdas handle the requests.
#pragma once
#include <functional>
#include <jwt-cpp/jwt.h>
#include <pistache/http.h>
#include <string>
#include <vector>

namespace app {
struct Route {
  std::string path;
  std::function<void(const Pistache::Http::Request &, Pistache::Http::ResponseWriter &)> handler;
};

inline std::vector<Route> routes = {
    {"/health", [](const Pistache::Http::Request &, Pistache::Http::ResponseWriter &response) {
       response.send(200, "ok");
     }},
    {"/login",
     [](const Pistache::Http::Request &request, Pistache::Http::ResponseWriter &response) {
       response.send(200, jwt::decode(request.body()).get_token());
     }},
};

// The same shape, every handler with its own catch.
struct SafeRoute {
  std::string path;
  std::function<void(const Pistache::Http::Request &, Pistache::Http::ResponseWriter &)> handler;
};

inline std::vector<SafeRoute> safeRoutes = {
    {"/login",
     [](const Pistache::Http::Request &request, Pistache::Http::ResponseWriter &response) {
       try {
         response.send(200, jwt::decode(request.body()).get_token());
       } catch (const std::exception &) {
         response.send(401, "invalid token");
       }
     }},
};
} // namespace app
