// Facts of the same translation unit at a git baseline, parsed from git objects.
#ifndef FAILGUARD_LIB_BASELINE_H
#define FAILGUARD_LIB_BASELINE_H

#include "lib/ApiModel.h"
#include "lib/Facts.h"
#include "lib/GitTree.h"
#include "lib/NullableTypes.h"

#include "llvm/Support/Error.h"
#include <map>
#include <memory>
#include <optional>
#include <cstdint>
#include <string>

namespace clang {
class ASTContext;
class Preprocessor;
} // namespace clang

namespace failguard {

struct BaselineConfig {
  /// Anything `git rev-parse` accepts.
  std::string Ref = "HEAD";
  /// Compare against the merge-base of Ref and HEAD rather than Ref itself.
  bool MergeBase = true;
  /// Where facts are cached; empty: ${XDG_CACHE_HOME:-~/.cache}/failguard.
  std::string CacheDirectory;
  /// Files renamed since the baseline: repository-relative path now, path at
  /// the baseline. The baseline shows the old file's content under the new name.
  std::map<std::string, std::string> Renames;
  /// The cache directory is kept under this size, least recently used
  /// entries evicted first.
  uint64_t CacheLimitBytes = uint64_t(512) << 20;
  /// The project summary index at the baseline (the run file's baseline_index,
  /// else the checks' IndexFile); empty: the default index of the
  /// repository in the cache directory; "none": no index.
  std::string IndexFile;
};

struct Baseline {
  std::string Ref;    // as configured
  std::string Commit; // resolved (merge-base) commit
  /// Nothing the translation unit reads from the repository differs from the
  /// baseline: there is nothing to compare, and Facts is empty.
  bool Unchanged = false;
  /// The main file is new since the baseline: nothing to compare, nothing to say.
  bool NewFile = false;
  TranslationUnitFacts Facts;
  /// Repository-relative path of the main file.
  std::string MainFile;
  /// The repository's working tree root (its real path).
  std::string Root;
  /// Paths under Root, also as the translation unit names them through links.
  std::unique_ptr<WorkingTreePaths> Paths;

  /// \p Path relative to the working tree, as the translation unit names it.
  std::optional<std::string> relativePath(llvm::StringRef Path) const;

  /// "'origin/main' (1a2b3c4d)"
  std::string describe() const;
};


/// Computes the baseline of the translation unit in \p Ctx: same compiler
/// invocation (read back from the preprocessor and AST options, so it does not
/// matter how the flags came), the baseline commit's files over the real file
/// system, function bodies outside the repository skipped. The repository is
/// only read. The error says which baseline is missing and why: not a git
/// repository, a ref that cannot be resolved (shallow clones say how to fetch
/// it), a baseline that does not parse. A main file new since the baseline is
/// no error (Baseline::NewFile).
///
/// Facts are cached on disk, in a directory private to the user (refused,
/// with one warning, otherwise), keyed by the commit, the invocation, the
/// models, the failguard build and the LLVM version, and checked against the
/// files outside git objects that the baseline parse read (generated and
/// third-party headers). A baseline that does not parse is cached on the same
/// terms (the first error kept, the message made for the ref asked), so
/// neither a warm run nor an editor parses a broken baseline again.
llvm::Expected<std::shared_ptr<const Baseline>>
computeBaseline(const BaselineConfig &Config, clang::Preprocessor &PP, const ApiModel &Model,
                const NullableTypes &Nullable);

/// Parses the baseline ahead, when the main file itself differs from it, so
/// that computeBaseline() at the end of the unit finds it remembered. Called
/// as the parse of the unit begins, it keeps the baseline's AST and the
/// unit's from being in memory at the same time.
void prefetchBaseline(const BaselineConfig &Config, clang::Preprocessor &PP,
                      const ApiModel &Model, const NullableTypes &Nullable);

} // namespace failguard

#endif
