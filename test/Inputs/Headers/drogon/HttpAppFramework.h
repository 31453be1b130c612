// Test double of drogon/HttpAppFramework.h: app() and the registerHandler signatures.
#pragma once
#include <drogon/HttpTypes.h>
#include <string>
#include <vector>

namespace drogon {
class HttpAppFramework {
public:
  virtual ~HttpAppFramework() = default;
  template <typename FUNCTION>
  HttpAppFramework &registerHandler(const std::string &pathPattern, FUNCTION &&function,
                                    const std::vector<internal::HttpConstraint> &constraints = {},
                                    const std::string &handlerName = "") {
    return *this;
  }
  template <typename FUNCTION>
  HttpAppFramework &registerHandlerViaRegex(
      const std::string &regExp, FUNCTION &&function,
      const std::vector<internal::HttpConstraint> &constraints = {},
      const std::string &handlerName = "") {
    return *this;
  }
  virtual void run() = 0;
};
HttpAppFramework &app();
} // namespace drogon
