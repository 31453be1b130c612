"""The look-ups of the last run, kept so that the next one does not read
every unit's manifest again.

A look-up finds each unit's cache entry from the unit's compile command and
configuration and the blob id of every repository file it read (its key, see
Indexer.entry_key), the files listed by the unit's manifest: a manifest
stat'ed or read per unit, on both sides, every run. This memo keeps what the
last run's look-ups found (the working tree's and the baseline's): per unit,
its entry's key and the (file, blob id) pairs that key covers. The next
look-up, in any view, takes a record as a manifest's list when every pair's
blob id is the view's now (from git, as the full look-up has them), and, like
a manifest, only as a hint: the key is computed again from the unit's command
and configuration and those pairs (Indexer.take_hit), the entry is read as a
look-up reads it, and its unit must be this one. A unit without a record that
holds is looked up in full; so is every unit when the memo is damaged, of
another format, or of another failguard build."""
import hashlib
import json
import os

from .fs import CACHE_READ_CAP, json_value, read_private, relative, write_private
from .index_format import INDEX_FORMAT

LOOKED_FORMAT = 'failguard-looked-1'


def looked_path(store, root):
    """The memo of the repository at `root` in the cache's index directory."""
    return os.path.join(store, 'looked-%s.json' % hashlib.sha256(
        os.fsencode(root)).hexdigest()[:16])


def context_key(identity):
    """The builds (and key format) the memo was made by."""
    return hashlib.sha256(json.dumps([LOOKED_FORMAT, INDEX_FORMAT, identity]).encode(
        'utf-8', 'surrogateescape')).hexdigest()


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

    On disk: {format, context, pairs: [[file, blob id]], units: {unit path
    in the repository: [[key, [pair numbers]], ...]}}: per unit the entries
    this run's look-ups found, UNIT_RECORDS at most."""

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
                        isinstance(data.get('units'), dict) and \
                        all(isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and
                            isinstance(p[1], str) for p in data['pairs']):
                    self.data = data
        return self.data

    def hits(self, tus, blobs_of):
        """{tu: Hit} of the units of `tus` with a record whose every pair has
        its blob id in the view (`blobs_of(paths)` gives them): the key to
        check (see the module's text)."""
        data = self._load()
        if not data:
            return {}
        pairs, units = data['pairs'], data['units']
        try:
            now = blobs_of(sorted({p[0] for p in pairs}))
        except ValueError:  # a name no file has (a NUL, a lone surrogate)
            return {}
        same = [now.get(p[0]) == p[1] for p in pairs]
        found = {}
        for tu in tus:
            records = units.get(relative(tu, self.root))
            if not isinstance(records, list):
                continue
            for record in records:
                try:
                    key, numbers = record
                    if not isinstance(key, str) or not key.isalnum() or \
                            not isinstance(numbers, list) or not numbers or \
                            any(type(i) is not int or not 0 <= i < len(pairs) for i in numbers) \
                            or not all(same[i] for i in numbers):
                        continue
                    found[tu] = Hit(key, {pairs[i][0]: pairs[i][1] for i in numbers})
                    break
                except (TypeError, ValueError):
                    continue
        return found

    def record(self, units):
        """Keeps, to save, the entries `units` ({tu: Hit}) a look-up found."""
        for tu, hit in units.items():
            kept = self.now.setdefault(tu, [])
            if all(hit.key != other.key for other in kept):
                kept.append(hit)

    def save(self):
        """Writes the entries recorded in this run, UNIT_RECORDS per unit at most."""
        if not self.writable or not self.now:
            return
        if self.context is None:
            self.context = self.contextual()
        pairs, numbers, units = [], {}, {}
        for tu, kept in sorted(self.now.items()):
            records = units[relative(tu, self.root)] = []
            for hit in kept[:self.UNIT_RECORDS]:
                for pair in hit.files.items():
                    if pair not in numbers:
                        numbers[pair] = len(pairs)
                        pairs.append(pair)
                records.append([hit.key, sorted(numbers[pair] for pair in hit.files.items())])
        text = json.dumps({'format': LOOKED_FORMAT, 'context': self.context, 'pairs': pairs,
                           'units': units}, separators=(',', ':'))
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
