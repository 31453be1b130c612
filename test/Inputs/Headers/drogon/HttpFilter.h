// Test double of drogon/HttpFilter.h: the real class names and doFilter signature.
#pragma once
#include <drogon/HttpTypes.h>

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
} // namespace drogon
