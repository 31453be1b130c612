"""What the driver knows of the cache's entries and manifests between runs:
the entries failguard-index has read (an entry with the same name and the
same bytes is not checked again), and, while a file's stamp stays what it
was, what it holds (a look-up then reads no entry or manifest it read before)."""
import hashlib
import json
import os

from .fs import CACHE_READ_CAP, json_value, read_private, write_private

CHECKED_FORMAT = 'failguard-checked-2'


def digest(text):
    """The SHA-256 of an entry's text (as read_private gives it)."""
    return hashlib.sha256(text.encode('utf-8', 'surrogateescape')).hexdigest()


def _stamp(value):
    if isinstance(value, list) and len(value) == 3 and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value):
        return tuple(value)
    return None


def _files(value):
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return value
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
      size, time) when they were hashed, its unit's name, {file: blob id}]}
      of the entries of `entry_dir` that failguard-index read;
    - manifests: {manifest file name: [its stamp when read, its lists]} of
      `manifest_dir`.

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
            self.before, self.manifests_before = {}, {}
            if self.writable:
                self.identity = self.identify()
                try:
                    data = json_value(read_private(self.path, CACHE_READ_CAP) or 'null')
                except ValueError:
                    data = None
                # Records are taken as they are read (entry, manifest).
                if isinstance(data, dict) and data.get('format') == CHECKED_FORMAT and \
                        data.get('identity') == self.identity and \
                        isinstance(data.get('entries'), dict) and \
                        isinstance(data.get('manifests'), dict):
                    self.before, self.manifests_before = data['entries'], data['manifests']
        return self.before

    @staticmethod
    def entry(record):
        """(sha, stamp, unit, files) of a record as kept, or None."""
        if isinstance(record, tuple):
            return record
        if isinstance(record, list) and len(record) == 4 and isinstance(record[0], str) and \
                isinstance(record[2], str):
            return record[0], _stamp(record[1]), record[2], _files(record[3])
        return None

    @staticmethod
    def manifest_record(record):
        """(stamp, lists) of a record as kept, or None."""
        if isinstance(record, tuple):
            return record
        if isinstance(record, list) and len(record) == 2 and _stamp(record[0]) and \
                _lists(record[1]) is not None:
            return _stamp(record[0]), record[1]
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
        """(SHA-256, unit name, {file: blob id}) of the entry at `path` as
        recorded, if its stamp is still `stamp`."""
        record = self.record(path)
        if stamp is None or record is None or record[1] != stamp or record[3] is None:
            return None
        return record[0], record[2], record[3]

    def add(self, path, sha, stamp=None, unit=None, files=None):
        """Records the entry at `path`, read by failguard-index, whose bytes
        hash to `sha` (and, with `stamp`, what it holds while that lasts)."""
        if sha is not None and os.path.dirname(path) == self.entry_dir:
            self.now[os.path.basename(path)] = (
                sha, stamp, unit or '', dict(files) if stamp is not None else None)

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
        # Records read are written as they were (tuples are this run's).
        entries = {k: v for k, v in before.items() if k in present}
        entries.update((k, [sha, list(stamp) if stamp else None, unit, files])
                       for k, (sha, stamp, unit, files) in self.now.items())
        manifests = {k: v for k, v in self.manifests_before.items() if k in manifests_present}
        manifests.update((k, [list(stamp), lists])
                         for k, (stamp, lists) in self.manifests_now.items())
        try:
            write_private(self.path, json.dumps({
                'format': CHECKED_FORMAT, 'identity': self.identity, 'entries': entries,
                'manifests': manifests}, separators=(',', ':')))
        except OSError:
            return
        self.before, self.now = entries, {}
        self.manifests_before, self.manifests_now = manifests, {}
