// failguard-tidy's own entry points, as checks registered in failguard-tidy only: the unit's summaries, the unit's plan.
#include "checks/AnalysisOptions.h"
#include "checks/ConfigurationErrors.h"
#include "checks/EscapeOptions.h"
#include "checks/FailguardContext.h"
#include "checks/RunState.h"
#include "lib/Plan.h"

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
    // The unit is in the results (with its compile errors, say), though no
    // check of it runs.
    if (RunState *Run = activeRun())
      Run->unit(mainFileOf(Current->getSourceManager()));
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

/// Records the unit's request boundaries for the run's plan output
/// (lib/Plan), with failguard-auth-exception-escape's options; reports
/// nothing. Registered in failguard-tidy only.
class PlanCheck : public tidy::ClangTidyCheck {
public:
  PlanCheck(StringRef Name, tidy::ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context), ConfigErrors(*Context, EscapeCheckName),
        EscapeView(EscapeCheckName, Context->getOptions().CheckOptions, Context),
        Analysis(EscapeView, *Context, EscapeCheckName, ConfigErrors),
        Escapes(EscapeView, EscapeCheckName, Analysis, ConfigErrors) {}
  void registerPPCallbacks(const SourceManager &, Preprocessor *PP, Preprocessor *) override {
    this->PP = PP;
  }
  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(translationUnitDecl().bind("unit"), this);
  }
  void check(const MatchFinder::MatchResult &Result) override {
    RunState *Run = activeRun();
    if (!Run || Run->File.Plan.empty())
      return;
    ASTContext &Ctx = *Result.Context;
    TranslationUnitAnalysis &Unit = FailguardContext::of(Ctx).analysis(Ctx, PP, Analysis.Settings);
    llvm::json::Array Boundaries;
    for (const PlanBoundary &Boundary : planOf(Unit, Escapes.Policy.Boundaries))
      Boundaries.push_back(toJSON(Boundary));
    Run->unit(mainFileOf(Ctx.getSourceManager())).Plan = std::move(Boundaries);
  }

private:
  ConfigurationErrors ConfigErrors;
  const OptionsView EscapeView;
  const AnalysisOptions Analysis;
  const EscapeOptions Escapes;
  Preprocessor *PP = nullptr;
};

class InternalModule : public tidy::ClangTidyModule {
public:
  void addCheckFactories(tidy::ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<SummariesCheck>("internal-failguard-summaries");
    Factories.registerCheck<PlanCheck>("internal-failguard-plan");
  }
};

} // namespace

} // namespace failguard

static clang::tidy::ClangTidyModuleRegistry::Add<failguard::InternalModule>
    Registration("failguard-tidy-internal", "failguard-tidy's summary and plan entry points.");

volatile int FailguardInternalAnchorSource = 0;
