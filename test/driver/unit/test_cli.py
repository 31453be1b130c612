"""git failguard's command line: what is refused before the repository is looked at."""
import os
import subprocess
import sys
import tempfile
import unittest
from unittest import mock

from git_failguard import cli, tools
from git_failguard.errors import Failure


def parse(*argv, env=None):
    with mock.patch.dict(os.environ, env or {}, clear=False):
        for name in ('PRE_COMMIT_FROM_REF', 'PRE_COMMIT_TO_REF', 'GITHUB_STEP_SUMMARY'):
            if not env or name not in env:
                os.environ.pop(name, None)
        return cli.parse(list(argv))


class Refused(unittest.TestCase):
    def refused(self, message, *argv, env=None):
        with self.assertRaises(Failure) as raised:
            parse(*argv, env=env)
        self.assertEqual(str(raised.exception), message)

    def test_combinations(self):
        self.refused('--staged and --base cannot be combined', '--staged', '--base', 'main')
        self.refused('--from-ref and --to-ref go together', '--from-ref', 'a')
        self.refused('--from-ref/--to-ref cannot be combined with --staged or --base',
                     '--from-ref', 'a', '--to-ref', 'b', '--staged')
        self.refused('--config and --config-file cannot be combined',
                     '--config', '{}', '--config-file', __file__)
        self.refused('--write-accepted records the whole compilation database: give no PATH',
                     '--write-accepted', 'x.json', 'src')

    def test_values(self):
        self.refused('-j takes a positive number', '-j', '0')
        self.refused("argument --format: invalid choice: 'xml' (choose from 'text', 'sarif', "
                     "'github', 'codequality')", '--format', 'xml')
        self.refused("argument -j: invalid int value: 'many'", '-j', 'many')
        self.refused('unrecognized arguments: --bogus', '--bogus')

    def test_no_abbreviations(self):
        # A prefix is an error, not the option it abbreviates today.
        self.refused('unrecognized arguments: --form', '--form', 'sarif')
        self.refused('unrecognized arguments: --verb', '--verb')
        # Control: the options spelled in full.
        self.assertEqual(parse('--format', 'sarif').format, 'sarif')
        self.assertTrue(parse('--verbose').verbose)

    def test_help_says_everything(self):
        text = ' '.join(cli.argument_parser().format_help().split())
        for said in ('--format {text,sarif,github,codequality} how to write the results',
                     '--output FILE write the results to FILE',
                     '-j N analyse N translation units at a time',
                     'PATH only the changed files',
                     'git failguard index', 'exit status: 0', '130 interrupted',
                     'an abbreviation of an option is an error'):
            self.assertIn(said, text)
        self.refused('--write-accepted takes a file, not standard output', '--write-accepted', '-')

    def test_reports(self):
        self.refused("--report takes FORMAT=FILE with FORMAT one of text, sarif, github, "
                     "codequality, not 'xml=a'", '--report', 'xml=a')
        self.refused("--report takes FORMAT=FILE with FORMAT one of text, sarif, github, "
                     "codequality, not 'sarif'", '--report', 'sarif')
        self.refused('--report sarif=-: standard output already takes the main results',
                     '--report', 'sarif=-')
        with tempfile.TemporaryDirectory() as scratch:
            out = os.path.join(scratch, 'out.txt')
            self.refused("--report github=-: standard output already takes the another "
                         "--report's results", '--output', out, '--report', 'sarif=-', '--report', 'github=-')

    def test_files(self):
        with tempfile.TemporaryDirectory() as scratch:
            missing = os.path.join(scratch, 'missing', 'out.sarif')
            self.refused("cannot write '%s': no directory '%s'" % (missing, os.path.dirname(missing)),
                         '--output', missing)
            self.refused("cannot write '%s': it is a directory" % scratch, '--output', scratch)
            same = os.path.join(scratch, 'same')
            self.refused("--output and --report text=%s name the same file '%s'" % (same, same),
                         '--output', same, '--report', 'text=' + same)
            self.refused("--output '%s' is the --accepted file: it would be overwritten" % same,
                         '--accepted', same, '--output', same)
            self.refused("--config-file '%s': not a regular file" % scratch, '--config-file',
                         scratch)
            self.refused("--config-file '%s': No such file or directory" % missing,
                         '--config-file', missing)


class Accepted(unittest.TestCase):
    def test_defaults(self):
        args = parse()
        self.assertEqual((args.format, args.refs, args.sweep, args.config, args.listing,
                          args.reports, args.outputs, args.output),
                         ('text', None, False, [], [], [], [], None))

    def test_output_dash_is_stdout(self):
        args = parse('--output', '-', '--format', 'sarif')
        self.assertIsNone(args.output)
        self.assertEqual(args.format, 'sarif')

    def test_reports_and_outputs(self):
        with tempfile.TemporaryDirectory() as scratch:
            out, sarif = os.path.join(scratch, 'out.txt'), os.path.join(scratch, 'a.sarif')
            args = parse('--output', out, '--report', 'sarif=' + sarif, '--report', 'github=-')
            self.assertEqual(args.reports, [('sarif', sarif), ('github', None)])
            self.assertEqual(args.outputs, [('--output', out), ('--report sarif=%s' % sarif, sarif)])
            # --write-accepted may name the --accepted file: it rewrites it whole.
            args = parse('--accepted', out, '--write-accepted', out)
            self.assertTrue(args.sweep)

    def test_step_summary(self):
        with tempfile.TemporaryDirectory() as scratch:
            summary = os.path.join(scratch, 'summary.md')
            env = {'GITHUB_STEP_SUMMARY': summary}
            # Only with the github format, as the main format or a report.
            self.assertIsNone(parse(env=env).step_summary)
            self.assertIsNone(parse('--format', 'sarif', env=env).step_summary)
            self.assertIsNone(parse('--format', 'github').step_summary)
            args = parse('--format', 'github', env=env)
            self.assertEqual(args.step_summary, summary)
            self.assertEqual(args.outputs, [('$GITHUB_STEP_SUMMARY', summary)])
            self.assertEqual(parse('--report', 'github=-', '--output', os.path.join(
                scratch, 'x'), env=env).step_summary, summary)
            # It is an output like the others: never the same file as another.
            with self.assertRaises(Failure) as raised:
                parse('--format', 'github', '--report', 'sarif=' + summary, env=env)
            self.assertEqual(str(raised.exception), "--report sarif=%s and $GITHUB_STEP_SUMMARY "
                             "name the same file '%s'" % (summary, summary))
            with self.assertRaises(Failure):
                parse('--format', 'github', env={'GITHUB_STEP_SUMMARY': scratch})

    def test_sweep(self):
        self.assertTrue(parse('--write-accepted', os.devnull).sweep)
        self.assertTrue(parse('--all', '--accepted', 'a.json').sweep)
        self.assertFalse(parse('--all').sweep)
        self.assertFalse(parse('--accepted', 'a.json').sweep)

    def test_configuration_arguments(self):
        args = parse('--config', '{Checks: x}', '--checks=-*,failguard-*')
        self.assertEqual(args.config, ['--config={Checks: x}'])
        self.assertEqual(args.listing, ['--config={Checks: x}', '--checks=-*,failguard-*'])
        args = parse('--config-file', __file__)
        self.assertEqual(args.config, ['--config-file=' + os.path.abspath(__file__)])

    def test_pre_commit_range(self):
        refs = {'PRE_COMMIT_FROM_REF': 'main', 'PRE_COMMIT_TO_REF': 'topic'}
        self.assertEqual(parse('--staged', env=refs).refs, ('main', 'topic'))
        self.assertEqual(parse('--from-ref', 'a', '--to-ref', 'b', env=refs).refs, ('a', 'b'))
        # --base wins; one variable alone is no range.
        self.assertIsNone(parse('--base', 'main', env=refs).refs)
        self.assertIsNone(parse(env={'PRE_COMMIT_FROM_REF': 'main'}).refs)


class OneLine(unittest.TestCase):
    """The executable itself (this package's archive), run outside any git
    repository: a bad command line is one line 'git-failguard: error: ...' on
    stderr, nothing on stdout and exit status 2, said before the repository is
    looked at (else the error would be that there is none)."""
    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.top = os.path.realpath(self.scratch.name)

    def tearDown(self):
        self.scratch.cleanup()

    def refused(self, message, *argv):
        env = dict(os.environ, GIT_CEILING_DIRECTORIES=self.top)
        for name in ('PRE_COMMIT_FROM_REF', 'PRE_COMMIT_TO_REF', 'GITHUB_STEP_SUMMARY', 'GIT_DIR',
                     'GIT_WORK_TREE'):
            env.pop(name, None)
        run = subprocess.run([sys.executable, tools.ARCHIVE] + list(argv), cwd=self.top, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.assertEqual((run.returncode, run.stdout, run.stderr.decode()),
                         (2, b'', 'git-failguard: error: %s\n' % message))

    def test_outside_a_repository(self):
        # Control: a good command line gets as far as the repository.
        self.refused("'%s' is not inside a git repository" % self.top)

    def test_bad_values(self):
        self.refused("argument --format: invalid choice: 'xml' (choose from 'text', 'sarif', "
                     "'github', 'codequality')", '--format', 'xml')
        self.refused("argument --color: invalid choice: 'sometimes' (choose from 'auto', "
                     "'always', 'never')", '--color', 'sometimes')
        self.refused("--report takes FORMAT=FILE with FORMAT one of text, sarif, github, "
                     "codequality, not 'yaml=a.yaml'", '--report', 'yaml=a.yaml')
        self.refused("--report takes FORMAT=FILE with FORMAT one of text, sarif, github, "
                     "codequality, not 'sarif'", '--report', 'sarif')

    def test_combinations(self):
        self.refused('--staged and --base cannot be combined', '--staged', '--base', 'main')
        self.refused('--from-ref and --to-ref go together', '--from-ref', 'main')
        self.refused('--config and --config-file cannot be combined',
                     '--config', '{}', '--config-file', __file__)
        self.refused('--write-accepted records the whole compilation database: give no PATH',
                     '--write-accepted', os.path.join(self.top, 'x.json'), 'src')
        self.refused('--report text=-: standard output already takes the main results',
                     '--report', 'text=-')
        self.assertFalse(os.path.exists(os.path.join(self.top, '-')))

    def test_files(self):
        missing = os.path.join(self.top, 'no-such.yaml')
        self.refused("--config-file '%s': No such file or directory" % missing,
                     '--config-file', missing)


if __name__ == '__main__':
    unittest.main()
