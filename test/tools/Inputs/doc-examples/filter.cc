#include "token.h"

bool allowed(const std::string &token) { return subjectOf(token).has_value(); }
