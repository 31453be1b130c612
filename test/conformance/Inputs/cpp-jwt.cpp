// cpp-jwt conformance: every crafted token through jwt::decode, as services configure it.
//   cpp-jwt ALG KEY_FILE ISSUER AUDIENCE SUBJECT < "CASE TOKEN" lines
#include "conformance.h"

#include <jwt/jwt.hpp>

int main(int argc, char **argv) {
  if (argc != 6) {
    std::cerr << "usage: cpp-jwt ALG KEY_FILE ISSUER AUDIENCE SUBJECT\n";
    return 2;
  }
  const std::string Alg = argv[1], Key = conformance::readFile(argv[2]), Issuer = argv[3],
                    Audience = argv[4], Subject = argv[5];
  using namespace jwt::params;
  return conformance::forEachToken([&](const std::string &Case, const std::string &Token) {
    // Every check a case presupposes: the algorithm, the key, the issuer,
    // audience and subject, an iat and a jti.
    conformance::run("jwt::decode", Case, [&] {
      jwt::decode(Token, algorithms({Alg}), secret(Key), issuer(Issuer), aud(Audience),
                  sub(Subject), validate_iat(true), validate_jti(true));
      return true;
    });
    // One check at a time: which of them a missing claim fails first.
    conformance::run("jwt::decode[aud]", Case, [&] {
      jwt::decode(Token, algorithms({Alg}), secret(Key), aud(Audience));
      return true;
    });
    conformance::run("jwt::decode[sub]", Case, [&] {
      jwt::decode(Token, algorithms({Alg}), secret(Key), sub(Subject));
      return true;
    });
    conformance::run("jwt::decode[iat]", Case, [&] {
      jwt::decode(Token, algorithms({Alg}), secret(Key), validate_iat(true));
      return true;
    });
    conformance::run("jwt::decode[jti]", Case, [&] {
      jwt::decode(Token, algorithms({Alg}), secret(Key), validate_jti(true));
      return true;
    });
    // Without verification: only the structure counts.
    conformance::run("jwt::decode[unverified]", Case, [&] {
      jwt::decode(Token, algorithms({Alg}), verify(false));
      return true;
    });
    conformance::run("jwt::decode(error_code)", Case, [&] {
      std::error_code Error;
      jwt::decode(Token, algorithms({Alg}), Error, secret(Key), issuer(Issuer), aud(Audience),
                  sub(Subject), validate_iat(true), validate_jti(true));
      return true;
    });
  });
}
