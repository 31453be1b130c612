// What failguard-tidy writes at the end of a run: results, summaries, index gaps.
#include "tools/failguard-tidy/RunOutputs.h"

#include "lib/ProjectIndex.h"
#include "lib/SafeRead.h"

#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace failguard {

namespace {

constexpr llvm::StringLiteral ResultsFormat = "failguard-results-1";

bool write(llvm::StringRef What, llvm::StringRef Path, llvm::StringRef Text) {
  if (std::error_code EC = writeFileAtomically(Path, Text)) {
    llvm::errs() << "failguard-tidy: error: cannot write the " << What << " to '" << Path
                 << "': " << EC.message() << "\n";
    return false;
  }
  return true;
}

// Lines and columns of offsets in the files the analysis read.
class Positions {
public:
  explicit Positions(llvm::vfs::FileSystem &Files) : Files(Files) {}

  /// 1-based line and column (in bytes) of \p Offset in \p Path, or nothing
  /// when the file cannot be read.
  std::optional<std::pair<unsigned, unsigned>> at(llvm::StringRef Path, unsigned Offset) {
    auto [It, Inserted] = Texts.try_emplace(Path);
    if (Inserted)
      if (auto Buffer = Files.getBufferForFile(Path))
        It->second = (*Buffer)->getBuffer().str();
    if (!It->second || Offset > It->second->size())
      return std::nullopt;
    llvm::StringRef Before = llvm::StringRef(*It->second).take_front(Offset);
    size_t LineStart = Before.rfind('\n');
    unsigned Line = Before.count('\n') + 1;
    unsigned Column = LineStart == llvm::StringRef::npos ? Offset + 1 : Offset - LineStart;
    return std::make_pair(Line, Column);
  }

private:
  llvm::vfs::FileSystem &Files;
  llvm::StringMap<std::optional<std::string>> Texts;
};

std::string absolute(llvm::StringRef Path, llvm::StringRef BuildDirectory) {
  if (Path.empty() || llvm::sys::path::is_absolute(Path))
    return Path.str();
  llvm::SmallString<256> Out(BuildDirectory);
  llvm::sys::path::append(Out, Path);
  llvm::sys::path::remove_dots(Out, /*remove_dot_dot=*/true);
  return std::string(Out);
}

llvm::json::Object place(Positions &Where, const clang::tooling::DiagnosticMessage &Message,
                         llvm::StringRef BuildDirectory) {
  llvm::json::Object Out{{"file", absolute(Message.FilePath, BuildDirectory)},
                         {"message", Message.Message}};
  if (auto At = Where.at(Message.FilePath, Message.FileOffset)) {
    Out["line"] = At->first;
    Out["column"] = At->second;
  }
  return Out;
}

llvm::json::Object baselineObject(const BaselinePlace &At) {
  return llvm::json::Object{{"commit", At.Commit}, {"file", At.File}, {"line", At.Line}};
}

std::string resultsText(const RunState &Run, llvm::StringRef ExportedFixes,
                        llvm::vfs::FileSystem &Files) {
  std::vector<UnitRecord> Units = Run.units();
  std::vector<clang::tooling::Diagnostic> Diagnostics;
  if (auto Buffer = readRegularFile(ExportedFixes)) {
    clang::tooling::TranslationUnitDiagnostics Exported;
    llvm::yaml::Input In((*Buffer)->getBuffer());
    In >> Exported;
    if (!In.error())
      Diagnostics = std::move(Exported.Diagnostics);
  } else {
    llvm::consumeError(Buffer.takeError());
  }

  std::vector<llvm::json::Array> Findings(Units.size()), Problems(Units.size());
  for (size_t U = 0; U < Units.size(); ++U)
    for (const UnitProblem &P : Units[U].Problems)
      Problems[U].push_back(
          llvm::json::Object{{"kind", P.Kind}, {"check", P.Check}, {"message", P.Message}});
  Positions Where(Files);
  for (const clang::tooling::Diagnostic &D : Diagnostics) {
    const clang::tooling::DiagnosticMessage &M = D.Message;
    // The unit whose checks recorded this diagnostic; else the first.
    size_t Unit = 0;
    const FindingDetails *Details = nullptr;
    for (size_t U = 0; U < Units.size() && !Details; ++U)
      for (const FindingDetails &F : Units[U].Details)
        if (F.Check == D.DiagnosticName && F.File == M.FilePath && F.Offset == M.FileOffset) {
          Unit = U;
          Details = &F;
          break;
        }
    if (Units.empty())
      break;
    llvm::StringRef Name = D.DiagnosticName;
    if (!Name.starts_with("failguard-")) {
      if (Name == "clang-tidy-config")
        Problems[Unit].push_back(llvm::json::Object{
            {"kind", "configuration"}, {"check", ""}, {"message", M.Message}});
      else if (D.DiagLevel == clang::tooling::Diagnostic::Error) {
        // With its place: the driver names where a unit stopped compiling.
        llvm::json::Object Problem = place(Where, M, D.BuildDirectory);
        Problem["kind"] = Name.starts_with("clang-diagnostic") ? "compile-errors" : "error";
        Problem["check"] = Name;
        Problems[Unit].push_back(std::move(Problem));
      }
      continue;
    }
    if (Details && Details->IsProblem)
      continue;
    llvm::json::Object Finding = place(Where, M, D.BuildDirectory);
    Finding["check"] = Name;
    llvm::json::Array Notes;
    for (size_t N = 0; N < D.Notes.size(); ++N) {
      llvm::json::Object Note = place(Where, D.Notes[N], D.BuildDirectory);
      if (Details && N < Details->NoteBaselines.size() &&
          !Details->NoteBaselines[N].File.empty())
        Note["baseline"] = baselineObject(Details->NoteBaselines[N]);
      Notes.push_back(std::move(Note));
    }
    Finding["notes"] = std::move(Notes);
    if (Details) {
      Finding["function"] = Details->Function;
      if (!Details->Statement.empty())
        Finding["statement"] = Details->Statement;
      if (!Details->Exceptions.empty())
        Finding["exceptions"] = llvm::json::Array(Details->Exceptions);
      if (!Details->BaselineFile.empty())
        Finding["baseline"] = baselineObject(
            {Details->BaselineCommit, Details->BaselineFile, Details->BaselineLine});
    }
    Findings[Unit].push_back(std::move(Finding));
  }

  llvm::json::Array Out;
  for (size_t U = 0; U < Units.size(); ++U) {
    llvm::json::Array Checks;
    for (const std::string &Check : Units[U].Checks)
      Checks.push_back(Check);
    Out.push_back(llvm::json::Object{{"file", Units[U].File},
                                     {"checks", std::move(Checks)},
                                     {"problems", std::move(Problems[U])},
                                     {"findings", std::move(Findings[U])}});
  }
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::formatv("{0:1}", llvm::json::Value(llvm::json::Object{
                                   {"format", ResultsFormat}, {"units", std::move(Out)}}))
     << "\n";
  return Text;
}

} // namespace

bool writeRunOutputs(const RunState &Run, llvm::StringRef ExportedFixes,
                     llvm::vfs::FileSystem &Files) {
  bool Written = true;
  const RunFile &File = Run.File;
  if (!File.Summaries.empty()) {
    std::vector<UnitSummary> Units;
    for (const UnitRecord &Unit : Run.units())
      if (Unit.Summary)
        Units.push_back(*Unit.Summary);
    // A unit that could not be summarised (compile errors, no repository)
    // said why; nothing is written for it.
    if (!Units.empty())
      Written &= write("summaries", File.Summaries, SummaryIndex(std::move(Units)).serialise());
  }
  if (!File.IndexGaps.empty())
    Written &= write("index gaps", File.IndexGaps, indexGapsText(Run.Gaps));
  if (!File.Results.empty())
    Written &= write("results", File.Results, resultsText(Run, ExportedFixes, Files));
  if (!File.Plan.empty()) {
    llvm::json::Array Units;
    for (const UnitRecord &Unit : Run.units())
      if (Unit.Plan)
        Units.push_back(llvm::json::Object{{"file", Unit.File}, {"boundaries", llvm::json::Array(*Unit.Plan)}});
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    OS << llvm::formatv("{0:1}", llvm::json::Value(llvm::json::Object{
                                     {"format", "failguard-plan-1"}, {"units", std::move(Units)}}))
       << "\n";
    Written &= write("plan", File.Plan, Text);
  }
  return Written;
}

} // namespace failguard
