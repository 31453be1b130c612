"""Content from git objects, shown to the analysis through a VFS overlay."""
import json
import os

from .errors import Failure
from .fs import real
from .git import REGULAR_MODES, git, git_message, git_run, listed_files


def staged_blobs(root):
    """{path: blob id} of the index's content of every file whose working tree
    differs from it (or only looks so: stat data is not refreshed)."""
    differing = {p for p in git(root, 'diff-files', '--name-only', '-z').split('\0') if p}
    return {path: blob for (mode, blob, stage), path in listed_files(
        git(root, 'ls-files', '-s', '-z')) if path in differing and stage == '0'
        and mode in REGULAR_MODES} if differing else {}


def staged_overlay(root, scratch):
    """(the path of a VFS overlay, or None, and the content it shows): the
    overlay shows the index's content of every file whose working tree differs
    from it (or only looks so: stat data is not refreshed), so unstaged edits
    neither hide nor create findings."""
    return blob_overlay(root, scratch, staged_blobs(root))


def commit_blobs(root, commit, tree=None):
    """{path: blob id} of `commit`'s content of every file whose working tree
    differs from it (a file deleted in the working tree too). `tree`, a set,
    receives the path of every file and symlink the commit has."""
    differing = {p for p in git(root, 'diff-index', '--name-only', '-z', commit, '--').split('\0')
                 if p}
    if not differing and tree is None:
        return {}
    blobs = {}
    for (mode, kind, blob), path in listed_files(
            git(root, 'ls-tree', '-r', '-z', '--full-tree', commit)):
        if tree is not None and kind == 'blob':
            tree.add(path)
        if path in differing and kind == 'blob' and mode in REGULAR_MODES:
            blobs[path] = blob
    return blobs


def commit_overlay(root, scratch, commit):
    """(the path of a VFS overlay, or None, and the content it shows): the
    overlay shows `commit`'s content of every file whose working tree differs
    from it (a file deleted in the working tree is shown too), read from git
    objects: nothing is checked out."""
    return blob_overlay(root, scratch, commit_blobs(root, commit))


def missing_object(path, blob, reason):
    """The one line for an object git cannot read (never fetched: see git.py)."""
    return ("could not check: git object %s ('%s') cannot be read: %s (git failguard never "
            "fetches; in a partial clone fetch it first, e.g. git cat-file -e %s)"
            % (blob, path, reason, blob))


def blob_overlay(root, scratch, blobs):
    """Writes the blobs ({path relative to the root: blob id}) into `scratch`
    and a VFS overlay that shows them at their paths in the work tree. Returns
    the overlay's path (None without blobs) and {absolute path, as spelled under
    the root and resolved: content}, so that what reads these files for the
    results (SARIF regions, line hashes) reads the content that was analysed."""
    if not blobs:
        return None, {}
    order = sorted(blobs)
    batch = git_run(root, 'cat-file', '--batch',
                    stdin_data=''.join(blobs[p] + '\n' for p in order).encode())
    if batch.returncode != 0:
        reason = git_message(batch.stderr)[0]
        said = batch.stderr.decode('utf-8', 'replace')
        named = [p for p in order if blobs[p] in said]
        raise Failure(missing_object(named[0], blobs[named[0]], reason) if named else
                      'could not check: git cat-file --batch: %s' % reason)
    out, offset, directories, shown = batch.stdout, 0, {}, {}
    for relative_path in order:
        header_end = out.find(b'\n', offset)
        header = out[offset:header_end].split() if header_end >= 0 else []
        if len(header) != 3 or header[1] != b'blob' or not header[2].isdigit():
            raise Failure(missing_object(relative_path, blobs[relative_path],
                                         b' '.join(header[1:]).decode('utf-8', 'replace')
                                         or 'no answer'))
        size = int(header[2])
        content = out[header_end + 1:header_end + 1 + size]
        offset = header_end + 1 + size + 1
        copy = os.path.join(scratch, 'index', relative_path)
        os.makedirs(os.path.dirname(copy), exist_ok=True)
        with open(copy, 'wb') as f:
            f.write(content)
        path = os.path.join(root, relative_path)
        directories.setdefault(os.path.dirname(path), []).append(
            {'type': 'file', 'name': os.path.basename(path), 'external-contents': copy})
        shown[path] = content
        shown.setdefault(real(path), content)
    overlay = os.path.join(scratch, 'index-overlay.yaml')
    with open(overlay, 'w') as f:
        json.dump({'version': 0, 'case-sensitive': 'true', 'use-external-names': False,
                   'roots': [{'type': 'directory', 'name': d, 'contents': c}
                             for d, c in sorted(directories.items())]}, f)
    return overlay, shown
