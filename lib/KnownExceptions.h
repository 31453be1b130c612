// The class hierarchy of the built-in models' exception types, by name.
#ifndef FAILGUARD_LIB_KNOWNEXCEPTIONS_H
#define FAILGUARD_LIB_KNOWNEXCEPTIONS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace failguard {

/// The public base classes (nearest first, up to std::exception) of a
/// modelled exception class, as the library declares them: used when a
/// translation unit throws that class through a modelled call but does not
/// declare it, so handlers can still be matched. Empty for unknown names.
llvm::ArrayRef<llvm::StringRef> knownBasesOf(llvm::StringRef QualifiedName);

} // namespace failguard

#endif
