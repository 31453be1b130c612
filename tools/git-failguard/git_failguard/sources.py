"""The analysed content of the files findings point at: UTF-16 columns, token ends, line hashes."""
import re

from .fs import FILE_READ_CAP, read_regular


class Sources:
    """The lines of the files that findings point at, read once (as bytes:
    clang's columns count bytes), for UTF-16 columns, token ends and line hashes.
    A file in `shown` ({path: content}) was analysed with that content (the
    index's or the to-ref's, through an overlay): it is taken from there, never
    from the working tree."""

    def __init__(self, shown=None):
        self.shown = shown or {}
        self.cache = {}
        self.lines_cache = {}
        self.hash_cache = {}

    def data(self, path):
        if path not in self.cache:
            if path in self.shown:
                content = self.shown[path]
                self.cache[path] = None if len(content) > FILE_READ_CAP * 16 else content
            else:
                content = read_regular(path, FILE_READ_CAP * 16)
                self.cache[path] = None if content is None or content[1] else content[0]
        return self.cache[path]

    def line(self, path, number):
        if path not in self.lines_cache:
            data = self.data(path)
            # '\n', '\r\n' and '\r' end a line, as for clang.
            self.lines_cache[path] = [] if data is None else data.splitlines()
        lines = self.lines_cache[path]
        return lines[number - 1] if 0 < number <= len(lines) else None

    def line_hash(self, path, number):
        if path not in self.hash_cache:
            data = self.data(path)
            self.hash_cache[path] = {} if data is None else line_hashes(data)
        return self.hash_cache[path].get(number)


TOKEN = re.compile(r'~?[\w$]+(?:::~?[\w$]+)*|\S')


def utf16_length(text):
    return len(text.encode('utf-16-le', 'surrogatepass')) // 2


def region(sources, path, line, col):
    """A SARIF region with UTF-16 columns: clang's byte column converted on the
    line's text, and the end of the token there (an identifier, possibly
    qualified as in 'jwt::decode', or one other character). Only the line when
    the file cannot be read or the column is not on the line."""
    text = sources.line(path, line)
    if text is None or not 0 < col <= len(text):
        return {'startLine': line}
    start = utf16_length(text[:col - 1].decode('utf-8', 'replace')) + 1
    token = TOKEN.match(text[col - 1:].decode('utf-8', 'replace'))
    result = {'startLine': line, 'startColumn': start}
    if token:
        result.update(endLine=line, endColumn=start + utf16_length(token.group()))
    return result


def line_hashes(data):
    """{line number: hash} for every line of a file's bytes, as GitHub's upload
    action computes primaryLocationLineHash: a rolling hash (base 37, modulo
    2**64) of the 100 UTF-16 code units from the line's start, spaces and tabs
    left out and line ends read as '\\n', then 65535 at the end of the file and
    zeros after it; ':N' counts earlier lines with the same hash."""
    block, base, mask = 100, 37, (1 << 64) - 1
    first_mod = pow(base, block, 1 << 64)
    window, starts = [0] * block, [-1] * block
    state = {'hash': 0, 'index': 0, 'line': 0, 'line_start': True, 'cr': False}
    counts, hashes = {}, {}

    def emit():
        value = format(state['hash'], 'x')
        counts[value] = counts.get(value, 0) + 1
        hashes[starts[state['index']]] = '%s:%d' % (value, counts[value])
        starts[state['index']] = -1

    def push(unit):
        index = state['index']
        state['hash'] = (base * state['hash'] + unit - first_mod * window[index]) & mask
        window[index] = unit
        state['index'] = (index + 1) % block

    def take(unit):
        if unit in (0x20, 0x09) or (state['cr'] and unit == 0x0A):
            state['cr'] = False
            return
        state['cr'] = unit == 0x0D
        if unit == 0x0D:
            unit = 0x0A
        if starts[state['index']] != -1:
            emit()
        if state['line_start']:
            state['line_start'] = False
            state['line'] += 1
            starts[state['index']] = state['line']
        if unit == 0x0A:
            state['line_start'] = True
        push(unit)

    units = data.decode('utf-8', 'replace').encode('utf-16-le', 'surrogatepass')
    for offset in range(0, len(units), 2):
        take(units[offset] | units[offset + 1] << 8)
    take(0xFFFF)
    for _ in range(block):
        if starts[state['index']] != -1:
            emit()
        push(0)
    return hashes
