#pragma once
#include <string>

namespace auth {
bool validateToken(const std::string &token);
std::string decodeSubject(const std::string &token);
} // namespace auth
