// failguard-clangd: Debian's clangd with failguard's clang-tidy module linked in.
//
// Three behaviours of clangd are adjusted without touching its sources (Debian
// ships its libraries, not its headers):
//  - clangd 18+ drops tidy checks it has no speed data for unless the user
//    writes `FastCheckFilter: Loose`. The linker's --wrap puts
//    wrapIsFastTidyCheck in front of clangd's isFastTidyCheck, which declares
//    failguard's checks fast (bench/clangd.py measures that they are).
//  - clangd links every tidy diagnostic to a page under clang.llvm.org, which
//    does not exist for failguard's checks. The LSP messages clangd writes go
//    through a pipe that points those links at failguard's own documentation.
//  - clangd only logs a clang-tidy configuration error, which has no location:
//    the checks are told to publish theirs on the main file instead.
//  - clangd drops the diagnostics of the checks its configuration lists under
//    `Diagnostics: Suppress` only after the checks emitted them: the checks are
//    told which those are, so that a call one of them would have reported for
//    both is reported by the other instead of not at all.
#include "checks/ConfigurationErrors.h"
#include "checks/FailguardContext.h"
#include "lib/ProjectIndex.h"
#include "lib/LLVMCompat.h"
#include "tools/failguard-clangd/DocumentationLinks.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <cstring>
#include <optional>
#include <vector>

namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
}

extern volatile int FailguardModuleAnchorSource;
// Keeps the module's static registration in the link.
[[maybe_unused]] static int FailguardModuleAnchorDestination = FailguardModuleAnchorSource;

// clang::clangd::isFastTidyCheck(llvm::StringRef): the same mangled name in the
// libclangDaemon.a of LLVM 19 and of LLVM 22.
std::optional<bool> realIsFastTidyCheck(llvm::StringRef Check) asm(
    "__real__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");
std::optional<bool> wrapIsFastTidyCheck(llvm::StringRef Check) asm(
    "__wrap__ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE");

std::optional<bool> wrapIsFastTidyCheck(llvm::StringRef Check) {
  if (Check.starts_with("failguard-"))
    return true;
  return realIsFastTidyCheck(Check);
}

// clang::clangd::Config::current(): the configuration of the file clangd is
// building on this thread, or clangd's default configuration outside one.
const void *currentClangdConfig() asm("_ZN5clang6clangd6Config7currentEv");

namespace {
const char *clangdConfig() { return static_cast<const char *>(currentClangdConfig()); }

// Whether the fields failguard reads are where LLVMCompat.h says: in clangd's
// default configuration, SuppressAll is false and Suppress an empty set.
bool clangdConfigLayoutMatches() {
  const char *Default = clangdConfig();
  llvm::StringSet<> Empty;
  return Default[failguard::compat::ClangdConfigSuppressAllOffset] == 0 &&
         std::memcmp(Default + failguard::compat::ClangdConfigSuppressOffset, &Empty,
                     sizeof(Empty)) == 0;
}

// clangd drops a clang-tidy diagnostic when the file's configuration says
// `Suppress: '*'` (SuppressAll) or lists the check's exact name (ParsedAST.cpp).
bool clangdSuppresses(llvm::StringRef Check) {
  const char *Config = clangdConfig();
  if (Config[failguard::compat::ClangdConfigSuppressAllOffset])
    return true;
  const auto *Suppress = reinterpret_cast<const llvm::StringSet<> *>(
      Config + failguard::compat::ClangdConfigSuppressOffset);
  return Suppress->contains(Check);
}
} // namespace

int main(int argc, char *argv[]) {
  failguard::publishConfigurationErrorsInMainFile();
  // The files open in the editor refresh their entries of the project index.
  failguard::setRefreshIndexInProcess(true);
  if (clangdConfigLayoutMatches()) {
    failguard::setHostSuppression(clangdSuppresses);
  } else {
    // Without clangd's answer, no check reports a call for another: a call may
    // be reported twice, but a suppressed check never takes the other's along.
    llvm::errs() << "failguard-clangd: cannot read clangd's `Diagnostics: Suppress` "
                    "(unexpected configuration layout); each failguard check reports its "
                    "own findings\n";
    failguard::setHostSuppression([](llvm::StringRef) { return true; });
  }
  // The documentation installed with this binary (the build tree mirrors the
  // installed layout), unless the build or the environment names another.
  std::string Docs = FAILGUARD_DOCS_URL;
  if (Docs.empty()) {
    static int Anchor;
    llvm::SmallString<256> Prefix(llvm::sys::fs::getMainExecutable(argv[0], &Anchor));
    llvm::sys::path::remove_filename(Prefix);
    llvm::sys::path::remove_filename(Prefix);
    llvm::sys::path::append(Prefix, "share", "doc", FAILGUARD_DOC_PACKAGE, "checks");
    Docs = "file://" + Prefix.str().str();
  }
  if (auto Override = llvm::sys::Process::GetEnv("FAILGUARD_DOCS_URL"))
    Docs = *Override;
  // clangd may leave through exit() (after --version, say): forward what it
  // wrote from an exit handler, registered after llvm::outs() exists so that
  // it runs before that stream is destroyed.
  static failguard::DocumentationLinks Links(Docs);
  llvm::outs();
  std::atexit([] {
    llvm::outs().flush();
    Links.finish();
  });
  // clangd installs its own version printer, which replaces any other.
  std::vector<char *> Args(argv, argv + argc);
  bool UserChoseResourceDir = false;
  for (llvm::StringRef Arg : llvm::ArrayRef(argv, argc)) {
    if (Arg == "--version" || Arg == "-version")
      llvm::outs() << "failguard-clangd " << FAILGUARD_VERSION
                   << " (failguard module linked into clangd " << FAILGUARD_LLVM_VERSION << ")\n";
    UserChoseResourceDir |= Arg.contains("-resource-dir");
  }
  // The driver looks for Clang's built-in headers next to the executable,
  // which is wrong for a binary outside LLVM's prefix.
  static char ResourceDir[] = "--resource-dir=" FAILGUARD_CLANG_RESOURCE_DIR;
  if (!UserChoseResourceDir)
    Args.insert(Args.begin() + 1, ResourceDir);
  return clang::clangd::clangdMain(static_cast<int>(Args.size()), Args.data());
}
