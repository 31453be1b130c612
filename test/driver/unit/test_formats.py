"""The output formats on findings built here: SARIF, GitHub workflow commands,
GitLab Code Quality and text, with their escaping."""
import json
import os
import tempfile
import unittest

from git_failguard import codequality, github, report, sarif, step_summary, text

CHECK = 'failguard-removed-exception-handler'


def finding(path, line, col, message, notes=(), check=CHECK):
    return {'file': path, 'line': line, 'col': col, 'check': check, 'severity': 'warning',
            'message': message, 'notes': [dict(n, severity='note', check=None) for n in notes]}


class Files(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.root = os.path.join(self.scratch.name, 'repo')
        os.makedirs(os.path.join(self.root, 'src'))
        self.source = os.path.join(self.root, 'src', 'a b.cpp')
        with open(self.source, 'wb') as f:
            f.write('int x;\n/* é😀 */ jwt::decode(raw);\n'.encode())

    def tearDown(self):
        self.scratch.cleanup()


class Sarif(Files):
    def run_of(self, findings, problems=(), contents=None):
        log = json.loads(report.render(findings, list(problems), 'sarif', self.root, self.root,
                                       contents))
        self.assertEqual(log['version'], '2.1.0')
        return log['runs'][0]

    def test_region_in_utf16_code_units(self):
        # clang's byte column 14 is UTF-16 column 11; the token is 'jwt::decode'.
        result = self.run_of([finding(self.source, 2, 14, 'escape')])['results'][0]
        location = result['locations'][0]['physicalLocation']
        self.assertEqual(location['artifactLocation'], {'uri': 'src/a%20b.cpp',
                                                        'uriBaseId': 'SRCROOT'})
        self.assertEqual(location['region'], {'startLine': 2, 'startColumn': 11, 'endLine': 2,
                                              'endColumn': 22})

    def test_analysed_content_wins_over_the_working_tree(self):
        contents = {self.source: b'jwt::decode(raw);\n\n'}
        result = self.run_of([finding(self.source, 1, 1, 'escape')], contents=contents)
        region = result['results'][0]['locations'][0]['physicalLocation']['region']
        self.assertEqual(region, {'startLine': 1, 'startColumn': 1, 'endLine': 1, 'endColumn': 12})

    def test_each_note_at_the_baseline_gets_a_baseline_location(self):
        commit = '1a2b3c4d' + '0' * 32
        notes = [{'file': self.source, 'line': 2, 'col': 18, 'message': 'handled there',
                  'baseline': {'commit': commit, 'file': 'src/a b.cpp', 'line': 8}},
                 {'file': self.source, 'line': 1, 'col': 1, 'message': 'plain'},
                 {'file': self.source, 'line': 2, 'col': 18, 'message': 'and there',
                  'baseline': {'commit': commit, 'file': 'src/b.cpp', 'line': 3}}]
        run = self.run_of([finding(self.source, 2, 18, 'no longer [handled]', notes)])
        result = run['results'][0]
        self.assertEqual(result['message']['text'], 'no longer \\[handled\\]\n'
                         '[handled there](1) ([in the baseline](2))\n[plain](3)\n'
                         '[and there](4) ([in the baseline](5))')
        self.assertEqual([r['message']['text'] for r in result['relatedLocations']][1::3],
                         ['src/a b.cpp:8 at the baseline (%s)' % commit,
                          'src/b.cpp:3 at the baseline (%s)' % commit])
        self.assertEqual(result['relatedLocations'][1]['physicalLocation'], {
            'artifactLocation': {'uri': 'src/a%20b.cpp', 'uriBaseId': 'BASELINE'},
            'region': {'startLine': 8}})
        self.assertEqual(result['relatedLocations'][4]['physicalLocation'], {
            'artifactLocation': {'uri': 'src/b.cpp', 'uriBaseId': 'BASELINE'},
            'region': {'startLine': 3}})
        self.assertEqual([p.get('revisionId') for p in run['versionControlProvenance']],
                         [None, commit])

    def test_no_baseline_no_provenance(self):
        # A note that reads like one at the baseline is only a note.
        note = {'file': self.source, 'line': 2, 'col': 18,
                'message': "'main' (1a2b3c4d) handled 'std::invalid_argument' at src/a b.cpp:8"}
        run = self.run_of([finding(self.source, 2, 18, 'plain', [note]),
                           finding(self.source, 1, 1, 'plain')])
        self.assertEqual(len(run['results'][0]['relatedLocations']), 1)
        self.assertNotIn('versionControlProvenance', run)
        self.assertNotIn('relatedLocations', run['results'][1])
        self.assertEqual(run['results'][1]['message'], {'text': 'plain'})

    def test_uri_escaping(self):
        self.assertEqual(sarif.file_uri('src/a b%,é.cpp'), 'src/a%20b%25%2C%C3%A9.cpp')
        self.assertEqual(sarif.file_uri(os.fsdecode(b'caf\xe9.h')), 'caf%E9.h')
        self.assertEqual(sarif.artifact_location('/elsewhere/x y.h', self.root),
                         {'uri': 'file:///elsewhere/x%20y.h'})
        self.assertEqual(sarif.sarif_text(os.fsdecode(b'caf\xe9')), 'caf\ufffd')
        self.assertEqual(sarif.markdown_escape('a\\b[c]'), 'a\\\\b\\[c\\]')

    def test_problems_are_notifications(self):
        problems = [{'kind': 'configuration', 'file': None, 'reason': 'configuration error: x'},
                    {'kind': 'no-baseline', 'file': self.source, 'reason': 'no baseline: y'},
                    {'kind': 'index-incomplete', 'level': 'warning', 'file': self.source,
                     'reason': 'left out'}]
        invocation = self.run_of([], problems)['invocations'][0]
        self.assertFalse(invocation['executionSuccessful'])
        self.assertEqual([(n['level'], n['descriptor']['id'], 'locations' in n)
                          for n in invocation['toolExecutionNotifications']],
                         [('error', 'configuration', False), ('error', 'no-baseline', True),
                          ('warning', 'index-incomplete', True)])
        # Warnings alone leave the run successful.
        self.assertTrue(self.run_of([], problems[2:])['invocations'][0]['executionSuccessful'])

    def test_fingerprints_are_numbered_in_source_order(self):
        results = self.run_of([finding(self.source, 2, 18, 'same'),
                               finding(self.source, 1, 1, 'same')])['results']
        prints = [r['partialFingerprints']['failguard/v2'] for r in results]
        self.assertEqual([p[-2:] for p in prints], [':2', ':1'])
        self.assertEqual(prints[0][:-2], prints[1][:-2])
        self.assertTrue(all('primaryLocationLineHash' in r['partialFingerprints']
                            for r in results))


class GitHub(Files):
    def test_escaping(self):
        self.assertEqual(github.github_escape('50%\r\nnext'), '50%25%0D%0Anext')
        self.assertEqual(github.github_escape('a:b,c', property_value=True), 'a%3Ab%2Cc')
        self.assertEqual(github.github_escape('a:b,c'), 'a:b,c')

    def test_annotations(self):
        note = {'file': self.source, 'line': 1, 'col': 1, 'message': 'called 100% here, a:b'}
        lines = github.to_github(
            [finding(self.source, 2, 18, 'line one\nline two', [note])],
            [{'kind': 'analysis-failed', 'file': self.source, 'reason': 'src/a b.cpp: broken'},
             {'kind': 'configuration', 'file': None, 'reason': 'configuration error: x'},
             {'kind': 'index-incomplete', 'level': 'warning', 'file': self.source,
              'reason': 'left out'}], self.root)
        # The note is folded into its finding's annotation (data escaping:
        # '%' and line breaks; ':' and ',' stay), not an annotation of its own.
        self.assertEqual(lines, [
            '::warning file=src/a b.cpp,line=2,col=18,title=%s::line one%%0Aline two'
            '%%0Anote: src/a b.cpp:1: called 100%%25 here, a:b' % CHECK,
            '::error file=src/a b.cpp,title=failguard could not check::src/a b.cpp: broken',
            '::error title=failguard could not check::configuration error: x',
            '::warning file=src/a b.cpp,title=failguard summary index incomplete::left out'])

    def test_budget_per_kind(self):
        findings = [finding(self.source, line, 1, 'finding %d' % line) for line in range(1, 26)]
        problems = [{'kind': 'analysis-failed', 'file': self.source, 'reason': 'broken %d' % i}
                    for i in range(12)]
        lines = github.to_github(findings, problems, self.root)
        kinds = [line.split(' ', 1)[0] for line in lines]
        self.assertEqual(kinds.count('::warning'), github.ANNOTATIONS_PER_KIND)
        self.assertEqual(kinds.count('::error'), github.ANNOTATIONS_PER_KIND)
        self.assertEqual(kinds.count('::notice'), 1)
        self.assertEqual(kinds[-1], '::notice')
        self.assertIn('15 more finding(s) and 2 more problem(s)', lines[-1])
        # The first ten of each kind are the ones shown, in order.
        self.assertTrue(lines[9].endswith('::finding 10'))
        # Control: exactly the budget needs no notice.
        lines = github.to_github(findings[:10], problems[:10], self.root)
        self.assertEqual(len(lines), 20)
        self.assertFalse(any(line.startswith('::notice') for line in lines))


class StepSummary(Files):
    def results(self, findings, problems=()):
        from git_failguard.results import Results
        return Results(findings, list(problems), [])

    def test_table_of_every_finding(self):
        note = {'file': self.source, 'line': 1, 'col': 1, 'message': 'handled <here>'}
        findings = [finding(self.source, line, 1, "'f' may | throw") for line in range(1, 26)]
        findings[0]['notes'] = [dict(note, severity='note', check=None)]
        text = step_summary.summary_text(
            self.results(findings, [{'kind': 'analysis-failed', 'file': self.source,
                                     'reason': 'src/a b.cpp: broken'}]),
            'affected since main', 3, self.root)
        lines = text.splitlines()
        self.assertTrue(lines[0].startswith('### failguard: 25 finding(s) in 3 translation'))
        rows = [line for line in lines if line.startswith('| src/a b.cpp:')]
        self.assertEqual(len(rows), 25)
        # '|' and '<' are escaped; the note is in its finding's cell.
        self.assertEqual(rows[0], "| src/a b.cpp:1 | %s | 'f' may \\| throw<br>note: "
                         "src/a b.cpp:1: handled \\<here\\> |" % CHECK.replace('-', '-'))
        self.assertIn('| %s | 25 |' % CHECK, lines)
        self.assertIn('**1 problem(s): could not be checked**', lines)
        self.assertIn('- src/a b.cpp: broken', lines)

    def test_cap(self):
        findings = [finding(self.source, line, 1, 'x' * 100) for line in range(1, 101)]
        text = step_summary.summary_text(self.results(findings), 'since HEAD', 1, self.root,
                                         cap=2000)
        self.assertLessEqual(len(text), 2300)
        self.assertIn('more finding(s) are not in this table', text)


class CodeQuality(Files):
    def test_issues(self):
        note = {'file': self.source, 'line': 1, 'col': 1, 'message': 'called here'}
        issues = codequality.to_codequality(
            [finding(self.source, 2, 18, os.fsdecode(b'bad \xff byte'), [note])],
            [{'kind': 'configuration', 'file': None, 'reason': 'configuration error: x'},
             {'kind': 'no-baseline', 'file': self.source, 'reason': 'no baseline: y'},
             {'kind': 'index-incomplete', 'level': 'warning', 'file': self.source,
              'reason': 'left out'}], self.root)
        self.assertEqual([(i['check_name'], i['severity']) for i in issues],
                         [(CHECK, 'major'), ('failguard-could-not-check', 'blocker'),
                          ('failguard-index-incomplete', 'minor')])
        self.assertEqual(issues[0]['description'],
                         'bad \ufffd byte (note: src/a b.cpp:1: called here)')
        self.assertEqual(issues[0]['location'], {'path': 'src/a b.cpp', 'lines': {'begin': 2}})
        self.assertEqual(issues[1]['description'],
                         'failguard could not check this unit: no baseline: y')
        json.dumps(issues, ensure_ascii=False).encode('utf-8')  # valid UTF-8 throughout


class Text(Files):
    def test_lines_and_colours(self):
        note = {'file': self.source, 'line': 1, 'col': 1, 'message': 'called here'}
        cwd = os.getcwd()
        try:
            os.chdir(self.root)
            rendered = report.render([finding(self.source, 2, 18, 'escape', [note])], [], 'text',
                                     self.root, self.root)
        finally:
            os.chdir(cwd)
        # Each with clang's source line and caret: the caret under the byte
        # column 18, 'é' one column and '😀' two on a terminal.
        self.assertEqual(rendered, 'src/a b.cpp:2:18: warning: escape [%s]\n'
                                   '    2 | /* é😀 */ jwt::decode(raw);\n'
                                   '      |               ^\n'
                                   'src/a b.cpp:1:1: note: called here\n'
                                   '    1 | int x;\n'
                                   '      | ^\n' % CHECK)
        self.assertEqual(text.colourise('f.cpp:1:2: note: n').split('\x1b[0;1;36m')[1],
                         'note: \x1b[0mn\x1b[0m')
        self.assertEqual(text.colourise('not a diagnostic'), 'not a diagnostic')
        # A snippet's source is never coloured as a diagnostic; its caret is green.
        self.assertEqual(text.colourise('    2 | f.cpp:1:2: note: n'), '    2 | f.cpp:1:2: note: n')
        self.assertEqual(text.colourise('      |   ^'), '      |   \x1b[0;1;32m^\x1b[0m')

    def test_snippet(self):
        sources = text.Sources({'/staged.cpp': b'\tint x;\nlast'})
        # Tabs expanded to 8 columns, as clang does; the number's width is
        # that of the line 16 further, 4 at least.
        self.assertEqual(text.snippet(sources, '/staged.cpp', 1, 2),
                         ['    1 |         int x;', '      |         ^'])
        self.assertEqual(text.snippet(sources, '/staged.cpp', 9990, 1), [])
        self.assertEqual(text.snippet(text.Sources({'/big.cpp': b'\n' * 9989 + b'x'}),
                                      '/big.cpp', 9990, 1),
                         ['  9990 | x', '       | ^'])
        # The end of the line is a column; past it, or no such file, no snippet.
        self.assertEqual(text.snippet(sources, '/staged.cpp', 2, 5), ['    2 | last', '      |     ^'])
        self.assertEqual(text.snippet(sources, '/staged.cpp', 2, 6), [])
        self.assertEqual(text.snippet(text.Sources(), os.path.join(self.root, 'none.cpp'), 1, 1),
                         [])
        # The content analysed (staged, a range) wins over the working tree's file.
        shown = text.Sources({self.source: b'staged\nline'})
        self.assertEqual(text.snippet(shown, self.source, 2, 1), ['    2 | line', '      | ^'])

    def test_no_snippet_again_at_the_same_place(self):
        """As clang: a note at its warning's place, or a warning at the place
        of the warning before it, has no snippet; a warning after a note
        there has one."""
        at = {'file': self.source, 'line': 2, 'col': 18}
        found = [finding(self.source, 2, 18, 'first', [dict(at, message='same'),
                                                      dict(at, col=1, message='elsewhere'),
                                                      dict(at, col=1, message='again')]),
                 finding(self.source, 2, 1, 'after a note'),
                 finding(self.source, 2, 1, 'after a warning')]
        lines = text.to_text(found)
        self.assertEqual([i for i, line in enumerate(lines) if line.startswith('    2 |')],
                         [1, 5, 9])
        self.assertEqual(len(lines), 12)

    def test_other_formats_have_no_snippet(self):
        found = [finding(self.source, 2, 18, 'escape')]
        for fmt in ('github', 'sarif', 'codequality'):
            self.assertNotIn(' | /*', report.render(found, [], fmt, self.root, self.root))

    def test_when_to_colour(self):
        self.assertTrue(text.use_colour('always', 'out.txt'))
        self.assertFalse(text.use_colour('never', None))
        self.assertFalse(text.use_colour('auto', 'out.txt'))


if __name__ == '__main__':
    unittest.main()
