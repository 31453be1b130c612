"""The textual include pass: the units that may read a changed header, by #include lines."""
import os
import re
import stat

from .fs import FILE_READ_CAP, TREE_READ_CAP, read_regular, real
from .git import git


SOURCE_EXTENSIONS = ('.c', '.cc', '.cpp', '.cxx', '.c++', '.C', '.cppm', '.ixx')
HEADER_EXTENSIONS = ('.h', '.hh', '.hpp', '.hxx', '.h++', '.H', '.inc', '.inl', '.ipp', '.tcc',
                     '.tpp', '.def')
CXX_EXTENSIONS = SOURCE_EXTENSIONS + HEADER_EXTENSIONS
INCLUDE = re.compile(rb'^\s*#\s*(?:include|import|include_next)\s*(?P<arg>.*)$', re.M)
HEADER_NAME = re.compile(rb'[<"](?P<name>[^>"]+)[>"]')


class TreeRead:
    """What the textual include pass read, for --verbose."""

    def __init__(self):
        self.files = 0
        self.bytes = 0


def include_candidates(root, tus, headers, read):
    """The units that may read one of `headers`: a cheap textual pass over the
    repository's C and C++ files that follows #include lines by file name,
    transitively. It over-approximates (names, not paths; computed includes and
    files longer than FILE_READ_CAP count as anything), so the dependency
    scanner only confirms these units. A tracked symlink is read through to a
    regular target and reached by its own name as well as its target's."""
    listed = git(root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0')
    names_of = {}   # real path -> the file names it is reached by
    for relative_path in listed:
        if not relative_path.endswith(CXX_EXTENSIONS):
            continue
        path = os.path.join(root, relative_path)
        try:
            is_link = stat.S_ISLNK(os.lstat(path).st_mode)
        except OSError:
            continue
        names_of.setdefault(real(path) if is_link else path, set()).add(os.path.basename(path))
    includes = {}
    for path in names_of:
        if read.bytes >= TREE_READ_CAP:
            return set(tus)
        content = read_regular(path, min(FILE_READ_CAP, TREE_READ_CAP - read.bytes))
        if content is None:
            continue
        text, truncated = content
        read.files += 1
        read.bytes += len(text)
        names, computed = set(), truncated
        for match in INCLUDE.finditer(text):
            name = HEADER_NAME.match(match.group('arg').strip())
            if name:
                names.add(os.path.basename(os.fsdecode(name.group('name'))))
            else:
                computed = True
        includes[path] = (names, computed)
    reached = set()
    for header in headers:
        reached.add(os.path.basename(header))
        reached |= names_of.get(real(header), set())
    readers = set()
    while True:
        grown = False
        for path, (names, computed) in includes.items():
            if path not in readers and (computed or names & reached):
                readers.add(path)
                if not names_of[path] <= reached:
                    reached |= names_of[path]
                    grown = True
        if not grown:
            break
    # Units outside the repository's files cannot be judged textually.
    return {tu for tu in tus if tu in readers or tu not in includes}
