"""Output files checked before anything is analysed."""
import os

from .accepted import load_accepted
from .errors import Failure
from .fs import real
from .paths import check_writable


def check_output_path(path, option='--output'):
    """Refuses, before anything is analysed, an output that cannot be written
    or must not be: inside a git directory, or a tracked file (paths.py);
    --write-accepted may rewrite a tracked accepted-findings file (the file is
    meant to be committed), nothing else."""
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise Failure("cannot write '%s': no directory '%s'" % (path, directory))
    if os.path.isdir(path):
        raise Failure("cannot write '%s': it is a directory" % path)
    if not os.access(path if os.path.exists(path) else directory, os.W_OK):
        raise Failure("cannot write '%s': permission denied" % path)
    check_writable(option, path, accepted_file if option == '--write-accepted' else None)


def accepted_file(path):
    try:
        load_accepted(path, say_version=False)
        return True
    except Failure:
        return False


def same_file(first, second):
    if real(os.path.abspath(first)) == real(os.path.abspath(second)):
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def refuse_colliding_outputs(outputs, accepted):
    """Two outputs naming one file, or an output that is the --accepted file it
    reads, are refused before anything is analysed. --write-accepted may name
    the --accepted file: it rewrites it whole, as intended."""
    for i, (option, path) in enumerate(outputs):
        for other_option, other in outputs[:i]:
            if same_file(path, other):
                raise Failure("%s and %s name the same file '%s'" % (other_option, option, path))
        if accepted and option != '--write-accepted' and same_file(path, accepted):
            raise Failure("%s '%s' is the --accepted file: it would be overwritten"
                          % (option, path))
