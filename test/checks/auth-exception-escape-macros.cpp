// Calls and handlers written through macros.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <drogon/HttpFilter.h>
#include <jwt-cpp/jwt.h>

#define BEARER(req) jwt::decode((req)->getHeader("Authorization"))
#define GUARDED(stmt)                                                                              \
  try {                                                                                            \
    stmt;                                                                                          \
  } catch (const std::exception &) {                                                               \
    return;                                                                                        \
  }

class MacroFilter : public drogon::HttpFilter<MacroFilter> {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    // The call comes from a macro: reported at the expansion.
    auto token = BEARER(req);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'MacroFilter::doFilter'; catch them in 'MacroFilter::doFilter' [failguard-auth-exception-escape]
    // CHECK-MESSAGES: :7:21: note: expanded from macro 'BEARER'
    // The handler comes from a macro: handled.
    GUARDED(jwt::verify().verify(token));
    GUARDED(BEARER(req));
    fccb();
  }
};
