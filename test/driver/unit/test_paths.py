"""Where the tools may write, what they may read, and the cache directory."""
import os
import subprocess
import tempfile
import unittest
from unittest import mock

from git_failguard import fs, paths
from git_failguard.errors import Failure


class Places(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.top = os.path.realpath(self.scratch.name)

    def tearDown(self):
        self.scratch.cleanup()

    def test_a_symlinked_directory_is_resolved(self):
        os.mkdir(os.path.join(self.top, 'real'))
        os.symlink(os.path.join(self.top, 'real'), os.path.join(self.top, 'alias'))
        self.assertEqual(paths.places(os.path.join(self.top, 'alias', 'out.sarif')),
                         [os.path.join(self.top, 'real', 'out.sarif')])

    def test_a_dangling_link_is_judged_by_its_target_too(self):
        link = os.path.join(self.top, 'link')
        os.symlink(os.path.join(self.top, 'gone', 'target'), link)
        self.assertEqual(paths.places(link), [link, os.path.join(self.top, 'gone', 'target')])

    def test_inside(self):
        self.assertTrue(paths.inside('/r/.git/config', '/r/.git'))
        self.assertTrue(paths.inside('/r/.git', '/r/.git/'))
        self.assertFalse(paths.inside('/r/.github/x', '/r/.git'))

    def test_nearest_directory(self):
        self.assertEqual(paths.nearest_directory(os.path.join(self.top, 'a', 'b', 'c')),
                         self.top)


class WriteRefusal(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.top = os.path.realpath(self.scratch.name)
        self.repo = os.path.join(self.top, 'repo')
        subprocess.run(['git', 'init', '-q', '--separate-git-dir',
                        os.path.join(self.top, 'store'), self.repo], check=True)
        with open(os.path.join(self.repo, 'tracked.txt'), 'w') as f:
            f.write('x\n')
        subprocess.run(['git', '-C', self.repo, 'add', 'tracked.txt'], check=True)

    def tearDown(self):
        self.scratch.cleanup()

    def test_git_directories_and_tracked_files_are_refused(self):
        self.assertIn('git directory', paths.write_refusal(os.path.join(self.top, 'store',
                                                                        'config')))
        self.assertIn('git directory', paths.write_refusal(os.path.join(self.repo, '.git')))
        self.assertIn('tracked', paths.write_refusal(os.path.join(self.repo, 'tracked.txt')))

    def test_the_neighbours_are_not(self):
        self.assertIsNone(paths.write_refusal(os.path.join(self.repo, 'untracked.sarif')))
        self.assertIsNone(paths.write_refusal(os.path.join(self.top, 'out.sarif')))
        self.assertIsNone(paths.write_refusal(os.path.join(self.repo, 'tracked.txt'),
                                              lambda path: True))

    def test_check_writable_is_one_line(self):
        with self.assertRaises(Failure) as raised:
            paths.check_writable('--output', os.path.join(self.top, 'store', 'HEAD'))
        self.assertNotIn('\n', str(raised.exception))


class CacheDirectory(unittest.TestCase):
    def test_a_relative_xdg_cache_home_is_ignored(self):
        home = os.path.join(os.path.expanduser('~'), '.cache', 'failguard')
        for value in ('cache', './cache', '', '../x'):
            with mock.patch.dict(os.environ, {'XDG_CACHE_HOME': value}):
                self.assertEqual(fs.cache_directory(), home)

    def test_an_absolute_one_is_used(self):
        with mock.patch.dict(os.environ, {'XDG_CACHE_HOME': '/var/cache/me'}):
            self.assertEqual(fs.cache_directory(), '/var/cache/me/failguard')


class ReadInput(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.top = self.scratch.name

    def tearDown(self):
        self.scratch.cleanup()

    def refused(self, path, cap=100):
        with self.assertRaises(Failure) as raised:
            paths.read_input(path, cap, 'input')
        return str(raised.exception)

    def test_special_files_are_refused_unopened(self):
        fifo = os.path.join(self.top, 'fifo')
        os.mkfifo(fifo)
        self.assertIn('not a regular file', self.refused(fifo))
        self.assertIn('not a regular file', self.refused('/dev/zero'))
        self.assertIn('not a regular file', self.refused(self.top))

    def test_a_file_over_the_cap_is_refused(self):
        path = os.path.join(self.top, 'big')
        with open(path, 'w') as f:
            f.write('x' * 101)
        self.assertIn('larger than 100 bytes', self.refused(path))

    def test_a_regular_file_is_read(self):
        path = os.path.join(self.top, 'ok')
        with open(path, 'w') as f:
            f.write('x' * 100)
        self.assertEqual(paths.read_input(path, 100, 'input'), 'x' * 100)
        self.assertIn('No such file', self.refused(os.path.join(self.top, 'missing')))


if __name__ == '__main__':
    unittest.main()
