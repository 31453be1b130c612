"""Index files as the driver moves them: their envelope (format, unit names, files read)."""
import json

from .errors import Failure
from .fs import json_value, write_private

# The project summary index: one entry per translation unit in the cache
# directory (its summaries, content-addressed), assembled into one index file
# that the checks read (the run file's index and baseline_index). What the
# summaries say is failguard-index's to read (index_query): the driver reads
# only what addresses them.
INDEX_FORMAT = 'failguard-index-1'
MANIFEST_FORMAT = 'failguard-index-manifest-1'
# A unit's manifest keeps this many distinct lists of the files it read (the
# working tree's and the baseline's may differ).
MANIFEST_LISTS = 4
ENTRY_READ_CAP = 256 << 20


def canonical_json(value):
    return json.dumps(value, sort_keys=True, separators=(',', ':'), ensure_ascii=False)


class Summary:
    """One unit's summaries: its name (the main file, relative to the work
    tree), the blob id of each repository file it read, and the index file
    of that one unit that holds them."""
    __slots__ = ('name', 'files', 'path')

    def __init__(self, name, files, path):
        self.name, self.files, self.path = name, files, path


def read_envelope(text):
    """[(unit name, {file: blob id})] of an index file's text; ValueError (a
    few words) for anything that is not an index of this format."""
    try:
        data = json_value(text)
    except ValueError as error:
        raise ValueError('not JSON (%s)' % error)
    if not isinstance(data, dict) or not isinstance(data.get('format'), str):
        raise ValueError('not a failguard index')
    if data['format'] != INDEX_FORMAT:
        raise ValueError("format '%s', this git-failguard reads '%s'" % (data['format'],
                                                                          INDEX_FORMAT))
    units = data.get('units')
    if not isinstance(units, list):
        raise ValueError('no units')
    envelopes = []
    for unit in units:
        if not isinstance(unit, dict) or not isinstance(unit.get('unit'), str):
            raise ValueError('a unit without a name')
        files = unit.get('files')
        if not isinstance(files, dict):
            raise ValueError("unit '%s' lacks its files or functions" % unit['unit'])
        if not all(isinstance(blob, str) for blob in files.values()):
            raise ValueError("unit '%s': a file without a blob id" % unit['unit'])
        envelopes.append((unit['unit'], files))
    return envelopes


# What an index file written by `git failguard index --output` or `index
# merge --output` (one made to travel: a shard) records of how its units were
# made: the failguard build id, and per
# unit the key of its cache entry (a hash of the index format, the build id,
# the unit's compile command, its configuration and the files it read). A
# merge into a cache takes a unit only where that key is the one it would
# compute itself; shards of different builds do not merge.
MADE_WITH = 'made_with'


def read_made_with(text):
    """(build id, {unit name: entry key}) an index file records, or None."""
    try:
        made = json_value(text).get(MADE_WITH)
    except (ValueError, AttributeError):
        return None
    if not isinstance(made, dict) or not isinstance(made.get('build'), str) or \
            not isinstance(made.get('units'), dict) or \
            not all(isinstance(k, str) for k in made['units'].values()):
        return None
    return made['build'], made['units']


def record_made_with(path, build, keys):
    """Adds to the index file `path` (as failguard-index wrote it) how its
    units were made: `build` and `keys` ({unit name: entry key})."""
    with open(path, encoding='utf-8', errors='surrogateescape') as f:
        text = f.read()
    if not text.startswith('{'):
        raise Failure("'%s' is not the index failguard-index wrote" % path)
    member = '"%s":%s,' % (MADE_WITH, canonical_json({'build': build, 'units': keys}))
    data = '{' + member + text[1:]
    # A new file of its own beside the output (never an existing one, nor one
    # whose name derives from it), renamed over it.
    write_private(path, data)
