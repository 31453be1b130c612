"""git plumbing: commands that never refresh or rewrite the index."""
import hashlib
import os

from .children import CHILDREN
from .errors import Failure
from .fs import real

# Plumbing never takes optional locks; this keeps any git that a later change
# adds from refreshing the index too.
os.environ['GIT_OPTIONAL_LOCKS'] = '0'


def git_message(stderr):
    """git's reason, and the command it suggests as a fix when it suggests one."""
    lines = [line.strip() for line in stderr.decode('utf-8', 'replace').splitlines() if line.strip()]
    if not lines:
        return 'failed', None
    reason = next((line for line in lines if line.startswith('fatal: ')), lines[-1])
    fix = lines[-1] if lines[-1] != reason and lines[-1].startswith('git ') else None
    return reason[len('fatal: '):] if reason.startswith('fatal: ') else reason, fix


def git_run(root, *args):
    return CHILDREN.run(['git', '-C', root] + list(args))


def git(root, *args, check=True):
    """git's output as text; paths that are not UTF-8 keep their bytes as
    surrogate escapes, as os.fsdecode does."""
    run = git_run(root, *args)
    if check and run.returncode != 0:
        reason, fix = git_message(run.stderr)
        raise Failure('git %s: %s%s' % (' '.join(args), reason, '; fix: ' + fix if fix else ''))
    return os.fsdecode(run.stdout)


def find_repository():
    """(the work tree's real path, the user's working directory as the user sees it)."""
    user_cwd = os.getcwd()
    shown = os.environ.get('PWD')
    if shown and os.path.isabs(shown) and real(shown) == user_cwd:
        user_cwd = os.path.normpath(shown)
    top = CHILDREN.run(['git', 'rev-parse', '--show-toplevel'])
    if top.returncode != 0:
        reason, fix = git_message(top.stderr)
        if reason.startswith('not a git repository (or any'):
            raise Failure("'%s' is not inside a git repository" % user_cwd)
        raise Failure('git: %s%s' % (reason, '; fix: ' + fix if fix else ''))
    work_tree = os.fsdecode(top.stdout).rstrip('\n')
    if not os.path.isdir(work_tree):
        raise Failure("git's work tree '%s' is not a directory (is GIT_WORK_TREE right?)"
                      % work_tree)
    return real(work_tree), user_cwd


def shown_root(root, user_cwd):
    """The work tree as the user reaches it (through a symlinked directory, say)."""
    candidate = os.path.normpath(os.path.join(user_cwd, os.path.relpath(root, os.getcwd())))
    return candidate if real(candidate) == root else root


def listed_files(output):
    """git's -z listings of the form 'field field ...\tpath': (fields, path) each."""
    for record in output.split('\0'):
        if record:
            info, path = record.split('\t', 1)
            yield info.split(), path


# Modes of regular files: a symlink's or submodule's entry is no file content.
REGULAR_MODES = ('100644', '100755')


def git_blob_id(data):
    return hashlib.sha1(b'blob %d\0' % len(data) + data).hexdigest()
