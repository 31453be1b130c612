"""git failguard index: build, refresh or merge the summary index."""
import os
import re
import sys
import time

from .cdb import find_compilation_database, load_entries
from .cli import Parser, config_arguments
from .errors import Failure
from .fs import relative, scratch_directory
from .git import find_repository
from .index_format import Summary, read_envelope, read_made_with, record_made_with
from .index_query import Refused, dump, merge
from .index_store import Indexer, default_index_path, index_units
from .index_tables import Tables
from .messages import one_line, plural, unit_reason
from .outputs import check_output_path
from .paths import read_input, usable_cache_directory
from .views import View, WorkTree


# An index file given to merge is read whole, up to this size.
MERGE_READ_CAP = 1 << 30


def summary_failure(failures, root, config_errors):
    """Says which units could not be summarised (one line each) and returns
    the Failure that ends the run, or None."""
    if config_errors:
        return Failure('invalid configuration: %s' % one_line(config_errors[0]))
    for tu in sorted(failures):
        print('git-failguard: could not summarise %s' % unit_reason(tu, failures[tu], root),
              file=sys.stderr)
    if failures:
        first = sorted(failures)[0]
        return Failure('could not summarise %d translation unit(s) for the summary index; '
                       'first: %s' % (len(failures), unit_reason(first, failures[first], root)))
    return None


def index_main(argv):
    """git failguard index: builds or refreshes the summary index of every unit
    of the compilation database (or of one shard of them)."""
    started = time.monotonic()
    if argv[:1] == ['merge']:
        return merge_main(argv[1:], started)
    parser = Parser(prog='git failguard index',
                    description='build or refresh the summary index of the compilation '
                                'database (git failguard index merge: combine shards)')
    parser.add_argument('-p', dest='build_dir', metavar='BUILD_DIR',
                        help='directory holding compile_commands.json')
    parser.add_argument('-j', type=int, default=os.cpu_count() or 1, metavar='N')
    parser.add_argument('--shard', metavar='K/N',
                        help='only the units at positions i (in path order) with i %% N == K-1; '
                             'needs --output')
    parser.add_argument('--output', metavar='FILE',
                        help="where to write the index (default: the repository's index in the "
                             "cache directory, where the checks find it)")
    parser.add_argument('--config', metavar='TEXT', help="failguard-tidy's --config")
    parser.add_argument('--config-file', metavar='FILE', help="failguard-tidy's --config-file")
    parser.add_argument('--dump', nargs='?', const='', metavar='INDEX',
                        help="write the JSON form of the repository's index (or of the index "
                             "file INDEX) to standard output, and do nothing else")
    args = parser.parse_args(argv)
    if args.dump is not None:
        return dump_main(args, argv)
    if args.j < 1:
        raise Failure('-j takes a positive number')
    shard = None
    if args.shard is not None:
        match = re.fullmatch(r'(\d+)/(\d+)', args.shard)
        if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
            raise Failure("--shard takes K/N with 1 <= K <= N, not '%s'" % args.shard)
        shard = int(match.group(1)), int(match.group(2))
        if not args.output:
            raise Failure('--shard needs --output FILE: a shard is not the whole index')
    if args.output == '-':
        raise Failure('--output takes a file, not standard output')
    if args.output:
        check_output_path(args.output)
    config = config_arguments(args.config, args.config_file)
    root, _ = find_repository()
    build_dir = os.path.abspath(args.build_dir) if args.build_dir else None
    cdb_path = find_compilation_database(build_dir, root)
    entries = load_entries(cdb_path)
    cache_dir = usable_cache_directory()
    tus = index_units(root, entries)
    if shard:
        tus = [tu for i, tu in enumerate(tus) if i % shard[1] == shard[0] - 1]
    progress = sys.stderr.isatty() and not os.environ.get('CI')
    scratch = scratch_directory()
    indexer = Indexer(root, entries, config, cache_dir, args.j, progress, scratch)
    view = View('worktree', root, WorkTree(root), scratch=scratch)
    units, summarised, reused, failures, config_errors, _ = indexer.build(tus, view)
    indexer.save_lookups()
    path = args.output or default_index_path(cache_dir, root)
    try:
        if not args.output:
            os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        # The repository's index is the table the checks read; one made to
        # travel is JSON.
        entries = sorted(s.path for s in units.values())
        tables = None if args.output else Tables(indexer.store, indexer.entry_dir,
                                                 indexer.writable)
        kept = tables.path_for(entries, indexer.digests) if tables else None
        merge(entries, path, scratch, table=not args.output)
        # Kept as the table of these entries: a run at this commit (the
        # baseline of the next pull request) fetches it, not assembles it.
        if kept is not None and tables.unchanged(kept):
            tables.keep(path, kept)
        if args.output:
            # An index made to travel (a shard) says how it was made.
            record_made_with(path, indexer.identity, {
                s.name: indexer.entry_key(indexer.command_id(tu, view), list(s.files.items()))
                for tu, s in units.items()})
    except OSError as error:
        raise Failure("cannot write '%s': %s" % (path, error.strerror or error))
    except Refused as refused:
        raise Failure(str(refused))
    print('git-failguard: index of %s (%d summarised, %d reused%s) written to %s in %.1f s' % (
        plural(len(units), 'unit'), summarised, reused,
        ', %d failed' % len(failures) if failures else '', path, time.monotonic() - started),
        file=sys.stderr)
    failure = summary_failure(failures, root, config_errors)
    if failure:
        raise failure
    return 0


def dump_main(args, argv):
    """git failguard index --dump [INDEX]: the index's JSON form on standard output."""
    if len([a for a in argv if a.startswith('-')]) > 1:
        raise Failure('--dump takes no other option')
    path = args.dump
    if not path:
        root, _ = find_repository()
        path = default_index_path(usable_cache_directory(), root)
        if not os.path.exists(path):
            raise Failure("the repository has no index yet ('%s'): run git failguard index" % path)
    scratch = scratch_directory()
    output = os.path.join(scratch, 'dump.json')
    try:
        dump(path, output, scratch)
    except Refused as refused:
        raise Failure(str(refused))
    with open(output, 'rb') as f:
        sys.stdout.buffer.write(f.read())
    sys.stdout.flush()
    return 0


def refuse_foreign(indexer, files, keys, view):
    """Before a merge into the cache: every unit of the compilation database
    whose files are those of the working tree must have been made as this
    merge would make it (the same failguard build, compile command and
    configuration: the same entry key), else its summaries would be taken
    for another configuration's. Units of other files are not taken anyway."""
    by_name = {relative(tu, indexer.root): tu for tu in index_units(indexer.root,
                                                                      indexer.entries)}
    wanted = sorted(name for name in files if name in by_name)
    blobs = view.blobs(sorted({f for name in wanted for f in files[name]}))
    foreign, unrecorded = [], []
    for name in wanted:
        if any(blobs[f] != blob for f, blob in files[name].items()):
            continue
        if name not in keys:
            unrecorded.append(name)
            continue
        expected = indexer.entry_key(indexer.command_id(by_name[name], view),
                                     list(files[name].items()))
        if keys[name] != expected:
            foreign.append(name)
    if unrecorded:
        raise Failure("%s of the index files %s no record of how %s made (an index written "
                      "by 'git failguard index --output' of an earlier version, or by hand; "
                      "first: %s): nothing is added to the cache; make the shards again" % (
                          plural(len(unrecorded), 'unit'),
                          'has' if len(unrecorded) == 1 else 'have',
                          'it was' if len(unrecorded) == 1 else 'they were', unrecorded[0]))
    if foreign:
        raise Failure("%s of the index files %s made with another failguard build, compile "
                      "command or configuration than this merge (--config, --config-file, "
                      ".clang-tidy) gives (first: %s): nothing is added to the cache; make the "
                      "shards with the same ones" % (
                          plural(len(foreign), 'unit'), 'was' if len(foreign) == 1 else 'were',
                          foreign[0]))


def merge_main(argv, started):
    """git failguard index merge: one index of the units of several (shards)."""
    parser = Parser(prog='git failguard index merge',
                    description='combine index files (shards) into one')
    parser.add_argument('--output', metavar='FILE',
                        help="where to write the merged index (default: the repository's index "
                             "in the cache directory, and every unit whose files are those of "
                             "the working tree becomes a cache entry, as if summarised here)")
    parser.add_argument('-p', dest='build_dir', metavar='BUILD_DIR',
                        help='without --output: directory holding compile_commands.json')
    parser.add_argument('--config', metavar='TEXT', help="without --output: as for the analysis")
    parser.add_argument('--config-file', metavar='FILE',
                        help="without --output: as for the analysis")
    parser.add_argument('inputs', nargs='+', metavar='INDEX')
    args = parser.parse_args(argv)
    if args.output == '-':
        raise Failure('--output takes a file, not standard output')
    if args.output:
        if args.build_dir or args.config is not None or args.config_file is not None:
            raise Failure('-p, --config and --config-file go with a merge into the cache '
                          '(no --output)')
        check_output_path(args.output)
    else:
        config = config_arguments(args.config, args.config_file)
        root, _ = find_repository()
        build_dir = os.path.abspath(args.build_dir) if args.build_dir else None
        cdb_path = find_compilation_database(build_dir, root)
        entries = load_entries(cdb_path)
    files, keys, builds = {}, {}, {}
    for path in args.inputs:
        text = read_input(path, MERGE_READ_CAP, 'cannot read')
        try:
            envelope = read_envelope(text)
        except ValueError as error:
            raise Failure("'%s' is not a failguard index: %s" % (path, error))
        made = read_made_with(text)
        if made:
            builds.setdefault(made[0], path)
        for name, read in envelope:
            files.setdefault(name, read)
            if made and name in made[1]:
                keys.setdefault(name, made[1][name])
    if len(builds) > 1:
        (first, one), (second, other) = list(builds.items())[:2]
        raise Failure("'%s' and '%s' were made by different failguard builds (%s, %s): make "
                      "every shard with one build" % (one, other, first[:12], second[:12]))
    scratch = scratch_directory()
    output, split = args.output, None
    if not output:
        cache_dir = usable_cache_directory()
        output = default_index_path(cache_dir, root)
        indexer = Indexer(root, entries, config, cache_dir, 1, False, scratch)
        if not indexer.writable:
            raise Failure("cannot keep summaries in '%s'" % indexer.store)
        split = os.path.join(scratch, 'split')
        os.mkdir(split, 0o700)
        view = View('worktree', root, WorkTree(root), scratch=scratch)
        refuse_foreign(indexer, files, keys, view)
    try:
        names = merge(list(args.inputs), output, scratch, split, table=not args.output)
        if not split and builds:
            record_made_with(output, next(iter(builds)), {
                name: keys[name] for name in names if name in keys})
    except Refused as refused:
        raise Failure(str(refused))
    except OSError as error:
        raise Failure("cannot write '%s': %s" % (output, error.strerror or error))
    added = ''
    if split:
        # Each unit the merge took, as an index file of its own: a cache entry
        # when its files are the working tree's.
        count = indexer.adopt([Summary(name, files[name], os.path.join(split, '%d.json' % i))
                               for i, name in enumerate(names)],
                              view)
        added = '; %d of them added to the cache (%d not: not in the compilation database, or ' \
            'read files that differ from the working tree)' % (count, len(names) - count)
    print('git-failguard: merged %s of %s into %s in %.1f s%s' % (
        plural(len(names), 'unit'), plural(len(args.inputs), 'index file'), output,
        time.monotonic() - started, added), file=sys.stderr)
    return 0
