// Request handlers a framework's registration macros name in a class's source text.
#ifndef FAILGUARD_LIB_MACROREGISTRATIONS_H
#define FAILGUARD_LIB_MACROREGISTRATIONS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang {
class CXXRecordDecl;
} // namespace clang

namespace failguard {

/// A macro that registers a member function of the class it is written in
/// as a request handler: its name, which argument names the handler
/// (`Class::method`) and which the route path, and the routing call it
/// expands to.
struct RegistrationMacro {
  llvm::StringRef Name;
  unsigned HandlerArgument;
  unsigned PathArgument;
  llvm::StringRef Via;
};

/// drogon 1.9's METHOD_ADD, ADD_METHOD_TO and ADD_METHOD_VIA_REGEX
/// (drogon/HttpController.h).
llvm::ArrayRef<RegistrationMacro> drogonControllerMacros();

/// One handler a macro registers.
struct MacroRegistration {
  std::string Handler; // the member function's name
  std::string Path;    // the route path literal as written, without quotes; may be empty
  std::string Via;     // the routing call the macro expands to
  unsigned Line = 0;   // where the macro is written
};

/// The registrations that \p Macros write between the braces of \p Class's
/// definition, read from its source text (comments and preprocessor
/// directive lines skipped). For a class whose registration function body
/// the parse skipped, as clangd's preamble skips the bodies of header
/// functions: the tidy host sees the routing calls themselves.
std::vector<MacroRegistration> macroRegistrations(const clang::CXXRecordDecl &Class,
                                                  llvm::ArrayRef<RegistrationMacro> Macros);

} // namespace failguard

#endif
