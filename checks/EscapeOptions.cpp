// The options of failguard-auth-exception-escape that say which functions are boundaries.
#include "checks/EscapeOptions.h"

#include "checks/RunState.h"
#include "lib/OptionList.h"

#include "llvm/ADT/StringExtras.h"

namespace failguard {

EscapeOptions::EscapeOptions(const clang::tidy::ClangTidyCheck::OptionsView &Options,
                             llvm::StringRef CheckName, const AnalysisOptions &Analysis,
                             ConfigurationErrors &Errors)
    : RequestHandlers(Options.get("RequestHandlers",
                                  llvm::join(BoundaryModel::builtin().handlerMethods(), ";"))),
      BoundaryFunctions(Options.get("BoundaryFunctions", "")),
      CheckNoexceptFunctions(Options.get("CheckNoexceptFunctions", true)),
      CheckDestructors(Options.get("CheckDestructors", true)),
      CheckNullableReturns(Options.get("CheckNullableReturns", true)),
      OnlyChangedFunctions([&] {
        if (RunState *Run = activeRun(); Run && Run->File.ChangedFunctionsOnly)
          return *Run->File.ChangedFunctionsOnly;
        return Options.get("OnlyChangedFunctions", false);
      }()),
      BoundaryPatternTexts(splitList(BoundaryFunctions)) {
  Policy.Boundaries.HandlerMethods = splitList(RequestHandlers);
  // The frameworks of the user's boundary model add their handler methods.
  const std::vector<std::string> Builtin = BoundaryModel::builtin().handlerMethods();
  for (const std::string &Method : Analysis.Settings->Boundaries.handlerMethods())
    if (!llvm::is_contained(Builtin, Method) &&
        !llvm::is_contained(Policy.Boundaries.HandlerMethods, Method))
      Policy.Boundaries.HandlerMethods.push_back(Method);
  for (const std::string &Pattern : BoundaryPatternTexts) {
    auto Glob = llvm::GlobPattern::create(llvm::StringRef(Pattern).ltrim(':'));
    if (Glob)
      Policy.Boundaries.Configured.push_back(std::move(*Glob));
    else
      Errors.report(CheckName.str() + ".BoundaryFunctions: invalid pattern '" + Pattern +
                    "': " + llvm::toString(Glob.takeError()));
  }
  Policy.Boundaries.Destructors = CheckDestructors;
  Policy.Boundaries.NoexceptFunctions = CheckNoexceptFunctions;
  Policy.Boundaries.NullableReturns = CheckNullableReturns;
  Policy.OnlyChangedFunctions = OnlyChangedFunctions;
  Policy.Baseline = Analysis.Baseline;
  Policy.BaselineIndexFile = Analysis.BaselineIndexFile;
}

void EscapeOptions::store(const clang::tidy::ClangTidyCheck::OptionsView &Options,
                          clang::tidy::ClangTidyOptions::OptionMap &Map) const {
  Options.store(Map, "RequestHandlers", RequestHandlers);
  Options.store(Map, "BoundaryFunctions", BoundaryFunctions);
  Options.store(Map, "CheckNoexceptFunctions", CheckNoexceptFunctions);
  Options.store(Map, "CheckDestructors", CheckDestructors);
  Options.store(Map, "CheckNullableReturns", CheckNullableReturns);
  Options.store(Map, "OnlyChangedFunctions", OnlyChangedFunctions);
}

} // namespace failguard
