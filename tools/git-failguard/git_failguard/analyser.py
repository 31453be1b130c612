"""Running failguard-tidy on one unit: the run file it is given, the results file it writes."""
import json
import os
import signal
import tempfile

from .children import CHILDREN
from .fs import json_value, read_regular, real

RUN_FORMAT = 'failguard-run-1'
RESULTS_FORMAT = 'failguard-results-1'
RESULTS_READ_CAP = 256 << 20


class UnitResult:
    """What failguard-tidy said of one unit: its `findings` (file, line, col,
    check, message, notes, and where the baseline had what is missing), what
    kept it from being analysed (`errors`: [(file or None, line, message)]),
    configuration errors (`config_errors`: messages) and why checks had no
    baseline (`no_baseline`: [(check, message)])."""

    def __init__(self, findings=(), errors=(), config_errors=(), no_baseline=()):
        self.findings, self.errors = list(findings), list(errors)
        self.config_errors, self.no_baseline = list(config_errors), list(no_baseline)

    @property
    def failed(self):
        return bool(self.errors or self.config_errors)


def exit_description(status):
    if status < 0:
        try:
            name = signal.Signals(-status).name
        except ValueError:
            name = 'signal %d' % -status
        return 'failguard-tidy was killed by %s' % name
    return 'failguard-tidy exited with status %d' % status


def crash_reason(stderr):
    """The line of a failing run's stderr that says why: LLVM's fatal error
    when there is one (a crash ends with a stack dump), else the last line."""
    lines = [line.strip() for line in stderr.decode('utf-8', 'replace').splitlines() if line.strip()]
    fatal = [line for line in lines if line.startswith('LLVM ERROR: ')]
    return (fatal or lines[-1:] or ['no output'])[0]


def analyse(tu, command, run, scratch):
    """The UnitResult of one failguard-tidy process on `tu` (as the
    compilation database spells it), given the run file `run` (its members
    but `format`; its results file is chosen here, in `scratch`)."""
    fd, run_path = tempfile.mkstemp(dir=scratch, prefix='run-', suffix='.json')
    results = run_path[:-len('.json')] + '-results.json'
    run = dict(run, format=RUN_FORMAT, outputs=dict(run.get('outputs', {}), results=results))
    with os.fdopen(fd, 'w', encoding='utf-8') as f:
        json.dump(run, f)
    process = CHILDREN.run(command + ['--failguard-run=' + run_path, tu])
    failure = '%s (%s)' % (exit_description(process.returncode), crash_reason(process.stderr))
    try:
        result = unit_result(read_results(results), tu)
    except ValueError as error:
        # A crash writes no results: never take it for a clean unit.
        return UnitResult(errors=[(None, None, failure if process.returncode else
                                   'failguard-tidy wrote %s' % error)])
    # clang-tidy exits 1 for the errors the results list; any other failure
    # (an output failguard-tidy could not write) is not a clean unit either.
    if process.returncode not in (0, 1) and not result.failed:
        result.errors.append((None, None, failure))
    return result


def read_results(path):
    """The units of a results file; ValueError (a few words) when there is
    none, or it is not a results file of this format."""
    content = read_regular(path, RESULTS_READ_CAP)
    if content is None or content[1]:
        raise ValueError('no results')
    try:
        data = json_value(content[0])
    except ValueError as error:
        raise ValueError('unreadable results (not JSON: %s)' % error)
    if not isinstance(data, dict) or data.get('format') != RESULTS_FORMAT or \
            not isinstance(data.get('units'), list):
        raise ValueError('results of another format')
    return data['units']


def unit_result(units, tu):
    """The UnitResult of `tu` among the units of a results file."""
    wanted = real(tu)
    unit = next((u for u in units if isinstance(u, dict) and isinstance(u.get('file'), str)
                 and real(os.path.normpath(u['file'])) == wanted), None)
    if unit is None:
        raise ValueError('results without this unit: it was not analysed')
    try:
        result = UnitResult(findings=[finding(f) for f in unit['findings']])
        for problem in unit['problems']:
            kind, message = problem['kind'], str(problem['message'])
            if kind == 'no-baseline':
                result.no_baseline.append((str(problem['check']), message))
            elif kind == 'configuration':
                result.config_errors.append(message)
            else:
                where = problem.get('file')
                result.errors.append((real(os.path.normpath(where)) if where else None,
                                      int(problem.get('line', 0)), message))
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError('unreadable results (%s: %s)' % (type(error).__name__, error))
    return result


def place(record):
    """A location of a results file, as the reports take it."""
    return {'file': real(os.path.normpath(record['file'])), 'line': int(record.get('line', 0)),
            'col': int(record.get('column', 0)), 'message': str(record['message'])}


def baseline_place(record, into):
    """Where the baseline had what a finding or note names, when it says."""
    at = record.get('baseline')
    if isinstance(at, dict):
        into['baseline'] = {'commit': str(at['commit']), 'file': str(at['file']),
                            'line': int(at['line'])}
    return into


def finding(record):
    """A finding of the results file, with what anchors it in the code (the
    enclosing function, the statement, the exceptions) when it says."""
    notes = [baseline_place(note, dict(place(note), severity='note', check=None))
             for note in record['notes']]
    result = dict(place(record), check=str(record['check']), severity='warning', notes=notes)
    if isinstance(record.get('function'), str) and record['function']:
        result['function'] = record['function']
    if isinstance(record.get('statement'), str) and record['statement']:
        result['statement'] = record['statement']
    if isinstance(record.get('exceptions'), list):
        result['exceptions'] = sorted({str(e) for e in record['exceptions']})
    return baseline_place(record, result)
