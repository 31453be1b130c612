// The options that say which baseline a failguard check compares with.
#ifndef FAILGUARD_CHECKS_BASELINEOPTIONS_H
#define FAILGUARD_CHECKS_BASELINEOPTIONS_H

#include "lib/Baseline.h"

#include "clang-tidy/ClangTidyCheck.h"
#include <string>

namespace failguard {

/// BaselineRef, UseMergeBase, CacheDirectory, CacheSizeLimitMB and ReportMissingBaseline, read
/// local-or-global, with the environment's word last: FAILGUARD_BASELINE
/// overrides BaselineRef, FAILGUARD_MERGE_BASE=1 forces UseMergeBase (=0 turns it off), and FAILGUARD_RENAMES (`new=old;...`, paths relative
/// to the repository, set by git-failguard) says which files were renamed.
struct BaselineOptions {
  explicit BaselineOptions(const clang::tidy::ClangTidyCheck::OptionsView &Options);
  void store(const clang::tidy::ClangTidyCheck::OptionsView &Options,
             clang::tidy::ClangTidyOptions::OptionMap &Map) const;

  const std::string BaselineRef;
  const bool UseMergeBase;
  const std::string CacheDirectory;
  const bool ReportMissingBaseline;
  const unsigned CacheSizeLimitMB;
  /// What computeBaseline() is given.
  BaselineConfig Config;
};

} // namespace failguard

#endif
