#pragma once
#include <jwt-cpp/jwt.h>

inline bool tokenOk(const std::string &raw) {
  jwt::decode(raw);
  return true;
}
