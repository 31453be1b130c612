// The option that names the project summary index, and attaching it.
#include "checks/IndexOptions.h"

#include "checks/ModelOptions.h"
#include "lib/Baseline.h"
#include "lib/LLVMCompat.h"
#include "lib/SummaryWriter.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

#include <atomic>
#include <map>
#include <mutex>

namespace failguard {

namespace {

std::atomic<bool> RefreshInProcess{false};

struct Refreshes {
  std::mutex Mutex;
  // Index path -> unit -> its summary as this process last saw it.
  std::map<std::string, std::map<std::string, UnitSummary>> Units;
  // Index path -> (the loaded index it was built from, the merged index).
  std::map<std::string, std::pair<std::shared_ptr<const SummaryIndex>,
                                  std::shared_ptr<const SummaryIndex>>>
      Merged;
  llvm::StringSet<> Warned;
};

Refreshes &refreshes() {
  static Refreshes R;
  return R;
}

// Where the checks write the index's gaps, and the gaps of this process.
const std::string &gapsOutput() {
  static const std::string Path =
      llvm::sys::Process::GetEnv("FAILGUARD_INDEX_GAPS_OUT").value_or("");
  return Path;
}

// failguard-tidy analyses one unit at a time; failguard-clangd, whose
// threads share these, never sets the variable.
IndexView::Gaps &processGaps() {
  static IndexView::Gaps G;
  return G;
}

} // namespace

std::string absoluteIndexPath(llvm::StringRef Path) {
  if (Path.empty() || Path == "none")
    return Path.str();
  llvm::SmallString<256> Absolute(Path);
  compat::makeAbsolute(startupDirectory(), Absolute);
  return std::string(Absolute);
}

IndexOptions::IndexOptions(const clang::tidy::ClangTidyCheck::OptionsView &Options)
    : IndexFile([&] {
        std::string Path = Options.getLocalOrGlobal("IndexFile", "").str();
        if (auto Env = llvm::sys::Process::GetEnv("FAILGUARD_INDEX"); Env && !Env->empty())
          Path = *Env;
        return absoluteIndexPath(Path);
      }()) {}

void IndexOptions::store(const clang::tidy::ClangTidyCheck::OptionsView &Options,
                         clang::tidy::ClangTidyOptions::OptionMap &Map) const {
  Options.store(Map, "IndexFile", IndexFile);
}

std::string IndexOptions::pathFor(llvm::StringRef CacheDirectory, llvm::StringRef Root) const {
  return projectIndexPath(IndexFile, CacheDirectory, Root);
}

std::shared_ptr<const SummaryIndex> loadProjectIndex(llvm::StringRef Path, bool Named) {
  Refreshes &R = refreshes();
  std::shared_ptr<const SummaryIndex> Loaded;
  if (!llvm::sys::fs::exists(Path)) {
    std::lock_guard<std::mutex> Lock(R.Mutex);
    if (Named && R.Warned.insert(Path).second)
      llvm::errs() << "failguard: warning: the summary index '" << Path
                   << "' does not exist; calls into other translation units are opaque\n";
  } else {
    auto Index = SummaryIndex::load(Path);
    if (!Index) {
      std::string Why = llvm::toString(Index.takeError());
      std::lock_guard<std::mutex> Lock(R.Mutex);
      if (R.Warned.insert(Path).second)
        llvm::errs() << "failguard: warning: ignoring the summary index '" << Path
                     << "': " << Why << "; calls into other translation units are opaque\n";
    } else {
      Loaded = *Index;
    }
  }
  std::lock_guard<std::mutex> Lock(R.Mutex);
  auto Refreshed = R.Units.find(Path.str());
  if (Refreshed == R.Units.end())
    return Loaded;
  auto &Slot = R.Merged[Path.str()];
  if (Slot.second && Slot.first == Loaded)
    return Slot.second;
  std::vector<UnitSummary> Preferred;
  for (const auto &[Name, Unit] : Refreshed->second)
    Preferred.push_back(Unit);
  // The loaded entry of a refreshed unit stays: the refresh wins for the
  // functions it has, and the ones it lacks (header functions whose bodies
  // clangd skipped in the preamble) come from the loaded entry, trusted while
  // their files are unchanged.
  std::vector<UnitSummary> Rest;
  if (Loaded)
    Rest = Loaded->units();
  Slot = {Loaded, std::make_shared<const SummaryIndex>(std::move(Rest), std::move(Preferred))};
  return Slot.second;
}

void setRefreshIndexInProcess(bool Refresh) { RefreshInProcess = Refresh; }
bool refreshIndexInProcess() { return RefreshInProcess; }

void refreshInProcess(llvm::StringRef Path, UnitSummary Unit) {
  Refreshes &R = refreshes();
  std::lock_guard<std::mutex> Lock(R.Mutex);
  std::string Name = Unit.Unit;
  R.Units[Path.str()][Name] = std::move(Unit);
  R.Merged.erase(Path.str());
}

std::vector<DiagnosticText> remoteHopNotes(clang::ASTContext &Ctx, const RemoteEscape &Remote,
                                           clang::SourceLocation Fallback) {
  clang::SourceManager &SM = Ctx.getSourceManager();
  std::optional<std::string> Root;
  if (clang::OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
    Root = repositoryRootOf(Main->getName());
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
          FailguardContext::of(Ctx).addNoteOnlyFile(&File->getFileEntry());
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

void IndexOptions::attach(ExceptionFlow &Flow, llvm::StringRef CacheDirectory) const {
  if (IndexFile == "none")
    return;
  clang::SourceManager &SM = Flow.context().getSourceManager();
  clang::OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  if (!Main)
    return;
  std::optional<std::string> Root = repositoryRootOf(Main->getName());
  if (!Root)
    return;
  std::string Path = pathFor(CacheDirectory, *Root);
  if (Path.empty())
    return;
  if (auto Index = loadProjectIndex(Path, !IndexFile.empty())) {
    std::unique_ptr<IndexView> View = viewFor(std::move(Index), SM, *Root);
    if (!gapsOutput().empty())
      View->recordGaps(&processGaps());
    Flow.setIndex(std::move(View));
  }
}

void writeIndexGaps() {
  const std::string &Path = gapsOutput();
  if (Path.empty())
    return;
  std::vector<std::string> Lines;
  for (const auto &Usr : processGaps().Functions)
    Lines.push_back("function " + Usr.getKey().str());
  for (const auto &Usr : processGaps().Callers)
    Lines.push_back("callers " + Usr.getKey().str());
  llvm::sort(Lines);
  std::string Text = "failguard-index-gaps-1\n";
  for (const std::string &Line : Lines)
    Text += Line + "\n";
  if (std::error_code EC = writeFileAtomically(Path, Text))
    llvm::errs() << "failguard: error: cannot write the index gaps to '" << Path
                 << "': " << EC.message() << "\n";
}

} // namespace failguard
