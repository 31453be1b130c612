"""GitHub workflow commands that annotate a pull request."""
from .fs import relative
from .results import problem_level

# GitHub shows at most 10 annotations of each kind (error, warning, notice)
# per step, and 50 per job; the rest are dropped without a word. The format
# writes at most this many of each kind, then one notice that says how many
# more there are and where they are (the step summary, the SARIF log).
ANNOTATIONS_PER_KIND = 10


def github_escape(text, property_value=False):
    """Workflow-command escaping: '%', CR and LF in data; also ':' and ',' in
    a property value (file=, title=)."""
    text = text.replace('%', '%25').replace('\r', '%0D').replace('\n', '%0A')
    if property_value:
        text = text.replace(':', '%3A').replace(',', '%2C')
    return text


def github_annotation(kind, path, line, col, title, message, root):
    return '::%s file=%s,line=%d,col=%d,title=%s::%s' % (
        kind, github_escape(relative(path, root), True), line, col, github_escape(title, True),
        github_escape(message))


def folded_message(finding, root):
    """The finding's message, then each note on a line of its own
    ('note: FILE:LINE: text'): one annotation carries them all."""
    return '\n'.join([finding['message']] + [
        'note: %s:%d: %s' % (relative(n['file'], root), n['line'], n['message'])
        for n in finding['notes']])


# The titles of the problems that leave the change checked, by kind.
WARNING_TITLES = {'index-incomplete': 'failguard summary index incomplete',
                  'checks-disabled': 'failguard disabled by configuration'}


def annotations(findings, problems, root):
    """(kind, what, workflow command) for every finding and problem, in order:
    what is 'finding' or 'unit'."""
    result = []
    for f in findings:
        kind = 'error' if f.get('severity') == 'error' else 'warning'
        result.append((kind, 'finding', github_annotation(
            kind, f['file'], f['line'], f['col'], f['check'], folded_message(f, root), root)))
    for problem in problems:
        where = 'file=%s,' % github_escape(relative(problem['file'], root), True) \
            if problem['file'] else ''
        if problem_level(problem) == 'error':
            result.append(('error', 'unit', '::error %stitle=failguard could not check::%s' % (
                where, github_escape(problem['reason']))))
        else:
            result.append(('warning', 'unit', '::warning %stitle=%s::%s' % (
                where, WARNING_TITLES.get(problem['kind'], 'failguard'),
                github_escape(problem['reason']))))
    return result


def to_github(findings, problems, root, per_kind=ANNOTATIONS_PER_KIND):
    """GitHub workflow commands: a warning per finding with its notes folded
    into its message, an error per unit that was not checked (a warning per
    unit left out of the summary index); at most `per_kind` of each kind, and
    then one notice that counts the rest."""
    lines, shown, left = [], {}, {'finding': 0, 'unit': 0}
    for kind, what, line in annotations(findings, problems, root):
        if shown.get(kind, 0) < per_kind:
            shown[kind] = shown.get(kind, 0) + 1
            lines.append(line)
        else:
            left[what] += 1
    if left['finding'] or left['unit']:
        more = ' and '.join(text for count, text in (
            (left['finding'], '%d more finding(s)' % left['finding']),
            (left['unit'], '%d more problem(s)' % left['unit'])) if count)
        lines.append('::notice title=failguard::%s' % github_escape(
            '%s than GitHub shows (%d annotations of each kind per step): all are in the step '
            'summary and in the SARIF log (--report sarif=FILE)' % (more, per_kind)))
    return lines
