"""What the driver reads of index files (their envelope), and how it asks
failguard-index about them, with a stand-in that answers."""
import hashlib
import json
import os
import shutil
import stat
import tempfile
import unittest
from unittest import mock

from git_failguard import (index_checked, index_format, index_manifests, index_query,
                           index_tables)
from git_failguard.errors import Failure
from git_failguard import fs
from git_failguard.fs import write_private

ANSWERING = '''#!/bin/sh
# Answers with the status and text of $ANSWER_STATUS and $ANSWER, and keeps
# the request it was given.
cp "$1" "$KEPT_REQUEST"
printf '%s' "$ANSWER"
echo 'said on stderr' >&2
exit $ANSWER_STATUS
'''


class Envelope(unittest.TestCase):
    def refused(self, text, why):
        with self.assertRaises(ValueError) as raised:
            index_format.read_envelope(text)
        self.assertEqual(str(raised.exception), why)

    def test_what_addresses_the_summaries(self):
        text = json.dumps({'format': 'failguard-index-1', 'units': [
            {'unit': 'a.cc', 'files': {'a.cc': '1' * 40}, 'functions': 'not read here'}]})
        self.assertEqual(index_format.read_envelope(text), [('a.cc', {'a.cc': '1' * 40})])

    def test_nested_too_deeply(self):
        self.refused('[' * 100000, 'not JSON (nested too deeply)')
        self.assertIsNone(index_format.read_made_with('{"a": ' * 100000))

    def test_refused(self):
        self.refused('{', 'not JSON (Expecting property name enclosed in double quotes: line 1 '
                          'column 2 (char 1))')
        self.refused('[]', 'not a failguard index')
        self.refused('{"format": "failguard-index-0", "units": []}',
                     "format 'failguard-index-0', this git-failguard reads 'failguard-index-1'")
        self.refused('{"format": "failguard-index-1"}', 'no units')
        self.refused('{"format": "failguard-index-1", "units": [{"files": {}}]}',
                     'a unit without a name')
        self.refused('{"format": "failguard-index-1", "units": [{"unit": "a"}]}',
                     "unit 'a' lacks its files or functions")
        self.refused('{"format": "failguard-index-1", "units": [{"unit": "a", "files": {"a": 1}}]}',
                     "unit 'a': a file without a blob id")


class Query(unittest.TestCase):
    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.tool = os.path.join(self.scratch.name, 'failguard-index')
        with open(self.tool, 'w') as f:
            f.write(ANSWERING)
        os.chmod(self.tool, stat.S_IRWXU)
        self.kept = os.path.join(self.scratch.name, 'kept.json')

    def tearDown(self):
        self.scratch.cleanup()

    def answer(self, status, text, call):
        env = {'ANSWER_STATUS': str(status), 'ANSWER': text, 'KEPT_REQUEST': self.kept}
        with mock.patch.object(index_query, 'FAILGUARD_INDEX', self.tool), \
                mock.patch.dict(os.environ, env):
            return call()

    def request(self):
        with open(self.kept) as f:
            return json.load(f)

    def test_requests_and_answers(self):
        units = self.answer(0, '{"units": ["b.cc"]}', lambda: index_query.reaching(
            '/i.json', None, ['a.cc'], self.scratch.name))
        self.assertEqual(units, ['b.cc'])
        self.assertEqual(self.request(), {'format': 'failguard-index-query-1',
                                          'query': 'reaching', 'index': '/i.json',
                                          'changed_files': ['a.cc']})
        self.answer(0, '{"units": []}', lambda: index_query.reaching(
            '/i.json', '/b.json', [], self.scratch.name))
        self.assertEqual(self.request()['baseline_index'], '/b.json')
        self.answer(0, '{"units": []}', lambda: index_query.answered(
            '/i.json', ['a.cc'], [('b.cc', '/gaps', ['a.cc'])], self.scratch.name))
        self.assertEqual(self.request()['asked'],
                         [{'unit': 'b.cc', 'gaps': '/gaps', 'seen': ['a.cc']}])
        levels = self.answer(0, '{"levels": [["a.cc"], ["b.cc"]]}', lambda: index_query.order(
            '/b.fgindex', ['a.cc', 'b.cc'], ['a.cc'], self.scratch.name))
        self.assertEqual(levels, [['a.cc'], ['b.cc']])
        self.assertEqual(self.request(), {'format': 'failguard-index-query-1', 'query': 'order',
                                          'index': '/b.fgindex', 'units': ['a.cc', 'b.cc'],
                                          'pending': ['a.cc']})
        self.answer(0, '{"units": 2}', lambda: index_query.dump(
            '/i.fgindex', '/o.json', self.scratch.name))
        self.assertEqual(self.request()['query'], 'dump')
        verdicts = self.answer(0, '{"checked": [{"units": 1}, {"error": "why"}]}',
                               lambda: index_query.check(['/x', '/y'], self.scratch.name))
        self.assertEqual(verdicts, [None, 'why'])
        self.assertEqual(index_query.check([], self.scratch.name), [])

    def test_refusal(self):
        with self.assertRaises(index_query.Refused) as raised:
            self.answer(1, '{"error": "cannot write \'o\': full", "kind": "output", '
                           '"reason": "full"}',
                        lambda: index_query.merge(['/x'], 'o', self.scratch.name))
        self.assertEqual((str(raised.exception), raised.exception.kind, raised.exception.reason),
                         ("cannot write 'o': full", 'output', 'full'))
        self.assertNotIn('split', self.request())
        self.assertEqual(self.request()['form'], 'json')

    def test_no_answer_is_a_failure(self):
        for status, text in ((0, 'not json'), (1, '{"units": []}'), (2, ''), (134, '{}')):
            with self.assertRaises(Failure) as raised:
                self.answer(status, text, lambda: index_query.merge(
                    ['/x'], 'o', self.scratch.name, split='/s'))
            self.assertTrue(str(raised.exception).startswith(
                'failguard-index (merge) exited with status %d' % status), raised.exception)
            self.assertTrue(str(raised.exception).endswith('(said on stderr)'))


if __name__ == '__main__':
    unittest.main()


class KeptTables(unittest.TestCase):
    """A table is kept by the entry files it is made of, and served only whole."""

    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.store = os.path.join(self.scratch.name, 'index')
        self.entries = os.path.join(self.store, 'entries')
        os.makedirs(self.entries, mode=0o700)
        os.chmod(self.store, 0o700)
        self.tables = index_tables.Tables(self.store, self.entries, True)
        self.paths = []
        for name in ('a', 'b'):
            path = os.path.join(self.entries, name + '.json')
            write_private(path, '{"x": "%s"}' % name)
            self.paths.append(path)

    def tearDown(self):
        self.scratch.cleanup()

    def test_an_entry_written_anew_is_another_table(self):
        kept = self.tables.path_for(self.paths)
        self.assertEqual(self.tables.path_for(self.paths), kept)
        # The same name, written anew (a shard's summaries adopted over it).
        write_private(self.paths[0], '{"x": "A"}')
        self.assertNotEqual(self.tables.path_for(self.paths), kept)
        # A summary of this run only (not a cache entry): none kept.
        self.assertIsNone(self.tables.path_for(self.paths + ['/tmp/summary-1.json']))

    def test_a_copied_cache_finds_its_tables(self):
        kept = self.tables.path_for(self.paths)
        # The same bytes in other files (a cache restored from an archive:
        # other inodes and times): the same table.
        for path in self.paths:
            with open(path) as f:
                text = f.read()
            before = os.lstat(path).st_ino
            write_private(path, text)  # renamed over it: another inode
            self.assertNotEqual(os.lstat(path).st_ino, before)
            os.utime(path, (1, 1))
        self.assertEqual(self.tables.path_for(self.paths), kept)
        # Negative control: one byte more is another table.
        write_private(self.paths[1], '{"x": "b"} ')
        self.assertNotEqual(self.tables.path_for(self.paths), kept)

    def test_known_digests_are_used_while_the_files_are_the_same(self):
        kept = self.tables.path_for(self.paths)
        known = {p: ('0' * 64, fs.stamp_of(p)) for p in self.paths}
        # What this run hashed stands for the bytes while the file is the one
        # it read (a made-up digest shows it was not read again) ...
        self.assertNotEqual(self.tables.path_for(self.paths, known), kept)
        # ... and not once it was written anew.
        with open(self.paths[0]) as f:
            text = f.read()
        write_private(self.paths[0], text)
        write_private(self.paths[1], '{"x": "b"}')
        self.assertEqual(self.tables.path_for(self.paths, known), kept)

    def test_an_entry_written_during_the_merge_keeps_no_table(self):
        kept = self.tables.path_for(self.paths)
        self.assertTrue(self.tables.unchanged(kept))
        # Written anew with the same bytes (another inode): the table made
        # meanwhile may be of other bytes, so it is not kept.
        with open(self.paths[0]) as f:
            text = f.read()
        write_private(self.paths[0], text)
        self.assertFalse(self.tables.unchanged(kept))
        # Read again, it is.
        self.assertEqual(self.tables.path_for(self.paths), kept)
        self.assertTrue(self.tables.unchanged(kept))
        os.unlink(self.paths[1])
        self.assertFalse(self.tables.unchanged(kept))
        self.assertFalse(self.tables.unchanged(os.path.join(self.store, 'never.fgindex')))

    def test_an_entry_that_cannot_be_trusted_keeps_no_table(self):
        os.chmod(self.paths[0], 0o666)
        self.assertIsNone(self.tables.path_for(self.paths))
        os.chmod(self.paths[0], 0o600)
        os.unlink(self.paths[1])
        self.assertIsNone(self.tables.path_for(self.paths))

    def test_only_a_whole_table_is_served(self):
        body = b'\x01\x02rest of the table'
        digest = hashlib.sha256(body).hexdigest()[:32].encode()
        table = os.path.join(self.scratch.name, 'written.fgindex')
        with open(table, 'wb') as f:
            f.write(index_tables.TABLE_MAGIC + digest + body)
        kept = self.tables.path_for(self.paths)
        self.tables.keep(table, kept)
        out = os.path.join(self.scratch.name, 'out.fgindex')
        self.assertTrue(self.tables.fetch(kept, out))
        with open(out, 'rb') as f:
            self.assertEqual(f.read(), index_tables.TABLE_MAGIC + digest + body)
        with open(kept, 'r+b') as f:
            f.seek(len(index_tables.TABLE_MAGIC) + 32)
            f.write(b'\x09')
        self.assertFalse(self.tables.fetch(kept, os.path.join(self.scratch.name, 'no')))
        self.assertFalse(os.path.exists(os.path.join(self.scratch.name, 'no')))


class CheckedBefore(unittest.TestCase):
    """An entry failguard-index read in an earlier run, with the same bytes and
    the same analyser build, is not checked again; anything else is."""

    def setUp(self):
        from git_failguard import index_store
        self.index_store = index_store
        self.scratch = tempfile.TemporaryDirectory()
        self.cache = os.path.join(self.scratch.name, 'cache')
        self.asked = []
        # failguard-index's build id, asked when the memo is first read.
        self.index_id = 'index-1'
        patcher = mock.patch.object(index_store, 'index_build_id', lambda run: self.index_id)
        patcher.start()
        self.addCleanup(patcher.stop)

    def tearDown(self):
        self.scratch.cleanup()

    def indexer(self, identity='build-1', entries=None):
        with mock.patch.object(self.index_store, 'analyser_build_id', lambda run: identity):
            return self.index_store.Indexer(self.scratch.name, entries or {}, [], self.cache, 1,
                                            False, self.scratch.name)

    def entry(self, indexer, name, text):
        path = os.path.join(indexer.entry_dir, name + '.json')
        write_private(path, text)
        return path

    def run_check(self, indexer, paths, refuse=()):
        """Looks the entries up as a run does (their bytes read), then checks
        them; returns the paths failguard-index was asked about."""
        lookup = self.index_store.Lookup([], {})
        for i, path in enumerate(paths):
            with open(path) as f:
                indexer.digests[path] = (index_checked.digest(f.read()), fs.stamp_of(path))
            lookup.units['tu%d' % i] = index_format.Summary('u%d' % i, {}, path)
        asked = []

        def fake_check(unknown, scratch):
            asked.extend(unknown)
            return ['refused' if p in refuse else None for p in unknown]
        with mock.patch.object(self.index_store, 'check', fake_check):
            indexer.check([lookup])
        return asked, lookup

    def test_checked_once_across_runs(self):
        first = self.indexer()
        a, b = self.entry(first, 'a', '{"a": 1}'), self.entry(first, 'b', '{"b": 1}')
        asked, _ = self.run_check(first, [a, b])
        self.assertEqual(asked, [a, b])
        # The next run: nothing asked.
        asked, lookup = self.run_check(self.indexer(), [a, b])
        self.assertEqual(asked, [])
        self.assertEqual(len(lookup.units), 2)
        # Negative controls: an entry written anew with other bytes, and
        # another analyser build, are checked again.
        write_private(b, '{"b": 2}')
        self.assertEqual(self.run_check(self.indexer(), [a, b])[0], [b])
        self.assertEqual(self.run_check(self.indexer('build-2'), [a, b])[0], [a, b])
        # A failguard-index of another build checks them again too.
        self.run_check(self.indexer(), [a, b])
        self.assertEqual(self.run_check(self.indexer(), [a, b])[0], [])
        self.index_id = 'index-2'
        self.assertEqual(self.run_check(self.indexer(), [a, b])[0], [a, b])

    def test_an_entry_written_after_it_was_read_is_not_remembered(self):
        indexer = self.indexer()
        a = self.entry(indexer, 'a', '{"a": 1}')
        lookup = self.index_store.Lookup([], {})
        with open(a) as f:
            indexer.digests[a] = (index_checked.digest(f.read()), fs.stamp_of(a))
        lookup.units['tu'] = index_format.Summary('u', {}, a)
        # Replaced between the read and failguard-index's check: what it
        # checked is not what was hashed.
        write_private(a, '{"a": 2}')
        with mock.patch.object(self.index_store, 'check', lambda unknown, scratch: [None]):
            indexer.check([lookup])
        self.assertEqual(self.run_check(self.indexer(), [a])[0], [a])

    def test_a_refused_entry_is_not_remembered(self):
        indexer = self.indexer()
        a = self.entry(indexer, 'a', '{"a": 1}')
        asked, lookup = self.run_check(indexer, [a], refuse=(a,))
        self.assertEqual((asked, lookup.units), ([a], {}))
        self.assertEqual(self.run_check(self.indexer(), [a])[0], [a])

    def test_a_memo_nested_too_deeply_is_ignored(self):
        indexer = self.indexer()
        a = self.entry(indexer, 'a', '{"a": 1}')
        self.run_check(indexer, [a])
        write_private(os.path.join(indexer.store, 'checked.json'), '[' * 100000)
        self.assertEqual(self.run_check(self.indexer(), [a])[0], [a])
        # Written anew by that run: the next one trusts it again.
        self.assertEqual(self.run_check(self.indexer(), [a])[0], [])

    def test_an_untrusted_memo_is_ignored(self):
        indexer = self.indexer()
        a = self.entry(indexer, 'a', '{"a": 1}')
        self.run_check(indexer, [a])
        os.chmod(os.path.join(indexer.store, 'checked.json'), 0o666)
        self.assertEqual(self.run_check(self.indexer(), [a])[0], [a])

    def test_summaries_written_in_a_run_are_not_checked_in_the_next(self):
        # take() keeps what failguard-tidy wrote as a cache entry, read by
        # failguard-index by construction; the next run does not ask.
        tu = os.path.join(self.scratch.name, 'a.cc')
        indexer = self.indexer(entries={tu: ({'directory': '/', 'file': tu}, tu)})
        out = os.path.join(self.scratch.name, 'summary-current-0.json')
        text = json.dumps({'format': 'failguard-index-1', 'units': [
            {'unit': 'a.cc', 'files': {'a.cc': '1' * 40}, 'functions': []}]})
        with open(out, 'w') as f:
            f.write(text)
        summary, reason = indexer.take(tu, out, 'command')
        self.assertIsNone(reason)
        indexer.checked.save()
        self.assertEqual(self.run_check(self.indexer(), [summary.path])[0], [])

    def test_a_manifest_is_read_once_a_run(self):
        # Both sides' look-ups use the same manifest: read once; what the run
        # writes is what it reads next.
        tu = os.path.join(self.scratch.name, 'a.cc')
        indexer = self.indexer(entries={tu: ({'directory': '/', 'file': tu}, tu)})
        indexer.manifests.write(tu, ['a.cc'])
        fresh = self.indexer(entries={tu: ({'directory': '/', 'file': tu}, tu)})
        with mock.patch.object(fresh.manifests, 'read_file',
                               wraps=fresh.manifests.read_file) as read:
            self.assertEqual(fresh.manifests.read(tu), [['a.cc']])
            self.assertEqual(fresh.manifests.read(tu), [['a.cc']])
            fresh.manifests.write(tu, ['a.cc', 'a.h'])
            self.assertEqual(fresh.manifests.read(tu), [['a.cc', 'a.h'], ['a.cc']])
            self.assertEqual(read.call_count, 1)
        # On disk too, for the next run.
        again = self.indexer(entries={tu: ({'directory': '/', 'file': tu}, tu)})
        self.assertEqual(again.manifests.read(tu), [['a.cc', 'a.h'], ['a.cc']])

    def test_entries_read_by_a_look_up_are_remembered(self):
        # Through read_entry (which marks the entry used, changing its time),
        # as a run reads them: the second run asks nothing.
        pairs = [('a.cc', '1' * 40)]
        text = json.dumps({'format': 'failguard-index-1', 'units': [
            {'unit': 'a.cc', 'files': dict(pairs), 'functions': []}]})

        def look_up(indexer):
            summary = indexer.read_entry('k', pairs, [])
            self.assertIsNotNone(summary)
            lookup = self.index_store.Lookup([], {})
            lookup.units['tu'] = summary
            asked = []
            with mock.patch.object(self.index_store, 'check',
                                   lambda unknown, scratch: asked.extend(unknown) or
                                   [None] * len(unknown)):
                indexer.check([lookup])
            return asked
        first = self.indexer()
        path = self.entry(first, 'k', text)
        os.utime(path, (1, 1))  # written by an earlier run
        self.assertEqual(look_up(first), [path])
        self.assertEqual(look_up(self.indexer()), [])

    def one_unit(self):
        """(tu, the database's entries, its files' pairs, the text of its entry)."""
        tu = os.path.join(self.scratch.name, 'a.cc')
        pairs = [('a.cc', '1' * 40)]
        text = json.dumps({'format': 'failguard-index-1', 'units': [
            {'unit': 'a.cc', 'files': dict(pairs), 'functions': []}]})
        return tu, {tu: ({'directory': '/', 'file': tu}, tu)}, pairs, text

    def read_and_check(self, indexer, pairs):
        """Reads the entry 'k' and checks it as a run does (failguard-index
        reading it)."""
        lookup = self.index_store.Lookup([], {})
        lookup.units['tu'] = indexer.read_entry('k', pairs, [])
        with mock.patch.object(self.index_store, 'check',
                               lambda unknown, scratch: [None] * len(unknown)):
            indexer.check([lookup])

    def test_a_look_up_reads_no_file_it_read_before_while_its_stamp_holds(self):
        # What an entry and a manifest hold is remembered with their stamps:
        # the next run opens neither. Written anew (another inode), each is
        # read, and the entry checked, again.
        tu, entries, pairs, text = self.one_unit()
        first = self.indexer(entries=entries)
        first.manifests.write(tu, ['a.cc'])
        path = self.entry(first, 'k', text)

        def run(indexer):
            """(files opened, entries failguard-index was asked about, the
            unit's lists, the entry's Summary)."""
            opened, asked = [], []
            real_read = fs.read_private

            def read_private(where, cap):
                opened.append(os.path.basename(os.path.dirname(where)))
                return real_read(where, cap)
            with mock.patch.object(self.index_store, 'read_private', read_private), \
                    mock.patch.object(index_manifests, 'read_private', read_private), \
                    mock.patch.object(self.index_store, 'check',
                                      lambda unknown, scratch: asked.extend(unknown) or
                                      [None] * len(unknown)):
                lists = indexer.manifests.read(tu)
                summary = indexer.read_entry('k', pairs, [])
                lookup = self.index_store.Lookup([], {})
                lookup.units['tu'] = summary
                indexer.check([lookup])
            return sorted(opened), asked, lists, (summary.name, summary.files, summary.path)

        expected = ([['a.cc']], ('a.cc', dict(pairs), path))
        # The run that wrote the manifest knows it.
        opened, asked, *found = run(first)
        self.assertEqual((opened, asked, found), (['entries'], [path], list(expected)))
        opened, asked, *found = run(self.indexer(entries=entries))
        self.assertEqual((opened, asked, found), ([], [], list(expected)))
        # Written anew, the same bytes: read again, not asked (same digest).
        write_private(path, text)
        opened, asked, *found = run(self.indexer(entries=entries))
        self.assertEqual((opened, asked, found), (['entries'], [], list(expected)))
        # Other bytes under the same name: read, and refused as not what its
        # name says (the memo is not taken for it).
        write_private(path, text.replace('1' * 40, '2' * 40))
        corrupt = []
        self.assertIsNone(self.indexer(entries=entries).read_entry('k', pairs, corrupt))
        self.assertEqual(len(corrupt), 1)
        # A manifest written in a run is remembered as that run wrote it; one
        # written anew behind the memo's back is read again.
        writer = self.indexer(entries=entries)
        writer.manifests.write(tu, ['a.cc', 'a.h'])
        writer.checked.save()
        with mock.patch.object(index_manifests, 'read_private',
                               wraps=index_manifests.read_private) as read:
            self.assertEqual(self.indexer(entries=entries).manifests.read(tu),
                             [['a.cc', 'a.h'], ['a.cc']])
            self.assertEqual(read.call_count, 0)  # the run that wrote it remembered it
        os.utime(self.indexer(entries=entries).manifests.path(tu), (5, 5))
        with mock.patch.object(index_manifests, 'read_private',
                               wraps=index_manifests.read_private) as read:
            self.assertEqual(self.indexer(entries=entries).manifests.read(tu),
                             [['a.cc', 'a.h'], ['a.cc']])
            self.assertEqual(read.call_count, 1)

    def test_a_memo_too_large_leaves_the_manifests_out_not_the_entries(self):
        # The memo is read up to CACHE_READ_CAP, whole or not at all: past
        # its budget it keeps the entries' records and drops the manifests'.
        tu, entries, pairs, text = self.one_unit()
        for budget, manifests_opened in ((1 << 20, 0), (10, 1)):
            with self.subTest(budget=budget), \
                    mock.patch.object(index_checked.CheckedEntries, 'MANIFESTS_BUDGET', budget):
                shutil.rmtree(self.cache, ignore_errors=True)
                first = self.indexer(entries=entries)
                first.manifests.write(tu, ['a.cc', 'a.h'])
                path = self.entry(first, 'k', text)
                self.read_and_check(first, pairs)
                later = self.indexer(entries=entries)
                with mock.patch.object(index_manifests, 'read_private',
                                       wraps=index_manifests.read_private) as read:
                    self.assertEqual(later.manifests.read(tu), [['a.cc', 'a.h']])
                    self.assertEqual(read.call_count, manifests_opened)
                self.assertIsNotNone(later.checked.envelope(path, fs.private_stamp(path)))

    def test_a_file_no_longer_private_is_not_taken_from_the_memo(self):
        # The memo stands for a file only while read_private would read it:
        # made writable by others (its stamp unchanged), an entry is refused
        # as read_private refuses it (driver-corrupt.test end to end), and a
        # manifest is not trusted either.
        tu, entries, pairs, text = self.one_unit()
        first = self.indexer(entries=entries)
        first.manifests.write(tu, ['a.cc'])
        path = self.entry(first, 'k', text)
        self.read_and_check(first, pairs)
        manifest = first.manifests.path(tu)
        # Control: the next run takes both from the memo.
        again = self.indexer(entries=entries)
        self.assertEqual(again.manifests.read(tu), [['a.cc']])
        self.assertIsNotNone(again.read_entry('k', pairs, []))
        for shared in (path, manifest):
            os.chmod(shared, 0o666)
        corrupt = []
        later = self.indexer(entries=entries)
        self.assertIsNone(later.read_entry('k', pairs, corrupt))
        self.assertEqual([why for _, why in corrupt],
                         ['not owned by this user, or writable by others'])
        self.assertEqual(later.manifests.read(tu), [])

    def test_prune_keeps_this_runs_entries_whatever_their_time(self):
        # Entries are not touched on every run: one this run used may be the
        # oldest; the least recently used of the others go.
        indexer = self.indexer()
        paths = [self.entry(indexer, name, '{}') for name in ('used', 'old', 'newer', 'newest')]
        for i, path in enumerate(paths):
            os.utime(path, (100 + i, 100 + i))
        # Within the budget nothing goes, and what is used is not asked for.
        asked = []
        self.index_store.prune(indexer.entry_dir, 4, lambda: asked.append(1) or set())
        self.assertEqual((asked, len(os.listdir(indexer.entry_dir))), ([], 4))
        self.index_store.prune(indexer.entry_dir, 2, lambda: asked.append(1) or {paths[0]})
        self.assertEqual(sorted(os.listdir(indexer.entry_dir)), ['newest.json', 'used.json'])
        self.assertEqual(asked, [1])

    def test_a_used_entry_is_touched_when_its_time_is_old(self):
        # prune() keeps the recently used: an entry used now gets the time of
        # now, unless it has one of the last hour (every entry's inode is not
        # written each run).
        pairs = [('a.cc', '1' * 40)]
        text = json.dumps({'format': 'failguard-index-1', 'units': [
            {'unit': 'a.cc', 'files': dict(pairs), 'functions': []}]})
        indexer = self.indexer()
        old, recent = self.entry(indexer, 'old', text), self.entry(indexer, 'recent', text)
        os.utime(old, (1, 1))
        recent_time = os.lstat(recent).st_mtime_ns
        for key in ('old', 'recent'):
            self.assertIsNotNone(indexer.read_entry(key, pairs, []))
        self.assertGreater(os.lstat(old).st_mtime_ns, 10**18)
        self.assertEqual(os.lstat(recent).st_mtime_ns, recent_time)


class Amending(unittest.TestCase):
    """Which table written in the run the driver amends for the next one
    (IndexRun.amended): the one that differs least, from this run's own
    files, and only when at most half the entries differ."""

    def setUp(self):
        from git_failguard import index_run
        self.index_run = index_run
        self.run_ = object.__new__(index_run.IndexRun)
        self.run_.scratch = '/scratch/run'
        self.run_.stamps = {}
        self.asked = []

    def amended(self, written, names):
        self.run_.written = written
        with mock.patch.object(self.index_run, 'amend',
                               lambda *args: self.asked.append(args[:3])):
            # The stamps write() takes just before.
            return self.run_.amended(names, '/scratch/run/out.fgindex',
                                     {e: fs.stamp_of(e) for e in names})

    def test_the_closest_of_this_run(self):
        names = {'/e/%d' % i: 'u%d.cc' % i for i in range(10)}
        near = dict(names, **{'/e/old3': 'u3.cc'})
        del near['/e/3']
        far = {'/e/x%d' % i: 'u%d.cc' % i for i in range(10)}
        self.assertTrue(self.amended({'/scratch/run/far': far, '/scratch/run/near': near}, names))
        self.assertEqual(self.asked, [('/scratch/run/near', ['u3.cc'], ['/e/3'])])

    def test_not_a_file_outside_the_run(self):
        names = {'/e/%d' % i: 'u%d.cc' % i for i in range(10)}
        self.assertFalse(self.amended({'/cache/index/repo.fgindex': dict(names)}, names))
        self.assertEqual(self.asked, [])

    def test_not_when_most_entries_differ(self):
        names = {'/e/%d' % i: 'u%d.cc' % i for i in range(4)}
        other = {'/e/%d' % i: 'u%d.cc' % i for i in range(2)}
        other.update({'/e/o2': 'u2.cc', '/e/o3': 'u3.cc'})
        # Two of four replaced: four changes against four entries.
        self.assertFalse(self.amended({'/scratch/run/t': other}, names))
        self.assertEqual(self.asked, [])
        other['/e/3'] = 'u3.cc'
        del other['/e/o3']
        self.assertTrue(self.amended({'/scratch/run/t': other}, names))
        self.assertEqual(self.asked, [('/scratch/run/t', ['u2.cc'], ['/e/2'])])

    def test_a_refused_amendment_is_merged_whole(self):
        names = {'/e/%d' % i: 'u%d.cc' % i for i in range(10)}

        def refuse(*args):
            raise index_query.Refused({'error': 'no unit', 'kind': 'input'})
        self.run_.written = {'/scratch/run/t': dict(names)}
        with mock.patch.object(self.index_run, 'amend', refuse):
            self.assertFalse(self.run_.amended(names, '/scratch/run/out.fgindex',
                                               dict.fromkeys(names)))

        def cannot_write(*args):
            raise index_query.Refused({'error': 'full', 'kind': 'output'})
        with mock.patch.object(self.index_run, 'amend', cannot_write):
            with self.assertRaises(index_query.Refused):
                self.run_.amended(names, '/scratch/run/out.fgindex', dict.fromkeys(names))

    def test_not_when_an_entry_it_keeps_was_written_anew(self):
        with tempfile.TemporaryDirectory() as directory:
            names = {}
            for i in range(6):
                names[os.path.join(directory, '%d.json' % i)] = 'u%d.cc' % i
                write_private(os.path.join(directory, '%d.json' % i), '{"a": %d}' % i)
            base = dict(names)
            del base[os.path.join(directory, '5.json')]
            base[os.path.join(directory, 'old5.json')] = 'u5.cc'
            self.run_.stamps = {'/scratch/run/t': {e: fs.stamp_of(e) for e in base}}
            self.assertTrue(self.amended({'/scratch/run/t': base}, names))
            # Negative control above; now an entry the base keeps is written
            # anew (another inode) after the base was made: merged whole.
            write_private(os.path.join(directory, '2.json'), '{"a": "other"}')
            self.asked.clear()
            self.assertFalse(self.amended({'/scratch/run/t': base}, names))
            self.assertEqual(self.asked, [])


class LookedUpBefore(unittest.TestCase):
    """The look-up memo (index_looked.py): a unit whose files, command and
    configuration are those of the last run's look-up takes the entry it
    found then, opening no manifest or entry; anything else is looked up as
    before."""

    class FakeView:
        """A view of files by blob id, without git."""

        def __init__(self, name, root, blobs):
            self.name, self.root, self.files, self.overlay = name, root, blobs, {}

        def has(self, relative_path):
            return relative_path in self.files

        def blobs(self, paths):
            if any('\0' in p for p in paths):
                raise ValueError('embedded null byte')  # as os.stat says
            return {p: self.files.get(p) for p in paths}

        def text(self, path):
            try:
                with open(path, 'rb') as f:
                    return f.read()
            except OSError:
                return None

    def setUp(self):
        from git_failguard import cdb, index_store
        self.cdb, self.index_store = cdb, index_store
        self.scratch = tempfile.TemporaryDirectory()
        self.addCleanup(self.scratch.cleanup)
        self.addCleanup(fs.remove_scratch_directories)
        self.root = os.path.join(self.scratch.name, 'repo')
        os.makedirs(self.root)
        self.cache = os.path.join(self.scratch.name, 'cache')
        self.identity = 'build-1'
        patcher = mock.patch.object(index_store, 'index_build_id', lambda run: 'index-1')
        patcher.start()
        self.addCleanup(patcher.stop)
        self.tus = [os.path.join(self.root, name) for name in ('a.cc', 'b.cc')]
        self.database([['-DX'], ['-DX']])
        self.blobs = {'a.cc': '1' * 40, 'b.cc': '2' * 40, 'h.h': '3' * 40}

    def database(self, flags):
        path = os.path.join(self.scratch.name, 'compile_commands.json')
        with open(path, 'w') as f:
            json.dump([{'directory': self.root, 'file': tu, 'arguments': ['c++'] + extra + [tu]}
                       for tu, extra in zip(self.tus, flags)], f)
        self.entries = self.cdb.load_entries(path)

    def indexer(self):
        with mock.patch.object(self.index_store, 'analyser_build_id', lambda run: self.identity):
            return self.index_store.Indexer(self.root, self.entries, [], self.cache, 1, False,
                                            self.scratch.name)

    def view(self, name='current'):
        return self.FakeView(name, self.root, dict(self.blobs))

    def run_once(self, view=None):
        """A run's look-up of both units, checked, kept for the next run.
        Returns ({tu: (unit name, files, entry path)}, the manifests read,
        the entries failguard-index was asked about)."""
        view = view or self.view()
        indexer = self.indexer()
        asked = []
        with mock.patch.object(indexer.manifests, 'read_file',
                               wraps=indexer.manifests.read_file) as read, \
                mock.patch.object(self.index_store, 'check',
                                  lambda unknown, scratch: asked.extend(unknown) or
                                  [None] * len(unknown)):
            found = indexer.look_up(self.tus, view)
            indexer.check([found])
            indexer.keep_lookup(found.units)
            indexer.save_lookups()
        return ({os.path.basename(tu): (s.name, s.files, s.path) for tu, s in found.units.items()},
                sorted(os.path.basename(c.args[0]) for c in read.call_args_list), asked)

    def write_entries(self):
        """The cache as a summary pass leaves it: each unit's entry and manifest."""
        indexer = self.indexer()
        view = self.view()
        paths = {}
        for tu, files in zip(self.tus, (['a.cc', 'h.h'], ['b.cc'])):
            pairs = [(f, self.blobs[f]) for f in files]
            name = os.path.basename(tu)
            text = json.dumps({'format': 'failguard-index-1', 'units': [
                {'unit': name, 'files': dict(pairs), 'functions': []}]})
            key = indexer.entry_key(indexer.command_id(tu, view), pairs)
            paths[name] = os.path.join(indexer.entry_dir, key + '.json')
            write_private(paths[name], text)
            indexer.manifests.write(tu, files)
        return paths

    def test_the_last_look_up_is_taken_while_it_holds(self):
        paths = self.write_entries()
        first, read, asked = self.run_once()
        self.assertEqual(sorted(first), ['a.cc', 'b.cc'])
        self.assertEqual(len(read), 2)
        self.assertEqual(sorted(asked), sorted(paths.values()))
        # The next run: the same units and entries, no manifest read, nothing asked.
        again, read, asked = self.run_once()
        self.assertEqual((again, read, asked), (first, [], []))
        # From another view's look-up too (the index command's, say).
        self.assertEqual(self.run_once(self.view('baseline'))[:2], (first, []))

    def test_a_changed_file_looks_its_units_up_again(self):
        paths = self.write_entries()
        self.run_once()
        self.blobs['h.h'] = '4' * 40
        found, read, _ = self.run_once()
        # a.cc read h.h: looked up again (its manifest read), no entry for
        # the new content; b.cc from the memo.
        self.assertEqual(sorted(found), ['b.cc'])
        self.assertEqual(len(read), 1)
        self.assertEqual(found['b.cc'][2], paths['b.cc'])

    def test_a_changed_command_or_build_or_entry_is_not_taken(self):
        self.write_entries()
        self.run_once()
        # Another command for b.cc: its key is another (looked up in full,
        # no entry yet); a.cc's holds.
        self.database([['-DX'], ['-DY']])
        found, read, _ = self.run_once()
        self.assertEqual((sorted(found), len(read)), (['a.cc'], 1))
        # Another failguard build: the memo is not used.
        self.identity = 'build-2'
        found, read, _ = self.run_once()
        self.assertEqual((found, len(read)), ({}, 2))
        # Another key format (a driver that makes keys otherwise): neither.
        self.identity = 'build-1'
        self.database([['-DX'], ['-DX']])
        paths = self.write_entries()
        self.run_once()
        self.assertEqual(self.run_once()[1], [])
        from git_failguard import index_looked
        with mock.patch.object(self.index_store, 'INDEX_FORMAT', 'failguard-index-9'), \
                mock.patch.object(index_looked, 'INDEX_FORMAT', 'failguard-index-9'):
            found, read, _ = self.run_once()
        self.assertEqual((found, len(read)), ({}, 2))
        # An entry written anew (another inode), the same bytes: read again
        # (not the manifest), not checked again.
        self.run_once()
        with open(paths['a.cc']) as f:
            text = f.read()
        write_private(paths['a.cc'], text)
        with mock.patch.object(self.index_store, 'read_private',
                               wraps=self.index_store.read_private) as opened:
            found, read, asked = self.run_once()
        self.assertEqual((sorted(found), read, asked), (['a.cc', 'b.cc'], [], []))
        self.assertEqual([c.args[0] for c in opened.call_args_list], [paths['a.cc']])
        # Other bytes under its name: not taken; the full look-up reads the
        # manifest and finds it damaged.
        write_private(paths['a.cc'], text.replace('1' * 40, '5' * 40))
        found, read, asked = self.run_once()
        self.assertEqual((sorted(found), len(read)), (['b.cc'], 1))

    def test_a_changed_configuration_looks_its_units_up_again(self):
        self.write_entries()
        self.run_once()
        with open(os.path.join(self.root, '.clang-tidy'), 'w') as f:
            f.write('Checks: -*\n')
        found, read, _ = self.run_once()
        # Both units' keys cover the configuration: no entry for it yet.
        self.assertEqual((found, len(read)), ({}, 2))

    def test_a_damaged_memo_is_a_full_look_up(self):
        self.write_entries()
        self.run_once()
        memo = [os.path.join(self.cache, 'index', f)
                for f in os.listdir(os.path.join(self.cache, 'index')) if f.startswith('looked-')]
        self.assertEqual(len(memo), 1)
        with open(memo[0]) as f:
            data = json.load(f)
        a, b = data['units']['a.cc'][0], data['units']['b.cc'][0]
        self.assertEqual(len(a[1]), 2)
        b_pair = b[1][0]

        def both(record):
            return dict(data, units={'a.cc': [record(a)], 'b.cc': [record(b)]})
        # (damage, manifests read): every shape a full look-up for the units
        # it touches; a record that names another unit's entry, or pairs its
        # key is not the hash of, is refused by the key computed again.
        for damage, reads in (
                ('x', 2), ({'format': 'failguard-looked-1'}, 2),
                (dict(data, pairs=[['a.cc']]), 2),
                (dict(data, units={'a.cc': [['k', [0]]], 'b.cc': 'k'}), 2),
                (both(lambda r: [r[0], []]), 2), (both(lambda r: [r[0], '']), 2),
                (both(lambda r: [r[0], {}]), 2), (both(lambda r: [r[0], [99]]), 2),
                (both(lambda r: [r[0], [-1]]), 2), (both(lambda r: [r[0], [True]]), 2),
                (both(lambda r: [r[0]]), 2), (both(lambda r: ['../k', r[1]]), 2),
                (dict(data, units={'a.cc': [a], 'b.cc': [a]}), 1),
                (dict(data, units={'a.cc': [[a[0], [a[1][0], b_pair]]], 'b.cc': [b]}), 1),
                (dict(data, units={'a.cc': [[a[0], [b_pair]]], 'b.cc': [b]}), 1),
                (dict(data, pairs=data['pairs'] + [['x\0y', '1' * 40]]), 2)):
            with self.subTest(damage=str(damage)[:80]):
                write_private(memo[0], json.dumps(damage))
                found, read, _ = self.run_once()
                self.assertEqual(sorted(found), ['a.cc', 'b.cc'])
                self.assertEqual(found['a.cc'][1], {'a.cc': '1' * 40, 'h.h': '3' * 40})
                self.assertEqual(found['b.cc'][1], {'b.cc': '2' * 40})
                self.assertEqual(len(read), reads)
