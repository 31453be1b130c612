// Test double of drogon/utils/coroutine.h: Task<T> and AsyncTask with promise types that compile (C++20).
#pragma once
#include <coroutine>
#include <exception>

namespace drogon {
template <typename T = void> struct [[nodiscard]] Task {
  struct promise_type {
    Task get_return_object() noexcept { return Task{}; }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    std::suspend_always final_suspend() const noexcept { return {}; }
    void return_value(const T &) noexcept {}
    void unhandled_exception() noexcept {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume();
};
template <> struct [[nodiscard]] Task<void> {
  struct promise_type {
    Task get_return_object() noexcept { return Task{}; }
    std::suspend_always initial_suspend() const noexcept { return {}; }
    std::suspend_always final_suspend() const noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};
// The real AsyncTask's promise calls std::terminate from unhandled_exception.
struct AsyncTask {
  struct promise_type {
    AsyncTask get_return_object() noexcept { return AsyncTask{}; }
    std::suspend_never initial_suspend() const noexcept { return {}; }
    std::suspend_never final_suspend() const noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() { std::terminate(); }
  };
};
} // namespace drogon
