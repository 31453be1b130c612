// Return types narrowed from optional-like or result-like to plain, and the
// changes that are not narrowing.
// RUN: split-file %s %t
// RUN: %git_repo init %t/repo %t/before.h=include/auth.h %t/before.cpp=src/auth.cpp
// RUN: %git_repo put %t/repo %t/after.h=include/auth.h %t/after.cpp=src/auth.cpp
// RUN: %check_failguard_tidy %t/repo/src/auth.cpp failguard-narrowed-optional-return %t/out -- --header-filter=.* -- -std=c++23 -I%t/repo/include

//--- before.h
#pragma once
#include <expected>
#include <optional>
#include <string>

struct Claims {
  std::string subject;
};
template <typename T> using Maybe = std::optional<T>;
typedef std::optional<Claims> OptionalClaims;

// Declared here, defined in src/auth.cpp.
std::optional<Claims> validate(const std::string &raw);
OptionalClaims viaTypedef(const std::string &raw);
Maybe<Claims> viaAlias(const std::string &raw);
std::optional<Claims> toResult(const std::string &raw);
std::optional<Claims> overloaded(const std::string &raw);
std::optional<Claims> overloaded(int id);
std::optional<Claims> toReference(const std::string &raw);

struct Validator {
  virtual ~Validator() = default;
  virtual std::optional<Claims> check(const std::string &raw) const;
};
struct StrictValidator : Validator {
  std::optional<Claims> check(const std::string &raw) const override;
};

//--- before.cpp
#include "auth.h"

std::optional<Claims> validate(const std::string &raw) { return Claims{raw}; }
OptionalClaims viaTypedef(const std::string &raw) { return Claims{raw}; }
Maybe<Claims> viaAlias(const std::string &raw) { return Claims{raw}; }
std::optional<Claims> toResult(const std::string &raw) { return Claims{raw}; }
std::optional<Claims> overloaded(const std::string &raw) { return Claims{raw}; }
std::optional<Claims> overloaded(int id) { return std::nullopt; }
std::optional<Claims> toReference(const std::string &raw) { return Claims{raw}; }
std::optional<Claims> Validator::check(const std::string &raw) const { return std::nullopt; }
std::optional<Claims> StrictValidator::check(const std::string &raw) const { return std::nullopt; }
auto deduced(const std::string &raw) { return std::optional<Claims>(Claims{raw}); }
template <typename T> std::optional<T> parse(const std::string &raw) { return std::nullopt; }

//--- after.h
#pragma once
#include <expected>
#include <optional>
#include <string>

struct Claims {
  std::string subject;
};
template <typename T> using Maybe = std::optional<T>;
typedef std::optional<Claims> OptionalClaims;

Claims validate(const std::string &raw);
OptionalClaims viaTypedef(const std::string &raw);
Maybe<Claims> viaAlias(const std::string &raw);
std::expected<Claims, std::string> toResult(const std::string &raw);
Claims overloaded(const std::string &raw);
std::optional<Claims> overloaded(int id);
const Claims &toReference(const std::string &raw);

struct Validator {
  virtual ~Validator() = default;
  virtual Claims check(const std::string &raw) const;
};
struct StrictValidator : Validator {
  Claims check(const std::string &raw) const override;
};


// New in this change: nothing to compare with.
Claims brandNew(const std::string &raw);

//--- after.cpp
#include "auth.h"

// One finding per function, at its definition, though the header declares it too.
Claims validate(const std::string &raw) { return Claims{raw}; }
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'validate' returned optional-like type 'std::optional<Claims>' in 'HEAD' ({{[0-9a-f]+}}) but now returns 'Claims', which cannot report failure [failguard-narrowed-optional-return]
// CHECK-MESSAGES: :[[@LINE-2]]:1: note: 'HEAD' ({{[0-9a-f]+}}) declared it at src/auth.cpp:3

// Written differently, still optional: no finding.
OptionalClaims viaTypedef(const std::string &raw) { return Claims{raw}; }
Maybe<Claims> viaAlias(const std::string &raw) { return Claims{raw}; }

// Optional replaced by a result type: failure is still reported, no finding.
std::expected<Claims, std::string> toResult(const std::string &raw) { return Claims{raw}; }

// Only the overload that changed.
Claims overloaded(const std::string &raw) { return Claims{raw}; }
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'overloaded' returned optional-like type 'std::optional<Claims>' in 'HEAD' ({{[0-9a-f]+}}) but now returns 'Claims', which cannot report failure [failguard-narrowed-optional-return]
// CHECK-MESSAGES: :[[@LINE-2]]:1: note: 'HEAD' ({{[0-9a-f]+}}) declared it at src/auth.cpp:7
std::optional<Claims> overloaded(int id) { return std::nullopt; }

const Claims &toReference(const std::string &raw) { static Claims c{raw}; return c; }
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'toReference' returned optional-like type 'std::optional<Claims>' in 'HEAD' ({{[0-9a-f]+}}) but now returns 'const Claims &', which cannot report failure [failguard-narrowed-optional-return]
// CHECK-MESSAGES: :[[@LINE-2]]:1: note: 'HEAD' ({{[0-9a-f]+}}) declared it at src/auth.cpp:9

// Virtual functions and their overrides: each is a function of its own.
Claims Validator::check(const std::string &raw) const { return Claims{raw}; }
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'Validator::check' returned optional-like type 'std::optional<Claims>' in 'HEAD' ({{[0-9a-f]+}}) but now returns 'Claims', which cannot report failure [failguard-narrowed-optional-return]
// CHECK-MESSAGES: :[[@LINE-2]]:1: note: 'HEAD' ({{[0-9a-f]+}}) declared it at src/auth.cpp:10
Claims StrictValidator::check(const std::string &raw) const { return Claims{raw}; }
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'StrictValidator::check' returned optional-like type 'std::optional<Claims>' in 'HEAD' ({{[0-9a-f]+}}) but now returns 'Claims', which cannot report failure [failguard-narrowed-optional-return]
// CHECK-MESSAGES: :[[@LINE-2]]:1: note: 'HEAD' ({{[0-9a-f]+}}) declared it at src/auth.cpp:11

// A deduced return type is judged by what it deduces to.
auto deduced(const std::string &raw) { return Claims{raw}; }
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'deduced' returned optional-like type 'std::optional<Claims>' in 'HEAD' ({{[0-9a-f]+}}) but now returns 'Claims', which cannot report failure [failguard-narrowed-optional-return]
// CHECK-MESSAGES: :[[@LINE-2]]:1: note: 'HEAD' ({{[0-9a-f]+}}) declared it at src/auth.cpp:12

// Templates are judged on their pattern.
template <typename T> T parse(const std::string &raw) { return T{}; }
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'parse' returned optional-like type 'std::optional<T>' in 'HEAD' ({{[0-9a-f]+}}) but now returns 'T', which cannot report failure [failguard-narrowed-optional-return]
// CHECK-MESSAGES: :[[@LINE-2]]:23: note: 'HEAD' ({{[0-9a-f]+}}) declared it at src/auth.cpp:13
Claims parsed = parse<Claims>("x");

Claims brandNew(const std::string &raw) { return Claims{raw}; }
