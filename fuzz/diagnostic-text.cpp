// Fuzzes the helpers that quote names and list them in diagnostics.
#include "checks/DiagnosticText.h"

#include "llvm/ADT/StringRef.h"
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size < 1)
    return 0;
  // The first byte is how many names to show; the rest are names, one a line.
  size_t Shown = Data[0];
  llvm::StringRef Rest(reinterpret_cast<const char *>(Data + 1), Size - 1);
  std::vector<std::string> Names;
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  Rest.split(Lines, '\n');
  for (llvm::StringRef Line : Lines)
    Names.push_back(failguard::quoted(Line));

  std::string All = failguard::describeList(Names);
  std::string Some = failguard::describeList(Names, Shown);
  // Every name appears in order when all are shown; a shortened list says how
  // many it left out.
  size_t From = 0;
  for (const std::string &Name : Names) {
    From = All.find(Name, From);
    if (From == std::string::npos)
      abort();
    From += Name.size();
  }
  if (Names.size() > Shown && Some.find(" more") == std::string::npos)
    abort();
  if (!Names.empty() && (Some.empty() || Some.front() == ' '))
    abort();
  if (Names.size() <= Shown && Some != All)
    abort();
  return 0;
}
