"""The edge-case plan (git_failguard/plan.py): reading failguard-tidy's plan files, merging, the outputs."""
import json
import os
import shutil
import tempfile
import unittest

from git_failguard import plan


def call(api, exception, cases, outcome, handler_line=None):
    out = {'api': api, 'exception': exception, 'cases': cases, 'outcome': outcome,
           'path': [{'function': "'f'", 'at': {'file': 'a.cc', 'line': 3}}]}
    if handler_line:
        out['handler'] = {'file': 'a.cc', 'line': handler_line}
    return out


def boundary(name='f', line=3, calls=(), routes=()):
    return {'function': 'c:@F@' + name, 'name': "'%s'" % name, 'at': {'file': 'a.cc', 'line': line},
            'kind': 'override', 'framework': 'poco', 'routes': list(routes), 'calls': list(calls)}


class PlanTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, 'w') as f:
            f.write(data if isinstance(data, str) else json.dumps(data))
        return path

    def unit_plan(self, *boundaries, unit='/repo/a.cc'):
        return {'format': plan.UNIT_FORMAT, 'units': [{'file': unit, 'boundaries': list(boundaries)}]}

    def test_a_case_escapes_when_any_exception_it_raises_escapes(self):
        b = boundary(calls=[call('jwt::decode', 'E1', ['expired', 'bad-signature'], 'handled', 9),
                            call('jwt::decode', 'E2', ['expired'], 'escapes')])
        outcomes = plan.case_outcomes(b)
        self.assertEqual(outcomes['expired'], {'outcome': 'escapes', 'exceptions': ['E1', 'E2']})
        self.assertEqual(outcomes['bad-signature'], {'outcome': 'handled', 'exceptions': ['E1']})
        # In the vocabulary's order, not the calls'.
        self.assertEqual(list(outcomes), ['expired', 'bad-signature'])

    def test_a_boundary_in_two_units_is_kept_once(self):
        b = boundary(calls=[call('jwt::decode', 'E', ['expired'], 'escapes')])
        first = plan.read_unit_plan(self.write('1.json', self.unit_plan(b, unit='/repo/a.cc')))
        second = plan.read_unit_plan(self.write('2.json', self.unit_plan(
            b, boundary('g', line=1), unit='/repo/b.cc')))
        document = plan.merge(first + second, root='/repo')
        self.assertEqual([b['name'] for b in document['boundaries']], ["'g'", "'f'"])
        self.assertEqual(document['boundaries'][1]['unit'], 'a.cc')
        self.assertEqual(document['format'], 'git-failguard-plan-1')

    def test_the_token_source_is_read_and_shown(self):
        b = boundary(calls=[call('jwt::decode', 'E', ['expired'], 'escapes')])
        b['token'] = {'header': 'X-Auth-Token', 'scheme': 'Bearer', 'at': {'file': 'a.cc', 'line': 4}}
        c = dict(boundary('g', line=9), token={'cookie': 'session', 'at': {'file': 'a.cc', 'line': 10}})
        document = plan.merge(plan.read_unit_plan(self.write('1.json', self.unit_plan(b, c))))
        self.assertEqual(document['boundaries'][0]['token'], b['token'])
        text = plan.render_text(document)
        self.assertIn("  token from header X-Auth-Token (scheme Bearer) at a.cc:4\n", text)
        self.assertIn("  token from cookie session at a.cc:10\n", text)
        self.assertIn('The token is read from `cookie session` at `a.cc:10`.',
                      plan.render_markdown(document))
        # What the JSON plan says, read back, is what the probe reads.
        again = plan.read_plan(self.write('plan.json', plan.render_json(document)))
        self.assertEqual(again['boundaries'][1]['token'], c['token'])
        # A name HTTP cannot carry: no token source (the probe uses Authorization).
        for unsendable in ({'header': 'X Auth'}, {'cookie': 'a;b'}, {'header': 'A', 'scheme': 'B\n'}):
            read = plan.read_unit_plan(self.write('odd.json', self.unit_plan(
                dict(b, token=dict(unsendable, at={'file': 'a.cc', 'line': 1})))))
            self.assertNotIn('token', read[0])
        for bad in ({'header': 'A', 'cookie': 'b', 'at': {'file': 'a.cc', 'line': 1}},
                    {'at': {'file': 'a.cc', 'line': 1}}, {'header': 'A'}, {'header': ''},
                    {'header': 'A', 'scheme': 3, 'at': {'file': 'a.cc', 'line': 1}}, 'A'):
            with self.assertRaises(plan.PlanError) as raised:
                plan.read_unit_plan(self.write('bad.json', self.unit_plan(dict(b, token=bad))))
            self.assertNotIn('\n', str(raised.exception))

    def test_not_a_plan_file(self):
        for content, expected in (('{"format": "failguard-results-1", "units": []}',
                                   'not a failguard-plan-1 file'),
                                  ('not json', 'not JSON'),
                                  (json.dumps(self.unit_plan({'name': 'x'})), 'a boundary without'),
                                  (json.dumps(self.unit_plan(boundary(calls=[
                                      call('a', 'E', [], 'maybe')]))), "outcome 'maybe'")):
            with self.assertRaises(plan.PlanError) as raised:
                plan.read_unit_plan(self.write('bad.json', content))
            self.assertIn(expected, str(raised.exception))
        with self.assertRaises(plan.PlanError) as raised:
            plan.read_unit_plan(os.path.join(self.dir, 'absent.json'))
        self.assertIn('No such file', str(raised.exception))

    def test_the_json_form_reads_back(self):
        b = boundary(calls=[call('jwt::decode', 'E', ['expired'], 'escapes')],
                     routes=[{'via': 'v', 'methods': ['POST'], 'path': '/x',
                              'at': {'file': 'a.cc', 'line': 1}}])
        document = plan.merge(plan.read_unit_plan(self.write('1.json', self.unit_plan(b))))
        path = self.write('plan.json', plan.render_json(document))
        self.assertEqual(plan.read_plan(path), document)
        # failguard-tidy's own plan file is not what the probe reads.
        with self.assertRaises(plan.PlanError) as raised:
            plan.read_plan(self.write('unit.json', self.unit_plan(b)))
        self.assertIn('not a git-failguard-plan-1 file', str(raised.exception))

    def test_text_and_markdown(self):
        b = boundary(calls=[call('jwt::verify', 'jwt::expired', ['expired'], 'escapes'),
                            call('jwt::decode', 'jwt::bad`json', ['header-not-json'], 'handled', 7)],
                     routes=[{'via': 'v', 'methods': [], 'path': '/x',
                              'at': {'file': 'a.cc', 'line': 1}}])
        document = plan.merge(plan.read_unit_plan(self.write('1.json', self.unit_plan(b))))
        text = plan.render_text(document)
        self.assertIn("boundary 'f' (override poco) at a.cc:3", text)
        self.assertIn('  route ANY /x (v at a.cc:1)', text)
        self.assertIn('  jwt::decode throws jwt::bad`json: handled at a.cc:7', text)
        self.assertIn('  escaping cases: expired', text)
        self.assertTrue(text.endswith('1 boundary, 1 route, 1 escaping boundary x case\n'))
        markdown = plan.render_markdown(document)
        self.assertIn('| `jwt::verify` | `jwt::expired` | expired | **escapes** |', markdown)
        # A backtick in a name does not end its code span.
        self.assertIn('``jwt::bad`json``', markdown)
        escaping = markdown.index('- [ ] `expired`: **escapes**')
        handled = markdown.index('- [ ] `header-not-json`: handled')
        self.assertLess(escaping, handled)

    def test_written_whole_or_not_at_all(self):
        target = os.path.join(self.dir, 'out.md')
        plan.write_atomically(target, 'x\n')
        with open(target) as f:
            self.assertEqual(f.read(), 'x\n')
        with self.assertRaises(plan.PlanError):
            plan.check_writable(os.path.join(self.dir, 'no', 'such', 'out.md'))
        with self.assertRaises(plan.PlanError):
            plan.check_writable(self.dir)
        self.assertEqual(sorted(os.listdir(self.dir)), ['out.md'])

    def test_tokens_for_every_case_with_the_claims_of_the_code_or_the_options(self):
        said = boundary(calls=[call('jwt::decode', 'E', ['expired'], 'escapes')])
        said['verifier'] = {'issuer': 'auth0', 'audience': 'api'}
        document = plan.merge(plan.read_unit_plan(self.write('1.json', self.unit_plan(
            said, boundary('g', line=9)))))
        self.assertIn('  verifier checks: issuer auth0, audience api', plan.render_text(document))
        crafted = plan.crafted_tokens(document, 1700000000, secret=b'k', audience='other',
                                      claims={'role': 'reader'})
        self.assertEqual(crafted['claims'], {'iss': 'auth0', 'aud': 'other',
                                             'sub': 'failguard-test-subject',
                                             'required': {'role': 'reader'}})
        self.assertEqual(set(crafted['tokens']), set(plan.tokens.CASES) | {'valid'})
        with self.assertRaises(plan.PlanError):
            plan.crafted_tokens(document, 1700000000, alg='RS256', secret=b'k')
        # Two verifiers that disagree: the option decides, or the plan says which.
        other = dict(said, function='c:@F@h', name="'h'", verifier={'issuer': 'okta'})
        both = plan.merge(plan.read_unit_plan(self.write('2.json', self.unit_plan(said, other))))
        with self.assertRaises(plan.PlanError) as raised:
            plan.crafted_tokens(both, 1700000000, secret=b'k')
        self.assertIn("different issuers ('auth0' in 'f', 'okta' in 'h'): give --issuer",
                      str(raised.exception))
        self.assertEqual(plan.crafted_tokens(both, 1700000000, secret=b'k', issuer='x')
                         ['claims']['iss'], 'x')
        said['verifier'] = {'issuer': 42}
        with self.assertRaises(plan.PlanError) as raised:
            plan.read_unit_plan(self.write('3.json', self.unit_plan(said)))
        self.assertIn('a verifier that is not {claim: value}', str(raised.exception))

    def test_tokens_carry_the_claims_the_code_requires(self):
        f = dict(boundary(), claims={'role': 'reader', 'tenant': None})
        g = dict(boundary('g', line=9), claims={'scope': None})
        document = plan.merge(plan.read_unit_plan(self.write('1.json', self.unit_plan(f, g))))
        self.assertIn('  requires claims: role=reader, tenant (any value)\n',
                      plan.render_text(document))
        self.assertIn('The code requires the claims `role=reader, tenant (any value)`.',
                      plan.render_markdown(document))
        crafted = plan.crafted_tokens(document, 1700000000, secret=b'k')
        self.assertEqual(crafted['claims']['required'], {
            'role': 'reader', 'tenant': plan.ANY_VALUE, 'scope': plan.ANY_VALUE})
        # The options win.
        crafted = plan.crafted_tokens(document, 1700000000, secret=b'k',
                                      claims={'role': 'admin', 'scope': 'read'})
        self.assertEqual(crafted['claims']['required'], {
            'role': 'admin', 'tenant': plan.ANY_VALUE, 'scope': 'read'})
        # Two boundaries that require different values: the option decides.
        h = dict(boundary('h', line=12), claims={'role': 'admin'})
        both = plan.merge(plan.read_unit_plan(self.write('2.json', self.unit_plan(f, h))))
        with self.assertRaises(plan.PlanError) as raised:
            plan.crafted_tokens(both, 1700000000, secret=b'k')
        self.assertIn("different values of claim 'role'", str(raised.exception))
        self.assertIn('give --claim role=VALUE', str(raised.exception))
        # Without claims: none required.
        plain = plan.merge(plan.read_unit_plan(self.write('3.json', self.unit_plan(boundary()))))
        self.assertEqual(plan.crafted_tokens(plain, 1700000000, secret=b'k')['claims']['required'],
                         {})
        for bad in ({'role': 3}, {'': 'x'}, ['role']):
            with self.assertRaises(plan.PlanError):
                plan.read_unit_plan(self.write('4.json', self.unit_plan(dict(f, claims=bad))))

if __name__ == '__main__':
    unittest.main()
