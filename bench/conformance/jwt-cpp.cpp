// jwt-cpp conformance (not CI: jwt-cpp is not a Debian package; the headers of
// a release fetched by hand): every crafted token through the modelled calls.
// Built and run by bench/conformance/jwt_cpp.py with test/conformance/Inputs.
//   jwt-cpp ALG KEY_FILE ISSUER AUDIENCE SUBJECT < "CASE TOKEN" lines
#include "conformance.h"

#include <jwt-cpp/jwt.h>

using Traits = jwt::traits::kazuho_picojson;
using Decoded = jwt::decoded_jwt<Traits>;

namespace {
jwt::verifier<jwt::default_clock, Traits> allowing(const std::string &Alg, const std::string &Key) {
  auto Verifier = jwt::verify();
  if (Alg == "HS256")
    Verifier.allow_algorithm(jwt::algorithm::hs256{Key});
  else if (Alg == "HS384")
    Verifier.allow_algorithm(jwt::algorithm::hs384{Key});
  else if (Alg == "HS512")
    Verifier.allow_algorithm(jwt::algorithm::hs512{Key});
  else if (Alg == "RS256")
    Verifier.allow_algorithm(jwt::algorithm::rs256{Key, "", "", ""});
  else
    Verifier.allow_algorithm(jwt::algorithm::es256{Key, "", "", ""});
  return Verifier;
}
} // namespace

int main(int argc, char **argv) {
  if (argc != 6) {
    std::cerr << "usage: jwt-cpp ALG KEY_FILE ISSUER AUDIENCE SUBJECT\n";
    return 2;
  }
  const std::string Alg = argv[1], Key = conformance::readFile(argv[2]), Issuer = argv[3],
                    Audience = argv[4], Subject = argv[5];
  // The checks a case presupposes; the default checks of exp, nbf and iat.
  auto Strict = allowing(Alg, Key).with_issuer(Issuer).with_audience(Audience).with_subject(
      Subject);
  auto Plain = allowing(Alg, Key);
  return conformance::forEachToken([&](const std::string &Case, const std::string &Token) {
    using conformance::run;
    run("jwt::decode", Case, [&] { jwt::decode(Token); return true; });
    run("jwt::decoded_jwt::decoded_jwt", Case, [&] { Decoded D(Token); return true; });
    std::unique_ptr<Decoded> D;
    try {
      D = std::make_unique<Decoded>(Token);
    } catch (...) {
    }
    // A call on the decoded token: not reached when the token does not decode.
    auto On = [&](const std::string &Call, const std::function<void(const Decoded &)> &Body) {
      run(Call, Case, [&] {
        if (!D)
          return false;
        Body(*D);
        return true;
      });
    };
    On("jwt::verifier::verify", [&](const Decoded &T) { Strict.verify(T); });
    On("jwt::verifier::verify[plain]", [&](const Decoded &T) { Plain.verify(T); });
    // The claim checks run in the order of an unordered_map: with the issuer,
    // audience and subject checks, the error code may report a claim of the
    // wrong type before the exp check's as_date throws std::bad_cast for it.
    On("jwt::verifier::verify(error_code)", [&](const Decoded &T) {
      std::error_code Error;
      Plain.verify(T, Error);
    });
    On("jwt::verifier::verify(error_code)[issuer, audience, subject]", [&](const Decoded &T) {
      std::error_code Error;
      Strict.verify(T, Error);
    });
    On("jwt::decoded_jwt::get_payload_claim", [&](const Decoded &T) { T.get_payload_claim("sub"); });
    On("jwt::payload::get_payload_claim", [&](const Decoded &T) {
      static_cast<const jwt::payload<Traits> &>(T).get_payload_claim("sub");
    });
    for (const char *Name : {"alg", "typ"}) {
      const std::string Variant = std::string("[") + Name + "]";
      On("jwt::decoded_jwt::get_header_claim" + Variant,
         [&](const Decoded &T) { T.get_header_claim(Name); });
      On("jwt::header::get_header_claim" + Variant, [&](const Decoded &T) {
        static_cast<const jwt::header<Traits> &>(T).get_header_claim(Name);
      });
    }
    On("jwt::payload::get_issuer", [&](const Decoded &T) { T.get_issuer(); });
    On("jwt::payload::get_subject", [&](const Decoded &T) { T.get_subject(); });
    On("jwt::payload::get_audience", [&](const Decoded &T) { T.get_audience(); });
    On("jwt::payload::get_expires_at", [&](const Decoded &T) { T.get_expires_at(); });
    On("jwt::payload::get_not_before", [&](const Decoded &T) { T.get_not_before(); });
    On("jwt::payload::get_issued_at", [&](const Decoded &T) { T.get_issued_at(); });
    On("jwt::payload::get_id", [&](const Decoded &T) { T.get_id(); });
    // The conversions, on a claim that has the type asked for in the valid token.
    auto Claim = [&](const std::string &Call, const char *Name,
                     const std::function<void(const jwt::basic_claim<Traits> &)> &Body) {
      run(Call, Case, [&] {
        if (!D || !D->has_payload_claim(Name))
          return false;
        Body(D->get_payload_claim(Name));
        return true;
      });
    };
    Claim("jwt::basic_claim::as_string", "iss", [](const auto &C) { C.as_string(); });
    Claim("jwt::basic_claim::as_date", "exp", [](const auto &C) { C.as_date(); });
    Claim("jwt::basic_claim::get_type", "exp", [](const auto &C) { C.get_type(); });
    Claim("jwt::basic_claim::as_integer", "iat", [](const auto &C) { C.as_integer(); });
    Claim("jwt::basic_claim::as_number", "iat", [](const auto &C) { C.as_number(); });
    // No crafted claim is a boolean or an array in the valid token: as_boolean,
    // as_array and as_set are not run.
  });
}
