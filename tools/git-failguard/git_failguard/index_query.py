"""Questions about the summary index, answered by failguard-index."""
import json
import os
import tempfile

from .analyser import crash_reason
from .children import CHILDREN
from .errors import Failure
from .tools import FAILGUARD_INDEX

QUERY_FORMAT = 'failguard-index-query-1'


class Refused(Exception):
    """failguard-index's refusal: an input that is not an index, inputs that
    conflict, an output it cannot write. `kind` says which ('input',
    'conflict', 'output'); the message is for people."""

    def __init__(self, answer):
        super().__init__(answer['error'])
        self.kind, self.reason = answer.get('kind'), answer.get('reason')


def ask(query, scratch, **members):
    """The answer to `query` (a JSON object); Refused when failguard-index
    refuses, a Failure when it cannot answer."""
    fd, request = tempfile.mkstemp(dir=scratch, prefix='query-', suffix='.json')
    with os.fdopen(fd, 'w', encoding='utf-8') as f:
        json.dump(dict(members, format=QUERY_FORMAT, query=query), f)
    run = CHILDREN.run([FAILGUARD_INDEX, request])
    if run.returncode in (0, 1):
        try:
            answer = json.loads(run.stdout)
        except ValueError:
            answer = None
        if isinstance(answer, dict) and (run.returncode == 0 or 'error' in answer):
            if run.returncode == 1:
                raise Refused(answer)
            return answer
    status = 'killed by signal %d' % -run.returncode if run.returncode < 0 else \
        'exited with status %d' % run.returncode
    raise Failure('failguard-index (%s) %s (%s)' % (query, status, crash_reason(run.stderr)))


def check(paths, scratch):
    """For each index file of `paths`, None when failguard-index reads it, else why not."""
    if not paths:
        return []
    return [verdict.get('error') for verdict in ask('check', scratch, inputs=paths)['checked']]


def merge(paths, output, scratch, split=None, table=False):
    """Writes to `output` the index of the units of the index files `paths`
    (and, with `split`, each unit as an index file of its own, split/N.json
    for the Nth in path order); returns the unit names in path order. With
    `table`, `output` is the table the checks read by what they ask
    (lib/IndexTable.h), not JSON."""
    members = {'split': split} if split else {}
    return ask('merge', scratch, inputs=paths, output=output, form='table' if table else 'json',
               **members)['units']


def amend(base, drop, paths, output, scratch):
    """Writes to `output` the table `base` (written from other entries in
    this run) without its units named `drop` and with the units of the index
    files `paths`: what merge would write from the entries, at the cost of
    the change."""
    ask('merge', scratch, inputs=paths, output=output, form='table', base=base, drop=drop)


def dump(index, output, scratch):
    """Writes to `output` the JSON form of the index file `index` (either
    form); returns the number of units."""
    return ask('dump', scratch, index=index, output=output)['units']


def reaching(index, baseline_index, changed_files, scratch):
    """The units of `index` that call into a changed file through a function
    that lets a modelled exception out and behaves otherwise than in
    `baseline_index` (None: no baseline)."""
    members = {'baseline_index': baseline_index} if baseline_index else {}
    return ask('reaching', scratch, index=index, changed_files=changed_files,
               **members)['units']


def answered(index, units, asked, scratch):
    """The units of `asked` ([(unit, gaps file, [units whose new summaries
    the index it read had])]) that asked the index for something the
    summaries of `units` (in `index`) now say, and it had not seen."""
    return ask('answered', scratch, index=index, units=units,
               asked=[{'unit': unit, 'gaps': gaps, 'seen': seen}
                      for unit, gaps, seen in asked])['units']


def order(index, units, pending, scratch):
    """`units` in levels, callees first, by the calls of their summaries in
    `index`: a unit comes after the units of `pending` it calls (a cycle is
    one level)."""
    return ask('order', scratch, index=index, units=units, pending=pending)['levels']


def defined(index, file, scratch):
    """The names of the functions the summaries of `index` define in `file`
    (relative to the work tree)."""
    return ask('defined', scratch, index=index, file=file)['names']
