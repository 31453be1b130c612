// Test double of crow/app.h (Crow 1.3): CROW_ROUTE, CROW_BP_ROUTE, CROW_WEBSOCKET_ROUTE,
// CROW_CATCHALL_ROUTE, CROW_BP_CATCHALL_ROUTE, crow::Crow's route, route_dynamic,
// catchall_route and register_blueprint, App and SimpleApp.
#pragma once
#include <crow/routing.h>
#include <type_traits>

#define CROW_ROUTE(app, url) app.template route<crow::black_magic::get_parameter_tag(url)>(url)
#define CROW_BP_ROUTE(blueprint, url)                                                              \
  blueprint.new_rule_tagged<crow::black_magic::get_parameter_tag(url)>(url)
#define CROW_WEBSOCKET_ROUTE(app, url)                                                             \
  app.route<crow::black_magic::get_parameter_tag(url)>(url)                                        \
      .websocket<std::remove_reference<decltype(app)>::type>(&app)
#define CROW_CATCHALL_ROUTE(app) app.catchall_route()
#define CROW_BP_CATCHALL_ROUTE(blueprint) blueprint.catchall_rule()

namespace crow {
template <typename... Middlewares> class Crow {
public:
  DynamicRule &route_dynamic(const std::string &rule);
  template <uint64_t Tag> TaggedRule<> &route(const std::string &rule);
  CatchallRule &catchall_route();
  void register_blueprint(Blueprint &blueprint);
  Crow &port(std::uint16_t port);
  void run();
};
// crow/app.h: App names the application with its middlewares, whose
// before_handle and after_handle run around every request.
template <typename... Middlewares> using App = Crow<Middlewares...>;
using SimpleApp = Crow<>;
} // namespace crow
