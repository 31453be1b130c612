"""Accepted-findings files: findings recorded once, not reported again."""
import json

from .errors import Failure
from .fingerprints import fingerprint
from .fs import relative
from .paths import read_input


ACCEPTED_VERSION = 1
# An accepted-findings file is read whole, up to this size.
ACCEPTED_READ_CAP = 64 << 20


def load_accepted(path):
    """The fingerprints of an accepted-findings file ({fingerprint: count}) and
    its entries; anything else than what --write-accepted writes is refused."""
    def bad(why):
        return Failure("--accepted '%s': %s" % (path, why))
    text = read_input(path, ACCEPTED_READ_CAP, '--accepted')
    try:
        data = json.loads(text)
    except ValueError as error:
        raise bad('not JSON (%s)' % error)
    if not isinstance(data, dict) or 'version' not in data or 'accepted' not in data:
        raise bad('not a failguard accepted-findings file (write one with --write-accepted)')
    # JSON true is not 1 (Python's bool is an int): only the integer counts.
    if type(data['version']) is not int or data['version'] != ACCEPTED_VERSION:
        raise bad('version %s is not %d, the one this git-failguard reads'
                  % (json.dumps(data['version']), ACCEPTED_VERSION))
    if not isinstance(data['accepted'], list):
        raise bad("'accepted' is not a list")
    counts = {}
    for index, entry in enumerate(data['accepted']):
        if not isinstance(entry, dict) or not all(
                isinstance(entry.get(key), str) and entry[key]
                for key in ('check', 'file', 'message', 'fingerprint')):
            raise bad('entry %d lacks a check, file, message or fingerprint' % index)
        counts[entry['fingerprint']] = counts.get(entry['fingerprint'], 0) + 1
    return counts, data['accepted']


def accepted_text(findings, root):
    """The accepted-findings file for `findings`: sorted, so the same findings
    give the same bytes."""
    entries = sorted(({'check': f['check'], 'file': relative(f['file'], root),
                       'message': f['message'], 'fingerprint': fingerprint(f, root)}
                      for f in findings),
                     key=lambda e: (e['file'], e['check'], e['message'], e['fingerprint']))
    return json.dumps({'version': ACCEPTED_VERSION, 'tool': 'failguard', 'accepted': entries},
                      indent=2, ensure_ascii=False) + '\n'
