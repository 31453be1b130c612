// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <jwt-cpp/jwt.h>
#include <pistache/http.h>

class ApiHandler : public Pistache::Http::Handler {
public:
  void onRequest(const Pistache::Http::Request &request,
                 Pistache::Http::ResponseWriter response) override {
    auto token = jwt::decode(request.body());
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'ApiHandler::onRequest'; catch them in 'ApiHandler::onRequest' [failguard-auth-exception-escape]
    response.send(200, token.get_token());
  }
};

class GuardedHandler : public Pistache::Http::Handler {
public:
  void onRequest(const Pistache::Http::Request &request,
                 Pistache::Http::ResponseWriter response) override {
    try {
      response.send(200, jwt::decode(request.body()).get_issuer());
    } catch (const std::logic_error &) {
      // std::invalid_argument and claim_not_present_exception (std::out_of_range)
      response.send(400, "malformed");
    } catch (const std::runtime_error &) {
      // std::runtime_error, invalid_json_exception
      response.send(401, "invalid");
    } catch (const std::bad_cast &) {
      response.send(401, "invalid");
    }
  }
};
