// Where the failguard checks report a broken configuration, and how often.
#ifndef FAILGUARD_CHECKS_CONFIGURATIONERRORS_H
#define FAILGUARD_CHECKS_CONFIGURATIONERRORS_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang {
class SourceManager;
} // namespace clang

namespace failguard {

/// Called once by failguard-clangd before it parses anything. clangd only logs
/// a diagnostic that has no location, so in the editor the checks publish
/// their configuration errors as errors at the start of each main file.
void publishConfigurationErrorsInMainFile();

/// The configuration errors one check found for one translation unit.
///
/// In clang-tidy each distinct message is printed once per process as a
/// `[clang-tidy-config]` error, however many checks and translation units find
/// it. In the editor each distinct message is published once per file.
class ConfigurationErrors {
public:
  ConfigurationErrors(clang::tidy::ClangTidyContext &Context, llvm::StringRef CheckName);
  ConfigurationErrors(const ConfigurationErrors &) = delete;
  ConfigurationErrors &operator=(const ConfigurationErrors &) = delete;
  ~ConfigurationErrors();

  /// \p Message is one line that starts with the option's name as the user
  /// wrote it, e.g. `ApiModelFile: cannot read ...`.
  void report(std::string Message);

  /// In the editor, publishes the errors reported so far at the start of the
  /// main file of \p SM (call from registerPPCallbacks). Elsewhere nothing.
  void publish(const clang::SourceManager &SM);

private:
  clang::tidy::ClangTidyContext &Context;
  const std::string CheckName;
  std::vector<std::string> Pending;
  const clang::SourceManager *PublishedIn = nullptr;
};

} // namespace failguard

#endif
