// Test double of absl/status/statusor.h: absl::Status and absl::StatusOr<T>.
#pragma once
#include <string>

namespace absl {
class Status {
public:
  Status() = default;
  bool ok() const;
};
Status UnauthenticatedError(const std::string &message);
template <typename T> class StatusOr {
public:
  StatusOr(const T &value);
  StatusOr(const Status &status);
  bool ok() const;
};
} // namespace absl
