#include <drogon/HttpFilter.h>

class HealthFilter : public drogon::HttpFilter<HealthFilter> {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    fccb();
  }
};
