#pragma once
#include "token.h"

inline bool wrapped(const std::string &raw) { return tokenOk(raw); }
