// Poco::JWT conformance: every crafted token through Signer::verify and tryVerify.
//   poco-jwt ALG KEY_FILE ISSUER AUDIENCE SUBJECT < "CASE TOKEN" lines
// (Poco's Signer checks no claim: the issuer, audience and subject are unused.)
#include "conformance.h"

#include <Poco/Crypto/ECKey.h>
#include <Poco/Crypto/RSAKey.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>

int main(int argc, char **argv) {
  if (argc != 6) {
    std::cerr << "usage: poco-jwt ALG KEY_FILE ISSUER AUDIENCE SUBJECT\n";
    return 2;
  }
  const std::string Alg = argv[1], KeyFile = argv[2];
  // A Signer allowing the algorithm of the key, and one that also allows a
  // name Poco does not implement (the crafted unsupported algorithm).
  Poco::JWT::Signer Signer, Lenient;
  for (Poco::JWT::Signer *S : {&Signer, &Lenient}) {
    if (Alg.rfind("HS", 0) == 0)
      S->setHMACKey(conformance::readFile(KeyFile.c_str()));
    else if (Alg.rfind("RS", 0) == 0)
      S->setRSAKey(new Poco::Crypto::RSAKey(KeyFile));
    else
      S->setECKey(new Poco::Crypto::ECKey(KeyFile, ""));
  }
  Signer.setAlgorithms({Alg});
  Lenient.setAlgorithms({Alg, "XS256"});
  return conformance::forEachToken([&](const std::string &Case, const std::string &Token) {
    conformance::run("Poco::JWT::Signer::verify", Case, [&] {
      Signer.verify(Token);
      return true;
    });
    conformance::run("Poco::JWT::Signer::tryVerify", Case, [&] {
      Poco::JWT::Token Verified;
      Signer.tryVerify(Token, Verified);
      return true;
    });
    conformance::run("Poco::JWT::Signer::verify[allows XS256]", Case, [&] {
      Lenient.verify(Token);
      return true;
    });
    conformance::run("Poco::JWT::Signer::tryVerify[allows XS256]", Case, [&] {
      Poco::JWT::Token Verified;
      Lenient.tryVerify(Token, Verified);
      return true;
    });
  });
}
