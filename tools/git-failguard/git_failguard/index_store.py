"""The summary index's cache: content-addressed entries, one per unit, and the summary pass."""
import concurrent.futures
import hashlib
import os
import re
import sys
import threading
import time

from .analyser import analyse
from .children import CHILDREN
from .errors import Failure
from .fs import (owned_privately, private_stamp, prune, read_private, relative, stamp_of,
                 write_private)
from .git import git_blob_id
from .index_checked import CheckedEntries, digest
from .index_format import ENTRY_READ_CAP, INDEX_FORMAT, Summary, canonical_json, read_envelope
from .index_looked import Commands, Hit, LookedUp, Lookup, context_key, looked_path
from .index_manifests import Manifests
from .index_query import check
from .tools import FAILGUARD_TIDY, analyser_build_id, index_build_id


def default_index_path(cache_dir, root):
    """Where the checks look for the index of the repository at `root` by
    default (SummaryIndex's defaultIndexPath): a table."""
    return os.path.join(cache_dir, 'index', hashlib.sha256(
        os.fsencode(root)).hexdigest()[:16] + '.fgindex')


MODEL_FILE = re.compile(rb'''ApiModelFile['"]?\s*:\s*['"]?(?P<value>[^'"\n,}]+)''')


class Indexer:
    """Brings the summaries of translation units up to date for a View:
    reuses the cached entry whose key matches (the analysis binary, the
    unit's compile command and configuration, and the blob id of every
    repository file it read last time), summarises the others with
    failguard-tidy, and stores what they give. Nothing is written in the
    repository."""

    def __init__(self, root, entries, config, cache_dir, jobs, progress, scratch):
        self.root, self.entries, self.config = root, entries, config
        self.jobs, self.progress, self.scratch = jobs, progress, scratch
        self.store = os.path.join(cache_dir, 'index')
        self.entry_dir = os.path.join(self.store, 'entries')
        self.unit_dir = os.path.join(self.store, 'units')
        self.writable = True
        try:
            for directory in (cache_dir, self.store, self.entry_dir, self.unit_dir):
                os.makedirs(directory, mode=0o700, exist_ok=True)
                if not owned_privately(os.lstat(directory)):
                    raise OSError("'%s' is not private to this user" % directory)
        except OSError as error:
            print('git-failguard: warning: cannot keep summaries in %s (%s): every unit is '
                  'summarised again' % (self.store, error.strerror or error), file=sys.stderr)
            self.writable = False
        # The analyser's build id (a hash of the analysis sources and the LLVM
        # version), not its path or time: a rebuild of the same sources hits.
        self.identity = analyser_build_id(CHILDREN.run)
        self.configs = {}
        self.config_lock = threading.Lock()
        # Entries read in this run, by key (the baseline shares most), the
        # paths of those read or written, and those failguard-index reads.
        self.read = {}
        self.used = set()
        self.valid = set()
        # {entry path: (SHA-256 of its bytes, its stamp then)} of the entries
        # read or written, {entry path: its Summary}; {tu: its compile
        # command as a key has it}.
        self.digests, self.summaries = {}, {}
        # The entries the memo already records as they are.
        self.recorded = set()
        self.commands = {}
        self.checked = CheckedEntries(
            os.path.join(self.store, 'checked.json'), self.entry_dir,
            lambda: '%s %s' % (self.identity, index_build_id(CHILDREN.run)), self.writable,
            self.unit_dir)
        self.manifests = Manifests(self.unit_dir, self.command_json, self.checked, self.writable)
        self.looked = LookedUp(looked_path(self.store, root), root,
                               lambda: context_key(self.checked.identify()), self.writable)
        # The keys take_hit computed: {(command id, key, pairs): whether it
        # is the key of the pairs} (both sides share most).
        self.verified = {}

    def prune(self):
        """Keeps the cache's entries and manifests to FAILGUARD_INDEX_KEEP each
        (default: eight per unit of the database, at least 1000), the least
        recently used going first; those of this run stay."""
        keep = os.environ.get('FAILGUARD_INDEX_KEEP', '')
        keep = int(keep) if keep.isdigit() else max(1000, 8 * len(self.entries))
        prune(self.entry_dir, max(keep, len(self.used)), self.used)
        prune(self.unit_dir, max(keep, len(self.entries)), lambda: set(
            self.manifests.path(tu) for tu in self.entries))

    def configuration(self, directory, view, as_json=False):
        """What else decides a unit's summaries: the driver's --config or
        --config-file, every .clang-tidy from the unit's directory up, and the
        model files they name (each by its content in `view`); `as_json`:
        its canonical_json, made once."""
        key = (directory, view.name)
        with self.config_lock:
            if key in self.configs:
                return self.configs[key][as_json]
        parts, texts = list(self.config), []
        for argument in self.config:
            if argument.startswith('--config='):
                texts.append((os.getcwd(), os.fsencode(argument[len('--config='):])))
            elif argument.startswith('--config-file='):
                path = argument[len('--config-file='):]
                data = view.text(path)
                parts.append(git_blob_id(data) if data is not None else None)
                if data is not None:
                    texts.append((os.path.dirname(path), data))
        current = directory
        while True:
            path = os.path.join(current, '.clang-tidy')
            data = view.text(path) if os.path.lexists(path) or relative(path, self.root) in \
                view.overlay else None
            if data is not None:
                parts.append([path, git_blob_id(data)])
                texts.append((current, data))
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        for base, data in texts:
            for match in MODEL_FILE.finditer(data):
                value = os.fsdecode(match.group('value').strip())
                for candidate in {os.path.join(base, value), os.path.join(os.getcwd(), value)}:
                    model = view.text(candidate)
                    parts.append([candidate, git_blob_id(model) if model is not None else None])
        with self.config_lock:
            self.configs[key] = parts, canonical_json(parts)
        return self.configs[key][as_json]

    def command_id(self, tu, view):
        """canonical_json([its entry, its configuration]), of the parts' JSON."""
        return '[%s,%s]' % (self.command_json(tu), self.unit_configuration(tu, view))

    def unit_configuration(self, tu, view):
        """The configuration of the unit's directory, as canonical JSON."""
        return self.configuration(os.path.dirname(self.entries[tu][1]), view, True)

    def command_json(self, tu):
        """canonical_json of the unit's compile command, once a run."""
        command = self.commands.get(tu)
        if command is None:
            command = self.commands[tu] = canonical_json(self.entries[tu][0])
        return command

    def entry_key(self, command, pairs):
        return hashlib.sha256(canonical_json(
            [INDEX_FORMAT, self.identity, command, sorted(pairs)]).encode(
                'utf-8', 'surrogateescape')).hexdigest()

    def read_entry(self, key, pairs, corrupt):
        """The Summary of the entry `key`, if it exists and is what its key
        says; a damaged or foreign one goes to `corrupt` and is not used.
        What its summaries say is checked by failguard-index (see check)."""
        if key in self.read:
            return self.read[key]
        path = os.path.join(self.entry_dir, key + '.json')
        # None unless read_private would read it: the memo is not taken then.
        read_as = private_stamp(path)
        known = self.checked.envelope(path, read_as) if self.writable else None
        if known is not None:
            # Read and checked in an earlier run, the same file since; its
            # files are those its name is the hash of.
            summary = self.reuse(key, path, Summary(known[1], dict(pairs), path), known[0],
                                 read_as)
            if self.digests.get(path) == (known[0], read_as):
                self.recorded.add(path)  # the memo has it as it is
            return summary
        try:
            text = read_private(path, ENTRY_READ_CAP)
            if text is None:
                return None
            units = read_envelope(text)
            if len(units) != 1:
                raise ValueError('%d units, not one' % len(units))
            name, files = units[0]
            if sorted(files.items()) != sorted(pairs):
                raise ValueError('not the summaries its name says')
        except ValueError as error:
            corrupt.append((path, str(error)))
            return None
        unchanged = read_as is not None and stamp_of(path) == read_as
        return self.reuse(key, path, Summary(name, files, path), digest(text) if unchanged else None,
                          read_as)

    # A used entry's time is set (prune keeps the recently used) when it is
    # older than this: not each run, which would write every entry's inode.
    TOUCH_AFTER_NS = 3600 * 10**9

    def reuse(self, key, path, summary, sha, read_as):
        """`summary`, of the entry at `path` as read (its stamp `read_as`,
        the SHA-256 of its bytes `sha`, None when it changed while read), as
        this run's."""
        now = read_as
        if read_as is not None and time.time_ns() - read_as[2] > self.TOUCH_AFTER_NS:
            try:
                os.utime(path)  # recently used
            except OSError:
                pass
            # The digest stands for the file while its stamp, taken after the
            # time was set, holds (the same inode and size as read).
            now = stamp_of(path)
        self.read[key] = summary
        self.used.add(path)
        self.summaries[path] = summary
        if sha is not None and now is not None and now[:2] == read_as[:2]:
            self.digests[path] = (sha, now)
        return summary

    def check(self, lookups):
        """Leaves out of each Lookup of `lookups` the entries whose summaries
        failguard-index does not read (they go to its `corrupt`), asking it
        once for all the entries not checked in this run or, with the same
        bytes, in an earlier one."""
        unknown = []
        for path in sorted({s.path for found in lookups for s in found.units.values()} -
                           self.valid):
            if self.unchanged_since_read(path) and \
                    self.checked.known(path, self.digests[path][0]):
                self.valid.add(path)
                if path not in self.recorded:
                    self.remember(path)
            else:
                unknown.append(path)
        refused = {}
        for path, why in zip(unknown, check(unknown, self.scratch)):
            if why is None:
                self.valid.add(path)
                # Remembered only if what failguard-index read is what was hashed.
                if self.unchanged_since_read(path):
                    self.remember(path)
            else:
                refused[path] = why
        self.checked.save()
        self.read = {k: s for k, s in self.read.items() if s.path not in refused}
        for found in lookups:
            found.corrupt += [(tu, s.path, refused[s.path]) for tu, s in sorted(found.units.items())
                              if s.path in refused]
            found.units = {tu: s for tu, s in found.units.items() if s.path not in refused}

    def remember(self, path):
        """Records the entry at `path`, read by failguard-index, for the next
        runs: its digest, and what it holds while its stamp lasts."""
        sha, stamp = self.digests[path]
        summary = self.summaries.get(path)
        if summary is not None:
            self.checked.add(path, sha, stamp, summary.name)
        else:
            self.checked.add(path, sha)

    def unchanged_since_read(self, path):
        """Whether the entry at `path` is still the file this run hashed."""
        sha, read_as = self.digests.get(path, (None, None))
        return sha is not None and read_as is not None and stamp_of(path) == read_as

    def summarise(self, tu, view, command_id, number):
        """(the unit's summaries or None, the reason it has none, configuration errors)."""
        out = self.summary_path(view, number)
        command = [FAILGUARD_TIDY, '--quiet', '--summarise-to=' + out, '-p',
                   self.entries.unit_directory(tu)] + \
            self.config + view.vfsoverlay()
        result = analyse(self.entries[tu][1], command, {'index': 'none'}, self.scratch)
        if result.config_errors:
            return None, None, result.config_errors
        if result.errors:
            where, line, message = result.errors[0]
            if where:
                message = '%s:%d: %s' % (relative(where, self.root), line, message)
            return None, message, []
        summary, reason = self.take(tu, out, command_id)
        return summary, reason, []

    def summary_path(self, view, number, kind='summary'):
        """Where failguard-tidy writes the summaries of the unit `number` (the
        kind of run keeps a summary pass and an analysis apart)."""
        return os.path.join(self.scratch, '%s-%s-%d.json' % (kind, view.name, number))

    def take(self, tu, out, command_id):
        """(the summaries failguard-tidy wrote to `out` for `tu`, kept as the
        unit's cache entry, or None, the reason there are none)."""
        try:
            with open(out, encoding='utf-8', errors='surrogateescape') as f:
                text = f.read()
            units = read_envelope(text)
            if len(units) != 1:
                raise ValueError('%d units, not one' % len(units))
        except OSError as error:
            return None, 'failguard-tidy wrote no summaries (%s)' % (error.strerror or error)
        except ValueError as error:
            return None, 'failguard-tidy wrote unreadable summaries (%s)' % error
        name, files = units[0]
        if not name or name.startswith('../'):
            return None, 'the unit is not in the repository'
        if name != relative(tu, self.root):
            return None, "failguard-tidy wrote the summaries of '%s'" % name
        summary = Summary(name, files, out)
        if self.writable:
            path = os.path.join(self.entry_dir,
                                self.entry_key(command_id, list(files.items())) + '.json')
            try:
                write_private(path, text)
                self.used.add(path)
                summary.path = path
                self.summaries[path] = summary
                self.digests[path] = (digest(text), stamp_of(path))
            except OSError:
                pass
            self.manifests.write(tu, sorted(files))
        # Written by failguard-tidy in this run: failguard-index reads it (the
        # next runs too, while its bytes stay the same).
        self.valid.add(summary.path)
        if self.unchanged_since_read(summary.path):
            self.remember(summary.path)
        return summary, None

    def adopt(self, summaries, view):
        """Makes cache entries of summaries built elsewhere (shards): those of
        units of the compilation database whose every file has, in `view`,
        the blob id the summaries recorded. Returns how many."""
        by_name = {relative(tu, self.root): tu for tu in index_units(self.root, self.entries)}
        wanted = [s for s in summaries if s.name in by_name]
        blobs = view.blobs(sorted({f for s in wanted for f in s.files}))
        count = 0
        for summary in wanted:
            files = summary.files
            if any(blobs[f] != blob for f, blob in files.items()):
                continue
            tu = by_name[summary.name]
            key = self.entry_key(self.command_id(tu, view), list(files.items()))
            path = os.path.join(self.entry_dir, key + '.json')
            try:
                with open(summary.path, encoding='utf-8', errors='surrogateescape') as f:
                    write_private(path, f.read())
            except OSError as error:
                raise Failure("cannot write '%s': %s" % (path, error.strerror or error))
            self.used.add(path)
            self.manifests.write(tu, sorted(files))
            count += 1
        if count:
            self.prune()
        return count

    def look_up(self, tus, view):
        """The cache entries of the units of `tus` that exist in `view` (a
        Lookup), not checked yet (see check)."""
        tus = [tu for tu in tus if view.has(relative(tu, self.root))]
        found = Lookup(tus, Commands(self, view))
        if self.writable:
            # The last run's look-up, where it holds: see index_looked.py.
            for tu, hit in self.looked.hits(tus, view.blobs).items():
                summary = self.take_hit(tu, hit, found.commands[tu])
                if summary is not None:
                    found.units[tu] = summary
            tus = [tu for tu in tus if tu not in found.units]
        manifests = {tu: self.manifests.read(tu) if self.writable else [] for tu in tus}
        blobs = view.blobs(sorted({f for lists in manifests.values() for files in lists
                                   for f in files}))
        for tu in tus:
            for files in manifests[tu]:
                pairs = [(f, blobs[f]) for f in files]
                if any(blob is None for _, blob in pairs):
                    continue
                corrupt = []
                unit = self.read_entry(self.entry_key(found.commands[tu], pairs), pairs, corrupt)
                found.corrupt += [(tu, path, why) for path, why in corrupt]
                if unit is not None:
                    found.units[tu] = unit
                    break
        return found

    def take_hit(self, tu, hit, command):
        """The Summary of the entry of `tu` the look-up memo names (a Hit), if
        its key is the one its pairs and the unit's `command` (command_id)
        make, and the entry is this unit's, as a look-up reads it; it counts
        as checked when failguard-index read it before (check)."""
        pairs = tuple(hit.files.items())
        verified = self.verified.get((command, hit.key, pairs))
        if verified is None:
            verified = self.verified[(command, hit.key, pairs)] = \
                self.entry_key(command, pairs) == hit.key
        if not verified:
            return None
        summary = self.read_entry(hit.key, list(pairs), [])
        if summary is None or summary.name != relative(tu, self.root):
            return None
        if summary.path not in self.valid:
            sha, _ = self.digests.get(summary.path, (None, None))
            if sha is not None and self.checked.known(summary.path, sha):
                self.valid.add(summary.path)
                if summary.path not in self.recorded:
                    self.remember(summary.path)
        return summary

    def keep_lookup(self, units):
        """Records for the next run's look-ups the entries of `units` ({tu:
        Summary}) that are checked cache entries (see save_lookups)."""
        self.looked.record({
            tu: Hit(os.path.basename(s.path)[:-len('.json')], s.files)
            for tu, s in units.items() if s.path in self.valid and s.path.endswith('.json')
            and os.path.dirname(s.path) == self.entry_dir})

    def save_lookups(self):
        self.looked.save()

    def look_again(self, found, view):
        """`found` with the units it has no entry for (none, or one damaged or
        foreign) looked up again: a summary pass may have written it since
        (the baseline shares the entries of the units that did not change)."""
        again = [tu for tu in found.tus if tu not in found.units]
        if again:
            fresh = self.look_up(again, view)
            self.check([fresh])
            found.units.update(fresh.units)
            found.corrupt = [c for c in found.corrupt if c[0] not in again] + fresh.corrupt
        return found

    def build(self, tus, view, defer=frozenset(), found=None):
        """{tu: Summary} for the units of `tus` that exist in `view`, with the
        count summarised and reused, {tu: reason} for those that could not be
        summarised, the configuration errors failguard-tidy reported, and the
        units of `defer` whose summaries must be made anew: they are not
        summarised here (their analysis writes them, see take). `found`: the
        entries looked up and checked already, for these units or more."""
        if found is None:
            found = self.look_up(tus, view)
            self.check([found])
        wanted = set(tus)
        tus = [tu for tu in found.tus if tu in wanted]
        commands = found.commands
        units = {tu: s for tu, s in found.units.items() if tu in wanted}
        order = {tu: i for i, tu in enumerate(tus)}
        corrupt = [(path, why) for tu, path, why in sorted(
            (c for c in found.corrupt if c[0] in wanted), key=lambda c: order[c[0]])]
        stale = [tu for tu in tus if tu not in units]
        deferred = [tu for tu in stale if tu in defer]
        stale = [tu for tu in stale if tu not in defer]
        if corrupt:
            print('git-failguard: warning: ignoring %d damaged or foreign summary index '
                  'entr%s (%s: %s): summarised again' % (
                      len(corrupt), 'y' if len(corrupt) == 1 else 'ies', corrupt[0][0],
                      corrupt[0][1]), file=sys.stderr)
        failures, config_errors = {}, []
        if stale:
            pool = concurrent.futures.ThreadPoolExecutor(max_workers=self.jobs)
            try:
                futures = {pool.submit(self.summarise, tu, view, commands[tu], i): tu
                           for i, tu in enumerate(stale)}
                for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
                    tu = futures[future]
                    unit, reason, errors = future.result()
                    if self.progress:
                        sys.stderr.write('\r\033[K[%d/%d] summarising %s' % (
                            done, len(stale), relative(tu, self.root)))
                    if unit is not None:
                        units[tu] = unit
                    elif reason is not None:
                        failures[tu] = reason
                    config_errors += errors
            except BaseException:
                CHILDREN.stop()
                pool.shutdown(wait=False, cancel_futures=True)
                raise
            pool.shutdown()
            if self.progress:
                sys.stderr.write('\r\033[K')
        units = self.one_per_name(units, failures)
        summarised = sum(1 for tu in stale if tu in units)
        if summarised and self.writable:
            self.prune()
        self.checked.save()
        self.keep_lookup(units)
        return (units, summarised, len(tus) - len(stale) - len(deferred), failures,
                config_errors, deferred)

    def one_per_name(self, units, failures):
        """`units` with one unit per name (the checks' reader refuses a
        second): the others go to `failures`."""
        by_name = {}
        for tu in sorted(units):
            name = units[tu].name
            if name in by_name:
                failures[tu] = "its summaries name the unit '%s', as those of %s do" % (
                    name, relative(by_name[name], self.root))
                continue
            by_name[name] = tu
        return {tu: units[tu] for tu in by_name.values()}


def index_units(root, entries):
    """The units of the compilation database inside the repository, in path order."""
    return sorted((tu for tu in entries if not relative(tu, root).startswith('../')
                   and relative(tu, root) != '..'), key=lambda tu: relative(tu, root))
