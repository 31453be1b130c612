// The edge-case plan of one translation unit: its request boundaries, the auth calls that reach each, and what becomes of their exceptions.
#ifndef FAILGUARD_LIB_PLAN_H
#define FAILGUARD_LIB_PLAN_H

#include "lib/Boundaries.h"

#include "llvm/Support/JSON.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace failguard {

class TranslationUnitAnalysis;

/// A place: a repository-relative file (or an absolute one outside the
/// repository) and a line.
struct PlanPlace {
  std::string File;
  unsigned Line = 0;
};

/// One step from a boundary towards a modelled call: a function and the call
/// in it that the exception comes through.
struct PlanHop {
  std::string Function; // as diagnostics name it
  PlanPlace At;         // the call
};

/// One modelled exception of one modelled call that reaches a boundary.
struct PlanCall {
  std::string Api;
  std::string Library; // from the model; may be empty
  std::string Exception;
  /// The token edge cases that raise it (from the model; may be empty).
  std::vector<std::string> Cases;
  bool Escapes = false;
  /// Where it is stopped (the handler), when it does not escape.
  PlanPlace Handler;
  /// From the boundary down to the modelled call (the last hop).
  std::vector<PlanHop> Path;
};

/// A route a routing call or macro registers the boundary for.
struct PlanRoute {
  std::string Via;
  std::string Path; // empty where the code does not say
  std::vector<std::string> Methods;
  PlanPlace At;
};

/// Where the boundary reads its token from: a request header or a cookie the
/// code names with a literal, and the scheme it strips from the header's value
/// when it writes that as a literal too (`"Bearer "`).
struct PlanTokenSource {
  std::string Header; // one of Header and Cookie is set
  std::string Cookie;
  std::string Scheme; // may be empty
  PlanPlace At;       // the read
};

/// A request boundary of the unit.
struct PlanBoundary {
  std::string Function; // identity (facts key / USR)
  std::string Name;     // as diagnostics name it
  PlanPlace At;
  Boundary Why;
  /// What the code says of its routes (a handler may be registered twice).
  std::vector<PlanRoute> Routes;
  std::vector<PlanCall> Calls;
  /// What the verifiers on the way check, where the code writes it as a
  /// literal: "issuer", "audience", "subject" -> the value.
  std::map<std::string, std::string> Verifier;
  /// The claims beyond the registered ones that the code requires of the
  /// token, where it names them as literals: the claim -> the value it
  /// requires, or none when any value will do.
  std::map<std::string, std::optional<std::string>> Claims;
  /// The header or cookie the token comes from, where the code says it (in
  /// the boundary or a function it calls) and names one credential.
  std::optional<PlanTokenSource> Token;
};

/// The request boundaries of the unit (framework handlers, overrides,
/// middlewares, terminating coroutines and the configured ones; not the
/// noexcept, destructor and nullable-return kinds, which are not where
/// requests enter), each with every modelled exception that reaches it:
/// escaping it, or stopped by a handler on the way (in the boundary or in a
/// function it calls, a few calls deep), with the call path.
std::vector<PlanBoundary> planOf(TranslationUnitAnalysis &Analysis, const BoundaryPolicy &Policy);

/// The JSON form (docs/architecture.md, the plan file).
llvm::json::Value toJSON(const PlanBoundary &Boundary);

} // namespace failguard

#endif
