// Read-only access to a git repository's commits and a file system view of one.
#ifndef FAILGUARD_LIB_GITTREE_H
#define FAILGUARD_LIB_GITTREE_H

#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <string>

struct git_repository;
struct git_tree;

namespace failguard {

/// A 40-hex-digit git object id.
using ObjectId = std::string;

/// \p Path (absolute, or relative to the current directory) relative to
/// \p Root with '/' separators, or nothing when it lies outside \p Root.
std::optional<std::string> relativeToRoot(llvm::StringRef Root, llvm::StringRef Path);

/// Paths relative to a working tree whose root is known by its real path, by
/// the real path of their directory (a symlinked home, workspace,
/// subdirectory or include directory, an alias of a directory inside the
/// tree), looked up once per directory; lexically when the directory does not
/// exist. Safe to share between threads.
class WorkingTreePaths {
public:
  explicit WorkingTreePaths(std::string Root) : Root(std::move(Root)) {}
  llvm::StringRef root() const { return Root; }
  std::optional<std::string> relative(llvm::StringRef Path) const;

private:
  std::string Root;
  mutable std::mutex Mutex;
  mutable llvm::StringMap<std::string> RealDirectories;
};

/// The git blob id of \p Content ("blob <size>\0<content>", SHA-1).
ObjectId blobIdOf(llvm::StringRef Content);

/// A repository opened read-only: nothing here writes to the working tree,
/// the index, the refs or the object database, and no lock file is taken.
class GitRepository {
public:
  /// Opens the repository that contains \p Path (a file or directory), as
  /// `git` would from there: worktrees and submodules included. The error
  /// keeps libgit2's reason (a repository owned by another user, a bad
  /// GIT_DIR or GIT_WORK_TREE) and says how to fix it where git would.
  static llvm::Expected<std::unique_ptr<GitRepository>> discover(llvm::StringRef Path);
  ~GitRepository();

  /// The working tree's root, without a trailing slash.
  llvm::StringRef workdir() const { return Workdir; }

  /// Resolves \p Ref (anything `git rev-parse` accepts) to a commit; with
  /// \p MergeBase, to the merge-base of that commit and HEAD. The error says
  /// which ref is missing and, in a shallow clone, how to fetch it.
  llvm::Expected<ObjectId> resolveCommit(llvm::StringRef Ref, bool MergeBase) const;

  /// A commit's tree, for lookups; owned by the repository.
  llvm::Expected<git_tree *> treeOf(const ObjectId &Commit) const;

  /// What a path is in a tree once the symbolic links committed in it are
  /// followed (at most 40 of them, as the kernel does).
  struct TreeEntry {
    enum class Kind {
      Blob,      // a file: BlobId, at Path
      Directory, // at Path
      Submodule, // in a submodule: the gitlink at Path records Commit, the
                 // file is InSubmodule there (empty: the gitlink itself)
      Outside,   // a link out of the repository, to the absolute Path
      Missing,
    } What = Kind::Missing;
    std::string Path; // repository-relative once resolved; absolute when Outside
    ObjectId BlobId;
    ObjectId Commit;
    std::string InSubmodule;
  };
  TreeEntry lookup(git_tree *Tree, llvm::StringRef RelativePath) const;

  /// The blob id at \p RelativePath in \p Tree (links followed), or nothing.
  std::optional<ObjectId> blobIdAt(git_tree *Tree, llvm::StringRef RelativePath) const;
  /// Whether \p RelativePath is a directory in \p Tree (links followed).
  bool isDirectoryAt(git_tree *Tree, llvm::StringRef RelativePath) const;
  /// The content of blob \p Id.
  llvm::Expected<std::string> readBlob(const ObjectId &Id) const;

  /// The blob id of the file \p Entry names in a submodule, at the commit
  /// its gitlink records, read from the submodule's own object store (never
  /// its checkout, never fetched); nothing when that commit has no such file.
  /// The error says when the submodule or the commit is not there.
  llvm::Expected<std::optional<ObjectId>> submoduleBlobId(const TreeEntry &Entry) const;
  /// The content of blob \p Id of the submodule at \p SubmodulePath.
  llvm::Expected<std::string> readSubmoduleBlob(llvm::StringRef SubmodulePath,
                                                const ObjectId &Id) const;

  /// Whether \p RelativePath is tracked now: in the index or in HEAD.
  bool isTracked(llvm::StringRef RelativePath) const;

  /// \p Path relative to the working tree with '/' separators, or nothing when
  /// it lies outside. A path that reaches the working tree through a symbolic
  /// link (a symlinked home or workspace) is inside: libgit2 knows the working
  /// tree by its real path, and so it is compared by its real path too.
  std::optional<std::string> relativePath(llvm::StringRef Path) const;

private:
  GitRepository(git_repository *Repo, std::string Workdir);
  /// How to fetch \p Ref in a shallow clone: `git fetch origin main` for `origin/main`.
  std::string fetchCommandFor(llvm::StringRef Ref) const;
  /// The submodule repository at \p SubmodulePath, opened read-only once.
  llvm::Expected<git_repository *> submodule(llvm::StringRef SubmodulePath) const;

  git_repository *Repo;
  std::string Workdir;
  WorkingTreePaths Paths;
  mutable std::vector<git_tree *> Trees;
  mutable std::mutex SubmodulesMutex;
  mutable std::map<std::string, git_repository *> Submodules;
};

/// Shows the files of one commit under the repository's working tree root, and
/// falls through to \p Underlying for everything git does not track (system
/// headers, generated headers in the build directory). A file tracked now but
/// absent from the commit does not exist in this view.
/// \p Renames maps a path now to its path in the commit (repository-relative).
/// A file of a submodule whose recorded commit cannot be read (not fetched,
/// not checked out) does not exist in this view; the first such file
/// (repository-relative) and why go to \p Unreachable, when given, which must
/// outlive the file system.
struct UnreachableFile {
  std::string Path, Why;
};
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
createCommitFileSystem(const GitRepository &Repo, git_tree *Tree,
                       llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Underlying,
                       std::map<std::string, std::string> Renames = {},
                       std::optional<UnreachableFile> *Unreachable = nullptr);

} // namespace failguard

#endif
