#!/usr/bin/env python3
"""Benchmark: git-failguard's selection overhead and its parallel speed-up.

Generates a git repository of --units translation units (each a small
authentication filter over shared headers), commits it, then changes three
files: two sources and one header that four units include. Measured in one
run:

  by hand   failguard-tidy run sequentially on exactly the affected units
  -j 1      git failguard -j 1 (dependency map and summary index warm, as on a
            developer's machine)
  -j 1 cold git failguard -j 1 with no dependency map and no summary index yet
            (every unit scanned and summarised once)
  -j 2      git failguard -j 2, warm

Each run gets a fresh facts cache, so every configuration parses the same
baselines. Prints median wall times, the selection overhead (-j 1 over by
hand) and the speed-up of -j 2 over -j 1.

Usage: bench/driver.py [--units 200] [--rounds 3]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADERS = os.path.join(ROOT, 'test', 'Inputs', 'Headers')

UNIT = '''#include "common/token.h"
#include "group{group}.h"

#include <drogon/HttpFilter.h>

class Filter{i} : public drogon::HttpFilter<Filter{i}> {{
public:
  void doFilter(const drogon::HttpRequestPtr &req, drogon::FilterCallback &&fcb,
                drogon::FilterChainCallback &&fccb) override {{
    if (tokenOk(req->getHeader("Authorization")) && group{group}(req->getHeader("X-Id")))
      fccb();
  }}
}};
'''
TOKEN = '''#pragma once
#include <jwt-cpp/jwt.h>

inline bool tokenOk(const std::string &raw) {
  try {
    jwt::decode(raw);
    return true;
  } catch (const std::exception &) {
    return false;
  }
}
'''
GROUP = '''#pragma once
#include <jwt-cpp/jwt.h>

inline bool group{g}(const std::string &raw) {{
  try {{
    return !jwt::decode(raw).get_subject().empty();
  }} catch (const std::exception &) {{
    return false;
  }}
}}
'''


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)


def timed(command, cwd, env):
    start = time.perf_counter()
    run = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    elapsed = time.perf_counter() - start
    if run.returncode not in (0, 1):
        sys.exit('benchmark: %s failed (%d):\n%s' % (' '.join(command), run.returncode, run.stderr))
    summary = [line for line in run.stderr.splitlines() if 'analysing' in line]
    if summary:
        print('    ' + summary[-1])
    return elapsed, run.stdout.count('warning:')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--units', type=int, default=200)
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--bin', default=os.path.join(ROOT, 'build', 'bin'))
    args = parser.parse_args()
    tidy = os.path.join(args.bin, 'failguard-tidy')
    driver = os.path.join(args.bin, 'git-failguard')

    work = tempfile.mkdtemp(prefix='failguard-driver-bench-')
    try:
        repo = os.path.join(work, 'repo')
        groups = args.units // 4
        write(os.path.join(repo, 'common', 'token.h'), TOKEN)
        for g in range(groups):
            write(os.path.join(repo, 'group%d.h' % g), GROUP.format(g=g))
        units = []
        for i in range(args.units):
            path = os.path.join(repo, 'src', 'filter%d.cpp' % i)
            write(path, UNIT.format(i=i, group=i // 4))
            units.append(path)
        write(os.path.join(repo, '.gitignore'), 'build/\n')
        entries = [{'directory': repo, 'file': u,
                    'arguments': ['clang++', '-std=c++17', '-isystem', HEADERS, '-I', repo, '-c', u]}
                   for u in units]
        write(os.path.join(repo, 'build', 'compile_commands.json'), json.dumps(entries))
        git = ['git', '-C', repo, '-c', 'user.name=bench', '-c', 'user.email=bench@failguard.invalid']
        subprocess.run(git + ['init', '-q', '-b', 'main'], check=True)
        subprocess.run(git + ['add', '-A'], check=True)
        subprocess.run(git + ['commit', '-q', '-m', 'base'], check=True)

        # The change: two filters lose nothing but change text, one group header
        # loses its handler (four filters include it).
        for i in (10, 150):
            with open(units[i], 'a') as f:
                f.write('// touched\n')
        write(os.path.join(repo, 'group7.h'), GROUP.format(g=7).replace(
            '  try {\n    return', '  {\n    return').replace(
            '  } catch (const std::exception &) {\n    return false;\n  }\n', '  }\n'))
        affected = sorted([units[10], units[150]] + [units[i] for i in range(28, 32)])

        base_env = dict(os.environ, PATH=args.bin + os.pathsep + os.environ['PATH'])
        checks = '--checks=-*,failguard-*'

        def env_with_cache(name):
            return dict(base_env, XDG_CACHE_HOME=os.path.join(work, name))

        deps_home = os.path.join(work, 'deps-home')
        results = {'by hand': [], '-j 1': [], '-j 1 cold': [], '-j 2': []}
        findings = {}
        for round_ in range(args.rounds):
            start = time.perf_counter()
            found = set()
            cache = env_with_cache('hand%d' % round_)
            # What the driver tells its analyses: the baseline, changed functions only.
            run_file = os.path.join(work, 'hand%d-run.json' % round_)
            with open(run_file, 'w') as f:
                json.dump({'format': 'failguard-run-1', 'baseline': {'ref': 'HEAD'},
                           'changed_functions_only': True}, f)
            for unit in affected:
                run = subprocess.run([tidy, '--quiet', '--failguard-run=' + run_file,
                                      '-p', os.path.join(repo, 'build'), checks,
                                      '--header-filter=^' + repo + '/', unit], env=cache,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                found |= {line for line in run.stdout.splitlines() if 'warning:' in line}
            results['by hand'].append(time.perf_counter() - start)
            findings['by hand'] = len(found)  # header findings once, as the driver reports them

            cold = env_with_cache('cold%d' % round_)
            elapsed, findings['-j 1 cold'] = timed([driver, '-j', '1'], repo, cold)
            results['-j 1 cold'].append(elapsed)
            for name, jobs in (('-j 1', '1'), ('-j 2', '2')):
                env = env_with_cache('%s%d' % (name, round_))
                # A warm dependency map and summary index, a cold facts cache.
                cold_cache = os.path.join(work, 'cold%d' % round_, 'failguard')
                warm_cache = os.path.join(env['XDG_CACHE_HOME'], 'failguard')
                os.makedirs(warm_cache, exist_ok=True)
                for entry in os.listdir(cold_cache):
                    if entry.startswith('deps-'):
                        shutil.copy(os.path.join(cold_cache, entry), warm_cache)
                shutil.copytree(os.path.join(cold_cache, 'index'),
                                os.path.join(warm_cache, 'index'))
                elapsed, findings[name] = timed([driver, '-j', jobs], repo, env)
                results[name].append(elapsed)
        del deps_home

        medians = {k: statistics.median(v) for k, v in results.items()}
        print('%d translation units, 3 files changed, %d affected; %d rounds' %
              (args.units, len(affected), args.rounds))
        for name, value in medians.items():
            print('  %-10s median %.2f s   findings %d' % (name, value, findings[name]))
        print('selection overhead (-j 1 / by hand): %.3fx warm, %.3fx cold (target <= 1.10x)' % (
            medians['-j 1'] / medians['by hand'], medians['-j 1 cold'] / medians['by hand']))
        print('speed-up of -j 2 over -j 1: %.2fx' % (medians['-j 1'] / medians['-j 2']))
    finally:
        shutil.rmtree(work)


if __name__ == '__main__':
    main()
