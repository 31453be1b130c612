// Fuzzes the YAML API model reader (ApiModelFile).
#include "lib/ApiModel.h"

#include "llvm/ADT/StringRef.h"
#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  failguard::ApiModel Model;
  if (llvm::Error E = Model.addFromYAML(Text, "fuzz.yaml")) {
    // A rejected model adds nothing, and says where it went wrong.
    std::string Message = llvm::toString(std::move(E));
    if (Model.size() != 0 || !llvm::StringRef(Message).starts_with("fuzz.yaml:"))
      abort();
    return 0;
  }
  (void)Model.fingerprint();
  return 0;
}
