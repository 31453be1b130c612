"""Line-independent identities of findings."""
import hashlib
import re

from .fs import relative


def message_key(message):
    """A message without line numbers, commit ids and the baseline's name (the
    checks write "'<baseline as named>' (<short id>)": a branch name or a full
    commit id, which changes with how the run was asked)."""
    message = re.sub(r"'[^']*' \([0-9a-f]{7,40}\)", '<baseline>', message)
    message = re.sub(r"\(([0-9a-f]{7,40})\)", '', message)
    return re.sub(r':\d+', '', message)


def digest(parts):
    return hashlib.sha256('\0'.join(parts).encode('utf-8', 'surrogateescape')).hexdigest()


def fingerprint(finding, root):
    """Version 1 (accepted files of version 1; SARIF failguard/v1 and Code
    Quality before version 2): the finding's check, its file (relative to `root`) and its message
    without line numbers, commit ids and the baseline's name. Findings that
    say the same thing in the same file share it; assign_fingerprints tells
    them apart by their order."""
    return digest([finding['check'], relative(finding['file'], root),
                   message_key(finding['message'])])


def code_fingerprint(finding, root):
    """Version 2 (accepted files of version 2, SARIF failguard/v2, Code
    Quality): what the finding is in the
    code, not where: its check, its file, the enclosing function's identity
    (a USR; a lambda by its enclosing function and what it is passed to, a
    route's literal included), the statement's text without comments and
    white space, and the exception classes, sorted. A finding the results
    file does not anchor (no function) falls back on its message, as in
    version 1. Findings identical in all of these share it, and only they."""
    function = finding.get('function')
    if not function:
        return digest(['v2-message', finding['check'], relative(finding['file'], root),
                       message_key(finding['message'])])
    return digest(['v2', finding['check'], relative(finding['file'], root), function,
                   finding.get('statement') or '', ','.join(finding.get('exceptions') or [])])


def assign_fingerprints(findings, root):
    """One fingerprint per finding, unique within the list: code_fingerprint(f,
    root) followed by ':N', N counting the findings with the same fingerprint in
    source order (line, then column) from 1 — the shape of GitHub's
    primaryLocationLineHash. Moving code to other lines keeps it; a second
    identical finding in the file gets ':2'. Returns a list parallel to
    `findings`."""
    order = sorted(range(len(findings)),
                   key=lambda i: (findings[i]['line'], findings[i]['col'], i))
    counts, assigned = {}, [None] * len(findings)
    for i in order:
        base = code_fingerprint(findings[i], root)
        counts[base] = counts.get(base, 0) + 1
        assigned[i] = '%s:%d' % (base, counts[base])
    return assigned
