#!/usr/bin/env python3
"""Benchmark: the pull-request run of bench/index_scale.py, builds side by side.

bench/index_scale.py builds a cold index for every N and every build it
measures (about 12 minutes at 10,000 units on two shared cores). This one
generates the repository of N bare units once in --work (kept: a later
invocation with the same --work and N reuses it), builds the warm cache there
with the first --bin (git failguard index at the commit), applies the same
three-file change, then runs the PR run (git failguard -j J --verbose) for
each --bin in turn, --rounds times: with the warm cache hard-linked (as a
developer's machine keeps it) and copied (as CI restores it), as
index_scale.py does. Prints the median CPU (user + system of the driver and
its children) and wall time per build and mode, the ratio of each build to
the first, and the number of findings (which must agree).

Usage: bench/index_scale_pr.py --work DIR --scale N --bin DIR [--bin DIR ...]
                               [--rounds 5] [--jobs 2]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import index_scale  # noqa: E402


def environment(bin_dir, home):
    env = {k: v for k, v in os.environ.items() if not k.startswith('FAILGUARD_') and k != 'CI'}
    env['PATH'] = bin_dir + os.pathsep + os.environ['PATH']
    env['XDG_CACHE_HOME'] = home
    return env


def prepare(work, n, bin_dir, jobs):
    """(repository, warm cache) of N units with the change applied; made once."""
    repo = os.path.join(work, 'repo%d' % n)
    warm = os.path.join(work, 'home%d' % n)
    done = os.path.join(work, 'ready%d' % n)
    if os.path.exists(done):
        return repo, warm
    shutil.rmtree(repo, ignore_errors=True)
    shutil.rmtree(warm, ignore_errors=True)
    os.makedirs(warm)
    _, changes = index_scale.generate(repo, index_scale.Layout(n), True)
    cold = index_scale.run([os.path.join(bin_dir, 'git-failguard'), 'index', '-j', str(jobs)],
                           environment(bin_dir, warm), cwd=repo)
    print('N=%d: cold index with %s: CPU %.2f s, wall %.2f s' % (n, bin_dir, cold.cpu, cold.wall))
    for path, text in changes:
        index_scale.write(path, text)
    open(done, 'w').close()
    return repo, warm


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--work', required=True)
    parser.add_argument('--scale', type=int, required=True)
    parser.add_argument('--bin', action='append', required=True)
    parser.add_argument('--rounds', type=int, default=5)
    parser.add_argument('--jobs', type=int, default=2)
    args = parser.parse_args()
    bins = [os.path.abspath(b) for b in args.bin]
    os.makedirs(args.work, exist_ok=True)
    repo, warm = prepare(os.path.abspath(args.work), args.scale, bins[0], args.jobs)
    results = {}
    home = os.path.join(os.path.abspath(args.work), 'run-home')
    for _ in range(args.rounds):
        for mode in ('linked', 'copied'):
            for bin_dir in bins:
                shutil.rmtree(home, ignore_errors=True)
                shutil.copytree(warm, home, symlinks=True,
                                copy_function=shutil.copy2 if mode == 'copied' else os.link)
                result = index_scale.run(
                    [os.path.join(bin_dir, 'git-failguard'), '-j', str(args.jobs), '--verbose'],
                    environment(bin_dir, home), cwd=repo, allowed=(0, 1))
                results.setdefault((mode, bin_dir), []).append(
                    (result.cpu, result.wall, result.out.count('warning:')))
    shutil.rmtree(home, ignore_errors=True)
    print('N=%d, %d rounds, medians (CPU s, wall s):' % (args.scale, args.rounds))
    for mode in ('linked', 'copied'):
        first = None
        for bin_dir in bins:
            rows = results[(mode, bin_dir)]
            cpu = statistics.median(r[0] for r in rows)
            wall = statistics.median(r[1] for r in rows)
            first = first or cpu
            print('  %-7s %-40s CPU %6.2f  wall %6.2f  %.2fx  findings %s' % (
                mode, bin_dir[-40:], cpu, wall, cpu / first, sorted({r[2] for r in rows})))
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as error:
        sys.exit('benchmark: %s' % error)
