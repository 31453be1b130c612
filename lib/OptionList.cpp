// The one parser for list-valued check options.
#include "lib/OptionList.h"


namespace failguard {

std::vector<std::string> splitList(llvm::StringRef Raw, llvm::StringRef Separators) {
  std::vector<std::string> Items;
  while (!Raw.empty()) {
    size_t Cut = Raw.find_first_of(Separators);
    llvm::StringRef Item = Raw.substr(0, Cut);
    Raw = Cut == llvm::StringRef::npos ? llvm::StringRef() : Raw.substr(Cut + 1);
    Item = Item.trim();
    if (!Item.empty())
      Items.push_back(Item.str());
  }
  return Items;
}

} // namespace failguard
