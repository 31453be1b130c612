// failguard-narrowed-optional-return
#ifndef FAILGUARD_CHECKS_NARROWEDOPTIONALRETURNCHECK_H
#define FAILGUARD_CHECKS_NARROWEDOPTIONALRETURNCHECK_H

#include "checks/BaselineCheck.h"

namespace failguard {

/// Finds functions that returned an optional-like or result-like type at the
/// git baseline and now return a plain value or reference.
///
/// For the user-facing documentation see:
/// docs/checks/narrowed-optional-return.md
class NarrowedOptionalReturnCheck : public BaselineCheck {
public:
  using BaselineCheck::BaselineCheck;
  void onEndOfTranslationUnit() override;

protected:
  void compare(TranslationUnitAnalysis &Unit, const BaselineState &State) override;
};

} // namespace failguard

#endif
