// Everything failguard computes for one translation unit, each part built once.
#include "lib/TranslationUnitAnalysis.h"

#include "lib/GitTree.h"
#include "lib/NameMatching.h"
#include "lib/ProjectIndex.h"
#include "lib/SummaryWriter.h"
#include "lib/ProjectIndex.h"
#include "lib/SummaryWriter.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"

using namespace clang;

namespace failguard {

namespace {

// Whether FD is, or is declared inside, a template instantiation. Walking the
// declaration contexts is much cheaper than asking for the parent map.
bool isInstantiation(const FunctionDecl &FD) {
  for (const DeclContext *DC = &FD; DC; DC = DC->getParent()) {
    if (const auto *F = dyn_cast<FunctionDecl>(DC)) {
      if (F->isTemplateInstantiation())
        return true;
    } else if (const auto *RD = dyn_cast<CXXRecordDecl>(DC)) {
      if (isTemplateInstantiation(RD->getTemplateSpecializationKind()))
        return true;
    }
  }
  return false;
}

// The unit scan: every function definition and every call outside system
// headers, template instantiations included (a routing call in a function
// template registers its handler where it is instantiated).
class UnitScanner : public RecursiveASTVisitor<UnitScanner> {
  using Base = RecursiveASTVisitor<UnitScanner>;

public:
  UnitScanner(const SourceManager &SM, BoundaryFinder &Boundaries,
              std::vector<const FunctionDecl *> &Definitions)
      : SM(SM), Boundaries(Boundaries), Definitions(Definitions) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    return Base::TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    saw(*FD);
    return true;
  }

  // A lambda's call operator is not among the declarations the traversal
  // visits: it is the definition the lambda expression holds.
  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    if (const CXXMethodDecl *Call = Lambda->getCallOperator())
      saw(*Call);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (!SM.isInSystemHeader(SM.getExpansionLoc(Call->getBeginLoc())))
      Boundaries.sawCall(*Call);
    return true;
  }

private:
  void saw(const FunctionDecl &FD) {
    if (!FD.isThisDeclarationADefinition() || FD.isImplicit() || !FD.getBody() ||
        isInstantiation(FD))
      return;
    if (Seen.insert(&FD).second)
      Definitions.push_back(&FD);
    Boundaries.sawDefinition(FD);
  }

  const SourceManager &SM;
  BoundaryFinder &Boundaries;
  std::vector<const FunctionDecl *> &Definitions;
  llvm::DenseSet<const FunctionDecl *> Seen;
};

std::string baselineKey(const BaselineConfig &Config) {
  std::string Key = Config.Ref + '\0' + (Config.MergeBase ? "1" : "0") + '\0' +
                    Config.CacheDirectory + '\0' + Config.IndexFile + '\0' +
                    std::to_string(Config.CacheLimitBytes);
  for (const auto &[Now, Before] : Config.Renames)
    Key += '\0' + Now + '=' + Before;
  return Key;
}

} // namespace

std::string AnalysisSettings::key() const {
  llvm::SHA256 Hash;
  for (const std::string &Part :
       {Model.fingerprint(), Nullable.fingerprint(), Boundaries.fingerprint(), IndexFile,
        CacheDirectory, std::string(RecordUserCalls ? "user-calls" : ""),
        std::to_string(reinterpret_cast<uintptr_t>(Gaps))}) {
    Hash.update(Part);
    Hash.update(llvm::StringRef("\0", 1));
  }
  return llvm::toHex(Hash.final(), /*LowerCase=*/true);
}

AnalysisCounters &analysisCounters() {
  static AnalysisCounters Counters;
  return Counters;
}

TranslationUnitAnalysis::TranslationUnitAnalysis(ASTContext &Ctx, Preprocessor *PP,
                                                 std::shared_ptr<const AnalysisSettings> Settings)
    : Ctx(Ctx), PP(PP), Settings(std::move(Settings)) {}

TranslationUnitAnalysis::~TranslationUnitAnalysis() = default;

void TranslationUnitAnalysis::scan() {
  if (Scanned)
    return;
  Scanned = true;
  ++analysisCounters().Scans;
  Boundaries = std::make_unique<BoundaryFinder>(Ctx, Settings->Boundaries, flow().stores());
  UnitScanner Scanner(Ctx.getSourceManager(), *Boundaries, Definitions);
  for (Decl *D : Ctx.getTraversalScope())
    Scanner.TraverseDecl(D);
}

const std::vector<const FunctionDecl *> &TranslationUnitAnalysis::definitions() {
  scan();
  return Definitions;
}

BoundaryFinder &TranslationUnitAnalysis::boundaries() {
  scan();
  return *Boundaries;
}

ExceptionFlow &TranslationUnitAnalysis::flow() {
  if (!Flow) {
    ++analysisCounters().Flows;
    Flow = std::make_unique<ExceptionFlow>(Settings->Model, Ctx);
    if (Settings->RecordUserCalls)
      Flow->recordUserCalls();
    attachProjectIndex(*Flow, Settings->IndexFile, Settings->CacheDirectory, Settings->Gaps);
  }
  return *Flow;
}

const std::optional<std::string> &TranslationUnitAnalysis::repositoryRoot() {
  if (!Root) {
    const SourceManager &SM = Ctx.getSourceManager();
    OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
    Root = Main ? repositoryRootOf(Main->getName()) : std::nullopt;
  }
  return *Root;
}

FactsCollector &TranslationUnitAnalysis::facts() {
  if (!Facts) {
    ++analysisCounters().FactsCollectors;
    auto Paths = std::make_shared<WorkingTreePaths>(repositoryRoot().value_or(""));
    bool InRepository = repositoryRoot().has_value();
    Facts = std::make_unique<FactsCollector>(
        Ctx, flow(), Settings->Nullable,
        [Paths, InRepository](llvm::StringRef Path) -> std::optional<std::string> {
          if (!InRepository)
            return std::nullopt;
          return Paths->relative(Path);
        });
  }
  return *Facts;
}

const BaselineState &TranslationUnitAnalysis::baseline(const BaselineConfig &Config) {
  std::unique_ptr<BaselineState> &Slot = Baselines[baselineKey(Config)];
  if (Slot)
    return *Slot;
  Slot = std::make_unique<BaselineState>();
  ++analysisCounters().Baselines;
  if (!PP) {
    Slot->Error = "no baseline: the translation unit has no preprocessor";
    return *Slot;
  }
  auto Before = computeBaseline(Config, *PP, Settings->Model, Settings->Nullable);
  if (!Before) {
    Slot->Error = llvm::toString(Before.takeError());
    return *Slot;
  }
  Slot->Before = *Before;
  if (!Slot->Before->Unchanged && !Slot->Before->NewFile) {
    Slot->Keys = &facts();
    Slot->Matcher = std::make_unique<FunctionMatcher>(Slot->Before->Facts, *Slot->Keys);
  }
  return *Slot;
}

UnitSummary TranslationUnitAnalysis::summaries() {
  WorkingTreePaths Paths(repositoryRoot().value_or(""));
  return summariseUnit(flow(), definitions(), Paths, NoteOnlyFiles);
}

} // namespace failguard
