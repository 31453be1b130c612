// Against the real Poco headers (Debian libpoco-dev).
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <Poco/JWT/JWTException.h>
#include <Poco/JWT/Signer.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

class BareHandler : public Poco::Net::HTTPRequestHandler {
public:
  void handleRequest(Poco::Net::HTTPServerRequest &request,
                     Poco::Net::HTTPServerResponse &response) override {
    Poco::JWT::Signer signer("secret");
    Poco::JWT::Token token = signer.verify(request.get("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: exceptions 'Poco::JWT::ParseException', 'Poco::JWT::UnallowedAlgorithmException' and 2 more thrown by 'Poco::JWT::Signer::verify' escape request handler 'BareHandler::handleRequest'; catch them in 'BareHandler::handleRequest' [failguard-auth-exception-escape]
  }
};

// Only the signature failure is handled: malformed tokens still escape.
class NarrowHandler : public Poco::Net::HTTPRequestHandler {
public:
  void handleRequest(Poco::Net::HTTPServerRequest &request,
                     Poco::Net::HTTPServerResponse &response) override {
    Poco::JWT::Signer signer("secret");
    try {
      signer.verify(request.get("Authorization"));
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: exceptions 'Poco::JWT::ParseException', 'Poco::JWT::UnallowedAlgorithmException' and 'Poco::JWT::UnsupportedAlgorithmException' thrown by 'Poco::JWT::Signer::verify' escape request handler 'NarrowHandler::handleRequest'; catch them in 'NarrowHandler::handleRequest' [failguard-auth-exception-escape]
    } catch (const Poco::JWT::SignatureVerificationException &) {
      response.setStatus(Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED);
    }
  }
};

// tryVerify reports a bad signature in its result, but a malformed token still throws.
class TryHandler : public Poco::Net::HTTPRequestHandler {
public:
  void handleRequest(Poco::Net::HTTPServerRequest &request,
                     Poco::Net::HTTPServerResponse &response) override {
    Poco::JWT::Signer signer("secret");
    Poco::JWT::Token token;
    if (!signer.tryVerify(request.get("Authorization"), token))
      // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: exceptions 'Poco::JWT::ParseException', 'Poco::JWT::UnallowedAlgorithmException' and 'Poco::JWT::UnsupportedAlgorithmException' thrown by 'Poco::JWT::Signer::tryVerify' escape request handler 'TryHandler::handleRequest'; catch them in 'TryHandler::handleRequest' [failguard-auth-exception-escape]
      response.setStatus(Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED);
  }
};

// Handled through the library's base class, or Poco::Exception.
class GuardedHandler : public Poco::Net::HTTPRequestHandler {
public:
  void handleRequest(Poco::Net::HTTPServerRequest &request,
                     Poco::Net::HTTPServerResponse &response) override {
    Poco::JWT::Signer signer("secret");
    try {
      signer.verify(request.get("Authorization"));
    } catch (const Poco::JWT::JWTException &) {
      response.setStatus(Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED);
    }
    try {
      Poco::JWT::Token token;
      signer.tryVerify(request.get("Authorization"), token);
    } catch (const Poco::Exception &) {
      response.setStatus(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
    }
  }
};
