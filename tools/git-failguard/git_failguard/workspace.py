"""The repository, what is compared with what, and what changed."""
import os
import sys

from .baseline_config import one_baseline
from .cdb import find_compilation_database, load_entries
from .comparison import changed_files, resolve_comparison
from .errors import Failure
from .fs import real, relative
from .git import find_repository, shown_root
from .paths import usable_cache_directory


class Workspace:
    """Where the run works: `root` (the work tree's real path), `user_cwd` and
    `shown` (the working directory and the work tree as the user reaches
    them), the `comparison`, the compilation database (`cdb_path`, its
    `entries`), the `changes` ({absolute path: status}) and `renames` ({new
    relative path: old}), and the `scope` (the PATHs given, resolved)."""

    def __init__(self, root, user_cwd, shown, comparison, cdb_path, entries, changes, renames,
                 scope):
        self.root, self.user_cwd, self.shown, self.comparison = root, user_cwd, shown, comparison
        self.cdb_path, self.entries = cdb_path, entries
        self.changes, self.renames, self.scope = changes, renames, scope
        self.cache_dir = usable_cache_directory()

    def in_scope(self, path):
        return not self.scope or any(path == s or path.startswith(s.rstrip('/') + '/')
                                     for s in self.scope)


def open_workspace(args):
    root, user_cwd = find_repository()
    shown = shown_root(root, user_cwd)
    comparison = resolve_comparison(root, args.base, args.staged, args.refs)
    build_dir = os.path.abspath(args.build_dir) if args.build_dir else None
    cdb_path = find_compilation_database(build_dir, root)
    entries = load_entries(cdb_path)
    comparison = one_baseline(args, root, entries, comparison)
    changes, renames = changed_files(root, comparison)
    refuse_pre_commit_without_change(args, changes)
    scope = checked_scope(args.paths, root, shown, changes)
    return Workspace(root, user_cwd, shown, comparison, cdb_path, entries, changes, renames, scope)


def refuse_pre_commit_without_change(args, changes):
    """pre-commit (which sets PRE_COMMIT=1) runs the hook's `--staged` for a
    commit only when files are staged; with nothing staged and no range it is
    `pre-commit run --all-files` (or --files), as in CI, where --staged would
    check nothing and pass. That is refused, with the command CI should run;
    with --all it sweeps instead. A pre-push of a branch with no commit on the
    remote (pre-commit gives no range then, only the remote's name) sweeps."""
    if not getattr(args, 'staged', False) or getattr(args, 'refs', None) or \
            getattr(args, 'all', False) or changes or os.environ.get('PRE_COMMIT') != '1':
        return
    if os.environ.get('PRE_COMMIT_REMOTE_NAME'):
        print("git-failguard: pre-push with no commit on '%s' to compare with: sweeping every "
              'unit of the working tree' % os.environ['PRE_COMMIT_REMOTE_NAME'], file=sys.stderr)
        args.all = True
        return
    raise Failure('pre-commit run without --from-ref/--to-ref and with nothing staged '
                  'checks no change: in CI run pre-commit run --from-ref <base> --to-ref '
                  'HEAD (or git failguard --base <base>), or give the hook args: [--all] '
                  'to sweep every unit')


def checked_scope(paths, root, shown, changes):
    """The PATHs given, resolved; one outside the repository, or that neither
    exists nor is changed (deleted, or only in the to-ref), is refused."""
    scope = [real(os.path.abspath(p)) for p in paths]
    changed_real = {real(p) for p in changes}
    for given, p in zip(paths, scope):
        if relative(p, root).startswith('..'):
            raise Failure("'%s' is outside the repository '%s'" % (p, shown))
        # A path the change deleted, or one only the to-ref has, may be absent.
        if not os.path.lexists(p) and not any(
                c == p or c.startswith(p.rstrip('/') + '/') for c in changed_real):
            raise Failure("'%s': no such file or directory" % given)
    return scope
