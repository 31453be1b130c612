// Points clangd's documentation links for failguard's checks at failguard's docs.
#include "tools/failguard-clangd/DocumentationLinks.h"

#include "llvm/ADT/StringExtras.h"

#include <unistd.h>

namespace failguard {

std::string rewriteDocumentationLinks(llvm::StringRef Body, llvm::StringRef DocsBase) {
  std::string Out;
  Out.reserve(Body.size());
  while (true) {
    size_t At = Body.find(ClangdLinkPrefix);
    if (At == llvm::StringRef::npos)
      break;
    Out += Body.take_front(At);
    Body = Body.drop_front(At + ClangdLinkPrefix.size());
    llvm::StringRef Page = Body.take_until([](char C) { return C == '"'; });
    Body = Body.drop_front(Page.size());
    Page.consume_back(".html");
    Out += DocsBase;
    Out += "/";
    Out += Page;
    Out += ".md";
  }
  Out += Body;
  return Out;
}

namespace {
bool writeAll(int FD, llvm::StringRef Data) {
  while (!Data.empty()) {
    ssize_t Written = ::write(FD, Data.data(), Data.size());
    if (Written <= 0)
      return false;
    Data = Data.drop_front(Written);
  }
  return true;
}
} // namespace

DocumentationLinks::DocumentationLinks(std::string DocsBase) : DocsBase(std::move(DocsBase)) {
  int Pipe[2];
  if (::pipe(Pipe) != 0)
    return;
  RealStdout = ::dup(STDOUT_FILENO);
  ::dup2(Pipe[1], STDOUT_FILENO);
  ::close(Pipe[1]);
  ReadEnd = Pipe[0];
  Forwarder = std::thread([this] { forward(); });
}

void DocumentationLinks::finish() {
  if (RealStdout < 0)
    return;
  // Restoring standard output closes the last write end of the pipe.
  ::dup2(RealStdout, STDOUT_FILENO);
  if (Forwarder.joinable())
    Forwarder.join();
  ::close(RealStdout);
  ::close(ReadEnd);
  RealStdout = -1;
}

void DocumentationLinks::forward() {
  std::string Pending;
  char Buffer[1 << 16];
  const llvm::StringRef Header = "Content-Length:";
  auto Drain = [&](bool AtEnd) {
    while (!Pending.empty()) {
      llvm::StringRef Data(Pending);
      // Anything that is not an LSP message (--version, --help) passes as is.
      if (!Data.starts_with(Header) && !Header.starts_with(Data)) {
        writeAll(RealStdout, Data);
        Pending.clear();
        return;
      }
      size_t HeaderEnd = Data.find("\r\n\r\n");
      size_t Length = 0;
      if (HeaderEnd == llvm::StringRef::npos ||
          Data.substr(Header.size(), HeaderEnd - Header.size()).trim().getAsInteger(10, Length)) {
        if (AtEnd || HeaderEnd != llvm::StringRef::npos) {
          writeAll(RealStdout, Data);
          Pending.clear();
        }
        return;
      }
      if (Data.size() < HeaderEnd + 4 + Length)
        return;
      std::string Body = rewriteDocumentationLinks(Data.substr(HeaderEnd + 4, Length), DocsBase);
      std::string Message = "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
      writeAll(RealStdout, Message);
      Pending.erase(0, HeaderEnd + 4 + Length);
    }
  };
  while (true) {
    ssize_t Read = ::read(ReadEnd, Buffer, sizeof(Buffer));
    if (Read <= 0)
      break;
    Pending.append(Buffer, static_cast<size_t>(Read));
    Drain(/*AtEnd=*/false);
  }
  Drain(/*AtEnd=*/true);
}

} // namespace failguard
