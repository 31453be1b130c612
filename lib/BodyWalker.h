// The traversal rules every walk over one function body shares.
#ifndef FAILGUARD_LIB_BODYWALKER_H
#define FAILGUARD_LIB_BODYWALKER_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace failguard {

/// A try block around the code being walked.
struct TryScope {
  const clang::CXXTryStmt *Try;
  /// The handlers rethrow when they reach their end: a constructor's or
  /// destructor's function-try-block.
  bool ImplicitRethrow;
};

/// Walks the code of one function as it runs: its member initialisers, its
/// body (a function-try-block's handlers outside the try scope), the default
/// member initialisers and default arguments it uses, and the captures of its
/// lambdas; not the bodies of lambdas, blocks, local classes or nested
/// functions, which are functions of their own. `Tries` holds the try blocks
/// around the current node, innermost last. Derived classes (CRTP) add their
/// Visit/Traverse methods.
template <typename Derived>
class FunctionBodyWalker : public clang::RecursiveASTVisitor<Derived> {
  using Base = clang::RecursiveASTVisitor<Derived>;

public:
  llvm::SmallVector<TryScope, 4> Tries;

  void walkBody(const clang::FunctionDecl &Def) {
    clang::Stmt *Body = Def.getBody();
    auto *FunctionTry = llvm::dyn_cast_or_null<clang::CXXTryStmt>(Body);
    if (FunctionTry)
      Tries.push_back({FunctionTry, llvm::isa<clang::CXXConstructorDecl, clang::CXXDestructorDecl>(Def)});
    // Member initialisers, default member initialisers among them, run
    // inside the function-try-block.
    if (const auto *Ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(&Def))
      for (const clang::CXXCtorInitializer *Init : Ctor->inits())
        if (Init->getInit())
          self().TraverseStmt(Init->getInit());
    if (FunctionTry) {
      self().TraverseStmt(FunctionTry->getTryBlock());
      Tries.pop_back();
      for (unsigned I = 0; I < FunctionTry->getNumHandlers(); ++I)
        self().TraverseStmt(FunctionTry->getHandler(I)->getHandlerBlock());
    } else {
      self().TraverseStmt(Body);
    }
  }

  bool TraverseCXXTryStmt(clang::CXXTryStmt *S) {
    Tries.push_back({S, false});
    self().TraverseStmt(S->getTryBlock());
    Tries.pop_back();
    for (unsigned I = 0; I < S->getNumHandlers(); ++I)
      self().TraverseStmt(S->getHandler(I)->getHandlerBlock());
    return true;
  }

  // The expressions of default member initialisers and default arguments run
  // where they are used.
  bool TraverseCXXDefaultInitExpr(clang::CXXDefaultInitExpr *E) {
    return self().TraverseStmt(E->getExpr());
  }
  bool TraverseCXXDefaultArgExpr(clang::CXXDefaultArgExpr *E) {
    return self().TraverseStmt(E->getExpr());
  }

  // A lambda's body is a function of its own; its captures run here.
  bool TraverseLambdaExpr(clang::LambdaExpr *L) {
    for (clang::Expr *Init : L->capture_inits())
      if (Init)
        self().TraverseStmt(Init);
    return true;
  }
  bool TraverseBlockExpr(clang::BlockExpr *) { return true; }
  bool TraverseDecl(clang::Decl *D) {
    if (!D || llvm::isa<clang::FunctionDecl, clang::TagDecl, clang::FunctionTemplateDecl,
                        clang::ClassTemplateDecl>(D))
      return true;
    return Base::TraverseDecl(D);
  }

private:
  Derived &self() { return *static_cast<Derived *>(this); }
};

} // namespace failguard

#endif
