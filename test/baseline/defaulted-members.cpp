// In-class defaulted special members and comparisons whose implicit exception
// specification Sema never evaluated: the baseline parse read them with
// FunctionProtoType::isNothrow(), which a release build turned into a stack
// overflow (SIGSEGV in every baseline run of a unit declaring one). Both
// baseline checks still compare such a unit: the narrowing and the removed
// handler next to the defaulted members are reported, the members themselves
// (unchanged, only a comment added) are not.
// RUN: split-file %s %t
// RUN: %git_repo init %t/repo %t/before.h=include/session.h %t/before.cpp=src/session.cpp %t/minimal.cpp=src/minimal.cpp
// RUN: %git_repo put %t/repo %t/after.h=include/session.h %t/after.cpp=src/session.cpp %t/minimal-after.cpp=src/minimal.cpp
// RUN: %check_failguard_tidy -check-suffix=NARROWED %t/repo/src/session.cpp failguard-narrowed-optional-return %t/narrowed -- --header-filter=.* -- -std=c++20 -I%t/repo/include
// RUN: %check_failguard_tidy -check-suffix=REMOVED %t/repo/src/session.cpp failguard-removed-exception-handler %t/removed -- --header-filter=.* -- -std=c++20 -I%t/repo/include
// The reproduction: the file holds nothing but the defaulted
// constructor, and only a comment changes. Nothing to report, no crash.
// RUN: %check_failguard_tidy %t/repo/src/minimal.cpp failguard-narrowed-optional-return %t/minimal-narrowed
// RUN: %check_failguard_tidy %t/repo/src/minimal.cpp failguard-removed-exception-handler %t/minimal-removed

//--- minimal.cpp
struct F { F() = default; };

//--- minimal-after.cpp
// A comment is all that changed.
struct F { F() = default; };

//--- before.h
#pragma once
#include <jwt-cpp/jwt.h>
#include <optional>
#include <string>

struct Claims {
  std::string subject;
  friend bool operator==(const Claims &, const Claims &) = default;
};

class JwtFilter {
public:
  JwtFilter() = default;
  JwtFilter(const JwtFilter &) = default;
  JwtFilter(JwtFilter &&) = default;
  JwtFilter &operator=(const JwtFilter &) = default;
  JwtFilter &operator=(JwtFilter &&) = default;
  virtual ~JwtFilter() = default;

  struct Nested {
    Nested() = default;
    ~Nested() = default;
  };
};

union Slot {
  Slot() = default;
  ~Slot() = default;
  int handle;
};

namespace {
struct Hidden {
  Hidden() = default;
  bool operator==(const Hidden &) const = default;
};
} // namespace

// Benign neighbours: written noexcept, defaulted out of class.
struct Written {
  Written() noexcept = default;
  ~Written();
};
inline Written::~Written() = default;

std::optional<Claims> validate(const std::string &raw);
std::optional<Claims> kept(const std::string &raw);

//--- after.h
#pragma once
#include <jwt-cpp/jwt.h>
#include <optional>
#include <string>

struct Claims {
  std::string subject;
  friend bool operator==(const Claims &, const Claims &) = default;
};

class JwtFilter {
public:
  JwtFilter() = default;
  JwtFilter(const JwtFilter &) = default;
  JwtFilter(JwtFilter &&) = default;
  JwtFilter &operator=(const JwtFilter &) = default;
  JwtFilter &operator=(JwtFilter &&) = default;
  virtual ~JwtFilter() = default;

  struct Nested {
    Nested() = default;
    ~Nested() = default;
  };
};

union Slot {
  Slot() = default;
  ~Slot() = default;
  int handle;
};

namespace {
struct Hidden {
  Hidden() = default;
  bool operator==(const Hidden &) const = default;
};
} // namespace

// Benign neighbours: written noexcept, defaulted out of class.
struct Written {
  Written() noexcept = default;
  ~Written();
};
inline Written::~Written() = default;

Claims validate(const std::string &raw);
std::optional<Claims> kept(const std::string &raw);

//--- before.cpp
#include "session.h"

std::optional<Claims> validate(const std::string &raw) {
  try {
    return Claims{jwt::decode(raw).get_subject()};
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

std::optional<Claims> kept(const std::string &raw) {
  try {
    return Claims{jwt::decode(raw).get_subject()};
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

//--- after.cpp
#include "session.h"

Claims validate(const std::string &raw) {
// CHECK-MESSAGES-NARROWED: :[[@LINE-1]]:1: warning: 'validate' returned optional-like type 'std::optional<Claims>' in 'HEAD' ({{[0-9a-f]+}}) but now returns 'Claims', which cannot report failure [failguard-narrowed-optional-return]
// CHECK-MESSAGES-NARROWED: :[[@LINE-2]]:1: note: 'HEAD' ({{[0-9a-f]+}}) declared it at src/session.cpp:3
  return Claims{jwt::decode(raw).get_subject()};
  // CHECK-MESSAGES-REMOVED: :[[@LINE-1]]:17: warning: 'jwt::decode' may throw {{.*}}, which were handled in 'HEAD' ({{[0-9a-f]+}}) but are no longer handled in 'validate'; restore the handler ({{[^)]*}}) or catch {{.*}} in 'validate' [failguard-removed-exception-handler]
  // CHECK-MESSAGES-REMOVED: :[[@LINE-2]]:17: note: 'HEAD' ({{[0-9a-f]+}}) handled {{.*}} at src/session.cpp:6
  // CHECK-MESSAGES-REMOVED: :[[@LINE-3]]:34: note: the same handler also covered 'jwt::payload::get_subject' ('jwt::error::claim_not_present_exception' and 'std::bad_cast')
}

std::optional<Claims> kept(const std::string &raw) {
  try {
    return Claims{jwt::decode(raw).get_subject()};
  } catch (const std::exception &) {
    return std::nullopt;
  }
}
