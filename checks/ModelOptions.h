// The options every failguard check reads to build its API model and type lists.
#ifndef FAILGUARD_CHECKS_MODELOPTIONS_H
#define FAILGUARD_CHECKS_MODELOPTIONS_H

#include "lib/ApiModel.h"
#include "lib/BoundaryModel.h"
#include "lib/NullableTypes.h"

#include "clang-tidy/ClangTidyCheck.h"
#include <string>

namespace failguard {

/// ApiFunctions, ApiModelFile, BoundaryModelFile, OptionalLikeTypes and
/// ResultLikeTypes, read local-or-global so one top-level setting serves all
/// failguard checks.
struct ModelOptions {
  ModelOptions(const clang::tidy::ClangTidyCheck::OptionsView &Options,
               const clang::tidy::ClangTidyContext &Context, llvm::StringRef CheckName);
  void store(const clang::tidy::ClangTidyCheck::OptionsView &Options,
             clang::tidy::ClangTidyOptions::OptionMap &Map) const;

  /// The built-in models plus the user's; \p Report receives each
  /// configuration error as one line that starts with the option's key as
  /// the user wrote it (the entries that parse are still used).
  ApiModel buildModel(llvm::function_ref<void(std::string Message)> Report) const;
  NullableTypes buildNullableTypes() const;
  /// The built-in frameworks plus the user's BoundaryModelFile.
  BoundaryModel buildBoundaries(llvm::function_ref<void(std::string Message)> Report) const;

  const std::string ApiFunctions;
  const std::string ApiModelFile;
  const std::string BoundaryModelFile;
  const std::string OptionalLikeTypes;
  const std::string ResultLikeTypes;

private:
  /// `ApiFunctions` or `<check>.ApiFunctions`, whichever was read.
  const std::string ApiFunctionsKey;
  const std::string ApiModelFileKey;
  /// ApiModelFile made absolute: a relative path is relative to the directory
  /// of the `.clang-tidy` file that set it, else to the directory the host
  /// was started in.
  const std::string ApiModelPath;
  const std::string BoundaryModelFileKey;
  const std::string BoundaryModelPath;
};

/// The directory the host was started in: what a relative path typed on its
/// command line or in its environment means (clang-tidy changes the process's
/// directory to each unit's compile directory).
const std::string &startupDirectory();

/// One message for each `.clang-tidy` file that clang-tidy reads for the
/// context's current file and cannot use (it does not parse, or cannot be
/// read), from the file's directory up to the first usable file that does not
/// inherit its parent's.
std::vector<std::string> brokenClangTidyFiles(const clang::tidy::ClangTidyContext &Context);

} // namespace failguard

#endif
