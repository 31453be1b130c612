// The options every failguard check reads to build the shared analysis.
#include "checks/AnalysisOptions.h"

#include "checks/RunState.h"
#include "lib/LLVMCompat.h"
#include "lib/ProjectIndex.h"

namespace failguard {

std::string absoluteIndexPath(llvm::StringRef Path) {
  if (Path.empty() || Path == "none")
    return Path.str();
  llvm::SmallString<256> Absolute(Path);
  compat::makeAbsolute(startupDirectory(), Absolute);
  return std::string(Absolute);
}

namespace {
template <typename T> T overridden(const std::optional<T> RunFile::*Member, T Configured) {
  if (RunState *Run = activeRun(); Run && (Run->File.*Member))
    return *(Run->File.*Member);
  return Configured;
}
} // namespace

AnalysisOptions::AnalysisOptions(const clang::tidy::ClangTidyCheck::OptionsView &Options,
                                 clang::tidy::ClangTidyContext &Context,
                                 llvm::StringRef CheckName, ConfigurationErrors &Errors)
    : Models(Options, Context, CheckName),
      BaselineRef(overridden(&RunFile::BaselineRef,
                             Options.getLocalOrGlobal("BaselineRef", "HEAD").str())),
      UseMergeBase(overridden(&RunFile::MergeBase, Options.getLocalOrGlobal("UseMergeBase", true))),
      CacheDirectory(Options.getLocalOrGlobal("CacheDirectory", "")),
      ReportMissingBaseline(Options.getLocalOrGlobal("ReportMissingBaseline", true)),
      CacheSizeLimitMB(Options.getLocalOrGlobal("CacheSizeLimitMB", 512u)),
      IndexFile(absoluteIndexPath(
          overridden(&RunFile::Index, Options.getLocalOrGlobal("IndexFile", "").str()))) {
  RunState *Run = activeRun();
  Baseline.Ref = BaselineRef;
  Baseline.MergeBase = UseMergeBase;
  Baseline.CacheDirectory = CacheDirectory;
  Baseline.CacheLimitBytes = uint64_t(CacheSizeLimitMB) << 20;
  // The index at the baseline commit when git-failguard built one, else the
  // checks' own (whose functions count where their files are the baseline's).
  BaselineIndexFile = Run && Run->File.BaselineIndex ? absoluteIndexPath(*Run->File.BaselineIndex) : "";
  Baseline.IndexFile = BaselineIndexFile.empty() ? IndexFile : BaselineIndexFile;
  if (Run)
    Baseline.Renames = Run->File.Renames;

  auto Report = [&Errors](std::string Message) { Errors.report(std::move(Message)); };
  for (std::string &Message : brokenClangTidyFiles(Context))
    Report(std::move(Message));
  auto Built = std::make_shared<AnalysisSettings>();
  Built->Model = Models.buildModel(Report);
  Built->Nullable = Models.buildNullableTypes();
  Built->Boundaries = Models.buildBoundaries(Report);
  Built->IndexFile = IndexFile;
  Built->CacheDirectory = CacheDirectory;
  Built->Gaps = Run && !Run->File.IndexGaps.empty() ? &Run->Gaps : nullptr;
  Built->RecordUserCalls = (Run && !Run->File.Summaries.empty()) || refreshIndexInProcess();
  Settings = std::move(Built);
}

void AnalysisOptions::store(const clang::tidy::ClangTidyCheck::OptionsView &Options,
                            clang::tidy::ClangTidyOptions::OptionMap &Map,
                            bool WithBaseline) const {
  Models.store(Options, Map);
  Options.store(Map, "IndexFile", IndexFile);
  if (!WithBaseline)
    return;
  Options.store(Map, "BaselineRef", BaselineRef);
  Options.store(Map, "UseMergeBase", UseMergeBase);
  Options.store(Map, "CacheDirectory", CacheDirectory);
  Options.store(Map, "ReportMissingBaseline", ReportMissingBaseline);
  Options.store(Map, "CacheSizeLimitMB", CacheSizeLimitMB);
}

} // namespace failguard
