"""Where the tools may write and what they may read: one rule for each, used
by every option that names a file."""
import os
import stat

from .errors import Failure
from .fs import cache_directory, read_regular
from .git import git_command
from .children import CHILDREN


def nearest_directory(path):
    """The nearest existing directory at or above `path` (absolute)."""
    current = path
    while not os.path.isdir(current):
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    return current


def places(path):
    """Where a write to `path` lands: the path with its directory's symlinks
    resolved (a file written by renaming over it), and its real path (a file
    opened through a symlink, a dangling one included)."""
    absolute = os.path.abspath(path)
    spelled = os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))
    return [spelled] + ([os.path.realpath(absolute)]
                        if os.path.realpath(absolute) != spelled else [])


def inside(path, directory):
    directory = directory.rstrip('/')
    return path == directory or path.startswith(directory + '/')


def repository_of(directory):
    """(the real git directories, the real top of the work tree or None) of
    the repository that holds `directory`, as git finds it (GIT_DIR included);
    None outside any repository."""
    run = CHILDREN.run(git_command(directory, 'rev-parse', '--absolute-git-dir',
                                   '--git-common-dir'))
    if run.returncode != 0:
        return None
    lines = os.fsdecode(run.stdout).splitlines()
    if len(lines) < 2:
        return None
    git_dirs = {os.path.realpath(os.path.join(directory, line)) for line in lines[:2]}
    if os.environ.get('GIT_DIR') and not os.environ.get('GIT_WORK_TREE'):
        # git would take `directory` as the work tree; the run's is the one
        # that holds GIT_DIR (git.settle_environment made sure of it).
        return git_dirs, os.path.realpath(os.path.dirname(os.environ['GIT_DIR'].rstrip('/')))
    top = CHILDREN.run(git_command(directory, 'rev-parse', '--show-toplevel'))
    work_tree = os.path.realpath(os.fsdecode(top.stdout).rstrip('\n')) \
        if top.returncode == 0 and top.stdout.strip() else None
    return git_dirs, work_tree


def is_tracked(work_tree, path):
    relative_path = os.path.relpath(path, work_tree)
    run = CHILDREN.run(git_command(work_tree, 'ls-files', '-z', '--',
                                   ':(literal)' + relative_path))
    return run.returncode == 0 and bool(run.stdout)


def write_refusal(path, may_rewrite_tracked=None):
    """Why `path` must not be written, or None. Refused: a place inside a git
    directory (the repository's, its common one with the submodules' under
    modules/, a worktree's, any other repository's, anything named .git) and a
    file tracked by git, unless `may_rewrite_tracked(path)` says it may be."""
    for place in places(path):
        directory = nearest_directory(os.path.dirname(place))
        if '.git' in place.split('/'):
            return 'is inside a git directory: git failguard never writes there'
        found = repository_of(directory)
        if not found:
            continue
        git_dirs, work_tree = found
        if any(inside(place, git_dir) for git_dir in git_dirs):
            return "is inside the git directory '%s': git failguard never writes there" % next(
                d for d in sorted(git_dirs) if inside(place, d))
        if work_tree and inside(place, work_tree) and place != work_tree and \
                is_tracked(work_tree, place) and not (may_rewrite_tracked and
                                                      may_rewrite_tracked(path)):
            return "is a file tracked by git in '%s': it would be overwritten" % work_tree
    return None


def check_writable(option, path, may_rewrite_tracked=None):
    """Refuses (exit 2, one line), before any work, a file the tools would
    write where they must not: see write_refusal."""
    why = write_refusal(path, may_rewrite_tracked)
    if why:
        raise Failure("%s '%s' %s" % (option, path, why))


def check_writable_directory(what, directory):
    """Refuses a directory the tools keep files in (the cache) inside a git directory."""
    why = write_refusal(os.path.join(directory, 'failguard'), lambda path: True)
    if why:
        raise Failure("%s '%s' %s" % (what, directory, why))


def usable_cache_directory():
    """The cache directory (fs.cache_directory), refused inside a git directory."""
    directory = cache_directory()
    check_writable_directory('the cache directory', directory)
    return directory


def read_input(path, cap, what):
    """The text of an input file the user names: a regular file (a FIFO, a
    device or a directory is refused without being opened for reading) of at
    most `cap` bytes; otherwise Failure, one line: "WHAT 'PATH': reason"."""
    try:
        st = os.stat(path)
    except OSError as error:
        raise Failure("%s '%s': %s" % (what, path, error.strerror or error))
    if not stat.S_ISREG(st.st_mode):
        raise Failure("%s '%s': not a regular file" % (what, path))
    content = read_regular(path, cap)
    if content is None:
        raise Failure("%s '%s': cannot be read" % (what, path))
    if content[1]:
        raise Failure("%s '%s': larger than %d bytes" % (what, path, cap))
    return content[0].decode('utf-8', 'surrogateescape')
