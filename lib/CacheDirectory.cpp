// Where failguard keeps what it caches.
#include "lib/CacheDirectory.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

namespace failguard {

std::string defaultCacheDirectory() {
  llvm::SmallString<256> Dir;
  if (auto Xdg = llvm::sys::Process::GetEnv("XDG_CACHE_HOME");
      Xdg && llvm::sys::path::is_absolute(*Xdg)) {
    Dir = *Xdg;
  } else if (llvm::sys::path::home_directory(Dir)) {
    llvm::sys::path::append(Dir, ".cache");
  } else {
    llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/false, Dir);
  }
  llvm::sys::path::append(Dir, "failguard");
  return Dir.str().str();
}

} // namespace failguard
