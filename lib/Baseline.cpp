// Facts of the same translation unit at a git baseline, parsed from git objects.
#include "lib/Baseline.h"

#include "lib/GitTree.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>

using namespace clang;

namespace failguard {

namespace {

// Part of every cache key: change it whenever what the facts mean changes.
constexpr llvm::StringLiteral CacheFormat = "failguard-facts-4";

// Baselines already computed in this process: the two baseline checks of one
// run, and clangd re-checking a file, share one parse.
struct Memo {
  std::mutex Mutex;
  llvm::StringMap<std::shared_ptr<const Baseline>> Entries;
};
Memo &memo() {
  static Memo M;
  return M;
}

llvm::Error missing(const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
}

class FirstErrorConsumer : public DiagnosticConsumer {
public:
  std::string First;
  void HandleDiagnostic(DiagnosticsEngine::Level Level, const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error || !First.empty())
      return;
    llvm::SmallString<128> Message;
    Info.FormatDiagnostic(Message);
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      PresumedLoc P = Info.getSourceManager().getPresumedLoc(Info.getLocation());
      if (P.isValid())
        First = (llvm::sys::path::filename(P.getFilename()) + ":" + llvm::Twine(P.getLine()) +
                 ": " + Message)
                    .str();
    }
    if (First.empty())
      First = Message.str().str();
  }
};

class FactsConsumer : public ASTConsumer {
public:
  FactsConsumer(const GitRepository &Repo, const SourceManager &SM, const ApiModel &Model,
                const NullableTypes &Nullable, TranslationUnitFacts &Out)
      : Repo(Repo), SM(SM), Model(Model), Nullable(Nullable), Out(Out) {}

  // The facts need the bodies of the repository's functions only.
  bool shouldSkipFunctionBody(Decl *D) override {
    FileID File = SM.getFileID(SM.getFileLoc(D->getLocation()));
    auto [It, Inserted] = InRepository.try_emplace(File.getHashValue(), false);
    if (Inserted)
      if (auto Entry = SM.getFileEntryRefForID(File))
        It->second = Repo.relativePath(Entry->getName()).has_value();
    return !It->second;
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    ExceptionFlow Flow(Model, Ctx);
    FactsCollector Collector(Ctx, Flow, Nullable,
                             [this](llvm::StringRef Path) { return Repo.relativePath(Path); });
    Out = Collector.collect();
  }

private:
  const GitRepository &Repo;
  const SourceManager &SM;
  const ApiModel &Model;
  const NullableTypes &Nullable;
  TranslationUnitFacts &Out;
  llvm::DenseMap<unsigned, bool> InRepository;
};

class FactsAction : public ASTFrontendAction {
public:
  FactsAction(const GitRepository &Repo, const ApiModel &Model, const NullableTypes &Nullable,
              TranslationUnitFacts &Out)
      : Repo(Repo), Model(Model), Nullable(Nullable), Out(Out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, llvm::StringRef) override {
    return std::make_unique<FactsConsumer>(Repo, CI.getSourceManager(), Model, Nullable, Out);
  }

private:
  const GitRepository &Repo;
  const ApiModel &Model;
  const NullableTypes &Nullable;
  TranslationUnitFacts &Out;
};

// The invocation of the current translation unit, read back from the options
// the preprocessor and the AST were built with, minus editor state (unsaved
// buffers, preambles): it does not matter whether the flags came from a
// compilation database, compile_flags.txt, `--` arguments or clangd.
std::shared_ptr<CompilerInvocation> baselineInvocation(ASTContext &Ctx, Preprocessor &PP,
                                                       llvm::StringRef MainFile) {
  auto Invocation = std::make_shared<CompilerInvocation>();
  // Start from the defaults of an empty command line, so that the options not
  // copied below (the analyzer's, for one) have defined values for the key.
  DiagnosticsEngine Quiet(new DiagnosticIDs, new DiagnosticOptions, new IgnoringDiagConsumer);
  CompilerInvocation::CreateFromArgs(*Invocation, {}, Quiet);
  Invocation->getLangOpts() = Ctx.getLangOpts();
  Invocation->getTargetOpts() = Ctx.getTargetInfo().getTargetOpts();
  Invocation->getHeaderSearchOpts() = PP.getHeaderSearchInfo().getHeaderSearchOpts();
  Invocation->getPreprocessorOpts() = PP.getPreprocessorOpts();
  Invocation->getFileSystemOpts() = Ctx.getSourceManager().getFileManager().getFileSystemOpts();
  PreprocessorOptions &PPOpts = Invocation->getPreprocessorOpts();
  PPOpts.clearRemappedFiles();
  PPOpts.ImplicitPCHInclude.clear();
  PPOpts.PrecompiledPreambleBytes = {0, false};
  PPOpts.GeneratePreamble = false;
  // clangd parses the main file after a preamble that already holds the
  // predefined macros; a parse of its own needs them again.
  PPOpts.UsePredefines = true;
  FrontendOptions &Frontend = Invocation->getFrontendOpts();
  Language Lang = Ctx.getLangOpts().CPlusPlus ? Language::CXX : Language::C;
  Frontend.Inputs = {FrontendInputFile(MainFile, InputKind(Lang))};
  Frontend.ProgramAction = frontend::ParseSyntaxOnly;
  Frontend.SkipFunctionBodies = true;
  Frontend.DisableFree = false;
  Invocation->getDiagnosticOpts().IgnoreWarnings = true;
  // No "N errors generated." on stderr: the first error goes into the reason.
  Invocation->getDiagnosticOpts().ShowCarets = false;
  return Invocation;
}

std::string cacheKey(const Baseline &B, const std::map<std::string, std::string> &Renames,
                     CompilerInvocation &Invocation, const ApiModel &Model,
                     const NullableTypes &Nullable) {
  llvm::SHA256 Hash;
  auto Add = [&Hash](llvm::StringRef Part) {
    Hash.update(Part);
    Hash.update(llvm::StringRef("\0", 1));
  };
  Add(CacheFormat);
  Add(B.Commit);
  Add(B.MainFile);
  for (const auto &[Now, Before] : Renames) {
    Add(Now);
    Add(Before);
  }
  for (const std::string &Arg : Invocation.getCC1CommandLine())
    Add(Arg);
  Add(Model.fingerprint());
  Add(Nullable.fingerprint());
  return llvm::toHex(Hash.final(), /*LowerCase=*/true);
}

std::optional<TranslationUnitFacts> readCache(llvm::StringRef Path, llvm::StringRef Key) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return std::nullopt;
  auto Parsed = llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *Root = Parsed->getAsObject();
  if (!Root || Root->getString("key") != Key || !Root->get("facts"))
    return std::nullopt;
  auto Facts = factsFromJSON(*Root->get("facts"));
  if (!Facts) {
    llvm::consumeError(Facts.takeError());
    return std::nullopt;
  }
  return std::move(*Facts);
}

// Atomic: written to a unique temporary file in the same directory, then
// renamed over the entry, so concurrent runs see either nothing or a whole entry.
void writeCache(llvm::StringRef Directory, llvm::StringRef Path, llvm::StringRef Key,
                const Baseline &B) {
  if (llvm::sys::fs::create_directories(Directory, /*IgnoreExisting=*/true,
                                        llvm::sys::fs::perms::owner_all))
    return;
  llvm::SmallString<256> Temporary;
  int FD = -1;
  if (llvm::sys::fs::createUniqueFile(Path + ".%%%%%%%%.tmp", FD, Temporary,
                                      llvm::sys::fs::OF_None, llvm::sys::fs::owner_read |
                                                                  llvm::sys::fs::owner_write))
    return;
  {
    llvm::raw_fd_ostream Out(FD, /*shouldClose=*/true);
    Out << llvm::json::Value(llvm::json::Object{{"key", Key},
                                                {"commit", B.Commit},
                                                {"file", B.MainFile},
                                                {"facts", toJSON(B.Facts)}});
    if (Out.has_error()) {
      Out.clear_error();
      llvm::sys::fs::remove(Temporary);
      return;
    }
  }
  if (llvm::sys::fs::rename(Temporary, Path))
    llvm::sys::fs::remove(Temporary);
}

} // namespace

std::string defaultCacheDirectory() {
  llvm::SmallString<256> Dir;
  if (auto Xdg = llvm::sys::Process::GetEnv("XDG_CACHE_HOME"); Xdg && !Xdg->empty()) {
    Dir = *Xdg;
  } else if (llvm::sys::path::home_directory(Dir)) {
    llvm::sys::path::append(Dir, ".cache");
  } else {
    llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/false, Dir);
  }
  llvm::sys::path::append(Dir, "failguard");
  return Dir.str().str();
}

std::string Baseline::describe() const {
  return "'" + Ref + "' (" + Commit.substr(0, 8) + ")";
}


llvm::Expected<std::shared_ptr<const Baseline>>
computeBaseline(const BaselineConfig &Config, ASTContext &Ctx, Preprocessor &PP,
                const ApiModel &Model, const NullableTypes &Nullable) {
  SourceManager &SM = Ctx.getSourceManager();
  FileManager &Files = SM.getFileManager();
  OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  if (!Main)
    return missing("no baseline: the main file has no name");
  llvm::SmallString<256> MainPath(Main->getName());
  Files.makeAbsolutePath(MainPath);

  auto Repo = GitRepository::discover(MainPath);
  if (!Repo)
    return missing("no baseline: " + llvm::toString(Repo.takeError()));
  auto Commit = (*Repo)->resolveCommit(Config.Ref, Config.MergeBase);
  if (!Commit)
    return missing("no baseline: " + llvm::toString(Commit.takeError()));
  auto Tree = (*Repo)->treeOf(*Commit);
  if (!Tree)
    return missing("no baseline: " + llvm::toString(Tree.takeError()));

  auto Result = std::make_shared<Baseline>();
  Result->Ref = Config.Ref;
  Result->Commit = *Commit;
  Result->MainFile = *(*Repo)->relativePath(MainPath);
  Result->Root = (*Repo)->workdir().str();
  auto AtBaseline = [&Config](const std::string &Relative) {
    auto Renamed = Config.Renames.find(Relative);
    return Renamed == Config.Renames.end() ? Relative : Renamed->second;
  };
  if (!(*Repo)->blobIdAt(*Tree, AtBaseline(Result->MainFile)))
    return missing("no baseline: '" + Result->MainFile + "' is new since " +
                   Result->describe());

  // Compare the blob id of every repository file the translation unit read
  // (as it read it: unsaved editor buffers included) with the baseline's.
  bool Changed = false;
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end() && !Changed; ++It) {
    llvm::SmallString<256> Path(It->first.getName());
    Files.makeAbsolutePath(Path);
    auto Relative = (*Repo)->relativePath(Path);
    if (!Relative)
      continue;
    std::optional<ObjectId> Before = (*Repo)->blobIdAt(*Tree, AtBaseline(*Relative));
    if (!Before) {
      Changed = (*Repo)->isTracked(*Relative);
      continue;
    }
    std::optional<llvm::StringRef> Now = It->second->getBufferDataIfLoaded();
    if (Now) {
      Changed = blobIdOf(*Now) != *Before;
    } else if (auto Buffer = Files.getBufferForFile(It->first)) {
      Changed = blobIdOf((*Buffer)->getBuffer()) != *Before;
    }
  }
  if (!Changed) {
    Result->Unchanged = true;
    return Result;
  }

  std::shared_ptr<CompilerInvocation> Invocation = baselineInvocation(Ctx, PP, MainPath);
  std::string Key = cacheKey(*Result, Config.Renames, *Invocation, Model, Nullable);
  {
    std::lock_guard<std::mutex> Lock(memo().Mutex);
    auto Hit = memo().Entries.find(Key);
    if (Hit != memo().Entries.end())
      return Hit->second;
  }
  std::string Directory =
      Config.CacheDirectory.empty() ? defaultCacheDirectory() : Config.CacheDirectory;
  llvm::SmallString<256> CachePath(Directory);
  llvm::sys::path::append(CachePath, Key + ".json");

  if (auto Cached = readCache(CachePath, Key)) {
    Result->Facts = std::move(*Cached);
    std::lock_guard<std::mutex> Lock(memo().Mutex);
    memo().Entries[Key] = Result;
    return Result;
  }

  CompilerInstance Compiler;
  Compiler.setInvocation(Invocation);
  auto *Errors = new FirstErrorConsumer;
  Compiler.createDiagnostics(Errors, /*ShouldOwnClient=*/true);
  auto BaselineFS =
      createCommitFileSystem(**Repo, *Tree, llvm::vfs::getRealFileSystem(), Config.Renames);
  if (auto CWD = Files.getVirtualFileSystem().getCurrentWorkingDirectory())
    BaselineFS->setCurrentWorkingDirectory(*CWD);
  Compiler.createFileManager(BaselineFS);
  FactsAction Action(**Repo, Model, Nullable, Result->Facts);
  bool Ran = Compiler.ExecuteAction(Action);
  if (!Ran || Compiler.getDiagnostics().hasErrorOccurred())
    return missing("no baseline: '" + Result->MainFile + "' at " + Result->describe() +
                   " does not parse" + (Errors->First.empty() ? "" : ": " + Errors->First));

  writeCache(Directory, CachePath, Key, *Result);
  std::lock_guard<std::mutex> Lock(memo().Mutex);
  memo().Entries[Key] = Result;
  return Result;
}

} // namespace failguard
