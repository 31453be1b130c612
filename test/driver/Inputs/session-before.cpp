#include <acme/token.h>

bool sessionOk(const std::string &token) noexcept { return !token.empty(); }
