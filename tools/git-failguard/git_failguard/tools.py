"""The programs the driver runs and the documentation it links to."""
import os
import re

from . import buildinfo
from .errors import Failure

VERSION = buildinfo.VERSION
# The tools installed with the driver (or built with it: the build tree has
# the installed layout) are found next to its executable (this package's
# archive), never at a path of the machine that built it.
ARCHIVE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.dirname(os.path.realpath(ARCHIVE))
FAILGUARD_TIDY = os.environ.get('FAILGUARD_TIDY') or os.path.join(HERE, 'failguard-tidy')
# The summary index's questions: failguard-index, built with failguard-tidy.
FAILGUARD_INDEX = os.path.join(HERE, 'failguard-index')
SCAN_DEPS = os.environ.get('FAILGUARD_SCAN_DEPS') or buildinfo.SCAN_DEPS
DOCS_URL = (os.environ.get('FAILGUARD_DOCS_URL') or buildinfo.DOCS_URL or
            'file://' + os.path.join(os.path.dirname(HERE), 'share', 'doc', buildinfo.DOC_PACKAGE,
                                     'checks'))

BUILD_ID = re.compile(rb'^failguard build id ([0-9a-f]{64})$', re.M)
_build_ids = {}


def analyser_build_id(run, tidy=None):
    """The build id failguard-tidy prints with --version: a hash of the
    contents of the analysis sources, their model data and the LLVM version.
    Cache and index keys carry it instead of the binary's path, size or time,
    so a rebuild of the same sources (another checkout, another CI job) finds
    their entries and a build with other analysis code does not."""
    tidy = tidy or FAILGUARD_TIDY
    if tidy not in _build_ids:
        result = run([tidy, '--version'])
        found = BUILD_ID.search(result.stdout or b'') if result.returncode == 0 else None
        if not found:
            raise Failure("cannot read the build id of '%s' from its --version" % tidy)
        _build_ids[tidy] = found.group(1).decode('ascii')
    return _build_ids[tidy]


def index_build_id(run):
    """The build id failguard-index prints with --version (the sources it
    reads summaries with)."""
    return analyser_build_id(run, FAILGUARD_INDEX)
