// Test double of drogon/HttpController.h: the real macros, class names and registerMethod signatures.
#pragma once
#include <drogon/HttpAppFramework.h>
#include <drogon/HttpTypes.h>
#include <string>
#include <vector>

#define METHOD_LIST_BEGIN                                                                          \
  static void initPathRouting() {
#define METHOD_ADD(method, pattern, ...)                                                           \
  registerMethod(&method, pattern, {__VA_ARGS__}, true, #method)
#define ADD_METHOD_TO(method, path_pattern, ...)                                                   \
  registerMethod(&method, path_pattern, {__VA_ARGS__}, false, #method)
#define ADD_METHOD_VIA_REGEX(method, regex, ...)                                                   \
  registerMethodViaRegex(&method, regex, {__VA_ARGS__}, #method)
#define METHOD_LIST_END                                                                            \
  return;                                                                                          \
  }

namespace drogon {
class HttpControllerBase {};

template <typename T, bool AutoCreation = true>
class HttpController : public DrObject<T>, public HttpControllerBase {
public:
  static constexpr bool isAutoCreation = AutoCreation;

protected:
  template <typename FUNCTION>
  static void registerMethod(FUNCTION &&function, const std::string &pattern,
                             const std::vector<internal::HttpConstraint> &constraints = {},
                             bool classNameInPath = true, const std::string &handlerName = "") {}
  template <typename FUNCTION>
  static void registerMethodViaRegex(
      FUNCTION &&function, const std::string &regExp,
      const std::vector<internal::HttpConstraint> &constraints =
          std::vector<internal::HttpConstraint>{},
      const std::string &handlerName = "") {}
};
} // namespace drogon
