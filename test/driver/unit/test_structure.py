"""The package's shape, as packed into bin/git-failguard: short modules, a
short main, and no import cycles between modules."""
import ast
import os
import unittest
import zipfile

import git_failguard

PACKAGE = os.path.dirname(git_failguard.__file__)
ARCHIVE = os.path.dirname(PACKAGE)


def sources():
    """{module: source text} of every module of the package, read from the
    executable the build packed."""
    with zipfile.ZipFile(ARCHIVE) as archive:
        return {name[len('git_failguard/'):-3]: archive.read(name).decode('utf-8')
                for name in archive.namelist()
                if name.startswith('git_failguard/') and name.endswith('.py')}


def imports(module, tree):
    """The package's modules that `module` imports, at any level."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split('.')[0])
            else:
                found.update(alias.name for alias in node.names)
    return found - {module}


class Shape(unittest.TestCase):
    def setUp(self):
        self.sources = sources()

    def test_packed(self):
        self.assertTrue(zipfile.is_zipfile(ARCHIVE), ARCHIVE)
        for module in ('main', 'cli', 'sarif', 'github', 'codequality', 'accepted', 'buildinfo'):
            self.assertIn(module, self.sources)

    def test_modules_are_short(self):
        long = {m: s.count('\n') for m, s in self.sources.items() if s.count('\n') > 500}
        self.assertEqual(long, {})

    def test_main_is_a_short_pipeline(self):
        tree = ast.parse(self.sources['main'])
        main = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == 'main')
        self.assertLessEqual(main.end_lineno - main.lineno + 1, 80)

    def test_no_import_cycles(self):
        graph = {m: imports(m, ast.parse(s)) for m, s in self.sources.items()}
        unknown = {m: sorted(i - set(graph)) for m, i in graph.items() if i - set(graph)}
        self.assertEqual(unknown, {})
        state = {}

        def visit(module, path):
            if state.get(module) == 'done':
                return
            if state.get(module) == 'open':
                self.fail('import cycle: ' + ' -> '.join(path + [module]))
            state[module] = 'open'
            for imported in sorted(graph[module]):
                visit(imported, path + [module])
            state[module] = 'done'

        for module in sorted(graph):
            visit(module, [])

    def test_cycle_detection_finds_one(self):
        # The negative control of the test above.
        graph = {'a': imports('a', ast.parse('from .b import x')),
                 'b': imports('b', ast.parse('def f():\n    from . import a'))}
        self.assertEqual(graph, {'a': {'b'}, 'b': {'a'}})


if __name__ == '__main__':
    unittest.main()
