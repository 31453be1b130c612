// Signed tokens with Poco::JWT (the real library's headers).
#include <Poco/JWT/JWTException.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>

#include <optional>
#include <string>
#include <string_view>

// @probe (void)Poco::JWT::Signer("k").verify(token);

void audit(const char *event);

// @fn tokenSubject
std::optional<std::string> tokenSubject(const std::string &token) {
  try {
    auto verified = Poco::JWT::Signer("k").verify(token);
    audit("subject");
    return verified.getSubject();
  } catch (const Poco::Exception &) {
    return std::nullopt;
  }
}
// @end

// @fn tokenAudience
std::optional<std::string> tokenAudience(const std::string &token) {
  try {
    auto verified = Poco::JWT::Signer("k").verify(token);
    audit("audience");
    return verified.getAudience().empty() ? std::string() : verified.getAudience().front();
  } catch (const std::exception &) {
    audit("bad audience");
    return std::nullopt;
  }
}
// @end

// @fn tokenTrusted
bool tokenTrusted(const std::string &token) {
  try {
    auto verified = Poco::JWT::Signer("k").verify(token);
    audit("trusted");
    return verified.getIssuer() == "auth";
  } catch (const Poco::JWT::JWTException &) {
    return false;
  }
}
// @end
