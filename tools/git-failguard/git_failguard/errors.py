"""What ends a run early: a failure to say in one line, or a signal."""


class Failure(Exception):
    """Could not run: the message is the one line the user sees."""


class Stopped(BaseException):
    """Ctrl-C or SIGTERM: stop at once."""

    def __init__(self, signal_number):
        super().__init__(signal_number)
        self.status = 128 + signal_number
