// failguard-tidy: clang-tidy with every built-in module and the failguard module linked in.
#include "checks/RunState.h"
#include "failguard/BuildId.h"
#include "lib/SummaryIndex.h"
#include "tools/failguard-tidy/RunOutputs.h"

#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

extern volatile int FailguardModuleAnchorSource;
extern volatile int FailguardInternalAnchorSource;
// Keeps the modules' static registrations in the link.
[[maybe_unused]] static int FailguardModuleAnchorDestination = FailguardModuleAnchorSource;
[[maybe_unused]] static int FailguardInternalAnchorDestination = FailguardInternalAnchorSource;

namespace {

// The value of `--NAME=VALUE` or `-NAME=VALUE` in Arg, or nothing.
std::optional<llvm::StringRef> optionValue(llvm::StringRef Arg, llvm::StringRef Name) {
  if (!Arg.consume_front("--") && !Arg.consume_front("-"))
    return std::nullopt;
  if (!Arg.consume_front(Name) || !Arg.consume_front("="))
    return std::nullopt;
  return Arg;
}

// The file system clang-tidy reads through: the real one, with --vfsoverlay.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
analysedFiles(const std::vector<const char *> &Args) {
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Real = llvm::vfs::getRealFileSystem();
  for (size_t I = 1; I < Args.size(); ++I) {
    std::optional<llvm::StringRef> Overlay = optionValue(Args[I], "vfsoverlay");
    if (!Overlay && (llvm::StringRef(Args[I]) == "--vfsoverlay" ||
                     llvm::StringRef(Args[I]) == "-vfsoverlay") && I + 1 < Args.size())
      Overlay = llvm::StringRef(Args[I + 1]);
    if (!Overlay)
      continue;
    auto Buffer = Real->getBufferForFile(*Overlay);
    if (!Buffer)
      return Real;
    auto FS = llvm::vfs::getVFSFromYAML(std::move(*Buffer), nullptr, *Overlay);
    if (!FS)
      return Real;
    auto Layered = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(Real);
    Layered->pushOverlay(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(FS.release()));
    return Layered;
  }
  return Real;
}

} // namespace

int main(int argc, const char **argv) {
  llvm::cl::AddExtraVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "failguard-tidy " << FAILGUARD_VERSION << " (failguard module linked into clang-tidy "
       << FAILGUARD_LLVM_VERSION << ")\n"
       << "failguard build id " << FAILGUARD_BUILD_ID << "\n";
  });
  // One analysis, of tables written whole and renamed into place: mapped
  // (lib/SummaryIndex.h), not copied.
  failguard::setIndexTablesMapped(true);
  // failguard's own options come out before clang-tidy reads the rest.
  std::vector<const char *> Args{argv[0]};
  std::optional<std::string> RunPath, SummariseTo, ExportFixes;
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef Arg = argv[I];
    if (auto Value = optionValue(Arg, "failguard-run"))
      RunPath = Value->str();
    else if (auto Value = optionValue(Arg, "summarise-to"))
      SummariseTo = Value->str();
    else {
      if (auto Value = optionValue(Arg, "export-fixes"))
        ExportFixes = Value->str();
      Args.push_back(argv[I]);
    }
  }
  // The driver's state comes from the run file alone, never from the
  // environment: without one, the configuration decides everything.
  failguard::RunFile File;
  if (RunPath) {
    auto Read = failguard::readRunFile(*RunPath);
    if (!Read) {
      llvm::errs() << "failguard-tidy: error: --failguard-run '" << *RunPath
                   << "': " << llvm::toString(Read.takeError()) << "\n";
      return 2;
    }
    File = std::move(*Read);
  }
  bool SummaryOnly = SummariseTo.has_value();
  if (SummaryOnly)
    File.Summaries = *SummariseTo;
  // The summary entry point runs no check but the one that writes summaries;
  // a plan adds the check that records it to the checks asked for.
  std::string Checks;
  for (const char *Arg : Args)
    if (auto Value = optionValue(Arg, "checks"))
      Checks = Value->str();
  if (SummaryOnly)
    Checks = "-*,internal-failguard-summaries";
  if (!File.Plan.empty())
    Checks += Checks.empty() ? "internal-failguard-plan" : ",internal-failguard-plan";
  std::string ChecksArg = "--checks=" + Checks;
  if (SummaryOnly || !File.Plan.empty()) {
    llvm::erase_if(Args, [](const char *Arg) { return optionValue(Arg, "checks").has_value(); });
    Args.insert(Args.begin() + 1, ChecksArg.c_str());
  }
  // The results come from what clang-tidy exports (what it kept, with notes).
  std::string ExportArg;
  llvm::SmallString<128> Exported;
  if (!File.Results.empty() && !ExportFixes) {
    if (std::error_code EC = llvm::sys::fs::createTemporaryFile("failguard-fixes", "yaml", Exported)) {
      llvm::errs() << "failguard-tidy: error: no temporary file for the results: " << EC.message()
                   << "\n";
      return 2;
    }
    ExportFixes = std::string(Exported);
    ExportArg = "--export-fixes=" + *ExportFixes;
    Args.insert(Args.begin() + 1, ExportArg.c_str());
  }
  // The driver looks for Clang's built-in headers next to the executable, which
  // is wrong for a binary outside LLVM's prefix; point it at the installed ones
  // unless the user chose a resource directory.
  bool UserChoseResourceDir = false;
  for (const char *Arg : Args)
    UserChoseResourceDir |= llvm::StringRef(Arg).contains("-resource-dir");
  if (!UserChoseResourceDir)
    Args.insert(Args.begin() + 1, "--extra-arg-before=-resource-dir=" FAILGUARD_CLANG_RESOURCE_DIR);

  failguard::RunState Run(std::move(File));
  failguard::setActiveRun(&Run);
  int Status = clang::tidy::clangTidyMain(static_cast<int>(Args.size()), Args.data());
  failguard::setActiveRun(nullptr);
  bool Written = failguard::writeRunOutputs(Run, ExportFixes.value_or(""), *analysedFiles(Args));
  if (!Exported.empty())
    llvm::sys::fs::remove(Exported);
  return Written ? Status : 2;
}
