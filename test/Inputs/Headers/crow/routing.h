// Test double of crow/routing.h: the real rule classes and their handler-taking operator().
// URL parameter tags are not modelled: every tagged rule takes handlers of any signature.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

namespace crow {
enum class HTTPMethod : char { Delete = 0, Get, Head, Post, Put };
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

template <typename T> struct RuleParameterTraits {
  using self_t = T;
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

namespace black_magic {
constexpr uint64_t get_parameter_tag(const char *) { return 0; }
} // namespace black_magic
} // namespace crow
