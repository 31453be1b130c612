// Session tokens with cpp-jwt (the real library's headers).
#include <jwt/jwt.hpp>

#include <optional>
#include <string>
#include <string_view>

// @probe (void)jwt::decode(token, jwt::params::algorithms({"HS256"}), jwt::params::secret("k"));

void audit(const char *event);

// @fn sessionUser
std::optional<std::string> sessionUser(const std::string &token) {
  using namespace jwt::params;
  try {
    auto decoded = jwt::decode(token, algorithms({"HS256"}), secret("k"), verify(true));
    audit("session");
    return decoded.payload().get_claim_value<std::string>("sub");
  } catch (const jwt::DecodeError &) {
    return std::nullopt;
  } catch (const std::exception &) {
    // Verification errors, and the JSON library's errors on a malformed payload.
    return std::nullopt;
  }
}
// @end

// @fn sessionScope
std::optional<std::string> sessionScope(const std::string &token) {
  using namespace jwt::params;
  try {
    auto decoded = jwt::decode(token, algorithms({"HS256"}), secret("k"), verify(true));
    audit("scope");
    return decoded.payload().get_claim_value<std::string>("scope");
  } catch (const std::exception &) {
    audit("bad session");
    return std::nullopt;
  }
}
// @end

// @fn sessionAlive
bool sessionAlive(const std::string &token) {
  using namespace jwt::params;
  try {
    auto decoded = jwt::decode(token, algorithms({"HS256"}), secret("k"), verify(true));
    audit("alive");
    return decoded.payload().has_claim("exp");
  } catch (const std::exception &) {
    return false;
  }
}
// @end
