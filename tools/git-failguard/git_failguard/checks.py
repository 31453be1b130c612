"""Which failguard checks a unit's configuration enables."""
import concurrent.futures
import os
import re
import sys

from .children import CHILDREN
from .errors import Failure
from .fs import real, relative
from .tools import FAILGUARD_TIDY


RULES = {
    'failguard-auth-exception-escape':
        'An exception that an authentication or token-decode call may throw can escape a '
        'function that must not let it escape (a request handler, a noexcept function, a '
        'destructor, a function that reports failure through an optional or result type).',
    'failguard-removed-exception-handler':
        'An authentication or token-decode call whose exception was handled at the baseline '
        'is no longer handled.',
    'failguard-narrowed-optional-return':
        'A function that returned an optional-like or result-like type at the baseline now '
        'returns a plain value or reference, which cannot report failure.',
}
BASELINE_CHECKS = ('failguard-removed-exception-handler', 'failguard-narrowed-optional-return')


def effective_checks_string(sample, cdb_dir, config):
    """The Checks string that applies to `sample` (its .clang-tidy files,
    --config/--config-file and --checks), as failguard-tidy --dump-config says."""
    run = CHILDREN.run([FAILGUARD_TIDY, '--dump-config', '-p', cdb_dir] + config + [sample])
    if run.returncode != 0:
        lines = run.stderr.decode('utf-8', 'replace').strip().splitlines() or ['no output']
        raise Failure('failguard-tidy cannot read its configuration: %s' % lines[0].strip())
    for line in run.stdout.decode('utf-8', 'replace').splitlines():
        match = re.match(r"^Checks:\s*(?:'(?P<quoted>(?:[^']|'')*)'|(?P<plain>.*?))\s*$", line)
        if match:
            if match.group('quoted') is not None:
                return match.group('quoted').replace("''", "'")
            return match.group('plain').strip('"')
    return ''


def check_globs(checks):
    """[(positive, regex)] of a clang-tidy Checks string, in order."""
    globs = []
    for glob in checks.split(','):
        glob = ''.join(glob.split())
        if not glob or glob == '-':
            continue
        positive = not glob.startswith('-')
        pattern = glob if positive else glob[1:]
        globs.append((positive, re.compile(
            '^' + '.*'.join(re.escape(part) for part in pattern.split('*')) + '$')))
    return globs


def enabled_checks(sample, cdb_dir, config):
    """The failguard checks enabled for `sample`. A configuration that enables
    no failguard check and mentions none with a positive glob runs all of
    them, less those its negative globs that name failguard disable
    ('-failguard-x' takes one away, '-failguard-*' all of them)."""
    run = CHILDREN.run([FAILGUARD_TIDY, '--list-checks', '-p', cdb_dir] + config + [sample])
    stderr = run.stderr.decode('utf-8', 'replace').strip()
    # clang-tidy 22 exits 1 when the configuration enables no check at all.
    if run.returncode != 0 and stderr.splitlines() != ['No checks enabled.']:
        lines = stderr.splitlines() or ['no output']
        raise Failure('failguard-tidy cannot read its configuration: %s' % lines[0].strip())
    listed = [] if run.returncode != 0 else [
        line.strip() for line in run.stdout.decode('utf-8', 'replace').splitlines()
        if line.strip().startswith('failguard-')]
    if listed:
        return listed
    globs = check_globs(effective_checks_string(sample, cdb_dir, config))
    if any(positive and 'failguard' in regex.pattern for positive, regex in globs):
        # The configuration enables failguard checks and then disables them all.
        return []
    return [check for check in sorted(RULES)
            if not any(not positive and 'failguard' in regex.pattern and regex.match(check)
                       for positive, regex in globs)]


class CheckAssignment:
    """The failguard checks each unit runs (`unit_checks`): those its own
    configuration enables. .clang-tidy files are found from the unit's
    directory, so one sample per directory. Before the first commit the
    baseline checks have nothing to compare with and do not run."""

    def __init__(self, ws, listing, jobs, verbose):
        self.ws, self.listing, self.jobs, self.verbose = ws, listing, jobs, verbose
        self.unit_checks, self.directory_checks = {}, {}
        self.enabled_anywhere = False
        self.disabled = []

    def assign(self, units):
        """The units of `units` with an enabled failguard check (unit_checks says which)."""
        entries = self.ws.entries
        by_directory = {}
        for tu in units:
            by_directory.setdefault(os.path.dirname(entries[tu][1]), []).append(tu)
        unknown = [d for d in by_directory if d not in self.directory_checks]
        with concurrent.futures.ThreadPoolExecutor(max_workers=self.jobs) as pool:
            self.directory_checks.update(zip(unknown, pool.map(
                lambda d: enabled_checks(
                    entries[by_directory[d][0]][1],
                    entries.unit_directory(by_directory[d][0]), self.listing),
                unknown)))
        for directory, members in by_directory.items():
            checks = self.directory_checks[directory]
            self.enabled_anywhere = self.enabled_anywhere or bool(checks)
            if self.ws.comparison.base is None:
                # No commit yet: nothing to compare with; the baseline checks
                # have nothing to say, and every function is new.
                checks = [c for c in checks if c not in BASELINE_CHECKS]
            for tu in members:
                self.unit_checks[tu] = checks
        unchecked_units = [tu for tu in units if not self.unit_checks[tu]]
        if unchecked_units and self.verbose:
            print('git-failguard: %d unit(s) with no enabled failguard check:%s' % (
                len(unchecked_units), ''.join(' ' + relative(tu, self.ws.root)
                                              for tu in unchecked_units)),
                file=sys.stderr)
        self.disabled = [tu for tu in units
                         if not self.directory_checks[os.path.dirname(entries[tu][1])]]
        return [tu for tu in units if self.unit_checks[tu]]

    def disabled_problems(self):
        """The units a configuration of their own leaves without any failguard
        check while others run some (a .clang-tidy of their directory or
        above): not checked, which every report says (as a warning: the
        configuration chose it), never counted among the clean ones. When no
        unit runs a failguard check, nothing_to_check says so once."""
        if not self.enabled_anywhere or not self.disabled:
            return []
        root = self.ws.root
        problems = [{'kind': 'checks-disabled', 'level': 'warning', 'file': real(tu),
                     'reason': '%s: not checked: the configuration of %s/ enables no failguard '
                               'check' % (relative(real(tu), root),
                                          relative(real(os.path.dirname(tu)), root))}
                    for tu in self.disabled]
        print('git-failguard: warning: %d affected unit(s) not checked: their configuration '
              'enables no failguard check (first: %s)' % (len(problems), problems[0]['reason']),
              file=sys.stderr)
        return problems

    def nothing_to_check(self, label):
        """Why a run with no unit to analyse analyses nothing."""
        if not self.unit_checks:
            return 'no translation unit is affected by the change since %s' % label
        if not self.enabled_anywhere:
            return ('no failguard check is enabled by the configuration (.clang-tidy, --config, '
                    '--checks): nothing to check')
        return 'no commit yet, and no enabled check that needs none'
