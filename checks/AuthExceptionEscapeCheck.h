// failguard-auth-exception-escape
#ifndef FAILGUARD_CHECKS_AUTHEXCEPTIONESCAPECHECK_H
#define FAILGUARD_CHECKS_AUTHEXCEPTIONESCAPECHECK_H

#include "checks/BaselineOptions.h"
#include "checks/ConfigurationErrors.h"
#include "checks/FailguardContext.h"
#include "checks/IndexOptions.h"
#include "checks/ModelOptions.h"
#include "lib/Baseline.h"
#include "lib/Facts.h"
#include "lib/ApiModel.h"
#include "lib/ExceptionFlow.h"
#include "lib/NullableTypes.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/GlobPattern.h"
#include <memory>
#include <optional>

namespace failguard {

/// What AuthExceptionEscapeCheck knows of the baseline's functions in one
/// translation unit, with OnlyChangedFunctions.
struct BaselineBodies {
  bool Everything = false; // no baseline to tell: every function counts as changed
  bool Nothing = false;    // the translation unit is unchanged
  std::shared_ptr<const Baseline> Before;
  std::unique_ptr<FactsCollector> Keys;
  std::unique_ptr<FunctionMatcher> Matcher;
};

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
  /// Why a function must not let an exception escape, as the diagnostic says it.
  std::optional<std::string> boundaryOf(const clang::FunctionDecl &FD) const;
  /// Records the functions and lambdas that a routing call of a known
  /// framework registers as request handlers.
  void recordRegistrations(const clang::CallExpr &RoutingCall);
  void recordHandlers(const clang::CallExpr &RoutingCall, llvm::StringRef Via);
  void recordDependentRegistrations(const clang::FunctionDecl &FD);
  /// Records the handlers that a drogon controller's registration macros
  /// name when the parse skipped the body they expand into (clangd's
  /// preamble skips the bodies of header functions).
  void recordSkippedRegistrations(const clang::FunctionDecl &FD);
  static bool derivesFromTemplate(const clang::CXXRecordDecl &Class, llvm::StringRef Template,
                                  unsigned Depth = 0);
  /// Finds the modelled exceptions that escape \p Function if it is a boundary.
  void findEscapes(const clang::FunctionDecl &Function, clang::ASTContext &Ctx);
  /// Finds the escapes of every boundary of the translation unit, once, and
  /// tells the shared context which call sites will be reported.
  void decideReports();
  bool overridesAny(const clang::CXXMethodDecl &MD,
                    llvm::function_ref<bool(llvm::StringRef)> Matches) const;
  void reportConfigurationError(llvm::Error Error);
  /// The exception flow of \p Ctx's translation unit, with the project index.
  ExceptionFlow &flowFor(clang::ASTContext &Ctx);
  /// Writes or refreshes this unit's summaries, if asked to.
  void writeSummaries();
  /// Whether an escape ending in another unit (\p Last) is new since the
  /// baseline index; false without one.
  bool newThroughIndex(const Escape &Last);
  /// With OnlyChangedFunctions: whether \p FD is new, its text differs from
  /// the baseline (a lambda's text is its enclosing function's), or an
  /// exception escapes it that did not at the baseline (a function on the
  /// way to the modelled call changed).
  bool changedSinceBaseline(const clang::FunctionDecl &FD, clang::ASTContext &Ctx);

  const std::string CheckName;
  ConfigurationErrors ConfigErrors;
  const ModelOptions Models;
  const std::string RequestHandlers;
  const std::string BoundaryFunctions;
  const bool CheckNoexceptFunctions;
  const bool CheckDestructors;
  const bool CheckNullableReturns;
  const bool OnlyChangedFunctions;
  const BaselineOptions Baselines;
  const IndexOptions Indexes;
  /// FAILGUARD_SUMMARY_OUT: where to write this unit's summaries for the
  /// project index (git-failguard's summary pass).
  const std::string SummaryOutput;
  /// FAILGUARD_SUMMARY_ONLY=1: write the summaries, report nothing.
  const bool SummaryOnly;
  /// FAILGUARD_BASELINE_INDEX: the index at the baseline commit, to tell
  /// escapes through other units that are new (git-failguard sets it).
  const std::string BaselineIndexFile;
  std::unique_ptr<IndexView> BaselineIndex;

  ApiModel Model;
  NullableTypes Nullable;
  std::vector<std::string> RequestHandlerNames;
  const std::vector<std::string> BoundaryPatternTexts;
  std::vector<llvm::GlobPattern> BoundaryPatterns;
  std::unique_ptr<ExceptionFlow> Flow;
  clang::Preprocessor *PP = nullptr;

  // Boundaries are decided at the end of the translation unit: a routing call
  // may come after the definition of the handler it registers.
  std::vector<const clang::FunctionDecl *> Definitions;
  llvm::DenseSet<const clang::FunctionDecl *> SeenDefinitions;
  /// Registered handler (canonical declaration) -> the routing call's name.
  llvm::DenseMap<const clang::FunctionDecl *, std::string> Registered;
  /// Controllers whose registration macros were read.
  llvm::DenseSet<const clang::CXXRecordDecl *> MacroScanned;
  /// What variables given to routing calls hold; built on the first such call.
  std::unique_ptr<StoredCallables> RouteStores;
  clang::ASTContext *Context = nullptr;

  std::optional<BaselineBodies> Bodies;

  /// One warning: a call in a boundary that modelled exceptions escape through.
  struct SiteReport {
    const clang::FunctionDecl *Function = nullptr;
    std::string Boundary;
    const clang::Expr *Site = nullptr;
    llvm::SmallVector<std::string, 4> Types;
    llvm::SmallVector<std::string, 2> Apis;
    llvm::SmallVector<const Escape *, 2> FirstPerApi;
    /// NOLINT at the statement's first line, which clang-tidy does not read.
    bool SuppressedAtStatement = false;
  };
  std::vector<SiteReport> Reports;
  bool Decided = false;
  FailguardContext *Shared = nullptr;
};

} // namespace failguard

#endif
