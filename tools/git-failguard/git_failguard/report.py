"""Rendering the results in a format and delivering them to their files."""
import json
import sys

from .codequality import to_codequality
from .errors import Failure
from .github import to_github
from .sarif import to_sarif
from .text import colourise, to_text, use_colour


def render(findings, problems, fmt, root, shown, contents=None):
    if fmt == 'sarif':
        return json.dumps(to_sarif(findings, problems, root, shown, contents), indent=2) + '\n'
    if fmt == 'codequality':
        return json.dumps(to_codequality(findings, problems, root), indent=2) + '\n'
    if fmt == 'github':
        return ''.join(line + '\n' for line in to_github(findings, problems, root))
    return ''.join(line + '\n' for line in to_text(findings, contents))


def deliver(text, output):
    """Writes the results; when the file cannot take them, they go to stdout."""
    if not output:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        with open(output, 'w', encoding='utf-8', errors='surrogateescape') as f:
            f.write(text)
    except OSError as error:
        sys.stdout.write(text)
        sys.stdout.flush()
        raise Failure("cannot write '%s': %s; the results are on stdout instead"
                      % (output, error.strerror or error))


def deliver_all(text, findings, problems, output, reports, root, shown, contents=None):
    """The main output (`text`, rendered), then each --report FORMAT=FILE;
    every file is tried even when an earlier one could not be written."""
    failures = []
    for kind, path in [(None, output)] + reports:
        try:
            deliver(text if kind is None else render(findings, problems, kind, root, shown,
                                                     contents), path)
        except Failure as failure:
            failures.append(str(failure))
    if failures:
        raise Failure('; '.join(failures))


def publish(args, ws, results, contents):
    """Writes what is reported in the main format (coloured text on a
    terminal) and in each --report format."""
    root, shown = ws.root, ws.shown
    text = render(results.reported, results.problems, args.format, root, shown, contents)
    if args.format == 'text' and use_colour(args.color, args.output):
        text = colourise(text)
    deliver_all(text, results.reported, results.problems, args.output, args.reports, root, shown,
                contents)
