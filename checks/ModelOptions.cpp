// The options every failguard check reads to build its API model and type lists.
#include "checks/ModelOptions.h"

#include "lib/OptionList.h"

namespace failguard {

ModelOptions::ModelOptions(const clang::tidy::ClangTidyCheck::OptionsView &Options)
    : ApiFunctions(Options.getLocalOrGlobal("ApiFunctions", "")),
      ApiModelFile(Options.getLocalOrGlobal("ApiModelFile", "")),
      OptionalLikeTypes(Options.getLocalOrGlobal("OptionalLikeTypes", DefaultOptionalLikeTypes)),
      ResultLikeTypes(Options.getLocalOrGlobal("ResultLikeTypes", DefaultResultLikeTypes)) {}

void ModelOptions::store(const clang::tidy::ClangTidyCheck::OptionsView &Options,
                         clang::tidy::ClangTidyOptions::OptionMap &Map) const {
  Options.store(Map, "ApiFunctions", ApiFunctions);
  Options.store(Map, "ApiModelFile", ApiModelFile);
  Options.store(Map, "OptionalLikeTypes", OptionalLikeTypes);
  Options.store(Map, "ResultLikeTypes", ResultLikeTypes);
}

ApiModel ModelOptions::buildModel(llvm::function_ref<void(llvm::Error)> Report) const {
  ApiModel Model = ApiModel::builtin();
  if (llvm::Error E = Model.addFromOption(ApiFunctions))
    Report(std::move(E));
  if (!ApiModelFile.empty())
    if (llvm::Error E = Model.addFromFile(ApiModelFile))
      Report(std::move(E));
  return Model;
}

NullableTypes ModelOptions::buildNullableTypes() const {
  return NullableTypes(splitList(OptionalLikeTypes), splitList(ResultLikeTypes));
}

} // namespace failguard
