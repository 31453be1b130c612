"""The compilation database: what is refused, header directories and the
spellings of the work tree."""
import json
import os
import tempfile
import unittest

from git_failguard import cdb
from git_failguard.errors import Failure


class Refused(unittest.TestCase):
    """Databases that are not lists of commands with 'file' and 'directory':
    one line each (driver/bad-input.test runs one of them end to end)."""
    def refused(self, content, message):
        with tempfile.TemporaryDirectory() as scratch:
            path = os.path.join(scratch, 'compile_commands.json')
            with open(path, 'w') as f:
                json.dump(content, f)
            with self.assertRaises(Failure) as raised:
                cdb.load_entries(path)
            self.assertEqual(str(raised.exception), message.replace('PATH', path))

    def test_not_a_list(self):
        self.refused(None, "'PATH' is not a compilation database: it holds null, not a list "
                           "of commands")
        self.refused({}, "'PATH' is not a compilation database: it holds a JSON dict, not a "
                         "list of commands")
        self.refused('compile_commands', "'PATH' is not a compilation database: it holds a "
                                         "JSON str, not a list of commands")

    def test_nested_too_deeply(self):
        # Deeper than Python's JSON parser goes: one line, not an internal error.
        with tempfile.TemporaryDirectory() as scratch:
            path = os.path.join(scratch, 'compile_commands.json')
            with open(path, 'w') as f:
                f.write('[' * 100000)
            with self.assertRaises(Failure) as raised:
                cdb.load_entries(path)
            self.assertEqual(str(raised.exception), "cannot read '%s': nested too deeply" % path)

    def test_bad_entries(self):
        self.refused([1], "'PATH': entry 0 is not an object")
        self.refused([{'directory': '/tmp', 'command': 'c++ -c a.cpp'}],
                     "'PATH': entry 0 has no 'file'")
        self.refused([{'file': 'a.cpp', 'command': 'c++ -c a.cpp'}],
                     "'PATH': entry 0 has no 'directory'")
        self.refused([{'file': 'a.cpp', 'directory': 'build', 'command': 'c++ -c a.cpp'}],
                     "'PATH': entry 0 ('a.cpp') has a relative 'directory' 'build': a "
                     "compilation database names absolute directories")

    def test_a_good_one_is_read(self):
        # Control: the same shape with both keys is loaded.
        with tempfile.TemporaryDirectory() as scratch:
            path = os.path.join(scratch, 'compile_commands.json')
            with open(path, 'w') as f:
                json.dump([{'file': 'a.cpp', 'directory': scratch, 'command': 'c++ -c a.cpp'}], f)
            entries = cdb.load_entries(path)
            self.assertEqual([spelled for _, spelled in entries.values()],
                             [os.path.join(scratch, 'a.cpp')])


class IncludeDirectories(unittest.TestCase):

    def test_every_spelling_of_an_include_option(self):
        entry = {'directory': '/b', 'arguments': [
            'clang++', '-I', 'one', '-Itwo', '-isystem', '/three', '-isystem/four', '-iquote',
            'five', '-idirafter', 'six', '--include-directory=seven', '-I=eight', '-DX', '-c',
            'x.cpp']}
        self.assertEqual(cdb.include_directories(entry),
                         ['/b/one', '/b/two', '/three', '/four', '/b/five', '/b/six',
                          '/b/seven', '/b/eight'])

    def test_the_other_header_directory_options(self):
        entry = {'directory': '/b', 'arguments': [
            'clang++', '--include-directory-after', 'one', '--include-directory-after=two',
            '-cxx-isystem', 'three', '-isystem-after', 'four', '-imsvc', 'five',
            '/external:Isix', '-c', 'x.cpp']}
        self.assertEqual(cdb.include_directories(entry),
                         ['/b/one', '/b/two', '/b/three', '/b/four', '/b/five', '/b/six'])

    def test_a_command_with_an_unbalanced_quote_keeps_its_words(self):
        entry = {'directory': '/b', 'command': "clang++ -I/in -DX=' -c x.cpp"}
        self.assertEqual(cdb.include_directories(entry), ['/in'])

    def test_command_string(self):
        entry = {'directory': '/b', 'command': "clang++ -I '/with space' -c x.cpp"}
        self.assertEqual(cdb.include_directories(entry), ['/with space'])

    def test_options_that_only_look_alike(self):
        entry = {'directory': '/b', 'arguments': ['clang++', '-include', 'pre.h', '-isysroot',
                                                  '/sdk', '-c', 'x.cpp']}
        # -include names a file and -isysroot a root, not a header directory:
        # neither starts with an option of INCLUDE_OPTIONS followed by '='.
        self.assertEqual(cdb.include_directories(entry), [])


class SpelledRoots(unittest.TestCase):

    def test_a_linked_header_directory_into_the_work_tree_is_a_spelling(self):
        with tempfile.TemporaryDirectory() as top:
            top = os.path.realpath(top)
            root = os.path.join(top, 'repo')
            os.makedirs(os.path.join(root, 'include'))
            os.makedirs(os.path.join(top, 'vendor'))
            os.symlink(os.path.join(root, 'include'), os.path.join(top, 'inc'))
            os.symlink(os.path.join(top, 'vendor'), os.path.join(top, 'vendor-link'))
            source = os.path.join(root, 'a.cpp')
            entry = {'directory': root, 'file': source, 'arguments': [
                'clang++', '-I', os.path.join(top, 'inc'), '-I', os.path.join(top, 'vendor-link'),
                '-I', os.path.join(root, 'include'), '-c', source]}
            roots = cdb.spelled_roots(root, root, {source: (entry, source)})
            # The link into the work tree is a spelling; a link to a directory
            # outside it, and a directory already under the root, are not.
            self.assertEqual(roots, sorted([root, os.path.join(top, 'inc')]))


if __name__ == '__main__':
    unittest.main()
