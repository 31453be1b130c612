// Templates are judged once, on their pattern, whatever the number of instantiations.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t

#include <drogon/HttpFilter.h>
#include <jwt-cpp/jwt.h>
#include <optional>

// A dependent call to a modelled function in a template that reports failure
// through std::optional: one diagnostic for three instantiations.
template <typename Traits>
std::optional<jwt::decoded_jwt<Traits>> tryDecode(const typename Traits::string_type &raw) {
  return jwt::decode<Traits>(raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'tryDecode', which reports failure through its optional-like return type 'std::optional<jwt::decoded_jwt<Traits>>'; catch them in 'tryDecode' [failguard-auth-exception-escape]
}

struct OtherTraits : jwt::traits::kazuho_picojson {};
struct ThirdTraits : jwt::traits::kazuho_picojson {};

void useAll() {
  tryDecode<jwt::traits::kazuho_picojson>("a");
  tryDecode<OtherTraits>("b");
  tryDecode<ThirdTraits>("c");
}

// A class template filter: the pattern's doFilter is a request handler.
template <typename Policy>
class PolicyFilter : public drogon::HttpFilter<PolicyFilter<Policy>> {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    Policy::check(jwt::decode(req->getHeader("Authorization")));
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape request handler 'PolicyFilter::doFilter'; catch them in 'PolicyFilter::doFilter' [failguard-auth-exception-escape]
    fccb();
  }
};
struct AllowAll {
  template <typename T> static void check(const T &) {}
};
struct AllowNone {
  template <typename T> static void check(const T &) {}
};
template class PolicyFilter<AllowAll>;
template class PolicyFilter<AllowNone>;

// A helper template called from a plain handler: its instantiation is analysed
// through the call, and the notes point into the template.
template <typename T> void requireClaim(const T &token, const std::string &name) {
  token.get_payload_claim(name); // @mark REQUIRE_CLAIM
}

class ClaimFilter : public drogon::HttpFilter<ClaimFilter> {
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {
    try {
      auto token = jwt::decode(req->getHeader("Authorization"));
      // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: exception 'std::bad_cast' thrown by 'jwt::decode' escapes request handler 'ClaimFilter::doFilter'; catch it in 'ClaimFilter::doFilter' [failguard-auth-exception-escape]
      requireClaim(token, "sub");
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception 'jwt::error::claim_not_present_exception' thrown by 'jwt::decoded_jwt::get_payload_claim' escapes request handler 'ClaimFilter::doFilter'; catch it in 'ClaimFilter::doFilter' [failguard-auth-exception-escape]
      // CHECK-MESSAGES: :[[#REQUIRE_CLAIM]]:9: note: 'jwt::decoded_jwt::get_payload_claim' is called here in 'requireClaim' without a handler for 'jwt::error::claim_not_present_exception'
    } catch (const std::invalid_argument &) {
      return;
    } catch (const std::runtime_error &) {
      return;
    }
    fccb();
  }
};

// A template with a dependent handler type may handle anything: no finding.
template <typename Handled> std::optional<int> lenient(const std::string &raw) {
  try {
    return jwt::decode(raw).get_token().size();
  } catch (const Handled &) {
    return std::nullopt;
  }
}
template std::optional<int> lenient<std::exception>(const std::string &);
