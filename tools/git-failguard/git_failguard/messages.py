"""Helpers for the one-line messages the driver prints."""

from .fs import relative


def one_line(text):
    return ' '.join(text.split())


def plural(count, word):
    return '%d %s%s' % (count, word, '' if count == 1 else 's')


def unit_reason(tu, reason, root):
    """'unit: reason', without saying the unit twice when the reason starts with it."""
    name = relative(tu, root)
    reason = one_line(reason)
    return reason if reason.startswith(name + ':') else '%s: %s' % (name, reason)
