// Test double of drogon/HttpMiddleware.h: the real class names and invoke signature.
#pragma once
#include <drogon/HttpTypes.h>

namespace drogon {
using MiddlewareCallback = std::function<void(const HttpResponsePtr &)>;
using MiddlewareNextCallback = std::function<void(std::function<void(const HttpResponsePtr &)> &&)>;

class HttpMiddlewareBase : public virtual DrObjectBase {
public:
  virtual void invoke(const HttpRequestPtr &req, MiddlewareNextCallback &&nextCb,
                      MiddlewareCallback &&mcb) = 0;
  ~HttpMiddlewareBase() override = default;
};

template <typename T, bool AutoCreation = true>
class HttpMiddleware : public DrObject<T>, public HttpMiddlewareBase {
public:
  static constexpr bool isAutoCreation{AutoCreation};
  ~HttpMiddleware() override = default;
};
} // namespace drogon
