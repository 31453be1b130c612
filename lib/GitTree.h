// Read-only access to a git repository's commits and a file system view of one.
#ifndef FAILGUARD_LIB_GITTREE_H
#define FAILGUARD_LIB_GITTREE_H

#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <map>
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

/// The git blob id of \p Content ("blob <size>\0<content>", SHA-1).
ObjectId blobIdOf(llvm::StringRef Content);

/// A repository opened read-only: nothing here writes to the working tree,
/// the index, the refs or the object database, and no lock file is taken.
class GitRepository {
public:
  /// Opens the repository that contains \p Path (a file or directory), as
  /// `git` would from there: worktrees and submodules included.
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

  /// The blob id at \p RelativePath in \p Tree, or nothing.
  std::optional<ObjectId> blobIdAt(git_tree *Tree, llvm::StringRef RelativePath) const;
  /// Whether \p RelativePath is a directory in \p Tree.
  bool isDirectoryAt(git_tree *Tree, llvm::StringRef RelativePath) const;
  /// The content of blob \p Id.
  llvm::Expected<std::string> readBlob(const ObjectId &Id) const;

  /// Whether \p RelativePath is tracked now: in the index or in HEAD.
  bool isTracked(llvm::StringRef RelativePath) const;

  /// \p Path relative to the working tree with '/' separators, or nothing when
  /// it lies outside.
  std::optional<std::string> relativePath(llvm::StringRef Path) const;

private:
  GitRepository(git_repository *Repo, std::string Workdir);
  git_repository *Repo;
  std::string Workdir;
  mutable std::vector<git_tree *> Trees;
};

/// Shows the files of one commit under the repository's working tree root, and
/// falls through to \p Underlying for everything git does not track (system
/// headers, generated headers in the build directory). A file tracked now but
/// absent from the commit does not exist in this view.
/// \p Renames maps a path now to its path in the commit (repository-relative).
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
createCommitFileSystem(const GitRepository &Repo, git_tree *Tree,
                       llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Underlying,
                       std::map<std::string, std::string> Renames = {});

} // namespace failguard

#endif
