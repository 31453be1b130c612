// Read-only access to a git repository's commits and a file system view of one.
#include "lib/GitTree.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

#include <git2.h>
#include <sys/stat.h>
#include <unistd.h>
#include <mutex>

namespace failguard {

namespace {

// libgit2's global state, set up once per process and never torn down: the
// library may be used from several threads and from static destructors.
void initLibgit2() {
  static std::once_flag Once;
  std::call_once(Once, [] { git_libgit2_init(); });
}

std::string lastGitError() {
  const git_error *E = git_error_last();
  return E && E->message ? E->message : "unknown libgit2 error";
}

llvm::Error gitError(const llvm::Twine &What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), What + ": " + lastGitError());
}

ObjectId toHex(const git_oid &Oid) {
  char Buffer[GIT_OID_HEXSZ + 1];
  git_oid_tostr(Buffer, sizeof(Buffer), &Oid);
  return Buffer;
}

template <typename T, void (*Free)(T *)> struct Owned {
  T *Ptr = nullptr;
  ~Owned() {
    if (Ptr)
      Free(Ptr);
  }
};

// The nearest directory at or above Start holding a .git owned by another
// user, and that user.
std::optional<std::pair<std::string, unsigned>> foreignRepositoryAbove(llvm::StringRef Start) {
  // As git's discovery: it does not look into a GIT_CEILING_DIRECTORIES entry
  // or above it.
  llvm::SmallVector<llvm::StringRef, 4> Ceilings;
  std::string CeilingText = llvm::sys::Process::GetEnv("GIT_CEILING_DIRECTORIES").value_or("");
  llvm::StringRef(CeilingText).split(Ceilings, ':', -1, /*KeepEmpty=*/false);
  llvm::SmallString<256> Directory(Start);
  while (!Directory.empty()) {
    if (llvm::any_of(Ceilings, [&](llvm::StringRef Ceiling) {
          return Directory == Ceiling.rtrim('/');
        }))
      return std::nullopt;
    llvm::SmallString<256> Dot(Directory);
    llvm::sys::path::append(Dot, ".git");
    struct stat St;
    if (::lstat(Dot.c_str(), &St) == 0) {
      if (St.st_uid != ::geteuid())
        return std::make_pair(Directory.str().str(), static_cast<unsigned>(St.st_uid));
      return std::nullopt;
    }
    llvm::StringRef Parent = llvm::sys::path::parent_path(Directory);
    if (Parent == Directory)
      break;
    Directory = Parent;
  }
  return std::nullopt;
}

} // namespace

ObjectId blobIdOf(llvm::StringRef Content) {
  initLibgit2();
  git_oid Oid;
  git_odb_hash(&Oid, Content.data(), Content.size(), GIT_OBJECT_BLOB);
  return toHex(Oid);
}

GitRepository::GitRepository(git_repository *Repo, std::string Workdir)
    : Repo(Repo), Workdir(Workdir), Paths(std::move(Workdir)) {}

GitRepository::~GitRepository() {
  for (git_tree *Tree : Trees)
    git_tree_free(Tree);
  for (auto &[Path, Sub] : Submodules)
    git_repository_free(Sub);
  git_repository_free(Repo);
}

llvm::Expected<std::unique_ptr<GitRepository>> GitRepository::discover(llvm::StringRef Path) {
  initLibgit2();
  llvm::SmallString<256> Start(Path);
  llvm::sys::fs::make_absolute(Start);
  if (!llvm::sys::fs::is_directory(Start))
    llvm::sys::path::remove_filename(Start);
  git_repository *Repo = nullptr;
  // As git would: GIT_DIR, GIT_CEILING_DIRECTORIES and the like are honoured.
  int Status = git_repository_open_ext(&Repo, Start.c_str(), GIT_REPOSITORY_OPEN_FROM_ENV, nullptr);
  if (Status == GIT_ENOTFOUND && !llvm::sys::Process::GetEnv("GIT_DIR") &&
      !llvm::sys::Process::GetEnv("GIT_WORK_TREE")) {
    // libgit2 1.5 refuses a repository owned by another user as "not found"
    // (with a misleading message): say what git says, and its fix.
    if (auto Owner = foreignRepositoryAbove(Start))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "the git repository at '" + Owner->first + "' is owned by user " +
              llvm::Twine(Owner->second) +
              ", not by you (git's 'dubious ownership'); if you trust it, run: git config "
              "--global --add safe.directory '" + Owner->first + "'");
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "'" + Start + "' is not inside a git repository");
  }
  if (Status != 0) {
    std::string Why = lastGitError();
    if (Status == GIT_EOWNER)
      Why += "; if you trust it, run: git config --global --add safe.directory '" +
             Start.str().str() + "'";
    else if (llvm::sys::Process::GetEnv("GIT_DIR") || llvm::sys::Process::GetEnv("GIT_WORK_TREE"))
      Why += " (GIT_DIR/GIT_WORK_TREE are set in the environment: check or unset them)";
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the git repository of '" + Start + "' cannot be opened: " + Why);
  }
  const char *Workdir = git_repository_workdir(Repo);
  if (!Workdir) {
    git_repository_free(Repo);
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the repository of '" + Start + "' has no working tree");
  }
  llvm::SmallString<256> Root;
  if (llvm::sys::fs::real_path(Workdir, Root))
    Root = Workdir;
  while (Root.size() > 1 && Root.back() == '/')
    Root.pop_back();
  return std::unique_ptr<GitRepository>(new GitRepository(Repo, Root.str().str()));
}

llvm::Expected<ObjectId> GitRepository::resolveCommit(llvm::StringRef Ref, bool MergeBase) const {
  Owned<git_object, git_object_free> Object;
  if (git_revparse_single(&Object.Ptr, Repo, Ref.str().c_str()) != 0) {
    std::string Why = "baseline '" + Ref.str() + "' cannot be resolved (" + lastGitError() + ")";
    if (git_repository_is_shallow(Repo) == 1)
      Why += "; this is a shallow clone: fetch the baseline, e.g. 'git fetch --unshallow' or '" +
             fetchCommandFor(Ref) + "'";
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
  }
  Owned<git_object, git_object_free> Commit;
  if (git_object_peel(&Commit.Ptr, Object.Ptr, GIT_OBJECT_COMMIT) != 0)
    return gitError("baseline '" + Ref + "' is not a commit");
  git_oid Base = *git_object_id(Commit.Ptr);
  if (!MergeBase)
    return toHex(Base);
  git_oid Head;
  if (git_reference_name_to_id(&Head, Repo, "HEAD") != 0)
    return gitError("HEAD cannot be resolved");
  git_oid Result;
  if (git_merge_base(&Result, Repo, &Head, &Base) != 0)
    return gitError("no merge-base of '" + Ref + "' and HEAD");
  return toHex(Result);
}

llvm::Expected<git_tree *> GitRepository::treeOf(const ObjectId &Commit) const {
  git_oid Oid;
  if (git_oid_fromstr(&Oid, Commit.c_str()) != 0)
    return gitError("'" + Commit + "' is not an object id");
  Owned<git_commit, git_commit_free> C;
  if (git_commit_lookup(&C.Ptr, Repo, &Oid) != 0)
    return gitError("commit " + Commit + " cannot be read");
  git_tree *Tree = nullptr;
  if (git_commit_tree(&Tree, C.Ptr) != 0)
    return gitError("the tree of commit " + Commit + " cannot be read");
  Trees.push_back(Tree);
  return Tree;
}

std::string GitRepository::fetchCommandFor(llvm::StringRef Ref) const {
  // `git fetch` takes a remote and a branch, not a remote-tracking ref.
  git_strarray Remotes{};
  std::string Command = "git fetch origin <branch>";
  if (git_remote_list(&Remotes, Repo) == 0) {
    for (size_t I = 0; I < Remotes.count; ++I) {
      llvm::StringRef Remote(Remotes.strings[I]);
      llvm::StringRef Branch = Ref;
      Branch.consume_front("refs/remotes/");
      if (Branch.consume_front(Remote) && Branch.consume_front("/") && !Branch.empty()) {
        Command = ("git fetch " + Remote + " " + Branch).str();
        break;
      }
    }
    git_strarray_dispose(&Remotes);
  }
  return Command;
}

GitRepository::TreeEntry GitRepository::lookup(git_tree *Tree, llvm::StringRef RelativePath) const {
  using Kind = TreeEntry::Kind;
  std::string Path = RelativePath.str();
  for (int Links = 0; Links <= 40; ++Links) {
    if (Path.empty())
      return {Kind::Directory, "", ""};
    llvm::SmallVector<llvm::StringRef, 8> Parts;
    llvm::StringRef(Path).split(Parts, '/', -1, /*KeepEmpty=*/false);
    // The first component that is not a directory decides; a link is
    // replaced by its target and the walk starts again.
    std::string Prefix;
    std::optional<std::string> Relinked;
    for (size_t I = 0; I < Parts.size() && !Relinked; ++I) {
      Prefix += (I ? "/" : "") + Parts[I].str();
      Owned<git_tree_entry, git_tree_entry_free> Entry;
      if (git_tree_entry_bypath(&Entry.Ptr, Tree, Prefix.c_str()) != 0)
        return {Kind::Missing, Path, ""};
      bool Last = I + 1 == Parts.size();
      switch (git_tree_entry_filemode(Entry.Ptr)) {
      case GIT_FILEMODE_TREE:
        if (Last)
          return {Kind::Directory, Path, ""};
        continue;
      case GIT_FILEMODE_COMMIT: {
        std::string Rest;
        for (size_t J = I + 1; J < Parts.size(); ++J)
          Rest += (Rest.empty() ? "" : "/") + Parts[J].str();
        return {Kind::Submodule, Prefix, "", toHex(*git_tree_entry_id(Entry.Ptr)), Rest};
      }
      case GIT_FILEMODE_BLOB:
      case GIT_FILEMODE_BLOB_EXECUTABLE:
        if (Last)
          return {Kind::Blob, Path, toHex(*git_tree_entry_id(Entry.Ptr))};
        return {Kind::Missing, Path, ""};
      case GIT_FILEMODE_LINK: {
        auto Target = readBlob(toHex(*git_tree_entry_id(Entry.Ptr)));
        if (!Target) {
          llvm::consumeError(Target.takeError());
          return {Kind::Missing, Path, ""};
        }
        llvm::SmallString<256> Resolved;
        if (llvm::sys::path::is_absolute(*Target)) {
          Resolved = *Target;
        } else {
          Resolved = Workdir;
          llvm::sys::path::append(Resolved, llvm::sys::path::parent_path(Prefix), *Target);
        }
        for (size_t J = I + 1; J < Parts.size(); ++J)
          llvm::sys::path::append(Resolved, Parts[J]);
        llvm::sys::path::remove_dots(Resolved, /*remove_dot_dot=*/true);
        auto Inside = relativePath(Resolved);
        if (!Inside)
          return {Kind::Outside, Resolved.str().str(), ""};
        Relinked = *Inside;
        break;
      }
      default:
        return {Kind::Missing, Path, ""};
      }
    }
    if (!Relinked)
      return {Kind::Missing, Path, ""};
    Path = *Relinked;
  }
  return {Kind::Missing, Path, ""};
}

std::optional<ObjectId> GitRepository::blobIdAt(git_tree *Tree, llvm::StringRef RelativePath) const {
  TreeEntry Entry = lookup(Tree, RelativePath);
  if (Entry.What != TreeEntry::Kind::Blob)
    return std::nullopt;
  return Entry.BlobId;
}

bool GitRepository::isDirectoryAt(git_tree *Tree, llvm::StringRef RelativePath) const {
  return lookup(Tree, RelativePath).What == TreeEntry::Kind::Directory;
}

llvm::Expected<std::string> GitRepository::readBlob(const ObjectId &Id) const {
  git_oid Oid;
  if (git_oid_fromstr(&Oid, Id.c_str()) != 0)
    return gitError("'" + Id + "' is not an object id");
  Owned<git_blob, git_blob_free> Blob;
  if (git_blob_lookup(&Blob.Ptr, Repo, &Oid) != 0)
    return gitError("blob " + Id + " cannot be read");
  return std::string(static_cast<const char *>(git_blob_rawcontent(Blob.Ptr)),
                     static_cast<size_t>(git_blob_rawsize(Blob.Ptr)));
}

llvm::Expected<git_repository *> GitRepository::submodule(llvm::StringRef SubmodulePath) const {
  std::lock_guard<std::mutex> Lock(SubmodulesMutex);
  auto Found = Submodules.find(SubmodulePath.str());
  if (Found != Submodules.end())
    return Found->second;
  // The submodule's repository as git finds it from its directory (its .git
  // file points into the superproject's .git/modules); no discovery above it.
  llvm::SmallString<256> Directory(Workdir);
  llvm::sys::path::append(Directory, SubmodulePath);
  git_repository *Sub = nullptr;
  if (git_repository_open_ext(&Sub, Directory.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0)
    return gitError("the submodule '" + SubmodulePath +
                    "' is not checked out (run 'git submodule update --init')");
  Submodules[SubmodulePath.str()] = Sub;
  return Sub;
}

llvm::Expected<std::optional<ObjectId>>
GitRepository::submoduleBlobId(const TreeEntry &Entry) const {
  auto Sub = submodule(Entry.Path);
  if (!Sub)
    return Sub.takeError();
  git_oid Oid;
  if (git_oid_fromstr(&Oid, Entry.Commit.c_str()) != 0)
    return gitError("'" + Entry.Commit + "' is not an object id");
  Owned<git_commit, git_commit_free> Commit;
  Owned<git_tree, git_tree_free> Tree;
  if (git_commit_lookup(&Commit.Ptr, *Sub, &Oid) != 0 || git_commit_tree(&Tree.Ptr, Commit.Ptr) != 0)
    return gitError("the submodule '" + Entry.Path + "' does not have commit " +
                    Entry.Commit.substr(0, 12) + ", which the baseline records (run 'git "
                    "submodule update', or fetch it in the submodule)");
  Owned<git_tree_entry, git_tree_entry_free> File;
  if (Entry.InSubmodule.empty() ||
      git_tree_entry_bypath(&File.Ptr, Tree.Ptr, Entry.InSubmodule.c_str()) != 0)
    return std::optional<ObjectId>();
  git_filemode_t Mode = git_tree_entry_filemode(File.Ptr);
  if (Mode != GIT_FILEMODE_BLOB && Mode != GIT_FILEMODE_BLOB_EXECUTABLE)
    return std::optional<ObjectId>();
  return std::optional<ObjectId>(toHex(*git_tree_entry_id(File.Ptr)));
}

llvm::Expected<std::string> GitRepository::readSubmoduleBlob(llvm::StringRef SubmodulePath,
                                                             const ObjectId &Id) const {
  auto Sub = submodule(SubmodulePath);
  if (!Sub)
    return Sub.takeError();
  git_oid Oid;
  Owned<git_blob, git_blob_free> Blob;
  if (git_oid_fromstr(&Oid, Id.c_str()) != 0 || git_blob_lookup(&Blob.Ptr, *Sub, &Oid) != 0)
    return gitError("blob " + Id + " of the submodule '" + SubmodulePath + "' cannot be read");
  return std::string(static_cast<const char *>(git_blob_rawcontent(Blob.Ptr)),
                     static_cast<size_t>(git_blob_rawsize(Blob.Ptr)));
}

bool GitRepository::isTracked(llvm::StringRef RelativePath) const {
  std::string Path = RelativePath.str();
  Owned<git_index, git_index_free> Index;
  if (git_repository_index(&Index.Ptr, Repo) == 0 &&
      git_index_get_bypath(Index.Ptr, Path.c_str(), 0) != nullptr)
    return true;
  Owned<git_object, git_object_free> Head;
  if (git_revparse_single(&Head.Ptr, Repo, "HEAD^{tree}") != 0)
    return false;
  Owned<git_tree_entry, git_tree_entry_free> Entry;
  return git_tree_entry_bypath(&Entry.Ptr, reinterpret_cast<git_tree *>(Head.Ptr),
                               Path.c_str()) == 0;
}

std::optional<std::string> relativeToRoot(llvm::StringRef Root, llvm::StringRef Path) {
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  llvm::StringRef Rest(Absolute);
  if (!Rest.consume_front(Root) || (!Rest.empty() && Rest.front() != '/'))
    return std::nullopt;
  Rest.consume_front("/");
  return llvm::sys::path::convert_to_slash(Rest);
}

std::optional<std::string> GitRepository::relativePath(llvm::StringRef Path) const {
  return Paths.relative(Path);
}

std::optional<std::string> WorkingTreePaths::relative(llvm::StringRef Path) const {
  // By the real path of the file's directory (once per directory: a
  // translation unit reads hundreds of system headers), then the file's own
  // name, which need not exist (an unsaved buffer): a path spelled through a
  // symbolic link — a symlinked home, workspace or include directory, or an
  // alias of a directory inside the working tree — is the file it resolves
  // to. Lexically only when the directory does not exist.
  llvm::SmallString<256> Directory(Path);
  llvm::sys::fs::make_absolute(Directory);
  llvm::sys::path::remove_dots(Directory, /*remove_dot_dot=*/true);
  std::string File = llvm::sys::path::filename(Directory).str();
  llvm::sys::path::remove_filename(Directory);
  std::string Real;
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto [It, Inserted] = RealDirectories.try_emplace(Directory);
    if (Inserted) {
      llvm::SmallString<256> Resolved;
      if (!llvm::sys::fs::real_path(Directory, Resolved))
        It->second = Resolved.str().str();
    }
    Real = It->second;
  }
  if (Real.empty())
    return relativeToRoot(Root, Path);
  llvm::SmallString<256> Full(Real);
  llvm::sys::path::append(Full, File);
  return relativeToRoot(Root, Full);
}

namespace {

class BlobFile : public llvm::vfs::File {
public:
  BlobFile(llvm::vfs::Status S, std::string Content)
      : S(std::move(S)), Content(std::move(Content)) {}
  llvm::ErrorOr<llvm::vfs::Status> status() override { return S; }
  llvm::ErrorOr<std::string> getName() override { return S.getName().str(); }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> getBuffer(const llvm::Twine &Name, int64_t,
                                                               bool RequiresNullTerminator,
                                                               bool) override {
    return llvm::MemoryBuffer::getMemBufferCopy(Content, Name);
  }
  std::error_code close() override { return {}; }

private:
  llvm::vfs::Status S;
  std::string Content;
};

class CommitFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  CommitFileSystem(const GitRepository &Repo, git_tree *Tree,
                   llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Underlying,
                   std::map<std::string, std::string> Renames,
                   std::optional<UnreachableFile> *Unreachable)
      : ProxyFileSystem(std::move(Underlying)), Repo(Repo), Tree(Tree),
        Renames(std::move(Renames)), Unreachable(Unreachable) {}

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &Path) override {
    auto Where = classify(Path);
    if (Where.What == Kind::Untracked && !Where.Redirect.empty()) {
      auto Target = ProxyFileSystem::status(Where.Redirect);
      if (!Target)
        return Target;
      return llvm::vfs::Status::copyWithNewName(*Target, Path.str());
    }
    if (Where.What == Kind::Untracked)
      return ProxyFileSystem::status(Path);
    if (Where.What == Kind::Missing)
      return std::make_error_code(std::errc::no_such_file_or_directory);
    if (Where.What == Kind::Directory) {
      auto Real = ProxyFileSystem::status(Path);
      if (Real && Real->isDirectory())
        return Real;
      return llvm::vfs::Status(Path.str(), uniqueId(Where.Absolute), {}, 0, 0, 0,
                               llvm::sys::fs::file_type::directory_file,
                               llvm::sys::fs::perms::all_all);
    }
    auto Content = content(Where);
    if (!Content)
      return std::make_error_code(std::errc::io_error);
    return fileStatus(Path.str(), Where.Absolute, Content->size());
  }

  // ProxyFileSystem forwards exists() to the underlying file system.
  bool exists(const llvm::Twine &Path) override { return bool(status(Path)); }

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    auto Where = classify(Path);
    if (Where.What == Kind::Untracked && !Where.Redirect.empty()) {
      // A link the commit has out of the repository: its target, when it is
      // a regular file (opening a FIFO would wait for a writer forever).
      auto Target = ProxyFileSystem::status(Where.Redirect);
      if (!Target)
        return Target.getError();
      if (Target->getType() != llvm::sys::fs::file_type::regular_file)
        return std::make_error_code(std::errc::not_supported);
      return ProxyFileSystem::openFileForRead(Where.Redirect);
    }
    if (Where.What == Kind::Untracked)
      return ProxyFileSystem::openFileForRead(Path);
    if (Where.What != Kind::Blob)
      return std::make_error_code(std::errc::no_such_file_or_directory);
    auto Content = content(Where);
    if (!Content)
      return std::make_error_code(std::errc::io_error);
    auto S = fileStatus(Path.str(), Where.Absolute, Content->size());
    return std::unique_ptr<llvm::vfs::File>(new BlobFile(std::move(S), *Content));
  }

private:
  enum class Kind { Untracked, Blob, Directory, Missing };
  struct Location {
    Kind What;
    std::string Absolute;
    std::string BlobId;
    /// Untracked through a link the commit has out of the repository: read there.
    std::string Redirect;
    /// A blob of the submodule at this path (repository-relative), not of the repository.
    std::string Submodule;
  };

  Location classify(const llvm::Twine &Path) {
    llvm::SmallString<256> Absolute;
    Path.toVector(Absolute);
    if (makeAbsolute(Absolute))
      return {Kind::Untracked, "", "", "", ""};
    llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
    std::lock_guard<std::mutex> Lock(Mutex);
    auto Cached = Locations.find(Absolute);
    if (Cached != Locations.end())
      return Cached->second;
    Location L{Kind::Untracked, Absolute.str().str(), "", "", ""};
    if (auto Relative = Repo.relativePath(Absolute)) {
      if (auto Renamed = Renames.find(*Relative); Renamed != Renames.end())
        Relative = Renamed->second;
      GitRepository::TreeEntry Entry = Repo.lookup(Tree, *Relative);
      switch (Entry.What) {
      case GitRepository::TreeEntry::Kind::Blob:
        L.What = Kind::Blob;
        L.BlobId = Entry.BlobId;
        // Names that links make one file are one file to clang.
        L.Absolute = (Repo.workdir() + "/" + Entry.Path).str();
        break;
      case GitRepository::TreeEntry::Kind::Directory:
        L.What = Kind::Directory;
        break;
      case GitRepository::TreeEntry::Kind::Submodule: {
        // In a submodule: the file at the commit the gitlink records, from
        // the submodule's object store; its checkout may be elsewhere.
        auto Id = Repo.submoduleBlobId(Entry);
        if (!Id) {
          std::string Why = llvm::toString(Id.takeError());
          if (Unreachable && !*Unreachable)
            *Unreachable = UnreachableFile{*Relative, std::move(Why)};
          L.What = Kind::Missing;
        } else if (*Id) {
          L.What = Kind::Blob;
          L.BlobId = **Id;
          L.Submodule = Entry.Path;
        } else if (Entry.InSubmodule.empty()) {
          L.What = Kind::Directory;
        } else {
          // A directory of the submodule, or a file it does not have then.
          auto Real = ProxyFileSystem::status(Absolute);
          L.What = Real && Real->isDirectory() ? Kind::Directory : Kind::Missing;
        }
        break;
      }
      case GitRepository::TreeEntry::Kind::Outside:
        L.Redirect = Entry.Path;
        break;
      case GitRepository::TreeEntry::Kind::Missing:
        if (!Relative->empty() && Relative->find(".git") != 0 && Repo.isTracked(*Relative))
          L.What = Kind::Missing;
        break;
      }
    }
    Locations[Absolute] = L;
    return L;
  }

  std::optional<std::string> content(const Location &L) {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto Cached = Contents.find(L.BlobId);
    if (Cached != Contents.end())
      return Cached->second;
    auto Blob = L.Submodule.empty() ? Repo.readBlob(L.BlobId)
                                    : Repo.readSubmoduleBlob(L.Submodule, L.BlobId);
    if (!Blob) {
      llvm::consumeError(Blob.takeError());
      return std::nullopt;
    }
    return Contents[L.BlobId] = std::move(*Blob);
  }

  llvm::sys::fs::UniqueID uniqueId(llvm::StringRef Absolute) {
    auto [It, Inserted] = Ids.try_emplace(Absolute);
    if (Inserted)
      It->second = llvm::vfs::getNextVirtualUniqueID();
    return It->second;
  }

  llvm::vfs::Status fileStatus(llvm::StringRef Name, llvm::StringRef Absolute, uint64_t Size) {
    std::lock_guard<std::mutex> Lock(Mutex);
    return llvm::vfs::Status(Name, uniqueId(Absolute), llvm::sys::TimePoint<>(), 0, 0, Size,
                             llvm::sys::fs::file_type::regular_file,
                             llvm::sys::fs::perms::all_read);
  }

  const GitRepository &Repo;
  git_tree *Tree;
  const std::map<std::string, std::string> Renames;
  std::optional<UnreachableFile> *Unreachable;
  std::mutex Mutex;
  llvm::StringMap<Location> Locations;
  llvm::StringMap<std::string> Contents;
  llvm::StringMap<llvm::sys::fs::UniqueID> Ids;
};

} // namespace

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
createCommitFileSystem(const GitRepository &Repo, git_tree *Tree,
                       llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Underlying,
                       std::map<std::string, std::string> Renames,
                       std::optional<UnreachableFile> *Unreachable) {
  return llvm::makeIntrusiveRefCnt<CommitFileSystem>(Repo, Tree, std::move(Underlying),
                                                     std::move(Renames), Unreachable);
}

} // namespace failguard
