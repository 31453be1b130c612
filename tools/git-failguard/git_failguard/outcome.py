"""The end of a run: the summary line and the exit status."""
import os
import sys
import time

from .accepted import accepted_text
from .errors import Failure
from .fs import real, relative, write_file
from .messages import one_line
from .results import problem_level


def say_summary(args, ws, selection, analysis, results, started):
    summary = '%d finding(s)' % len(results.reported)
    if args.accepted:
        summary += ' (and %d accepted)' % (len(results.findings) - len(results.reported))
    print('git-failguard: %s in %d translation unit(s) %s (%.2f s, of which %.2f s analysing)' % (
        summary, len(analysis.units),
        'of the compilation database' if selection.sweep else
        'affected since %s' % ws.comparison.label,
        time.monotonic() - started, analysis.seconds), file=sys.stderr)


def say_accepted_gone(args, ws, selection, results, accepted):
    """Only a sweep sees every finding: then an accepted one not seen is gone."""
    if not (accepted and selection.sweep):
        return
    gone = 0
    for entry in accepted.entries:
        key = entry['fingerprint']
        if results.left.get(key) and ws.in_scope(real(os.path.join(ws.root, entry['file']))):
            results.left[key] -= 1
            gone += 1
    if gone:
        print('git-failguard: %d accepted finding(s) no longer occur; rewrite %s with '
              '--write-accepted' % (gone, args.accepted), file=sys.stderr)


def exit_status(args, ws, selection, results, missing):
    """0 clean, 1 findings; a Failure (status 2) when the configuration is
    wrong or some unit or changed source could not be checked. A run that
    writes accepted findings writes them here, when everything was checked."""
    if results.config_errors:
        more = len(results.config_errors) - 1
        raise Failure('invalid configuration: %s%s' % (
            one_line(results.config_errors[0]), ' (and %d more)' % more if more else ''))
    unchecked = [p for p in results.problems if p['file'] and
                 p['kind'] != 'not-in-compilation-database' and problem_level(p) == 'error']
    if unchecked:
        # A unit may have several problems (no parse now, no baseline either).
        raise Failure('could not check %d translation unit(s); first: %s' % (
            len({p['file'] for p in unchecked}), one_line(unchecked[0]['reason'])))
    if missing:
        raise Failure("%d changed source file(s) not in the compilation database '%s', so not "
                      "checked; first: %s (regenerate the database, or pass --allow-missing)" % (
                          len(missing), relative(ws.cdb_path, ws.user_cwd),
                          relative(selection.missing[0], ws.user_cwd)))
    if args.write_accepted:
        write_file(args.write_accepted, accepted_text(results.findings, ws.root))
        print('git-failguard: recorded %d accepted finding(s) in %s' % (
            len(results.findings), args.write_accepted), file=sys.stderr)
        return 0
    return 1 if results.reported else 0
