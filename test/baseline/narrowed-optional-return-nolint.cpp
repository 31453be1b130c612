// The narrowed return type of a function template is reported at the return
// type, below `template <...>`: NOLINTNEXTLINE above the whole declaration and
// NOLINT on its first line suppress it, as they do at the warning's line.
// RUN: split-file %s %t
// RUN: %git_repo init %t/repo %t/before.cpp=auth.cpp
// RUN: %git_repo put %t/repo %t/after.cpp=auth.cpp
// RUN: %check_failguard_tidy %t/repo/auth.cpp failguard-narrowed-optional-return %t/out

//--- before.cpp
#include <optional>
#include <string>

template <typename T> std::optional<T> first(const std::string &raw) { return T(raw); }
template <typename T> std::optional<T> second(const std::string &raw) { return T(raw); }
template <typename T> std::optional<T> third(const std::string &raw) { return T(raw); }
template <typename T> std::optional<T> fourth(const std::string &raw) { return T(raw); }
template <typename T> std::optional<T> fifth(const std::string &raw) { return T(raw); }

//--- after.cpp
#include <optional>
#include <string>

// NOLINTNEXTLINE(failguard-narrowed-optional-return)
template <typename T>
T first(const std::string &raw) { return T(raw); }

template <typename T> // NOLINT(failguard-*)
T second(const std::string &raw) { return T(raw); }

// A list naming another check only: reported.
// NOLINTNEXTLINE(failguard-auth-exception-escape)
template <typename T>
T third(const std::string &raw) { return T(raw); }
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'third' returned optional-like type 'std::optional<T>' in 'HEAD' ({{[0-9a-f]+}}) but now returns 'T', which cannot report failure [failguard-narrowed-optional-return]
// CHECK-MESSAGES: :[[@LINE-2]]:1: note: 'HEAD' ({{[0-9a-f]+}}) declared it at auth.cpp:6

// The NOLINTNEXTLINE above the declaration before does not reach this one.
// NOLINTNEXTLINE(failguard-narrowed-optional-return)
template <typename T> T fourth(const std::string &raw) { return T(raw); }
template <typename T>
T fifth(const std::string &raw) { return T(raw); }
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: 'fifth' returned optional-like type 'std::optional<T>' in 'HEAD' ({{[0-9a-f]+}}) but now returns 'T', which cannot report failure [failguard-narrowed-optional-return]
// CHECK-MESSAGES: :[[@LINE-2]]:1: note: 'HEAD' ({{[0-9a-f]+}}) declared it at auth.cpp:8
