// Request handlers a framework's registration macros name in a class's source text.
#include "lib/MacroRegistrations.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace failguard {

namespace {
constexpr RegistrationMacro DrogonControllerMacros[] = {
    {"METHOD_ADD", 0, 1, "drogon::HttpController::registerMethod"},
    {"ADD_METHOD_TO", 0, 1, "drogon::HttpController::registerMethod"},
    {"ADD_METHOD_VIA_REGEX", 0, 1, "drogon::HttpController::registerMethodViaRegex"},
};

// A macro invocation's arguments are read up to this many tokens: a real
// registration has a few dozen.
constexpr unsigned MaxArgumentTokens = 512;
} // namespace

llvm::ArrayRef<RegistrationMacro> drogonControllerMacros() { return DrogonControllerMacros; }

std::vector<MacroRegistration> macroRegistrations(const CXXRecordDecl &Class,
                                                  llvm::ArrayRef<RegistrationMacro> Macros) {
  std::vector<MacroRegistration> Found;
  const CXXRecordDecl *Definition = Class.getDefinition();
  if (!Definition)
    return Found;
  const ASTContext &Ctx = Class.getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange Braces = Definition->getBraceRange();
  if (Braces.isInvalid() || Braces.getBegin().isMacroID() || Braces.getEnd().isMacroID())
    return Found;
  auto [File, Begin] = SM.getDecomposedLoc(Braces.getBegin());
  auto [EndFile, End] = SM.getDecomposedLoc(Braces.getEnd());
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid || File != EndFile || End > Buffer.size() || Begin >= End)
    return Found;

  Lexer Raw(SM.getLocForStartOfFile(File), Ctx.getLangOpts(), Buffer.begin(),
            Buffer.begin() + Begin, Buffer.end());
  Token Tok;
  auto Next = [&] {
    Raw.LexFromRawLexer(Tok);
    // A directive line (#if, #define, ...) is not code of the class.
    while (Tok.is(tok::hash) && Tok.isAtStartOfLine() && SM.getFileOffset(Tok.getLocation()) < End) {
      do
        Raw.LexFromRawLexer(Tok);
      while (!Tok.is(tok::eof) && !Tok.isAtStartOfLine());
    }
    return !Tok.is(tok::eof) && SM.getFileOffset(Tok.getLocation()) < End;
  };
  while (Next()) {
    if (!Tok.is(tok::raw_identifier))
      continue;
    llvm::StringRef Name = Tok.getRawIdentifier();
    const RegistrationMacro *Macro = llvm::find_if(
        Macros, [&](const RegistrationMacro &M) { return M.Name == Name; });
    if (Macro == Macros.end())
      continue;
    unsigned Line = SM.getSpellingLineNumber(Tok.getLocation());
    if (!Next() || !Tok.is(tok::l_paren))
      continue;
    // The arguments, split at the commas outside brackets.
    llvm::SmallVector<llvm::SmallVector<Token, 8>, 4> Arguments(1);
    unsigned Depth = 0, Count = 0;
    bool Closed = false;
    while (Next() && ++Count < MaxArgumentTokens) {
      if (Tok.isOneOf(tok::l_paren, tok::l_brace, tok::l_square)) {
        ++Depth;
      } else if (Tok.isOneOf(tok::r_paren, tok::r_brace, tok::r_square)) {
        if (Depth == 0) {
          Closed = Tok.is(tok::r_paren);
          break;
        }
        --Depth;
      } else if (Tok.is(tok::comma) && Depth == 0) {
        Arguments.emplace_back();
        continue;
      }
      Arguments.back().push_back(Tok);
    }
    if (!Closed || Macro->HandlerArgument >= Arguments.size())
      continue;
    // `Class::method`: the last identifier names the member function.
    MacroRegistration Registration;
    for (const Token &Part : Arguments[Macro->HandlerArgument])
      if (Part.is(tok::raw_identifier))
        Registration.Handler = Part.getRawIdentifier().str();
    if (Registration.Handler.empty())
      continue;
    if (Macro->PathArgument < Arguments.size())
      for (const Token &Part : Arguments[Macro->PathArgument])
        if (Part.is(tok::string_literal)) {
          llvm::StringRef Text(Part.getLiteralData(), Part.getLength());
          Registration.Path += Text.drop_front().drop_back().str();
        }
    Registration.Via = Macro->Via.str();
    Registration.Line = Line;
    Found.push_back(std::move(Registration));
  }
  return Found;
}

} // namespace failguard
