"""The compilation database: where it is and what it holds."""
import os
import shlex

from .errors import Failure
from .fs import json_value, real


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


def load_entries(path):
    """{real path of the file: (entry, the file's absolute path as the database spells it)}."""
    try:
        with open(path, encoding='utf-8') as f:
            entries = json_value(f.read())
    except (OSError, ValueError) as error:
        raise Failure("cannot read '%s': %s" % (path, error))
    if not isinstance(entries, list):
        raise Failure("'%s' is not a compilation database: it holds %s, not a list of commands"
                      % (path, 'null' if entries is None else 'a JSON ' + type(entries).__name__))
    by_file = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise Failure("'%s': entry %d is not an object" % (path, index))
        for key in ('file', 'directory'):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise Failure("'%s': entry %d has no '%s'" % (path, index, key))
        # clang takes a relative 'directory' from its own working directory,
        # so its command for the file is not found ("Skipping ..."): refused,
        # as the format requires an absolute one.
        if not os.path.isabs(entry['directory']):
            raise Failure("'%s': entry %d ('%s') has a relative 'directory' '%s': a compilation "
                          "database names absolute directories" % (
                              path, index, entry['file'], entry['directory']))
        spelled = os.path.normpath(os.path.join(entry['directory'], entry['file']))
        by_file.setdefault(real(spelled), (entry, spelled))
    return by_file


# The options that name a directory of headers, joined (-Idir, -isystemdir,
# --include-directory=dir) or followed by it (-I dir).
INCLUDE_OPTIONS = ('--include-directory-after', '--include-directory', '-isystem-after',
                   '-cxx-isystem', '-isystem', '-iquote', '-idirafter', '-imsvc', '/external:I',
                   '-I', '/I')


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
        if not isinstance(argument, str):
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
        inside = os.path.relpath(path, root)
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
