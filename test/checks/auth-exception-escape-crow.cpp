// Crow: lambdas given to CROW_ROUTE(app, url) and app.route_dynamic(url) are
// request handlers.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <crow.h>
#include <jwt-cpp/jwt.h>

crow::response whoAmI(const crow::request &req);

int main() {
  crow::SimpleApp app;

  CROW_ROUTE(app, "/login")([](const crow::request &req) {
    jwt::decode(req.get_header_value("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'main' registered through 'crow::TaggedRule::operator()'; catch them in lambda in 'main' [failguard-auth-exception-escape]
    return crow::response(200);
  });

  CROW_ROUTE(app, "/token").methods(crow::HTTPMethod::Post)([](const crow::request &req) {
    auto decoded = jwt::decode(req.body);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'main' registered through 'crow::TaggedRule::operator()'; catch them in lambda in 'main' [failguard-auth-exception-escape]
    return crow::response(200, decoded.get_token());
  });

  app.route_dynamic("/dynamic")([](const crow::request &req) {
    jwt::decode(req.body);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'main' registered through 'crow::DynamicRule::operator()'; catch them in lambda in 'main' [failguard-auth-exception-escape]
    return crow::response(200);
  });

  // A function given by name.
  CROW_ROUTE(app, "/whoami")(whoAmI);

  // Negative control: the route handler catches.
  CROW_ROUTE(app, "/safe")([](const crow::request &req) {
    try {
      jwt::decode(req.get_header_value("Authorization"));
    } catch (const std::exception &) {
      return crow::response(401);
    }
    return crow::response(200);
  });

  // Negative control: a lambda that is only called here; main is no boundary.
  auto parse = [](const std::string &raw) { return jwt::decode(raw).get_token(); };
  parse("x.y.z");

  app.port(18080).run();
}

crow::response whoAmI(const crow::request &req) {
  return crow::response(200, jwt::decode(req.body).get_subject());
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'whoAmI' registered through 'crow::TaggedRule::operator()'; catch them in 'whoAmI' [failguard-auth-exception-escape]
  // CHECK-MESSAGES: :[[@LINE-2]]:52: warning: exceptions 'jwt::error::claim_not_present_exception' and 'std::bad_cast' thrown by 'jwt::payload::get_subject' escape request handler 'whoAmI' registered through 'crow::TaggedRule::operator()'; catch them in 'whoAmI' [failguard-auth-exception-escape]
}
