"""The programs the driver runs and the documentation it links to."""
import os

from . import buildinfo

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
