// The few Clang APIs that differ between the LLVM majors failguard builds against (19 and 22).
#ifndef FAILGUARD_LIB_LLVMCOMPAT_H
#define FAILGUARD_LIB_LLVMCOMPAT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <memory>

// Only the two majors the suite runs on are spelled out; the branches are keyed
// on 22 because that is the release they were checked against.
static_assert(LLVM_VERSION_MAJOR == 19 || LLVM_VERSION_MAJOR == 22,
              "failguard builds against LLVM 19 or LLVM 22");

namespace failguard::compat {

/// A diagnostics engine that drops everything it is given. LLVM 22 takes the
/// options by reference, so they live next to the engine.
class IgnoringDiagnostics {
public:
#if LLVM_VERSION_MAJOR >= 22
  IgnoringDiagnostics()
      : Engine(clang::DiagnosticIDs::create(), Options, new clang::IgnoringDiagConsumer) {}
#else
  IgnoringDiagnostics()
      : Engine(new clang::DiagnosticIDs, new clang::DiagnosticOptions,
               new clang::IgnoringDiagConsumer) {}
#endif
  clang::DiagnosticsEngine &engine() { return Engine; }

private:
#if LLVM_VERSION_MAJOR >= 22
  clang::DiagnosticOptions Options;
#endif
  clang::DiagnosticsEngine Engine;
};

/// A compiler instance for \p Invocation whose diagnostics go to \p Client
/// (owned by the instance) and whose files come from \p Files as given, with
/// no overlay from the invocation added.
inline std::unique_ptr<clang::CompilerInstance>
makeCompilerInstance(std::shared_ptr<clang::CompilerInvocation> Invocation,
                     clang::DiagnosticConsumer *Client,
                     llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Files) {
#if LLVM_VERSION_MAJOR >= 22
  auto Compiler = std::make_unique<clang::CompilerInstance>(std::move(Invocation));
  Compiler->setVirtualFileSystem(std::move(Files));
  Compiler->createDiagnostics(Client, /*ShouldOwnClient=*/true);
  Compiler->createFileManager();
#else
  auto Compiler = std::make_unique<clang::CompilerInstance>();
  Compiler->setInvocation(std::move(Invocation));
  Compiler->createDiagnostics(Client, /*ShouldOwnClient=*/true);
  Compiler->createFileManager(std::move(Files));
#endif
  return Compiler;
}

/// The canonical type of the class \p Record declares.
inline clang::CanQualType canonicalRecordType(const clang::ASTContext &Ctx,
                                              const clang::CXXRecordDecl &Record) {
#if LLVM_VERSION_MAJOR >= 22
  return Ctx.getCanonicalTagType(&Record);
#else
  return Ctx.getCanonicalType(Ctx.getTypeDeclType(&Record));
#endif
}

/// Makes \p Path absolute against \p Directory (LLVM 22 moved the function
/// from sys::fs to sys::path).
inline void makeAbsolute(const llvm::Twine &Directory, llvm::SmallVectorImpl<char> &Path) {
#if LLVM_VERSION_MAJOR >= 22
  llvm::sys::path::make_absolute(Directory, Path);
#else
  llvm::sys::fs::make_absolute(Directory, Path);
#endif
}

/// Where clangd's resolved per-file configuration (clang::clangd::Config, whose
/// header Debian does not ship) keeps `Diagnostics.SuppressAll` (a bool, set by
/// `Suppress: '*'`) and `Diagnostics.Suppress` (an llvm::StringSet<> of the
/// other names), in bytes from the object's start. Read off the level adjuster
/// in ParsedAST.cpp.o of Debian's libclangDaemon.a (the lambda ParsedAST::build
/// installs, which tests these two fields first); failguard-clangd checks them
/// against clangd's default configuration before it relies on them.
#if LLVM_VERSION_MAJOR >= 22
inline constexpr size_t ClangdConfigSuppressAllOffset = 0xa8;
inline constexpr size_t ClangdConfigSuppressOffset = 0xb0;
#else
inline constexpr size_t ClangdConfigSuppressAllOffset = 0xa0;
inline constexpr size_t ClangdConfigSuppressOffset = 0xa8;
#endif

} // namespace failguard::compat

#endif
