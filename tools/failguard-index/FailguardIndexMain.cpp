// failguard-index: answers git-failguard's questions about the summary index.
#include "IndexQuery.h"

#include "lib/SummaryIndex.h"

int main(int argc, const char **argv) {
  // One query (lib/SummaryIndex.h): tables mapped, not copied.
  failguard::setIndexTablesMapped(true);
  return failguard::indexQueryMain(llvm::ArrayRef<const char *>(argv + 1, argc - 1));
}
