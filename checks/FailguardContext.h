// The state one translation unit's failguard checks share.
#ifndef FAILGUARD_CHECKS_FAILGUARDCONTEXT_H
#define FAILGUARD_CHECKS_FAILGUARDCONTEXT_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <functional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FileEntry;
class Expr;
} // namespace clang

namespace failguard {

inline constexpr llvm::StringLiteral EscapeCheckName = "failguard-auth-exception-escape";
inline constexpr llvm::StringLiteral RemovedHandlerCheckName =
    "failguard-removed-exception-handler";

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
};

/// What the failguard checks of one translation unit share, so that one
/// problem is reported once: the checks run in one clang-tidy process over
/// one AST in an order nobody promises, and clangd creates them anew for
/// every parse. One instance lives exactly as long as its ASTContext.
///
/// A call whose exception escapes a boundary (failguard-auth-exception-escape)
/// and whose handler was removed since the baseline
/// (failguard-removed-exception-handler) is reported once, by the escape
/// check, with the removed-handler view as notes:
/// - the removed-handler check finds its calls while the AST is traversed
///   and records each finding's view here (addRemovedHandlerView), then
///   reports, at the end of the translation unit, only the calls the escape
///   check does not report (escapeReportedAt);
/// - the escape check decides its call sites only at the end of the
///   translation unit, so it registers how to decide them
///   (provideEscapeSites) when it sees the AST; whichever check ends first
///   has them decided.
/// A check whose diagnostics the host drops (hostSuppresses) takes no part:
/// the escape check registers no site and the removed-handler check adds no
/// view, just as for a NOLINT comment naming the check, so that the other
/// check's warnings are shown instead of being lost with the dropped one.
class FailguardContext {
public:
  /// The context of \p Ctx's translation unit, made on first use and
  /// destroyed with \p Ctx.
  static FailguardContext &of(const clang::ASTContext &Ctx);

  /// The removed-handler check's view of the call \p Site: its warning and
  /// notes, to be shown as notes where the escape check reports the call.
  void addRemovedHandlerView(const clang::Expr *Site, std::vector<DiagnosticText> View);
  llvm::ArrayRef<std::vector<DiagnosticText>> removedHandlerViews(const clang::Expr *Site) const;

  /// How to decide the escape check's call sites; \p Decide calls
  /// addEscapeSite for each site the check reports (one not suppressed).
  void provideEscapeSites(std::function<void()> Decide);
  void addEscapeSite(const clang::Expr *Site) { EscapeSites.insert(Site); }
  /// Decides the escape check's sites, once, if it registered how.
  void decideEscapeSites();
  /// Whether the escape check reports \p Site; false when it is not enabled.
  bool escapeReportedAt(const clang::Expr *Site);

  /// Files of other units loaded into the source manager only to place a
  /// note (remoteHopNotes): not inputs of this unit, so not in its summaries.
  void addNoteOnlyFile(const clang::FileEntry *File) { NoteOnlyFiles.insert(File); }
  const llvm::DenseSet<const clang::FileEntry *> &noteOnlyFiles() const { return NoteOnlyFiles; }

private:
  llvm::DenseMap<const clang::Expr *, llvm::SmallVector<std::vector<DiagnosticText>, 1>>
      RemovedHandlerViews;
  std::function<void()> DecideEscapeSites;
  llvm::DenseSet<const clang::Expr *> EscapeSites;
  llvm::DenseSet<const clang::FileEntry *> NoteOnlyFiles;
};

} // namespace failguard

#endif
