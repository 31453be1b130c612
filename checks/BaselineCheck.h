// Shared base of the checks that judge a translation unit against a git baseline.
#ifndef FAILGUARD_CHECKS_BASELINECHECK_H
#define FAILGUARD_CHECKS_BASELINECHECK_H

#include "checks/AnalysisOptions.h"
#include "checks/ConfigurationErrors.h"
#include "lib/TranslationUnitAnalysis.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace failguard {

/// Reads the options, obtains the unit's shared analysis and its baseline,
/// and hands a baseline that differs from the unit to compare() when the
/// unit is seen. When the baseline cannot be had it says why, once per
/// translation unit across the baseline checks, unless ReportMissingBaseline
/// is off.
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
  virtual void compare(TranslationUnitAnalysis &Unit, const BaselineState &State) = 0;
  /// Ends the unit for the shared context (call from onEndOfTranslationUnit).
  void endUnit();

  const std::string CheckName;
  /// The unit being analysed, from check() to endUnit().
  clang::ASTContext *Current = nullptr;

private:
  clang::tidy::ClangTidyContext *Tidy;
  ConfigurationErrors ConfigErrors;
  const AnalysisOptions Analysis;
  clang::Preprocessor *PP = nullptr;
};

} // namespace failguard

#endif
