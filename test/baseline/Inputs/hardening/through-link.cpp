#include "include/token.h"

bool check(const std::string &raw) { return tokenIsValid(raw); }
