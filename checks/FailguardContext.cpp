// The state one translation unit's failguard checks share.
#include "checks/FailguardContext.h"

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <mutex>

namespace failguard {

namespace {
HostSuppression InstalledHostSuppression = nullptr;

// clangd parses files on several threads; the map only finds a translation
// unit's context, each context is used by the one thread parsing that unit.
std::mutex ContextsMutex;
llvm::DenseMap<const clang::ASTContext *, std::unique_ptr<FailguardContext>> &contexts() {
  static llvm::DenseMap<const clang::ASTContext *, std::unique_ptr<FailguardContext>> Contexts;
  return Contexts;
}

// Runs in ~ASTContext: a later ASTContext at the same address gets a new context.
void forget(void *Ctx) {
  std::unique_ptr<FailguardContext> Gone;
  std::lock_guard<std::mutex> Lock(ContextsMutex);
  auto It = contexts().find(static_cast<const clang::ASTContext *>(Ctx));
  if (It == contexts().end())
    return;
  Gone = std::move(It->second);
  contexts().erase(It);
}
} // namespace

void setHostSuppression(HostSuppression Suppresses) { InstalledHostSuppression = Suppresses; }

bool hostSuppresses(llvm::StringRef Check) {
  return InstalledHostSuppression && InstalledHostSuppression(Check);
}

FailguardContext &FailguardContext::of(const clang::ASTContext &Ctx) {
  std::lock_guard<std::mutex> Lock(ContextsMutex);
  auto [It, Inserted] = contexts().try_emplace(&Ctx);
  if (Inserted) {
    It->second = std::make_unique<FailguardContext>();
    Ctx.AddDeallocation(forget, const_cast<clang::ASTContext *>(&Ctx));
  }
  return *It->second;
}

void FailguardContext::addRemovedHandlerView(const clang::Expr *Site,
                                             std::vector<DiagnosticText> View) {
  RemovedHandlerViews[Site].push_back(std::move(View));
}

llvm::ArrayRef<std::vector<DiagnosticText>>
FailguardContext::removedHandlerViews(const clang::Expr *Site) const {
  auto It = RemovedHandlerViews.find(Site);
  if (It == RemovedHandlerViews.end())
    return {};
  return It->second;
}

void FailguardContext::provideEscapeSites(std::function<void()> Decide) {
  DecideEscapeSites = std::move(Decide);
}

void FailguardContext::decideEscapeSites() {
  if (!DecideEscapeSites)
    return;
  std::function<void()> Decide = std::move(DecideEscapeSites);
  DecideEscapeSites = nullptr;
  Decide();
}

bool FailguardContext::escapeReportedAt(const clang::Expr *Site) {
  decideEscapeSites();
  return EscapeSites.contains(Site);
}

} // namespace failguard
