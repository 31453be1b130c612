// What failguard-tidy writes at the end of a run: results, summaries, index gaps.
#ifndef FAILGUARD_TOOLS_FAILGUARDTIDY_RUNOUTPUTS_H
#define FAILGUARD_TOOLS_FAILGUARDTIDY_RUNOUTPUTS_H

#include "checks/RunState.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace failguard {

/// Writes every output \p Run's file names, each whole (atomically). The
/// results come from clang-tidy's exported diagnostics (\p ExportedFixes, the
/// YAML of --export-fixes: what clang-tidy kept), their places turned into
/// lines and columns through \p Files (the file system the analysis saw,
/// overlay included), joined with what the checks recorded in \p Run.
/// Returns false, having said why on stderr, when an output could not be written.
bool writeRunOutputs(const RunState &Run, llvm::StringRef ExportedFixes, llvm::vfs::FileSystem &Files);

} // namespace failguard

#endif
