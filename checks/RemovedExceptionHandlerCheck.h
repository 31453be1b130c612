// failguard-removed-exception-handler
#ifndef FAILGUARD_CHECKS_REMOVEDEXCEPTIONHANDLERCHECK_H
#define FAILGUARD_CHECKS_REMOVEDEXCEPTIONHANDLERCHECK_H

#include "checks/BaselineCheck.h"

namespace failguard {

/// Finds authentication and token-decode calls whose exceptions were handled
/// at the git baseline but are no longer handled.
///
/// For the user-facing documentation see:
/// docs/checks/removed-exception-handler.md
class RemovedExceptionHandlerCheck : public BaselineCheck {
public:
  using BaselineCheck::BaselineCheck;

protected:
  void compare(const Baseline &Before, clang::ASTContext &Ctx, ExceptionFlow &Flow,
               FactsCollector &Collector) override;
};

} // namespace failguard

#endif
