// failguard-tidy: clang-tidy with every built-in module and the failguard module linked in.
#include "clang-tidy/tool/ClangTidyMain.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <vector>

extern volatile int FailguardModuleAnchorSource;
// Keeps the module's static registration in the link.
[[maybe_unused]] static int FailguardModuleAnchorDestination = FailguardModuleAnchorSource;

int main(int argc, const char **argv) {
  llvm::cl::AddExtraVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "failguard-tidy " << FAILGUARD_VERSION << " (failguard module linked into clang-tidy "
       << FAILGUARD_LLVM_VERSION << ")\n";
  });
  // The driver looks for Clang's built-in headers next to the executable, which
  // is wrong for a binary outside LLVM's prefix; point it at the installed ones
  // unless the user chose a resource directory.
  std::vector<const char *> Args(argv, argv + argc);
  bool UserChoseResourceDir = false;
  for (const char *Arg : Args)
    UserChoseResourceDir |= llvm::StringRef(Arg).contains("-resource-dir");
  if (!UserChoseResourceDir)
    Args.insert(Args.begin() + 1, "--extra-arg-before=-resource-dir=" FAILGUARD_CLANG_RESOURCE_DIR);
  return clang::tidy::clangTidyMain(static_cast<int>(Args.size()), Args.data());
}
