// Test double of pistache/http.h: Pistache::Http::Handler and its onRequest signature.
#pragma once
#include <string>

namespace Pistache {
namespace Tcp {
class Handler {
public:
  virtual ~Handler() = default;
};
} // namespace Tcp
namespace Http {
class Request {
public:
  const std::string &body() const;
};
class ResponseWriter {
public:
  void send(int code, const std::string &body);
};
class Handler : public Tcp::Handler {
public:
  virtual void onRequest(const Request &request, ResponseWriter response) = 0;
};
} // namespace Http
} // namespace Pistache
