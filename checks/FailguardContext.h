// The state one translation unit's failguard checks share.
#ifndef FAILGUARD_CHECKS_FAILGUARDCONTEXT_H
#define FAILGUARD_CHECKS_FAILGUARDCONTEXT_H

#include "checks/RunState.h"
#include "lib/TranslationUnitAnalysis.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class Preprocessor;
} // namespace clang

namespace failguard {

inline constexpr llvm::StringLiteral EscapeCheckName = "failguard-auth-exception-escape";
inline constexpr llvm::StringLiteral RemovedHandlerCheckName =
    "failguard-removed-exception-handler";
inline constexpr llvm::StringLiteral NarrowedReturnCheckName =
    "failguard-narrowed-optional-return";

/// Whether the program running the checks drops every diagnostic of the check
/// named \p Check after the check emitted it, wherever it is (clangd's
/// `Diagnostics: Suppress`). Called on the thread that runs the checks.
using HostSuppression = bool (*)(llvm::StringRef Check);

/// Installs the host's answer; a host that never calls this suppresses no
/// check (clang-tidy and the plugin: their NOLINT comments are read by the
/// checks themselves). Call it before any translation unit is analysed.
void setHostSuppression(HostSuppression Suppresses);
/// What the installed HostSuppression says about \p Check; false without one.
bool hostSuppresses(llvm::StringRef Check);

/// One diagnostic line as a check would emit it: where, and the full text.
struct DiagnosticText {
  clang::SourceLocation Loc;
  std::string Message;
  /// The place at the baseline the text names, for the results file.
  BaselinePlace AtBaseline = {};
};

/// What the failguard checks of one translation unit share (as clazy's
/// checks share a ClazyContext): the unit's analyses, and what makes one
/// problem one warning. The checks run in one clang-tidy process over one AST
/// in an order nobody promises, and clangd creates them anew for every parse.
/// One instance lives exactly as long as its ASTContext.
///
/// A call whose exception escapes a boundary (failguard-auth-exception-escape)
/// and whose handler was removed since the baseline
/// (failguard-removed-exception-handler) is reported once, by the escape
/// check, with the removed-handler view as notes. Each check computes its
/// findings when it sees the unit (check()), which for every check comes
/// before any check's end of the unit, and publishes here what the other
/// needs: the escape check the calls it reports (addEscapeSite), the
/// removed-handler check its view of each call (addRemovedHandlerView). At
/// the end of the unit each reads the other's. A check whose diagnostics the
/// host drops, or that a NOLINT silences at a call, publishes nothing for it,
/// so that the other check's warning is shown instead of being lost. A NOLINT
/// comment that names either check at a call both report silences the one
/// warning: each check publishes the calls its NOLINT comments silence
/// (addNolintSite), and the other leaves them out.
class FailguardContext {
public:
  /// The context of \p Ctx's translation unit, made on first use and
  /// destroyed with \p Ctx.
  static FailguardContext &of(const clang::ASTContext &Ctx);

  /// The unit's analysis for \p Settings: one per distinct settings key.
  TranslationUnitAnalysis &analysis(clang::ASTContext &Ctx, clang::Preprocessor *PP,
                                    std::shared_ptr<const AnalysisSettings> Settings);
  /// The first analysis made for the unit, if any.
  TranslationUnitAnalysis *anyAnalysis();

  void addRemovedHandlerView(const clang::Expr *Site, std::vector<DiagnosticText> View);
  llvm::ArrayRef<std::vector<DiagnosticText>> removedHandlerViews(const clang::Expr *Site) const;

  void addEscapeSite(const clang::Expr *Site) { EscapeSites.insert(Site); }
  /// Whether the escape check reports \p Site; false when it is not enabled.
  bool escapeReportedAt(const clang::Expr *Site) const { return EscapeSites.contains(Site); }

  /// A NOLINT comment naming \p Check silences its finding at \p Site.
  void addNolintSite(llvm::StringRef Check, const clang::Expr *Site) {
    NolintSites.insert({Check.str(), Site});
  }
  /// Whether a NOLINT comment naming \p Check silenced its finding at \p Site.
  bool nolintAt(llvm::StringRef Check, const clang::Expr *Site) const {
    return NolintSites.count({Check.str(), Site}) != 0;
  }

  /// Called by every failguard check at the end of the unit; the first call
  /// does what is done once per unit with the analysis that records user
  /// calls: the unit's summaries for the run (failguard-tidy) or for the
  /// in-process index (failguard-clangd).
  void endOfUnit(clang::ASTContext &Ctx);

private:
  llvm::StringMap<std::unique_ptr<TranslationUnitAnalysis>> Analyses;
  TranslationUnitAnalysis *First = nullptr;
  llvm::DenseMap<const clang::Expr *, llvm::SmallVector<std::vector<DiagnosticText>, 1>>
      RemovedHandlerViews;
  llvm::DenseSet<const clang::Expr *> EscapeSites;
  std::set<std::pair<std::string, const clang::Expr *>> NolintSites;
  bool Ended = false;
};

} // namespace failguard

#endif
