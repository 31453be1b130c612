"""The translation units a change affects, and the changed sources no unit covers."""
import os
import sys

from .deps import scan_dependencies
from .fs import real, relative
from .git import git, listed_files
from .includes import CXX_EXTENSIONS, SOURCE_EXTENSIONS, TreeRead, include_candidates


class Selection:
    """The units to analyse (`units`, sorted), whether the run is a `sweep`
    (every unit, every function), the changed sources that no unit reads
    (`missing`), the units only the to-ref has (`in_range`) and those the
    change deletes (`deleted`), and what finding them cost (`headers`,
    `read`, `scanned`)."""

    def __init__(self, units, sweep, missing, in_range, deleted, headers, read, scanned):
        self.units, self.sweep, self.missing = units, sweep, missing
        self.in_range, self.deleted = in_range, deleted
        self.headers, self.read, self.scanned = headers, read, scanned

    def present(self, tu, ws):
        """Whether `tu` is in the content analysed and in scope."""
        return tu not in self.deleted and ws.in_scope(tu) and (os.path.exists(tu)
                                                               or tu in self.in_range)


def is_submodule(path):
    """Whether `path` of the work tree is a checked-out submodule (a
    directory with a .git of its own)."""
    return os.path.isdir(path) and not os.path.islink(path) and \
        os.path.lexists(os.path.join(path, '.git'))


def changed_submodules(ws, live):
    """The changed paths that are submodules: checked out (a directory with a
    .git of its own), or gitlinks of the content under check that are not
    checked out (a CI checkout without submodules): their units read files
    the scanner cannot find, so they are selected and cannot be checked."""
    root = ws.root
    candidates = [p for p in live if real(p) not in ws.entries
                  and not p.endswith(CXX_EXTENSIONS)]
    if not candidates:
        return []
    paths = ['%s' % relative(p, root) for p in candidates]
    if ws.comparison.mode == 'range':
        listing = git(root, 'ls-tree', '-z', ws.comparison.to, '--', *paths)
    else:
        listing = git(root, 'ls-files', '-s', '-z', '--', *[':(literal)' + p for p in paths])
    gitlinks = {path for fields, path in listed_files(listing) if fields[0] == '160000'}
    return sorted(p for p in candidates if is_submodule(p) or relative(p, root) in gitlinks)


def select(args, ws):
    entries, root = ws.entries, ws.root
    live = {p: s for p, s in ws.changes.items() if s != 'D'}
    affected = {real(p) for p in live if real(p) in entries}
    headers = {p for p in live if real(p) not in entries and p.endswith(CXX_EXTENSIONS)}
    # A submodule moved to another commit (a gitlink change): any file of it
    # may have changed.
    submodules = changed_submodules(ws, live)
    inside_submodule = tuple(d.rstrip(os.sep) + os.sep
                             for p in submodules for d in {p, real(p)})
    read, scanned, missing = TreeRead(), 0, []
    sweep = args.sweep
    if sweep:
        affected = set(entries)
    elif headers or submodules:
        # A header is matched by the path it changed at and by the file it resolves to.
        changed = headers | {real(h) for h in headers}
        covered = set()

        def read_changed(deps):
            reads = deps & changed
            if inside_submodule:
                reads |= {d for d in deps if d.startswith(inside_submodule)}
            return reads

        def scan(units):
            nonlocal scanned
            deps, count = scan_dependencies(entries, units, args.j, ws.cache_dir, root,
                                            ws.cdb_path)
            scanned += count
            found = set()
            for tu in units:
                # A unit the scanner could not read counts as reading anything.
                reads = changed | set(submodules) if deps.get(tu) is None else \
                    read_changed(deps[tu])
                covered.update(reads)
                if reads:
                    found.add(tu)
            return found

        # Which units read a submodule's files only the scanner can say.
        others = sorted(set(entries) - affected if submodules else
                        include_candidates(root, set(entries) - affected, headers, read))
        if others:
            affected |= scan(others)
        # A changed source file that is not in the database is checked only
        # when some unit reads it (an #include of a .cpp): else it is missing.
        loose = {p for p in headers if p.endswith(SOURCE_EXTENSIONS)
                 and not {p, real(p)} & covered and ws.in_scope(real(p))}
        if loose and affected:
            readers = include_candidates(root, set(affected), loose, read)
            if readers:
                scan(sorted(readers))
        missing = sorted(p for p in loose if not {p, real(p)} & covered)
    # A range's unit may exist only in its to-ref: the overlay shows it.
    in_range = {real(p) for p in live} if ws.comparison.mode == 'range' else set()
    # A unit the change deletes (or renames away) is not in the content being
    # checked, even when the working tree still has it (a range, --staged).
    deleted = {real(p) for p, s in ws.changes.items() if s == 'D'} | {
        real(os.path.join(root, old)) for old in ws.renames.values()}
    deleted -= {real(p) for p in live}
    selection = Selection([], sweep, missing, in_range, deleted, len(headers), read, scanned)
    selection.units = sorted(tu for tu in affected if selection.present(tu, ws))
    if args.all and not selection.units and not sweep:
        # --all on a change that selects nothing here: every unit in scope,
        # every function (the review sweep of existing code).
        selection.sweep = True
        selection.units = sorted(tu for tu in entries if selection.present(tu, ws))
    if args.verbose:
        say_selection(ws, selection)
    return selection


def say_selection(ws, selection):
    comparison = ws.comparison
    if comparison.mode == 'range':
        print('git-failguard: range %s: the content of %s against the merge-base %s' % (
            comparison.label, comparison.to[:12], comparison.base[:12]), file=sys.stderr)
    if comparison.base is None:
        print('git-failguard: no commit yet: everything is new', file=sys.stderr)
    print('git-failguard: %d changed header(s); read %d file(s) (%d bytes) for #include '
          'lines; scanned %d unit(s) for dependencies' % (
              selection.headers, selection.read.files, selection.read.bytes, selection.scanned),
          file=sys.stderr)
    print('git-failguard: %d affected unit(s)%s' % (
        len(selection.units), ''.join(' ' + relative(tu, ws.root) for tu in selection.units)),
        file=sys.stderr)


def missing_problems(args, ws, selection):
    """Says which changed sources are not in the compilation database; returns
    the problems of those that leave the change unchecked."""
    cdb_shown = relative(ws.cdb_path, ws.user_cwd)
    problems = []
    for path in selection.missing:
        where = relative(path, ws.user_cwd)
        if args.allow_missing:
            print("git-failguard: warning: %s changed but is not in the compilation database '%s': "
                  "not checked (--allow-missing)" % (where, cdb_shown), file=sys.stderr)
        else:
            print("git-failguard: %s changed but is not in the compilation database '%s': not "
                  "checked (regenerate the database, or pass --allow-missing)" % (where, cdb_shown),
                  file=sys.stderr)
            problems.append({
                'kind': 'not-in-compilation-database', 'file': real(path),
                'reason': "%s: changed but not in the compilation database '%s'" % (
                    relative(real(path), ws.root), relative(ws.cdb_path, ws.root))})
    return problems
