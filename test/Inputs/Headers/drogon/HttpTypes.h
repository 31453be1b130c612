// Test double of the Drogon types the request-handling interfaces use.
#pragma once
#include <functional>
#include <memory>
#include <string>

namespace drogon {
class HttpRequest {
public:
  virtual ~HttpRequest() = default;
  const std::string &getHeader(const std::string &key) const;
  const std::string &getCookie(const std::string &field) const;
};
class HttpResponse {
public:
  virtual ~HttpResponse() = default;
  static std::shared_ptr<HttpResponse> newHttpResponse();
};
using HttpRequestPtr = std::shared_ptr<HttpRequest>;
using HttpResponsePtr = std::shared_ptr<HttpResponse>;
class DrObjectBase {
public:
  virtual ~DrObjectBase() = default;
};
template <typename T> class DrObject : public virtual DrObjectBase {};

// From drogon/HttpTypes.h and drogon/utils/HttpConstraint.h.
enum HttpMethod { Get = 0, Post, Head, Put, Delete, Options, Patch, Invalid };
namespace internal {
class HttpConstraint {
public:
  HttpConstraint(HttpMethod method);
  HttpConstraint(std::string middlewareName);
  HttpConstraint(const char *middlewareName);
};
} // namespace internal
} // namespace drogon
