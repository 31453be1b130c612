#include "part.cpp"

int host() { return part(); }
