// The options every failguard check reads to build the shared analysis.
#ifndef FAILGUARD_CHECKS_ANALYSISOPTIONS_H
#define FAILGUARD_CHECKS_ANALYSISOPTIONS_H

#include "checks/ConfigurationErrors.h"
#include "checks/ModelOptions.h"
#include "lib/Baseline.h"
#include "lib/TranslationUnitAnalysis.h"

#include "clang-tidy/ClangTidyCheck.h"
#include <memory>
#include <string>

namespace failguard {

/// The model options (ModelOptions), BaselineRef, UseMergeBase,
/// CacheDirectory, CacheSizeLimitMB, ReportMissingBaseline and IndexFile, read
/// local-or-global so that one top-level setting serves all failguard checks;
/// failguard-tidy's run file (docs/architecture.md) overrides BaselineRef,
/// UseMergeBase and IndexFile, and the stored values (--dump-config) are the
/// effective ones. Nothing else: not the environment.
class AnalysisOptions {
public:
  AnalysisOptions(const clang::tidy::ClangTidyCheck::OptionsView &Options,
                  clang::tidy::ClangTidyContext &Context, llvm::StringRef CheckName,
                  ConfigurationErrors &Errors);

  /// Stores the model and index options, and the baseline options when
  /// \p WithBaseline.
  void store(const clang::tidy::ClangTidyCheck::OptionsView &Options,
             clang::tidy::ClangTidyOptions::OptionMap &Map, bool WithBaseline) const;

  const ModelOptions Models;
  const std::string BaselineRef;
  const bool UseMergeBase;
  const std::string CacheDirectory;
  const bool ReportMissingBaseline;
  const unsigned CacheSizeLimitMB;
  /// The project summary index ("" the default one, "none" none), absolute.
  const std::string IndexFile;
  /// What the baseline is computed with.
  BaselineConfig Baseline;
  /// The escape check's analysis of changed functions through other units:
  /// the index at the baseline commit (failguard-tidy's run file), absolute.
  std::string BaselineIndexFile;
  /// What the shared analysis is built from.
  std::shared_ptr<const AnalysisSettings> Settings;
};

/// \p Path made absolute against the directory the host started in ("none"
/// and "" as they are).
std::string absoluteIndexPath(llvm::StringRef Path);

} // namespace failguard

#endif
