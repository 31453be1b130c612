"""Which files each unit reads, by clang's dependency scanner, cached per unit."""
import hashlib
import json
import os
import re
import tempfile

from .children import CHILDREN
from .fs import CACHE_READ_CAP, json_value, owned_privately, read_regular, real
from .tools import SCAN_DEPS


def load_dependency_cache(cache_path):
    """The cached map, or {} when it is missing, foreign or malformed (it is then rebuilt)."""
    try:
        if not owned_privately(os.lstat(cache_path)):
            return {}
    except OSError:
        return {}
    content = read_regular(cache_path, CACHE_READ_CAP)
    if content is None or content[1]:
        return {}
    try:
        cache = json_value(content[0])
    except ValueError:
        return {}
    if not isinstance(cache, dict):
        return {}

    def well_formed(record):
        return (isinstance(record, dict) and isinstance(record.get('command'), str)
                and isinstance(record.get('files'), dict)
                and all(isinstance(stamp, list) and len(stamp) == 2
                        and all(type(n) is int for n in stamp)
                        for stamp in record['files'].values()))

    return {tu: record for tu, record in cache.items() if well_formed(record)}


def stamp(path):
    st = os.lstat(path)
    return [st.st_mtime_ns, st.st_size]


def scan_dependencies(entries, tus, jobs, cache_dir, root, cdb_path):
    """{translation unit: set of files it reads, as spelled and resolved}, by
    clang's dependency scanner, reusing earlier scans whose command and
    repository files are unchanged (files outside the repository, system
    headers, are not looked at again)."""
    # One map per repository and compilation database.
    cache_path = os.path.join(cache_dir, 'deps-%s.json' % hashlib.sha256(
        os.fsencode(root + '\0' + cdb_path)).hexdigest()[:16])
    cache = load_dependency_cache(cache_path)

    def fresh(tu):
        record = cache.get(tu)
        if not record or record['command'] != json.dumps(entries[tu][0], sort_keys=True):
            return None
        for path, known in record['files'].items():
            try:
                if stamp(path) != known:
                    return None
            except OSError:
                return None
        return set(record['files'])

    result, stale = {}, []
    for tu in tus:
        known = fresh(tu)
        if known is None:
            stale.append(tu)
        else:
            result[tu] = known
    if not stale:
        return result, 0
    with tempfile.TemporaryDirectory() as scratch:
        cdb = os.path.join(scratch, 'compile_commands.json')
        with open(cdb, 'w') as f:
            json.dump([entries[tu][0] for tu in stale], f)
        run = CHILDREN.run([SCAN_DEPS, '-compilation-database=' + cdb, '-format=make',
                            '-j', str(jobs)])
    scanned = parse_make_dependencies(os.fsdecode(run.stdout))
    for tu in stale:
        files = scanned.get(tu)
        if files is None:
            # The scanner could not read it: count it as affected.
            result[tu] = None
            continue
        result[tu] = files
        stamps = {}
        for path in files:
            if not path.startswith(root + '/'):
                continue
            try:
                stamps[path] = stamp(path)
            except OSError:
                pass
        cache[tu] = {'command': json.dumps(entries[tu][0], sort_keys=True), 'files': stamps}
    write_dependency_cache(cache_dir, cache_path, cache)
    return result, len(stale)


def write_dependency_cache(cache_dir, cache_path, cache):
    try:
        os.makedirs(cache_dir, mode=0o700, exist_ok=True)
        if not owned_privately(os.lstat(cache_dir)):
            return
        fd, temporary = tempfile.mkstemp(dir=cache_dir, suffix='.tmp')
        try:
            with os.fdopen(fd, 'w') as f:
                json.dump(cache, f)
            os.replace(temporary, cache_path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass


def parse_make_dependencies(text):
    """clang-scan-deps -format=make: 'target.o: main.cpp dep.h \\' lines, one rule per TU,
    keyed by the unit's real path; each file appears as spelled and resolved."""
    rules = {}
    for rule in text.replace('\\\n', ' ').split('\n'):
        if ':' not in rule:
            continue
        _, deps = rule.split(': ', 1) if ': ' in rule else rule.split(':', 1)
        files = [os.path.normpath(d.replace('\\ ', ' ')) for d in re.findall(r'(?:\\ |[^ ])+', deps)]
        if files:
            rules[real(files[0])] = set(files) | {real(f) for f in files}
    return rules
