// The options every failguard check reads to build its API model and type lists.
#include "checks/ModelOptions.h"

#include "lib/LLVMCompat.h"
#include "lib/OptionList.h"
#include "lib/SafeRead.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace failguard {

namespace {

using clang::tidy::ClangTidyContext;
using clang::tidy::ClangTidyOptions;

// The key OptionsView::getLocalOrGlobal read for \p Option.
std::string keyRead(const ClangTidyContext &Context, llvm::StringRef CheckName,
                    llvm::StringRef Option) {
  std::string Local = (CheckName + "." + Option).str();
  return Context.getOptions().CheckOptions.count(Local) ? Local : Option.str();
}

constexpr uint64_t MaxClangTidyFileBytes = 1u << 20;

std::string currentDirectory() {
  llvm::SmallString<256> Directory;
  if (llvm::sys::fs::current_path(Directory))
    return "";
  return std::string(Directory);
}

// The directory the host was started in, taken when the module is loaded:
// while clang-tidy runs the checks of a translation unit it has changed the
// process's directory to the unit's compile directory, but a relative path
// typed on its command line means the user's directory.
const std::string StartupDirectory = currentDirectory();

// One `.clang-tidy` file met on the way up from a source: its options, or
// why clang-tidy cannot use it.
struct ConfigFileRead {
  std::string Path;
  std::optional<ClangTidyOptions> Options;
  std::string Problem;
};

// The `.clang-tidy` files clang-tidy and clangd read for \p MainFile, nearest
// first: up the directory tree, skipping empty files, stopping after the first
// usable file without InheritParentConfig. Bounded and non-blocking reads.
std::vector<ConfigFileRead> clangTidyChain(llvm::StringRef MainFile) {
  std::vector<ConfigFileRead> Files;
  llvm::SmallString<256> Directory(MainFile);
  llvm::sys::path::remove_dots(Directory, /*remove_dot_dot=*/true);
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(Directory); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> ConfigFile(Dir);
    llvm::sys::path::append(ConfigFile, ".clang-tidy");
    if (!llvm::sys::fs::exists(ConfigFile))
      continue;
    ConfigFileRead Read{std::string(ConfigFile), std::nullopt, ""};
    auto Buffer = readRegularFile(ConfigFile, ReadLimits{MaxClangTidyFileBytes});
    if (!Buffer) {
      Read.Problem = llvm::toString(Buffer.takeError());
      Files.push_back(std::move(Read));
      continue;
    }
    if ((*Buffer)->getBuffer().empty())
      continue;
    auto Parsed = clang::tidy::parseConfigurationWithDiags(
        llvm::MemoryBufferRef((*Buffer)->getBuffer(), ConfigFile),
        [&Read](const llvm::SMDiagnostic &D) {
          if (Read.Problem.empty() && D.getKind() == llvm::SourceMgr::DK_Error)
            Read.Problem = "line " + std::to_string(D.getLineNo()) + ": " + D.getMessage().str();
        });
    if (!Parsed) {
      if (Read.Problem.empty())
        Read.Problem = Parsed.getError().message();
      Files.push_back(std::move(Read));
      continue;
    }
    bool Inherit = Parsed->InheritParentConfig.value_or(false);
    Read.Options = std::move(*Parsed);
    Read.Problem.clear();
    Files.push_back(std::move(Read));
    if (!Inherit)
      break;
  }
  return Files;
}

// The usable `.clang-tidy` files that configure \p MainFile, nearest first.
std::vector<std::pair<std::string, ClangTidyOptions>>
clangTidyFilesFor(llvm::StringRef MainFile) {
  std::vector<std::pair<std::string, ClangTidyOptions>> Files;
  for (ConfigFileRead &Read : clangTidyChain(MainFile))
    if (Read.Options)
      Files.emplace_back(std::move(Read.Path), std::move(*Read.Options));
  return Files;
}

// Where the model file named by \p Value (read from \p Key) is. A relative path
// in a `.clang-tidy` file means a path next to that file, as for any file a
// project's configuration names. The host's context does not say which file
// set an option, so the files are found again as the host finds them: the
// nearest that sets \p Key decides. When it does not hold the value in effect,
// that value came from the command line (--config, --config-file) or from
// clangd's own configuration, and is relative to the directory the host was
// started in.
std::string resolveModelFile(llvm::StringRef Value, llvm::StringRef Key,
                             const ClangTidyContext &Context) {
  if (Value.empty() || llvm::sys::path::is_absolute(Value))
    return Value.str();
  llvm::SmallString<256> MainFile(Context.getCurrentFile());
  if (!MainFile.empty() && !llvm::sys::path::is_absolute(MainFile))
    compat::makeAbsolute(Context.getCurrentBuildDirectory(), MainFile);
  if (!MainFile.empty())
    for (const auto &[ConfigFile, Options] : clangTidyFilesFor(MainFile)) {
      auto It = Options.CheckOptions.find(Key);
      if (It == Options.CheckOptions.end())
        continue;
      if (It->second.Value != Value)
        break;
      llvm::SmallString<256> Resolved(llvm::sys::path::parent_path(ConfigFile));
      llvm::sys::path::append(Resolved, Value);
      return std::string(Resolved);
    }
  llvm::SmallString<256> Resolved(Value);
  compat::makeAbsolute(StartupDirectory, Resolved);
  return std::string(Resolved);
}

} // namespace

std::vector<std::string> brokenClangTidyFiles(const ClangTidyContext &Context) {
  std::vector<std::string> Broken;
  llvm::SmallString<256> MainFile(Context.getCurrentFile());
  if (MainFile.empty())
    return Broken;
  if (!llvm::sys::path::is_absolute(MainFile))
    compat::makeAbsolute(Context.getCurrentBuildDirectory(), MainFile);
  // clang-tidy says so on standard error and goes on with the parent
  // directory's file: the checks this file meant to configure would run as
  // configured elsewhere, or not at all, without a failing status.
  for (const ConfigFileRead &Read : clangTidyChain(MainFile))
    if (!Read.Options)
      Broken.push_back("'" + Read.Path + "' cannot be used (" + Read.Problem +
                       "): clang-tidy ignores it and uses the configuration of a parent directory");
  return Broken;
}

const std::string &startupDirectory() { return StartupDirectory; }

ModelOptions::ModelOptions(const clang::tidy::ClangTidyCheck::OptionsView &Options,
                           const ClangTidyContext &Context, llvm::StringRef CheckName)
    : ApiFunctions(Options.getLocalOrGlobal("ApiFunctions", "")),
      ApiModelFile(Options.getLocalOrGlobal("ApiModelFile", "")),
      BoundaryModelFile(Options.getLocalOrGlobal("BoundaryModelFile", "")),
      OptionalLikeTypes(Options.getLocalOrGlobal("OptionalLikeTypes", DefaultOptionalLikeTypes)),
      ResultLikeTypes(Options.getLocalOrGlobal("ResultLikeTypes", DefaultResultLikeTypes)),
      ApiFunctionsKey(keyRead(Context, CheckName, "ApiFunctions")),
      ApiModelFileKey(keyRead(Context, CheckName, "ApiModelFile")),
      ApiModelPath(resolveModelFile(ApiModelFile, ApiModelFileKey, Context)),
      BoundaryModelFileKey(keyRead(Context, CheckName, "BoundaryModelFile")),
      BoundaryModelPath(resolveModelFile(BoundaryModelFile, BoundaryModelFileKey, Context)) {}

void ModelOptions::store(const clang::tidy::ClangTidyCheck::OptionsView &Options,
                         clang::tidy::ClangTidyOptions::OptionMap &Map) const {
  Options.store(Map, "ApiFunctions", ApiFunctions);
  Options.store(Map, "ApiModelFile", ApiModelFile);
  Options.store(Map, "BoundaryModelFile", BoundaryModelFile);
  Options.store(Map, "OptionalLikeTypes", OptionalLikeTypes);
  Options.store(Map, "ResultLikeTypes", ResultLikeTypes);
}

ApiModel ModelOptions::buildModel(llvm::function_ref<void(std::string Message)> Report) const {
  ApiModel Model = ApiModel::builtin();
  if (llvm::Error E = Model.addFromOption(ApiFunctions)) {
    // addFromOption names the option itself; say which key held the text.
    std::string Why = llvm::toString(std::move(E));
    llvm::StringRef Reason(Why);
    Reason.consume_front("ApiFunctions: ");
    Report(ApiFunctionsKey + ": " + Reason.str());
  }
  if (!ApiModelPath.empty())
    if (llvm::Error E = Model.addFromFile(ApiModelPath))
      Report(ApiModelFileKey + ": " + llvm::toString(std::move(E)));
  return Model;
}

BoundaryModel
ModelOptions::buildBoundaries(llvm::function_ref<void(std::string Message)> Report) const {
  BoundaryModel Model = BoundaryModel::builtin();
  if (!BoundaryModelPath.empty())
    if (llvm::Error E = Model.addFromFile(BoundaryModelPath))
      Report(BoundaryModelFileKey + ": " + llvm::toString(std::move(E)));
  return Model;
}

NullableTypes ModelOptions::buildNullableTypes() const {
  return NullableTypes(splitList(OptionalLikeTypes), splitList(ResultLikeTypes));
}

} // namespace failguard
