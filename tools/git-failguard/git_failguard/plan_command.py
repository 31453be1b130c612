"""git failguard plan: the edge-case plan of the units a change affects (or of every unit), and its crafted tokens."""
import argparse
import os
import shutil
import sys
import tempfile

from . import cli
from . import plan as plan_module
from . import route_map
from .affected import select
from .analysis import analyse_units, analysis_command, analysis_run
from .checks import CheckAssignment
from .errors import Failure
from .fs import relative
from .paths import check_writable
from .probe import crafted_from_options
from .tokens import TokenError, add_token_options
from .workspace import open_workspace


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise Failure(message)


def plan_options():
    """The plan's own options; the others select the units as git failguard does."""
    parser = Parser(prog='git failguard plan', add_help=False)
    parser.add_argument('--format', choices=sorted(plan_module.RENDERERS), default='text')
    parser.add_argument('--output', metavar='FILE')
    parser.add_argument('--tokens', metavar='FILE',
                        help='also write one crafted token per token edge case (JSON)')
    parser.add_argument('--routes', metavar='FILE',
                        help='the method and path of handlers whose route the code does not '
                             'say (JSON)')
    add_token_options(parser)
    return parser


HELP = '''usage: git failguard plan [--format text|markdown|json] [--output FILE] [--routes FILE]
                          [--tokens FILE [--secret-env VAR | --key PEM] [--alg ALG]
                           [--now TIME] [--issuer S] [--audience S] [--subject S]
                           [--claim NAME=VALUE]...]
                          [--all | --base REF | --staged | --from-ref A --to-ref B]
                          [-p BUILD_DIR] [--config TEXT | --config-file FILE] [-j N] [PATH...]

The request boundaries of the units the change affects (with --all, of every
unit of the compilation database): each auth call that reaches them, each
exception it may throw, where it is handled or that it escapes, and the token
edge cases that raise it. --format json writes the plan git failguard probe
reads. --routes FILE gives the method and path of handlers whose route the
code does not say as literals (docs/findings-to-tests.md).
'''


def plan_main(argv, prepare_index):
    """git failguard plan; `prepare_index` is the run's (main.prepare_index)."""
    if argv[:1] in (['-h'], ['--help']):
        sys.stdout.write(HELP)
        return 0
    own, rest = plan_options().parse_known_args(argv)
    args = cli.parse(rest)
    outputs = [(option, path) for option, path in (('--output', own.output),
                                                   ('--tokens', own.tokens)) if path and path != '-']
    if len(set(os.path.abspath(path) for _, path in outputs)) != len(outputs):
        raise Failure('--output and --tokens name the same file')
    try:
        for option, path in outputs:
            plan_module.check_writable(path)
            check_writable(option, path)
        if own.tokens:
            # The key and the claims are checked before anything is analysed.
            crafted_from_options(own, {'boundaries': []})
        # So is the routes file.
        routes = route_map.read_routes(own.routes) if own.routes else []
    except (plan_module.PlanError, TokenError) as error:
        raise Failure(str(error))
    # --all plans every unit; otherwise the units the change affects.
    args.sweep = args.sweep or args.all
    ws = open_workspace(args)
    selection = select(args, ws)
    checks = CheckAssignment(ws, args.listing, args.j, args.verbose)
    units = checks.assign(selection.units) if selection.units else []
    if not units:
        print('git-failguard: %s' % checks.nothing_to_check(ws.comparison.label), file=sys.stderr)
    document = plan_module.merge(
        analyse_for_plan(args, ws, selection, units, checks, prepare_index), ws.root)
    for warning in route_map.apply(document, routes):
        print('git-failguard: warning: %s' % warning, file=sys.stderr)
    try:
        text = plan_module.RENDERERS[own.format](document)
        if own.tokens:
            token_set = crafted_from_options(own, document)
            plan_module.write_atomically(own.tokens, plan_module.render_json(token_set))
        if own.output and own.output != '-':
            plan_module.write_atomically(own.output, text)
        else:
            sys.stdout.write(text)
    except (plan_module.PlanError, TokenError) as error:
        raise Failure(str(error))
    return 0


def analyse_for_plan(args, ws, selection, units, checks, prepare_index):
    """The boundaries failguard-tidy writes for `units`; a unit it could not
    analyse fails the plan (a plan without it would look complete)."""
    if not units:
        return []
    scratch = tempfile.mkdtemp(prefix='git-failguard-plan-')
    try:
        plan_files = {tu: os.path.join(scratch, 'plan-%d.json' % n) for n, tu in enumerate(units)}
        command, _ = analysis_command(ws, args.config, scratch)
        # Call paths go through other units where the summary index knows them.
        _, index = prepare_index(args, ws, units, checks)
        run = analysis_run(args, ws, selection.sweep, index)
        results = analyse_units(units, command, run, lambda tu: {'plan': plan_files[tu]},
                                checks, ws, args.j, scratch)
        failed = sorted(tu for tu, result in results.items() if result.failed)
        if failed:
            first = results[failed[0]]
            reason = first.errors[0][2] if first.errors else first.config_errors[0]
            raise Failure('%d unit(s) could not be analysed for the plan (first: %s: %s)' % (
                len(failed), relative(ws.entries[failed[0]][1], ws.root), reason))
        boundaries = []
        for tu in units:
            try:
                boundaries += plan_module.read_unit_plan(plan_files[tu])
            except plan_module.PlanError as error:
                raise Failure(str(error))
        return boundaries
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
