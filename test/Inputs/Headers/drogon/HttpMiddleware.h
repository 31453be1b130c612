// Test double of drogon/HttpMiddleware.h: the real class names and invoke signatures.
#pragma once
#include <drogon/HttpTypes.h>
#ifdef __cpp_impl_coroutine
#include <drogon/utils/coroutine.h>
#endif

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

#ifdef __cpp_impl_coroutine
struct [[nodiscard]] MiddlewareNextAwaiter {
  MiddlewareNextAwaiter(MiddlewareNextCallback &&nextCb);
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> handle) noexcept {}
  HttpResponsePtr await_resume();
};

template <typename T, bool AutoCreation = true>
class HttpCoroMiddleware : public DrObject<T>, public HttpMiddlewareBase {
public:
  static constexpr bool isAutoCreation{AutoCreation};
  ~HttpCoroMiddleware() override = default;
  void invoke(const HttpRequestPtr &req, MiddlewareNextCallback &&nextCb,
              MiddlewareCallback &&mcb) final;
  virtual Task<HttpResponsePtr> invoke(const HttpRequestPtr &req,
                                       MiddlewareNextAwaiter &&next) = 0;
};
#endif
} // namespace drogon
