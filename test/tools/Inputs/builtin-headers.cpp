// Needs Clang's own <stddef.h> and <stdarg.h> from the resource directory.
#include <cstdarg>
#include <cstddef>
std::size_t size(std::va_list) { return sizeof(std::max_align_t); }
