// Test double of jwt-cpp's public API (include/jwt-cpp/jwt.h): the real
// namespaces, class templates, signatures and exception hierarchy, no bodies
// beyond what declarations need.
#ifndef JWT_CPP_JWT_H
#define JWT_CPP_JWT_H

#include <chrono>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <system_error>
#include <typeinfo>
#include <vector>

namespace jwt {
using date = std::chrono::system_clock::time_point;

namespace error {
struct signature_verification_exception : public std::system_error {
  using system_error::system_error;
};
struct signature_generation_exception : public std::system_error {
  using system_error::system_error;
};
struct rsa_exception : public std::system_error {
  using system_error::system_error;
};
struct ecdsa_exception : public std::system_error {
  using system_error::system_error;
};
struct token_verification_exception : public std::system_error {
  using system_error::system_error;
};
struct invalid_json_exception : public std::runtime_error {
  invalid_json_exception() : runtime_error("invalid json") {}
};
struct claim_not_present_exception : public std::out_of_range {
  claim_not_present_exception() : out_of_range("claim not found") {}
};
} // namespace error

namespace json {
enum class type { boolean, integer, number, string, array, object };
} // namespace json

namespace traits {
struct kazuho_picojson {
  using string_type = std::string;
  using number_type = double;
  using integer_type = long long;
  using boolean_type = bool;
};
} // namespace traits

template <typename json_traits> class basic_claim {
public:
  basic_claim();
  explicit basic_claim(typename json_traits::string_type s);
  json::type get_type() const;
  typename json_traits::string_type as_string() const;
  date as_date() const;
  typename json_traits::integer_type as_integer() const;
  typename json_traits::number_type as_number() const;
  typename json_traits::boolean_type as_boolean() const;
  std::set<typename json_traits::string_type> as_set() const;
};

template <typename json_traits> class payload {
public:
  bool has_issuer() const noexcept;
  bool has_subject() const noexcept;
  bool has_audience() const noexcept;
  bool has_expires_at() const noexcept;
  bool has_not_before() const noexcept;
  bool has_issued_at() const noexcept;
  bool has_id() const noexcept;
  bool has_payload_claim(const typename json_traits::string_type &name) const noexcept;
  basic_claim<json_traits> get_payload_claim(const typename json_traits::string_type &name) const;
  typename json_traits::string_type get_issuer() const;
  typename json_traits::string_type get_subject() const;
  std::set<typename json_traits::string_type> get_audience() const;
  date get_expires_at() const;
  date get_not_before() const;
  date get_issued_at() const;
  typename json_traits::string_type get_id() const;
};

template <typename json_traits> class header {
public:
  bool has_algorithm() const noexcept;
  bool has_key_id() const noexcept;
  bool has_header_claim(const typename json_traits::string_type &name) const noexcept;
  basic_claim<json_traits> get_header_claim(const typename json_traits::string_type &name) const;
  typename json_traits::string_type get_algorithm() const;
  typename json_traits::string_type get_key_id() const;
};

template <typename json_traits>
class decoded_jwt : public header<json_traits>, public payload<json_traits> {
public:
  using string_type = typename json_traits::string_type;
  explicit decoded_jwt(const string_type &token);
  template <typename Decode> decoded_jwt(const string_type &token, Decode decode);
  const string_type &get_token() const noexcept;
  const string_type &get_signature() const noexcept;
  basic_claim<json_traits> get_payload_claim(const string_type &name) const;
  basic_claim<json_traits> get_header_claim(const string_type &name) const;
};

struct default_clock {
  date now() const;
};

template <typename Clock, typename json_traits> class verifier {
public:
  explicit verifier(Clock c);
  verifier &leeway(size_t leeway);
  verifier &with_issuer(const typename json_traits::string_type &iss);
  verifier &with_audience(const typename json_traits::string_type &aud);
  verifier &with_claim(const typename json_traits::string_type &name, basic_claim<json_traits> c);
  template <typename Algorithm> verifier &allow_algorithm(Algorithm alg);
  void verify(const decoded_jwt<json_traits> &jwt) const;
  void verify(const decoded_jwt<json_traits> &jwt, std::error_code &ec) const;
};

namespace algorithm {
struct hs256 {
  explicit hs256(std::string key);
};
struct rs256 {
  explicit rs256(const std::string &public_key, const std::string &private_key = "",
                 const std::string &public_key_password = "",
                 const std::string &private_key_password = "");
};
} // namespace algorithm

template <typename Clock, typename json_traits> verifier<Clock, json_traits> verify(Clock c);

template <typename json_traits>
decoded_jwt<json_traits> decode(const typename json_traits::string_type &token);
template <typename json_traits, typename Decode>
decoded_jwt<json_traits> decode(const typename json_traits::string_type &token, Decode decode);

// What include/jwt-cpp/traits/kazuho-picojson/defaults.h adds by default.
using claim = basic_claim<traits::kazuho_picojson>;
inline decoded_jwt<traits::kazuho_picojson> decode(const std::string &token) {
  return decoded_jwt<traits::kazuho_picojson>(token);
}
inline verifier<default_clock, traits::kazuho_picojson> verify() {
  return verifier<default_clock, traits::kazuho_picojson>(default_clock{});
}
} // namespace jwt

#endif
