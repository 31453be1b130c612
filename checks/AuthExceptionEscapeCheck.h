// failguard-auth-exception-escape
#ifndef FAILGUARD_CHECKS_AUTHEXCEPTIONESCAPECHECK_H
#define FAILGUARD_CHECKS_AUTHEXCEPTIONESCAPECHECK_H

#include "checks/AnalysisOptions.h"
#include "checks/ConfigurationErrors.h"
#include "checks/EscapeOptions.h"
#include "lib/EscapeReports.h"

#include "clang-tidy/ClangTidyCheck.h"
#include <vector>

namespace failguard {

/// Finds exceptions thrown by authentication and token-decode calls that can
/// escape a function that must not let them escape.
///
/// For the user-facing documentation see:
/// docs/checks/auth-exception-escape.md
class AuthExceptionEscapeCheck : public clang::tidy::ClangTidyCheck {
public:
  AuthExceptionEscapeCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  bool isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus && LangOpts.CXXExceptions;
  }
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const clang::SourceManager &SM, clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// Why the report's function must not let the exception escape, as the
  /// warning says it.
  std::string describeBoundary(const EscapeReport &Report) const;

  const std::string CheckName;
  ConfigurationErrors ConfigErrors;
  const AnalysisOptions Analysis;
  const EscapeOptions Escapes;
  clang::Preprocessor *PP = nullptr;

  // The unit being analysed, from check() to its end.
  clang::ASTContext *Context = nullptr;
  TranslationUnitAnalysis *Unit = nullptr;
  struct Report {
    EscapeReport Found;
    /// A NOLINT at the statement's first line, which clang-tidy does not read.
    bool SuppressedAtStatement = false;
  };
  std::vector<Report> Reports;
};

} // namespace failguard

#endif
