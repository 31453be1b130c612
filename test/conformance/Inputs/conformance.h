// The harness of the conformance programs: tokens in, the class each call throws out.
#ifndef FAILGUARD_CONFORMANCE_H
#define FAILGUARD_CONFORMANCE_H

#include <cxxabi.h>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <typeinfo>

namespace conformance {

// The dynamic class of the exception being handled, as the compiler names
// it (inline ABI namespaces included; the checker drops them).
inline std::string currentExceptionClass() {
  const std::type_info *Type = abi::__cxa_current_exception_type();
  if (!Type)
    return "unknown";
  int Status = 0;
  std::unique_ptr<char, void (*)(void *)> Name(
      abi::__cxa_demangle(Type->name(), nullptr, nullptr, &Status), std::free);
  return Status == 0 && Name ? Name.get() : Type->name();
}

// Runs Call on Token and prints "CALL<TAB>CASE<TAB>RESULT": the class thrown,
// "none", or "not-reached" when a call it needs first threw (Call returns false).
inline void run(const std::string &Call, const std::string &Case,
                const std::function<bool()> &Body) {
  std::string Result;
  try {
    Result = Body() ? "none" : "not-reached";
  } catch (...) {
    Result = currentExceptionClass();
  }
  std::cout << Call << '\t' << Case << '\t' << Result << '\n';
}

inline std::string readFile(const char *Path) {
  std::ifstream In(Path, std::ios::binary);
  if (!In) {
    std::cerr << "cannot read " << Path << '\n';
    std::exit(2);
  }
  return std::string(std::istreambuf_iterator<char>(In), std::istreambuf_iterator<char>());
}

// Calls Each(case, token) for every "CASE TOKEN" line of standard input.
template <class F> int forEachToken(F Each) {
  std::string Line;
  while (std::getline(std::cin, Line)) {
    std::istringstream Fields(Line);
    std::string Case, Token;
    Fields >> Case >> Token;
    if (!Case.empty())
      Each(Case, Token);
  }
  return 0;
}

} // namespace conformance

#endif
