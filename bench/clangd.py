#!/usr/bin/env python3
"""Benchmark: per-edit re-check time of failguard-clangd with failguard's checks
against clangd's own rebuild of the same file, warm, in one run.

Two failguard-clangd servers run side by side on copies of one git repository
holding a translation unit with the real cpp-jwt and Poco headers, changed
since its commit (so the baseline checks have work to do): one with
`.clang-tidy` enabling no check (clangd's own rebuild), one enabling
failguard-*. After both have opened the file and built their preambles, the
same edits go to each in turn; the time from didChange to publishDiagnostics is
measured. Prints median per-edit times and their ratio, then clangd's own
--check-tidy-time measurement of each failguard check.

Usage: bench/clangd.py [--clangd build/bin/failguard-clangd] [--edits 20]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'test'))
sys.path.insert(0, os.path.join(ROOT, 'bench'))
import baseline as workload  # noqa: E402
from lsp_client import Server, uri  # noqa: E402


def make_repo(directory, checks, functions):
    os.makedirs(directory)
    git = ['git', '-C', directory, '-c', 'user.name=bench', '-c', 'user.email=bench@failguard.invalid']
    with open(os.path.join(directory, 'auth.cpp'), 'w') as f:
        f.write(workload.source(functions, changed=False))
    with open(os.path.join(directory, 'compile_flags.txt'), 'w') as f:
        f.write('-std=c++17\n')
    with open(os.path.join(directory, '.clang-tidy'), 'w') as f:
        f.write("Checks: '%s'\n" % checks)
    subprocess.run(git + ['init', '-q', '-b', 'main'], check=True)
    subprocess.run(git + ['add', '-A'], check=True)
    subprocess.run(git + ['commit', '-q', '-m', 'base'], check=True)
    return os.path.join(directory, 'auth.cpp')


class Session:
    def __init__(self, clangd, path, cache):
        env = dict(os.environ, XDG_CACHE_HOME=cache)
        old = os.environ.copy()
        os.environ.update(env)
        self.server = Server([clangd, '--clang-tidy', '--log=error', '-j=1'])
        os.environ.clear()
        os.environ.update(old)
        self.path = path
        self.version = 1
        self.server.request('initialize', {'processId': os.getpid(),
                                           'rootUri': uri(os.path.dirname(path)),
                                           'capabilities': {}}, 120)
        self.server.notify('initialized', {})

    def publish(self, text, notify):
        start = time.perf_counter()
        notify(text)
        target, version = uri(self.path), self.version
        message = self.server.wait(lambda m: m.get('method') == 'textDocument/publishDiagnostics'
                                   and m['params']['uri'] == target
                                   and m['params'].get('version') == version, 300)
        return time.perf_counter() - start, message['params']['diagnostics']

    def open(self, text):
        return self.publish(text, lambda t: self.server.notify('textDocument/didOpen', {
            'textDocument': {'uri': uri(self.path), 'languageId': 'cpp', 'version': 1, 'text': t}}))

    def change(self, text):
        self.version += 1
        return self.publish(text, lambda t: self.server.notify('textDocument/didChange', {
            'textDocument': {'uri': uri(self.path), 'version': self.version},
            'contentChanges': [{'text': t}]}))

    def close(self):
        self.server.request('shutdown', None, 60)
        self.server.notify('exit', None)
        self.server.process.wait(60)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--clangd', default=os.path.join(ROOT, 'build', 'bin', 'failguard-clangd'))
    parser.add_argument('--functions', type=int, default=40)
    parser.add_argument('--edits', type=int, default=20)
    parser.add_argument('--checks', default='failguard-*',
                        help='the checks of the second server (default: failguard-*)')
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix='failguard-clangd-bench-')
    try:
        text = workload.source(args.functions, changed=True)
        plain_path = make_repo(os.path.join(work, 'plain'), '-*', args.functions)
        failguard_path = make_repo(os.path.join(work, 'failguard'), '-*,' + args.checks, args.functions)
        sessions = {'clangd rebuild': Session(args.clangd, plain_path, os.path.join(work, 'cache1')),
                    'with failguard-*': Session(args.clangd, failguard_path, os.path.join(work, 'cache2'))}
        findings = 0
        for name, session in sessions.items():
            _, diagnostics = session.open(text)
            if name == 'with failguard-*':
                findings = sum(1 for d in diagnostics if str(d.get('code', '')).startswith('failguard-'))
        times = {name: [] for name in sessions}
        for edit in range(args.edits):
            # An edit inside a function body: the preamble stays, the AST is rebuilt.
            edited = text.replace('return std::nullopt;', 'return std::nullopt; // %d' % edit, 1)
            for name, session in sessions.items():
                seconds, _ = session.change(edited)
                times[name].append(seconds)
        for session in sessions.values():
            session.close()
        medians = {name: statistics.median(v) for name, v in times.items()}
        print('per-edit re-check of one TU with the real cpp-jwt and Poco headers, %d edits '
              '(%d failguard findings on it)' % (args.edits, findings))
        for name, value in medians.items():
            print('  %-18s median %.1f ms (min %.1f, max %.1f)' % (
                name, value * 1000, min(times[name]) * 1000, max(times[name]) * 1000))
        print('ratio with failguard-* / clangd rebuild: %.3fx (target <= 1.05x)' %
              (medians['with failguard-*'] / medians['clangd rebuild']))

        print("clangd's own measurement (--check-tidy-time, fast means under 8%) on the changed file:")
        with open(failguard_path, 'w') as f:
            f.write(text)
        run = subprocess.run([args.clangd, '--check=' + failguard_path, '--clang-tidy',
                              '--check-tidy-time=failguard-*'], cwd=os.path.dirname(failguard_path),
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             env=dict(os.environ, XDG_CACHE_HOME=os.path.join(work, 'cache3')))
        for line in run.stdout.splitlines():
            if ' = ' in line and ('failguard-' in line or 'Baseline' in line):
                print('  ' + line.split('] ', 1)[-1].strip())
    finally:
        shutil.rmtree(work)


if __name__ == '__main__':
    main()
