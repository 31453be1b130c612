// User-declared APIs (the ApiFunctions option and a YAML model file) and
// configured boundaries (BoundaryFunctions, with globs).
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t \
// RUN:   -- --config="{CheckOptions: { \
// RUN:        failguard-auth-exception-escape.ApiFunctions: 'acme::legacy::check=acme::TokenInvalid', \
// RUN:        failguard-auth-exception-escape.ApiModelFile: '%S/../Inputs/models/acme.yaml', \
// RUN:        failguard-auth-exception-escape.BoundaryFunctions: 'app::*Controller::handle;app::serve'}}"

#include <acme/token.h>

namespace app {
acme::TokenService service;

class LoginController {
public:
  void handle(const std::string &token) {
    service.validate(token);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: exceptions 'acme::TokenExpired' and 'acme::TokenInvalid' thrown by 'acme::TokenService::validate' escape boundary function 'app::LoginController::handle'; catch them in 'app::LoginController::handle' [failguard-auth-exception-escape]
    acme::legacy::check(token);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: exception 'acme::TokenInvalid' thrown by 'acme::legacy::check' escapes boundary function 'app::LoginController::handle'; catch it in 'app::LoginController::handle' [failguard-auth-exception-escape]
  }
};

class AdminController {
public:
  void handle(const std::string &token) {
    try {
      service.validate(token);
      // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: exception 'acme::TokenInvalid' thrown by 'acme::TokenService::validate' escapes boundary function 'app::AdminController::handle'; catch it in 'app::AdminController::handle' [failguard-auth-exception-escape]
    } catch (const acme::TokenExpired &) {
      return;
    }
  }
};

void serve(const std::string &token) {
  // The error_code overload still throws std::bad_alloc per the model.
  std::error_code ec;
  service.introspect(token, ec);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: exception 'std::bad_alloc' thrown by 'acme::TokenService::introspect' escapes boundary function 'app::serve'; catch it in 'app::serve' [failguard-auth-exception-escape]
  try {
    service.introspect(token);
  } catch (const acme::TokenError &) {
  }
}

// Not a configured boundary.
void helper(const std::string &token) { service.validate(token); }
} // namespace app
