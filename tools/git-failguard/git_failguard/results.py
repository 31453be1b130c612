"""Findings and the problems that kept units from being checked, gathered from the analysis."""
from .fs import real, relative

class Results:
    """What a run found: the distinct `findings` in source order, the
    `problems` (configuration errors first, then by file), the distinct
    configuration errors (`config_errors`) and, once accepted findings are
    left out, what is `reported`."""

    def __init__(self, findings, problems, config_errors):
        self.findings, self.problems, self.config_errors = findings, problems, config_errors
        self.reported, self.left = list(findings), {}


def problem_level(problem):
    """'error' for a problem that leaves the change unchecked (exit 2),
    'warning' for one that does not (a unit left out of the summary index)."""
    return problem.get('level', 'error')


def gather(analysis, ws, missing):
    """The Results of an Analysis, with the `missing` sources' problems."""
    root = ws.root
    findings, problems, config_errors = [], [], []
    new_files = {real(p) for p, s in ws.changes.items() if s == 'A'}
    without_baseline = []
    for tu in analysis.units:
        result, unit = analysis.results[tu], real(tu)
        findings += result.findings
        config_errors += result.config_errors
        if result.errors:
            where, line, message = result.errors[0]
            if where:
                message = '%s:%d: %s' % (relative(where, root), line, message)
            problems.append({'kind': 'analysis-failed', 'file': unit,
                             'reason': '%s: %s' % (relative(unit, root), message)})
        # A file new since the baseline has nothing to compare with; any other
        # unit without a baseline could not be checked (said once per unit).
        if result.no_baseline and unit not in new_files:
            _, message = min(result.no_baseline)
            without_baseline.append({'kind': 'no-baseline', 'file': unit, 'reason':
                                     '%s: %s' % (relative(unit, root), message)})
    problems += without_baseline
    unique, seen = [], set()
    for f in sorted(findings, key=lambda f: (f['file'], f['line'], f['col'], f['check'], f['message'])):
        key = (f['file'], f['line'], f['col'], f['check'], f['message'])
        if key not in seen:
            seen.add(key)
            unique.append(f)
    # A configuration error reaches every unit: say it once.
    distinct_config = []
    for message in config_errors:
        if message not in distinct_config:
            distinct_config.append(message)
    problems = [{'kind': 'configuration', 'file': None, 'reason': 'configuration error: ' + m}
                for m in distinct_config] + sorted(problems + missing + analysis.index_warnings,
                                                   key=lambda p: p['file'])
    return Results(unique, problems, distinct_config)


def leave_out_accepted(results, accepted, root):
    """Leaves out of what is reported each finding an entry of `accepted` (an
    accepted.Accepted, or None) accepts; each entry accepts one finding, the
    first in source order among those with its fingerprint. `results.left`
    keeps the counts not used."""
    if accepted is None:
        return
    reported, left = [], dict(accepted.counts)
    for f in results.findings:
        key = accepted.key(f, root)
        if left.get(key):
            left[key] -= 1
        else:
            reported.append(f)
    results.reported, results.left = reported, left
