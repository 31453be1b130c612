"""git failguard: the run as a pipeline of steps over plain data."""
import sys
import time

from . import cli, index_command
from .accepted import load_accepted
from .affected import missing_problems, select
from .analysis import Analysis, analyse_change
from .checks import CheckAssignment
from .errors import Failure
from .git import settle_environment
from .index_run import IndexRun
from .outcome import exit_status, say_accepted_gone, say_summary
from .paths import check_writable
from .plan_command import plan_main
from .probe import probe_main
from .report import publish
from .results import gather, leave_out_accepted
from .rewrites import pair_rewrites
from .step_summary import append_step_summary
from .workspace import open_workspace


def main(argv):
    started = time.monotonic()
    settle_environment()
    if argv[:1] == ['index']:
        return index_command.index_main(argv[1:])
    if argv[:1] == ['plan']:
        return plan_main(argv[1:], prepare_index)
    if argv[:1] == ['probe']:
        return probe_main(argv[1:], cli.Parser, Failure, check_writable)
    args = cli.parse(argv)
    accepted = load_accepted(args.accepted) if args.accepted else None
    ws = open_workspace(args)
    pair_rewrites(ws, args.config)
    selection = select(args, ws)
    missing = missing_problems(args, ws, selection)
    checks = CheckAssignment(ws, args.listing, args.j, args.verbose)
    units = checks.assign(selection.units) if selection.units else []
    index_run, index = prepare_index(args, ws, units, checks)
    if units:
        analysis = analyse_change(args, ws, selection, units, checks, index_run, index)
    else:
        print('git-failguard: %s' % checks.nothing_to_check(ws.comparison.label),
              file=sys.stderr)
        analysis = Analysis()
    results = gather(analysis, ws, missing + checks.disabled_problems())
    leave_out_accepted(results, accepted, ws.root)
    publish(args, ws, results, analysis.contents)
    say_summary(args, ws, selection, analysis, results, started)
    say_accepted_gone(args, ws, selection, results, accepted)
    if args.step_summary:
        append_step_summary(args.step_summary, results, 'of the compilation database'
                            if selection.sweep else 'affected since %s' % ws.comparison.label,
                            len(analysis.units), ws.root)
    return exit_status(args, ws, selection, results, missing)


def prepare_index(args, ws, units, checks):
    """The summary index of the run, and the indexes the first phase reads
    (run file members). Without it (or with --no-index) calls into other
    units are opaque, as the checks see them."""
    if not units or args.no_index:
        return None, {'index': 'none'}
    index_run = IndexRun(ws.root, ws.entries, args.config, ws.cache_dir, args.j,
                         ws.comparison, args.verbose)
    return index_run, index_run.prepare(
        [tu for tu in units if 'failguard-auth-exception-escape' in checks.unit_checks[tu]])
