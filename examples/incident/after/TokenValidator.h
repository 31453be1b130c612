// The validator after the refactor that caused the outage: it used to return
// std::optional<Claims> and catch the token errors; now it returns Claims and
// lets every decode and verification failure propagate.
#pragma once
#include <jwt-cpp/jwt.h>
#include <string>

namespace auth {

struct Claims {
  std::string subject;
  std::string issuer;
};

inline Claims validateToken(const std::string &bearer, const std::string &secret) {
  auto decoded = jwt::decode(bearer.substr(bearer.find(' ') + 1));
  jwt::verify()
      .allow_algorithm(jwt::algorithm::hs256{secret})
      .with_issuer("https://login.example.com")
      .verify(decoded);
  return Claims{decoded.get_subject(), decoded.get_issuer()};
}

} // namespace auth
