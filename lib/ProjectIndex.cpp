// The project summary index as a translation unit's analysis reads it.
#include "lib/ProjectIndex.h"

#include "lib/ExceptionFlow.h"
#include "lib/CacheDirectory.h"
#include "lib/GitTree.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <map>
#include <mutex>

namespace failguard {

namespace {

std::atomic<bool> RefreshInProcess{false};

// failguard-clangd refreshes the index in process from several threads.
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

} // namespace

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

void attachProjectIndex(ExceptionFlow &Flow, llvm::StringRef IndexFile,
                        llvm::StringRef CacheDirectory, IndexView::Gaps *Gaps) {
  if (IndexFile == "none")
    return;
  clang::SourceManager &SM = Flow.context().getSourceManager();
  clang::OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  if (!Main)
    return;
  std::optional<std::string> Root = repositoryRootOf(Main->getName());
  if (!Root)
    return;
  std::string Path = projectIndexPath(IndexFile, CacheDirectory, *Root);
  if (Path.empty())
    return;
  if (auto Index = loadProjectIndex(Path, !IndexFile.empty())) {
    std::unique_ptr<IndexView> View = viewFor(std::move(Index), SM, *Root);
    if (Gaps)
      View->recordGaps(Gaps);
    Flow.setIndex(std::move(View));
  }
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

std::string indexGapsText(const IndexView::Gaps &Gaps) {
  std::vector<std::string> Lines;
  for (const auto &Usr : Gaps.Functions)
    Lines.push_back("function " + Usr.getKey().str());
  for (const auto &Usr : Gaps.Callers)
    Lines.push_back("callers " + Usr.getKey().str());
  llvm::sort(Lines);
  std::string Text = "failguard-index-gaps-1\n";
  for (const std::string &Line : Lines)
    Text += Line + "\n";
  return Text;
}

std::optional<std::string> repositoryRootOf(llvm::StringRef Path) {
  static std::mutex Mutex;
  static llvm::StringMap<std::optional<std::string>> Roots;
  llvm::SmallString<256> Directory(Path);
  llvm::sys::fs::make_absolute(Directory);
  if (!llvm::sys::fs::is_directory(Directory))
    llvm::sys::path::remove_filename(Directory);
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto Found = Roots.find(Directory);
    if (Found != Roots.end())
      return Found->second;
  }
  std::optional<std::string> Root;
  if (auto Repo = GitRepository::discover(Directory))
    Root = (*Repo)->workdir().str();
  else
    llvm::consumeError(Repo.takeError());
  std::lock_guard<std::mutex> Lock(Mutex);
  Roots[Directory] = Root;
  return Root;
}

std::string projectIndexPath(llvm::StringRef Configured, llvm::StringRef CacheDirectory,
                             llvm::StringRef Root) {
  if (Configured == "none")
    return "";
  if (!Configured.empty())
    return Configured.str();
  return defaultIndexPath(CacheDirectory.empty() ? defaultCacheDirectory() : CacheDirectory.str(),
                          Root);
}

std::unique_ptr<IndexView> viewFor(std::shared_ptr<const SummaryIndex> Index, clang::SourceManager &SM,
                                   std::string Root) {
  clang::FileManager &Files = SM.getFileManager();
  return std::make_unique<IndexView>(
      std::move(Index), [&Files, Root = std::move(Root)](const UnitSummary &Unit,
                                                          llvm::StringRef File) {
        auto Recorded = Unit.Files.find(File.str());
        if (Recorded == Unit.Files.end())
          return false;
        llvm::SmallString<256> Path(Root);
        llvm::sys::path::append(Path, File);
        auto Buffer = Files.getBufferForFile(Path);
        return Buffer && blobIdOf((*Buffer)->getBuffer()) == Recorded->second;
      });
}

std::error_code writeFileAtomically(llvm::StringRef Path, llvm::StringRef Text) {
  llvm::SmallString<256> Temporary;
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Path + ".tmp-%%%%%%%%", FD, Temporary))
    return EC;
  {
    llvm::raw_fd_ostream Out(FD, /*shouldClose=*/true);
    Out << Text;
    Out.close();
    if (Out.has_error()) {
      std::error_code EC = Out.error();
      Out.clear_error();
      llvm::sys::fs::remove(Temporary);
      return EC;
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temporary, Path)) {
    llvm::sys::fs::remove(Temporary);
    return EC;
  }
  return {};
}

} // namespace failguard
