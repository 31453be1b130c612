// Shared base of the checks that judge a translation unit against a git baseline.
#include "checks/BaselineCheck.h"

#include "lib/GitTree.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace failguard {

namespace {
constexpr llvm::StringLiteral RemovedHandlerCheck = "failguard-removed-exception-handler";
}

BaselineCheck::BaselineCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), CheckName(Name.str()), Context(Context),
      ConfigErrors(*Context, Name), Models(Options, *Context, Name), Baselines(Options), Indexes(Options),
      Model(Models.buildModel(
          [this](std::string Message) { ConfigErrors.report(std::move(Message)); })),
      Nullable(Models.buildNullableTypes()) {}

void BaselineCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Baselines.store(Options, Opts);
  Indexes.store(Options, Opts);
  Models.store(Options, Opts);
}

void BaselineCheck::registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                                        Preprocessor *) {
  this->PP = PP;
  ConfigErrors.publish(SM);
}

void BaselineCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(translationUnitDecl().bind("unit"), this);
}

void BaselineCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (!PP)
    return;
  auto Before = computeBaseline(Baselines.Config, Ctx, *PP, Model, Nullable);
  if (!Before) {
    std::string Why = llvm::toString(Before.takeError());
    // One diagnostic per translation unit says why: the removed-handler
    // check's when it is enabled, this check's otherwise.
    bool Reporter = !Context->isCheckEnabled(RemovedHandlerCheck) ||
                    CheckName == RemovedHandlerCheck;
    if (Baselines.ReportMissingBaseline && Reporter) {
      const SourceManager &SM = Ctx.getSourceManager();
      diag(SM.getLocForStartOfFile(SM.getMainFileID()), "%0") << Why;
    }
    return;
  }
  if ((*Before)->Unchanged || (*Before)->NewFile)
    return;
  ExceptionFlow Flow(Model, Ctx);
  Indexes.attach(Flow, Baselines.CacheDirectory);
  FactsCollector Collector(Ctx, Flow, Nullable,
                           [B = *Before](StringRef Path) { return B->relativePath(Path); });
  compare(**Before, Ctx, Flow, Collector);
  writeIndexGaps();
}

} // namespace failguard
