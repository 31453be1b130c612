// Two mutually recursive functions; ping rethrows its handler's parameter by
// value, which slices acme::Revoked to std::runtime_error.
#include <stdexcept>
namespace acme {
struct Revoked : std::runtime_error {
  using std::runtime_error::runtime_error;
};
int check();
} // namespace acme

int pong(int depth);
int ping(int depth) {
  try {
    return depth ? pong(depth - 1) : 0;
  } catch (const std::runtime_error &e) {
    throw e;
  }
}
int pong(int depth) { return depth ? ping(depth - 1) : acme::check(); }
int entry() noexcept { return ping(3); }
