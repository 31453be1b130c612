// Test double of crow/routing.h (Crow 1.3): the real rule classes, their handler-taking
// operator() and WebSocketRule's callback setters, and Blueprint.
// URL parameter tags are not modelled: every tagged rule takes handlers of any signature.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace crow {
enum class HTTPMethod : char { Delete = 0, Get, Head, Post, Put, Connect, Options, Trace, Patch };
constexpr HTTPMethod method_from_string(const char *str);
} // namespace crow

// crow/common.h: "POST"_method names an HTTP method.
constexpr crow::HTTPMethod operator""_method(const char *str, size_t len) {
  return crow::method_from_string(str);
}

namespace crow {
struct request {
  std::string url;
  std::string body;
  std::string get_header_value(const std::string &key) const;
};
struct response {
  response() = default;
  explicit response(int code);
  response(int code, std::string body);
  int code = 200;
  std::string body;
};

class BaseRule {
public:
  BaseRule(std::string rule);
  virtual ~BaseRule() = default;
};

namespace websocket {
struct connection {
  virtual void send_text(std::string msg) = 0;
  virtual void close(std::string const &msg = "quit", uint16_t status_code = 1000) = 0;
};
} // namespace websocket

template <typename App> class WebSocketRule : public BaseRule {
  using self_t = WebSocketRule;

public:
  WebSocketRule(std::string rule, App *app);
  template <typename Func> self_t &onopen(Func f) { return *this; }
  template <typename Func> self_t &onmessage(Func f) { return *this; }
  template <typename Func> self_t &onclose(Func f) { return *this; }
  template <typename Func> self_t &onerror(Func f) { return *this; }
  self_t &onaccept(
      std::function<void(const crow::request &, std::optional<crow::response> &, void **)>
          &&callback) {
    return *this;
  }
  self_t &onaccept(std::function<bool(const crow::request &, void **)> &&callback) {
    return *this;
  }
};

template <typename T> struct RuleParameterTraits {
  using self_t = T;
  template <typename App> WebSocketRule<App> &websocket(App *app);
  self_t &name(std::string name) noexcept;
  self_t &methods(HTTPMethod method);
};

class DynamicRule : public BaseRule, public RuleParameterTraits<DynamicRule> {
public:
  DynamicRule(std::string rule);
  template <typename Func> void operator()(Func f) {}
  template <typename Func> void operator()(std::string name, Func &&f) {}
};

template <typename... Args>
class TaggedRule : public BaseRule, public RuleParameterTraits<TaggedRule<Args...>> {
public:
  using self_t = TaggedRule<Args...>;
  TaggedRule(std::string rule);
  template <typename Func> void operator()(Func &&f) {}
  template <typename Func> void operator()(std::string name, Func &&f) {}
};

class CatchallRule {
public:
  CatchallRule() {}
  template <typename Func> void operator()(Func &&f) {}
};

class Blueprint {
public:
  Blueprint(const std::string &prefix);
  DynamicRule &new_rule_dynamic(const std::string &rule);
  template <uint64_t N> TaggedRule<> &new_rule_tagged(const std::string &rule);
  CatchallRule &catchall_rule();
};

namespace black_magic {
constexpr uint64_t get_parameter_tag(const char *) { return 0; }
} // namespace black_magic
} // namespace crow
