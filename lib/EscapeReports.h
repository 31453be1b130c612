// The modelled exceptions that escape the boundaries of a translation unit.
#ifndef FAILGUARD_LIB_ESCAPEREPORTS_H
#define FAILGUARD_LIB_ESCAPEREPORTS_H

#include "lib/Baseline.h"
#include "lib/Boundaries.h"
#include "lib/ExceptionFlow.h"

#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace failguard {

class TranslationUnitAnalysis;

/// Which boundaries count, and which of their escapes are reported.
struct EscapePolicy {
  BoundaryPolicy Boundaries;
  /// Only functions that are new, whose text changed since the baseline, or
  /// that let out an exception they did not let out at the baseline.
  bool OnlyChangedFunctions = false;
  BaselineConfig Baseline;
  /// The index at the baseline commit: an escape through another unit is new
  /// when it lacks it. Empty: no such index.
  std::string BaselineIndexFile;
};

/// One call in a boundary that modelled exceptions escape through.
struct EscapeReport {
  const clang::FunctionDecl *Function = nullptr;
  Boundary Why;
  const clang::Expr *Site = nullptr;
  /// The exception classes and the modelled functions, in the order met.
  llvm::SmallVector<std::string, 4> Types;
  llvm::SmallVector<std::string, 2> Apis;
  /// The first escape of each modelled function, for the path notes.
  llvm::SmallVector<const Escape *, 2> FirstPerApi;
};

/// The escapes of every boundary of the unit, one report per call site, in
/// the order of the unit's definitions.
std::vector<EscapeReport> findEscapeReports(TranslationUnitAnalysis &Analysis,
                                            const EscapePolicy &Policy);

} // namespace failguard

#endif
