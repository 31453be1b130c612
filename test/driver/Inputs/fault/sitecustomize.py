"""Loaded by Python at start-up when this directory is on PYTHONPATH: makes
git-failguard's scratch directory fail with an error nobody anticipated, to
see its catch-all turn it into one line and exit status 2."""
import tempfile


def _fail(*args, **kwargs):
    raise RuntimeError('injected fault')


tempfile.mkdtemp = _fail
