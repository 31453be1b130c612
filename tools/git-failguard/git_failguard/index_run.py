"""The summary index of one analysis run: prepared, completed, and its second phase."""
import os
import sys
import time

from .errors import Failure
from .fs import real, relative, scratch_directory, write_private
from .index_format import index_text
from .index_store import Indexer, default_index_path, index_units
from .messages import plural, unit_reason
from .overlay import commit_blobs, staged_blobs
from .reach import units_reaching
from .views import View, WorkTree


GAPS_FORMAT = 'failguard-index-gaps-1'


def read_gaps(path):
    """({USR}, {USR}): the functions the checks asked the index for and did
    not find fresh, and those whose callers they asked for, as failguard-tidy
    wrote them to FAILGUARD_INDEX_GAPS_OUT; None if it wrote nothing usable."""
    try:
        with open(path, encoding='utf-8', errors='surrogateescape') as f:
            lines = f.read().split('\n')
    except OSError:
        return None
    if lines[:1] != [GAPS_FORMAT] or lines[-1:] != ['']:
        return None
    functions, callers = set(), set()
    for line in lines[1:-1]:
        kind, _, usr = line.partition(' ')
        if kind == 'function' and usr:
            functions.add(usr)
        elif kind == 'callers' and usr:
            callers.add(usr)
        else:
            return None
    return functions, callers


class IndexRun:
    """The summary index of one analysis run. prepare() brings the
    summaries of every unit up to date for the content analysed, except
    those of the changed units the first phase analyses with
    failguard-auth-exception-escape: their analysis writes them (one parse
    instead of two). The checks of that phase read an index without those
    units, and say what they asked of it in vain (FAILGUARD_INDEX_GAPS_OUT).
    complete() then adds the new summaries and writes the whole index (the
    repository's default index for the working tree, a temporary one for
    --staged or a range), and says which units the second phase analyses
    with it: those that call into a changed file (reverse call edges), and
    those of the first phase that asked for a function the new summaries
    define, or for the callers of a function they call. With a baseline, the
    index of the same units at the baseline is made before the analysis
    (only the units whose files differ there are summarised again)."""

    def __init__(self, root, entries, cdb_dir, config, cache_dir, jobs, comparison, verbose):
        self.root, self.entries, self.comparison, self.verbose = root, entries, comparison, verbose
        self.scratch = scratch_directory()
        progress = sys.stderr.isatty() and not os.environ.get('CI')
        self.worktree = WorkTree(root)
        self.indexer = Indexer(root, entries, cdb_dir, config, cache_dir, jobs, progress,
                               self.scratch)
        self.path = os.path.join(self.scratch, 'index.json')
        if comparison.mode == 'worktree':
            self.current = View('current', root, self.worktree, scratch=self.scratch)
            if self.indexer.writable:
                self.path = default_index_path(cache_dir, root)
        elif comparison.mode == 'staged':
            self.current = View('current', root, self.worktree, overlay=staged_blobs(root),
                                scratch=self.scratch)
        else:
            tree = set()
            self.current = View('current', root, self.worktree,
                                overlay=commit_blobs(root, comparison.to, tree), present=tree,
                                scratch=self.scratch)
        self.units, self.failures, self.deferred, self.before = {}, {}, [], None
        self.number = {}

    def write(self, path, units, text=None):
        """Writes the index of `units` (or its `text`, made already) to `path`."""
        try:
            write_private(path, text if text is not None else index_text(list(units.values())))
        except OSError as error:
            raise Failure("cannot write the summary index '%s': %s" % (
                path, error.strerror or error))

    def prepare(self, deferrable):
        """Returns the environment of the first phase's analysis."""
        started = time.monotonic()
        tus = index_units(self.root, self.entries)
        self.number = {tu: i for i, tu in enumerate(tus)}
        self.units, summarised, reused, self.failures, _, self.deferred = self.indexer.build(
            tus, self.current, defer=set(deferrable))
        self.said = 'git-failguard: summary index: %s (%d summarised, %d reused%s) in %.2f s' % (
            plural(len(self.units) + len(self.deferred), 'unit'), summarised, reused,
            ', %d by their analysis' % len(self.deferred) if self.deferred else '',
            time.monotonic() - started)
        if self.comparison.base is not None:
            started = time.monotonic()
            tree = set()
            baseline = View('baseline', self.root, self.worktree, present=tree,
                            scratch=self.scratch,
                            overlay=commit_blobs(self.root, self.comparison.base, tree))
            # A unit that does not parse now is opaque on both sides: its
            # summaries at the baseline would have nothing to compare with.
            before, summarised, reused, missed_reasons, _, _ = self.indexer.build(
                [tu for tu in tus if tu not in self.failures], baseline)
            self.before = before
            missed = sorted(missed_reasons)
            if missed:
                print('git-failguard: warning: could not summarise %d unit(s) at the baseline '
                      '(first: %s): escapes through their functions count as new' % (
                          len(missed), unit_reason(missed[0], missed_reasons[missed[0]],
                                                   self.root)), file=sys.stderr)
            self.said += '; at the baseline: %s (%d summarised, %d reused) in %.2f s' % (
                plural(len(before), 'unit'), summarised, reused, time.monotonic() - started)
        env = self.write_first()
        if self.verbose:
            print(self.said, file=sys.stderr)
        return env

    def write_first(self):
        """Writes the indexes of the first phase; returns their variables.
        A deferred unit whose files, but for its own source file, are those
        of the baseline has its baseline summaries in the first phase's
        index: the checks trust none of its functions defined in that file
        (its blob differs, as absent: a gap), and those of its other files
        are as they were. Then the first phase's index is often the
        baseline's, byte for byte: one file, read once per analysis."""
        first = dict(self.units)
        if self.before is not None and self.deferred:
            stand_ins = [tu for tu in self.deferred if tu in self.before]
            files = {f for tu in stand_ins for f in self.before[tu].unit['files']}
            now = self.current.blobs(sorted(files))
            for tu in stand_ins:
                unit = self.before[tu].unit
                if all(now.get(f) == blob for f, blob in unit['files'].items()
                       if f != unit['unit']):
                    first[tu] = self.before[tu]
            first = self.indexer.one_per_name(first, {})
        env = {}
        if self.before is not None:
            baseline_path = os.path.join(self.scratch, 'baseline-index.json')
            baseline_text = index_text(list(self.before.values()))
            env['FAILGUARD_BASELINE_INDEX'] = baseline_path
            self.write(baseline_path, self.before, baseline_text)
            if self.deferred and index_text(list(first.values())) == baseline_text:
                env['FAILGUARD_INDEX'] = baseline_path
                self.said += "; the first phase reads the baseline's as both"
                return env
        path = self.path
        if self.deferred:
            path = os.path.join(self.scratch, 'index-first-phase.json')
        self.write(path, first)
        env['FAILGUARD_INDEX'] = path
        return env

    def unit_number(self, tu):
        """The unit's number in the scratch files' names (a unit outside the
        repository, which the index has not, gets the next free one)."""
        return self.number.setdefault(tu, len(self.number))

    def analysis_summary(self, tu):
        return self.indexer.summary_path(self.current, self.unit_number(tu), 'analysis')

    def gaps_path(self, tu):
        return os.path.join(self.scratch, 'gaps-%d.txt' % self.unit_number(tu))

    def unit_env(self, tu):
        """What the first phase's analysis of `tu` needs besides prepare()'s."""
        if not self.deferred:
            return {}
        env = {'FAILGUARD_INDEX_GAPS_OUT': self.gaps_path(tu)}
        if tu in self.deferred:
            env['FAILGUARD_SUMMARY_OUT'] = self.analysis_summary(tu)
        return env

    def complete(self, first, failed, changes):
        """After the first phase analysed `first` (`failed`: those whose
        analysis reported errors). Returns (the units the second phase
        analyses, sorted: those that call into a changed file and those of
        `first` that must be analysed again, the environment for it)."""
        started = time.monotonic()
        new = {}
        for tu in self.deferred:
            if tu in failed:
                continue
            summary, reason = self.indexer.take(tu, self.analysis_summary(tu),
                                                self.indexer.command_id(tu, self.current))
            if summary is None:
                self.failures[tu] = reason
            else:
                new[tu] = summary
        self.units.update(new)
        self.units = self.indexer.one_per_name(self.units, self.failures)
        new = {tu: s for tu, s in new.items() if tu in self.units}
        if new and self.indexer.writable:
            self.indexer.prune()
        self.write(self.path, self.units)
        again = set()
        if new:
            # Who defines and who calls what, in the new summaries: a unit's
            # own functions never come from the index.
            defined, called = {}, {}
            for tu, summary in new.items():
                for function in summary.unit['functions']:
                    defined.setdefault(function['usr'], set()).add(tu)
                    for call in function['calls']:
                        called.setdefault(call['usr'], set()).add(tu)
            for tu in first:
                if tu in failed:
                    continue
                gaps = read_gaps(self.gaps_path(tu))
                if gaps is None:
                    again.add(tu)  # unknown: what it asked may have changed
                    continue
                functions, callers = gaps
                if any(defined.get(usr, {tu}) - {tu} for usr in functions) or \
                        any(called.get(usr, {tu}) - {tu} for usr in callers):
                    again.add(tu)
        changed = {relative(p, self.root) for p in changes}
        reaching = units_reaching([s.unit for s in self.units.values()], changed,
                                  None if self.before is None else
                                  [s.unit for s in self.before.values()])
        extra = {tu for tu in (real(os.path.join(self.root, name)) for name in reaching)
                 if tu in self.entries and tu not in first}
        if self.verbose and self.deferred:
            print('git-failguard: summary index completed: %d summarised by their analysis, %d '
                  'unit(s) to analyse again with it (%.2f s)' % (
                      len(new), len(again), time.monotonic() - started), file=sys.stderr)
        return sorted(extra), sorted(again), {'FAILGUARD_INDEX': self.path}
