// A Drogon filter and helpers that authenticate requests with jwt-cpp.
#include <drogon/HttpFilter.h>
#include <jwt-cpp/jwt.h>

#include <optional>
#include <string>
#include <string_view>

// @probe (void)jwt::decode(token);

void audit(const char *event);

// @fn bearerSubject
std::optional<std::string> bearerSubject(const std::string &token) {
  try {
    auto decoded = jwt::decode(token.substr(7));
    audit("bearer");
    return decoded.get_subject();
  } catch (const std::exception &) {
    return std::nullopt;
  }
}
// @end

std::string rolesOrThrow(const std::string &token) {
  return jwt::decode(token).get_payload_claim("roles").as_string();
}

// @fn roleAllowed caller
bool roleAllowed(const std::string &token) {
  try {
    auto roles = rolesOrThrow(token);
    audit("roles");
    return roles.find("admin") != std::string::npos;
  } catch (const std::exception &) {
    return false;
  }
}
// @end

class AuthFilter : public drogon::HttpFilter<AuthFilter> {
public:
  // @fn AuthFilter::doFilter fixed
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    const std::string &token = req->getHeader("Authorization");
    try {
      auto decoded = jwt::decode(token);
      audit("filter");
      jwt::verify().verify(decoded);
    } catch (const std::exception &) {
      fcb(drogon::HttpResponse::newHttpResponse());
      return;
    }
    fccb();
  }
  // @end
};
