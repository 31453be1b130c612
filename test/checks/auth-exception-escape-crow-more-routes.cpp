// Crow: handlers given to CROW_BP_ROUTE (a blueprint's TaggedRule),
// CROW_CATCHALL_ROUTE and CROW_BP_CATCHALL_ROUTE (a CatchallRule) and the
// callbacks of CROW_WEBSOCKET_ROUTE (WebSocketRule's onopen, onmessage,
// onclose, onerror and onaccept) are request handlers.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <crow.h>
#include <jwt-cpp/jwt.h>

int main() {
  crow::SimpleApp app;
  crow::Blueprint api("api");

  CROW_BP_ROUTE(api, "/me")([](const crow::request &req) {
    jwt::decode(req.get_header_value("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'main' registered through 'crow::TaggedRule::operator()'; catch them in lambda in 'main' [failguard-auth-exception-escape]
    return crow::response(200);
  });

  // Negative control: the blueprint handler catches.
  CROW_BP_ROUTE(api, "/safe")([](const crow::request &req) {
    try {
      jwt::decode(req.get_header_value("Authorization"));
    } catch (const std::exception &) {
      return crow::response(401);
    }
    return crow::response(200);
  });

  CROW_CATCHALL_ROUTE(app)([](const crow::request &req) {
    jwt::decode(req.body);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'main' registered through 'crow::CatchallRule::operator()'; catch them in lambda in 'main' [failguard-auth-exception-escape]
    return crow::response(404);
  });

  CROW_BP_CATCHALL_ROUTE(api)([](const crow::request &req) {
    try {
      jwt::decode(req.body);
    } catch (const std::exception &) {
      return crow::response(401);
    }
    return crow::response(404);
  });

  CROW_WEBSOCKET_ROUTE(app, "/ws")
      .onaccept([](const crow::request &req, void **) {
        return jwt::decode(req.get_header_value("Sec-WebSocket-Protocol")).has_subject();
        // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'main' registered through 'crow::WebSocketRule::onaccept'; catch them in lambda in 'main' [failguard-auth-exception-escape]
      })
      .onopen([](crow::websocket::connection &conn) {
        // Negative control: caught.
        try {
          jwt::decode("");
        } catch (const std::exception &) {
          conn.close("unauthorized");
        }
      })
      .onmessage([](crow::websocket::connection &conn, const std::string &data, bool is_binary) {
        auto token = jwt::decode(data);
        // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'main' registered through 'crow::WebSocketRule::onmessage'; catch them in lambda in 'main' [failguard-auth-exception-escape]
        conn.send_text(token.get_subject());
        // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: exceptions 'jwt::error::claim_not_present_exception' and 'std::bad_cast' thrown by 'jwt::payload::get_subject' escape request handler lambda in 'main' registered through 'crow::WebSocketRule::onmessage'; catch them in lambda in 'main' [failguard-auth-exception-escape]
      })
      .onclose([](crow::websocket::connection &conn, const std::string &reason, uint16_t code) {
        jwt::decode(reason);
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'main' registered through 'crow::WebSocketRule::onclose'; catch them in lambda in 'main' [failguard-auth-exception-escape]
      })
      .onerror([](crow::websocket::connection &conn, const std::string &message) {
        jwt::decode(message);
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler lambda in 'main' registered through 'crow::WebSocketRule::onerror'; catch them in lambda in 'main' [failguard-auth-exception-escape]
      });

  // Negative control: a websocket message handler that catches.
  CROW_WEBSOCKET_ROUTE(app, "/ws2").onmessage(
      [](crow::websocket::connection &conn, const std::string &data, bool) {
        try {
          conn.send_text(jwt::decode(data).get_subject());
        } catch (const std::exception &) {
          conn.close("unauthorized");
        }
      });

  app.register_blueprint(api);
  app.port(18080).run();
}
