// Facts of the same translation unit at a git baseline, parsed from git objects.
#include "lib/Baseline.h"

#include "lib/GitTree.h"
#include "lib/LLVMCompat.h"
#include "lib/SafeRead.h"
#include "lib/SummaryIndex.h"
#include "lib/CacheDirectory.h"
#include "lib/ProjectIndex.h"

#include "failguard/BuildId.h"

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
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <atomic>
#include <sys/stat.h>
#include <utime.h>

#include <mutex>

using namespace clang;

namespace failguard {

namespace {

// Part of every cache key: change it whenever what the facts mean changes.
constexpr llvm::StringLiteral CacheFormat = "failguard-facts-8";

// Cache entries larger than this are not read (nor written).
constexpr uint64_t MaxEntryBytes = uint64_t(256) << 20;

// A file outside git objects that a baseline parse read, as it was then.
struct ExternalInput {
  std::string Path;
  uint64_t Size = 0;
  int64_t ModifiedNs = 0;
  std::string Hash;
};

std::string contentHash(llvm::StringRef Content) {
  return llvm::utohexstr(llvm::xxh3_64bits(Content));
}

std::optional<std::pair<uint64_t, int64_t>> sizeAndTime(llvm::StringRef Path) {
  llvm::SmallString<256> Name(Path);
  struct stat St;
  if (::stat(Name.c_str(), &St) != 0)
    return std::nullopt;
  return std::make_pair(static_cast<uint64_t>(St.st_size),
                        static_cast<int64_t>(St.st_mtim.tv_sec) * 1000000000 + St.st_mtim.tv_nsec);
}

// An input that is a directory the parse searched: recorded by its time
// (a file created, removed or renamed in it changes it), or as absent.
constexpr llvm::StringLiteral DirectoryHash = "<directory>";
constexpr int64_t Absent = -1;
// A file modified while the parse read it: only its content can tell.
constexpr int64_t CompareContent = -2;

// Whether every input is as it was: same size and time, or else same content.
bool inputsUnchanged(const std::vector<ExternalInput> &Inputs) {
  for (const ExternalInput &Input : Inputs) {
    auto Now = sizeAndTime(Input.Path);
    if (Input.Hash == DirectoryHash) {
      if (Now ? Now->second != Input.ModifiedNs : Input.ModifiedNs != Absent)
        return false;
      continue;
    }
    if (!Now)
      return false;
    if (Now->first == Input.Size && Now->second == Input.ModifiedNs &&
        Input.ModifiedNs != CompareContent)
      continue;
    auto Buffer = readRegularFile(Input.Path);
    if (!Buffer) {
      llvm::consumeError(Buffer.takeError());
      return false;
    }
    if (contentHash((*Buffer)->getBuffer()) != Input.Hash)
      return false;
  }
  return true;
}

// Baselines already computed in this process, and the ones that could not
// be: the two baseline checks of one run, and clangd re-checking a file,
// share one parse, and a baseline that does not parse is not parsed again
// while its inputs stay the same.
struct MemoEntry {
  std::shared_ptr<const Baseline> Result;
  std::string Error;
  std::vector<ExternalInput> Inputs;
};
constexpr size_t MaxMemoEntries = 256;
struct Memo {
  std::mutex Mutex;
  llvm::StringMap<MemoEntry> Entries;
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
                const NullableTypes &Nullable, const std::map<std::string, std::string> &Renames,
                std::shared_ptr<const SummaryIndex> Index, TranslationUnitFacts &Out)
      : Repo(Repo), SM(SM), Model(Model), Nullable(Nullable), Renames(Renames),
        Index(std::move(Index)), Out(Out) {}

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
    // Functions of other units as the index knows them, when their files are
    // as the baseline has them.
    if (Index)
      Flow.setIndex(viewFor(Index, Ctx.getSourceManager(), Repo.workdir().str()));
    // The parse reads a renamed file at its current path (createCommitFileSystem);
    // the facts name it by its path at the baseline, where their lines are.
    FactsCollector Collector(Ctx, Flow, Nullable,
                             [this](llvm::StringRef Path) -> std::optional<std::string> {
                               std::optional<std::string> Relative = Repo.relativePath(Path);
                               if (Relative)
                                 if (auto Renamed = Renames.find(*Relative);
                                     Renamed != Renames.end())
                                   return Renamed->second;
                               return Relative;
                             });
    Out = Collector.collect();
  }

private:
  const GitRepository &Repo;
  const SourceManager &SM;
  const ApiModel &Model;
  const NullableTypes &Nullable;
  const std::map<std::string, std::string> &Renames;
  std::shared_ptr<const SummaryIndex> Index;
  TranslationUnitFacts &Out;
  llvm::DenseMap<unsigned, bool> InRepository;
};

// What the baseline parse read from outside git objects (system,
// third-party and generated headers, untracked files, submodules), and the
// directories it searched, where a header that appears later (generated, or
// shadowing another) would change what it reads. \p Started is when the
// parse began: a file modified since is compared by content only.
std::vector<ExternalInput> externalInputs(SourceManager &SM, const HeaderSearchOptions &Search,
                                          llvm::function_ref<bool(llvm::StringRef)> FromCommit,
                                          int64_t Started) {
  std::vector<ExternalInput> Inputs;
  FileManager &Files = SM.getFileManager();
  llvm::StringSet<> Directories;
  for (const HeaderSearchOptions::Entry &Entry : Search.UserEntries) {
    llvm::SmallString<256> Directory(Entry.Path);
    Files.makeAbsolutePath(Directory);
    Directories.insert(Directory);
  }
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    llvm::SmallString<256> Path(It->first.getName());
    Files.makeAbsolutePath(Path);
    Directories.insert(llvm::sys::path::parent_path(Path));
    if (FromCommit(Path))
      continue;
    std::optional<llvm::StringRef> Content = It->second->getBufferDataIfLoaded();
    auto Stamp = sizeAndTime(Path);
    if (!Content || !Stamp)
      continue;
    // Two seconds of slack for file systems with coarse timestamps.
    int64_t Time = Stamp->second >= Started - int64_t(2) * 1000000000 ? CompareContent
                                                                      : Stamp->second;
    Inputs.push_back({Path.str().str(), Stamp->first, Time, contentHash(*Content)});
  }
  for (const auto &Directory : Directories) {
    auto Stamp = sizeAndTime(Directory.getKey());
    Inputs.push_back({Directory.getKey().str(), 0, Stamp ? Stamp->second : Absent,
                      DirectoryHash.str()});
  }
  return Inputs;
}

class FactsAction : public ASTFrontendAction {
public:
  FactsAction(const GitRepository &Repo, const ApiModel &Model, const NullableTypes &Nullable,
              const std::map<std::string, std::string> &Renames,
              std::shared_ptr<const SummaryIndex> Index, TranslationUnitFacts &Out)
      : Repo(Repo), Model(Model), Nullable(Nullable), Renames(Renames), Index(std::move(Index)),
        Out(Out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, llvm::StringRef) override {
    return std::make_unique<FactsConsumer>(Repo, CI.getSourceManager(), Model, Nullable, Renames,
                                           Index, Out);
  }

private:
  const GitRepository &Repo;
  const ApiModel &Model;
  const NullableTypes &Nullable;
  const std::map<std::string, std::string> &Renames;
  std::shared_ptr<const SummaryIndex> Index;
  TranslationUnitFacts &Out;
};

// The invocation of the current translation unit, read back from the options
// the preprocessor and the AST were built with, minus editor state (unsaved
// buffers, preambles): it does not matter whether the flags came from a
// compilation database, compile_flags.txt, `--` arguments or clangd.
std::shared_ptr<CompilerInvocation> baselineInvocation(Preprocessor &PP,
                                                       llvm::StringRef MainFile) {
  auto Invocation = std::make_shared<CompilerInvocation>();
  // Start from the defaults of an empty command line, so that the options not
  // copied below (the analyzer's, for one) have defined values for the key.
  compat::IgnoringDiagnostics Quiet;
  CompilerInvocation::CreateFromArgs(*Invocation, {}, Quiet.engine());
  Invocation->getLangOpts() = PP.getLangOpts();
  Invocation->getTargetOpts() = PP.getTargetInfo().getTargetOpts();
  Invocation->getHeaderSearchOpts() = PP.getHeaderSearchInfo().getHeaderSearchOpts();
  Invocation->getPreprocessorOpts() = PP.getPreprocessorOpts();
  Invocation->getFileSystemOpts() = PP.getSourceManager().getFileManager().getFileSystemOpts();
  PreprocessorOptions &PPOpts = Invocation->getPreprocessorOpts();
  PPOpts.clearRemappedFiles();
  PPOpts.ImplicitPCHInclude.clear();
  PPOpts.PrecompiledPreambleBytes = {0, false};
  PPOpts.GeneratePreamble = false;
  // clangd parses the main file after a preamble that already holds the
  // predefined macros; a parse of its own needs them again.
  PPOpts.UsePredefines = true;
  FrontendOptions &Frontend = Invocation->getFrontendOpts();
  Language Lang = PP.getLangOpts().CPlusPlus ? Language::CXX : Language::C;
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
                     const NullableTypes &Nullable, const SummaryIndex *Index) {
  llvm::SHA256 Hash;
  auto Add = [&Hash](llvm::StringRef Part) {
    Hash.update(Part);
    Hash.update(llvm::StringRef("\0", 1));
  };
  Add(CacheFormat);
  Add(FAILGUARD_BUILD_ID);
  Add(FAILGUARD_BUILD_LLVM);
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
  Add(Index ? Index->digest() : "no index");
  return llvm::toHex(Hash.final(), /*LowerCase=*/true);
}

llvm::json::Array inputsToJSON(const std::vector<ExternalInput> &Inputs) {
  llvm::json::Array Out;
  for (const ExternalInput &I : Inputs)
    Out.push_back(llvm::json::Array{I.Path, static_cast<int64_t>(I.Size), I.ModifiedNs, I.Hash});
  return Out;
}

std::optional<std::vector<ExternalInput>> inputsFromJSON(const llvm::json::Array *Array) {
  if (!Array)
    return std::nullopt;
  std::vector<ExternalInput> Inputs;
  for (const llvm::json::Value &V : *Array) {
    const llvm::json::Array *Fields = V.getAsArray();
    if (!Fields || Fields->size() != 4)
      return std::nullopt;
    auto Path = (*Fields)[0].getAsString();
    auto Size = (*Fields)[1].getAsInteger();
    auto Time = (*Fields)[2].getAsInteger();
    auto Hash = (*Fields)[3].getAsString();
    if (!Path || !Size || !Time || !Hash || *Size < 0)
      return std::nullopt;
    Inputs.push_back({Path->str(), static_cast<uint64_t>(*Size), *Time, Hash->str()});
  }
  return Inputs;
}

// What a cache entry holds: the baseline's facts, or that it does not parse
// and the first error the parse met (entries are keyed by commit, not by the
// ref the user named, so the message is made when the entry is used).
struct CachedBaseline {
  TranslationUnitFacts Facts;
  bool Unparsable = false;
  std::string FirstError;
};

std::string doesNotParse(const Baseline &B, llvm::StringRef FirstError) {
  return "no baseline: '" + B.MainFile + "' at " + B.describe() + " does not parse" +
         (FirstError.empty() ? "" : ": " + FirstError.str());
}

// An entry is trusted only when it is a regular file of ours that nobody
// else can write, of bounded size and nesting, for this very key, and the
// files it was computed from outside git objects have not changed since.
std::optional<CachedBaseline> readCache(llvm::StringRef Path, llvm::StringRef Key,
                                        std::vector<ExternalInput> &InputsOut) {
  auto Buffer = readRegularFile(Path, {MaxEntryBytes, /*RefuseSymlink=*/true,
                                       /*RequirePrivate=*/true});
  if (!Buffer) {
    llvm::consumeError(Buffer.takeError());
    return std::nullopt;
  }
  auto Parsed = parseJSONBounded((*Buffer)->getBuffer());
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *Root = Parsed->getAsObject();
  if (!Root || Root->getString("key") != Key)
    return std::nullopt;
  const llvm::json::Object *Unparsable = Root->getObject("unparsable");
  std::optional<llvm::StringRef> FirstError =
      Unparsable ? Unparsable->getString("first_error") : std::nullopt;
  if (!Root->get("facts") && !FirstError)
    return std::nullopt;
  auto Inputs = inputsFromJSON(Root->getArray("inputs"));
  if (!Inputs || !inputsUnchanged(*Inputs))
    return std::nullopt;
  CachedBaseline Out;
  if (const llvm::json::Value *Facts = Root->get("facts")) {
    auto Read = factsFromJSON(*Facts);
    if (!Read) {
      llvm::consumeError(Read.takeError());
      return std::nullopt;
    }
    Out.Facts = std::move(*Read);
  } else {
    Out.Unparsable = true;
    Out.FirstError = FirstError->str();
  }
  InputsOut = std::move(*Inputs);
  // Used now: least recently used entries are evicted first.
  llvm::SmallString<256> Name(Path);
  ::utime(Name.c_str(), nullptr);
  return Out;
}

// Keeps the directory under Limit bytes, oldest entries first, and removes
// temporary files that a killed run left behind.
void evictCache(llvm::StringRef Directory, uint64_t Limit) {
  struct Entry {
    std::string Path;
    uint64_t Size;
    int64_t Used;
  };
  std::vector<Entry> Entries;
  uint64_t Total = 0;
  int64_t Now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Directory, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    bool Temporary = Name.ends_with(".tmp");
    if (!Temporary && !Name.ends_with(".json"))
      continue;
    auto Stamp = sizeAndTime(It->path());
    if (!Stamp)
      continue;
    if (Temporary) {
      if (Now - Stamp->second > int64_t(3600) * 1000000000)
        llvm::sys::fs::remove(It->path());
      continue;
    }
    Entries.push_back({It->path(), Stamp->first, Stamp->second});
    Total += Stamp->first;
  }
  if (Total <= Limit)
    return;
  llvm::sort(Entries, [](const Entry &A, const Entry &B) { return A.Used < B.Used; });
  for (const Entry &E : Entries) {
    if (Total <= Limit - Limit / 10)
      break;
    if (!llvm::sys::fs::remove(E.Path))
      Total -= E.Size;
  }
}

// Atomic: written to a unique temporary file in the same directory, then
// renamed over the entry, so concurrent runs see either nothing or a whole entry.
// \p Unparsable: the entry says the baseline does not parse (\p FirstError
// why), as much a result of the same inputs as facts are; else it holds \p B's facts.
void writeCache(llvm::StringRef Directory, llvm::StringRef Path, llvm::StringRef Key,
                const Baseline &B, bool Unparsable, llvm::StringRef FirstError,
                const std::vector<ExternalInput> &Inputs, uint64_t Limit) {
  llvm::SmallString<256> Temporary;
  int FD = -1;
  if (llvm::sys::fs::createUniqueFile(Path + ".%%%%%%%%.tmp", FD, Temporary,
                                      llvm::sys::fs::OF_None, llvm::sys::fs::owner_read |
                                                                  llvm::sys::fs::owner_write))
    return;
  {
    llvm::raw_fd_ostream Out(FD, /*shouldClose=*/true);
    llvm::json::Object Entry{{"key", Key},
                             {"commit", B.Commit},
                             {"file", B.MainFile},
                             {"inputs", inputsToJSON(Inputs)}};
    if (Unparsable)
      Entry["unparsable"] = llvm::json::Object{{"first_error", FirstError}};
    else
      Entry["facts"] = toJSON(B.Facts);
    Out << llvm::json::Value(std::move(Entry));
    if (Out.has_error() || Out.tell() > MaxEntryBytes) {
      Out.clear_error();
      llvm::sys::fs::remove(Temporary);
      return;
    }
  }
  if (llvm::sys::fs::rename(Temporary, Path))
    llvm::sys::fs::remove(Temporary);
  evictCache(Directory, Limit);
}

// The cache directory, created private, or nothing (and one warning per
// process) when an existing one is not private to this user.
std::optional<std::string> usableCacheDirectory(const BaselineConfig &Config) {
  std::string Directory =
      Config.CacheDirectory.empty() ? defaultCacheDirectory() : Config.CacheDirectory;
  if (!llvm::sys::fs::exists(Directory) &&
      llvm::sys::fs::create_directories(Directory, /*IgnoreExisting=*/true,
                                        llvm::sys::fs::perms::owner_all))
    return std::nullopt;
  if (auto Why = whyNotPrivateDirectory(Directory)) {
    static std::atomic<bool> Warned{false};
    if (!Warned.exchange(true))
      llvm::errs() << "failguard: warning: not using the cache directory '" << Directory
                   << "': " << *Why << "; baselines are parsed without a cache\n";
    return std::nullopt;
  }
  return Directory;
}

} // namespace

std::optional<std::string> Baseline::relativePath(llvm::StringRef Path) const {
  return Paths ? Paths->relative(Path) : relativeToRoot(Root, Path);
}

std::string Baseline::describe() const {
  return "'" + Ref + "' (" + Commit.substr(0, 8) + ")";
}


namespace {

// What the comparison with the baseline looks at: every file the unit read
// (the whole unit, parsed), or only the main file (the parse has just begun).
enum class Looking { WholeUnit, MainFileOnly };

llvm::Expected<std::shared_ptr<const Baseline>>
baselineOf(const BaselineConfig &Config, Preprocessor &PP, const ApiModel &Model,
           const NullableTypes &Nullable, Looking Looked) {
  SourceManager &SM = PP.getSourceManager();
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
  Result->Root = (*Repo)->workdir().str();
  std::optional<std::string> MainRelative = (*Repo)->relativePath(MainPath);
  if (!MainRelative)
    return missing("no baseline: '" + MainPath + "' is outside the working tree '" +
                   Result->Root + "'");
  Result->MainFile = *MainRelative;
  Result->Paths = std::make_unique<WorkingTreePaths>(Result->Root);
  auto AtBaseline = [&Config](const std::string &Relative) {
    auto Renamed = Config.Renames.find(Relative);
    return Renamed == Config.Renames.end() ? Relative : Renamed->second;
  };
  if (!(*Repo)->blobIdAt(*Tree, AtBaseline(Result->MainFile))) {
    Result->NewFile = true;
    return Result;
  }

  // Compare the blob id of every repository file the translation unit read
  // (as it read it: unsaved editor buffers included) with the baseline's.
  bool Changed = false;
  // Once a change is found only the files of submodules are still looked at:
  // a commit the baseline records that the submodule does not have must be
  // said, not met as a header that is not found.
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    if (Looked == Looking::MainFileOnly && It->first != *Main)
      continue;
    llvm::SmallString<256> Path(It->first.getName());
    Files.makeAbsolutePath(Path);
    auto Relative = (*Repo)->relativePath(Path);
    if (!Relative)
      continue;
    GitRepository::TreeEntry Entry = (*Repo)->lookup(*Tree, AtBaseline(*Relative));
    using Kind = GitRepository::TreeEntry::Kind;
    if (Changed && Entry.What != Kind::Submodule)
      continue;
    std::optional<ObjectId> Before;
    if (Entry.What == Kind::Submodule) {
      // A file of a submodule, at the commit the baseline's gitlink records.
      auto Id = (*Repo)->submoduleBlobId(Entry);
      if (!Id)
        return missing("no baseline: '" + *Relative + "' at " + Result->describe() + ": " +
                       llvm::toString(Id.takeError()));
      Before = *Id;
      if (!Before || Changed) {
        Changed = true;
        continue;
      }
    }
    if (Entry.What == Kind::Blob)
      Before = Entry.BlobId;
    if (Entry.What == Kind::Outside) {
      // A link out of the repository at the baseline: what its target holds,
      // read only when it is a regular file (a device or a FIFO would never end).
      auto Target = readRegularFile(Entry.Path);
      if (!Target) {
        std::string Why = llvm::toString(Target.takeError());
        return missing("no baseline: '" + *Relative + "' at " + Result->describe() +
                       " links out of the repository to '" + Entry.Path + "', which " +
                       (llvm::StringRef(Why).contains("not a regular file")
                            ? std::string("is not a regular file")
                            : "cannot be read (" + Why + ")"));
      }
      Before = blobIdOf((*Target)->getBuffer());
    }
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

  std::shared_ptr<CompilerInvocation> Invocation = baselineInvocation(PP, MainPath);
  // The index of other units' functions, when there is one: what the
  // baseline's calls into them throw.
  std::shared_ptr<const SummaryIndex> Index;
  std::string IndexPath = projectIndexPath(Config.IndexFile, Config.CacheDirectory, Result->Root);
  if (!IndexPath.empty() && llvm::sys::fs::exists(IndexPath)) {
    if (auto Loaded = SummaryIndex::load(IndexPath))
      Index = *Loaded;
    else
      llvm::consumeError(Loaded.takeError()); // the checks warn about it
  }
  std::string Key = cacheKey(*Result, Config.Renames, *Invocation, Model, Nullable, Index.get());
  auto Remembered = [&](const MemoEntry &Entry) -> llvm::Expected<std::shared_ptr<const Baseline>> {
    if (Entry.Result)
      return Entry.Result;
    return missing(Entry.Error);
  };
  std::optional<MemoEntry> Hit;
  {
    std::lock_guard<std::mutex> Lock(memo().Mutex);
    auto Found = memo().Entries.find(Key);
    if (Found != memo().Entries.end())
      Hit = Found->second;
  }
  if (Hit && inputsUnchanged(Hit->Inputs))
    return Remembered(*Hit);
  auto Remember = [&](MemoEntry Entry) {
    std::lock_guard<std::mutex> Lock(memo().Mutex);
    // Bounded: an editor session meets many commits and files.
    if (memo().Entries.size() >= MaxMemoEntries)
      memo().Entries.clear();
    memo().Entries[Key] = Entry;
    return Remembered(Entry);
  };
  std::optional<std::string> Directory = usableCacheDirectory(Config);
  llvm::SmallString<256> CachePath;
  if (Directory) {
    CachePath = *Directory;
    llvm::sys::path::append(CachePath, Key + ".json");
    std::vector<ExternalInput> Inputs;
    if (auto Cached = readCache(CachePath, Key, Inputs)) {
      if (Cached->Unparsable)
        return Remember({nullptr, doesNotParse(*Result, Cached->FirstError), std::move(Inputs)});
      Result->Facts = std::move(Cached->Facts);
      return Remember({Result, "", std::move(Inputs)});
    }
  }

  // A file system of its own, with its own working directory: the process's
  // is shared with clangd's other threads and never changed here.
  // A submodule file the parse looked for at a commit the submodule's store
  // lacks (not fetched yet): what the parse saw is not the baseline.
  std::optional<UnreachableFile> Unreachable;
  auto BaselineFS = createCommitFileSystem(**Repo, *Tree, llvm::vfs::createPhysicalFileSystem(),
                                           Config.Renames, &Unreachable);
  if (auto CWD = Files.getVirtualFileSystem().getCurrentWorkingDirectory())
    BaselineFS->setCurrentWorkingDirectory(*CWD);
  auto *Errors = new FirstErrorConsumer;
  auto Compiler = compat::makeCompilerInstance(Invocation, Errors, BaselineFS);
  FactsAction Action(**Repo, Model, Nullable, Config.Renames, Index, Result->Facts);
  // FAILGUARD_LOG=baseline: one line per baseline parse, to see what the
  // memo and the cache save.
  if (llvm::StringRef(llvm::sys::Process::GetEnv("FAILGUARD_LOG").value_or("")).contains("baseline"))
    llvm::errs() << "failguard: parsing '" << Result->MainFile << "' at " << Result->describe()
                 << (Looked == Looking::MainFileOnly ? ", ahead of the unit"
                                                     : ", after the unit")
                 << "\n";
  int64_t Started = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  bool Ran = Compiler->ExecuteAction(Action);
  std::vector<ExternalInput> Inputs;
  if (Compiler->hasSourceManager())
    Inputs = externalInputs(
        Compiler->getSourceManager(), Invocation->getHeaderSearchOpts(),
        [&](llvm::StringRef Path) {
          // Files of the commit, a submodule's included (the gitlink's commit
          // is in the baseline's, which the key names).
          auto Relative = (*Repo)->relativePath(Path);
          if (!Relative)
            return false;
          GitRepository::TreeEntry Entry = (*Repo)->lookup(*Tree, AtBaseline(*Relative));
          return Entry.What == GitRepository::TreeEntry::Kind::Blob ||
                 Entry.What == GitRepository::TreeEntry::Kind::Submodule;
        },
        Started);
  bool Unparsable = !Ran || Compiler->getDiagnostics().hasErrorOccurred();
  // What the parse saw is not the baseline, even when it parsed (a probe such
  // as __has_include that found nothing): no comparison, said, neither cached
  // nor remembered, so that once the commit is fetched the next run parses.
  if (Unreachable)
    return missing("no baseline: '" + Unreachable->Path + "' at " + Result->describe() + ": " +
                   Unreachable->Why);
  if (Directory)
    writeCache(*Directory, CachePath, Key, *Result, Unparsable, Errors->First, Inputs,
               Config.CacheLimitBytes);
  if (Unparsable)
    return Remember({nullptr, doesNotParse(*Result, Errors->First), std::move(Inputs)});
  return Remember({Result, "", std::move(Inputs)});
}

} // namespace

llvm::Expected<std::shared_ptr<const Baseline>>
computeBaseline(const BaselineConfig &Config, Preprocessor &PP, const ApiModel &Model,
                const NullableTypes &Nullable) {
  return baselineOf(Config, PP, Model, Nullable, Looking::WholeUnit);
}

void prefetchBaseline(const BaselineConfig &Config, Preprocessor &PP, const ApiModel &Model,
                      const NullableTypes &Nullable) {
  // The result is remembered (or the failure is, or it is one that the call
  // at the end of the unit meets and says again).
  if (auto Before = baselineOf(Config, PP, Model, Nullable, Looking::MainFileOnly); !Before)
    llvm::consumeError(Before.takeError());
}

} // namespace failguard
