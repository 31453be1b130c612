"""The executable's entry: signals, the one-line error and the exit status."""
import os
import signal
import sys

from .children import CHILDREN
from .errors import Failure, Stopped
from .fs import remove_scratch_directories
from .messages import one_line


def stop_on(signal_number, frame):
    # A second Ctrl-C must not interrupt the cleanup.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Stopped(signal_number)


def run():
    # File names that are not UTF-8 are printed as the bytes they are.
    sys.stdout.reconfigure(errors='surrogateescape')
    sys.stderr.reconfigure(errors='backslashreplace')
    signal.signal(signal.SIGINT, stop_on)
    signal.signal(signal.SIGTERM, stop_on)
    try:
        from .main import main
        status = main(sys.argv[1:])
    except Failure as failure:
        print('git-failguard: error: %s' % one_line(str(failure)), file=sys.stderr)
        status = 2
    except Stopped as stopped:
        CHILDREN.stop()
        print('git-failguard: interrupted', file=sys.stderr)
        status = stopped.status
    except BrokenPipeError:
        # The reader went away: nothing more can be said on stdout.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print('git-failguard: error: the output was closed before the results were written',
              file=sys.stderr)
        status = 2
    except Exception as error:  # Anything else is a bug; still one line and "could not run".
        print('git-failguard: error: internal error: %s: %s'
              % (type(error).__name__, one_line(str(error))), file=sys.stderr)
        status = 2
    # After the children have stopped: none writes there any more.
    remove_scratch_directories()
    sys.exit(status)
