"""The summary index of one analysis run: prepared, completed, and its second phase."""
import os
import sys
import time

from .errors import Failure
from .fs import real, relative, scratch_directory, stamp_of
from .index_query import Refused, amend, answered, merge, order, reaching
from .index_store import Indexer, default_index_path, index_units
from .index_tables import Tables
from .messages import plural, unit_reason
from .overlay import commit_blobs, staged_blobs
from .views import View, WorkTree


class IndexRun:
    """The summary index of one analysis run. prepare() brings the
    summaries of every unit up to date for the content analysed, except
    those of the changed units the first phase analyses with
    failguard-auth-exception-escape: their analysis writes them (one parse
    instead of two). The checks of that phase read an index without those
    units, and say what they asked of it in vain (their index gaps).
    complete() then adds the new summaries and writes the whole index (the
    repository's default index for the working tree, a temporary one for
    --staged or a range), and says which units the second phase analyses
    with it: those that call into a changed file (reverse call edges), and
    those of the first phase that asked for a function the new summaries
    define, or for the callers of a function they call. With a baseline, the
    index of the same units at the baseline is made before the analysis
    (only the units whose files differ there are summarised again)."""

    def __init__(self, root, entries, config, cache_dir, jobs, comparison, verbose):
        self.root, self.entries, self.comparison, self.verbose = root, entries, comparison, verbose
        self.scratch = scratch_directory()
        progress = sys.stderr.isatty() and not os.environ.get('CI')
        self.worktree = WorkTree(root)
        self.indexer = Indexer(root, entries, config, cache_dir, jobs, progress, self.scratch)
        self.tables = Tables(self.indexer.store, self.indexer.entry_dir, self.indexer.writable)
        self.tables_assembled = self.tables_amended = self.tables_reused = 0
        self.path = os.path.join(self.scratch, 'index.fgindex')
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
        # The first phase's index, the deferred units' new summaries taken
        # between its levels, and per unit the deferred units whose new
        # summaries the index it read had.
        self.first, self.fresh, self.seen = {}, {}, {}
        self.baseline_path = None
        self.number = {}
        # {index file: {entry: unit name}, the entries it was written from}
        # in this run, and {index file: {entry: its stamp then}}.
        self.written, self.stamps = {}, {}

    def write(self, path, units):
        """Writes the index of `units` ({tu: Summary}) to `path`, unless it
        holds those entries' index already."""
        names = {s.path: s.name for s in units.values()}
        entries = sorted(names)
        if self.written.get(path) == names:
            return
        # Taken before the index is made from them: an entry written anew
        # while it is made shows as changed later (amended()).
        stamps = {entry: stamp_of(entry) for entry in entries}
        kept = self.tables.path_for(entries, self.indexer.digests, stamps)
        try:
            if kept is not None and self.tables.fetch(kept, path):
                self.tables_reused += 1
            else:
                if self.amended(names, path, stamps):
                    self.tables_amended += 1
                else:
                    merge(entries, path, self.scratch, table=True)
                self.tables_assembled += 1
                # Kept under the entries' content as it was before the merge,
                # unless an entry was written anew meanwhile.
                if kept is not None and self.tables.unchanged(kept):
                    self.tables.keep(path, kept)
            self.written[path] = names
            self.stamps[path] = stamps
        except Refused as refused:
            if refused.kind == 'output':
                raise Failure("cannot write the summary index '%s': %s" % (path, refused.reason))
            raise Failure(str(refused))

    def amended(self, names, path, stamps):
        """Whether the index of the entries `names` ({entry: unit name}, their
        stamps now `stamps`) was
        written to `path` by amending the index written in this run that
        differs least from it (the baseline's, often): the cost follows the
        change, not the repository."""
        best = None
        for written, had in self.written.items():
            # Only this run's own files: the repository's index in the cache
            # may be rewritten by another run meanwhile.
            if os.path.dirname(written) != self.scratch:
                continue
            added = [entry for entry in names if entry not in had]
            drop = [name for entry, name in had.items() if entry not in names]
            if best is None or len(added) + len(drop) < len(best[1]) + len(best[2]):
                best = (written, added, drop)
        if best is None or 2 * (len(best[1]) + len(best[2])) > len(names):
            return False
        # An entry the base holds that was written anew since (another run
        # adopting a shard over it) is read again: the whole merge.
        then = self.stamps.get(best[0], {})
        if any(stamps[entry] != then.get(entry) for entry in names if entry not in best[1]):
            return False
        try:
            amend(best[0], sorted(best[2]), sorted(best[1]), path, self.scratch)
        except Refused as refused:
            if refused.kind == 'output':
                raise
            # The entries are merged whole instead, and say what is wrong.
            return False
        return True

    def prepare(self, deferrable):
        """Returns the indexes the first phase reads (run file members)."""
        started = time.monotonic()
        tus = index_units(self.root, self.entries)
        self.number = {tu: i for i, tu in enumerate(tus)}
        # The entries of both sides are checked at once (most are shared).
        lookups = [self.indexer.look_up(tus, self.current)]
        if self.comparison.base is not None:
            tree = set()
            baseline = View('baseline', self.root, self.worktree, present=tree,
                            scratch=self.scratch,
                            overlay=commit_blobs(self.root, self.comparison.base, tree))
            lookups.append(self.indexer.look_up(tus, baseline))
        self.indexer.check(lookups)
        self.units, summarised, reused, self.failures, _, self.deferred = self.indexer.build(
            tus, self.current, defer=set(deferrable), found=lookups[0])
        self.said = 'git-failguard: summary index: %s (%d summarised, %d reused%s) in %.2f s' % (
            plural(len(self.units) + len(self.deferred), 'unit'), summarised, reused,
            ', %d by their analysis' % len(self.deferred) if self.deferred else '',
            time.monotonic() - started)
        if self.comparison.base is not None:
            started = time.monotonic()
            # A unit that does not parse now is opaque on both sides: its
            # summaries at the baseline would have nothing to compare with.
            before, summarised, reused, missed_reasons, _, _ = self.indexer.build(
                [tu for tu in tus if tu not in self.failures], baseline,
                found=self.indexer.look_again(lookups[1], baseline))
            self.before = before
            missed = sorted(missed_reasons)
            if missed:
                print('git-failguard: warning: could not summarise %d unit(s) at the baseline '
                      '(first: %s): escapes through their functions count as new' % (
                          len(missed), unit_reason(missed[0], missed_reasons[missed[0]],
                                                   self.root)), file=sys.stderr)
            self.said += '; at the baseline: %s (%d summarised, %d reused) in %.2f s' % (
                plural(len(before), 'unit'), summarised, reused, time.monotonic() - started)
        index = self.write_first()
        if self.verbose:
            print(self.said, file=sys.stderr)
        return index

    def write_first(self):
        """Writes the indexes of the first phase; returns them as run file
        members (`index`, `baseline_index`).
        A deferred unit whose files, but for its own source file, are those
        of the baseline has its baseline summaries in the first phase's
        index: the checks trust none of its functions defined in that file
        (its blob differs, as absent: a gap), and those of its other files
        are as they were. Then the first phase's index is often the
        baseline's, byte for byte: one file, read once per analysis."""
        first = dict(self.units)
        if self.before is not None and self.deferred:
            stand_ins = [tu for tu in self.deferred if tu in self.before]
            files = {f for tu in stand_ins for f in self.before[tu].files}
            now = self.current.blobs(sorted(files))
            for tu in stand_ins:
                summary = self.before[tu]
                if all(now.get(f) == blob for f, blob in summary.files.items()
                       if f != summary.name):
                    first[tu] = summary
            first = self.indexer.one_per_name(first, {})
        self.first = first
        index = {}
        if self.before is not None:
            self.baseline_path = os.path.join(self.scratch, 'baseline-index.fgindex')
            index['baseline_index'] = self.baseline_path
            self.write(self.baseline_path, self.before)
        path = self.path
        if self.deferred:
            path = os.path.join(self.scratch, 'index-first-phase.fgindex')
            if self.before is not None and self.same_index(first, path):
                index['index'] = self.baseline_path
                self.said += "; the first phase reads the baseline's as both"
                return index
        self.write(path, first)
        index['index'] = path
        return index

    def same_index(self, first, path):
        """Whether the index of `first` is the baseline's, byte for byte (the
        same entries give the same bytes; others are written to `path` and
        compared)."""
        if sorted(s.path for s in first.values()) == \
                sorted(s.path for s in self.before.values()):
            return True
        self.write(path, first)
        with open(path, 'rb') as written, open(self.baseline_path, 'rb') as baseline:
            return written.read() == baseline.read()

    def levels(self, units):
        """`units` (the first phase) in levels, callees first: a unit comes
        after the deferred units it calls (by their summaries at the
        baseline), so that it reads their new summaries and is not analysed
        again for them. One level without a baseline or deferred units."""
        pending = [tu for tu in self.deferred if tu in self.before] if self.before else []
        if not pending or len(units) < 2:
            return [sorted(units)]
        by_name = {relative(tu, self.root): tu for tu in units}
        try:
            levels = order(self.baseline_path, sorted(by_name),
                           sorted(relative(tu, self.root) for tu in pending), self.scratch)
        except Refused as refused:
            # Only an order: without it, what a unit asked in vain sends it
            # to the second phase.
            print('git-failguard: warning: the changed units are analysed in one level (%s)' %
                  refused, file=sys.stderr)
            return [sorted(units)]
        return [[by_name[name] for name in level] for level in levels]

    def advance(self, analysed, failed):
        """After a level of the first phase: takes the new summaries of its
        deferred units (`analysed`, less `failed`) into the index the next
        level reads; returns it (a run file member)."""
        for tu in analysed:
            if tu in self.deferred and tu not in failed and tu not in self.fresh:
                summary, reason = self.indexer.take(tu, self.analysis_summary(tu),
                                                    self.indexer.command_id(tu, self.current))
                if summary is None:
                    self.failures[tu] = reason
                else:
                    self.fresh[tu] = summary
        units = self.indexer.one_per_name(dict(self.first, **self.fresh), {})
        seen = sorted(relative(tu, self.root) for tu in self.fresh if tu in units)
        path = os.path.join(self.scratch, 'index-level-%d.fgindex' % len(self.written))
        self.write(path, units)
        return {'index': path}, seen

    def unit_number(self, tu):
        """The unit's number in the scratch files' names (a unit outside the
        repository, which the index has not, gets the next free one)."""
        return self.number.setdefault(tu, len(self.number))

    def analysis_summary(self, tu):
        return self.indexer.summary_path(self.current, self.unit_number(tu), 'analysis')

    def gaps_path(self, tu):
        return os.path.join(self.scratch, 'gaps-%d.txt' % self.unit_number(tu))

    def unit_outputs(self, tu):
        """What the first phase's analysis of `tu` writes besides its results
        (run file outputs): the index gaps, and a deferred unit's summaries."""
        if not self.deferred:
            return {}
        outputs = {'index_gaps': self.gaps_path(tu)}
        if tu in self.deferred:
            outputs['summaries'] = self.analysis_summary(tu)
        return outputs

    def complete(self, first, failed, changes):
        """After the first phase analysed `first` (`failed`: those whose
        analysis reported errors). Returns (the units the second phase
        analyses, sorted: those that call into a changed file and those of
        `first` that must be analysed again, the index it reads: a run file
        member)."""
        started = time.monotonic()
        new = {}
        for tu in self.deferred:
            if tu in failed:
                continue
            if tu in self.fresh:
                new[tu] = self.fresh[tu]
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
        self.indexer.checked.save()
        self.indexer.keep_lookup(self.units)
        self.indexer.save_lookups()
        self.write(self.path, self.units)
        again = set()
        if any(tu not in new for tu in self.deferred):
            # A deferred unit failed, or its summaries could not be taken:
            # what a later level saw may not be what the index now says (its
            # stand-in may have hidden another definition there), so nothing
            # counts as seen.
            self.seen = {}
        try:
            if new:
                # The units of the first phase that asked the index for what the
                # new summaries say (gaps that cannot be read count as asked).
                asked = {relative(tu, self.root): tu for tu in first if tu not in failed}
                again = {asked[name] for name in answered(
                    self.path, sorted(s.name for s in new.values()),
                    [(name, self.gaps_path(tu), self.seen.get(tu, []))
                     for name, tu in sorted(asked.items())],
                    self.scratch)}
            changed = sorted({relative(p, self.root) for p in changes})
            extra = {tu for tu in (real(os.path.join(self.root, name)) for name in reaching(
                self.path, self.baseline_path, changed, self.scratch))
                if tu in self.entries and tu not in first}
        except Refused as refused:
            # The index this run just wrote cannot answer: nothing is
            # checked through it (exit 2), never a quiet pass.
            raise Failure('the summary index cannot say which units to analyse again: %s'
                          % refused)
        tables = 'tables: %d assembled (%d by amending another), %d kept from an earlier run' % (
            self.tables_assembled, self.tables_amended, self.tables_reused)
        if self.verbose and self.deferred:
            print('git-failguard: summary index completed: %d summarised by their analysis, %d '
                  'unit(s) to analyse again with it (%.2f s; %s)' % (
                      len(new), len(again), time.monotonic() - started, tables), file=sys.stderr)
        elif self.verbose:
            print('git-failguard: summary index %s' % tables, file=sys.stderr)
        return sorted(extra), sorted(again), {'index': self.path}
