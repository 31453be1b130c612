"""GitLab Code Quality reports."""
import hashlib

from .fingerprints import assign_fingerprints
from .fs import relative
from .results import problem_level
from .sarif import sarif_text


def to_codequality(findings, problems, root):
    """GitLab Code Quality: one 'major' issue per finding (its notes, with their
    locations, appended to the description) and one 'blocker' issue per unit
    that could not be checked, at the unit's first line ('minor' for a unit left
    out of the summary index). Configuration errors name no file and are not
    in it (the run exits 2 and says so on stderr)."""
    issues = []
    for f, assigned in zip(findings, assign_fingerprints(findings, root)):
        description = f['message'] + ''.join(
            ' (note: %s:%d: %s)' % (relative(n['file'], root), n['line'], n['message'])
            for n in f['notes'])
        issues.append({'type': 'issue', 'description': sarif_text(description),
                       'check_name': f['check'], 'categories': ['Bug Risk', 'Security'],
                       'fingerprint': assigned, 'severity': 'major',
                       'location': {'path': sarif_text(relative(f['file'], root)),
                                    'lines': {'begin': f['line']}}})
    for problem in problems:
        if not problem['file']:
            continue
        path = relative(problem['file'], root)
        error = problem_level(problem) == 'error'
        issues.append({'type': 'issue', 'description': sarif_text(
            ('failguard could not check this unit: ' if error else '') + problem['reason']),
            'check_name': 'failguard-could-not-check' if error else 'failguard-' + problem['kind'],
            'categories': ['Bug Risk'],
            'fingerprint': hashlib.sha256(('%s\0%s' % (problem['kind'], path)).encode(
                'utf-8', 'surrogateescape')).hexdigest(),
            'severity': 'blocker' if error else 'minor',
            'location': {'path': sarif_text(path), 'lines': {'begin': 1}}})
    return issues
