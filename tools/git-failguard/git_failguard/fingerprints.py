"""Line-independent identities of findings."""
import hashlib
import re

from .fs import relative


def fingerprint(finding, root):
    """A line-independent identity of one finding: its check, its file (relative
    to `root`) and its message without line numbers, commit ids and the
    baseline's name (the checks write "'<baseline as named>' (<short id>)": a
    branch name or a full commit id, which changes with how the run was
    asked). Findings that say the same thing in the same file share it;
    assign_fingerprints tells them apart."""
    message = re.sub(r"'[^']*' \([0-9a-f]{7,40}\)", '<baseline>', finding['message'])
    message = re.sub(r"\(([0-9a-f]{7,40})\)", '', message)
    message = re.sub(r':\d+', '', message)
    key = '\0'.join([finding['check'], relative(finding['file'], root), message])
    return hashlib.sha256(key.encode('utf-8', 'surrogateescape')).hexdigest()


def assign_fingerprints(findings, root):
    """One fingerprint per finding, unique within the list: fingerprint(f, root)
    followed by ':N', N counting the findings with the same fingerprint in
    source order (line, then column) from 1 — the shape of GitHub's
    primaryLocationLineHash. Moving code to other lines keeps it; a second
    identical finding in the file gets ':2'. Returns a list parallel to
    `findings`."""
    order = sorted(range(len(findings)),
                   key=lambda i: (findings[i]['line'], findings[i]['col'], i))
    counts, assigned = {}, [None] * len(findings)
    for i in order:
        base = fingerprint(findings[i], root)
        counts[base] = counts.get(base, 0) + 1
        assigned[i] = '%s:%d' % (base, counts[base])
    return assigned
