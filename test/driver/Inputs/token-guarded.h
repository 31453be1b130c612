#pragma once
#include <jwt-cpp/jwt.h>

inline bool tokenOk(const std::string &raw) {
  try {
    jwt::decode(raw);
    return true;
  } catch (const std::exception &) {
    return false;
  }
}
