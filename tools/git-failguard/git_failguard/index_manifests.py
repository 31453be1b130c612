"""The cache's manifests: the files each unit read the last times."""
import hashlib
import os

from .fs import CACHE_READ_CAP, json_value, private_stamp, read_private, stamp_of, write_private
from .index_format import MANIFEST_FORMAT, MANIFEST_LISTS, canonical_json


class Manifests:
    """The lists of the files each unit read the last times, most recent
    first (units/<hash>.json, one per unit and compile command), to compute
    the key of its entry without parsing it. A manifest is only a hint: what
    it leads to is checked. Each is read once a run (both sides' look-ups use
    it), from the memo (`checked`, CheckedEntries) while its stamp holds."""

    def __init__(self, directory, command_json, checked, writable):
        self.directory, self.command_json, self.checked = directory, command_json, checked
        self.writable = writable
        self.paths, self.lists = {}, {}

    def path(self, tu):
        path = self.paths.get(tu)
        if path is None:
            entry = self.command_json(tu)
            path = self.paths[tu] = os.path.join(self.directory, hashlib.sha256(
                (tu + '\0' + entry).encode('utf-8', 'surrogateescape')).hexdigest() + '.json')
        return path

    def read(self, tu):
        lists = self.lists.get(tu)
        if lists is None:
            lists = self.lists[tu] = self.read_file(tu)
        return list(lists)

    def read_file(self, tu):
        path = self.path(tu)
        read_as = private_stamp(path)
        lists = self.checked.manifest(path, read_as) if self.writable else None
        if lists is not None:
            return lists
        try:
            data = json_value(read_private(path, CACHE_READ_CAP) or 'null')
        except ValueError:
            return []
        if not isinstance(data, dict) or data.get('format') != MANIFEST_FORMAT or \
                not isinstance(data.get('lists'), list):
            return []
        lists = [files for files in data['lists'] if isinstance(files, list)
                 and all(isinstance(f, str) for f in files)][:MANIFEST_LISTS]
        if read_as is not None and stamp_of(path) == read_as:
            self.checked.add_manifest(path, read_as, lists)
        return lists

    def write(self, tu, files):
        lists = ([files] + [known for known in self.read(tu) if known != files])[
            :MANIFEST_LISTS]
        self.lists[tu] = lists
        path = self.path(tu)
        try:
            write_private(path, canonical_json({'format': MANIFEST_FORMAT, 'lists': lists}))
        except OSError:
            return
        self.checked.add_manifest(path, stamp_of(path), lists)
