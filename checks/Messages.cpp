// The text of the findings that more than one check shows, and the run's record of them.
#include "checks/Messages.h"

#include "checks/DiagnosticText.h"
#include "checks/RunState.h"
#include "lib/Baseline.h"
#include "lib/NameMatching.h"
#include "lib/ProjectIndex.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/Support/Path.h"

namespace failguard {

namespace {
std::string joinQuoted(llvm::ArrayRef<std::string> Names) {
  std::vector<std::string> Quoted;
  for (const std::string &Name : Names)
    Quoted.push_back(quoted(Name));
  return describeList(Quoted);
}
} // namespace

std::vector<DiagnosticText> remoteHopNotes(TranslationUnitAnalysis &Analysis,
                                           const RemoteEscape &Remote,
                                           clang::SourceLocation Fallback) {
  clang::SourceManager &SM = Analysis.context().getSourceManager();
  const std::optional<std::string> &Root = Analysis.repositoryRoot();
  std::vector<DiagnosticText> Notes;
  for (size_t I = 0; I < Remote.Hops.size(); ++I) {
    const RemoteHop &Hop = Remote.Hops[I];
    clang::SourceLocation Loc;
    if (Root) {
      llvm::SmallString<256> Path(*Root);
      llvm::sys::path::append(Path, Hop.At.File);
      if (auto File = SM.getFileManager().getOptionalFileRef(Path)) {
        clang::FileID ID = SM.translateFile(*File);
        if (ID.isInvalid()) {
          ID = SM.createFileID(*File, clang::SourceLocation(), clang::SrcMgr::C_User);
          Analysis.addNoteOnlyFile(&File->getFileEntry());
        }
        Loc = SM.translateLineCol(ID, Hop.At.Line, Hop.At.Column);
      }
    }
    std::string Where;
    if (Loc.isInvalid()) {
      Loc = Fallback;
      Where = " (" + Hop.At.File + ":" + std::to_string(Hop.At.Line) + ")";
    }
    if (I + 1 == Remote.Hops.size())
      Notes.push_back({Loc, "'" + Hop.Callee + "' is called here in " + Hop.Function +
                                " without a handler for '" + Remote.Type + "'" + Where});
    else
      Notes.push_back({Loc, Hop.Function + " lets it escape through this call to " + Hop.Callee +
                                Where});
  }
  return Notes;
}

std::string removedHandlerHint(const RemovedHandler &Found) {
  std::string Function = describeFunction(*Found.Function);
  std::string Catch = Found.Types.size() > 1 ? "them" : quoted(Found.Types.front());
  if (Found.Handlers.empty())
    return "catch " + Catch + " in " + Function;
  const HandledFact &First = *Found.Handlers.front();
  return "restore the handler (" + First.HandlerFile + ":" + std::to_string(First.HandlerLine) +
         ") or catch " + Catch + " in " + Function;
}

std::string removedHandlerSummary(const RemovedHandler &Found) {
  std::vector<std::string> Types;
  for (const std::string &Type : Found.Types)
    Types.push_back(quoted(Type));
  return quoted(Found.Api.empty() ? Found.Callee : Found.Api) + " (" +
         describeList(Types, ListedRemovedTypes) + ")";
}

std::vector<DiagnosticText> removedHandlerLines(TranslationUnitAnalysis &Analysis,
                                                const RemovedHandler &Found,
                                                const Baseline &Before) {
  std::vector<DiagnosticText> Lines;
  clang::SourceLocation Loc = Found.Site->getExprLoc();
  bool Plural = Found.Types.size() > 1;
  std::vector<std::string> Quoted;
  for (const std::string &Type : Found.Types)
    Quoted.push_back(quoted(Type));
  // The first exception and how many more: the handler notes list them all.
  std::string Short = describeList(Quoted, ListedRemovedTypes);
  std::string Hint = "; " + removedHandlerHint(Found);
  if (Found.Api.empty())
    Lines.push_back({Loc, quoted(Found.Callee) +
                              " is defined outside this translation unit and its call was "
                              "covered by a handler of " +
                              Short + " in " + Before.describe() + " that is gone in " +
                              describeFunction(*Found.Function) + Hint});
  else
    Lines.push_back({Loc, quoted(Found.Api) + " may throw " + Short + ", which " +
                              (Plural ? "were" : "was") + " handled in " + Before.describe() +
                              " but " + (Plural ? "are" : "is") + " no longer handled in " +
                              describeFunction(*Found.Function) + Hint});
  // One note per baseline handler, naming what it handled.
  llvm::MapVector<std::pair<llvm::StringRef, unsigned>, std::vector<std::string>> Handlers;
  for (const HandledFact *Was : Found.Handlers) {
    std::vector<std::string> &Types = Handlers[{Was->HandlerFile, Was->HandlerLine}];
    for (const std::string &Type : Was->Types)
      if (llvm::is_contained(Found.Types, Type) && !llvm::is_contained(Types, Type))
        Types.push_back(Type);
  }
  for (const auto &[Where, Types] : Handlers)
    Lines.push_back({Loc,
                     Before.describe() + " handled " + joinQuoted(Types) + " at " +
                         Where.first.str() + ":" + std::to_string(Where.second),
                     {Before.Commit, Where.first.str(), Where.second}});
  if (Found.Remote) {
    std::vector<DiagnosticText> Beyond = remoteHopNotes(Analysis, *Found.Remote, Loc);
    Lines.insert(Lines.end(), Beyond.begin(), Beyond.end());
  }
  if (Found.SignatureChanged)
    Lines.push_back({Loc,
                     "compared with " + quoted(Found.Was->Name + Found.Was->Signature) + " in " +
                         Before.describe() + " at " + Found.Was->File + ":" +
                         std::to_string(Found.Was->Line),
                     {Before.Commit, Found.Was->File, Found.Was->Line}});
  return Lines;
}

std::string functionIdentity(TranslationUnitAnalysis &Analysis, const clang::FunctionDecl &FD) {
  if (Analysis.repositoryRoot())
    return Analysis.facts().functionKey(FD);
  return Analysis.flow().usrOf(FD);
}

void recordFinding(clang::ASTContext &Ctx, llvm::StringRef Check, clang::SourceLocation Loc,
                   std::string Function, std::string BaselineCommit, std::string BaselineFile,
                   unsigned BaselineLine, std::string Statement,
                   std::vector<std::string> Exceptions,
                   std::vector<BaselinePlace> NoteBaselines) {
  RunState *Run = activeRun();
  if (!Run || Run->File.Results.empty())
    return;
  const clang::SourceManager &SM = Ctx.getSourceManager();
  auto [File, Offset] = exportedPosition(SM, Loc);
  llvm::sort(Exceptions);
  Exceptions.erase(std::unique(Exceptions.begin(), Exceptions.end()), Exceptions.end());
  Run->unit(mainFileOf(SM))
      .Details.push_back({Check.str(), File, Offset, std::move(Function), std::move(BaselineCommit),
                          std::move(BaselineFile), BaselineLine, false, std::move(Statement),
                          std::move(Exceptions), std::move(NoteBaselines)});
}

} // namespace failguard
