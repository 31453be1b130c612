"""The user's route mapping (git_failguard/route_map.py): reading it, and the routes it gives the plan."""
import os
import shutil
import tempfile
import unittest

from git_failguard import plan, route_map


def boundary(name, routes=()):
    return {'function': 'c:' + name, 'name': "'%s'" % name, 'at': {'file': 'a.cc', 'line': 3},
            'kind': 'registered', 'framework': 'poco', 'routes': list(routes), 'calls': [],
            'unit': 'a.cc'}


PATHLESS = {'via': 'factory', 'methods': [], 'at': {'file': 'a.cc', 'line': 30}}
LITERAL = {'via': 'factory', 'methods': [], 'path': '/lit', 'at': {'file': 'a.cc', 'line': 31}}


class RouteMapTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, text):
        path = os.path.join(self.dir, 'routes.json')
        with open(path, 'w') as f:
            f.write(text)
        return path

    def test_routes_with_their_lines(self):
        path = self.write('{"routes": [\n  {"handler": "Session", "path": "/s"},\n'
                          '  {"handler": "::ns::Keys::handleRequest", "path": "/k",\n'
                          '   "methods": ["get", "POST"]}\n]}\n')
        self.assertEqual(route_map.read_routes(path), [
            {'handler': 'Session', 'path': '/s', 'methods': [], 'at': {'file': path, 'line': 2}},
            {'handler': 'ns::Keys::handleRequest', 'path': '/k', 'methods': ['GET', 'POST'],
             'at': {'file': path, 'line': 3}}])

    def test_malformed_files_are_one_line_errors(self):
        for text, expected in (
                ('not json', 'not JSON'),
                ('[]', 'not {"routes": [...]}'),
                ('{"routes": [{"handler": "A", "path": "/a", "method": "GET"}]}', ':1: a route is'),
                ('{"routes": [\n{"handler": "A b", "path": "/a"}]}', ':2: "handler" is not'),
                ('{"routes": [{"handler": "A", "path": "a"}]}', '"path" is not'),
                ('{"routes": [{"handler": "A", "path": "/a", "methods": "GET"}]}', '"methods"'),
                ('{"routes": [{"handler": "A", "path": "/a", "methods": ["FETCH"]}]}', '"methods"'),
                ('{"routes": [3]}', 'a route is')):
            with self.assertRaises(plan.PlanError) as raised:
                route_map.read_routes(self.write(text))
            self.assertIn(expected, str(raised.exception))
            self.assertNotIn('\n', str(raised.exception))
        with self.assertRaises(plan.PlanError):
            route_map.read_routes(os.path.join(self.dir, 'absent.json'))

    def test_mapped_routes_replace_the_pathless_ones(self):
        document = {'boundaries': [boundary('Session::handleRequest', [PATHLESS, LITERAL]),
                                   boundary('Other::handleRequest', [PATHLESS]),
                                   boundary('Session::Inner::run')]}
        path = self.write('{"routes": [{"handler": "Session", "path": "/s", "methods": ["GET"]},\n'
                          '{"handler": "Gone::handleRequest", "path": "/g"}]}')
        warnings = route_map.apply(document, route_map.read_routes(path))
        session, other, inner = document['boundaries']
        self.assertEqual(session['routes'], [LITERAL, {
            'via': 'routes file', 'path': '/s', 'methods': ['GET'], 'at': {'file': path, 'line': 1}}])
        # Not mapped: kept as they are; a class maps its own members, not its nested classes'.
        self.assertEqual(other['routes'], [PATHLESS])
        self.assertEqual(inner['routes'], [])
        self.assertEqual(warnings, ["routes file %s:2: no request boundary "
                                    "'Gone::handleRequest' in the plan" % path])


if __name__ == '__main__':
    unittest.main()
