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
namespace Header {
class Raw {
public:
  const std::string &value() const;
};
class Collection {
public:
  Raw getRaw(const std::string &name) const;
};
} // namespace Header
struct Cookie {
  std::string name;
  std::string value;
};
class CookieJar {
public:
  const Cookie &get(const std::string &name) const;
};
class Request {
public:
  const std::string &body() const;
  const Header::Collection &headers() const;
  const CookieJar &cookies() const;
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
