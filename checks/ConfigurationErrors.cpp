// Where the failguard checks report a broken configuration, and how often.
#include "checks/ConfigurationErrors.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"

#include <atomic>
#include <mutex>

namespace failguard {

namespace {

std::atomic<bool> InEditor{false};

// Process-wide state, on purpose. clang-tidy constructs every check anew for
// each translation unit and the checks of one unit share nothing, so only the
// process can remember which errors were reported already. (clang-tidy prints
// identical diagnostics once, but counts each: three checks over two files
// reported "6 errors generated" for one broken option.) clangd builds units on
// several threads, hence the mutex.
struct Registry {
  std::mutex Mutex;
  // Messages printed by clang-tidy in this process.
  llvm::StringSet<> Printed;
  // Messages published in the editor, per translation unit being built. The
  // key is the unit's SourceManager, which outlives the unit's checks; the
  // checks remove the entry when they are destroyed, so a later unit whose
  // SourceManager reuses the address starts with nothing published.
  llvm::DenseMap<const clang::SourceManager *, llvm::StringSet<>> Published;
};

Registry &registry() {
  static Registry R;
  return R;
}

} // namespace

void publishConfigurationErrorsInMainFile() { InEditor = true; }

ConfigurationErrors::ConfigurationErrors(clang::tidy::ClangTidyContext &Context,
                                         llvm::StringRef CheckName)
    : Context(Context), CheckName(CheckName.str()) {}

ConfigurationErrors::~ConfigurationErrors() {
  if (!PublishedIn)
    return;
  Registry &R = registry();
  std::lock_guard<std::mutex> Lock(R.Mutex);
  R.Published.erase(PublishedIn);
}

void ConfigurationErrors::report(std::string Message) {
  if (InEditor) {
    Pending.push_back(std::move(Message));
    return;
  }
  Registry &R = registry();
  {
    std::lock_guard<std::mutex> Lock(R.Mutex);
    if (!R.Printed.insert(Message).second)
      return;
  }
  Context.configurationDiag("%0", clang::DiagnosticIDs::Error) << Message;
}

void ConfigurationErrors::publish(const clang::SourceManager &SM) {
  if (Pending.empty())
    return;
  std::vector<std::string> Fresh;
  {
    Registry &R = registry();
    std::lock_guard<std::mutex> Lock(R.Mutex);
    llvm::StringSet<> &Seen = R.Published[&SM];
    PublishedIn = &SM;
    for (std::string &Message : Pending)
      if (Seen.insert(Message).second)
        Fresh.push_back(std::move(Message));
  }
  Pending.clear();
  clang::SourceLocation Start = SM.getLocForStartOfFile(SM.getMainFileID());
  for (const std::string &Message : Fresh)
    Context.diag(CheckName, Start, "%0", clang::DiagnosticIDs::Error) << Message;
}

} // namespace failguard
