// The same with the built-in jwt-cpp model and catch (const std::exception &e).
#include <jwt-cpp/jwt.h>
#include <string>

int pong(const std::string &token, int depth);
int ping(const std::string &token, int depth) {
  try {
    return depth ? pong(token, depth - 1) : 0;
  } catch (const std::exception &e) {
    throw e;
  }
}
int pong(const std::string &token, int depth) {
  return depth ? ping(token, depth - 1) : static_cast<int>(jwt::decode(token).get_signature().size());
}
