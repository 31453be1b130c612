// The options every failguard check reads to build its API model and type lists.
#ifndef FAILGUARD_CHECKS_MODELOPTIONS_H
#define FAILGUARD_CHECKS_MODELOPTIONS_H

#include "lib/ApiModel.h"
#include "lib/NullableTypes.h"

#include "clang-tidy/ClangTidyCheck.h"
#include <string>

namespace failguard {

/// ApiFunctions, ApiModelFile, OptionalLikeTypes and ResultLikeTypes, read
/// local-or-global so one top-level setting serves all failguard checks.
struct ModelOptions {
  explicit ModelOptions(const clang::tidy::ClangTidyCheck::OptionsView &Options);
  void store(const clang::tidy::ClangTidyCheck::OptionsView &Options,
             clang::tidy::ClangTidyOptions::OptionMap &Map) const;

  /// The built-in models plus the user's; \p Report receives each
  /// configuration error (the entries that parse are still used).
  ApiModel buildModel(llvm::function_ref<void(llvm::Error)> Report) const;
  NullableTypes buildNullableTypes() const;

  const std::string ApiFunctions;
  const std::string ApiModelFile;
  const std::string OptionalLikeTypes;
  const std::string ResultLikeTypes;
};

} // namespace failguard

#endif
