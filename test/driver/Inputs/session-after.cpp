#include <acme/token.h>

bool sessionOk(const std::string &token) noexcept { return !acme::legacy::check(token).empty(); }
