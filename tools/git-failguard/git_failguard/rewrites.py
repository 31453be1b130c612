"""Renames with a rewrite: git pairs a deleted and an added file only when
their contents are at least half the same; a file moved and rewritten is a
deletion and a new file, and the baseline checks have nothing to compare the
new one with. Here a deleted and an added source file that define the same
functions (by the qualified names the summaries give them) are paired, and
the added file is judged against the deleted one, as a rename."""
import os
import shutil
import sys
import tempfile

from .analyser import analyse
from .fs import real, relative
from .git import git
from .includes import SOURCE_EXTENSIONS
from .index_query import defined
from .overlay import blob_overlay, commit_blobs, staged_blobs
from .tools import FAILGUARD_TIDY

# Each candidate file is parsed once (a summary pass): a change that deletes
# and adds more source files than this pairs none of them by their functions.
MAX_CANDIDATES = 16
# A name every program defines says nothing about where a file went.
COMMON_NAMES = {"'main'"}


def rewrite_candidates(ws):
    """(added units, deleted source files), both relative to the root, that
    git did not pair: the added ones in the compilation database."""
    root = ws.root
    paired = set(ws.renames.values())
    added = sorted(relative(p, root) for p, s in ws.changes.items()
                   if s == 'A' and real(p) in ws.entries and p.endswith(SOURCE_EXTENSIONS))
    deleted = sorted(relative(p, root) for p, s in ws.changes.items()
                     if s == 'D' and p.endswith(SOURCE_EXTENSIONS)
                     and relative(p, root) not in paired)
    return added, deleted


def content_blobs(ws):
    """{path: blob id} of the content under check where it is not the working
    tree's (the index, or the range's to-commit)."""
    if ws.comparison.mode == 'staged':
        return staged_blobs(ws.root)
    if ws.comparison.mode == 'range':
        return commit_blobs(ws.root, ws.comparison.to)
    return {}


def defined_names(ws, config, added, blobs, scratch, label):
    """The names of the functions defined in the unit `added` (relative),
    with its content from `blobs` where they name it; None when it could not
    be summarised."""
    root = ws.root
    directory = os.path.join(scratch, label)
    os.mkdir(directory, 0o700)
    overlay, _ = blob_overlay(root, directory, blobs)
    out = os.path.join(directory, 'summary.json')
    tu = real(os.path.join(root, added))
    command = [FAILGUARD_TIDY, '--quiet', '--summarise-to=' + out, '-p',
               ws.entries.unit_directory(tu)] + config + (
        ['--vfsoverlay=' + overlay] if overlay else [])
    result = analyse(ws.entries[tu][1], command, {'index': 'none'}, directory)
    if result.failed or not os.path.exists(out):
        return None
    return set(defined(out, added, directory)) - COMMON_NAMES


def pair_rewrites(ws, config):
    """Adds to `ws.renames` ({new: old}) each added unit whose functions a
    deleted source file defined at the baseline (the one with the most in
    common), and marks it renamed in `ws.changes`. Says each pairing."""
    added, deleted = rewrite_candidates(ws)
    base = ws.comparison.base
    if not added or not deleted or base is None:
        return
    if len(added) + len(deleted) > MAX_CANDIDATES:
        print('git-failguard: warning: %d added and %d deleted source files: not paired by '
              'the functions they define (at most %d in all); a file moved and rewritten among '
              'them is judged as new' % (len(added), len(deleted), MAX_CANDIDATES),
              file=sys.stderr)
        return
    scratch = tempfile.mkdtemp(prefix='git-failguard-rewrites-')
    try:
        blobs = content_blobs(ws)
        now = {a: defined_names(ws, config, a, blobs, scratch, 'now-%d' % i)
               for i, a in enumerate(added)}
        hosts = [a for a in added if now[a] is not None]
        # Each deleted file's content at the baseline, shown at the path of an
        # added unit and compiled with its command: the first added unit
        # under which it parses.
        before = {}
        for j, d in enumerate(deleted):
            old_blob = git(ws.root, 'rev-parse', '%s:%s' % (base, d)).strip()
            for k, host in enumerate(hosts):
                names = defined_names(ws, config, host, dict(blobs, **{host: old_blob}), scratch,
                                      'before-%d-%d' % (j, k))
                if names is not None:
                    before[d] = names
                    break
            else:
                print("git-failguard: warning: '%s' (deleted) does not parse with the command "
                      'of any added unit: no added file is judged against it' % d,
                      file=sys.stderr)
        # The pairs with the most functions in common first, across every
        # added file: a helper name that two files share does not take the
        # place of the file that defines the same functions.
        scores = sorted(((len(now[a] & before[d]), a, d) for a in hosts for d in before
                         if now[a] & before[d]), key=lambda p: (-p[0], p[1], p[2]))
        taken_new, taken_old = set(), set()
        for _, a, d in scores:
            if a in taken_new or d in taken_old:
                continue
            taken_new.add(a)
            taken_old.add(d)
            ws.renames[a] = d
            ws.changes[os.path.join(ws.root, a)] = 'R'
            names = sorted(now[a] & before[d])
            print("git-failguard: '%s' is judged against '%s', deleted: both define %s" % (
                a, d, ', '.join(names[:3]) +
                (' and %d more' % (len(names) - 3) if len(names) > 3 else '')), file=sys.stderr)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
