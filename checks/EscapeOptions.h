// The options of failguard-auth-exception-escape that say which functions are boundaries.
#ifndef FAILGUARD_CHECKS_ESCAPEOPTIONS_H
#define FAILGUARD_CHECKS_ESCAPEOPTIONS_H

#include "checks/AnalysisOptions.h"
#include "checks/ConfigurationErrors.h"
#include "lib/EscapeReports.h"

#include "clang-tidy/ClangTidyCheck.h"
#include <string>
#include <vector>

namespace failguard {

/// RequestHandlers, BoundaryFunctions, CheckNoexceptFunctions,
/// CheckDestructors, CheckNullableReturns and OnlyChangedFunctions (the run
/// file overrides the last), as the escape check reads them; failguard-tidy's
/// plan entry point reads them the same way, under the escape check's name.
class EscapeOptions {
public:
  EscapeOptions(const clang::tidy::ClangTidyCheck::OptionsView &Options, llvm::StringRef CheckName,
                const AnalysisOptions &Analysis, ConfigurationErrors &Errors);
  void store(const clang::tidy::ClangTidyCheck::OptionsView &Options,
             clang::tidy::ClangTidyOptions::OptionMap &Map) const;

  const std::string RequestHandlers;
  const std::string BoundaryFunctions;
  const bool CheckNoexceptFunctions;
  const bool CheckDestructors;
  const bool CheckNullableReturns;
  const bool OnlyChangedFunctions;
  EscapePolicy Policy;

private:
  /// GlobPattern keeps a reference to its text: this owns it.
  const std::vector<std::string> BoundaryPatternTexts;
};

} // namespace failguard

#endif
