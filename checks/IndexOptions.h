// The option that names the project summary index, and attaching it.
#ifndef FAILGUARD_CHECKS_INDEXOPTIONS_H
#define FAILGUARD_CHECKS_INDEXOPTIONS_H

#include "checks/FailguardContext.h"
#include "lib/ExceptionFlow.h"
#include "lib/SummaryIndex.h"

#include "clang-tidy/ClangTidyCheck.h"
#include <memory>
#include <string>

namespace failguard {

/// IndexFile (local or global; FAILGUARD_INDEX overrides it): the project
/// summary index the checks consult for functions a translation unit calls
/// but does not define. Empty: the index in the cache directory for the
/// unit's repository (SummaryIndex's defaultIndexPath), when it exists.
/// `none` turns the index off.
struct IndexOptions {
  explicit IndexOptions(const clang::tidy::ClangTidyCheck::OptionsView &Options);
  void store(const clang::tidy::ClangTidyCheck::OptionsView &Options,
             clang::tidy::ClangTidyOptions::OptionMap &Map) const;

  /// The index for the translation unit of \p Flow, shown to it. A named
  /// index, or the default one, that cannot be read is ignored with one
  /// warning per path and process. \p CacheDirectory: the CacheDirectory
  /// option (empty: the default).
  void attach(ExceptionFlow &Flow, llvm::StringRef CacheDirectory) const;

  /// The path of the index for the repository at \p Root, or empty for none.
  std::string pathFor(llvm::StringRef CacheDirectory, llvm::StringRef Root) const;

  const std::string IndexFile;
};

/// The notes for the hops of \p Remote beyond this translation unit, each at
/// its place in the other file (loaded into \p Ctx's source manager; a file
/// the unit did not read is recorded as FailguardContext's note-only file),
/// or at \p Fallback with the file and line in the text when that file cannot
/// be read.
std::vector<DiagnosticText> remoteHopNotes(clang::ASTContext &Ctx, const RemoteEscape &Remote,
                                           clang::SourceLocation Fallback);

/// \p Path made absolute against the directory the host started in ("none"
/// and "" as they are).
std::string absoluteIndexPath(llvm::StringRef Path);

/// The index at \p Path with the in-process refreshes laid over it (see
/// refreshInProcess), or null when there is none. A file that exists but
/// cannot be used, or a \p Named one that does not exist, is reported once
/// per path and process, on stderr.
std::shared_ptr<const SummaryIndex> loadProjectIndex(llvm::StringRef Path, bool Named);

/// failguard-clangd: the summaries of the units this process analyses
/// replace the index's for their functions, so that the files open in the
/// editor count as they are now.
void setRefreshIndexInProcess(bool Refresh);
bool refreshIndexInProcess();
/// Lays \p Unit over the index at \p Path in this process.
void refreshInProcess(llvm::StringRef Path, UnitSummary Unit);

/// FAILGUARD_INDEX_GAPS_OUT (set by git-failguard): writes there, whole,
/// what the indexes attached in this process could not answer so far (see
/// IndexView::Gaps): a first line "failguard-index-gaps-1", then
/// "function USR" and "callers USR" lines, sorted. Each check that consults
/// the index calls it at the end of the translation unit, so the last call
/// has every gap. Does nothing when the variable is not set.
void writeIndexGaps();

} // namespace failguard

#endif
