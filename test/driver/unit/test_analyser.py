"""How the driver runs failguard-tidy: the run file it writes, the results file it reads."""
import json
import os
import shutil
import sys
import tempfile
import textwrap
import unittest

from git_failguard import analyser

# Stands in for failguard-tidy: records its run file next to it, then does
# what the test says with the results file the run file names.
FAKE = textwrap.dedent('''\
    import json, os, sys
    run_path = [a.split('=', 1)[1] for a in sys.argv if a.startswith('--failguard-run=')][0]
    run = json.load(open(run_path))
    json.dump(run, open(os.path.join(os.path.dirname(__file__), 'seen-run.json'), 'w'))
    results = %s
    if results is not None:
        with open(run['outputs']['results'], 'w') as f:
            f.write(results if isinstance(results, str) else json.dumps(results))
    sys.stderr.write(%r)
    sys.stderr.flush()
    status = %d
    if status < 0:
        os.kill(os.getpid(), -status)
    sys.exit(status)
    ''')


def unit(path, findings=(), problems=()):
    return {'file': path, 'checks': ['failguard-removed-exception-handler'],
            'problems': list(problems), 'findings': list(findings)}


class Analyse(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.scratch)
        self.source = os.path.join(self.scratch, 'auth.cpp')
        open(self.source, 'w').close()

    def run_fake(self, results, status=0, stderr='', run=None):
        script = os.path.join(self.scratch, 'fake-tidy.py')
        with open(script, 'w') as f:
            f.write(FAKE % (repr(results), stderr, status))
        return analyser.analyse(self.source, [sys.executable, script],
                                run or {'index': 'none'}, self.scratch)

    def seen_run(self):
        with open(os.path.join(self.scratch, 'seen-run.json')) as f:
            return json.load(f)

    def test_the_run_file_says_what_the_driver_computed(self):
        self.run_fake({'format': 'failguard-results-1', 'units': [unit(self.source)]}, run={
            'baseline': {'ref': 'origin/main', 'merge_base': True,
                         'renames': {'src/now.cpp': 'src/before.cpp'}},
            'index': 'none', 'outputs': {'index_gaps': '/tmp/gaps.txt'}})
        seen = self.seen_run()
        self.assertEqual(seen['format'], 'failguard-run-1')
        self.assertEqual(seen['baseline']['renames'], {'src/now.cpp': 'src/before.cpp'})
        self.assertEqual(seen['outputs']['index_gaps'], '/tmp/gaps.txt')
        self.assertTrue(seen['outputs']['results'].startswith(self.scratch))

    def test_findings_notes_and_places_at_the_baseline(self):
        at = {'commit': 'c' * 40, 'file': 'src/auth.cpp', 'line': 8}
        found = {'check': 'failguard-removed-exception-handler', 'file': self.source,
                 'line': 4, 'column': 17, 'message': 'reworded at will', 'function': 'c:@F@f#',
                 'baseline': at,
                 'notes': [{'file': self.source, 'line': 4, 'column': 17, 'message': 'a',
                            'baseline': at},
                           {'file': self.source, 'line': 2, 'column': 1, 'message': 'b'}]}
        result = self.run_fake({'format': 'failguard-results-1',
                                'units': [unit(self.source, [found])]})
        self.assertFalse(result.failed)
        [f] = result.findings
        self.assertEqual((f['line'], f['col'], f['check'], f['baseline']),
                         (4, 17, 'failguard-removed-exception-handler', at))
        self.assertEqual([n.get('baseline') for n in f['notes']], [at, None])
        # What anchors it in the code (fingerprints) is kept; an absent member stays absent.
        self.assertEqual(f['function'], 'c:@F@f#')
        self.assertNotIn('statement', f)
        found.update(statement='jwt::decode(raw);', exceptions=['std::runtime_error', 'std::bad_cast'])
        [f] = self.run_fake({'format': 'failguard-results-1',
                             'units': [unit(self.source, [found])]}).findings
        self.assertEqual((f['statement'], f['exceptions']),
                         ('jwt::decode(raw);', ['std::bad_cast', 'std::runtime_error']))

    def test_no_baseline_is_a_record_not_a_message(self):
        problem = {'kind': 'no-baseline', 'check': 'failguard-narrowed-optional-return',
                   'message': 'anything at all'}
        result = self.run_fake({'format': 'failguard-results-1',
                                'units': [unit(self.source, problems=[problem])]})
        self.assertEqual(result.no_baseline, [('failguard-narrowed-optional-return',
                                               'anything at all')])
        self.assertFalse(result.failed)
        # A finding whose message reads like one is a finding.
        found = {'check': 'failguard-removed-exception-handler', 'file': self.source,
                 'line': 1, 'column': 1, 'message': 'no baseline: looks like one', 'notes': []}
        result = self.run_fake({'format': 'failguard-results-1',
                                'units': [unit(self.source, [found])]})
        self.assertEqual((len(result.findings), result.no_baseline), (1, []))

    def test_compile_errors_and_configuration(self):
        result = self.run_fake({'format': 'failguard-results-1', 'units': [unit(
            self.source, problems=[
                {'kind': 'compile-errors', 'check': 'clang-diagnostic-error',
                 'file': self.source, 'line': 3, 'column': 3, 'message': 'bad'},
                {'kind': 'configuration', 'check': '', 'message': 'wrong option'}])]}, status=1)
        self.assertEqual(result.errors, [(os.path.realpath(self.source), 3, 'bad')])
        self.assertEqual(result.config_errors, ['wrong option'])

    def test_fails_closed(self):
        other = os.path.join(self.scratch, 'other.cpp')
        cases = {
            'a crash': (None, -6, 'LLVM ERROR: out of luck\n',
                        'failguard-tidy was killed by SIGABRT (LLVM ERROR: out of luck)'),
            'no results': (None, 0, '', 'failguard-tidy wrote no results'),
            'not JSON': ('{', 0, '', 'failguard-tidy wrote unreadable results (not JSON'),
            'another format': ({'format': 'failguard-results-0', 'units': []}, 0, '',
                               'failguard-tidy wrote results of another format'),
            'a unit left out': ({'format': 'failguard-results-1', 'units': [unit(other)]}, 0, '',
                                'failguard-tidy wrote results without this unit'),
            'a bad member': ({'format': 'failguard-results-1', 'units': [
                unit(self.source, [{'file': self.source, 'line': 'x'}])]}, 0, '',
                'failguard-tidy wrote unreadable results'),
            'an output not written': (
                {'format': 'failguard-results-1', 'units': [unit(self.source)]}, 2,
                "failguard-tidy: error: cannot write the summaries to 'x'\n",
                'failguard-tidy exited with status 2 (failguard-tidy: error: cannot write'),
        }
        for name, (results, status, stderr, said) in cases.items():
            with self.subTest(name):
                result = self.run_fake(results, status, stderr)
                self.assertTrue(result.failed)
                self.assertEqual(len(result.errors), 1)
                where, line, message = result.errors[0]
                self.assertEqual((where, line), (None, None))
                self.assertTrue(message.startswith(said), message)

    def test_clean_unit(self):
        # The control of the above: the same unit, listed, nothing found.
        result = self.run_fake({'format': 'failguard-results-1', 'units': [unit(self.source)]})
        self.assertEqual((result.failed, result.findings, result.no_baseline), (False, [], []))


if __name__ == '__main__':
    unittest.main()
