// Baseline of the jwt case: the same cycle, rethrowing with throw;.
#include <jwt-cpp/jwt.h>
#include <string>

int pong(const std::string &token, int depth);
int ping(const std::string &token, int depth) {
  try {
    return depth ? pong(token, depth - 1) : 0;
  } catch (const std::exception &e) {
    throw;
  }
}
int pong(const std::string &token, int depth) {
  return depth ? ping(token, depth - 1) : static_cast<int>(jwt::decode(token).get_signature().size());
}
