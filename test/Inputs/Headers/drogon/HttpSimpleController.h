// Test double of drogon/HttpSimpleController.h: the real macros, class names and asyncHandleHttpRequest signature.
#pragma once
#include <drogon/HttpAppFramework.h>
#include <drogon/HttpTypes.h>

#define PATH_LIST_BEGIN                                                                            \
  static void initPathRouting() {
#define PATH_ADD(path, ...) registerSelf__(path, {__VA_ARGS__})
#define PATH_LIST_END }

namespace drogon {
class HttpSimpleControllerBase : public virtual DrObjectBase {
public:
  virtual void asyncHandleHttpRequest(const HttpRequestPtr &req,
                                      std::function<void(const HttpResponsePtr &)> &&callback) = 0;
  virtual ~HttpSimpleControllerBase() {}
};

template <typename T, bool AutoCreation = true>
class HttpSimpleController : public DrObject<T>, public HttpSimpleControllerBase {
public:
  static const bool isAutoCreation = AutoCreation;
  virtual ~HttpSimpleController() {}

protected:
  HttpSimpleController() {}
  static void registerSelf__(const std::string &path,
                             const std::vector<internal::HttpConstraint> &constraints);
};
} // namespace drogon
