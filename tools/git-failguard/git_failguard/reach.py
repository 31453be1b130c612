"""Which units reach a changed function, by the summary index."""


def escaping_functions(units):
    """The USRs of the functions through which a modelled exception may
    leave, by the index alone: those with a modelled call that escapes, and
    their callers, transitively, except through a call inside `catch (...)`
    (other handlers are not judged here: kept, to over-approximate)."""
    callers, reached = {}, set()
    for unit in units:
        for function in unit['functions']:
            if function['throws']:
                reached.add(function['usr'])
            for call in function['calls']:
                if '...' not in call.get('handlers', []):
                    callers.setdefault(call['usr'], set()).add(function['usr'])
    work = list(reached)
    while work:
        for caller in callers.get(work.pop(), ()):
            if caller not in reached:
                reached.add(caller)
                work.append(caller)
    return reached, callers


def behaviour(function):
    """What of a summarised function its callers' escapes depend on: its
    modelled calls and its calls with their handlers, without locations."""
    return (sorted((t[0], t[1]) for t in function['throws']),
            [(c['usr'], c.get('handlers', []), sorted(c.get('outcomes', {}).items()))
             for c in function['calls']])


def units_reaching(units, changed, before=None):
    """The names of the units whose functions call, directly or through
    other functions, a function defined in one of `changed` (repository
    paths) through which an exception may escape and that is new or behaves
    otherwise than in `before` (the baseline's units, when there is one):
    their escapes may have changed although their own files did not."""
    escaping, callers = escaping_functions(units)
    unit_of = {}
    for unit in sorted(units, key=lambda u: u['unit']):
        for function in unit['functions']:
            unit_of.setdefault(function['usr'], unit['unit'])
    was = None
    if before is not None:
        was = {}
        for unit in sorted(before, key=lambda u: u['unit']):
            for function in unit['functions']:
                was.setdefault(function['usr'], behaviour(function))
    seeds = {function['usr'] for unit in units for function in unit['functions']
             if function['at'][0] in changed and function['usr'] in escaping
             and (was is None or was.get(function['usr']) != behaviour(function))}
    reached, work = set(seeds), list(seeds)
    while work:
        for caller in callers.get(work.pop(), ()):
            if caller not in reached:
                reached.add(caller)
                work.append(caller)
    return {unit_of[usr] for usr in reached if usr in unit_of}
