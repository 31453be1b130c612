// The run file: what git-failguard computed for one failguard-tidy process.
#ifndef FAILGUARD_LIB_RUNFILE_H
#define FAILGUARD_LIB_RUNFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace failguard {

inline constexpr llvm::StringLiteral RunFileFormat = "failguard-run-1";

/// Run files larger than this are refused: a real one is a few hundred bytes,
/// and a few more per renamed file.
constexpr uint64_t MaxRunFileBytes = 16u << 20;

/// docs/architecture.md: an absent member leaves the configuration's value.
struct RunFile {
  std::optional<std::string> BaselineRef;
  std::optional<bool> MergeBase;
  /// Path now -> path at the baseline, relative to the repository.
  std::map<std::string, std::string> Renames;
  std::optional<bool> ChangedFunctionsOnly;
  /// The project summary index now and at the baseline: a path or "none".
  std::optional<std::string> Index;
  std::optional<std::string> BaselineIndex;
  /// Outputs; empty: not written.
  std::string Results;
  std::string Summaries;
  std::string IndexGaps;
  std::string Plan;
};

/// Parses a run file's text; the error says, in a few words, what is wrong.
llvm::Expected<RunFile> parseRunFile(llvm::StringRef Text);

/// Reads and parses the run file at \p Path (a regular file, bounded).
llvm::Expected<RunFile> readRunFile(llvm::StringRef Path);

} // namespace failguard

#endif
