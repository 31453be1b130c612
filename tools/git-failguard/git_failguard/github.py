"""GitHub workflow commands that annotate a pull request."""
from .fs import relative
from .results import problem_level


def github_escape(text, property_value=False):
    text = text.replace('%', '%25').replace('\r', '%0D').replace('\n', '%0A')
    if property_value:
        text = text.replace(':', '%3A').replace(',', '%2C')
    return text


def github_annotation(kind, path, line, col, title, message, root):
    return '::%s file=%s,line=%d,col=%d,title=%s::%s' % (
        kind, github_escape(relative(path, root), True), line, col, github_escape(title, True),
        github_escape(message))


def to_github(findings, problems, root):
    """GitHub workflow commands: a warning per finding, then a notice per note
    at the note's own file and line, an error per unit that was not checked
    (a warning per unit left out of the summary index)."""
    lines = []
    for f in findings:
        lines.append(github_annotation('warning', f['file'], f['line'], f['col'], f['check'],
                                       f['message'], root))
        for n in f['notes']:
            lines.append(github_annotation('notice', n['file'], n['line'], n['col'],
                                           f['check'] + ' (note)', n['message'], root))
    for problem in problems:
        where = 'file=%s,' % github_escape(relative(problem['file'], root), True) \
            if problem['file'] else ''
        if problem_level(problem) == 'error':
            lines.append('::error %stitle=failguard could not check::%s' % (
                where, github_escape(problem['reason'])))
        else:
            lines.append('::warning %stitle=failguard summary index incomplete::%s' % (
                where, github_escape(problem['reason'])))
    return lines
