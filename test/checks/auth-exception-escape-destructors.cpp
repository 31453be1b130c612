// Destructors are boundaries as in bugprone-exception-escape: one declared
// noexcept(false) or with a throwing dynamic exception specification may throw
// by design. (C++14: dynamic exception specifications are gone in C++17.)
// RUN: %check_failguard_tidy %s failguard-auth-exception-escape %t -- -- -std=c++14

#include <jwt-cpp/jwt.h>

std::string pendingToken();

struct Implicit {
  ~Implicit() { jwt::decode(pendingToken()); }
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape destructor 'Implicit::~Implicit'; catch them in 'Implicit::~Implicit' [failguard-auth-exception-escape]
};

struct ExplicitNoexcept {
  ~ExplicitNoexcept() noexcept(true) { jwt::decode(pendingToken()); }
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape destructor 'ExplicitNoexcept::~ExplicitNoexcept'; catch them in 'ExplicitNoexcept::~ExplicitNoexcept' [failguard-auth-exception-escape]
};

struct NoexceptFalse {
  ~NoexceptFalse() noexcept(false) { jwt::decode(pendingToken()); }
};

struct DynamicSpec {
  ~DynamicSpec() throw(std::exception) { jwt::decode(pendingToken()); }
};

struct OutOfLine {
  ~OutOfLine() noexcept(false);
};
OutOfLine::~OutOfLine() noexcept(false) { jwt::decode(pendingToken()); }

struct OutOfLineDynamic {
  ~OutOfLineDynamic() throw(int);
};
OutOfLineDynamic::~OutOfLineDynamic() throw(int) { jwt::decode(pendingToken()); }

// throw() is a non-throwing specification: still a boundary.
struct ThrowNothing {
  ~ThrowNothing() throw() { jwt::decode(pendingToken()); }
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: exceptions 'std::invalid_argument', 'std::runtime_error' and 2 more thrown by 'jwt::decode' escape destructor 'ThrowNothing::~ThrowNothing'; catch them in 'ThrowNothing::~ThrowNothing' [failguard-auth-exception-escape]
};
