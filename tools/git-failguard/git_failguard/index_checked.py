"""The cache entries failguard-index has read before, remembered between
runs: an entry with the same name and the same bytes is not checked again."""
import hashlib
import json
import os

from .fs import CACHE_READ_CAP, json_value, read_private, write_private

CHECKED_FORMAT = 'failguard-checked-1'


def digest(text):
    """The SHA-256 of an entry's text (as read_private gives it)."""
    return hashlib.sha256(text.encode('utf-8', 'surrogateescape')).hexdigest()


class CheckedEntries:
    """{entry file name: SHA-256 of its bytes} of the entries of `entry_dir`
    that failguard-index read, kept in `path` for the builds `identity()`
    names (the analyser's that wrote them and failguard-index's that read
    them; other builds check them again); `writable` False keeps nothing."""

    def __init__(self, path, entry_dir, identity, writable):
        self.path, self.entry_dir, self.writable = path, entry_dir, writable
        self.identify, self.identity = identity, None
        self.before = None
        self.now = {}

    def remembered(self):
        if self.before is None:
            self.before = {}
            if self.writable:
                self.identity = self.identify()
                try:
                    data = json_value(read_private(self.path, CACHE_READ_CAP) or 'null')
                except ValueError:
                    data = None
                if isinstance(data, dict) and data.get('format') == CHECKED_FORMAT and \
                        data.get('identity') == self.identity and \
                        isinstance(data.get('entries'), dict):
                    self.before = {k: v for k, v in data['entries'].items()
                                   if isinstance(k, str) and isinstance(v, str)}
        return self.before

    def known(self, path, sha):
        """Whether the entry at `path`, whose bytes hash to `sha`, was read by
        failguard-index in an earlier run."""
        return sha is not None and os.path.dirname(path) == self.entry_dir and \
            self.remembered().get(os.path.basename(path)) == sha

    def add(self, path, sha):
        if sha is not None and os.path.dirname(path) == self.entry_dir:
            self.now[os.path.basename(path)] = sha

    def save(self):
        """Writes what is remembered: the entries still in the cache."""
        if not self.writable or not self.now:
            return
        before = self.remembered()
        if all(before.get(k) == v for k, v in self.now.items()):
            return
        try:
            present = set(os.listdir(self.entry_dir))
        except OSError:
            return
        entries = {k: v for k, v in before.items() if k in present}
        entries.update(self.now)
        try:
            write_private(self.path, json.dumps(
                {'format': CHECKED_FORMAT, 'identity': self.identity, 'entries': entries},
                sort_keys=True))
        except OSError:
            return
        self.before, self.now = entries, {}
