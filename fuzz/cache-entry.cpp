// Fuzzes the cache reader: the bounded JSON parser and the facts decoder.
#include "lib/Facts.h"
#include "lib/SafeRead.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {
// A cache entry as lib/Baseline stores it, {"key": ..., "facts": {...}}, read
// the way it reads one. The one place to retarget at a dedicated entry parser.
llvm::Expected<failguard::TranslationUnitFacts> readCacheEntry(llvm::StringRef Text) {
  llvm::Expected<llvm::json::Value> Value = failguard::parseJSONBounded(Text);
  if (!Value)
    return Value.takeError();
  const llvm::json::Object *Root = Value->getAsObject();
  if (!Root || !Root->get("facts"))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "not a cache entry");
  return failguard::factsFromJSON(*Root->get("facts"));
}

std::string writeCacheEntry(const failguard::TranslationUnitFacts &Facts) {
  std::string Out;
  llvm::raw_string_ostream(Out) << llvm::json::Value(
      llvm::json::Object{{"key", "fuzz"}, {"facts", failguard::toJSON(Facts)}});
  return Out;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::Expected<failguard::TranslationUnitFacts> Facts =
      readCacheEntry(llvm::StringRef(reinterpret_cast<const char *>(Data), Size));
  if (!Facts) {
    llvm::consumeError(Facts.takeError());
    return 0;
  }
  // Whatever was accepted is written back and read again unchanged.
  std::string Written = writeCacheEntry(*Facts);
  llvm::Expected<failguard::TranslationUnitFacts> Again = readCacheEntry(Written);
  if (!Again || writeCacheEntry(*Again) != Written)
    abort();
  return 0;
}
