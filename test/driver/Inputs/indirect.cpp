#include "wrapper.h"

bool indirect(const std::string &raw) { return wrapped(raw); }
