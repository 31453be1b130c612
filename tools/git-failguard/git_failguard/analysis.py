"""Analysing the selected units with failguard-tidy, in one or two phases."""
import concurrent.futures
import os
import re
import shutil
import sys
import tempfile
import time

from .analyser import analyse
from .cdb import spelled_roots
from .children import CHILDREN
from .fs import real, relative
from .messages import unit_reason
from .overlay import commit_overlay, staged_overlay
from .tools import FAILGUARD_TIDY


class Analysis:
    """What the analysis gave: `results` ({tu: UnitResult}) of the `units`
    analysed (sorted), the warnings of
    units left out of the summary index (`index_warnings`), the content of
    the files the analysis saw through an overlay (`contents`: {path: bytes})
    and the time it took (`seconds`)."""

    def __init__(self, results=None, units=(), index_warnings=(), contents=None, seconds=0.0):
        self.results, self.units = results or {}, list(units)
        self.index_warnings, self.contents = list(index_warnings), contents or {}
        self.seconds = seconds


def analysis_command(ws, config, scratch):
    """failguard-tidy's command line for every unit (less its checks and the
    unit), and the content it is shown through an overlay."""
    header_filter = '^(%s)/' % '|'.join(re.escape(r) for r in
                                        spelled_roots(ws.root, ws.shown, ws.entries))
    command = [FAILGUARD_TIDY, '--quiet', '--header-filter=' + header_filter] + config
    overlay, contents = None, {}
    if ws.comparison.mode == 'staged':
        overlay, contents = staged_overlay(ws.root, scratch)
    elif ws.comparison.mode == 'range':
        overlay, contents = commit_overlay(ws.root, scratch, ws.comparison.to)
    if overlay:
        command += ['--vfsoverlay=' + overlay]
    return command, contents


def analysis_run(args, ws, sweep, index):
    """The run file of every analysis (less its outputs): the checks resolve
    the same baseline themselves, and name it as the user did; `index` names
    the summary index now and at the baseline."""
    comparison = ws.comparison
    run = dict(index, baseline={'ref': comparison.baseline_ref,
                                'merge_base': comparison.merge_base, 'renames': ws.renames})
    if not args.all and not sweep and comparison.base is not None:
        run['changed_functions_only'] = True
    return run


def analyse_units(units, command, run, unit_outputs, checks, ws, jobs, scratch):
    """{tu: UnitResult} of `units`, `jobs` at once."""
    progress = sys.stderr.isatty() and not os.environ.get('CI')
    results = {}
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=jobs)
    try:
        futures = {pool.submit(
            analyse, ws.entries[tu][1],
            command + ['-p', ws.entries.unit_directory(tu),
                       '--checks=-*,' + ','.join(checks.unit_checks[tu])],
            dict(run, outputs=unit_outputs(tu)), scratch): tu for tu in units}
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            tu = futures[future]
            results[tu] = future.result()
            if progress:
                sys.stderr.write('\r\033[K[%d/%d] %s' % (done, len(units),
                                                         relative(ws.entries[tu][1], ws.root)))
    except BaseException:
        CHILDREN.stop()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    if progress:
        sys.stderr.write('\r\033[K')
    return results


def analyse_change(args, ws, selection, units, checks, index_run, index):
    """Analyses `units`; with the summary index, a second phase analyses the
    units that call into a changed file and those whose first analysis asked
    the index for what the changed units' new summaries say."""
    scratch = tempfile.mkdtemp(prefix='git-failguard-')
    try:
        command, contents = analysis_command(ws, args.config, scratch)
        run = analysis_run(args, ws, selection.sweep, index)
        started = time.monotonic()
        results = first_phase(args, ws, units, checks, index_run, command, run, scratch)
        index_warnings = []
        if index_run:
            units, index_warnings = second_phase(args, ws, selection, units, checks, index_run,
                                                 results, command, run, scratch)
        return Analysis(results, units, index_warnings, contents, time.monotonic() - started)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def first_phase(args, ws, units, checks, index_run, command, run, scratch):
    """{tu: UnitResult} of `units`; with the summary index, level by level,
    callees first: a unit that calls a changed unit reads its new summaries
    (taken between levels), not its old ones, and need not be analysed again."""
    if not index_run:
        return analyse_units(units, command, run, lambda tu: {}, checks, ws, args.j, scratch)
    levels = index_run.levels(units)
    if len(levels) > 1 and args.verbose:
        print('git-failguard: %d changed unit(s) in %d levels, callees first' % (
            len(units), len(levels)), file=sys.stderr)
    results = {}
    for number, level in enumerate(levels):
        if number:
            failed = {tu for tu, r in results.items() if r.failed}
            index, seen = index_run.advance(levels[number - 1], failed)
            run = dict(run, **index)
            index_run.seen.update((tu, seen) for tu in level)
        results.update(analyse_units(level, command, run, index_run.unit_outputs, checks, ws,
                                     args.j, scratch))
    return results


def second_phase(args, ws, selection, units, checks, index_run, results, command, run, scratch):
    """Completes the index with the first phase's summaries and analyses what
    it sends to a second phase (into `results`). Returns every unit analysed
    and the warnings of the units left out of the index."""
    root = ws.root
    failed = {tu for tu, r in results.items() if r.failed}
    extra, again, complete_index = index_run.complete(units, failed, ws.changes)
    extra = [tu for tu in extra if selection.present(tu, ws)]
    if extra and args.verbose:
        print('git-failguard: %d unit(s) call into a changed file through the '
              'summary index:%s' % (len(extra), ''.join(
                  ' ' + relative(tu, root) for tu in extra)), file=sys.stderr)
    extra = checks.assign(extra)
    if again and args.verbose:
        print("git-failguard: %d unit(s) asked the index for what the changed units' "
              'new summaries say, analysed again:%s' % (len(again), ''.join(
                  ' ' + relative(tu, root) for tu in again)), file=sys.stderr)
    if extra or again:
        results.update(analyse_units(sorted(set(extra) | set(again)), command,
                                     dict(run, **complete_index), lambda tu: {}, checks, ws,
                                     args.j, scratch))
    units = sorted(set(units) | set(extra))
    # A unit that is analysed says itself why it does not parse; any other
    # leaves the index without its functions, as without an index.
    unsummarised = sorted(tu for tu in index_run.failures if tu not in results
                          or not results[tu].failed)
    if unsummarised:
        print('git-failguard: warning: could not summarise %d unit(s) for the '
              'summary index (first: %s): calls into their functions are opaque' % (
                  len(unsummarised), unit_reason(
                      unsummarised[0], index_run.failures[unsummarised[0]], root)),
              file=sys.stderr)
    # Said in the reports too, as warnings: the change was checked, but not
    # through these units.
    return units, [{
        'kind': 'index-incomplete', 'level': 'warning', 'file': real(tu),
        'reason': '%s (left out of the summary index: calls into its functions '
                  'are opaque)' % unit_reason(tu, index_run.failures[tu], root)}
        for tu in unsummarised]
