"""The baseline commit, the content analysed, and the files that changed between them."""
import os

from .errors import Failure
from .git import git, git_run


class Comparison:
    """What is compared with what. `mode` is 'worktree' (the working tree and
    its untracked files), 'staged' (the index) or 'range' (the commit `to`);
    `base` is the baseline commit, or None before the first commit (everything
    is new); `label` names the baseline for the user; `baseline_ref` and
    `merge_base` are what the checks are told (the run file's baseline) to
    find the same commit."""

    def __init__(self, mode, base, label, baseline_ref=None, merge_base=True, to=None):
        self.mode, self.base, self.label, self.to = mode, base, label, to
        self.baseline_ref, self.merge_base = baseline_ref or label, merge_base


def commit_of(root, ref):
    run = git_run(root, 'rev-parse', '--verify', '--quiet', ref + '^{commit}')
    return run.stdout.decode().strip() if run.returncode == 0 else None


def is_shallow(root):
    return git(root, 'rev-parse', '--is-shallow-repository', check=False).strip() == 'true'


def missing_ref(root, ref, what):
    hint = ('; this is a shallow clone: fetch it, e.g. %s' % fetch_hint(root, ref)) \
        if is_shallow(root) else ''
    return Failure("%s '%s' not found%s" % (what, ref, hint))


def fetch_hint(root, ref):
    """A command that makes a missing base available in a shallow clone."""
    remotes = git(root, 'remote', check=False).split()
    owners = [remote for remote in remotes if ref.startswith(remote + '/')]
    if not owners:
        return "'git fetch --unshallow'"
    remote = max(owners, key=len)
    branch = ref[len(remote) + 1:]
    tracking = 'refs/remotes/%s/%s' % (remote, branch)
    refspecs = git(root, 'config', '--get-all', 'remote.%s.fetch' % remote, check=False).split()
    if any(fetched_as(spec, 'refs/heads/' + branch) == tracking for spec in refspecs):
        return "'git fetch --unshallow' or 'git fetch %s %s'" % (remote, branch)
    # The remote's refspecs do not store this branch: name the destination.
    return "'git fetch --unshallow' or 'git fetch %s %s:%s'" % (remote, branch, tracking)


def fetched_as(refspec, source):
    """Where a fetch with `refspec` stores the remote ref `source`, if it does."""
    if ':' not in refspec:
        return None
    pattern, destination = refspec.lstrip('+').split(':', 1)
    if '*' not in pattern:
        return destination if pattern == source else None
    prefix, suffix = pattern.split('*', 1)
    if (len(source) > len(prefix) + len(suffix) and source.startswith(prefix)
            and source.endswith(suffix)):
        return destination.replace('*', source[len(prefix):len(source) - len(suffix)], 1)
    return None


def resolve_comparison(root, ref, staged, refs):
    if refs:
        # A range A..B (pre-commit's --from-ref/--to-ref): the content is B's,
        # the baseline the merge-base of A and B, as in git diff A...B.
        first, last = refs
        start = commit_of(root, first)
        if start is None:
            raise missing_ref(root, first, 'from-ref')
        end = commit_of(root, last)
        if end is None:
            raise missing_ref(root, last, 'to-ref')
        base = git_run(root, 'merge-base', start, end)
        if base.returncode != 0:
            hint = "; this is a shallow clone: fetch more history, e.g. 'git fetch --unshallow'" \
                if is_shallow(root) else ''
            raise Failure("no merge-base of '%s' and '%s'%s" % (first, last, hint))
        base = base.stdout.decode().strip()
        # The checks take the merge-base of their ref and HEAD: name the
        # from-ref when that is the same commit, else the commit itself.
        head = commit_of(root, 'HEAD')
        along = head is not None and git(root, 'merge-base', start, head, check=False).strip() == base
        return Comparison('range', base, '%s...%s' % (first, last),
                          baseline_ref=first if along else base, merge_base=along, to=end)
    mode = 'staged' if staged else 'worktree'
    if staged or not ref:
        head = commit_of(root, 'HEAD')
        if head is None:
            if git_run(root, 'symbolic-ref', '--quiet', 'HEAD').returncode != 0:
                git(root, 'rev-parse', '--verify', 'HEAD')  # git's own reason
                raise Failure('HEAD does not name a commit')
            # No commit yet: everything is new.
            return Comparison(mode, None, 'HEAD (no commit yet)', baseline_ref='HEAD')
        return Comparison(mode, head, 'HEAD')
    return base_comparison(root, mode, ref, 'base')


def base_comparison(root, mode, ref, what, merge_base=True):
    """The comparison with `ref` (named `what` when it is missing): the
    merge-base of it and HEAD, or (`merge_base` false) its commit, as the
    checks take BaselineRef and UseMergeBase."""
    commit = commit_of(root, ref)
    if commit is None:
        raise missing_ref(root, ref, what)
    if not merge_base:
        return Comparison(mode, commit, ref, merge_base=False)
    if commit_of(root, 'HEAD') is None:
        raise Failure("no merge-base of '%s' and HEAD: HEAD has no commit yet" % ref)
    base = git_run(root, 'merge-base', commit, 'HEAD')
    if base.returncode != 0:
        hint = "; this is a shallow clone: fetch more history, e.g. 'git fetch --unshallow'" \
            if is_shallow(root) else ''
        raise Failure("no merge-base of '%s' and HEAD%s" % (ref, hint))
    return Comparison(mode, base.stdout.decode().strip(), ref)


def empty_tree(root):
    """The id of the empty tree (nothing is written: no -w)."""
    return git(root, 'hash-object', '-t', 'tree', os.devnull).strip()


def changed_files(root, comparison):
    """{absolute path: status}, {new relative path: old relative path}."""
    base = comparison.base or empty_tree(root)
    if comparison.mode == 'range':
        args = ['diff-tree', '-r', '--name-status', '-M', '-z', base, comparison.to, '--']
    else:
        args = ['diff-index', '--name-status', '-M', '-z'] + \
            (['--cached'] if comparison.mode == 'staged' else []) + [base, '--']
    fields = git(root, *args).split('\0')
    changes, renames = {}, {}
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in 'RC':
            old, new = fields[i + 1], fields[i + 2]
            i += 3
            if status == 'R':
                renames[new] = old
            changes[os.path.join(root, new)] = 'A' if status == 'C' else 'R'
        else:
            changes[os.path.join(root, fields[i + 1])] = status
            i += 2
    if comparison.mode == 'worktree':
        for path in git(root, 'ls-files', '--others', '--exclude-standard', '-z').split('\0'):
            if path:
                changes[os.path.join(root, path)] = 'A'
    return changes, renames
