"""Running child processes so that Ctrl-C stops them and everything they started."""
import os
import signal
import subprocess
import threading
import time

from .errors import Failure, Stopped


class Children:
    """Every child process runs in a process group of its own, so that stopping
    ends it and whatever it started; once stopping, no new child starts."""

    def __init__(self):
        self.lock = threading.Lock()
        self.running = set()
        self.stopping = False
        # The signal that stops the run, set by its handler (no lock there).
        self.stopped_by = None

    def run(self, command, stdin_data=None):
        if self.stopped_by:
            raise Stopped(self.stopped_by)
        with self.lock:
            if self.stopping:
                raise Stopped(self.stopped_by or signal.SIGINT)
            try:
                process = subprocess.Popen(
                    command, stdin=subprocess.PIPE if stdin_data is not None else subprocess.DEVNULL,
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, process_group=0)
            except OSError as error:
                raise Failure("cannot run '%s': %s" % (command[0], error.strerror or error))
            self.running.add(process)
        try:
            out, err = process.communicate(stdin_data)
        except BaseException:
            self.signal_group(process, signal.SIGKILL)
            process.wait()
            raise
        finally:
            with self.lock:
                self.running.discard(process)
        return subprocess.CompletedProcess(command, process.returncode, out, err)

    @staticmethod
    def signal_group(process, number):
        try:
            os.killpg(process.pid, number)
        except OSError:
            pass

    def stop(self):
        """Terminates every running child's group, killing what is left after half a second."""
        with self.lock:
            self.stopping = True
            victims = list(self.running)
        for process in victims:
            self.signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:
            with self.lock:
                if not self.running:
                    break
            time.sleep(0.02)
        for process in victims:
            self.signal_group(process, signal.SIGKILL)


CHILDREN = Children()
