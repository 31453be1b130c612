// Test double of drogon/HttpFilter.h: the real class names and doFilter signatures.
#pragma once
#include <drogon/HttpTypes.h>
#ifdef __cpp_impl_coroutine
#include <drogon/utils/coroutine.h>
#endif

namespace drogon {
using FilterCallback = std::function<void(const HttpResponsePtr &)>;
using FilterChainCallback = std::function<void()>;

class HttpFilterBase : public virtual DrObjectBase {
public:
  virtual void doFilter(const HttpRequestPtr &req, FilterCallback &&fcb,
                        FilterChainCallback &&fccb) = 0;
  ~HttpFilterBase() override = default;
};

template <typename T, bool AutoCreation = true>
class HttpFilter : public DrObject<T>, public HttpFilterBase {
public:
  static constexpr bool isAutoCreation{AutoCreation};
  ~HttpFilter() override = default;
};

#ifdef __cpp_impl_coroutine
template <typename T, bool AutoCreation = true>
class HttpCoroFilter : public DrObject<T>, public HttpFilterBase {
public:
  static constexpr bool isAutoCreation{AutoCreation};
  ~HttpCoroFilter() override = default;
  void doFilter(const HttpRequestPtr &req, FilterCallback &&fcb,
                FilterChainCallback &&fccb) final;
  virtual Task<HttpResponsePtr> doFilter(const HttpRequestPtr &req) = 0;
};
#endif
} // namespace drogon
