"""Findings and the problems that kept units from being checked, gathered from the analysis."""
import re

from .fingerprints import fingerprint
from .fs import real, relative

NO_BASELINE = 'no baseline:'


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
    for tu in analysis.units:
        unit, found, errors, unit_config_errors = analysis.results[tu]
        findings += found
        config_errors += unit_config_errors
        if errors:
            where, line, message = errors[0]
            if where:
                message = '%s:%d: %s' % (relative(where, root), line, message)
            problems.append({'kind': 'analysis-failed', 'file': real(unit),
                             'reason': '%s: %s' % (relative(real(unit), root), message)})
    new_files = {real(p) for p, s in ws.changes.items() if s == 'A'}
    unique, seen = [], set()
    for f in sorted(findings, key=lambda f: (f['file'], f['line'], f['col'], f['check'], f['message'])):
        if f['message'].startswith(NO_BASELINE):
            # A file new since the baseline has nothing to compare with; any
            # other unit without a baseline could not be checked.
            if f['file'] not in new_files and ('nb', f['file']) not in seen:
                seen.add(('nb', f['file']))
                problems.append({'kind': 'no-baseline', 'file': f['file'], 'reason':
                                 '%s: %s' % (relative(f['file'], root), f['message'])})
            continue
        key = (f['file'], f['line'], f['col'], f['check'], f['message'])
        if key not in seen:
            seen.add(key)
            unique.append(f)
    # A configuration error reaches every unit (and every check that reads the
    # option, prefixed with the check's name): say it once.
    distinct_config = []
    for message in config_errors:
        bare = re.sub(r'^failguard-[a-z-]+: ', '', message)
        if bare not in distinct_config:
            distinct_config.append(bare)
    problems = [{'kind': 'configuration', 'file': None, 'reason': 'configuration error: ' + m}
                for m in distinct_config] + sorted(problems + missing + analysis.index_warnings,
                                                   key=lambda p: p['file'])
    return Results(unique, problems, distinct_config)


def leave_out_accepted(results, accepted, root):
    """Leaves out of what is reported each finding an entry of `accepted`
    ({fingerprint: count}) accepts; each entry accepts one finding.
    `results.left` keeps the counts not used."""
    reported, left = [], dict(accepted)
    for f in results.findings:
        key = fingerprint(f, root)
        if left.get(key):
            left[key] -= 1
        else:
            reported.append(f)
    results.reported, results.left = reported, left
