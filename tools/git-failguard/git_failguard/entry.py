"""The executable's entry: signals, the one-line error and the exit status."""
# Signals first: from the archive's first instruction (__main__, written by
# make_zipapp.py) Ctrl-C, SIGTERM and SIGHUP are recorded; run() makes them
# end the run with 128 + the signal's number and the scratch directories
# removed, however early they came.
import signal
import sys

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
PENDING = []


import os  # noqa: E402

from .children import CHILDREN  # noqa: E402
from .errors import Failure, Stopped  # noqa: E402
from .fs import remove_scratch_directories  # noqa: E402
from .messages import one_line  # noqa: E402


def record(signal_number, frame):
    PENDING.append(signal_number)


def unraisable(info):
    """A stop raised where Python cannot raise (a weakref callback, a __del__):
    recorded by stop_on, so nothing to say."""
    if not isinstance(info.exc_value, Stopped):
        sys.__unraisablehook__(info)


sys.unraisablehook = unraisable


def stop_on(signal_number, frame):
    # A second signal must not interrupt the cleanup. The signal is recorded
    # too: where the exception is swallowed (a weakref callback, a __del__)
    # the next child does not start and the run still ends as stopped.
    for number in SIGNALS:
        signal.signal(number, signal.SIG_IGN)
    if not PENDING:
        PENDING.append(signal_number)
    CHILDREN.stopped_by = signal_number
    raise Stopped(signal_number)


def run(pending=None):
    """The run; `pending`: the list where __main__ records signals until now."""
    global PENDING
    if pending is not None:
        PENDING = pending
    try:
        status = run_main()
    except Stopped as stopped:
        # Also a signal that came while an error was being said.
        status = stopped_status(stopped)
    if PENDING and status < 128:
        # Stopped where the exception was swallowed: still a stopped run.
        status = stopped_status(Stopped(PENDING[0]))
    # The cleanup is not interrupted: a signal now is only recorded.
    for number in SIGNALS:
        signal.signal(number, record)
    # After the children have stopped: none writes there any more.
    remove_scratch_directories()
    sys.exit(128 + PENDING[0] if PENDING and status < 128 else status)


def stopped_status(stopped):
    CHILDREN.stop()
    print('git-failguard: interrupted', file=sys.stderr)
    return stopped.status


def run_main():
    try:
        for number in SIGNALS:
            signal.signal(number, stop_on)
        if PENDING:
            stop_on(PENDING[0], None)
        # File names that are not UTF-8 are printed as the bytes they are.
        sys.stdout.reconfigure(errors='surrogateescape')
        sys.stderr.reconfigure(errors='backslashreplace')
        from .main import main
        return main(sys.argv[1:])
    except Failure as failure:
        if PENDING:
            raise Stopped(PENDING[0])  # the failure of what the signal stopped
        print('git-failguard: error: %s' % one_line(str(failure)), file=sys.stderr)
        return 2
    except Stopped as stopped:
        return stopped_status(stopped)
    except BrokenPipeError:
        # The reader went away: nothing more can be said on stdout.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print('git-failguard: error: the output was closed before the results were written',
              file=sys.stderr)
        return 2
    except Exception as error:  # Anything else is a bug; still one line and "could not run".
        if PENDING:
            raise Stopped(PENDING[0])
        print('git-failguard: error: internal error: %s: %s'
              % (type(error).__name__, one_line(str(error))), file=sys.stderr)
        return 2
