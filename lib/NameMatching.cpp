// Qualified names as written in models and options, and lookups by them.
#include "lib/NameMatching.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace failguard {

static void appendScope(const DeclContext *DC, std::string &Out) {
  llvm::SmallVector<StringRef, 8> Parts;
  for (; DC && !DC->isTranslationUnit(); DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Parts.push_back(NS->getName());
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      if (RD->getIdentifier())
        Parts.push_back(RD->getName());
    } else if (const auto *FD = dyn_cast<FunctionDecl>(DC)) {
      if (FD->getIdentifier())
        Parts.push_back(FD->getName());
    }
  }
  for (auto It = Parts.rbegin(); It != Parts.rend(); ++It) {
    Out += *It;
    Out += "::";
  }
}

std::string qualifiedName(const NamedDecl &D) {
  std::string Out;
  appendScope(D.getDeclContext(), Out);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&D)) {
    Out += Ctor->getParent()->getName();
  } else if (const auto *Dtor = dyn_cast<CXXDestructorDecl>(&D)) {
    Out += '~';
    Out += Dtor->getParent()->getName();
  } else if (D.getIdentifier()) {
    Out += D.getName();
  } else {
    Out += D.getDeclName().getAsString();
  }
  return Out;
}

std::string unqualifiedName(const NamedDecl &D) {
  if (D.getDeclName().isIdentifier())
    return D.getName().str();
  return unqualifiedName(qualifiedName(D)).str();
}

StringRef unqualifiedName(StringRef QualifiedName) {
  size_t Colons = QualifiedName.rfind("::");
  return Colons == StringRef::npos ? QualifiedName : QualifiedName.substr(Colons + 2);
}

bool isLambdaCallOperator(const FunctionDecl &FD) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&FD);
  return Method && Method->getParent()->isLambda();
}

const FunctionDecl *enclosingFunction(const FunctionDecl &Lambda) {
  for (const DeclContext *DC = cast<CXXMethodDecl>(Lambda).getParent()->getParent(); DC;
       DC = DC->getParent())
    if (const auto *FD = dyn_cast<FunctionDecl>(DC))
      return FD;
  return nullptr;
}

std::string describeFunction(const FunctionDecl &FD) {
  if (!isLambdaCallOperator(FD))
    return "'" + qualifiedName(FD) + "'";
  const FunctionDecl *Enclosing = enclosingFunction(FD);
  return Enclosing ? "lambda in " + describeFunction(*Enclosing) : "lambda";
}

static bool isIdentifier(StringRef S) {
  if (S.empty() || !(isalpha(static_cast<unsigned char>(S[0])) || S[0] == '_'))
    return false;
  return llvm::all_of(S.drop_front(), [](char C) {
    return isalnum(static_cast<unsigned char>(C)) || C == '_';
  });
}

bool isValidQualifiedName(StringRef Name) {
  Name.consume_front("::");
  if (Name.empty())
    return false;
  llvm::SmallVector<StringRef, 6> Parts;
  Name.split(Parts, "::");
  for (size_t I = 0; I < Parts.size(); ++I) {
    StringRef Part = Parts[I];
    // Destructors may be named as the last component.
    if (I + 1 == Parts.size())
      Part.consume_front("~");
    if (!isIdentifier(Part))
      return false;
  }
  return true;
}

const CXXRecordDecl *classOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return nullptr;
  if (const auto *Def = RD->getDefinition())
    return Def;
  return RD;
}

const Expr *withoutConversions(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 16; ++Depth) {
    E = E->IgnoreUnlessSpelledInSource();
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    if (!Construct || Construct->getNumArgs() == 0 || isa<CXXTemporaryObjectExpr>(Construct))
      return E;
    E = Construct->getArg(0);
  }
  return E;
}

const NamedDecl *namedClassTemplate(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType().getCanonicalType();
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    return TST->getTemplateName().getAsTemplateDecl();
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return nullptr;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    return Spec->getSpecializedTemplate();
  return RD;
}

static const CXXRecordDecl *asClass(const NamedDecl *D) {
  if (const auto *TD = dyn_cast<TypedefNameDecl>(D))
    return classOf(TD->getUnderlyingType());
  if (const auto *CTD = dyn_cast<ClassTemplateDecl>(D))
    return CTD->getTemplatedDecl();
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
    return RD->getDefinition() ? RD->getDefinition() : RD;
  return nullptr;
}

const CXXRecordDecl *findClass(ASTContext &Ctx, StringRef Name) {
  Name.consume_front("::");
  llvm::SmallVector<StringRef, 6> Parts;
  Name.split(Parts, "::");
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  const NamedDecl *Found = nullptr;
  for (size_t I = 0; I < Parts.size(); ++I) {
    if (!DC)
      return nullptr;
    // Names declared in inline namespaces are also visible in the parent's
    // lookup table, so one lookup per component is enough.
    auto Result = DC->getPrimaryContext()->lookup(&Ctx.Idents.get(Parts[I]));
    Found = nullptr;
    for (const NamedDecl *Candidate : Result) {
      if (I + 1 < Parts.size()) {
        if (isa<NamespaceDecl, NamespaceAliasDecl, CXXRecordDecl, TypedefNameDecl>(
                Candidate)) {
          Found = Candidate;
          break;
        }
      } else if (asClass(Candidate)) {
        Found = Candidate;
        break;
      }
    }
    if (!Found)
      return nullptr;
    if (I + 1 == Parts.size())
      break;
    if (const auto *Alias = dyn_cast<NamespaceAliasDecl>(Found))
      DC = Alias->getNamespace();
    else if (const auto *NS = dyn_cast<NamespaceDecl>(Found))
      DC = NS;
    else if (const CXXRecordDecl *RD = asClass(Found))
      DC = RD->getDefinition();
    else
      DC = nullptr;
  }
  return Found ? asClass(Found) : nullptr;
}

} // namespace failguard
