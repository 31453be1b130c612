// failguard-index: answers git-failguard's questions about the summary index.
#include "IndexQuery.h"

int main(int argc, const char **argv) {
  return failguard::indexQueryMain(llvm::ArrayRef<const char *>(argv + 1, argc - 1));
}
