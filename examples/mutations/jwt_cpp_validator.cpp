// Token validation with jwt-cpp, as a service's auth module writes it.
#include <jwt-cpp/jwt.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

// @probe (void)jwt::decode(token);

void audit(const char *event);

struct Router {
  void get(const char *path, std::function<int(const std::string &)> handler);
};

// @fn subjectOf
std::optional<std::string> subjectOf(const std::string &token) {
  try {
    auto decoded = jwt::decode(token);
    audit("subject");
    return decoded.get_subject();
  } catch (const std::exception &) {
    return std::nullopt;
  }
}
// @end

// @fn issuerOf
std::optional<std::string> issuerOf(const std::string &token) {
  try {
    auto decoded = jwt::decode(token);
    audit("issuer");
    return decoded.get_issuer();
  } catch (const std::exception &) {
    audit("bad issuer");
    return std::nullopt;
  }
}
// @end

// @fn signatureValid
bool signatureValid(const std::string &token, const std::string &secret) {
  try {
    auto decoded = jwt::decode(token);
    audit("verify");
    jwt::verify().allow_algorithm(jwt::algorithm::hs256{secret}).verify(decoded);
    return true;
  } catch (const std::exception &) {
    return false;
  }
}
// @end

// The one place that lets decode errors out: its callers handle them.
std::string subjectOrThrow(const std::string &token) {
  return jwt::decode(token).get_subject();
}

// @fn statusFor caller
int statusFor(const std::string &token) {
  try {
    auto user = subjectOrThrow(token);
    audit("status");
    return user.empty() ? 403 : 200;
  } catch (const std::exception &) {
    return 401;
  }
}
// @end

void registerRoutes(Router &router) {
  // @fn route:/profile
  router.get("/profile", [](const std::string &token) {
    try {
      auto decoded = jwt::decode(token);
      audit("profile");
      return decoded.get_subject().empty() ? 403 : 200;
    } catch (const std::exception &) {
      return 401;
    }
  });
  // @end
}
