// A modelled constructor run by the standard library on forwarded arguments
// (make_unique, make_shared, allocate_shared, make_optional, emplace,
// emplace_back, emplace_front) throws as if it were called directly: the
// library's bodies are in system headers, which the analysis does not enter.
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t -- -- -std=c++17

#include <jwt-cpp/jwt.h>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using Decoded = jwt::decoded_jwt<jwt::traits::kazuho_picojson>;

std::optional<std::string> viaMakeUnique(const std::string &raw) {
  auto token = std::make_unique<Decoded>(raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decoded_jwt::decoded_jwt' escape 'viaMakeUnique', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'viaMakeUnique' [failguard-auth-exception-escape]
  return token->get_token();
}

std::optional<std::string> viaMakeShared(const std::string &raw) {
  auto token = std::make_shared<Decoded>(raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decoded_jwt::decoded_jwt' escape 'viaMakeShared', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'viaMakeShared' [failguard-auth-exception-escape]
  return token->get_token();
}

std::optional<std::string> viaAllocateShared(const std::string &raw) {
  auto token = std::allocate_shared<Decoded>(std::allocator<Decoded>(), raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decoded_jwt::decoded_jwt' escape 'viaAllocateShared', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'viaAllocateShared' [failguard-auth-exception-escape]
  return token->get_token();
}

std::optional<std::string> viaOptionalEmplace(const std::string &raw) {
  std::optional<Decoded> token;
  token.emplace(raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decoded_jwt::decoded_jwt' escape 'viaOptionalEmplace', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'viaOptionalEmplace' [failguard-auth-exception-escape]
  return token->get_token();
}

std::optional<std::string> viaEmplaceBack(const std::string &raw) {
  std::vector<Decoded> tokens;
  tokens.emplace_back(raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decoded_jwt::decoded_jwt' escape 'viaEmplaceBack', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'viaEmplaceBack' [failguard-auth-exception-escape]
  return tokens.back().get_token();
}

std::optional<std::string> viaPositionalEmplace(const std::string &raw) {
  std::deque<Decoded> tokens;
  tokens.emplace(tokens.begin(), raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decoded_jwt::decoded_jwt' escape 'viaPositionalEmplace', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'viaPositionalEmplace' [failguard-auth-exception-escape]
  tokens.emplace_front(raw);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decoded_jwt::decoded_jwt' escape 'viaPositionalEmplace', which reports failure through its optional-like return type 'std::optional<std::string>'; catch them in 'viaPositionalEmplace' [failguard-auth-exception-escape]
  return tokens.front().get_token();
}

// Negative controls: handled; a copy or a move of a decoded token (no decode);
// a class without a modelled constructor.
std::optional<std::string> handled(const std::string &raw) {
  try {
    auto token = std::make_unique<Decoded>(raw);
    return token->get_token();
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

std::optional<std::string> copies(const Decoded &decoded, Decoded &&moved) {
  std::vector<Decoded> tokens;
  tokens.emplace_back(decoded);
  tokens.emplace_back(std::move(moved));
  auto copy = std::make_unique<Decoded>(decoded);
  std::optional<Decoded> again;
  again.emplace(decoded);
  return copy->get_token();
}

std::optional<std::string> plainStrings(const std::string &raw) {
  auto text = std::make_unique<std::string>(raw);
  std::vector<std::string> texts;
  texts.emplace_back(raw);
  return *text;
}
