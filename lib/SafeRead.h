// Reading files that other people or other programs may have put in our way.
#ifndef FAILGUARD_LIB_SAFEREAD_H
#define FAILGUARD_LIB_SAFEREAD_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace failguard {

struct ReadLimits {
  /// Larger files are refused, not truncated.
  uint64_t MaxBytes = 64u << 20;
  /// Refuse a path that is itself a symbolic link (cache entries).
  bool RefuseSymlink = false;
  /// Refuse a file not owned by the effective user, or writable by its group
  /// or by others (cache entries: anyone who can write them decides findings).
  bool RequirePrivate = false;
  /// Read the bytes into memory rather than map the file: a file cut short
  /// in place under a mapping takes the process down (SIGBUS).
  bool Copy = false;
};

/// Why the directory \p Path cannot be trusted with cache entries (owned by
/// another user, writable by group or others, a symbolic link owned by
/// another user), or nothing when it is private to the effective user.
std::optional<std::string> whyNotPrivateDirectory(llvm::StringRef Path);

/// Reads \p Path when it is a regular file no larger than the limit. FIFOs,
/// devices, sockets and directories are refused without blocking; the error
/// says why in a few words ("not a regular file", "larger than N bytes").
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readRegularFile(llvm::StringRef Path,
                                                                    ReadLimits Limits = {});

/// llvm::json::parse, refusing text nested deeper than \p MaxDepth arrays and
/// objects before the recursive parser sees it.
llvm::Expected<llvm::json::Value> parseJSONBounded(llvm::StringRef Text, unsigned MaxDepth = 64);

} // namespace failguard

#endif
