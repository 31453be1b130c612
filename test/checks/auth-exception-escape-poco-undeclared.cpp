// Against the real Poco headers (Debian libpoco-dev), including Poco/JWT/Signer.h
// but not Poco/JWT/JWTException.h: the modelled exception classes are not
// declared in this translation unit, and are still reported, by name, and
// still matched by the handlers that would catch them.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <Poco/Exception.h>
#include <Poco/JWT/Signer.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

class BareHandler : public Poco::Net::HTTPRequestHandler {
public:
  void handleRequest(Poco::Net::HTTPServerRequest &request,
                     Poco::Net::HTTPServerResponse &response) override {
    Poco::JWT::Signer signer("secret");
    signer.verify(request.get("Authorization"));
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: exceptions 'Poco::JWT::ParseException', 'Poco::JWT::UnallowedAlgorithmException' and 2 more thrown by 'Poco::JWT::Signer::verify' escape request handler 'BareHandler::handleRequest'; catch them in 'BareHandler::handleRequest' [failguard-auth-exception-escape]
  }
};

// Negative control: Poco::Exception is a base of every Poco::JWT exception.
class GuardedHandler : public Poco::Net::HTTPRequestHandler {
public:
  void handleRequest(Poco::Net::HTTPServerRequest &request,
                     Poco::Net::HTTPServerResponse &response) override {
    Poco::JWT::Signer signer("secret");
    try {
      signer.verify(request.get("Authorization"));
    } catch (const Poco::Exception &) {
      response.setStatus(Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED);
    }
  }
};
