"""How the analysis' results become findings and problems, and the exit status."""
import unittest

from git_failguard import outcome, results
from git_failguard.analyser import UnitResult
from git_failguard.analysis import Analysis
from git_failguard.errors import Failure


class Workspace:
    root = '/repo'
    user_cwd = '/repo'
    cdb_path = '/repo/build/compile_commands.json'

    def __init__(self, changes=None):
        self.changes = changes or {}


class Args:
    accepted = None
    write_accepted = None


def finding(path, line, message, check='failguard-removed-exception-handler'):
    return {'file': path, 'line': line, 'col': 1, 'check': check, 'message': message,
            'severity': 'warning', 'notes': []}


class Gather(unittest.TestCase):
    def test_findings_problems_and_configuration_errors(self):
        a, b, new = '/repo/src/a.cpp', '/repo/src/b.cpp', '/repo/src/new.cpp'
        analysis = Analysis({
            a: UnitResult([finding(a, 5, 'later'), finding(a, 2, 'first')],
                          config_errors=['bad option'],
                          no_baseline=[('failguard-removed-exception-handler', 'no baseline: b'),
                                       ('failguard-narrowed-optional-return', 'no baseline: a')]),
            b: UnitResult([finding(a, 2, 'first')], errors=[(b, 4, 'unknown type name')],
                          config_errors=['bad option', 'other']),
            new: UnitResult([finding(new, 1, 'fresh')],
                            no_baseline=[('failguard-narrowed-optional-return', 'no baseline')]),
        }, units=[a, b, new])
        missing = [{'kind': 'not-in-compilation-database', 'file': '/repo/src/c.cpp',
                    'reason': 'c'}]
        gathered = results.gather(analysis, Workspace({new: 'A'}), missing)
        # A finding two units print is reported once, in source order.
        self.assertEqual([(f['line'], f['message']) for f in gathered.findings],
                         [(2, 'first'), (5, 'later'), (1, 'fresh')])
        # A unit without a baseline could not be checked, unless its file is new.
        self.assertEqual([(p['kind'], p['file']) for p in gathered.problems], [
            ('configuration', None), ('configuration', None), ('no-baseline', a),
            ('analysis-failed', b), ('not-in-compilation-database', '/repo/src/c.cpp')])
        self.assertEqual(gathered.config_errors, ['bad option', 'other'])
        # Said once per unit, by the first check in name order.
        self.assertEqual(gathered.problems[2]['reason'], 'src/a.cpp: no baseline: a')
        self.assertEqual(gathered.problems[3]['reason'], 'src/b.cpp: src/b.cpp:4: unknown type name')

    def test_exit_status(self):
        ws = Workspace()
        clean = results.Results([], [], [])
        self.assertEqual(outcome.exit_status(Args, ws, None, clean, []), 0)
        found = results.Results([finding('/repo/a.cpp', 1, 'm')], [], [])
        self.assertEqual(outcome.exit_status(Args, ws, None, found, []), 1)
        accepted = results.Results([finding('/repo/a.cpp', 1, 'm')], [], [])
        accepted.reported = []
        self.assertEqual(outcome.exit_status(Args, ws, None, accepted, []), 0)
        warned = results.Results([], [{'kind': 'index-incomplete', 'level': 'warning',
                                       'file': '/repo/a.cpp', 'reason': 'r'}], [])
        self.assertEqual(outcome.exit_status(Args, ws, None, warned, []), 0)

    def test_could_not_check(self):
        ws = Workspace()
        unchecked = results.Results([], [
            {'kind': 'analysis-failed', 'file': '/repo/a.cpp', 'reason': 'a.cpp:  broken\n now'},
            {'kind': 'no-baseline', 'file': '/repo/a.cpp', 'reason': 'no baseline'}], [])
        with self.assertRaises(Failure) as raised:
            outcome.exit_status(Args, ws, None, unchecked, [])
        self.assertEqual(str(raised.exception),
                         'could not check 1 translation unit(s); first: a.cpp: broken now')
        configuration = results.Results([], [], ['one', 'two', 'three'])
        with self.assertRaises(Failure) as raised:
            outcome.exit_status(Args, ws, None, configuration, [])
        self.assertEqual(str(raised.exception), 'invalid configuration: one (and 2 more)')


if __name__ == '__main__':
    unittest.main()
