"""Accepted-findings files: findings recorded once, not reported again."""
import json
import sys

from .errors import Failure
from .fingerprints import code_fingerprint, fingerprint
from .fs import json_value, relative
from .paths import read_input


# An accepted-findings file is read whole, up to this size.
ACCEPTED_READ_CAP = 64 << 20
# Version 2 fingerprints a finding by its code (code_fingerprint); version 1,
# by its message and its order among findings with the same message, is still
# read: its entries match by that old fingerprint.
ACCEPTED_VERSION = 2
READ_VERSIONS = (1, 2)


class Accepted:
    """An accepted-findings file: its `version`, its fingerprints ({fingerprint:
    count}: each entry accepts one finding) and its `entries`."""

    def __init__(self, version=ACCEPTED_VERSION, counts=None, entries=()):
        self.version, self.counts, self.entries = version, dict(counts or {}), list(entries)

    def key(self, finding, root):
        """The fingerprint of `finding` as this file's version computes it."""
        if self.version == 1:
            return fingerprint(finding, root)
        return code_fingerprint(finding, root)


def load_accepted(path, say_version=True):
    """The Accepted of a file; anything else than what --write-accepted
    writes (now or as version 1) is refused. A version-1 file is said once,
    on stderr (unless `say_version` is false)."""
    def bad(why):
        return Failure("--accepted '%s': %s" % (path, why))
    text = read_input(path, ACCEPTED_READ_CAP, '--accepted')
    try:
        data = json_value(text)
    except ValueError as error:
        raise bad('not JSON (%s)' % error)
    if not isinstance(data, dict) or 'version' not in data or 'accepted' not in data:
        raise bad('not a failguard accepted-findings file (write one with --write-accepted)')
    # JSON true is not 1 (Python's bool is an int): only the integer counts.
    if type(data['version']) is not int or data['version'] not in READ_VERSIONS:
        raise bad('version %s is not %s, the ones this git-failguard reads'
                  % (json.dumps(data['version']), ' or '.join(map(str, READ_VERSIONS))))
    if not isinstance(data['accepted'], list):
        raise bad("'accepted' is not a list")
    counts = {}
    for index, entry in enumerate(data['accepted']):
        if not isinstance(entry, dict) or not all(
                isinstance(entry.get(key), str) and entry[key]
                for key in ('check', 'file', 'message', 'fingerprint')):
            raise bad('entry %d lacks a check, file, message or fingerprint' % index)
        counts[entry['fingerprint']] = counts.get(entry['fingerprint'], 0) + 1
    if data['version'] == 1 and say_version:
        print("git-failguard: --accepted '%s' is version 1 (fingerprints by message and order): "
              "still honoured; --write-accepted rewrites it as version %d (by function, "
              "statement and exceptions)" % (path, ACCEPTED_VERSION), file=sys.stderr)
    return Accepted(data['version'], counts, data['accepted'])


def accepted_entry(finding, root):
    entry = {'check': finding['check'], 'file': relative(finding['file'], root)}
    for key in ('function', 'statement', 'exceptions'):
        if finding.get(key):
            entry[key] = finding[key]
    entry.update(message=finding['message'], fingerprint=code_fingerprint(finding, root))
    return entry


def accepted_text(findings, root):
    """The accepted-findings file (version 2) for `findings`: sorted, so the
    same findings give the same bytes."""
    entries = sorted((accepted_entry(f, root) for f in findings),
                     key=lambda e: (e['file'], e['check'], e.get('function', ''),
                                    e.get('statement', ''), e['message'], e['fingerprint']))
    return json.dumps({'version': ACCEPTED_VERSION, 'tool': 'failguard', 'accepted': entries},
                      indent=2, ensure_ascii=False) + '\n'
