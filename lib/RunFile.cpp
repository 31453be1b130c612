// The run file: what git-failguard computed for one failguard-tidy process.
#include "lib/RunFile.h"

#include "lib/SafeRead.h"

#include "llvm/Support/JSON.h"

namespace failguard {

namespace {

llvm::Error bad(const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
}

// Reads an optional member of the expected kind into Out.
template <typename T>
llvm::Error member(const llvm::json::Object &Object, llvm::StringRef Name,
                   llvm::StringRef Where, std::optional<T> &Out) {
  const llvm::json::Value *Value = Object.get(Name);
  if (!Value)
    return llvm::Error::success();
  if constexpr (std::is_same_v<T, bool>) {
    if (auto B = Value->getAsBoolean()) {
      Out = *B;
      return llvm::Error::success();
    }
    return bad("'" + Where + Name + "' is not true or false");
  } else {
    if (auto S = Value->getAsString()) {
      Out = S->str();
      return llvm::Error::success();
    }
    return bad("'" + Where + Name + "' is not a string");
  }
}

} // namespace

llvm::Expected<RunFile> parseRunFile(llvm::StringRef Text) {
  auto Parsed = parseJSONBounded(Text, 8);
  if (!Parsed)
    return bad("not JSON (" + llvm::toString(Parsed.takeError()) + ")");
  const llvm::json::Object *Root = Parsed->getAsObject();
  if (!Root)
    return bad("not a JSON object");
  std::optional<llvm::StringRef> Format = Root->getString("format");
  if (!Format)
    return bad("no 'format' (this failguard-tidy reads '" + RunFileFormat + "')");
  if (*Format != RunFileFormat)
    return bad("format '" + *Format + "', this failguard-tidy reads '" + RunFileFormat + "'");
  for (const auto &Entry : *Root) {
    llvm::StringRef Key = Entry.first;
    if (Key != "format" && Key != "baseline" && Key != "changed_functions_only" &&
        Key != "index" && Key != "baseline_index" && Key != "outputs")
      return bad("unknown member '" + Key + "'");
  }
  RunFile Run;
  if (const llvm::json::Value *Baseline = Root->get("baseline")) {
    const llvm::json::Object *Object = Baseline->getAsObject();
    if (!Object)
      return bad("'baseline' is not an object");
    if (llvm::Error E = member(*Object, "ref", "baseline.", Run.BaselineRef))
      return std::move(E);
    if (llvm::Error E = member(*Object, "merge_base", "baseline.", Run.MergeBase))
      return std::move(E);
    if (const llvm::json::Value *Renames = Object->get("renames")) {
      const llvm::json::Object *Pairs = Renames->getAsObject();
      if (!Pairs)
        return bad("'baseline.renames' is not an object");
      for (const auto &[Now, Before] : *Pairs) {
        std::optional<llvm::StringRef> Path = Before.getAsString();
        if (!Path || Path->empty() || llvm::StringRef(Now).empty())
          return bad("'baseline.renames' maps '" + llvm::StringRef(Now) + "' to no path");
        Run.Renames[Now.str()] = Path->str();
      }
    }
  }
  if (llvm::Error E = member(*Root, "changed_functions_only", "", Run.ChangedFunctionsOnly))
    return std::move(E);
  if (llvm::Error E = member(*Root, "index", "", Run.Index))
    return std::move(E);
  if (llvm::Error E = member(*Root, "baseline_index", "", Run.BaselineIndex))
    return std::move(E);
  if (const llvm::json::Value *Outputs = Root->get("outputs")) {
    const llvm::json::Object *Object = Outputs->getAsObject();
    if (!Object)
      return bad("'outputs' is not an object");
    std::optional<std::string> Results, Summaries, Gaps, Plan;
    for (const auto &Entry : *Object)
      if (Entry.first != "results" && Entry.first != "summaries" &&
          Entry.first != "index_gaps" && Entry.first != "plan")
        return bad("unknown member 'outputs." + llvm::StringRef(Entry.first) + "'");
    if (llvm::Error E = member(*Object, "results", "outputs.", Results))
      return std::move(E);
    if (llvm::Error E = member(*Object, "summaries", "outputs.", Summaries))
      return std::move(E);
    if (llvm::Error E = member(*Object, "index_gaps", "outputs.", Gaps))
      return std::move(E);
    if (llvm::Error E = member(*Object, "plan", "outputs.", Plan))
      return std::move(E);
    Run.Results = Results.value_or("");
    Run.Summaries = Summaries.value_or("");
    Run.IndexGaps = Gaps.value_or("");
    Run.Plan = Plan.value_or("");
  }
  return Run;
}

llvm::Expected<RunFile> readRunFile(llvm::StringRef Path) {
  ReadLimits Limits;
  Limits.MaxBytes = MaxRunFileBytes;
  auto Buffer = readRegularFile(Path, Limits);
  if (!Buffer)
    return Buffer.takeError();
  return parseRunFile((*Buffer)->getBuffer());
}

} // namespace failguard
