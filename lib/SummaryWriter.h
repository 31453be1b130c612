// Writes the summaries of one translation unit for the project index.
#ifndef FAILGUARD_LIB_SUMMARYWRITER_H
#define FAILGUARD_LIB_SUMMARYWRITER_H

#include "lib/ExceptionFlow.h"
#include "lib/GitTree.h"
#include "lib/SummaryIndex.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <optional>
#include <string>
#include <system_error>

namespace clang {
class FileEntry;
class FunctionDecl;
class SourceManager;
} // namespace clang

namespace failguard {

/// The summaries of \p Definitions (function definitions of one translation
/// unit; those outside the repository are left out), with every repository
/// file the unit read and its blob id as the unit read it. \p Flow must have
/// recorded user calls (ExceptionFlow::recordUserCalls) from its start.
/// Nothing from the index the flow consults goes into them: a unit's
/// summaries depend on its own inputs only.
/// Files in \p NotInputs are in the source manager without being read by
/// the unit (loaded to place a diagnostic): left out.
UnitSummary summariseUnit(ExceptionFlow &Flow,
                          llvm::ArrayRef<const clang::FunctionDecl *> Definitions,
                          const WorkingTreePaths &Paths,
                          const llvm::DenseSet<const clang::FileEntry *> &NotInputs = {});

} // namespace failguard

#endif
