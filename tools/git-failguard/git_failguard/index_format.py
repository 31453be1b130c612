"""The summary index's file format, as the checks' reader takes it."""
import json


# The project summary index: one entry per translation unit in the cache
# directory (its summaries, content-addressed), assembled into one index file
# that the checks read (FAILGUARD_INDEX, FAILGUARD_BASELINE_INDEX).
INDEX_FORMAT = 'failguard-index-1'
MANIFEST_FORMAT = 'failguard-index-manifest-1'
# A unit's manifest keeps this many distinct lists of the files it read (the
# working tree's and the baseline's may differ).
MANIFEST_LISTS = 4
ENTRY_READ_CAP = 256 << 20
UINT32_MAX = (1 << 32) - 1


def canonical_json(value):
    return json.dumps(value, sort_keys=True, separators=(',', ':'), ensure_ascii=False)


INDEX_PREFIX = '{"format":%s,"units":[' % json.dumps(INDEX_FORMAT)
INDEX_SUFFIX = ']}\n'


class Summary:
    """One unit's summaries (a unit of an index file, checked) and its text
    as canonical_json writes it."""
    __slots__ = ('unit', 'text')

    def __init__(self, unit, text=None):
        self.unit, self.text = unit, text if text is not None else canonical_json(unit)


def index_text(summaries):
    """An index file's text: the units in path order, keys sorted, no spaces
    (canonical_json of the whole), so that the same units give the same bytes."""
    return INDEX_PREFIX + ','.join(s.text for s in sorted(
        summaries, key=lambda s: s.unit['unit'])) + INDEX_SUFFIX


def check_unit(unit):
    """Raises ValueError (a few words) unless `unit` is a unit as the checks'
    reader takes it."""
    def string(value):
        return isinstance(value, str)

    def count(value):
        return type(value) is int and 0 <= value <= UINT32_MAX

    def location(value):
        return (isinstance(value, list) and len(value) == 3 and string(value[0])
                and count(value[1]) and count(value[2]))

    if not isinstance(unit, dict) or not string(unit.get('unit')):
        raise ValueError('a unit without a name')
    name = unit['unit']
    files, functions = unit.get('files'), unit.get('functions')
    if not isinstance(files, dict) or not isinstance(functions, list):
        raise ValueError("unit '%s' lacks its files or functions" % name)
    if not all(string(blob) for blob in files.values()):
        raise ValueError("unit '%s': a file without a blob id" % name)
    for function in functions:
        if not (isinstance(function, dict) and string(function.get('usr'))
                and string(function.get('name')) and location(function.get('at'))
                and isinstance(function.get('throws'), list)
                and isinstance(function.get('calls'), list)):
            raise ValueError("unit '%s': a malformed function" % name)
        for throw in function['throws']:
            if not (isinstance(throw, list) and len(throw) == 3 and string(throw[0])
                    and string(throw[1]) and location(throw[2])):
                raise ValueError("unit '%s': a malformed modelled call" % name)
        for call in function['calls']:
            if not (isinstance(call, dict) and string(call.get('usr')) and string(call.get('name'))
                    and location(call.get('at'))):
                raise ValueError("unit '%s': a malformed call" % name)
            handlers = call.get('handlers', [])
            outcomes = call.get('outcomes', {})
            if not (isinstance(handlers, list) and all(string(h) for h in handlers)):
                raise ValueError("unit '%s': a malformed handler" % name)
            if not (isinstance(outcomes, dict) and all(
                    isinstance(o, list) and len(o) == 3 and type(o[0]) is int and 0 <= o[0] <= 2
                    and string(o[1]) and count(o[2]) for o in outcomes.values())):
                raise ValueError("unit '%s': a malformed outcome" % name)


def parse_index(text):
    """The units of an index file's text; ValueError (a few words) for
    anything that is not an index of this format."""
    try:
        data = json.loads(text)
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
    seen = set()
    for unit in units:
        check_unit(unit)
        if unit['unit'] in seen:
            raise ValueError("unit '%s' appears twice" % unit['unit'])
        seen.add(unit['unit'])
    return units
