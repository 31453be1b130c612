// Shared base of the checks that judge a translation unit against a git baseline.
#ifndef FAILGUARD_CHECKS_BASELINECHECK_H
#define FAILGUARD_CHECKS_BASELINECHECK_H

#include "checks/BaselineOptions.h"
#include "checks/ConfigurationErrors.h"
#include "checks/ModelOptions.h"
#include "lib/Baseline.h"
#include "lib/ExceptionFlow.h"
#include "checks/IndexOptions.h"
#include "lib/Facts.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace failguard {

/// Reads the baseline options (see BaselineOptions), obtains the baseline
/// once per translation unit and hands it to compare(). When the baseline
/// cannot be had it says why, once per translation unit across the baseline
/// checks, unless ReportMissingBaseline is off.
class BaselineCheck : public clang::tidy::ClangTidyCheck {
public:
  BaselineCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  bool isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const clang::SourceManager &SM, clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

protected:
  /// The comparison proper; Collector keys the current functions as the
  /// baseline's facts are keyed.
  virtual void compare(const Baseline &Before, clang::ASTContext &Ctx, ExceptionFlow &Flow,
                       FactsCollector &Collector) = 0;

  const NullableTypes &nullable() const { return Nullable; }
  llvm::StringRef checkName() const { return CheckName; }

private:
  const std::string CheckName;
  clang::tidy::ClangTidyContext *Context;
  ConfigurationErrors ConfigErrors;
  const ModelOptions Models;
  const BaselineOptions Baselines;
  const IndexOptions Indexes;
  ApiModel Model;
  NullableTypes Nullable;
  clang::Preprocessor *PP = nullptr;
};

} // namespace failguard

#endif
