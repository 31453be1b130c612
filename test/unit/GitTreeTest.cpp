// Unit tests of the read-only git access and the commit file system.
#include "lib/GitTree.h"

#include "gtest/gtest.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace failguard;

namespace {

class GitTreeTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("failguard-gittree", Root));
    git({"init", "-q", "-b", "main"});
    write("src/auth.cpp", "int v1;\n");
    write("gone.h", "old\n");
    git({"add", "-A"});
    git({"commit", "-q", "-m", "one"});
    write("src/auth.cpp", "int v2;\n");
    git({"commit", "-q", "-am", "two"});
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Root); }

  void write(llvm::StringRef Relative, llvm::StringRef Content) {
    llvm::SmallString<256> Path(Root);
    llvm::sys::path::append(Path, Relative);
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
    std::error_code EC;
    llvm::raw_fd_ostream Out(Path, EC);
    Out << Content;
  }
  std::string path(llvm::StringRef Relative) {
    llvm::SmallString<256> Path(Root);
    llvm::sys::path::append(Path, Relative);
    return Path.str().str();
  }
  void git(std::vector<std::string> Args) {
    auto Git = llvm::sys::findProgramByName("git");
    ASSERT_TRUE(bool(Git));
    std::vector<llvm::StringRef> Argv{*Git, "-C", Root};
    for (const std::string &A : Args)
      Argv.push_back(A);
    std::vector<llvm::StringRef> Env{"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t",
                                     "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t",
                                     "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
                                     "HOME=/nonexistent"};
    ASSERT_EQ(llvm::sys::ExecuteAndWait(*Git, Argv, Env), 0);
  }

  llvm::SmallString<128> Root;
};

TEST_F(GitTreeTest, ResolvesRefsAndReadsBlobs) {
  auto Repo = GitRepository::discover(path("src/auth.cpp"));
  ASSERT_TRUE(bool(Repo)) << llvm::toString(Repo.takeError());
  auto Head = (*Repo)->resolveCommit("HEAD", /*MergeBase=*/false);
  auto Parent = (*Repo)->resolveCommit("HEAD~1", false);
  ASSERT_TRUE(Head && Parent);
  EXPECT_NE(*Head, *Parent);
  EXPECT_EQ(Head->size(), 40u);
  auto Tree = (*Repo)->treeOf(*Parent);
  ASSERT_TRUE(bool(Tree));
  auto Blob = (*Repo)->blobIdAt(*Tree, "src/auth.cpp");
  ASSERT_TRUE(Blob.has_value());
  EXPECT_EQ(*Blob, blobIdOf("int v1;\n"));
  auto Content = (*Repo)->readBlob(*Blob);
  ASSERT_TRUE(bool(Content));
  EXPECT_EQ(*Content, "int v1;\n");
  EXPECT_TRUE((*Repo)->isDirectoryAt(*Tree, "src"));
  EXPECT_FALSE((*Repo)->blobIdAt(*Tree, "src").has_value());
  EXPECT_FALSE((*Repo)->blobIdAt(*Tree, "missing.cpp").has_value());
}

TEST_F(GitTreeTest, BlobIdsMatchGit) {
  // `printf 'hello\n' | git hash-object --stdin`
  EXPECT_EQ(blobIdOf("hello\n"), "ce013625030ba8dba906f756967f9e9ca394464a");
  EXPECT_EQ(blobIdOf(""), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
}

TEST_F(GitTreeTest, MergeBaseOfABranch) {
  git({"checkout", "-q", "-b", "feature", "HEAD~1"});
  write("feature.txt", "f\n");
  git({"add", "-A"});
  git({"commit", "-q", "-m", "feature"});
  auto Repo = GitRepository::discover(path("feature.txt"));
  ASSERT_TRUE(bool(Repo));
  auto Base = (*Repo)->resolveCommit("main", /*MergeBase=*/true);
  auto MainTip = (*Repo)->resolveCommit("main", /*MergeBase=*/false);
  auto Fork = (*Repo)->resolveCommit("main~1", false);
  ASSERT_TRUE(Base && MainTip && Fork);
  EXPECT_EQ(*Base, *Fork);
  EXPECT_NE(*Base, *MainTip);
}

TEST_F(GitTreeTest, ErrorsSayWhatIsMissing) {
  auto Repo = GitRepository::discover(path("src/auth.cpp"));
  ASSERT_TRUE(bool(Repo));
  auto Missing = (*Repo)->resolveCommit("no-such-ref", false);
  ASSERT_FALSE(bool(Missing));
  EXPECT_NE(llvm::toString(Missing.takeError()).find("baseline 'no-such-ref' cannot be resolved"),
            std::string::npos);
  llvm::SmallString<128> Outside;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("failguard-norepo", Outside));
  setenv("GIT_CEILING_DIRECTORIES", llvm::sys::path::parent_path(Outside).str().c_str(), 1);
  auto NoRepo = GitRepository::discover(Outside);
  unsetenv("GIT_CEILING_DIRECTORIES");
  ASSERT_FALSE(bool(NoRepo));
  EXPECT_NE(llvm::toString(NoRepo.takeError()).find("is not inside a git repository"),
            std::string::npos);
  llvm::sys::fs::remove_directories(Outside);
}

TEST_F(GitTreeTest, RelativePaths) {
  auto Repo = GitRepository::discover(path("src"));
  ASSERT_TRUE(bool(Repo));
  EXPECT_EQ((*Repo)->relativePath(path("src/auth.cpp")), "src/auth.cpp");
  EXPECT_EQ((*Repo)->relativePath(path("src/../gone.h")), "gone.h");
  EXPECT_EQ((*Repo)->relativePath("/usr/include/stdio.h"), std::nullopt);
  EXPECT_EQ(relativeToRoot("/a/b", "/a/bc/d"), std::nullopt);
  EXPECT_EQ(relativeToRoot("/a/b", "/a/b/c/d"), "c/d");
}

TEST_F(GitTreeTest, CommitFileSystemShowsTheCommitOverTheRealOne) {
  // After the commits: gone.h deleted but tracked in HEAD, a new tracked file,
  // an untracked file, and a working-tree edit.
  git({"rm", "-q", "gone.h"});
  write("added.h", "new\n");
  git({"add", "added.h"});
  write("untracked.h", "generated\n");
  write("src/auth.cpp", "int v3;\n");

  auto Repo = GitRepository::discover(Root);
  ASSERT_TRUE(bool(Repo));
  auto Base = (*Repo)->resolveCommit("HEAD~1", false);
  ASSERT_TRUE(bool(Base));
  auto Tree = (*Repo)->treeOf(*Base);
  ASSERT_TRUE(bool(Tree));
  auto FS = createCommitFileSystem(**Repo, *Tree, llvm::vfs::getRealFileSystem());

  auto Auth = FS->getBufferForFile(path("src/auth.cpp"));
  ASSERT_TRUE(bool(Auth));
  EXPECT_EQ((*Auth)->getBuffer(), "int v1;\n");
  auto Status = FS->status(path("src/auth.cpp"));
  ASSERT_TRUE(bool(Status));
  EXPECT_EQ(Status->getSize(), 8u);
  EXPECT_TRUE(FS->status(path("src"))->isDirectory());
  auto Gone = FS->getBufferForFile(path("gone.h"));
  ASSERT_TRUE(bool(Gone));
  EXPECT_EQ((*Gone)->getBuffer(), "old\n");
  EXPECT_FALSE(FS->exists(path("added.h")));
  auto Untracked = FS->getBufferForFile(path("untracked.h"));
  ASSERT_TRUE(bool(Untracked));
  EXPECT_EQ((*Untracked)->getBuffer(), "generated\n");
  EXPECT_TRUE(FS->exists("/usr/include/stdio.h"));
  // Distinct files get distinct identities, stable across calls.
  EXPECT_NE(FS->status(path("src/auth.cpp"))->getUniqueID(), FS->status(path("gone.h"))->getUniqueID());
  EXPECT_EQ(FS->status(path("gone.h"))->getUniqueID(), FS->status(path("gone.h"))->getUniqueID());
}

} // namespace
