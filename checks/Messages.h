// The text of the findings that more than one check shows, and the run's record of them.
#ifndef FAILGUARD_CHECKS_MESSAGES_H
#define FAILGUARD_CHECKS_MESSAGES_H

#include "checks/FailguardContext.h"
#include "lib/RemovedHandlers.h"

#include "clang/Basic/SourceLocation.h"
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace failguard {

struct Baseline;

/// The notes for the hops of \p Remote beyond this translation unit, each at
/// its place in the other file (loaded into the source manager; a file the
/// unit did not read is recorded as \p Analysis's note-only file), or at
/// \p Fallback with the file and line in the text when that file cannot be read.
std::vector<DiagnosticText> remoteHopNotes(TranslationUnitAnalysis &Analysis,
                                           const RemoteEscape &Remote,
                                           clang::SourceLocation Fallback);

/// failguard-removed-exception-handler's messages name the first exception
/// of a call and how many more (two are both named); the notes of the
/// handlers name them all.
inline constexpr size_t ListedRemovedTypes = 2;

/// What to do about \p Found: restore the baseline handler (where it was) or
/// catch the exceptions in the function.
std::string removedHandlerHint(const RemovedHandler &Found);

/// The call and its exceptions, short: 'jwt::decode' ('std::bad_cast' and 3 more).
std::string removedHandlerSummary(const RemovedHandler &Found);

/// failguard-removed-exception-handler's warning at \p Found and its notes:
/// what the baseline handled where, the path beyond the unit, the baseline
/// function compared with when its signature differs.
std::vector<DiagnosticText> removedHandlerLines(TranslationUnitAnalysis &Analysis,
                                                const RemovedHandler &Found,
                                                const Baseline &Before);

/// What names \p FD across runs: its facts key (a USR; a lambda by its
/// enclosing function and its identity), or its USR outside a repository.
std::string functionIdentity(TranslationUnitAnalysis &Analysis, const clang::FunctionDecl &FD);

/// failguard-tidy's run: records what programs need of the finding \p Check
/// emits at \p Loc (nothing when no run is active).
/// \p Statement and \p Exceptions: what identifies a finding at a call
/// (FindingDetails).
void recordFinding(clang::ASTContext &Ctx, llvm::StringRef Check, clang::SourceLocation Loc,
                   std::string Function, std::string BaselineCommit = "",
                   std::string BaselineFile = "", unsigned BaselineLine = 0,
                   std::string Statement = "", std::vector<std::string> Exceptions = {},
                   std::vector<BaselinePlace> NoteBaselines = {});

} // namespace failguard

#endif
