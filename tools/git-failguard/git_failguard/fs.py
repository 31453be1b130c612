"""Files read without trusting them, private files written whole, scratch directories."""
import functools
import json
import os
import shutil
import signal
import stat
import tempfile

from .errors import Failure


# The textual include pass reads at most this much of one file (a longer file
# counts as including anything) and of the whole tree (beyond it, every unit is
# a candidate and the dependency scanner decides).
FILE_READ_CAP = 1 << 20
TREE_READ_CAP = 256 << 20
CACHE_READ_CAP = 64 << 20


def stamp(st):
    """What changes when a file is written anew (renamed over: another inode)
    or in place (its size or time), of its os.lstat result."""
    return st.st_ino, st.st_size, st.st_mtime_ns


def stamp_of(path):
    """stamp() of `path` now, or None."""
    try:
        return stamp(os.lstat(path))
    except OSError:
        return None


def json_value(text):
    """json.loads(text), JSON nested deeper than Python's parser goes (a
    damaged or hostile file) being a ValueError like any other bad JSON."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError('nested too deeply') from None


def real(path):
    return os.path.realpath(path)


@functools.lru_cache(maxsize=64)
def _plain_directory(base):
    """Whether `base` is absolute and normal (what relative() can cut from)."""
    return base != '/' and os.path.isabs(base) and os.path.normpath(base) == base


def relative(path, base):
    """os.path.relpath(path, base), or `path` when there is none; a normal
    path under a normal base (every unit under the work tree) is cut, not
    normalised again."""
    if _plain_directory(base) and path.startswith(base) and path[len(base):len(base) + 1] == '/':
        rest = path[len(base) + 1:]
        if rest and rest[0] != '/' and rest[-1] != '/' and '//' not in rest and \
                not any(part in ('.', '..') for part in rest.split('/')):
            return rest
    try:
        return os.path.relpath(path, base)
    except ValueError:
        return path


def read_regular(path, cap):
    """(the first `cap` bytes, whether there was more) of a regular file, or
    None for anything else: FIFOs, devices and sockets, or symlinks to them,
    are never opened."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks, size = [], 0
        while size <= cap:
            chunk = os.read(fd, min(1 << 16, cap + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        data = b''.join(chunks)
        return data[:cap], len(data) > cap
    except OSError:
        return None
    finally:
        os.close(fd)


def owned_privately(st):
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def write_private(path, text):
    """Replaces `path` whole with `text` (str or bytes), readable by its owner only: a
    temporary file next to it, renamed into place (readers see the old file
    or the new one, never a part)."""
    fd, temporary = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)),
                                     prefix='.failguard-', suffix='.tmp')
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, 'wb') as f:
                f.write(text)
        else:
            with os.fdopen(fd, 'w', encoding='utf-8', errors='surrogateescape') as f:
                f.write(text)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def link_private(source, path, text):
    """Replaces `path` whole with the file `source` (a private file that is
    only ever replaced, never written into) as another name of it, or, where
    the file system cannot, with `text` (its content, or a function that
    reads it) as write_private does."""
    try:
        if os.path.samestat(os.lstat(source), os.lstat(path)):
            return  # already one file (rename would leave the temporary name)
    except OSError:
        pass
    fd, temporary = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)),
                                     prefix='.failguard-', suffix='.tmp')
    os.close(fd)
    linked = False
    try:
        os.unlink(temporary)
        os.link(source, temporary)
        os.replace(temporary, path)
        linked = True
    except OSError:
        pass
    finally:
        # Gone after a rename; left when the link failed, or when rename
        # found both names one file already, or on an interrupt.
        try:
            os.unlink(temporary)
        except OSError:
            pass
    if not linked:
        write_private(path, text() if callable(text) else text)


def private_stamp(path):
    """stamp() of `path` when it is a regular file read_private would read
    (owned by this user, writable by no one else), else None."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return stamp(st) if stat.S_ISREG(st.st_mode) and owned_privately(st) else None


def read_private(path, cap):
    """The text of a regular file owned by this user and writable by no one
    else; None when it does not exist; ValueError when it is not to be trusted."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ValueError(error.strerror or str(error))
    if not stat.S_ISREG(st.st_mode):
        raise ValueError('not a regular file')
    if not owned_privately(st):
        raise ValueError('not owned by this user, or writable by others')
    content = read_regular(path, cap)
    if content is None:
        return None
    if content[1]:
        raise ValueError('larger than %d bytes' % cap)
    return content[0].decode('utf-8', 'surrogateescape')


def write_file(path, text):
    """Replaces `path` whole (a temporary file next to it, renamed into place)."""
    directory = os.path.dirname(os.path.abspath(path))
    try:
        fd, temporary = tempfile.mkstemp(dir=directory, prefix='.failguard-', suffix='.tmp')
        try:
            with os.fdopen(fd, 'w', encoding='utf-8', errors='surrogateescape') as f:
                f.write(text)
            os.chmod(temporary, 0o644 & ~current_umask())
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as error:
        raise Failure("cannot write '%s': %s" % (path, error.strerror or error))


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def cache_directory():
    """$XDG_CACHE_HOME/failguard, or ~/.cache/failguard: a relative
    XDG_CACHE_HOME is ignored, as the XDG Base Directory specification says
    (it would put a cache wherever the tool happens to run)."""
    base = os.environ.get('XDG_CACHE_HOME', '')
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser('~'), '.cache')
    return os.path.join(base, 'failguard')


SCRATCH_DIRECTORIES = []


def scratch_directory():
    """A private temporary directory, removed when git-failguard ends. The
    stopping signals wait while it is made and listed: one that came in
    between would leave it behind."""
    stopping = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    held = signal.pthread_sigmask(signal.SIG_BLOCK, stopping)
    try:
        directory = tempfile.mkdtemp(prefix='git-failguard-')
        SCRATCH_DIRECTORIES.append(directory)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    return directory


def remove_scratch_directories():
    while SCRATCH_DIRECTORIES:
        shutil.rmtree(SCRATCH_DIRECTORIES.pop(), ignore_errors=True)


def prune(directory, keep, used, suffix='.json'):
    """Removes the least recently used files of `directory` whose names end
    with `suffix` (by modification time: a reused entry is touched) beyond
    `keep`, never one of `used` (a set, or a function that makes it: called
    only when some file goes)."""
    try:
        names = [e for e in os.scandir(directory) if e.name.endswith(suffix)]
        if len(names) <= keep:
            return  # no file's time read
        found = [(e.stat(follow_symlinks=False).st_mtime_ns, e.path) for e in names]
    except OSError:
        return
    if callable(used):
        used = used()
    # A used entry's time is not set on every run (Indexer.reuse): this
    # run's are the most recent whatever their time says.
    for _, path in sorted(f for f in found if f[1] not in used)[:len(found) - keep]:
        try:
            os.unlink(path)
        except OSError:
            pass
