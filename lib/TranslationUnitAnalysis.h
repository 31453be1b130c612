// Everything failguard computes for one translation unit, each part built once.
#ifndef FAILGUARD_LIB_TRANSLATIONUNITANALYSIS_H
#define FAILGUARD_LIB_TRANSLATIONUNITANALYSIS_H

#include "lib/ApiModel.h"
#include "lib/Baseline.h"
#include "lib/Boundaries.h"
#include "lib/BoundaryModel.h"
#include "lib/ExceptionFlow.h"
#include "lib/Facts.h"
#include "lib/NullableTypes.h"
#include "lib/SummaryIndex.h"

#include "llvm/ADT/StringMap.h"
#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FileEntry;
class Preprocessor;
} // namespace clang

namespace failguard {

/// What the analysis of a translation unit is built from. Checks whose
/// options give equal settings share one analysis (see key()).
struct AnalysisSettings {
  ApiModel Model;
  NullableTypes Nullable{{}, {}};
  BoundaryModel Boundaries;
  /// The project summary index: a path, "" for the default one of the
  /// unit's repository in CacheDirectory, "none" for none.
  std::string IndexFile;
  std::string CacheDirectory;
  /// Record what the index could not answer (IndexView::Gaps) into this
  /// process-wide set; null: do not.
  IndexView::Gaps *Gaps = nullptr;
  /// The flow records every user call, for the unit's summaries.
  bool RecordUserCalls = false;

  /// Equal for settings that give the same analysis.
  std::string key() const;
};

/// How often the expensive parts were built, process-wide: what the test of
/// "one analysis per translation unit" counts.
struct AnalysisCounters {
  std::atomic<unsigned> Flows{0};
  std::atomic<unsigned> FactsCollectors{0};
  std::atomic<unsigned> Baselines{0};
  std::atomic<unsigned> Scans{0};
};
AnalysisCounters &analysisCounters();

/// The baseline of a translation unit for one BaselineConfig, with the
/// current functions keyed and matched like the baseline's.
struct BaselineState {
  /// The baseline, or null with the reason in Error.
  std::shared_ptr<const Baseline> Before;
  std::string Error;
  /// Set when Before is neither Unchanged nor NewFile.
  FactsCollector *Keys = nullptr;
  std::unique_ptr<FunctionMatcher> Matcher;
};

/// One translation unit's analysis, shared by every failguard check that
/// runs on it: the unit scan (definitions, routing calls), the boundaries,
/// one exception flow with the project index attached, one facts collection,
/// and one baseline per baseline configuration; each built on first use.
/// It emits nothing.
class TranslationUnitAnalysis {
public:
  TranslationUnitAnalysis(clang::ASTContext &Ctx, clang::Preprocessor *PP,
                          std::shared_ptr<const AnalysisSettings> Settings);
  ~TranslationUnitAnalysis();

  clang::ASTContext &context() const { return Ctx; }
  const AnalysisSettings &settings() const { return *Settings; }

  /// The function definitions of the unit outside system headers and
  /// template instantiations, in traversal order (the host's traversal
  /// scope: clangd's is the main file).
  const std::vector<const clang::FunctionDecl *> &definitions();
  BoundaryFinder &boundaries();
  ExceptionFlow &flow();
  /// The current unit's facts, keyed against the repository at \p Root.
  FactsCollector &facts();
  /// The baseline for \p Config, computed once per configuration.
  const BaselineState &baseline(const BaselineConfig &Config);

  /// The repository root of the main file (its real path), if any.
  const std::optional<std::string> &repositoryRoot();

  /// Files loaded only to place a note (another unit's file on a path
  /// through the index): not inputs of this unit, so not in its summaries.
  void addNoteOnlyFile(const clang::FileEntry *File) { NoteOnlyFiles.insert(File); }

  /// This unit's summaries for the project index (the flow must have been
  /// built with RecordUserCalls).
  UnitSummary summaries();

private:
  void scan();

  clang::ASTContext &Ctx;
  clang::Preprocessor *PP;
  std::shared_ptr<const AnalysisSettings> Settings;
  bool Scanned = false;
  std::vector<const clang::FunctionDecl *> Definitions;
  std::unique_ptr<BoundaryFinder> Boundaries;
  std::unique_ptr<ExceptionFlow> Flow;
  std::unique_ptr<FactsCollector> Facts;
  std::optional<std::optional<std::string>> Root;
  llvm::StringMap<std::unique_ptr<BaselineState>> Baselines;
  llvm::DenseSet<const clang::FileEntry *> NoteOnlyFiles;
};

} // namespace failguard

#endif
