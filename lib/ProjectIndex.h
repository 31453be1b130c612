// The project summary index as a translation unit's analysis reads it.
#ifndef FAILGUARD_LIB_PROJECTINDEX_H
#define FAILGUARD_LIB_PROJECTINDEX_H

#include "lib/SummaryIndex.h"

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <system_error>
#include <memory>
#include <string>

namespace clang {
class SourceManager;
} // namespace clang

namespace failguard {

class ExceptionFlow;

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

/// The index at \p Path with the in-process refreshes laid over it (see
/// refreshInProcess), or null when there is none. A file that exists but
/// cannot be used, or a \p Named one that does not exist, is reported once
/// per path and process, on stderr.
std::shared_ptr<const SummaryIndex> loadProjectIndex(llvm::StringRef Path, bool Named);

/// Shows \p Flow's translation unit the index \p IndexFile names ("" for the
/// default one of its repository under \p CacheDirectory, "none" for none),
/// recording what it cannot answer into \p Gaps when given.
void attachProjectIndex(ExceptionFlow &Flow, llvm::StringRef IndexFile,
                        llvm::StringRef CacheDirectory, IndexView::Gaps *Gaps);

/// failguard-clangd: the summaries of the units this process analyses
/// replace the index's for their functions, so that the files open in the
/// editor count as they are now.
void setRefreshIndexInProcess(bool Refresh);
bool refreshIndexInProcess();
/// Lays \p Unit over the index at \p Path in this process.
void refreshInProcess(llvm::StringRef Path, UnitSummary Unit);

/// The gaps file's text (`failguard-index-gaps-1`, docs/index.md): a first
/// line naming the format, then "function USR" and "callers USR" lines, sorted.
std::string indexGapsText(const IndexView::Gaps &Gaps);

} // namespace failguard

#endif
