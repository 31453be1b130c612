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
} // namespace drogon
