"""The look-ups of the last run, kept so that the next one redoes only the
units whose files changed.

A look-up finds each unit's cache entry from the unit's compile command and
configuration and the blob id of every repository file it read (its key, see
Indexer.entry_key). Done for every unit on every run, that is a manifest and
an entry opened or stat'ed and a key hashed per unit: the cost grows with the
repository, not with the change. This memo keeps what the last run's
look-ups found (the working tree's and the baseline's): for each unit the
entry, its SHA-256 and stamp, and the (file, blob id) pairs its key covers.
The next look-up, in any view, takes a unit's entry from it when

- the context is the same: the failguard build, the driver's configuration
  arguments, the working directory, the compilation database's bytes;
- the unit's entry is the same position in that database (the same command);
- its directory's configuration (.clang-tidy files and the model files they
  name, by content) is the same;
- every file of its key has, in the view now, the blob id recorded: the key
  would be the same, so the entry is the one a full look-up would find;
- its entry file is still the one recorded (its stamp: cache files are
  written whole and renamed into place, so any write changes it).

The blob ids of the view come from git (the index's for the files it sees as
unchanged: `git ls-files -s`, `git diff-files`) as they do for a full
look-up; a unit that fails any test is looked up as before."""
import hashlib
import json
import os

from .fs import CACHE_READ_CAP, json_value, read_private, relative, write_private

LOOKED_FORMAT = 'failguard-looked-1'


def looked_path(store, root):
    """The memo of the repository at `root` in the cache's index directory."""
    return os.path.join(store, 'looked-%s.json' % hashlib.sha256(
        os.fsencode(root)).hexdigest()[:16])


def context_key(identity, config, cwd, cdb_path, cdb_digest):
    """What every unit's look-up depends on besides its own files."""
    return hashlib.sha256(json.dumps(
        [LOOKED_FORMAT, identity, list(config), cwd, cdb_path, cdb_digest],
        ensure_ascii=False).encode('utf-8', 'surrogateescape')).hexdigest()


class Hit:
    """A unit's entry as the memo has it: its key (the entry's file name
    without .json) and {file: blob id} of the files the key covers."""
    __slots__ = ('key', 'files')

    def __init__(self, key, files):
        self.key, self.files = key, files


class LookedUp:
    """The memo at `path` for the context `context()` (another context's memo
    is not used, and is replaced when this run saves); `writable` False keeps
    and uses nothing.

    On disk: {format, context, pairs: [[file, blob id]], configurations:
    [canonical JSON], units: {unit path in the repository: [[position, key,
    [pair numbers], configuration number], ...]}}: per unit the entries this
    run's look-ups found (the working tree's and the baseline's, most often
    one), UNIT_RECORDS at most. A record serves any view whose blob ids are
    those of its pairs. What an entry holds (its unit's name, the SHA-256 of
    its bytes, its stamp) is the memo of the entries' (CheckedEntries)."""

    UNIT_RECORDS = 2

    def __init__(self, path, root, context, writable):
        self.path, self.root, self.writable = path, root, writable
        self.contextual, self.context = context, None
        self.data = None
        # {tu: [(position, Hit, configuration)]} recorded in this run.
        self.now = {}

    def _load(self):
        if self.data is None:
            self.data = {}
            if self.writable:
                if self.context is None:
                    self.context = self.contextual()
                try:
                    data = json_value(read_private(self.path, CACHE_READ_CAP) or 'null')
                except ValueError:
                    data = None
                if isinstance(data, dict) and data.get('format') == LOOKED_FORMAT and \
                        data.get('context') == self.context and \
                        isinstance(data.get('pairs'), list) and \
                        isinstance(data.get('configurations'), list) and \
                        isinstance(data.get('units'), dict) and \
                        all(isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and
                            isinstance(p[1], str) for p in data['pairs']):
                    self.data = data
        return self.data

    def hits(self, tus, blobs_of, position, configuration):
        """{tu: Hit} of the units of `tus` whose look-up is what it was (see
        the module's text): `blobs_of(paths)` gives the view's blob ids,
        `position(tu)` the unit's entry's position in the database,
        `configuration(tu)` the canonical JSON of its directory's
        configuration in the view. The entries' stamps are the caller's to
        check."""
        data = self._load()
        if not data:
            return {}
        pairs, configurations, units = data['pairs'], data['configurations'], data['units']
        now = blobs_of(sorted({p[0] for p in pairs}))
        same = [now.get(p[0]) == p[1] for p in pairs]
        found = {}
        for tu in tus:
            records = units.get(relative(tu, self.root))
            if not isinstance(records, list):
                continue
            for record in records:
                try:
                    where, key, numbers, number = record
                    if where != position(tu) or not all(same[i] for i in numbers) or \
                            configuration(tu) != configurations[number]:
                        continue
                    if not isinstance(key, str) or not key.isalnum() or \
                            min(numbers, default=0) < 0 or number < 0:
                        continue
                    found[tu] = Hit(key, {pairs[i][0]: pairs[i][1] for i in numbers})
                    break
                except (TypeError, ValueError, IndexError):
                    continue
        return found

    def record(self, units, position, configuration):
        """Keeps, to save, the entries `units` ({tu: Hit}) a look-up found,
        with `position(tu)` and `configuration(tu)` as for hits()."""
        for tu, hit in units.items():
            kept = self.now.setdefault(tu, [])
            if all(hit.key != other.key for _, other, _ in kept):
                kept.append((position(tu), hit, configuration(tu)))

    def save(self):
        """Writes the entries recorded in this run, UNIT_RECORDS per unit at most."""
        if not self.writable or not self.now:
            return
        if self.context is None:
            self.context = self.contextual()
        pairs, pair_numbers, configurations, config_numbers = [], {}, [], {}
        units = {}
        for tu, kept in sorted(self.now.items()):
            records = units[relative(tu, self.root)] = []
            for where, hit, configuration in kept[:self.UNIT_RECORDS]:
                numbers = []
                for pair in hit.files.items():
                    if pair not in pair_numbers:
                        pair_numbers[pair] = len(pairs)
                        pairs.append(pair)
                    numbers.append(pair_numbers[pair])
                if configuration not in config_numbers:
                    config_numbers[configuration] = len(configurations)
                    configurations.append(configuration)
                records.append([where, hit.key, sorted(numbers),
                                config_numbers[configuration]])
        text = json.dumps({'format': LOOKED_FORMAT, 'context': self.context, 'pairs': pairs,
                           'configurations': configurations, 'units': units},
                          separators=(',', ':'))
        try:
            write_private(self.path, text)
        except OSError:
            pass
        self.data, self.now = None, {}


class Commands(dict):
    """{tu: Indexer.command_id(tu, view)}, each made when first asked for (a
    unit the look-up memo finds needs none)."""

    def __init__(self, indexer, view):
        super().__init__()
        self.indexer, self.view = indexer, view

    def __missing__(self, tu):
        command = self[tu] = self.indexer.command_id(tu, self.view)
        return command


class Lookup:
    """The cache entries found for units in one View: the units that exist in
    it (`tus`), their command identities (`commands`), the entries found
    (`units`: {tu: Summary}) and those found damaged or foreign (`corrupt`:
    [(tu, path, why)])."""

    def __init__(self, tus, commands):
        self.tus, self.commands = tus, commands
        self.units, self.corrupt = {}, []
