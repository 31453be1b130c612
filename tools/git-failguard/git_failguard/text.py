"""The text format, coloured as clang-tidy colours it."""
import os
import re
import sys

from .fs import relative

# clang's colours for its text diagnostics: the location bold, the severity in
# its colour, a warning's or error's message bold, a note's plain.
SEVERITY_COLOURS = {'warning': '\033[0;1;35m', 'error': '\033[0;1;31m', 'note': '\033[0;1;36m'}
BOLD, RESET = '\033[1m', '\033[0m'
TEXT_DIAGNOSTIC = re.compile(r'^(?P<location>.+?:\d+:\d+: )(?P<severity>warning|error|note): '
                             r'(?P<message>.*)$')


def use_colour(choice, output):
    if choice == 'always':
        return True
    if choice == 'never' or output or os.environ.get('NO_COLOR'):
        return False
    return sys.stdout.isatty() and os.environ.get('TERM') != 'dumb'


def colourise(text):
    lines = []
    for line in text.split('\n'):
        match = TEXT_DIAGNOSTIC.match(line)
        if match:
            severity, message = match.group('severity'), match.group('message')
            line = '%s%s%s%s%s: %s%s%s' % (
                BOLD, match.group('location'), RESET, SEVERITY_COLOURS[severity], severity, RESET,
                message if severity == 'note' else BOLD + message, RESET)
        lines.append(line)
    return '\n'.join(lines)


def to_text(findings):
    """clang-tidy's lines for each finding and its notes, paths relative to
    the working directory."""
    cwd = os.getcwd()
    lines = []
    for f in findings:
        lines.append('%s:%d:%d: warning: %s [%s]' % (relative(f['file'], cwd), f['line'],
                                                     f['col'], f['message'], f['check']))
        for n in f['notes']:
            lines.append('%s:%d:%d: note: %s' % (relative(n['file'], cwd), n['line'],
                                                 n['col'], n['message']))
    return lines
