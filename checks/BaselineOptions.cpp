// The options that say which baseline a failguard check compares with.
#include "checks/BaselineOptions.h"

#include "checks/IndexOptions.h"
#include "lib/OptionList.h"

#include "llvm/Support/Process.h"

namespace failguard {

BaselineOptions::BaselineOptions(const clang::tidy::ClangTidyCheck::OptionsView &Options)
    : BaselineRef(Options.getLocalOrGlobal("BaselineRef", "HEAD")),
      UseMergeBase(Options.getLocalOrGlobal("UseMergeBase", true)),
      CacheDirectory(Options.getLocalOrGlobal("CacheDirectory", "")),
      ReportMissingBaseline(Options.getLocalOrGlobal("ReportMissingBaseline", true)),
      CacheSizeLimitMB(Options.getLocalOrGlobal("CacheSizeLimitMB", 512u)) {
  Config.Ref = BaselineRef;
  if (auto Override = llvm::sys::Process::GetEnv("FAILGUARD_BASELINE"); Override && !Override->empty())
    Config.Ref = *Override;
  Config.MergeBase = UseMergeBase;
  // git-failguard judges a change from the merge-base, whatever the project set.
  // FAILGUARD_MERGE_BASE=0: the baseline is exactly that commit (git-failguard
  // passes the merge-base it computed for a range that need not end at HEAD).
  if (auto MergeBase = llvm::sys::Process::GetEnv("FAILGUARD_MERGE_BASE"); MergeBase == "1")
    Config.MergeBase = true;
  else if (MergeBase == "0")
    Config.MergeBase = false;
  Config.CacheDirectory = CacheDirectory;
  // The index at the baseline commit when git-failguard built one, else the
  // checks' own (whose functions count where their files are the baseline's).
  if (auto Index = llvm::sys::Process::GetEnv("FAILGUARD_BASELINE_INDEX"); Index && !Index->empty())
    Config.IndexFile = absoluteIndexPath(*Index);
  else
    Config.IndexFile = IndexOptions(Options).IndexFile;
  Config.CacheLimitBytes = uint64_t(CacheSizeLimitMB) << 20;
  if (auto Renames = llvm::sys::Process::GetEnv("FAILGUARD_RENAMES"))
    for (const std::string &Pair : splitList(*Renames, ";")) {
      auto [Now, Before] = llvm::StringRef(Pair).split('=');
      if (!Now.empty() && !Before.empty())
        Config.Renames[Now.str()] = Before.str();
    }
}

void BaselineOptions::store(const clang::tidy::ClangTidyCheck::OptionsView &Options,
                            clang::tidy::ClangTidyOptions::OptionMap &Map) const {
  Options.store(Map, "BaselineRef", BaselineRef);
  Options.store(Map, "UseMergeBase", UseMergeBase);
  Options.store(Map, "CacheDirectory", CacheDirectory);
  Options.store(Map, "ReportMissingBaseline", ReportMissingBaseline);
  Options.store(Map, "CacheSizeLimitMB", CacheSizeLimitMB);
}

} // namespace failguard
