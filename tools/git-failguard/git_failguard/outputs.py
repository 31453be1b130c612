"""Output files checked before anything is analysed."""
import os

from .accepted import load_accepted
from .errors import Failure
from .fs import real, relative
from .git import git


def check_output_path(path):
    """Refuses an --output that cannot be written before anything is analysed."""
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise Failure("cannot write '%s': no directory '%s'" % (path, directory))
    if os.path.isdir(path):
        raise Failure("cannot write '%s': it is a directory" % path)
    if not os.access(path if os.path.exists(path) else directory, os.W_OK):
        raise Failure("cannot write '%s': permission denied" % path)


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


def refuse_tracked_outputs(outputs, root, shown):
    """An output that is a file tracked in the analysed repository would
    overwrite its source: refused. --write-accepted may rewrite a tracked
    accepted-findings file (the file is meant to be committed), nothing else."""
    for option, path in outputs:
        inside = relative(real(os.path.abspath(path)), root)
        if inside == '..' or inside.startswith('../') or os.path.isabs(inside):
            continue
        if not git(root, 'ls-files', '-z', '--', ':(literal)' + inside):
            continue
        if option == '--write-accepted':
            try:
                load_accepted(path, say_version=False)
                continue
            except Failure:
                pass
        raise Failure("%s '%s' is a file tracked by git in '%s': it would be overwritten"
                      % (option, path, shown))
