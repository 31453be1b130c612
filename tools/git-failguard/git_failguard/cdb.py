"""The compilation database: where it is and what it holds."""
import hashlib
import json
import os
import re
import shlex
import stat
import threading

from .errors import Failure
from .fs import json_value, real, relative, scratch_directory


def find_compilation_database(build_dir, root):
    candidates = [build_dir] if build_dir else [root, os.path.join(root, 'build')]
    for directory in candidates:
        path = os.path.join(directory, 'compile_commands.json')
        if os.path.isfile(path):
            return path
    if build_dir:
        raise Failure("no compile_commands.json in '%s'" % build_dir)
    raise Failure('no compilation database: no compile_commands.json at the repository root or '
                  'in build/ (generate one, e.g. cmake -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or '
                  'pass -p BUILD_DIR)')


class CompilationDatabase(dict):
    """{real path of a file: (its first entry, the file's absolute path as the
    database spells it)}, and every entry of each file (`commands`).

    clang-tidy parses the whole database it is pointed at in every process
    (about 15 ms of CPU at 3,000 units, 1.3 MB; docs/index.md has the
    10,000-unit series). Each
    failguard-tidy process is pointed at a database of its unit's commands
    only (unit_directory), the entries as this one spells them, so it finds
    the same commands."""

    def __init__(self, path):
        super().__init__()
        self.path, self.commands = path, {}
        # Made here, on the main thread: a stopping signal reaches the main
        # thread only, and a worker's scratch_directory() could be listed
        # after the main thread removed the others.
        self.lock, self.directories, self.scratch = threading.Lock(), {}, scratch_directory()

    def unit_directory(self, tu):
        """A directory whose compile_commands.json holds the entries of the
        file `tu` (any spelling) of this database; with none (a file it does
        not name), an empty database."""
        key = real(tu)
        with self.lock:
            directory = self.directories.get(key)
            if directory is None:
                directory = os.path.join(self.scratch, hashlib.sha256(
                    os.fsencode(key)).hexdigest()[:20])
                os.mkdir(directory, 0o700)
                # As UTF-8 (JSON's \u escapes of characters beyond U+FFFF clang
                # reads as two invalid halves), lone surrogates (from \udcXX in
                # the project's database) as clang decodes those.
                with open(os.path.join(directory, 'compile_commands.json'), 'w',
                          encoding='utf-8', errors='surrogatepass') as f:
                    json.dump(self.commands.get(key, []), f, ensure_ascii=False)
                self.directories[key] = directory
            return directory


def load_entries(path):
    """The CompilationDatabase at `path`."""
    try:
        with open(path, encoding='utf-8') as f:
            entries = json_value(f.read())
    except (OSError, ValueError) as error:
        raise Failure("cannot read '%s': %s" % (path, error))
    if not isinstance(entries, list):
        raise Failure("'%s' is not a compilation database: it holds %s, not a list of commands"
                      % (path, 'null' if entries is None else 'a JSON ' + type(entries).__name__))
    by_file = CompilationDatabase(path)
    directories = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise Failure("'%s': entry %d is not an object" % (path, index))
        for key in ('file', 'directory'):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise Failure("'%s': entry %d has no '%s'" % (path, index, key))
        refuse_unreadable_entry(path, index, entry)
        # clang takes a relative 'directory' from its own working directory,
        # so its command for the file is not found ("Skipping ..."): refused,
        # as the format requires an absolute one.
        if not os.path.isabs(entry['directory']):
            raise Failure("'%s': entry %d ('%s') has a relative 'directory' '%s': a compilation "
                          "database names absolute directories" % (
                              path, index, entry['file'], entry['directory']))
        spelled = os.path.normpath(os.path.join(entry['directory'], entry['file']))
        resolved = real_file(spelled, directories)
        by_file.setdefault(resolved, (entry, spelled))
        by_file.commands.setdefault(resolved, []).append(entry)
    return by_file


def real_file(spelled, directories):
    """real(spelled) of a normal absolute path, the real path of each
    directory found once (`directories`: {directory: its real path}): a
    database names thousands of files in a few directories."""
    head, tail = os.path.split(spelled)
    try:
        if stat.S_ISLNK(os.lstat(spelled).st_mode):
            return real(spelled)
    except OSError:
        pass  # absent: realpath keeps the name after the resolved directory
    parent = directories.get(head)
    if parent is None:
        parent = directories[head] = real(head)
    return os.path.join(parent, tail)


# The keys of an entry clang reads; it refuses a database with any other.
ENTRY_KEYS = ('directory', 'file', 'command', 'arguments', 'output')


def refuse_unreadable_entry(path, index, entry):
    """Refuses an entry clang's database reader refuses: clang-tidy would
    then run every unit without flags ("Running without flags"), and an
    analysis without the unit's flags is no analysis of it."""
    def scalar(value):
        return not isinstance(value, (dict, list))

    for key, value in entry.items():
        if key not in ENTRY_KEYS:
            raise Failure("'%s': entry %d ('%s') has the key '%s', which clang does not read "
                          "(an entry has directory, file, command or arguments, and output)" % (
                              path, index, entry['file'], key))
        if key == 'arguments' and not (isinstance(value, list) and all(map(scalar, value))):
            raise Failure("'%s': entry %d ('%s') has 'arguments' that are not a list of strings"
                          % (path, index, entry['file']))
        if key != 'arguments' and not scalar(value):
            raise Failure("'%s': entry %d ('%s') has a '%s' that is an object or a list, not a "
                          "string" % (path, index, entry['file'], key))
    if 'command' not in entry and 'arguments' not in entry:
        raise Failure("'%s': entry %d ('%s') has neither 'command' nor 'arguments'" % (
            path, index, entry['file']))


# The options that name a directory of headers, joined (-Idir, -isystemdir,
# --include-directory=dir) or followed by it (-I dir).
INCLUDE_OPTIONS = ('--include-directory-after', '--include-directory', '-isystem-after',
                   '-cxx-isystem', '-isystem', '-iquote', '-idirafter', '-imsvc', '/external:I',
                   '-I', '/I')
# An argument that starts with none of them names no directory (most do not).
INCLUDE_START = re.compile('|'.join(re.escape(option) for option in INCLUDE_OPTIONS))


def include_directories(entry):
    """The header directories a compile command names, absolute (relative ones
    are taken from the entry's directory, as the compiler does)."""
    arguments = entry.get('arguments')
    if not isinstance(arguments, list):
        try:
            arguments = shlex.split(entry.get('command') or '')
        except ValueError:
            # An unbalanced quote: the words as they stand.
            arguments = (entry.get('command') or '').split()
    found = []
    for i, argument in enumerate(arguments):
        if not isinstance(argument, str) or not INCLUDE_START.match(argument):
            continue
        for option in INCLUDE_OPTIONS:
            if argument == option and i + 1 < len(arguments) and \
                    isinstance(arguments[i + 1], str):
                found.append(arguments[i + 1])
                break
            if argument.startswith(option) and argument != option and (
                    not option.startswith('--') or argument[len(option)] == '='):
                found.append(argument[len(option):].lstrip('='))
                break
    return [os.path.normpath(os.path.join(entry['directory'], d)) for d in found if d]


def spelled_roots(root, user_root, entries):
    """Every spelling under which clang may print a file of the work tree: the
    real path, the user's, the one each compile command uses, and each header
    directory of a command that reaches into the work tree through a symbolic
    link (an -I of a directory outside that links to one inside): a header
    found there is the tracked file it resolves to."""
    roots = {root, user_root}
    for path, (entry, spelled) in entries.items():
        inside = relative(path, root)
        if not inside.startswith('..') and spelled.endswith(os.sep + inside):
            roots.add(spelled[:-len(inside) - 1])
    directories = {d for entry, _ in entries.values() for d in include_directories(entry)}
    for directory in sorted(directories):
        if any(directory == r or directory.startswith(r.rstrip(os.sep) + os.sep) for r in roots):
            continue
        resolved = real(directory)
        if resolved == root or resolved.startswith(root.rstrip(os.sep) + os.sep):
            roots.add(directory)
    return sorted(roots)
