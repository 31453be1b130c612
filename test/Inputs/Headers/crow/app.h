// Test double of crow/app.h: CROW_ROUTE, crow::Crow's route and route_dynamic, SimpleApp.
#pragma once
#include <crow/routing.h>

#define CROW_ROUTE(app, url) app.template route<crow::black_magic::get_parameter_tag(url)>(url)

namespace crow {
template <typename... Middlewares> class Crow {
public:
  DynamicRule &route_dynamic(const std::string &rule);
  template <uint64_t Tag> TaggedRule<> &route(const std::string &rule);
  Crow &port(std::uint16_t port);
  void run();
};
using SimpleApp = Crow<>;
} // namespace crow
