"""The GitHub Actions step summary: a Markdown table of every finding, the
counts, and the units that could not be checked, appended to the file
$GITHUB_STEP_SUMMARY names when the run writes the github format."""
import os
import sys

from .fs import relative
from .results import problem_level

VARIABLE = 'GITHUB_STEP_SUMMARY'
# GitHub refuses a step summary over 1 MiB; the table stops before that and
# says how many rows it left out.
SUMMARY_CAP = 900 * 1024
MARKDOWN_SPECIAL = '\\`*_[]<>|~'


def step_summary_path(fmt, reports):
    """The file to append the summary to, or None: only when the github
    format is written (the main format or a --report) and the variable is set."""
    path = os.environ.get(VARIABLE)
    if not path or 'github' not in [fmt] + [kind for kind, _ in reports]:
        return None
    return path


def markdown(text):
    text = text.replace('&', '&amp;')
    text = ''.join('\\' + c if c in MARKDOWN_SPECIAL else c for c in text)
    return '<br>'.join(' '.join(line.split()) for line in text.splitlines() or [''])


def summary_text(results, label, units, root, cap=SUMMARY_CAP):
    """The Markdown: a heading with the counts, the counts by check, the
    table of every reported finding (its notes in its message cell), then
    the units that could not be checked and those left out of the index."""
    findings = results.reported
    accepted = len(results.findings) - len(findings)
    heading = '### failguard: %d finding(s) in %d translation unit(s) %s' % (
        len(findings), units, markdown(label))
    out = [heading + (' (and %d accepted)' % accepted if accepted else ''), '']
    by_check = {}
    for f in findings:
        by_check[f['check']] = by_check.get(f['check'], 0) + 1
    if by_check:
        out += ['| Check | Findings |', '|---|---:|'] + [
            '| %s | %d |' % (markdown(check), count) for check, count in sorted(by_check.items())]
        out += ['', '| Where | Check | Message |', '|---|---|---|']
    size = sum(len(line) + 1 for line in out)
    for position, f in enumerate(findings):
        message = '\n'.join([f['message']] + ['note: %s:%d: %s' % (
            relative(n['file'], root), n['line'], n['message']) for n in f['notes']])
        row = '| %s | %s | %s |' % (markdown('%s:%d' % (relative(f['file'], root), f['line'])),
                                    markdown(f['check']), markdown(message))
        if size + len(row.encode('utf-8', 'surrogateescape')) > cap:
            out.append('')
            out.append('%d more finding(s) are not in this table (a step summary holds 1 MiB): '
                       'see the SARIF log.' % (len(findings) - position))
            break
        out.append(row)
        size += len(row.encode('utf-8', 'surrogateescape')) + 1
    unchecked = [p for p in results.problems if problem_level(p) == 'error']
    disabled = [p for p in results.problems if p['kind'] == 'checks-disabled']
    incomplete = [p for p in results.problems
                  if problem_level(p) != 'error' and p['kind'] != 'checks-disabled']
    for problems, title in ((unchecked, 'could not be checked'),
                            (disabled, 'not checked: failguard disabled by their configuration'),
                            (incomplete, 'left out of the summary index')):
        if problems:
            out += ['', '**%d problem(s): %s**' % (len(problems), title), '']
            out += ['- %s' % markdown(p['reason']) for p in problems]
    return '\n'.join(out) + '\n\n'


def append_step_summary(path, results, label, units, root):
    """Appends the summary (never truncates: other steps' summaries stay); a
    file that cannot be written costs a warning, not the results."""
    try:
        with open(path, 'a', encoding='utf-8', errors='surrogateescape') as f:
            f.write(summary_text(results, label, units, root))
    except OSError as error:
        print("git-failguard: warning: cannot append the step summary to '%s': %s"
              % (path, error.strerror or error), file=sys.stderr)
