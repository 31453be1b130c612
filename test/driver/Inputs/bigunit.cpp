#include "src/big.h"

bool big(const std::string &raw) { return tokenOk(raw); }
