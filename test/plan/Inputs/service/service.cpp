// A small HTTP service (Poco::Net's HTTPServer) with three authenticated routes, for the plan and the probe.
//
//   /api/account       cpp-jwt; every token failure is a 401
//   POST /api/orders   cpp-jwt; each verification error is a 401 but the
//                      expired token's (the seed incident): it escapes
//   /api/profile       Poco::JWT; a token that does not verify is a 401, but
//                      reading its "role" claim is not guarded
//   /api/keys          as /api/orders, with the bare token in X-Api-Token
//   /api/session       as /api/orders, with the token in the "session" cookie;
//                      the factory compares the URI with a member, so the
//                      plan has its path from a routes file
//
// Built with -DFAILGUARD_FIXED, the two gaps are handled. The HMAC secret is
// in FAILGUARD_TEST_SECRET; the service listens on a free loopback port, writes
// it to the file named by its argument, and stops on SIGTERM (or after two
// minutes, whatever happens to the test that started it).
#include <Poco/JSON/Object.h>
#include <Poco/JWT/JWTException.h>
#include <Poco/JWT/Signer.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/ServerSocket.h>
#include <jwt/jwt.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

namespace {

std::string bearer(const HTTPServerRequest &request) {
  std::string header = request.get("Authorization", "");
  const std::string prefix = "Bearer ";
  return header.compare(0, prefix.size(), prefix) == 0 ? header.substr(prefix.size()) : header;
}

void reply(HTTPServerResponse &response, HTTPResponse::HTTPStatus status, const std::string &body) {
  response.setStatus(status);
  response.setContentType("text/plain");
  response.send() << body << "\n";
}

jwt::jwt_object verified(const std::string &token, const std::string &key) {
  using namespace jwt::params;
  return jwt::decode(token, algorithms({"HS256"}), secret(key), issuer("https://auth.example.test"),
                     aud("orders-api"), sub("user-42"), validate_iat(true), validate_jti(true));
}

class AccountHandler : public Poco::Net::HTTPRequestHandler {
public:
  explicit AccountHandler(std::string key) : key_(std::move(key)) {}
  void handleRequest(HTTPServerRequest &request, HTTPServerResponse &response) override {
    try {
      jwt::jwt_object token = verified(bearer(request), key_);
      reply(response, HTTPResponse::HTTP_OK, token.payload().get_claim_value<std::string>("sub"));
    } catch (const std::exception &error) {
      reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
    }
  }

private:
  std::string key_;
};

class OrdersHandler : public Poco::Net::HTTPRequestHandler {
public:
  explicit OrdersHandler(std::string key) : key_(std::move(key)) {}
  void handleRequest(HTTPServerRequest &request, HTTPServerResponse &response) override {
    try {
      verified(bearer(request), key_);
      reply(response, HTTPResponse::HTTP_OK, "orders");
    } catch (const jwt::DecodeError &error) {
      reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
    } catch (const jwt::InvalidAlgorithmError &error) {
      reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
    } catch (const jwt::InvalidSignatureError &error) {
      reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
    } catch (const jwt::InvalidIssuerError &error) {
      reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
    } catch (const jwt::InvalidAudienceError &error) {
      reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
    } catch (const jwt::InvalidSubjectError &error) {
      reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
    } catch (const jwt::InvalidIATError &error) {
      reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
    } catch (const jwt::InvalidJTIError &error) {
      reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
    } catch (const jwt::ImmatureSignatureError &error) {
      reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
    } catch (const jwt::InvalidKeyError &error) {
      reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
    } catch (const jwt::TypeConversionError &error) {
      reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
#ifdef FAILGUARD_FIXED
    } catch (const jwt::TokenExpiredError &error) {
      reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
#endif
    } catch (const nlohmann::json::exception &error) {
      reply(response, HTTPResponse::HTTP_BAD_REQUEST, error.what());
    }
  }

private:
  std::string key_;
};

class ProfileHandler : public Poco::Net::HTTPRequestHandler {
public:
  explicit ProfileHandler(std::string key) : key_(std::move(key)) {}
  void handleRequest(HTTPServerRequest &request, HTTPServerResponse &response) override {
    Poco::JWT::Token token;
    try {
      token = Poco::JWT::Signer(key_).verify(bearer(request));
    } catch (const Poco::JWT::JWTException &error) {
      reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.displayText());
      return;
    }
#ifdef FAILGUARD_FIXED
    if (!token.payload().has("role") || token.payload().isNull("role")) {
      reply(response, HTTPResponse::HTTP_FORBIDDEN, "no role");
      return;
    }
#endif
    reply(response, HTTPResponse::HTTP_OK, token.payload().getValue<std::string>("role"));
  }

private:
  std::string key_;
};

class NotFoundHandler : public Poco::Net::HTTPRequestHandler {
public:
  void handleRequest(HTTPServerRequest &, HTTPServerResponse &response) override {
    reply(response, HTTPResponse::HTTP_NOT_FOUND, "no such route");
  }
};

// Each verification error is a 401 but the expired token's.
void answer(const std::string &token, const std::string &key, HTTPServerResponse &response) {
  try {
    verified(token, key);
    reply(response, HTTPResponse::HTTP_OK, "checked");
  } catch (const jwt::DecodeError &error) {
    reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
  } catch (const jwt::InvalidAlgorithmError &error) {
    reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
  } catch (const jwt::InvalidSignatureError &error) {
    reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
  } catch (const jwt::InvalidIssuerError &error) {
    reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
  } catch (const jwt::InvalidAudienceError &error) {
    reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
  } catch (const jwt::InvalidSubjectError &error) {
    reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
  } catch (const jwt::InvalidIATError &error) {
    reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
  } catch (const jwt::InvalidJTIError &error) {
    reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
  } catch (const jwt::ImmatureSignatureError &error) {
    reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
  } catch (const jwt::InvalidKeyError &error) {
    reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
  } catch (const jwt::TypeConversionError &error) {
    reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
#ifdef FAILGUARD_FIXED
  } catch (const jwt::TokenExpiredError &error) {
    reply(response, HTTPResponse::HTTP_UNAUTHORIZED, error.what());
#endif
  } catch (const nlohmann::json::exception &error) {
    reply(response, HTTPResponse::HTTP_BAD_REQUEST, error.what());
  }
}

class KeysHandler : public Poco::Net::HTTPRequestHandler {
public:
  explicit KeysHandler(std::string key) : key_(std::move(key)) {}
  void handleRequest(HTTPServerRequest &request, HTTPServerResponse &response) override {
    answer(request.get("X-Api-Token", ""), key_, response);
  }

private:
  std::string key_;
};

class SessionHandler : public Poco::Net::HTTPRequestHandler {
public:
  explicit SessionHandler(std::string key) : key_(std::move(key)) {}
  void handleRequest(HTTPServerRequest &request, HTTPServerResponse &response) override {
    Poco::Net::NameValueCollection cookies;
    request.getCookies(cookies);
    answer(cookies.get("session", ""), key_, response);
  }

private:
  std::string key_;
};

class Routes : public Poco::Net::HTTPRequestHandlerFactory {
public:
  explicit Routes(std::string key) : key_(std::move(key)) {}
  Poco::Net::HTTPRequestHandler *createRequestHandler(const HTTPServerRequest &request) override {
    const std::string &uri = request.getURI();
    if (uri == "/api/account")
      return new AccountHandler(key_);
    if (request.getURI() == "/api/orders" && request.getMethod() == HTTPRequest::HTTP_POST)
      return new OrdersHandler(key_);
    if ("/api/profile" == request.getURI())
      return new ProfileHandler(key_);
    if (uri == "/api/keys")
      return new KeysHandler(key_);
    if (uri == sessionPath_)
      return new SessionHandler(key_);
    return new NotFoundHandler;
  }

private:
  std::string key_;
  std::string sessionPath_ = "/api/session";
};

} // namespace

int main(int argc, char **argv) {
  const char *key = std::getenv("FAILGUARD_TEST_SECRET");
  if (argc != 2 || !key || !*key) {
    std::fprintf(stderr, "usage: FAILGUARD_TEST_SECRET=... service PORT_FILE\n");
    return 2;
  }
  alarm(120);
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  // Blocked before the server's threads start, so that they inherit the mask.
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  Poco::Net::HTTPServer server(new Routes(key), socket, new Poco::Net::HTTPServerParams);
  server.start();
  {
    std::string file = argv[1], partial = file + ".partial";
    std::ofstream(partial) << socket.address().port() << "\n";
    std::rename(partial.c_str(), file.c_str());
  }
  int signal = 0;
  sigwait(&stop, &signal);
  server.stopAll(true);
  return 0;
}
