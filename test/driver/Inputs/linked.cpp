#include "include/authcheck.h"

bool linked(const std::string &raw) { return tokenOk(raw); }
