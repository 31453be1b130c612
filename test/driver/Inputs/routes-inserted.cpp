#include <crow.h>
#include <jwt-cpp/jwt.h>

int main() {
  crow::SimpleApp app;

  // A new route, above the accepted one, with the same message.
  CROW_ROUTE(app, "/admin")([](const crow::request &req) {
    jwt::decode(req.get_header_value("Authorization"));
    return crow::response(200);
  });

  CROW_ROUTE(app, "/login")([](const crow::request &req) {
    jwt::decode(req.get_header_value("Authorization"));
    return crow::response(200);
  });

  app.port(18080).run();
}
