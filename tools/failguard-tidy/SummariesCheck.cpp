// failguard-tidy's summary entry point: a check that only writes the unit's summaries.
#include "checks/AnalysisOptions.h"
#include "checks/ConfigurationErrors.h"
#include "checks/FailguardContext.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace failguard {

namespace {

/// Builds the unit's analysis as failguard-auth-exception-escape would (its
/// options, local or global), and at the end of the unit has its summaries
/// written: no finding, no escape analysis beyond what the summaries need.
/// Registered in failguard-tidy only, by `--summarise-to`; the plugin and
/// failguard-clangd do not have it.
class SummariesCheck : public tidy::ClangTidyCheck {
public:
  SummariesCheck(StringRef Name, tidy::ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context), ConfigErrors(*Context, EscapeCheckName),
        EscapeOptions(EscapeCheckName, Context->getOptions().CheckOptions, Context),
        Analysis(EscapeOptions, *Context, EscapeCheckName, ConfigErrors) {}
  void registerPPCallbacks(const SourceManager &, Preprocessor *PP, Preprocessor *) override {
    this->PP = PP;
  }
  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(translationUnitDecl().bind("unit"), this);
  }
  void check(const MatchFinder::MatchResult &Result) override {
    Current = Result.Context;
    FailguardContext::of(*Current).analysis(*Current, PP, Analysis.Settings);
  }
  void onEndOfTranslationUnit() override {
    if (Current)
      FailguardContext::of(*Current).endOfUnit(*Current);
    Current = nullptr;
  }

private:
  ConfigurationErrors ConfigErrors;
  const OptionsView EscapeOptions;
  const AnalysisOptions Analysis;
  Preprocessor *PP = nullptr;
  ASTContext *Current = nullptr;
};

class SummariesModule : public tidy::ClangTidyModule {
public:
  void addCheckFactories(tidy::ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<SummariesCheck>("internal-failguard-summaries");
  }
};

} // namespace

} // namespace failguard

static clang::tidy::ClangTidyModuleRegistry::Add<failguard::SummariesModule>
    Registration("failguard-tidy-internal", "failguard-tidy's summary entry point.");

volatile int FailguardSummariesAnchorSource = 0;
