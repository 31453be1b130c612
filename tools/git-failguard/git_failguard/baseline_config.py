"""The baseline the checks would use for the tree: BaselineRef and
UseMergeBase, as the configuration (.clang-tidy, --config, --config-file) sets
them and failguard-tidy --dump-config says."""
import os
import re
import sys

from .children import CHILDREN
from .comparison import base_comparison
from .tools import FAILGUARD_TIDY

# Whose options count, first found first: the checks that compare with the
# baseline, then the one whose OnlyChangedFunctions reads it, then the
# option set for all checks.
OWNERS = ('failguard-removed-exception-handler.', 'failguard-narrowed-optional-return.',
          'failguard-auth-exception-escape.', '')
OPTION = re.compile(r"""^\s+(?P<quote>['"]?)(?P<key>[^'":\s]+)(?P=quote)\s*:\s*(?P<value>.*?)\s*$""")


class ConfiguredBaseline:
    """`ref` and `merge_base` as the checks would take them (BaselineRef,
    UseMergeBase)."""

    def __init__(self, ref, merge_base):
        self.ref, self.merge_base = ref, merge_base

    @property
    def is_default(self):
        return self.ref == 'HEAD'


def unquote(value):
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"').replace('\\\\', '\\')
    return value


def check_options(dump):
    """{option: value} of the CheckOptions of a --dump-config output."""
    options, inside = {}, False
    for line in dump.splitlines():
        if not line.strip() or line.lstrip().startswith('#'):
            continue
        if not line[0].isspace():
            inside = line.split(':', 1)[0].strip() == 'CheckOptions'
            continue
        match = OPTION.match(line) if inside else None
        if match:
            options[match.group('key')] = unquote(match.group('value'))
    return options


def configured_baseline(root, entries, config):
    """The ConfiguredBaseline for the top of the work tree `root` (the
    .clang-tidy files found from there, and --config/--config-file), or
    None when failguard-tidy cannot say (its configuration error is reported
    when the units' checks are listed)."""
    sample = os.path.join(root, 'failguard-baseline.cpp')
    # clang-tidy dumps the options of the checks it enables only: enable
    # failguard's (the driver runs them when the configuration names none).
    run = CHILDREN.run([FAILGUARD_TIDY, '--dump-config', '-p', entries.unit_directory(sample)] +
                       config + ['--checks=-*,failguard-*', sample])
    if run.returncode != 0:
        return None
    options = check_options(run.stdout.decode('utf-8', 'replace'))
    ref = merge_base = None
    for owner in OWNERS:
        if ref is None and options.get(owner + 'BaselineRef'):
            ref = options[owner + 'BaselineRef']
            merge_base = options.get(owner + 'UseMergeBase')
    if ref is None:
        return None
    return ConfiguredBaseline(ref, (merge_base or 'true').lower() not in ('false', '0', 'no', 'off'))


def one_baseline(args, root, entries, comparison):
    """The comparison of the run: without --base, --staged or a range, the
    baseline the checks would use for the tree (the configuration's
    BaselineRef and UseMergeBase); with one that differs from a configured
    BaselineRef (other than HEAD), the command line's, said in one line."""
    configured = configured_baseline(root, entries, args.config)
    if configured is None or configured.is_default:
        return comparison
    explicit = args.base or args.staged or args.refs
    if not explicit:
        if comparison.base is None:
            return comparison  # no commit yet: everything is new, as for the checks
        return base_comparison(root, comparison.mode, configured.ref,
                               "the configuration's BaselineRef", configured.merge_base)
    if (configured.ref, configured.merge_base) != (comparison.baseline_ref, comparison.merge_base):
        given = '--base' if args.base else '--staged' if args.staged else '--from-ref/--to-ref'
        print("git-failguard: comparing with %s (%s), not with the configuration's BaselineRef "
              "'%s'%s" % (comparison.label, given, configured.ref,
                          '' if configured.merge_base else ' (UseMergeBase: false)'),
              file=sys.stderr)
    return comparison
