#!/usr/bin/env python3
"""Writes a Debian changelog (the format dpkg-parsechangelog reads) from
CHANGELOG.md (Keep a Changelog): one entry per released version up to VERSION,
newest first.

  changelog.py CHANGELOG.md PACKAGE VERSION MAINTAINER OUTPUT [--release]

The entry of VERSION is its dated section; without one, a build between
releases, it is the Unreleased section, for distribution UNRELEASED and dated
now. With --release a missing dated section of VERSION is an error (exit 1),
which is what scripts/release.sh uses."""
import datetime
import email.utils
import re
import sys
import textwrap

HEADING = re.compile(r'^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?\s*$')


def version_key(text):
    return tuple(int(part) for part in text.split('.'))


def sections(lines):
    """(name, date or None, body lines) for each '## [name]' section."""
    found = []
    for line in lines:
        match = HEADING.match(line)
        if match:
            found.append((match.group(1), match.group(2), []))
        elif found and not line.startswith('['):
            found[-1][2].append(line)
    return found


def items(body):
    """The section's bullets and paragraphs as single lines, a '### Kind'
    heading other than 'Added' prefixed to the bullets under it."""
    result, kind, current = [], None, None
    for line in body + ['']:
        stripped = line.strip()
        if line.startswith('### '):
            kind = stripped[4:].strip()
            current = None
        elif not stripped:
            current = None
        elif line.startswith('- '):
            prefix = '' if kind in (None, 'Added') else kind + ': '
            current = [prefix + stripped[2:]]
            result.append(current)
        elif current is not None:
            current.append(stripped)
        else:
            current = [stripped]
            result.append(current)
    return [' '.join(parts) for parts in result]


def entry(package, version, distribution, items_, maintainer, when):
    out = ['%s (%s) %s; urgency=medium' % (package, version, distribution), '']
    for item in items_ or ['No changes listed.']:
        out += textwrap.wrap(item, width=78, initial_indent='  * ', subsequent_indent='    ',
                             break_long_words=False, break_on_hyphens=False)
    out += ['', ' -- %s  %s' % (maintainer, email.utils.format_datetime(when)), '']
    return out


def main(argv):
    release = '--release' in argv
    argv = [a for a in argv if a != '--release']
    source, package, version, maintainer, output = argv[1:6]
    with open(source, encoding='utf-8') as f:
        found = sections(f.read().splitlines())
    dated = [(name, date, body) for name, date, body in found
             if date and re.fullmatch(r'\d+\.\d+\.\d+', name)
             and version_key(name) <= version_key(version)]
    out = []
    if not any(name == version for name, _, _ in dated):
        if release:
            sys.stderr.write('changelog.py: %s has no dated section for %s\n' % (source, version))
            return 1
        unreleased = next((body for name, _, body in found if name == 'Unreleased'), [])
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        out += entry(package, version, 'UNRELEASED', items(unreleased), maintainer, now)
    for name, date, body in sorted(dated, key=lambda s: version_key(s[0]), reverse=True):
        when = datetime.datetime.strptime(date, '%Y-%m-%d').replace(tzinfo=datetime.timezone.utc)
        out += entry(package, name, 'unstable', items(body), maintainer, when)
    with open(output, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out[:-1]) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
