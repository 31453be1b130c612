"""The compilation database: what is refused, header directories and the
spellings of the work tree."""
import json
import os
import tempfile
import unittest

from git_failguard import cdb, fs
from git_failguard.errors import Failure


def tearDownModule():
    fs.remove_scratch_directories()  # the unit databases' (load_entries)


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

    def test_entries_clang_does_not_read(self):
        # clang-tidy would run every unit without flags: refused, one line.
        self.refused([{'file': 'a.cpp', 'directory': '/b', 'command': 'c++', 'flags': '-O2'}],
                     "'PATH': entry 0 ('a.cpp') has the key 'flags', which clang does not read "
                     "(an entry has directory, file, command or arguments, and output)")
        self.refused([{'file': 'a.cpp', 'directory': '/b', 'arguments': 'c++ -c a.cpp'}],
                     "'PATH': entry 0 ('a.cpp') has 'arguments' that are not a list of strings")
        self.refused([{'file': 'a.cpp', 'directory': '/b', 'arguments': ['c++', ['-c']]}],
                     "'PATH': entry 0 ('a.cpp') has 'arguments' that are not a list of strings")
        self.refused([{'file': 'a.cpp', 'directory': '/b', 'command': 'c++', 'output': {}}],
                     "'PATH': entry 0 ('a.cpp') has a 'output' that is an object or a list, not a "
                     "string")
        self.refused([{'file': 'a.cpp', 'directory': '/b'}],
                     "'PATH': entry 0 ('a.cpp') has neither 'command' nor 'arguments'")

    def test_a_good_one_is_read(self):
        # Control: the same shape with both keys is loaded.
        with tempfile.TemporaryDirectory() as scratch:
            path = os.path.join(scratch, 'compile_commands.json')
            with open(path, 'w') as f:
                # Scalars that are not strings are read (clang reads them as text).
                json.dump([{'file': 'a.cpp', 'directory': scratch, 'command': 'c++ -c a.cpp'},
                           {'file': 'b.cpp', 'directory': scratch, 'output': 5,
                            'arguments': ['c++', '-c', 'b.cpp']}], f)
            entries = cdb.load_entries(path)
            self.assertEqual([spelled for _, spelled in entries.values()],
                             [os.path.join(scratch, 'a.cpp'), os.path.join(scratch, 'b.cpp')])


class UnitDatabases(unittest.TestCase):
    """Each failguard-tidy process is pointed at a database of its unit's
    commands: all of them, as the database spells them, and no other."""

    def test_a_unit_database_holds_the_units_commands_only(self):
        with tempfile.TemporaryDirectory() as scratch:
            path = os.path.join(scratch, 'compile_commands.json')
            os.mkdir(os.path.join(scratch, 'src'))
            os.symlink('src', os.path.join(scratch, 'link'))
            commands = [
                {'file': 'src/a.cpp', 'directory': scratch, 'command': 'c++ -DONE -c src/a.cpp'},
                {'file': os.path.join(scratch, 'src/b.cpp'), 'directory': scratch,
                 'arguments': ['c++', '-c', 'src/b.cpp'], 'output': 'b.o'},
                # The same file again, through the link, with other flags.
                {'file': 'link/a.cpp', 'directory': scratch, 'command': 'c++ -DTWO -c a.cpp'},
            ]
            with open(path, 'w') as f:
                json.dump(commands, f)
            entries = cdb.load_entries(path)
            a = os.path.join(os.path.realpath(scratch), 'src', 'a.cpp')

            def database(tu):
                with open(os.path.join(entries.unit_directory(tu),
                                       'compile_commands.json')) as f:
                    return json.load(f)

            self.assertEqual(database(a), [commands[0], commands[2]])
            self.assertEqual(database(os.path.join(scratch, 'link', 'a.cpp')),
                             [commands[0], commands[2]])
            self.assertEqual(database(os.path.join(scratch, 'src', 'b.cpp')), [commands[1]])
            # Written once: the same directory for every spelling.
            self.assertEqual(entries.unit_directory(a),
                             entries.unit_directory(os.path.join(scratch, 'link', 'a.cpp')))
            # A file the database does not name: an empty database.
            self.assertEqual(database(os.path.join(scratch, 'failguard-baseline.cpp')), [])
            # The first command of each file stays the one the driver reads.
            self.assertEqual(entries[a][0], commands[0])

    def test_a_unit_database_is_written_as_clang_reads_the_projects(self):
        # UTF-8, not \u escapes: clang reads the escaped halves of a
        # character beyond U+FFFF as two invalid ones (driver/cdb-non-bmp-path.test).
        # A lone surrogate escaped in the project's database stays the bytes
        # clang makes of the escape.
        with tempfile.TemporaryDirectory() as scratch:
            path = os.path.join(scratch, 'compile_commands.json')
            with open(path, 'w', encoding='utf-8') as f:
                f.write('[{"file": "a.cpp", "directory": "%s/nb-\U0001F600", '
                        '"arguments": ["c++", "-DX=\\udc80", "-c", "a.cpp"]}]' % scratch)
            entries = cdb.load_entries(path)
            (tu,) = entries
            with open(os.path.join(entries.unit_directory(tu), 'compile_commands.json'),
                      'rb') as f:
                written = f.read()
            self.assertIn('nb-\U0001F600'.encode(), written)
            self.assertIn(b'-DX=\xed\xb2\x80', written)
            self.assertNotIn(b'\\u', written)


class RealFile(unittest.TestCase):

    def test_it_is_realpath(self):
        with tempfile.TemporaryDirectory() as scratch:
            os.makedirs(os.path.join(scratch, 'src', 'sub'))
            os.symlink('src', os.path.join(scratch, 'linked-dir'))
            for name in ('a.cpp', 'b.cpp'):
                open(os.path.join(scratch, 'src', name), 'w').close()
            os.symlink('b.cpp', os.path.join(scratch, 'src', 'linked.cpp'))
            os.symlink('sub/../a.cpp', os.path.join(scratch, 'src', 'dotted.cpp'))
            os.symlink('missing.cpp', os.path.join(scratch, 'src', 'dangling.cpp'))
            directories = {}
            for name in ('src/a.cpp', 'linked-dir/a.cpp', 'src/linked.cpp',
                         'linked-dir/linked.cpp', 'src/dotted.cpp', 'src/dangling.cpp',
                         'src/absent.cpp', 'linked-dir/absent.cpp', 'absent-dir/a.cpp', 'src'):
                spelled = os.path.join(scratch, name)
                self.assertEqual(cdb.real_file(spelled, directories), os.path.realpath(spelled),
                                 name)


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
