"""What the driver knows of the cache's entries and manifests between runs:
the entries failguard-index has read (an entry with the same name and the
same bytes is not checked again), and, while a file's stamp stays what it
was, what it holds (a look-up then reads no entry or manifest it read before)."""
import hashlib
import json
import os

from .fs import CACHE_READ_CAP, json_value, read_private, write_private

CHECKED_FORMAT = 'failguard-checked-3'


def digest(text):
    """The SHA-256 of an entry's text (as read_private gives it)."""
    return hashlib.sha256(text.encode('utf-8', 'surrogateescape')).hexdigest()


def _stamp(value):
    if isinstance(value, list) and len(value) == 3 and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value):
        return tuple(value)
    return None


def _lists(value):
    if isinstance(value, list) and all(isinstance(files, list) and all(
            isinstance(f, str) for f in files) for files in value):
        return value
    return None


class CheckedEntries:
    """Kept in `path` for the builds `identity()` names (the analyser's that
    wrote the entries and failguard-index's that read them; other builds
    start anew); `writable` False keeps nothing.

    - entries: {entry file name: [SHA-256 of its bytes, its stamp (inode,
      size, time) when they were hashed, its unit's name]} of the entries of
      `entry_dir` that failguard-index read;
    - files, manifests: the names of the files the manifests list, and
      {manifest file name: [its stamp when read, its lists, each file by its
      index in files]} of `manifest_dir` (left out when they would make
      the memo larger than MANIFESTS_BUDGET).

    A record stands for its file while the file's stamp is the one recorded:
    cache files are written whole and renamed into place (another inode), so
    any write changes it."""

    def __init__(self, path, entry_dir, identity, writable, manifest_dir=None):
        self.path, self.entry_dir, self.writable = path, entry_dir, writable
        self.manifest_dir = manifest_dir
        self.identify, self.identity = identity, None
        self.before = None
        self.now, self.manifests_now = {}, {}

    def remembered(self):
        if self.before is None:
            self.before, self.manifests_before, self.files_before = {}, {}, []
            if self.writable:
                self.identity = self.identify()
                try:
                    data = json_value(read_private(self.path, CACHE_READ_CAP) or 'null')
                except ValueError:
                    data = None
                # Records are taken as they are read (entry, manifest_record).
                if isinstance(data, dict) and data.get('format') == CHECKED_FORMAT and \
                        data.get('identity') == self.identity and \
                        isinstance(data.get('entries'), dict):
                    self.before = data['entries']
                    if isinstance(data.get('manifests'), dict) and \
                            isinstance(data.get('files'), list):
                        self.manifests_before, self.files_before = data['manifests'], data['files']
        return self.before

    @staticmethod
    def entry(record):
        """(sha, stamp, unit) of a record as kept, or None."""
        if isinstance(record, tuple):
            return record
        if isinstance(record, list) and len(record) == 3 and isinstance(record[0], str) and \
                isinstance(record[2], str):
            return record[0], _stamp(record[1]), record[2]
        return None

    def manifest_record(self, record):
        """(stamp, lists) of a record as kept (its files by their index in
        the memo's list of files), or None."""
        if isinstance(record, tuple):
            return record
        files = self.files_before
        if isinstance(record, list) and len(record) == 2 and _stamp(record[0]) and \
                isinstance(record[1], list):
            try:
                lists = [[files[i] for i in numbers] for numbers in record[1]]
            except (IndexError, TypeError):
                return None
            if all(isinstance(i, int) and not isinstance(i, bool) and i >= 0
                   for numbers in record[1] for i in numbers) and _lists(lists) is not None:
                return _stamp(record[0]), lists
        return None

    def record(self, path):
        if os.path.dirname(path) != self.entry_dir:
            return None
        name = os.path.basename(path)
        return self.now.get(name) or self.entry(self.remembered().get(name))

    def known(self, path, sha):
        """Whether the entry at `path`, whose bytes hash to `sha`, was read by
        failguard-index in an earlier run."""
        record = self.record(path)
        return sha is not None and record is not None and record[0] == sha

    def envelope(self, path, stamp):
        """(SHA-256, unit name) of the entry at `path` as recorded, if its
        stamp is still `stamp`. (Its files are those its name is the hash
        of: the look-up's.)"""
        record = self.record(path)
        if stamp is None or record is None or record[1] != stamp:
            return None
        return record[0], record[2]

    def add(self, path, sha, stamp=None, unit=None):
        """Records the entry at `path`, read by failguard-index, whose bytes
        hash to `sha` (and, with `stamp`, its unit's name while that lasts)."""
        if sha is not None and os.path.dirname(path) == self.entry_dir:
            self.now[os.path.basename(path)] = (sha, stamp, unit or '')

    def manifest(self, path, stamp):
        """The lists of the manifest at `path` as recorded, if its stamp is
        still `stamp`."""
        if stamp is None or os.path.dirname(path) != self.manifest_dir:
            return None
        self.remembered()
        name = os.path.basename(path)
        record = self.manifests_now.get(name) or \
            self.manifest_record(self.manifests_before.get(name))
        return record[1] if record is not None and record[0] == stamp else None

    def add_manifest(self, path, stamp, lists):
        if stamp is not None and os.path.dirname(path) == self.manifest_dir:
            self.manifests_now[os.path.basename(path)] = (stamp, lists)

    # The memo stays well under the size it is read up to: beyond this the
    # manifests are left out (they are read from their files again).
    MANIFESTS_BUDGET = CACHE_READ_CAP // 4

    def save(self):
        """Writes what is remembered: the entries and manifests still in the cache."""
        if not self.writable or not (self.now or self.manifests_now):
            return
        before = self.remembered()
        if all(self.entry(before.get(k)) == v for k, v in self.now.items()) and all(
                self.manifest_record(self.manifests_before.get(k)) == v
                for k, v in self.manifests_now.items()):
            return
        try:
            present = set(os.listdir(self.entry_dir))
            manifests_present = set(os.listdir(self.manifest_dir)) if self.manifest_dir else set()
        except OSError:
            return
        # Entries read are written as they were (tuples are this run's).
        entries = {k: v for k, v in before.items() if k in present}
        entries.update((k, [sha, list(stamp) if stamp else None, unit])
                       for k, (sha, stamp, unit) in self.now.items())
        kept = {}
        for k, record in self.manifests_before.items():
            if k in manifests_present and k not in self.manifests_now:
                record = self.manifest_record(record)
                if record is not None:
                    kept[k] = record
        kept.update(self.manifests_now)
        files, numbers = [], {}

        def number(name):
            if name not in numbers:
                numbers[name] = len(files)
                files.append(name)
            return numbers[name]
        manifests = {k: [list(stamp), [[number(f) for f in one] for one in lists]]
                     for k, (stamp, lists) in kept.items()}
        memo = {'format': CHECKED_FORMAT, 'identity': self.identity, 'entries': entries,
                'files': files, 'manifests': manifests}
        text = json.dumps(memo, separators=(',', ':'))
        if len(text) > self.MANIFESTS_BUDGET:
            files, manifests = [], {}
            memo.update(files=files, manifests=manifests)
            text = json.dumps(memo, separators=(',', ':'))
        try:
            write_private(self.path, text)
        except OSError:
            return
        self.before, self.now = entries, {}
        self.manifests_before, self.files_before, self.manifests_now = manifests, files, {}
