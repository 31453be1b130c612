// One analysis per translation unit: with every failguard check on, a unit
// builds one exception flow, one facts collection and one baseline.
#include "lib/TranslationUnitAnalysis.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

namespace failguard {
namespace {

class AnalysisSharingTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("failguard-sharing", Root));
    git({"init", "-q", "-b", "main"});
    write("auth.cpp", Before);
    write("other.cpp", Before);
    git({"add", "-A"});
    git({"commit", "-q", "-m", "base"});
    write("auth.cpp", After);
    write("other.cpp", After);
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("failguard-sharing-cache", Cache));
  }
  void TearDown() override {
    llvm::sys::fs::remove_directories(Root);
    llvm::sys::fs::remove_directories(Cache);
  }

  void write(llvm::StringRef Relative, llvm::StringRef Content) {
    std::error_code EC;
    llvm::raw_fd_ostream Out(path(Relative), EC);
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

  /// Runs every failguard check on \p Files in this process; the warnings.
  std::vector<std::string> runChecks(std::vector<std::string> Files) {
    clang::tidy::ClangTidyOptions Options = clang::tidy::ClangTidyOptions::getDefaults();
    Options.Checks = "-*,failguard-*";
    Options.CheckOptions["CacheDirectory"].Value = std::string(Cache);
    Options.CheckOptions["IndexFile"].Value = "none";
    clang::tidy::ClangTidyContext Context(std::make_unique<clang::tidy::DefaultOptionsProvider>(
        clang::tidy::ClangTidyGlobalOptions(), Options));
    clang::tooling::FixedCompilationDatabase Compilations(
        Root, {"-std=c++17", "-fexceptions", "-isystem", FAILGUARD_TEST_HEADERS,
               "-resource-dir", FAILGUARD_CLANG_RESOURCE_DIR});
    auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(llvm::vfs::getRealFileSystem());
    std::vector<std::string> Warnings;
    for (const clang::tidy::ClangTidyError &Error :
         clang::tidy::runClangTidy(Context, Compilations, Files, FS, /*ApplyAnyFix=*/false))
    {
      std::string Text = Error.DiagnosticName + ": " + Error.Message.Message;
      for (const clang::tooling::DiagnosticMessage &Note : Error.Notes)
        Text += " | " + Note.Message;
      Warnings.push_back(std::move(Text));
    }
    return Warnings;
  }

  static constexpr const char *Before = R"(
#include <jwt-cpp/jwt.h>
#include <optional>
struct Claims { std::string subject; };
std::optional<Claims> validate(const std::string &raw) noexcept {
  try {
    return Claims{jwt::decode(raw).get_subject()};
  } catch (const std::exception &) {
    return std::nullopt;
  }
}
)";
  static constexpr const char *After = R"(
#include <jwt-cpp/jwt.h>
#include <optional>
struct Claims { std::string subject; };
Claims validate(const std::string &raw) noexcept {
  return Claims{jwt::decode(raw).get_subject()};
}
)";

  llvm::SmallString<128> Root, Cache;
};

TEST_F(AnalysisSharingTest, OneFlowOneFactsOneBaselinePerUnit) {
  AnalysisCounters &Count = analysisCounters();
  unsigned Flows = Count.Flows, Facts = Count.FactsCollectors, Baselines = Count.Baselines,
           Scans = Count.Scans;
  std::vector<std::string> Warnings = runChecks({path("auth.cpp")});
  // Every check found its problems on the one analysis: the escapes of the
  // decode and the getter, the removed handler (shown as a note of each
  // escape) and the narrowed return.
  ASSERT_EQ(Warnings.size(), 3u) << llvm::join(Warnings, "\n");
  EXPECT_EQ(llvm::count_if(Warnings, [](const std::string &W) {
              return llvm::StringRef(W).starts_with("failguard-auth-exception-escape: ") &&
                     llvm::StringRef(W).contains("| also reported by "
                                                 "failguard-removed-exception-handler");
            }),
            2);
  EXPECT_TRUE(llvm::any_of(Warnings, [](const std::string &W) {
    return llvm::StringRef(W).starts_with("failguard-narrowed-optional-return: ");
  }));
  EXPECT_EQ(Count.Flows - Flows, 1u);
  EXPECT_EQ(Count.FactsCollectors - Facts, 1u);
  EXPECT_EQ(Count.Baselines - Baselines, 1u);
  EXPECT_EQ(Count.Scans - Scans, 1u);
}

// Control: two units, two of each (one analysis per unit, not per process).
TEST_F(AnalysisSharingTest, OnePerUnitNotPerProcess) {
  AnalysisCounters &Count = analysisCounters();
  unsigned Flows = Count.Flows, Facts = Count.FactsCollectors, Baselines = Count.Baselines;
  runChecks({path("auth.cpp"), path("other.cpp")});
  EXPECT_EQ(Count.Flows - Flows, 2u);
  EXPECT_EQ(Count.FactsCollectors - Facts, 2u);
  EXPECT_EQ(Count.Baselines - Baselines, 2u);
}

} // namespace
} // namespace failguard
