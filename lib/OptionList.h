// The one parser for list-valued check options.
#ifndef FAILGUARD_LIB_OPTIONLIST_H
#define FAILGUARD_LIB_OPTIONLIST_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace failguard {

/// Splits a list option at any of \p Separators, trimming white space and
/// dropping empty items: "a; b,,c" gives {"a", "b", "c"}.
std::vector<std::string> splitList(llvm::StringRef Raw,
                                   llvm::StringRef Separators = ";,");

} // namespace failguard

#endif
