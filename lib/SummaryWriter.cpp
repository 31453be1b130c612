// Writes the summaries of one translation unit for the project index.
#include "lib/SummaryWriter.h"

#include "lib/NameMatching.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>

using namespace clang;

namespace failguard {

namespace {

std::optional<IndexLocation> locate(const SourceManager &SM, const WorkingTreePaths &Paths,
                                    SourceLocation Loc) {
  Loc = SM.getExpansionLoc(Loc);
  if (Loc.isInvalid())
    return std::nullopt;
  PresumedLoc P = SM.getPresumedLoc(Loc, /*UseLineDirectives=*/false);
  if (P.isInvalid())
    return std::nullopt;
  llvm::SmallString<256> Path(P.getFilename());
  SM.getFileManager().makeAbsolutePath(Path);
  auto Relative = Paths.relative(Path);
  if (!Relative)
    return std::nullopt;
  return IndexLocation{*Relative, P.getLine(), P.getColumn()};
}

std::string handlerName(const CXXCatchStmt &Handler) {
  if (!Handler.getExceptionDecl())
    return "...";
  if (const CXXRecordDecl *Caught = classOf(Handler.getCaughtType()))
    return qualifiedName(*Caught);
  return Handler.getCaughtType().getNonReferenceType().getUnqualifiedType().getAsString();
}

} // namespace

UnitSummary summariseUnit(ExceptionFlow &Flow, llvm::ArrayRef<const FunctionDecl *> Definitions,
                          const WorkingTreePaths &Paths,
                          const llvm::DenseSet<const FileEntry *> &NotInputs) {
  ASTContext &Ctx = Flow.context();
  SourceManager &SM = Ctx.getSourceManager();
  UnitSummary Unit;
  if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID())) {
    llvm::SmallString<256> Path(Main->getName());
    SM.getFileManager().makeAbsolutePath(Path);
    Unit.Unit = Paths.relative(Path).value_or("");
  }
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    if (NotInputs.contains(&It->first.getFileEntry()))
      continue;
    llvm::SmallString<256> Path(It->first.getName());
    SM.getFileManager().makeAbsolutePath(Path);
    auto Relative = Paths.relative(Path);
    if (!Relative)
      continue;
    if (std::optional<llvm::StringRef> Data = It->second->getBufferDataIfLoaded())
      Unit.Files[*Relative] = blobIdOf(*Data);
    else if (auto Buffer = SM.getFileManager().getBufferForFile(It->first))
      Unit.Files[*Relative] = blobIdOf((*Buffer)->getBuffer());
  }

  // The classes whose fate each call's handlers decide here: the models'
  // and what handlers turn them into.
  std::vector<std::string> Universe = Flow.model().exceptionTypes();

  llvm::StringSet<> Written;
  for (const FunctionDecl *FD : Definitions) {
    if (!FD->doesThisDeclarationHaveABody())
      continue;
    std::optional<IndexLocation> At = locate(SM, Paths, FD->getLocation());
    if (!At)
      continue;
    const std::string &Usr = Flow.usrOf(*FD);
    if (Usr.empty() || !Written.insert(Usr).second)
      continue;
    IndexFunction F{Usr, describeFunction(*FD), *At, {}, {}};
    const FunctionSummary &S = Flow.summary(*FD);
    for (const Escape &E : S.Escapes) {
      if (E.Remote || E.CalleeEscape >= 0)
        continue;
      if (auto Site = locate(SM, Paths, E.Site->getExprLoc()))
        F.Throws.push_back({E.TypeName, E.ApiName, *Site});
    }
    for (const UserCall &C : S.UserCalls) {
      const std::string &CalleeUsr = Flow.usrOf(*C.Callee);
      auto Site = locate(SM, Paths, C.Site->getExprLoc());
      if (CalleeUsr.empty() || !Site)
        continue;
      IndexCall Call{CalleeUsr, describeFunction(*C.Callee), *Site, {}, {}};
      for (const TryScope &Scope : llvm::reverse(C.Tries))
        for (unsigned I = 0; I < Scope.Try->getNumHandlers(); ++I)
          Call.Handlers.push_back(handlerName(*Scope.Try->getHandler(I)));
      if (!C.Tries.empty())
        for (size_t I = 0; I < Universe.size(); ++I) {
          std::string Type = Universe[I];
          Resolution R = ExceptionFlow::resolve(C.Tries, Flow.resolveType(Type), Type);
          CallOutcome Outcome;
          if (R.Handler) {
            Outcome.What = CallOutcome::Stopped;
            Outcome.HandlerLine = SM.getExpansionLineNumber(R.Handler->getBeginLoc());
          } else if (R.TypeName != Type) {
            Outcome.What = CallOutcome::Becomes;
            Outcome.Type = R.TypeName;
            if (!llvm::is_contained(Universe, R.TypeName))
              Universe.push_back(R.TypeName);
          }
          Call.Outcomes[Type] = std::move(Outcome);
        }
      F.Calls.push_back(std::move(Call));
    }
    Unit.Functions.push_back(std::move(F));
  }
  return Unit;
}

} // namespace failguard
