// FailguardPlugin.so: checks the host's LLVM release, then loads failguard's checks.
//
// This file deliberately uses no LLVM API: it must be safe to load into any
// clang-tidy, so that a mismatched host gets an explanation instead of a crash
// or undefined-symbol failure from the real checks.
#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

using GetVersionFn = void (*)(unsigned *, unsigned *, unsigned *);

[[noreturn]] void refuse(const std::string &Why) {
  std::fprintf(stderr, "error: FailguardPlugin.so: %s\n", Why.c_str());
  std::fflush(stderr);
  std::_Exit(1);
}

std::string directoryOfThisPlugin() {
  Dl_info Info{};
  if (!dladdr(reinterpret_cast<void *>(&directoryOfThisPlugin), &Info) || !Info.dli_fname)
    return ".";
  std::string Path = Info.dli_fname;
  std::string::size_type Slash = Path.rfind('/');
  return Slash == std::string::npos ? "." : Path.substr(0, Slash);
}

__attribute__((constructor)) void loadFailguardChecks() {
  const unsigned Expected = FAILGUARD_PLUGIN_LLVM_MAJOR;
  // LLVMGetVersion is part of LLVM's stable C API (LLVM 16 and later).
  auto *GetVersion = reinterpret_cast<GetVersionFn>(dlsym(RTLD_DEFAULT, "LLVMGetVersion"));
  if (!GetVersion)
    refuse("this host does not export LLVM's version; the plugin needs clang-tidy-" +
           std::to_string(Expected) + " (or use failguard-tidy)");
  unsigned Major = 0, Minor = 0, Patch = 0;
  GetVersion(&Major, &Minor, &Patch);
  if (Major != Expected)
    refuse("built for LLVM " + std::to_string(Expected) + " but this clang-tidy is LLVM " +
           std::to_string(Major) + "." + std::to_string(Minor) + "." + std::to_string(Patch) +
           "; load it into clang-tidy-" + std::to_string(Expected) +
           ", or rebuild failguard with -DFAILGUARD_LLVM_MAJOR=" + std::to_string(Major));
  std::string Impl = directoryOfThisPlugin() + "/" + FAILGUARD_PLUGIN_IMPL;
  if (!dlopen(Impl.c_str(), RTLD_NOW | RTLD_GLOBAL))
    refuse(std::string("cannot load the checks: ") + dlerror());
}

} // namespace
