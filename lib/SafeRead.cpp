// Reading files that other people or other programs may have put in our way.
#include "lib/SafeRead.h"

#include "llvm/ADT/SmallString.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace failguard {

namespace {
llvm::Error failure(llvm::StringRef Path, const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "'" + Path + "': " + Why);
}
} // namespace

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readRegularFile(llvm::StringRef Path,
                                                                    ReadLimits Limits) {
  llvm::SmallString<256> Name(Path);
  // O_NONBLOCK: opening a FIFO with no writer must not wait for one.
  int Flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (Limits.RefuseSymlink ? O_NOFOLLOW : 0);
  int FD = ::open(Name.c_str(), Flags);
  if (FD < 0) {
    if (errno == ELOOP && Limits.RefuseSymlink)
      return failure(Path, "is a symbolic link");
    return failure(Path, std::error_code(errno, std::generic_category()).message());
  }
  struct stat St;
  if (::fstat(FD, &St) != 0) {
    std::error_code EC(errno, std::generic_category());
    ::close(FD);
    return failure(Path, EC.message());
  }
  if (!S_ISREG(St.st_mode)) {
    ::close(FD);
    return failure(Path, "not a regular file");
  }
  if (Limits.RequirePrivate && (St.st_uid != ::geteuid() || (St.st_mode & 022))) {
    ::close(FD);
    return failure(Path, "not private to this user");
  }
  if (static_cast<uint64_t>(St.st_size) > Limits.MaxBytes) {
    ::close(FD);
    return failure(Path, "larger than " + llvm::Twine(Limits.MaxBytes) + " bytes");
  }
  auto Buffer = llvm::MemoryBuffer::getOpenFile(FD, Path, static_cast<uint64_t>(St.st_size),
                                               /*RequiresNullTerminator=*/false,
                                               /*IsVolatile=*/Limits.Copy);
  ::close(FD);
  if (!Buffer)
    return failure(Path, Buffer.getError().message());
  return std::move(*Buffer);
}

std::optional<std::string> whyNotPrivateDirectory(llvm::StringRef Path) {
  llvm::SmallString<256> Name(Path);
  struct stat Link;
  if (::lstat(Name.c_str(), &Link) != 0)
    return "it cannot be read: " + std::error_code(errno, std::generic_category()).message();
  if (S_ISLNK(Link.st_mode) && Link.st_uid != ::geteuid())
    return "it is a symbolic link owned by user " + std::to_string(Link.st_uid);
  struct stat St;
  if (::stat(Name.c_str(), &St) != 0)
    return "it cannot be read: " + std::error_code(errno, std::generic_category()).message();
  if (!S_ISDIR(St.st_mode))
    return std::string("it is not a directory");
  if (St.st_uid != ::geteuid())
    return "it is owned by user " + std::to_string(St.st_uid);
  if (St.st_mode & 022)
    return std::string("it is writable by its group or by others");
  return std::nullopt;
}

llvm::Expected<llvm::json::Value> parseJSONBounded(llvm::StringRef Text, unsigned MaxDepth) {
  unsigned Depth = 0;
  bool InString = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (InString) {
      if (C == '\\')
        ++I;
      else if (C == '"')
        InString = false;
      continue;
    }
    if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      if (++Depth > MaxDepth)
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "JSON nested deeper than " + llvm::Twine(MaxDepth) +
                                           " levels");
    } else if ((C == ']' || C == '}') && Depth > 0) {
      --Depth;
    }
  }
  return llvm::json::parse(Text);
}

} // namespace failguard
