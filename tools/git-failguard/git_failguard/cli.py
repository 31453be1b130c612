"""The command line of git failguard, checked before anything is analysed."""
import argparse
import os
import stat

from .errors import Failure
from .outputs import check_output_path, refuse_colliding_outputs
from .step_summary import step_summary_path
from .tools import VERSION

DESCRIPTION = 'git failguard: run failguard on what a change affects, against a git baseline.'
FORMATS = ['text', 'sarif', 'github', 'codequality']


EPILOG = """subcommands:
  git failguard index ...   build, check or merge the summary index (git failguard index -h)

exit status:
  0    nothing found (or nothing affected), and every affected unit was checked
  1    findings, and every affected unit was checked
  2    could not run, or could not check some unit or changed source file
  130  interrupted (Ctrl-C); 143 for SIGTERM, 129 for SIGHUP

Options are spelled in full: an abbreviation of an option is an error.
See man git-failguard (git failguard --help)."""


class Parser(argparse.ArgumentParser):
    """argparse, with errors as Failure (exit 2, one line) and no
    abbreviations: a prefix that works today would change meaning when an
    option is added."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault('allow_abbrev', False)
        super().__init__(*args, **kwargs)

    def error(self, message):
        raise Failure(message)


def config_arguments(config_text, config_file):
    """failguard-tidy's arguments for --config and --config-file."""
    if config_text is not None and config_file is not None:
        raise Failure('--config and --config-file cannot be combined')
    if config_text is not None:
        return ['--config=' + config_text]
    if config_file is not None:
        try:
            regular = stat.S_ISREG(os.stat(config_file).st_mode)
        except OSError as error:
            raise Failure("--config-file '%s': %s" % (config_file, error.strerror))
        if not regular:
            raise Failure("--config-file '%s': not a regular file" % config_file)
        return ['--config-file=' + os.path.abspath(config_file)]
    return []


def argument_parser():
    """The parser of git failguard's own command line."""
    parser = Parser(prog='git failguard', description=DESCRIPTION, epilog=EPILOG,
                    formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--base', metavar='REF',
                        help='analyse the change from the merge-base of REF and HEAD to the working tree')
    parser.add_argument('--staged', action='store_true',
                        help='analyse the staged content against HEAD (pre-commit)')
    parser.add_argument('--from-ref', metavar='REF',
                        help='with --to-ref: analyse the range, the content of --to-ref against '
                             'the merge-base of both (default: $PRE_COMMIT_FROM_REF)')
    parser.add_argument('--to-ref', metavar='REF',
                        help='the end of the range (default: $PRE_COMMIT_TO_REF)')
    parser.add_argument('-p', dest='build_dir', metavar='BUILD_DIR',
                        help='directory holding compile_commands.json')
    parser.add_argument('--format', choices=FORMATS,
                        help='how to write the results (default: text): text as clang-tidy '
                             'prints it, SARIF 2.1.0, GitHub workflow commands, or GitLab Code '
                             'Quality JSON')
    parser.add_argument('--output', metavar='FILE',
                        help='write the results to FILE instead of standard output (- is '
                             'standard output); never a file under .git or a tracked file')
    parser.add_argument('--color', choices=['auto', 'always', 'never'], default='auto',
                        help='colour the text format (auto: on a terminal, unless NO_COLOR is set)')
    parser.add_argument('-j', type=int, default=os.cpu_count() or 1, metavar='N',
                        help='analyse N translation units at a time (default: the number of '
                             'processors)')
    parser.add_argument('--all', action='store_true',
                        help='report escapes in every function, not only in changed ones; when '
                             'the change affects no unit (or no unit under PATH), or with '
                             '--accepted, analyse every unit of the compilation database (under '
                             'PATH)')
    parser.add_argument('--allow-missing', action='store_true',
                        help='a changed source file that is not in the compilation database is '
                             'a warning, not a failure')
    parser.add_argument('--accepted', metavar='FILE',
                        help='do not report the findings recorded in FILE (see --write-accepted)')
    parser.add_argument('--write-accepted', metavar='FILE',
                        help='analyse every unit of the compilation database and record its '
                             'findings in FILE as accepted')
    parser.add_argument('--config', metavar='TEXT',
                        help="failguard-tidy's --config: YAML/JSON configuration that replaces "
                             ".clang-tidy files (add InheritParentConfig: true to layer over them)")
    parser.add_argument('--config-file', metavar='FILE',
                        help="failguard-tidy's --config-file: a configuration file used instead "
                             "of .clang-tidy files")
    parser.add_argument('--checks', metavar='GLOBS',
                        help="clang-tidy check globs added to the configuration's Checks "
                             "(e.g. '-*,failguard-removed-exception-handler')")
    parser.add_argument('--report', action='append', default=[], metavar='FORMAT=FILE',
                        help='also write the results in FORMAT to FILE (repeatable), e.g. '
                             'sarif=failguard.sarif next to --format github')
    parser.add_argument('-v', '--verbose', action='store_true',
                        help='say what was read and scanned to find the affected units')
    parser.add_argument('--no-index', action='store_true',
                        help='do not build or use the summary index: calls into other '
                             'translation units are opaque')
    parser.add_argument('--version', action='version', version='git-failguard ' + VERSION)
    parser.add_argument('paths', nargs='*', metavar='PATH',
                        help='only the changed files (and the units that include them) under '
                             'these paths')
    return parser


def parse(argv):
    """The options of a run, checked: what cannot work is refused here, before
    the repository is looked at. Adds to argparse's namespace: `refs` (the
    range, or None), `sweep`, `config` (failguard-tidy's configuration
    arguments), `listing` (those and --checks), `reports` ([(format, path or
    None for stdout)]) and `outputs` ([(option, path)], every file written)."""
    args = argument_parser().parse_args(argv)
    if args.staged and args.base:
        raise Failure('--staged and --base cannot be combined')
    refs = None
    if args.from_ref is not None or args.to_ref is not None:
        if not args.from_ref or not args.to_ref:
            raise Failure('--from-ref and --to-ref go together')
        if args.staged or args.base:
            raise Failure('--from-ref/--to-ref cannot be combined with --staged or --base')
        refs = (args.from_ref, args.to_ref)
    elif not args.base and os.environ.get('PRE_COMMIT_FROM_REF') and \
            os.environ.get('PRE_COMMIT_TO_REF'):
        # pre-commit runs the hook's one entry (--staged) for a commit and, with
        # these set, for a range (run --from-ref/--to-ref, pre-push).
        refs = (os.environ['PRE_COMMIT_FROM_REF'], os.environ['PRE_COMMIT_TO_REF'])
    if args.j < 1:
        raise Failure('-j takes a positive number')
    if args.write_accepted and args.paths:
        raise Failure('--write-accepted records the whole compilation database: give no PATH')
    # A sweep: every unit of the database, every function.
    sweep = bool(args.write_accepted or (args.accepted and args.all))
    config = config_arguments(args.config, args.config_file)
    # '-' is standard output (where the results go without --output).
    if args.output == '-':
        args.output = None
    if args.output:
        check_output_path(args.output)
    reports = []
    for report in args.report:
        fmt, sep, path = report.partition('=')
        if not sep or not path or fmt not in FORMATS:
            raise Failure("--report takes FORMAT=FILE with FORMAT one of %s, not '%s'"
                          % (', '.join(FORMATS), report))
        if path == '-':
            if not args.output or any(p is None for _, p in reports):
                raise Failure("--report %s: standard output already takes the %s results"
                              % (report, 'main' if not args.output else "another --report's"))
            path = None
        else:
            check_output_path(path, '--report %s' % report)
        reports.append((fmt, path))
    listing = config + (['--checks=' + args.checks] if args.checks else [])
    if args.write_accepted == '-':
        raise Failure('--write-accepted takes a file, not standard output')
    if args.write_accepted:
        check_output_path(args.write_accepted, '--write-accepted')
    args.step_summary = step_summary_path(args.format, reports)
    if args.step_summary:
        check_output_path(args.step_summary, '$GITHUB_STEP_SUMMARY')
    outputs = ([('--output', args.output)] if args.output else []) + [
        ('--report %s=%s' % (fmt, path), path) for fmt, path in reports if path] + (
        [('--write-accepted', args.write_accepted)] if args.write_accepted else []) + (
        [('$GITHUB_STEP_SUMMARY', args.step_summary)] if args.step_summary else [])
    refuse_colliding_outputs(outputs, args.accepted)
    args.format = args.format or 'text'
    args.refs, args.sweep, args.config, args.listing = refs, sweep, config, listing
    args.reports, args.outputs = reports, outputs
    return args
