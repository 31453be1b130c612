// Handlers of modelled exceptions that the baseline had and the unit lost.
#ifndef FAILGUARD_LIB_REMOVEDHANDLERS_H
#define FAILGUARD_LIB_REMOVEDHANDLERS_H

#include "lib/Facts.h"
#include "lib/SummaryIndex.h"

#include <string>
#include <vector>

namespace clang {
class Expr;
class FunctionDecl;
} // namespace clang

namespace failguard {

struct BaselineState;
class TranslationUnitAnalysis;

/// One call whose exceptions a baseline handler stopped and nothing stops now.
struct RemovedHandler {
  const clang::FunctionDecl *Function = nullptr;
  /// The baseline function it was compared with.
  const FunctionFact *Was = nullptr;
  const clang::Expr *Site = nullptr;
  /// The modelled function the exceptions come from; empty at a call of a
  /// function defined elsewhere (Callee), whose handler was the evidence.
  std::string Api;
  std::string Callee;
  std::vector<std::string> Types;
  /// The baseline handlers that stopped them.
  std::vector<const HandledFact *> Handlers;
  /// An escape through a call into another unit: the path beyond it.
  const RemoteEscape *Remote = nullptr;
  /// The function's signature changed since the baseline one it was compared with.
  bool SignatureChanged = false;
};

/// The removed handlers of the unit against \p State (a baseline that is
/// neither unchanged nor new). Handling that moved into a helper the call now
/// goes through, or up into every caller (in this unit, and in other units as
/// the project index knows them), is not a removed handler.
std::vector<RemovedHandler> findRemovedHandlers(TranslationUnitAnalysis &Analysis,
                                                const BaselineState &State);

/// A function whose optional- or result-like return type became plain.
struct NarrowedReturn {
  const clang::FunctionDecl *Function = nullptr; // its definition, else its first declaration
  const FunctionFact *Was = nullptr;
  bool SignatureChanged = false;
};

std::vector<NarrowedReturn> findNarrowedReturns(TranslationUnitAnalysis &Analysis,
                                                const BaselineState &State);

} // namespace failguard

#endif
