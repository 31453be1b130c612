"""Where the tools may write, what they may read, and the cache directory."""
import os
import subprocess
import signal
import tempfile
import unittest
from unittest import mock

from git_failguard import cli, fs, paths
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


class EveryKindOfGitDirectory(unittest.TestCase):
    """Where --output, --report and --write-accepted may not write (checked by
    cli.parse, before the repository is looked at): inside the repository's git
    directory, a submodule's (under modules/ or through its .git file), a
    worktree's and the common one, one not named .git, through a symlink to a
    file there, a dangling one that would create a file there or a link to the
    git directory itself, and onto a file tracked by a submodule. Each is one
    line naming the option and the path; nothing there is written.
    driver/output-git-dir.test runs the subcommands' options end to end."""
    @classmethod
    def setUpClass(cls):
        cls.scratch = tempfile.TemporaryDirectory()
        top = cls.top = os.path.realpath(cls.scratch.name)
        # Without the package's GIT_ALLOW_PROTOCOL (none), which would refuse
        # the submodule's clone.
        env = {k: v for k, v in os.environ.items() if k != 'GIT_ALLOW_PROTOCOL'}
        env.update(GIT_CONFIG_NOSYSTEM='1', GIT_CONFIG_GLOBAL=os.devnull,
                   GIT_AUTHOR_NAME='t', GIT_AUTHOR_EMAIL='t@t.invalid',
                   GIT_COMMITTER_NAME='t', GIT_COMMITTER_EMAIL='t@t.invalid')

        def git(*argv):
            run = subprocess.run(['git'] + list(argv), env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE)
            assert run.returncode == 0, (argv, run.stderr)
        for name in ('lib', 'repo'):
            git('init', '-q', os.path.join(top, name))
            with open(os.path.join(top, name, 'a.cpp'), 'w') as f:
                f.write('int a();\n')
            git('-C', os.path.join(top, name), 'add', 'a.cpp')
            git('-C', os.path.join(top, name), 'commit', '-q', '-m', name)
        cls.repo = os.path.join(top, 'repo')
        git('-C', cls.repo, '-c', 'protocol.file.allow=always', 'submodule', '-q', 'add',
            os.path.join(top, 'lib'), 'sub')
        git('-C', cls.repo, 'commit', '-q', '-m', 'sub')
        git('-C', cls.repo, 'worktree', 'add', '-q', os.path.join(top, 'wt'))
        git('init', '-q', '--separate-git-dir', os.path.join(top, 'sep.store'),
            os.path.join(top, 'sep'))
        os.symlink(os.path.join(cls.repo, '.git', 'config'), os.path.join(top, 'link'))
        os.symlink(os.path.join(cls.repo, '.git', 'new-file'), os.path.join(top, 'dangling'))
        os.symlink(os.path.join(cls.repo, '.git'), os.path.join(top, 'gitlink-dir'))

    @classmethod
    def tearDownClass(cls):
        cls.scratch.cleanup()

    def contents(self):
        """Every file under the top, with its bytes (links as their targets)."""
        found = {}
        for directory, dirs, files in os.walk(self.top):
            for name in files:
                path = os.path.join(directory, name)
                if os.path.islink(path):
                    found[path] = os.readlink(path)
                else:
                    with open(path, 'rb') as f:
                        found[path] = f.read()
        return found

    def refused(self, argv, option, path, why):
        before = self.contents()
        with self.assertRaises(Failure) as raised:
            cli.parse(argv)
        self.assertEqual(str(raised.exception), "%s '%s' %s" % (option, path, why))
        self.assertEqual(self.contents(), before)

    def in_git(self, path, option='--output'):
        argv = {'--output': ['--output', path], '--write-accepted': ['--write-accepted', path]}.get(
            option) or ['--report', option[len('--report '):]]
        self.refused(argv, option, path, 'is inside a git directory: git failguard never '
                                         'writes there')

    def test_the_repositorys(self):
        git_dir = os.path.join(self.repo, '.git')
        self.in_git(os.path.join(git_dir, 'config'))
        self.in_git(os.path.join(git_dir, 'hooks', 'post-checkout'))
        head = os.path.join(git_dir, 'HEAD')
        self.in_git(head, '--report sarif=' + head)
        self.in_git(os.path.join(git_dir, 'description'), '--write-accepted')

    def test_through_links(self):
        self.in_git(os.path.join(self.top, 'link'))
        dangling = os.path.join(self.top, 'dangling')
        self.in_git(dangling, '--report sarif=' + dangling)
        self.in_git(os.path.join(self.top, 'gitlink-dir', 'description'))
        self.assertFalse(os.path.lexists(os.path.join(self.repo, '.git', 'new-file')))

    def test_a_submodules(self):
        self.in_git(os.path.join(self.repo, '.git', 'modules', 'sub', 'config'))
        self.in_git(os.path.join(self.repo, 'sub', '.git'))
        tracked = os.path.join(self.repo, 'sub', 'a.cpp')
        self.refused(['--output', tracked], '--output', tracked,
                     "is a file tracked by git in '%s': it would be overwritten"
                     % os.path.join(self.repo, 'sub'))

    def test_a_worktrees_and_the_common_one(self):
        self.in_git(os.path.join(self.repo, '.git', 'worktrees', 'wt', 'HEAD'))
        self.in_git(os.path.join(self.repo, '.git', 'packed-refs'))

    def test_one_not_named_git(self):
        store = os.path.join(self.top, 'sep.store')
        config = os.path.join(store, 'config')
        self.refused(['--output', config], '--output', config,
                     "is inside the git directory '%s': git failguard never writes there" % store)

    def test_the_neighbours_are_written(self):
        # Controls: outside any repository, and an untracked file in a checkout.
        out, untracked = os.path.join(self.top, 'out.sarif'), os.path.join(self.repo, 'sub',
                                                                          'untracked.sarif')
        args = cli.parse(['--output', out, '--report', 'sarif=' + untracked])
        self.assertEqual(args.outputs, [('--output', out),
                                        ('--report sarif=%s' % untracked, untracked)])


if __name__ == '__main__':
    unittest.main()


class Relative(unittest.TestCase):
    """fs.relative is os.path.relpath (or the path when there is none), with a
    shortcut for normal paths under a normal base."""

    def test_the_same_as_relpath(self):
        cases = [('/r/a.cc', '/r'), ('/r/src/a.cc', '/r'), ('/r', '/r'), ('/r/', '/r'),
                 ('/rx/a.cc', '/r'), ('/r/./a.cc', '/r'), ('/r/src/../a.cc', '/r'),
                 ('/r//a.cc', '/r'), ('/r/a/', '/r'), ('/r/..', '/r'), ('/other/a.cc', '/r'),
                 ('/r/a.cc', '/r/'), ('/r/a.cc', '/r/./'), ('/r/a.cc', '/'), ('/a.cc', '/'),
                 ('/r/.hidden/a', '/r'), ('/r/a..b/c', '/r'), ('/r/...', '/r'),
                 ('rel/a.cc', os.getcwd()), (os.path.join(os.getcwd(), 'x'), os.getcwd())]
        for path, base in cases:
            self.assertEqual(fs.relative(path, base), os.path.relpath(path, base), (path, base))

    def test_no_relative_path_gives_the_path(self):
        with mock.patch.object(os.path, 'relpath', side_effect=ValueError('other drive')):
            self.assertEqual(fs.relative('/r/./a', '/r'), '/r/./a')
            # The shortcut never asks.
            self.assertEqual(fs.relative('/r/a', '/r'), 'a')


class ScratchDirectories(unittest.TestCase):
    """A stopping signal that comes while a scratch directory is made waits
    until it is listed for removal (driver/interrupt.test sends them early)."""

    def test_a_signal_while_one_is_made_leaves_it_listed(self):
        class Stop(Exception):
            pass

        def stop(number, frame):
            raise Stop()

        made = []
        real_mkdtemp = fs.tempfile.mkdtemp

        def mkdtemp(**kwargs):
            made.append(real_mkdtemp(**kwargs))
            os.kill(os.getpid(), signal.SIGINT)  # after the directory exists
            return made[-1]

        previous = signal.signal(signal.SIGINT, stop)
        try:
            with mock.patch.object(fs.tempfile, 'mkdtemp', mkdtemp):
                with self.assertRaises(Stop):
                    fs.scratch_directory()
            self.assertEqual(len(made), 1)
            self.assertIn(made[0], fs.SCRATCH_DIRECTORIES)
        finally:
            signal.signal(signal.SIGINT, previous)
            fs.remove_scratch_directories()
        self.assertFalse(os.path.exists(made[0]))


class Stamps(unittest.TestCase):

    def test_a_time_within_the_same_second_is_another_stamp(self):
        # os.stat_result compares whole seconds: a memo keyed on it gave the
        # first stamp for a file changed in place within the same second.
        with tempfile.TemporaryDirectory() as scratch:
            path = os.path.join(scratch, 'entry.json')
            with open(path, 'w') as f:
                f.write('{}')
            second = 1700000000 * 10**9
            os.utime(path, ns=(second + 100, second + 100))
            first = fs.stamp(os.lstat(path))
            os.utime(path, ns=(second + 200, second + 200))
            self.assertNotEqual(fs.stamp(os.lstat(path)), first)


class LinkPrivate(unittest.TestCase):
    """fs.link_private: another name of a file that is only ever replaced,
    or a copy where the file system cannot make one."""

    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.addCleanup(self.directory.cleanup)
        self.source = os.path.join(self.directory.name, 'source')
        fs.write_private(self.source, b'table')
        self.target = os.path.join(self.directory.name, 'target')
        fs.write_private(self.target, b'old')

    def test_another_name_replacing_the_old_file(self):
        fs.link_private(self.source, self.target, b'unused')
        self.assertEqual(os.lstat(self.target).st_ino, os.lstat(self.source).st_ino)
        with open(self.target, 'rb') as f:
            self.assertEqual(f.read(), b'table')
        # Replaced whole later (as every writer of tables does), the source stays.
        fs.write_private(self.target, b'new')
        with open(self.source, 'rb') as f:
            self.assertEqual(f.read(), b'table')
        self.assertEqual(sorted(os.listdir(self.directory.name)), ['source', 'target'])

    def test_a_copy_where_there_can_be_no_link(self):
        asked = []
        with mock.patch.object(fs.os, 'link', side_effect=OSError(18, 'cross-device')):
            fs.link_private(self.source, self.target, lambda: asked.append(1) or b'copied')
        self.assertNotEqual(os.lstat(self.target).st_ino, os.lstat(self.source).st_ino)
        with open(self.target, 'rb') as f:
            self.assertEqual(f.read(), b'copied')
        self.assertEqual(asked, [1])
        self.assertEqual(os.stat(self.target).st_mode & 0o777, 0o600)
        self.assertEqual(sorted(os.listdir(self.directory.name)), ['source', 'target'])

    def test_nothing_left_when_the_names_are_one_file_already(self):
        # A rerun fetches the kept table onto the index it was kept from:
        # rename(2) of one file onto itself does nothing.
        fs.link_private(self.source, self.target, b'unused')
        fs.link_private(self.source, self.target, b'unused')
        self.assertEqual(os.lstat(self.source).st_nlink, 2)
        self.assertEqual(sorted(os.listdir(self.directory.name)), ['source', 'target'])

    def test_nothing_left_on_an_interrupt(self):
        with mock.patch.object(fs.os, 'replace', side_effect=KeyboardInterrupt):
            with self.assertRaises(KeyboardInterrupt):
                fs.link_private(self.source, self.target, b'unused')
        self.assertEqual(sorted(os.listdir(self.directory.name)), ['source', 'target'])
        with open(self.target, 'rb') as f:
            self.assertEqual(f.read(), b'old')
