// failguard-index REQUEST: questions about the summary index.
#ifndef FAILGUARD_TOOLS_INDEXQUERY_H
#define FAILGUARD_TOOLS_INDEXQUERY_H

#include "llvm/ADT/ArrayRef.h"

namespace failguard {

/// Answers the request in the file named by \p Args (argv without the
/// program: one path) as one JSON object on standard output. Returns the exit
/// status: 0 answered, 1 refused (the answer's "error" says why: an input
/// that is not an index, inputs that conflict, an output that cannot be
/// written), 2 the request itself is wrong (one line on standard error, no
/// answer).
int indexQueryMain(llvm::ArrayRef<const char *> Args);

} // namespace failguard

#endif
