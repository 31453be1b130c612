// NOLINT comments read as clang-tidy reads them, at the lines failguard anchors findings to.
#include "checks/Nolint.h"

#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>

#include "clang-tidy/GlobList.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include <optional>
#include <string>

using namespace clang;

namespace failguard {

namespace {

enum class Directive { NoLint, NextLine, Begin, End };

struct NolintComment {
  Directive Kind;
  size_t Offset;
  // Without a list (nullopt) it names every check.
  std::optional<std::string> Checks;

  bool names(llvm::StringRef Check) const {
    if (!Checks)
      return true;
    // As clang-tidy: a negative glob in a NOLINT list is ignored.
    return clang::tidy::GlobList(*Checks, /*KeepNegativeGlobs=*/false).contains(Check);
  }
};

// The list with the blanks around its items dropped: NOLINTBEGIN( a, b ) and
// NOLINTEND(a,b) close each other.
std::string normalized(llvm::StringRef List) {
  llvm::SmallVector<llvm::StringRef, 4> Items;
  List.split(Items, ',');
  for (llvm::StringRef &Item : Items)
    Item = Item.trim();
  return llvm::join(Items, ",");
}

// Every NOLINT directive in Text; offsets relative to Base.
llvm::SmallVector<NolintComment, 4> directivesIn(llvm::StringRef Text, size_t Base = 0) {
  llvm::SmallVector<NolintComment, 4> Found;
  constexpr llvm::StringLiteral Marker = "NOLINT";
  size_t Pos = 0;
  while ((Pos = Text.find(Marker, Pos)) != llvm::StringRef::npos) {
    size_t Start = Pos;
    Pos += Marker.size();
    while (Pos < Text.size() && llvm::isAlpha(Text[Pos]))
      ++Pos;
    llvm::StringRef Word = Text.slice(Start, Pos);
    std::optional<Directive> Kind;
    if (Word == "NOLINT")
      Kind = Directive::NoLint;
    else if (Word == "NOLINTNEXTLINE")
      Kind = Directive::NextLine;
    else if (Word == "NOLINTBEGIN")
      Kind = Directive::Begin;
    else if (Word == "NOLINTEND")
      Kind = Directive::End;
    if (!Kind)
      continue;
    std::optional<std::string> Checks;
    if (Pos < Text.size() && Text[Pos] == '(') {
      size_t Close = Text.find_first_of("\n)", Pos + 1);
      if (Close != llvm::StringRef::npos && Text[Close] == ')') {
        Checks = normalized(Text.slice(Pos + 1, Close));
        Pos = Close + 1;
      }
    }
    Found.push_back({*Kind, Base + Start, std::move(Checks)});
  }
  return Found;
}

// The line of Buffer that holds Offset, without its newline: [begin, end).
std::pair<size_t, size_t> lineAround(llvm::StringRef Buffer, size_t Offset) {
  size_t Newline = Buffer.rfind('\n', Offset); // the last one before Offset
  size_t Begin = Newline == llvm::StringRef::npos ? 0 : Newline + 1;
  size_t End = std::min(Buffer.find('\n', Offset), Buffer.size());
  return {Begin, End};
}

bool lineNames(llvm::StringRef Buffer, std::pair<size_t, size_t> Line, Directive Kind,
               llvm::StringRef Check) {
  return llvm::any_of(directivesIn(Buffer.slice(Line.first, Line.second)),
                      [&](const NolintComment &C) { return C.Kind == Kind && C.names(Check); });
}

// Whether a NOLINTBEGIN/NOLINTEND pair that names Check is around Offset.
// As clang-tidy, blocks nest and an end closes the innermost open block only
// when their lists are the same.
bool insideBlock(llvm::StringRef Buffer, size_t Offset, llvm::StringRef Check) {
  if (!Buffer.contains("NOLINTBEGIN"))
    return false;
  llvm::SmallVector<NolintComment, 4> Open;
  for (NolintComment &C : directivesIn(Buffer)) {
    if (C.Kind == Directive::Begin) {
      Open.push_back(std::move(C));
    } else if (C.Kind == Directive::End && !Open.empty() && Open.back().Checks == C.Checks) {
      NolintComment Begin = Open.pop_back_val();
      if (Begin.Offset < Offset && Offset < C.Offset && Begin.names(Check))
        return true;
    }
  }
  return false;
}

bool suppressesAtSpelling(const SourceManager &SM, SourceLocation Loc, llvm::StringRef Check) {
  auto [File, Offset] = SM.getDecomposedSpellingLoc(Loc);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid || Offset > Buffer.size())
    return false;
  std::pair<size_t, size_t> Line = lineAround(Buffer, Offset);
  if (lineNames(Buffer, Line, Directive::NoLint, Check))
    return true;
  if (Line.first > 0 &&
      lineNames(Buffer, lineAround(Buffer, Line.first - 1), Directive::NextLine, Check))
    return true;
  return insideBlock(Buffer, Offset, Check);
}

// The nearest statement around Site under S, as statementBegin describes it.
const Stmt *statementOf(const Stmt *S, const Expr *Site, const Stmt *Statement) {
  if (!S)
    return nullptr;
  if (S == Site)
    return Statement ? Statement : S;
  for (const Stmt *Child : S->children()) {
    if (!Child)
      continue;
    // A statement in a block, or a body of a control statement or label, is
    // a statement of its own; an expression elsewhere belongs to the
    // statement around it (the condition to its `if`, the value to `return`).
    const Stmt *Inner = Statement;
    if (isa<CompoundStmt>(S) || isa<SwitchCase, LabelStmt, AttributedStmt>(S))
      Inner = Child;
    // A range-based `for`: its body is a statement of its own; its range
    // (held in implicit declarations) belongs to the `for`.
    else if (const auto *Range = dyn_cast<CXXForRangeStmt>(S))
      Inner = Child == Range->getBody() ? Child : Statement;
    else if (!isa<Expr>(Child) && !isa<CompoundStmt>(Child))
      Inner = Child;
    else if (const auto *If = dyn_cast<IfStmt>(S);
             If && (Child == If->getThen() || Child == If->getElse()))
      Inner = Child;
    else if (const auto *While = dyn_cast<WhileStmt>(S); While && Child == While->getBody())
      Inner = Child;
    else if (const auto *For = dyn_cast<ForStmt>(S); For && Child == For->getBody())
      Inner = Child;
    else if (const auto *Do = dyn_cast<DoStmt>(S); Do && Child == Do->getBody())
      Inner = Child;
    if (const Stmt *Found = statementOf(Child, Site, Inner))
      return Found;
  }
  return nullptr;
}

} // namespace

bool nolintSuppresses(const SourceManager &SM, SourceLocation Loc, llvm::StringRef Check) {
  if (Loc.isInvalid())
    return false;
  while (true) {
    if (suppressesAtSpelling(SM, Loc, Check))
      return true;
    if (!Loc.isMacroID())
      return false;
    Loc = SM.getImmediateExpansionRange(Loc).getBegin();
  }
}

SourceLocation statementBegin(const FunctionDecl &Function, const Expr &Site) {
  if (const Stmt *Statement = statementOf(Function.getBody(), &Site, nullptr))
    return Statement->getBeginLoc();
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Function))
    for (const CXXCtorInitializer *Init : Constructor->inits())
      if (Init->isWritten() && statementOf(Init->getInit(), &Site, nullptr))
        return Init->getSourceLocation();
  return Site.getBeginLoc();
}

std::string statementText(const SourceManager &SM, const LangOptions &Lang,
                          const FunctionDecl &Function, const Expr &Site) {
  SourceRange Range = Site.getSourceRange();
  if (const Stmt *Statement = statementOf(Function.getBody(), &Site, nullptr))
    Range = Statement->getSourceRange();
  else if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Function))
    for (const CXXCtorInitializer *Init : Constructor->inits())
      if (Init->isWritten() && statementOf(Init->getInit(), &Site, nullptr))
        Range = Init->getSourceRange();
  CharSourceRange Chars =
      Lexer::makeFileCharRange(CharSourceRange::getTokenRange(Range), SM, Lang);
  if (Chars.isInvalid())
    return "";
  bool Invalid = false;
  llvm::StringRef Text = Lexer::getSourceText(Chars, SM, Lang, &Invalid);
  if (Invalid)
    return "";
  // Comments and white space left out; literals kept as written.
  constexpr size_t MaxStatementText = 4096;
  std::string Out;
  for (size_t I = 0; I < Text.size() && Out.size() < MaxStatementText; ++I) {
    char C = Text[I];
    if (Text.substr(I).starts_with("//")) {
      I = std::min(Text.find('\n', I), Text.size());
      continue;
    }
    if (Text.substr(I).starts_with("/*")) {
      size_t Close = Text.find("*/", I + 2);
      I = Close == llvm::StringRef::npos ? Text.size() : Close + 1;
      continue;
    }
    if (C == '"' || C == '\'') {
      size_t J = I + 1;
      while (J < Text.size() && Text[J] != C)
        J += Text[J] == '\\' ? 2 : 1;
      Out += Text.substr(I, J + 1 - I);
      I = J;
      continue;
    }
    if (!llvm::isSpace(C))
      Out += C;
  }
  if (Out.size() > MaxStatementText)
    Out.resize(MaxStatementText);
  return Out;
}

CallSuppression callSuppression(const SourceManager &SM, const FunctionDecl &Function,
                                const Expr &Site, llvm::StringRef Check) {
  CallSuppression Result;
  SourceLocation Warning = Site.getExprLoc();
  Result.AtWarning = nolintSuppresses(SM, Warning, Check);
  SourceLocation Begin = statementBegin(Function, Site);
  auto LineOf = [&](SourceLocation Loc) {
    FullSourceLoc Full(SM.getExpansionLoc(Loc), SM);
    return std::make_pair(Full.getFileID(), Full.getExpansionLineNumber());
  };
  if (Begin.isValid() && LineOf(Begin) != LineOf(Warning))
    Result.AtStatement = nolintSuppresses(SM, Begin, Check);
  return Result;
}

} // namespace failguard
