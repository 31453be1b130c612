// Checks that keep a modelled call from throwing, as real services write them
// (issue 18: 3 false findings for claim names held in constants, more for
// tokens held in a std::optional, and 5 for a decode repeated inside
// `if (verify(req))`). Each guard has its neighbour that does not guard.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t -- -- -std=c++17

#include <jwt-cpp/jwt.h>
#include <memory>
#include <optional>

using Token = jwt::decoded_jwt<jwt::traits::kazuho_picojson>;

struct Names {
  static constexpr const char *Role = "role";
  static constexpr const char *Subject = "sub";
  static const std::string Tenant;
};
const std::string RoleName = "role";

// --- Claim names held in constants ---------------------------------------

// The same constant in the check and the getter: silent.
std::optional<jwt::claim> roleByConstant(const Token &token) {
  if (!token.has_payload_claim(Names::Role))
    return std::nullopt;
  return token.get_payload_claim(Names::Role);
}

// A constant and the literal it holds name the same claim: silent.
std::optional<jwt::claim> roleConstantAndLiteral(const Token &token) {
  if (!token.has_payload_claim("role"))
    return std::nullopt;
  return token.get_payload_claim(RoleName);
}

// A constant whose initialiser is elsewhere: the same variable is the same claim.
std::optional<jwt::claim> tenantChecked(const Token &token) {
  if (token.has_payload_claim(Names::Tenant))
    return token.get_payload_claim(Names::Tenant);
  return std::nullopt;
}

// Another constant: reported.
std::optional<jwt::claim> otherConstant(const Token &token) {
  if (!token.has_payload_claim(Names::Subject))
    return std::nullopt;
  return token.get_payload_claim(Names::Role);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: exception 'jwt::error::claim_not_present_exception' thrown by 'jwt::decoded_jwt::get_payload_claim' escapes 'otherConstant', which reports failure through its optional-like return type 'std::optional<jwt::claim>'; catch it in 'otherConstant' [failguard-auth-exception-escape]
}

// A variable that is not const may name another claim by the time it is
// read: reported.
std::optional<jwt::claim> mutableName(const Token &token, std::string name) {
  if (!token.has_payload_claim(name))
    return std::nullopt;
  return token.get_payload_claim(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: exception 'jwt::error::claim_not_present_exception' thrown by 'jwt::decoded_jwt::get_payload_claim' escapes 'mutableName', which reports failure through its optional-like return type 'std::optional<jwt::claim>'; catch it in 'mutableName' [failguard-auth-exception-escape]
}

// --- Tokens held in an optional, a pointer or a smart pointer ------------

// Checked and read through ->: silent.
std::optional<jwt::claim> throughOptional(const std::optional<Token> &token) {
  if (!token->has_payload_claim("role"))
    return std::nullopt;
  return token->get_payload_claim("role");
}

// Through * and .value(), mixed: silent.
std::optional<jwt::claim> throughValue(const std::optional<Token> &token) {
  if (!(*token).has_payload_claim("role"))
    return std::nullopt;
  return token.value().get_payload_claim("role");
}

// A raw pointer and a shared_ptr: silent.
std::optional<jwt::claim> throughPointer(const Token *token) {
  if (token->has_payload_claim("role"))
    return token->get_payload_claim("role");
  return std::nullopt;
}
std::optional<jwt::claim> throughSharedPtr(const std::shared_ptr<Token> &token) {
  if (!token->has_subject())
    return std::nullopt;
  return token.get()->get_payload_claim("sub");
}

// A member of the handler's request context: silent.
struct Context {
  std::optional<Token> token;
  std::optional<jwt::claim> role() const {
    if (!token || !token->has_payload_claim("role"))
      return std::nullopt;
    return token->get_payload_claim("role");
  }
};

// Another optional was checked: reported.
std::optional<jwt::claim> otherOptional(const std::optional<Token> &token,
                                        const std::optional<Token> &refresh) {
  if (!refresh->has_payload_claim("role"))
    return std::nullopt;
  return token->get_payload_claim("role");
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: exception 'jwt::error::claim_not_present_exception' thrown by 'jwt::decoded_jwt::get_payload_claim' escapes 'otherOptional', which reports failure through its optional-like return type 'std::optional<jwt::claim>'; catch it in 'otherOptional' [failguard-auth-exception-escape]
}

// --- A validating predicate called first ---------------------------------

// Decodes and verifies under a catch-all, true only after both succeeded.
bool verify(const std::string &header) {
  try {
    auto decoded = jwt::decode(header);
    jwt::verify().allow_algorithm(jwt::algorithm::hs256{"secret"}).verify(decoded);
    return true;
  } catch (...) {
    return false;
  }
}

// The same decode after `if (verify(header))`: silent.
std::optional<std::string> decodeAfterVerify(const std::string &header) {
  if (verify(header))
    return jwt::decode(header).get_token();
  return std::nullopt;
}

// An early exit on `!verify(...)`, and the argument spelled through another
// name in the predicate: silent.
std::optional<std::string> earlyExit(const std::string &authorization) {
  if (authorization.empty() || !verify(authorization))
    return std::nullopt;
  auto decoded = jwt::decode(authorization);
  return decoded.get_token();
}

// A predicate that falls through to `return true` after its try: silent.
bool wellFormed(const std::string &header) {
  try {
    jwt::decode(header);
  } catch (const std::exception &) {
    return false;
  }
  return true;
}
std::optional<std::string> afterWellFormed(const std::string &header) {
  if (!wellFormed(header))
    return std::nullopt;
  return jwt::decode(header).get_token();
}

// A lambda predicate, and one on `this`: silent.
std::optional<std::string> lambdaPredicate(const std::string &header) {
  auto valid = [](const std::string &raw) {
    try {
      jwt::decode(raw);
      return true;
    } catch (...) {
      return false;
    }
  };
  if (valid(header))
    return jwt::decode(header).get_token();
  return std::nullopt;
}
class Gate {
public:
  bool check(const std::string &raw) const {
    try {
      jwt::decode(raw);
      return true;
    } catch (...) {
      return false;
    }
  }
  std::optional<std::string> subject(const std::string &raw) const {
    if (!check(raw))
      return std::nullopt;
    return jwt::decode(raw).get_token();
  }
};

// The predicate checked another input: reported.
std::optional<std::string> otherInput(const std::string &header, const std::string &cookie) {
  if (!verify(cookie))
    return std::nullopt;
  return jwt::decode(header).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'otherInput', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'otherInput' [failguard-auth-exception-escape]
}

// The predicate says true when the decode failed: reported.
bool lenient(const std::string &header) {
  try {
    jwt::decode(header);
    return true;
  } catch (...) {
    return true;
  }
}
std::optional<std::string> afterLenient(const std::string &header) {
  if (!lenient(header))
    return std::nullopt;
  return jwt::decode(header).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'afterLenient', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'afterLenient' [failguard-auth-exception-escape]
}

// The predicate decodes only sometimes: reported.
bool sometimes(const std::string &header, bool strict) {
  try {
    if (strict)
      jwt::decode(header);
    return true;
  } catch (...) {
    return false;
  }
}
std::optional<std::string> afterSometimes(const std::string &header) {
  if (!sometimes(header, false))
    return std::nullopt;
  return jwt::decode(header).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'afterSometimes', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'afterSometimes' [failguard-auth-exception-escape]
}

// The predicate can say true before it decodes: reported.
bool shortcut(const std::string &header) {
  if (header == "test-token")
    return true;
  try {
    jwt::decode(header);
    return true;
  } catch (...) {
    return false;
  }
}
std::optional<std::string> afterShortcut(const std::string &header) {
  if (!shortcut(header))
    return std::nullopt;
  return jwt::decode(header).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'afterShortcut', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'afterShortcut' [failguard-auth-exception-escape]
}

// The predicate stops only std::invalid_argument: the rest is reported.
bool partly(const std::string &header) {
  try {
    jwt::decode(header); // @mark PARTLY
    return true;
  } catch (const std::invalid_argument &) {
    return false;
  }
}
std::optional<std::string> afterPartly(const std::string &header) {
  if (!partly(header))
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: exceptions 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' thrown by 'jwt::decode' escape 'afterPartly', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'afterPartly' [failguard-auth-exception-escape]
    // CHECK-MESSAGES: :[[#PARTLY]]:5: note: 'jwt::decode' is called here in 'partly' without a handler for 'std::runtime_error'
    return std::nullopt;
  return jwt::decode(header).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::runtime_error', 'jwt::error::invalid_json_exception' and 'std::bad_cast' thrown by 'jwt::decode' escape 'afterPartly', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'afterPartly' [failguard-auth-exception-escape]
}

// The call in the branch where the predicate failed: reported.
std::optional<std::string> wrongBranch(const std::string &header) {
  if (verify(header))
    return std::nullopt;
  return jwt::decode(header).get_token();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape 'wrongBranch', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'wrongBranch' [failguard-auth-exception-escape]
}
