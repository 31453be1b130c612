"""git plumbing: commands that never refresh or rewrite the index."""
import hashlib
import os

from .children import CHILDREN
from .errors import Failure
from .fs import real

# Plumbing never takes optional locks; this keeps any git that a later change
# adds from refreshing the index too.
os.environ['GIT_OPTIONAL_LOCKS'] = '0'
# No git the driver runs may fetch: in a partial clone, reading an object that
# is not there would fetch it from the promisor remote into .git (and over the
# network). git 2.39 has no GIT_NO_LAZY_FETCH; a transport that no protocol
# may use makes that fetch fail at once. GIT_ALLOW_PROTOCOL wins over every
# protocol.* setting of the user's configuration; protocol.allow=never is
# said too, for any git that reads only the configuration.
os.environ['GIT_ALLOW_PROTOCOL'] = ''
NO_FETCH = ['-c', 'protocol.allow=never']


def git_command(directory, *args):
    """The argv of a git command run in `directory`: every git the driver runs
    is made here."""
    return ['git'] + NO_FETCH + (['-C', directory] if directory else []) + list(args)


def settle_environment():
    """GIT_DIR and GIT_WORK_TREE as git reads them in the user's working
    directory, made absolute for the git commands the driver runs in another
    one. GIT_DIR alone: git takes the working directory as the top of the work
    tree, the checks (libgit2) the directory that holds GIT_DIR; a run where
    the two differ is refused, one where they agree goes on."""
    for name in ('GIT_DIR', 'GIT_WORK_TREE'):
        if os.environ.get(name):
            os.environ[name] = os.path.abspath(os.environ[name])
    git_dir = os.environ.get('GIT_DIR')
    if not git_dir or os.environ.get('GIT_WORK_TREE'):
        return
    top = CHILDREN.run(git_command(None, 'rev-parse', '--show-toplevel'))
    if top.returncode != 0 or not top.stdout.strip():
        return  # find_repository says git's reason
    git_top = real(os.fsdecode(top.stdout).rstrip('\n'))
    checks_top = real(os.path.dirname(git_dir.rstrip('/')))
    if git_top != checks_top:
        raise Failure("GIT_DIR is set without GIT_WORK_TREE: git takes '%s' (the working "
                      "directory) as the work tree, the checks '%s'; run git failguard in '%s', "
                      "or unset GIT_DIR" % (git_top, checks_top, checks_top))


def git_message(stderr):
    """git's reason, and the command it suggests as a fix when it suggests one."""
    lines = [line.strip() for line in stderr.decode('utf-8', 'replace').splitlines() if line.strip()]
    if not lines:
        return 'failed', None
    reason = next((line for line in lines if line.startswith('fatal: ')), lines[-1])
    fix = lines[-1] if lines[-1] != reason and lines[-1].startswith('git ') else None
    return reason[len('fatal: '):] if reason.startswith('fatal: ') else reason, fix


def git_run(root, *args, stdin_data=None):
    return CHILDREN.run(git_command(root, *args), stdin_data=stdin_data)


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
    top = CHILDREN.run(git_command(None, 'rev-parse', '--show-toplevel'))
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
