// A Pistache endpoint that checks the bearer token of each request.
#include <jwt-cpp/jwt.h>
#include <pistache/http.h>

#include <optional>
#include <string>
#include <string_view>

// @probe (void)jwt::decode(token);

void audit(const char *event);

std::string subjectOrThrow(const std::string &token) { return jwt::decode(token).get_subject(); }

// @fn userOf caller
std::optional<std::string> userOf(const std::string &token) {
  try {
    auto user = subjectOrThrow(token);
    audit("user");
    return user;
  } catch (const std::exception &) {
    return std::nullopt;
  }
}
// @end

class TokenEndpoint : public Pistache::Http::Handler {
public:
  // @fn TokenEndpoint::onRequest fixed
  void onRequest(const Pistache::Http::Request &request,
                 Pistache::Http::ResponseWriter response) override {
    const std::string &token = request.body();
    try {
      auto decoded = jwt::decode(token);
      audit("endpoint");
      response.send(200, decoded.get_subject());
    } catch (const std::exception &) {
      response.send(401, "invalid token");
    }
  }
  // @end
};
