"""The probe (git_failguard/probe.py) against fake services on the loopback interface."""
import argparse
import http.server
import json
import os
import shutil
import socket
import tempfile
import threading
import time
import unittest

from git_failguard import plan, probe

TOKENS = {'format': 'failguard-tokens-1', 'tokens': {
    'valid': 'tok-valid', 'expired': 'tok-expired', 'bad-signature': 'tok-bad-signature',
    'claim-null': 'tok-claim-null', 'not-three-parts': 'tok-not-three-parts'},
    'skipped': {'missing-claim': 'needs a key'}}


class Fake(http.server.BaseHTTPRequestHandler):
    """Answers by the token: 500 for expired, closes the connection for
    bad-signature, 503 for claim-null, 200 for valid, 401 else; 404 off /r."""

    def answer(self):
        token = self.headers.get('Authorization', '').replace('Bearer ', '')
        self.server.seen.append((self.command, self.path, token))
        self.server.headers.append(dict(self.headers))
        if not self.path.startswith('/base/r'):
            self.send_response(404)
        elif token == 'tok-bad-signature':
            self.close_connection = True
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        else:
            self.send_response({'tok-expired': 500, 'tok-claim-null': 503,
                                'tok-valid': 200}.get(token, 401))
        self.send_header('Content-Length', '0')
        self.end_headers()

    do_GET = do_POST = answer

    def log_message(self, *args):
        pass


def document(routes, token=None):
    b = {'function': 'f', 'name': "'H::handleRequest'", 'at': {'file': 'svc.cc', 'line': 12},
         'kind': 'override', 'routes': routes, 'unit': 'svc.cc',
         'calls': [{'api': 'jwt::decode', 'exception': 'Expired', 'cases': ['expired'],
                    'outcome': 'escapes', 'path': []},
                   {'api': 'jwt::decode', 'exception': 'Claim', 'cases': ['claim-null'],
                    'outcome': 'handled', 'handler': {'file': 'svc.cc', 'line': 20}, 'path': []}]}
    if token:
        b['token'] = dict(token, at={'file': 'svc.cc', 'line': 13})
    return plan.merge([b])


ROUTES = [{'via': 'v', 'methods': ['POST'], 'path': '/r', 'at': {'file': 'svc.cc', 'line': 30}},
          {'via': 'v', 'methods': [], 'path': '/r/{id}', 'at': {'file': 'svc.cc', 'line': 31}},
          {'via': 'v', 'methods': [], 'at': {'file': 'svc.cc', 'line': 32}}]


class Error(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise Error(message)


class ProbeTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Fake)
        self.server.seen = []
        self.server.headers = []
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = 'http://127.0.0.1:%d/base' % self.server.server_address[1]
        self.limits = probe.Limits(rate=1000)

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()
        shutil.rmtree(self.dir)

    def test_verdicts_per_route_and_case(self):
        report = probe.run(document(ROUTES), TOKENS, self.url, self.limits)
        verdicts = {r['case']: (r['status'], r['verdict']) for r in report['results']}
        self.assertEqual(verdicts, {
            'valid': (200, 'control'),
            'expired': (500, 'confirmed'),            # the plan says it escapes
            'bad-signature': ('reset', 'model-gap'),  # the plan names no exception of it
            'claim-null': (503, 'model-gap'),         # the plan says it is handled
            'not-three-parts': (401, 'graceful')})
        self.assertTrue(probe.failed(report))
        # Only the literal path, with the method the code names, under the URL's path.
        self.assertEqual({(m, p) for m, p, _ in self.server.seen[1:]}, {('POST', '/base/r')})
        self.assertEqual(report['requests'], 6)
        self.assertEqual([s['reason'] for s in report['skipped_routes']],
                         ["'/r/{id}' is a pattern, not a path", 'the code does not say its path'])
        self.assertEqual(report['skipped_cases'], {'missing-claim': 'needs a key'})

    def test_no_failure_no_exit_1(self):
        calm = dict(TOKENS, tokens={'valid': 'tok-valid', 'not-three-parts': 'tok-not-three-parts'})
        report = probe.run(document(ROUTES[:1]), calm, self.url, self.limits)
        self.assertFalse(probe.failed(report))

    def test_sarif_carries_route_and_case_of_confirmed_findings(self):
        report = probe.run(document(ROUTES[:1]), TOKENS, self.url, self.limits)
        sarif = json.loads(probe.render_sarif(report))
        results = sarif['runs'][0]['results']
        confirmed = [r for r in results if r['ruleId'] == 'failguard-probe-confirmed']
        self.assertEqual(len(confirmed), 1)
        self.assertEqual(confirmed[0]['properties'], {'route': 'POST /r', 'tokenCase': 'expired',
                                                      'status': 500})
        self.assertEqual(confirmed[0]['locations'][0]['physicalLocation']['region'],
                         {'startLine': 12})
        self.assertEqual(sorted(r['ruleId'] for r in results),
                         ['failguard-probe-confirmed', 'failguard-probe-model-gap',
                          'failguard-probe-model-gap'])
        # Graceful answers are not results.
        self.assertFalse([r for r in results if r['properties']['tokenCase'] == 'not-three-parts'])

    def test_the_token_goes_where_the_plan_says_the_code_reads_it(self):
        calm = dict(TOKENS, tokens={'valid': 'tok-valid'})
        for token, header, expected, sent_in in (
                # The header the code reads, bare, or with the scheme it strips.
                ({'header': 'X-Auth-Token'}, None, {'X-Auth-Token': 'tok-valid'},
                 'header X-Auth-Token'),
                ({'header': 'X-Auth', 'scheme': 'Token'}, None, {'X-Auth': 'Token tok-valid'},
                 'header X-Auth (scheme Token)'),
                ({'cookie': 'session'}, None, {'Cookie': 'session=tok-valid'}, 'cookie session'),
                # Authorization without a scheme in the code: Bearer (--scheme).
                ({'header': 'authorization'}, None, {'authorization': 'Bearer tok-valid'},
                 'header authorization (scheme Bearer)'),
                # No source in the plan: Authorization: Bearer.
                (None, None, {'Authorization': 'Bearer tok-valid'},
                 'header Authorization (scheme Bearer)'),
                # --header wins over the plan.
                ({'cookie': 'session'}, 'X-Other', {'X-Other': 'Bearer tok-valid'},
                 'header X-Other (scheme Bearer)')):
            self.server.headers.clear()
            report = probe.run(document(ROUTES[:1], token), calm, self.url, self.limits,
                               header=header)
            received = self.server.headers[-1]
            for name, value in expected.items():
                self.assertEqual(received.get(name), value, (token, header))
            for other in {'Authorization', 'Cookie', 'X-Auth-Token'} - set(expected):
                self.assertNotIn(other, received, (token, header))
            self.assertEqual(report['results'][0]['token_in'], sent_in)
            self.assertIn('tokens to POST /r in %s\n' % sent_in, probe.render_text(report))

    def test_non_loopback_urls_are_refused(self):
        for url in ('http://192.0.2.1:8080', 'http://[2001:db8::1]:80/x'):
            with self.assertRaises(probe.ProbeError) as raised:
                probe.target(url)
            self.assertIn('is not a loopback address', str(raised.exception))
        self.assertEqual(probe.target('http://192.0.2.1:8080/p', allow_remote=True),
                         ('192.0.2.1', 8080, '/p'))
        self.assertEqual(probe.target('http://localhost:1/'), ('localhost', 1, ''))
        for url in ('https://127.0.0.1:1', 'ftp://127.0.0.1', '127.0.0.1:80', 'http://127.0.0.1:x'):
            with self.assertRaises(probe.ProbeError):
                probe.target(url)

    def test_an_unreachable_service(self):
        with socket.socket() as unused:
            unused.bind(('127.0.0.1', 0))
            port = unused.getsockname()[1]
        with self.assertRaises(probe.ProbeError) as raised:
            probe.run(document(ROUTES), TOKENS, 'http://127.0.0.1:%d' % port, self.limits)
        self.assertIn('connection refused', str(raised.exception))

    def test_a_hanging_service_is_given_up_in_bounded_time(self):
        with socket.socket() as silent:
            silent.bind(('127.0.0.1', 0))
            silent.listen(8)
            started = time.monotonic()
            with self.assertRaises(probe.ProbeError) as raised:
                probe.run(document(ROUTES), TOKENS, 'http://127.0.0.1:%d' % silent.getsockname()[1],
                          probe.Limits(timeout=0.5))
            self.assertLess(time.monotonic() - started, 5)
        self.assertIn('no answer within --timeout 0.5s', str(raised.exception))

    def test_a_service_that_stops(self):
        # Answers the first request, then closes its listening socket.
        listener = socket.socket()
        listener.bind(('127.0.0.1', 0))
        listener.listen(1)

        def answer_once():
            connection, _ = listener.accept()
            connection.recv(65536)
            connection.sendall(b'HTTP/1.0 401 Unauthorized\r\nContent-Length: 0\r\n\r\n')
            connection.close()
            listener.close()

        threading.Thread(target=answer_once, daemon=True).start()
        with self.assertRaises(probe.ProbeError) as raised:
            probe.run(document(ROUTES), TOKENS, 'http://127.0.0.1:%d' % listener.getsockname()[1],
                      self.limits)
        self.assertIn('the service stopped accepting connections (at POST /r, token case '
                      "'valid')", str(raised.exception))

    def test_bounds(self):
        with self.assertRaises(probe.ProbeError) as raised:
            probe.run(document(ROUTES), TOKENS, self.url, probe.Limits(max_requests=5))
        self.assertIn('need 6 requests, more than --max-requests 5', str(raised.exception))
        self.assertEqual(self.server.seen, [])
        with self.assertRaises(probe.ProbeError) as raised:
            probe.run(document(ROUTES), TOKENS, self.url, probe.Limits(rate=4, max_time=0.6))
        self.assertIn('did not finish within --max-time', str(raised.exception))
        self.assertLessEqual(len(self.server.seen), 4)
        with self.assertRaises(probe.ProbeError):
            probe.Limits(rate=0)

    def test_command_line_writes_whole_reports_or_nothing(self):
        plan_path = os.path.join(self.dir, 'plan.json')
        with open(plan_path, 'w') as f:
            f.write(plan.render_json(document(ROUTES)))
        tokens_path = os.path.join(self.dir, 'tokens.json')
        with open(tokens_path, 'w') as f:
            json.dump(TOKENS, f)
        out = os.path.join(self.dir, 'probe.sarif')
        status = probe.probe_main(['--url', self.url, plan_path, '--tokens', tokens_path,
                                   '--format', 'sarif', '--output', out, '--rate', '1000'],
                                  Parser, Error)
        self.assertEqual(status, 1)
        with open(out) as f:
            self.assertEqual(json.load(f)['version'], '2.1.0')
        failing = os.path.join(self.dir, 'failing.json')
        for argv, expected in (
                ([tokens_path, '--tokens', tokens_path], 'not a git-failguard-plan-1 file'),
                ([plan_path, '--tokens', plan_path], 'not a failguard-tokens-1 file'),
                ([plan_path, '--secret-env', 'FAILGUARD_UNSET_VARIABLE'], "'FAILGUARD_UNSET_VARIABLE' is not set"),
                ([plan_path, '--tokens', tokens_path, '--max-requests', '2'], '--max-requests')):
            with self.assertRaises(Error) as raised:
                probe.probe_main(['--url', self.url, '--output', failing, '--format', 'json']
                                 + argv, Parser, Error)
            self.assertIn(expected, str(raised.exception))
            self.assertNotIn('\n', str(raised.exception))
        self.assertFalse(os.path.exists(failing))
        self.assertEqual(sorted(os.listdir(self.dir)), ['plan.json', 'probe.sarif', 'tokens.json'])


if __name__ == '__main__':
    unittest.main()
