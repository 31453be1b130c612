"""The tables git failguard assembled, kept for the next run that needs the
same one: a table is a function of the cache entries it is made of (each
named by a key that covers its content and the failguard build), so the
index of the same entries is the same bytes, and a pull request's runs at one
baseline assemble the baseline's table once."""
import hashlib
import os
import stat

from .fs import link_private, owned_privately, prune, read_private, read_regular, stamp_of
from .index_checked import digest
from .index_format import ENTRY_READ_CAP

TABLE_MAGIC = b'failguard-index-table-2\n'
# The header: the format line, then the digest (32 hex digits of SHA-256 of
# everything after it; lib/IndexTable.h).
DIGEST = slice(len(TABLE_MAGIC), len(TABLE_MAGIC) + 32)
TABLE_READ_CAP = 1 << 30
# Tables kept, the least recently used going first.
TABLES_KEPT = 16


class Tables:
    """The tables kept under the cache's index directory (`store`), for the
    entries of `entry_dir`; `writable` False keeps none."""

    def __init__(self, store, entry_dir, writable):
        self.directory = os.path.join(store, 'tables')
        self.entry_dir, self.used = entry_dir, set()
        # {kept table: (its entries, their stamps when path_for read them)}.
        self.read_as = {}
        self.writable = writable
        if writable:
            try:
                os.makedirs(self.directory, mode=0o700, exist_ok=True)
                self.writable = owned_privately(os.lstat(self.directory))
            except OSError:
                self.writable = False

    def path_for(self, entries, known=None, stamps=None):
        """Where the table of `entries` (paths, sorted) is kept, or None when
        one of them is not a cache entry (a summary of this run only) or
        cannot be read. Each entry counts by its name and the SHA-256 of its
        bytes: an entry written anew under the same name with other content
        (a shard's adopted over it) makes another table, and a cache copied
        or restored elsewhere (other inodes and times, as a CI cache is)
        still finds its tables. `known`: {entry: (SHA-256, stamp)} of the
        entries this run read already (read again only if written since);
        `stamps`: {entry: its stamp}, taken by the caller just before."""
        if not self.writable or not entries or \
                any(os.path.dirname(e) != self.entry_dir for e in entries):
            return None
        names, taken = [], []
        for entry in entries:
            now = stamps[entry] if stamps is not None else stamp_of(entry)
            sha, read_as = (known or {}).get(entry, (None, None))
            if now is None or read_as != now:
                try:
                    text = read_private(entry, ENTRY_READ_CAP)
                except ValueError:
                    return None
                if text is None or stamp_of(entry) != now:
                    return None
                sha = digest(text)
            taken.append(now)
            names.append('%s %s' % (os.path.basename(entry), sha))
        kept = os.path.join(self.directory, hashlib.sha256(
            '\n'.join(names).encode('utf-8', 'surrogateescape')).hexdigest() + '.fgindex')
        self.read_as[kept] = (list(entries), taken)
        return kept

    def unchanged(self, kept):
        """Whether the entries whose bytes named `kept` (path_for) are still
        the files that were read: none written anew or changed since, so the
        table just made of them may be kept under that name."""
        entries, stamps = self.read_as.get(kept, ((), ()))
        return bool(entries) and all(stamp_of(e) == s for e, s in zip(entries, stamps))

    def fetch(self, kept, output):
        """Writes the table kept at `kept` to `output`, if there is one that is
        whole (its digest is that of its content) and private; True if so."""
        try:
            st = os.lstat(kept)
        except OSError:
            return False
        if not stat.S_ISREG(st.st_mode) or not owned_privately(st):
            return False
        content = read_regular(kept, TABLE_READ_CAP)
        if content is None or content[1]:
            return False
        data = content[0]
        if not data.startswith(TABLE_MAGIC) or len(data) < DIGEST.stop or \
                hashlib.sha256(data[DIGEST.stop:]).hexdigest()[:32].encode() != data[DIGEST]:
            return False
        # Every writer of tables replaces them whole: one file, two names.
        link_private(kept, output, data)
        self.used.add(kept)
        try:
            os.utime(kept)  # recently used
        except OSError:
            pass
        return True

    def keep(self, written, kept):
        """Keeps the table `written` at `kept`: another name of the file, or a copy."""
        def content():
            read = read_regular(written, TABLE_READ_CAP)
            if read is None or read[1]:
                raise OSError('cannot read %s' % written)
            return read[0]
        try:
            link_private(written, kept, content)
        except OSError:
            return
        self.used.add(kept)
        prune(self.directory, TABLES_KEPT, self.used, suffix='.fgindex')
