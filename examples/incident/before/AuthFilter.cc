// A Drogon filter that authenticates every request with the validator.
#include "TokenValidator.h"

#include <drogon/HttpFilter.h>

class AuthFilter : public drogon::HttpFilter<AuthFilter> {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    std::optional<auth::Claims> claims =
        auth::validateToken(req->getHeader("Authorization"), secret_);
    if (!claims) {
      // An expired token ends here: a clean "please log in again".
      fcb(drogon::HttpResponse::newHttpResponse());
      return;
    }
    fccb();
  }

private:
  std::string secret_ = "change-me";
};
