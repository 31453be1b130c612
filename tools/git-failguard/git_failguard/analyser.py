"""Running failguard-tidy on one unit and reading what it says."""
import os
import re
import signal

from .children import CHILDREN
from .fs import real


DIAGNOSTIC = re.compile(r'^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>warning|error|note): '
                        r'(?P<message>.*?)(?: \[(?P<check>[A-Za-z0-9_.,-]+)\])?$')
CONFIG_ERROR = re.compile(r'^error: (?P<message>.*) \[clang-tidy-config\]$')
# The analysis variables that must not reach a summary run.
ANALYSIS_VARIABLES = ('FAILGUARD_INDEX', 'FAILGUARD_BASELINE_INDEX', 'FAILGUARD_BASELINE',
                      'FAILGUARD_MERGE_BASE', 'FAILGUARD_RENAMES',
                      'FAILGUARD_CHANGED_FUNCTIONS_ONLY', 'FAILGUARD_SUMMARY_OUT',
                      'FAILGUARD_SUMMARY_ONLY', 'FAILGUARD_INDEX_GAPS_OUT')


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


def analyse(tu, command, env):
    """(unit, findings, errors, configuration errors) of one failguard-tidy run."""
    run = CHILDREN.run(command + [tu], env=env)
    findings, errors, config_errors, current = [], [], [], None
    for line in os.fsdecode(run.stdout).splitlines():
        config_error = CONFIG_ERROR.match(line)
        if config_error:
            config_errors.append(config_error.group('message'))
            continue
        match = DIAGNOSTIC.match(line)
        if not match:
            continue
        d = match.groupdict()
        d['line'], d['col'] = int(d['line']), int(d['col'])
        d['file'] = real(os.path.normpath(d['file']))
        if d['severity'] == 'note':
            if current is not None:
                current['notes'].append(d)
            continue
        if d['severity'] == 'error' or not (d['check'] or '').startswith('failguard-'):
            if d['severity'] == 'error':
                errors.append((d['file'], d['line'], d['message']))
            current = None
            continue
        d['notes'] = []
        findings.append(d)
        current = d
    if run.returncode != 0 and not errors and not config_errors:
        # A crash or a refusal prints no diagnostic: never take it for a clean unit.
        errors.append((None, None, '%s (%s)' % (exit_description(run.returncode),
                                                crash_reason(run.stderr))))
    return tu, findings, errors, config_errors
