"""The text format, coloured as clang-tidy colours it."""
import os
import re
import sys
import unicodedata

from .fs import relative
from .sources import Sources

# clang's colours for its text diagnostics: the location bold, the severity in
# its colour, a warning's or error's message bold, a note's plain.
SEVERITY_COLOURS = {'warning': '\033[0;1;35m', 'error': '\033[0;1;31m', 'note': '\033[0;1;36m'}
BOLD, RESET, CARET_COLOUR = '\033[1m', '\033[0m', '\033[0;1;32m'
# clang's snippet: "    12 | the line" and "       |    ^", the number right-aligned
# in the width of the line 16 lines further (its snippet limit), 4 at least.
SNIPPET_LINES, TAB_STOP = 16, 8
CARET_LINE = re.compile(r'^(?P<margin> +\| +)\^$')
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
        # A snippet line starts with a space, as no location does: the
        # source it shows is never taken for a diagnostic.
        caret = CARET_LINE.match(line)
        match = None if line.startswith(' ') else TEXT_DIAGNOSTIC.match(line)
        if caret:
            line = '%s%s^%s' % (caret.group('margin'), CARET_COLOUR, RESET)
        elif match:
            severity, message = match.group('severity'), match.group('message')
            line = '%s%s%s%s%s: %s%s%s' % (
                BOLD, match.group('location'), RESET, SEVERITY_COLOURS[severity], severity, RESET,
                message if severity == 'note' else BOLD + message, RESET)
        lines.append(line)
    return '\n'.join(lines)


def display_width(text):
    """The columns `text` takes on a terminal, tabs already expanded: two for
    a wide character, none for a combining one."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in 'WF' else 1
    return width


def snippet(sources, path, line, col):
    """clang's source line and caret under a diagnostic at `path`:`line`:`col`
    (a byte column): the line as analysed (the working tree's, or the staged
    or to-ref content), tabs expanded, and a '^' under the column. Nothing
    when the line cannot be read or the column is not on it."""
    text = sources.line(path, line)
    if text is None or not 0 < col <= len(text) + 1:
        return []
    before = text[:col - 1].decode('utf-8', 'replace').expandtabs(TAB_STOP)
    shown = text.decode('utf-8', 'replace').expandtabs(TAB_STOP)
    width = max(4, len(str(line + SNIPPET_LINES)))
    return [' %s | %s' % (str(line).rjust(width), shown),
            ' %s | %s^' % (' ' * width, ' ' * display_width(before))]


def to_text(findings, contents=None):
    """clang-tidy's lines for each finding and its notes, paths relative to
    the working directory, each with its source line and caret unless, as
    clang has it, it is at the place of the diagnostic before it (a note
    after its warning, a warning after a warning). `contents` ({path:
    content}) holds the files analysed with content that is not the working
    tree's (--staged, a range)."""
    cwd = os.getcwd()
    sources = Sources(contents)
    lines, last = [], None

    def emit(where, severity, text):
        nonlocal last
        place = (where['file'], where['line'], where['col'])
        lines.append('%s:%d:%d: %s: %s' % (relative(where['file'], cwd), where['line'],
                                           where['col'], severity, text))
        if not (last and last[0] == place and (last[1] != 'note' or severity == last[1])):
            lines.extend(snippet(sources, *place))
        last = (place, severity)

    for f in findings:
        emit(f, 'warning', '%s [%s]' % (f['message'], f['check']))
        for n in f['notes']:
            emit(n, 'note', n['message'])
    return lines
