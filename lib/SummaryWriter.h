// Writes the summaries of one translation unit for the project index, and
// shows the index to the analysis of another.
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

/// The working tree root of the repository holding \p Path (its real path),
/// or nothing outside any repository. Remembered per directory; thread-safe.
std::optional<std::string> repositoryRootOf(llvm::StringRef Path);

/// The index file of the repository at \p Root: \p Configured when it names
/// one, nothing (empty) when it is "none", else the default one under
/// \p CacheDirectory (empty: defaultCacheDirectory()).
std::string projectIndexPath(llvm::StringRef Configured, llvm::StringRef CacheDirectory,
                             llvm::StringRef Root);

/// An IndexView for a translation unit: an index function is fresh when its
/// defining file, as \p SM's file manager reads it (the baseline's files for
/// a baseline parse), has the blob id the index recorded.
std::unique_ptr<IndexView> viewFor(std::shared_ptr<const SummaryIndex> Index,
                                   clang::SourceManager &SM, std::string Root);

/// Writes \p Text to \p Path whole or not at all (a temporary file next to
/// it, renamed over it): a reader never sees half of it.
std::error_code writeFileAtomically(llvm::StringRef Path, llvm::StringRef Text);

} // namespace failguard

#endif
