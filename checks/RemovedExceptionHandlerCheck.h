// failguard-removed-exception-handler
#ifndef FAILGUARD_CHECKS_REMOVEDEXCEPTIONHANDLERCHECK_H
#define FAILGUARD_CHECKS_REMOVEDEXCEPTIONHANDLERCHECK_H

#include "checks/BaselineCheck.h"
#include "checks/FailguardContext.h"

#include <vector>

namespace failguard {

/// Finds authentication and token-decode calls whose exceptions were handled
/// at the git baseline but are no longer handled.
///
/// For the user-facing documentation see:
/// docs/checks/removed-exception-handler.md
class RemovedExceptionHandlerCheck : public BaselineCheck {
public:
  using BaselineCheck::BaselineCheck;
  /// Reports the findings of compare() at the calls that
  /// failguard-auth-exception-escape does not report.
  void onEndOfTranslationUnit() override;

protected:
  void compare(TranslationUnitAnalysis &Unit, const BaselineState &State) override;

private:
  /// One call: its warning's range, then the warning and its notes.
  struct Finding {
    const clang::Expr *Site;
    clang::SourceRange Range;
    std::vector<DiagnosticText> Lines;
    std::string Function;
    std::string BaselineFile;
    unsigned BaselineLine;
    /// The calls of one function that the same baseline handlers covered
    /// are one finding: the first call's warning, the others as notes.
    const clang::FunctionDecl *Decl;
    std::vector<std::pair<std::string, unsigned>> HandlerPlaces;
    std::string Summary;
    /// The path beyond the unit, kept with the call when it is a note.
    std::vector<DiagnosticText> PathNotes;
    /// What identifies the finding in the code (FindingDetails).
    std::string Statement;
    std::vector<std::string> Types;
  };
  std::vector<Finding> Findings;
  std::string BaselineCommit;
};

} // namespace failguard

#endif
