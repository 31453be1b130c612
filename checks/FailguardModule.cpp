// The clang-tidy module `failguard` and its registration.
#include "checks/AuthExceptionEscapeCheck.h"
#include "checks/FailguardContext.h"
#include "checks/NarrowedOptionalReturnCheck.h"
#include "checks/RemovedExceptionHandlerCheck.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace failguard {

class FailguardModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<AuthExceptionEscapeCheck>(EscapeCheckName);
    Factories.registerCheck<NarrowedOptionalReturnCheck>("failguard-narrowed-optional-return");
    Factories.registerCheck<RemovedExceptionHandlerCheck>(RemovedHandlerCheckName);
  }
};

} // namespace failguard

static clang::tidy::ClangTidyModuleRegistry::Add<failguard::FailguardModule>
    Registration("failguard",
                 "Checks for regressions in authentication failure handling.");

// Referenced by the binaries that link the module statically, so the linker
// keeps the registration above.
volatile int FailguardModuleAnchorSource = 0;
