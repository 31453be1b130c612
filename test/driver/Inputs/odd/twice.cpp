#include <jwt-cpp/jwt.h>

inline void decodeIt(const std::string &raw) { jwt::decode(raw); }
void f(int) noexcept { decodeIt("a"); }
void f(long) noexcept { decodeIt("a"); }
