#include <crow.h>
#include <jwt-cpp/jwt.h>

int main() {
  crow::SimpleApp app;

  CROW_ROUTE(app, "/login")([](const crow::request &req) {
    jwt::decode(req.get_header_value("Authorization"));
    return crow::response(200);
  });

  app.port(18080).run();
}
