// Points clangd's documentation links for failguard's checks at failguard's docs.
#ifndef FAILGUARD_TOOLS_CLANGD_DOCUMENTATIONLINKS_H
#define FAILGUARD_TOOLS_CLANGD_DOCUMENTATIONLINKS_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <thread>

namespace failguard {

/// The link clangd gives a tidy check `failguard-NAME`.
constexpr llvm::StringLiteral ClangdLinkPrefix =
    "https://clang.llvm.org/extra/clang-tidy/checks/failguard/";

/// Rewrites one LSP message body: every clangd link to a failguard check page
/// becomes \p DocsBase/NAME.md.
std::string rewriteDocumentationLinks(llvm::StringRef Body, llvm::StringRef DocsBase);

/// While alive, standard output goes through a pipe; a thread reads the LSP
/// messages (Content-Length framing), rewrites their links and writes them to
/// the real standard output. Anything that is not an LSP message (--version,
/// --help) passes unchanged.
class DocumentationLinks {
public:
  explicit DocumentationLinks(std::string DocsBase);
  /// Closes the pipe and waits until everything written has been forwarded.
  void finish();
  ~DocumentationLinks() { finish(); }

private:
  void forward();
  std::string DocsBase;
  int RealStdout = -1;
  int ReadEnd = -1;
  std::thread Forwarder;
};

} // namespace failguard

#endif
