"""Fingerprints and accepted-findings files."""
import contextlib
import io
import json
import os
import tempfile
import unittest

from git_failguard import accepted, fingerprints, results
from git_failguard.errors import Failure

ROOT = '/repo'
SAID = ("'jwt::decode' may throw 'std::invalid_argument', which was handled in %s but is no "
        "longer handled in '%s'")


def finding(message, check='failguard-removed-exception-handler', path='/repo/src/a.cpp',
            line=3, col=5, **anchor):
    return dict({'file': path, 'line': line, 'col': col, 'check': check, 'message': message,
                 'severity': 'warning', 'notes': []}, **anchor)


def anchored(function='c:@F@login#', statement='autod=jwt::decode(raw);',
             exceptions=('std::invalid_argument',), **rest):
    return finding(rest.pop('message', 'm'), function=function, statement=statement,
                   exceptions=list(exceptions), **rest)


class Fingerprints(unittest.TestCase):
    def test_independent_of_how_the_baseline_is_named_and_of_lines(self):
        same = {fingerprints.fingerprint(finding(SAID % (base, 'login')), ROOT)
                for base in ("'main' (1a2b3c4d)", "'HEAD' (89abcdef)",
                             "'0123456789abcdef0123456789abcdef01234567' (01234567)")}
        self.assertEqual(len(same), 1)
        moved = finding(SAID % ("'main' (1a2b3c4d)", 'login') + ' at x.cpp:9', line=40)
        self.assertEqual(fingerprints.fingerprint(moved, ROOT), fingerprints.fingerprint(
            finding(SAID % ("'main' (1a2b3c4d)", 'login') + ' at x.cpp:7'), ROOT))

    def test_what_tells_findings_apart(self):
        base = finding(SAID % ("'main' (1a2b3c4d)", 'login'))
        others = [finding(SAID % ("'main' (1a2b3c4d)", 'logout')),
                  finding(base['message'].replace('invalid_argument', 'runtime_error')),
                  finding(base['message'], check='failguard-auth-exception-escape'),
                  finding(base['message'], path='/repo/src/b.cpp')]
        prints = {fingerprints.fingerprint(f, ROOT) for f in [base] + others}
        self.assertEqual(len(prints), 5)

    def test_numbered_in_source_order(self):
        found = [finding('m', line=9), finding('m', line=2), finding('other', line=5),
                 finding('m', line=2, col=1)]
        assigned = fingerprints.assign_fingerprints(found, ROOT)
        self.assertEqual([a.rsplit(':', 1)[1] for a in assigned], ['3', '2', '1', '1'])


class CodeFingerprints(unittest.TestCase):
    """Version 2: the check, the file, the function, the statement and the
    exceptions; neither lines nor messages nor order."""

    def test_what_tells_findings_apart(self):
        base = anchored()
        others = [anchored(function='c:@F@logout#'), anchored(statement='decode(raw);'),
                  anchored(exceptions=('std::runtime_error',)),
                  anchored(check='failguard-auth-exception-escape'),
                  anchored(path='/repo/src/b.cpp')]
        prints = {fingerprints.code_fingerprint(f, ROOT) for f in [base] + others}
        self.assertEqual(len(prints), 6)

    def test_independent_of_lines_and_messages(self):
        self.assertEqual(fingerprints.code_fingerprint(anchored(line=3, message='a'), ROOT),
                         fingerprints.code_fingerprint(anchored(line=90, col=1, message='b'),
                                                       ROOT))

    def test_without_an_anchor_the_message_counts(self):
        self.assertNotEqual(fingerprints.code_fingerprint(finding('a'), ROOT),
                            fingerprints.code_fingerprint(finding('b'), ROOT))
        self.assertEqual(fingerprints.code_fingerprint(finding('at x.cpp:3', line=1), ROOT),
                         fingerprints.code_fingerprint(finding('at x.cpp:9', line=7), ROOT))

    def test_an_inserted_sibling_takes_no_accepted_slot(self):
        """D1: the accepted route's lambda is in the file; a new route with the
        same message is inserted above it. Version 1 accepts the first in
        source order (the new one); version 2 the one accepted."""
        old = anchored(function='c:@F@main#@operator()() on ("/login")', line=14,
                       message='escape lambda in main')
        new = anchored(function='c:@F@main#@operator()() on ("/admin")', line=9,
                       message='escape lambda in main')
        text = accepted.accepted_text([dict(old, line=7)], ROOT)
        data = json.loads(text)
        self.assertEqual(data['version'], 2)
        gathered = results.Results([new, old], [], [])
        results.leave_out_accepted(gathered, accepted.Accepted(
            2, {data['accepted'][0]['fingerprint']: 1}, data['accepted']), ROOT)
        self.assertEqual([f['line'] for f in gathered.reported], [9])
        version1 = accepted.Accepted(1, {fingerprints.fingerprint(old, ROOT): 1})
        results.leave_out_accepted(gathered, version1, ROOT)
        self.assertEqual([f['line'] for f in gathered.reported], [14])

    def test_identical_findings_are_counted(self):
        twins = [anchored(line=4), anchored(line=5)]
        key = fingerprints.code_fingerprint(twins[0], ROOT)
        gathered = results.Results(twins, [], [])
        results.leave_out_accepted(gathered, accepted.Accepted(2, {key: 1}), ROOT)
        self.assertEqual([f['line'] for f in gathered.reported], [5])
        results.leave_out_accepted(gathered, accepted.Accepted(2, {key: 2}), ROOT)
        self.assertEqual(gathered.reported, [])


class AcceptedFiles(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.scratch.name, 'accepted.json')

    def tearDown(self):
        self.scratch.cleanup()

    def write(self, content):
        with open(self.path, 'w') as f:
            f.write(content if isinstance(content, str) else json.dumps(content))

    def refused(self, why):
        with self.assertRaises(Failure) as raised:
            accepted.load_accepted(self.path)
        self.assertEqual(str(raised.exception), "--accepted '%s': %s" % (self.path, why))

    def test_refused(self):
        self.refused('No such file or directory')
        self.write('{')
        self.refused('not JSON (Expecting property name enclosed in double quotes: line 1 column 2 '
                     '(char 1))')
        self.write([])
        self.refused('not a failguard accepted-findings file (write one with --write-accepted)')
        for version, said in ((3, '3'), (True, 'true'), (1.0, '1.0'), ('1', '"1"')):
            self.write({'version': version, 'accepted': []})
            self.refused('version %s is not 1 or 2, the ones this git-failguard reads' % said)
        self.write({'version': 1, 'accepted': {}})
        self.refused("'accepted' is not a list")
        self.write({'version': 1, 'accepted': [{'check': 'c', 'file': 'f', 'message': 'm'}]})
        self.refused('entry 0 lacks a check, file, message or fingerprint')

    def test_round_trip(self):
        found = [finding('b'), finding('a', path='/repo/src/z.cpp'), finding('a')]
        text = accepted.accepted_text(found, ROOT)
        self.assertEqual(text, accepted.accepted_text(list(reversed(found)), ROOT))
        self.write(text)
        loaded = accepted.load_accepted(self.path)
        self.assertEqual(loaded.version, 2)
        self.assertEqual([(e['file'], e['message']) for e in loaded.entries],
                         [('src/a.cpp', 'a'), ('src/a.cpp', 'b'), ('src/z.cpp', 'a')])
        self.assertEqual(sum(loaded.counts.values()), 3)

    def test_entries_say_what_anchors_them(self):
        entry = json.loads(accepted.accepted_text([anchored()], ROOT))['accepted'][0]
        self.assertEqual(entry['function'], 'c:@F@login#')
        self.assertEqual(entry['statement'], 'autod=jwt::decode(raw);')
        self.assertEqual(entry['exceptions'], ['std::invalid_argument'])
        self.assertEqual(entry['fingerprint'], fingerprints.code_fingerprint(anchored(), ROOT))

    def test_each_entry_accepts_one_finding(self):
        twice = [finding('m', line=1), finding('m', line=2), finding('n')]
        self.write(accepted.accepted_text(twice[:1], ROOT))
        gathered = results.Results(twice, [], [])
        results.leave_out_accepted(gathered, accepted.load_accepted(self.path), ROOT)
        self.assertEqual([f['line'] for f in gathered.reported], [2, 3])
        self.assertEqual(sum(gathered.left.values()), 0)

    def test_version_1_is_read_and_said(self):
        """A version-1 entry matches by its old fingerprint; the file's version
        is said once, on stderr, with what rewrites it."""
        old = finding(SAID % ("'main' (1a2b3c4d)", 'login'), function='c:@F@login#')
        self.write({'version': 1, 'accepted': [
            {'check': old['check'], 'file': 'src/a.cpp', 'message': old['message'],
             'fingerprint': fingerprints.fingerprint(old, ROOT)}]})
        said = io.StringIO()
        with contextlib.redirect_stderr(said):
            loaded = accepted.load_accepted(self.path)
        self.assertEqual(said.getvalue().count('\n'), 1)
        self.assertIn('is version 1', said.getvalue())
        self.assertIn('--write-accepted rewrites it as version 2', said.getvalue())
        gathered = results.Results([dict(old, line=30)], [], [])
        results.leave_out_accepted(gathered, loaded, ROOT)
        self.assertEqual(gathered.reported, [])
        quiet = io.StringIO()
        with contextlib.redirect_stderr(quiet):
            accepted.load_accepted(self.path, say_version=False)
        self.assertEqual(quiet.getvalue(), '')


if __name__ == '__main__':
    unittest.main()
