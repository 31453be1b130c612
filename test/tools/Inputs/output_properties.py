#!/usr/bin/env python3
"""Property tests of git-failguard's output escaping, on generated file names and
messages (hypothesis, derandomised: the same examples on every run).

Usage: output_properties.py GIT_FAILGUARD sarif|github

- SARIF: the text is JSON that any parser reads alike (I-JSON, RFC 7493: no lone
  surrogates), and every artifact URI is a valid URI reference that, resolved
  against SRCROOT and percent-decoded, gives back the file's bytes.
- GitHub workflow commands: the escaped text unescapes to the original and carries
  no line break; property values carry no ':' or ','.
"""
import inspect
import json
import os
import re
import sys
import urllib.parse

from hypothesis import HealthCheck, assume, given, settings, strategies as st

URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$")

# The driver's package, from the executable it is packed into.
sys.path.insert(0, sys.argv[1])
from git_failguard import checks, github, report  # noqa: E402

# Names as Linux allows them: any byte but NUL and '/', the non-UTF-8 ones as
# os.fsdecode gives them (surrogate escapes).
name_bytes = st.binary(min_size=1, max_size=12).filter(
    lambda b: b'\0' not in b and b'/' not in b and b not in (b'.', b'..'))
names = name_bytes.map(os.fsdecode)
relative_paths = st.lists(names, min_size=1, max_size=3).map('/'.join)
roots = st.lists(names, min_size=1, max_size=2).map(lambda parts: '/' + '/'.join(parts))
messages = st.text(max_size=40)


@st.composite
def findings(draw, root):
    def location(**extra):
        return dict(file=os.path.join(root, draw(relative_paths)),
                    line=draw(st.integers(1, 10**6)), col=draw(st.integers(1, 1000)),
                    message=draw(messages), **extra)
    notes = [location(severity='note', check=None) for _ in range(draw(st.integers(0, 2)))]
    return location(severity='warning', check=draw(st.sampled_from(sorted(checks.RULES))),
                    notes=notes)


def render(fmt, found, problems, root):
    # Pass what this version of render asks for (the driver is gaining arguments).
    offered = {'findings': found, 'problems': problems, 'fmt': fmt, 'root': root, 'shown': root}
    wanted = inspect.signature(report.render).parameters
    return report.render(**{name: offered[name] for name in wanted
                            if name in offered or wanted[name].default is inspect.Parameter.empty})


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def artifact_uris(sarif):
    run = sarif['runs'][0]
    for result in run['results']:
        for location in result['locations'] + result.get('relatedLocations', []):
            yield location['physicalLocation']['artifactLocation']
    for invocation in run.get('invocations', []):
        for notification in invocation.get('toolExecutionNotifications', []):
            for location in notification.get('locations', []):
                yield location['physicalLocation']['artifactLocation']


def expected_files(found, problems):
    for f in found:
        yield f['file']
        for note in f['notes']:
            yield note['file']
    for problem in problems:
        if problem['file']:
            yield problem['file']


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.data())
def test_sarif(data):
    root = data.draw(roots)
    found = data.draw(st.lists(findings(root), max_size=3))
    problems = [{'kind': 'baseline', 'reason': data.draw(messages),
                 'file': os.path.join(root, data.draw(relative_paths))}
                for _ in range(data.draw(st.integers(0, 1)))]
    text = render('sarif', found, problems, root)
    sarif = json.loads(text)
    for value in strings(sarif):
        value.encode('utf-8')  # a lone surrogate raises
    base = sarif['runs'][0]['originalUriBaseIds']['SRCROOT']['uri']
    assert URI_REFERENCE.match(base) and base.startswith('file:///') and base.endswith('/'), base
    assert urllib.parse.unquote_to_bytes(urllib.parse.urlsplit(base).path) == \
        os.fsencode(root.rstrip('/') + '/'), base
    uris = list(artifact_uris(sarif))
    files = list(expected_files(found, problems))
    assert len(uris) == len(files)
    for artifact, path in zip(uris, files):
        uri = artifact['uri']
        assert artifact['uriBaseId'] == 'SRCROOT'
        assert URI_REFERENCE.match(uri), 'not a URI reference: %r' % uri
        resolved = urllib.parse.urlsplit(urllib.parse.urljoin(base, uri))
        assert resolved.scheme == 'file' and not resolved.query and not resolved.fragment, uri
        assert urllib.parse.unquote_to_bytes(resolved.path) == os.fsencode(path), (uri, path)


def github_unescape(text):
    return re.sub('%(25|0D|0A|3A|2C)',
                  lambda m: {'25': '%', '0D': '\r', '0A': '\n', '3A': ':', '2C': ','}[m.group(1)],
                  text)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.text(), st.booleans())
def test_github_escape(text, property_value):
    escaped = github.github_escape(text, property_value)
    assert '\n' not in escaped and '\r' not in escaped
    if property_value:
        assert ':' not in escaped and ',' not in escaped
    assert github_unescape(escaped) == text


test = {'sarif': test_sarif, 'github': test_github_escape}[sys.argv[2]]
test()
print('%s: passed' % test.__name__)
