#!/usr/bin/env python3
"""Benchmark: the cost of the baseline checks over a plain parse of the same TU.

Creates a git repository holding a translation unit that includes the real
cpp-jwt and Poco headers (Debian libcpp-jwt-dev, libpoco-dev) and many
functions guarding token calls, commits it, then measures in one run, the
configurations alternating for several rounds:

  plain      failguard-tidy with one cheap built-in check (a plain parse)
  unchanged  the two baseline checks, the file equal to the baseline
  cold       the two baseline checks, the file changed, an empty cache
  warm       the same, the cache filled by an earlier run

and prints median CPU times, peak memory, and the ratios to plain.

With --preamble it also measures the design the cold case was weighed
against: the unit's own parse through a precompiled preamble of its #include
block, which a baseline parse could then share. It prints a lower bound of
that design's cost, building the preamble (clang++ of the same LLVM major,
-x c++-header) plus the plain pass with -include-pch, before any baseline
parse, and its ratio to plain.

Usage: bench/baseline.py [--tidy build/bin/failguard-tidy] [--functions 40] [--rounds 5]
                         [--preamble]
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

CHEAP_CHECK = 'readability-avoid-const-params-in-decls'
BASELINE_CHECKS = 'failguard-removed-exception-handler,failguard-narrowed-optional-return'

HEADER = '''#include <jwt/jwt.hpp>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/JWTException.h>
#include <optional>
#include <string>
'''
FUNCTION = '''
std::optional<std::string> subject{i}(const std::string &raw) {{
  using namespace jwt::params;
  try {{
    auto obj = jwt::decode(raw, algorithms({{"HS256"}}), secret("k"), verify(true));
    return obj.payload().get_claim_value<std::string>("sub");
  }} catch (const jwt::DecodeError &) {{
    return std::nullopt;
  }} catch (const jwt::VerificationError &) {{
    return std::nullopt;
  }}
}}
bool signed{i}(const std::string &raw) {{
  try {{
    Poco::JWT::Token token;
    return Poco::JWT::Signer("k").tryVerify(raw, token);
  }} catch (const Poco::Exception &) {{
    return false;
  }}
}}
'''
# The change: the first function loses its handler and its optional.
CHANGED = '''
std::string subject0(const std::string &raw) {
  using namespace jwt::params;
  auto obj = jwt::decode(raw, algorithms({"HS256"}), secret("k"), verify(true));
  return obj.payload().get_claim_value<std::string>("sub");
}
'''


def source(functions, changed):
    parts = [HEADER]
    for i in range(functions):
        text = FUNCTION.format(i=i)
        if changed and i == 0:
            text = CHANGED + text[text.index('bool signed0'):]
        parts.append(text)
    return ''.join(parts)


def run(command, env):
    """CPU seconds, peak resident memory (KiB) and standard output of one process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit('benchmark: %s failed:\n%s%s' %
                     (' '.join(command), out.read().decode(), err.read().decode()))
        return usage.ru_utime + usage.ru_stime, usage.ru_maxrss, out.read().decode()


def llvm_major(tidy):
    out = subprocess.run([tidy, '--version'], capture_output=True, text=True, check=True).stdout
    found = re.search(r'LLVM version (\d+)', out)
    if not found:
        sys.exit('benchmark: cannot read the LLVM version from %s --version' % tidy)
    return int(found.group(1))


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--tidy', default=os.path.join(root, 'build', 'bin', 'failguard-tidy'))
    parser.add_argument('--functions', type=int, default=40)
    parser.add_argument('--rounds', type=int, default=5)
    parser.add_argument('--preamble', action='store_true',
                        help='also measure the lower bound of a shared preamble (needs clang++)')
    args = parser.parse_args()
    clang = None
    if args.preamble:
        clang = shutil.which('clang++-%d' % llvm_major(args.tidy))
        if not clang:
            sys.exit('benchmark: --preamble needs clang++-%d on PATH' % llvm_major(args.tidy))

    work = tempfile.mkdtemp(prefix='failguard-bench-')
    try:
        repo = os.path.join(work, 'repo')
        os.makedirs(repo)
        git = ['git', '-C', repo, '-c', 'user.name=bench', '-c', 'user.email=bench@failguard.invalid']
        path = os.path.join(repo, 'auth.cpp')
        with open(path, 'w') as f:
            f.write(source(args.functions, changed=False))
        subprocess.run(git + ['init', '-q', '-b', 'main'], check=True)
        subprocess.run(git + ['add', '-A'], check=True)
        subprocess.run(git + ['commit', '-q', '-m', 'base'], check=True)
        env = dict(os.environ)
        flags = ['--', '-std=c++17']

        def tidy(checks, cache):
            return [args.tidy, '--quiet', '--checks=-*,' + checks, path,
                    '--config={CheckOptions: {CacheDirectory: \'%s\'}}' % cache] + flags

        warm_cache = os.path.join(work, 'warm')
        names = ('plain', 'unchanged', 'cold', 'warm')
        if args.preamble:
            names += ('pch-build', 'pch-unit')
            header = os.path.join(work, 'preamble.h')
            with open(header, 'w') as f:
                f.write(HEADER)
            pch = header + '.pch'
        results = {name: [] for name in names}
        findings = {}
        for _ in range(args.rounds):
            with open(path, 'w') as f:
                f.write(source(args.functions, changed=False))
            results['plain'].append(run(tidy(CHEAP_CHECK, warm_cache), env))
            if args.preamble:
                results['pch-build'].append(run(
                    [clang, '-std=c++17', '-x', 'c++-header', header, '-o', pch], env))
                results['pch-unit'].append(run(
                    tidy(CHEAP_CHECK, warm_cache) + ['-include-pch', pch], env))
            results['unchanged'].append(run(tidy(BASELINE_CHECKS, warm_cache), env))
            with open(path, 'w') as f:
                f.write(source(args.functions, changed=True))
            cold_cache = tempfile.mkdtemp(dir=work)
            cold = run(tidy(BASELINE_CHECKS, cold_cache), env)
            results['cold'].append(cold)
            shutil.rmtree(cold_cache)
            run(tidy(BASELINE_CHECKS, warm_cache), env)
            warm = run(tidy(BASELINE_CHECKS, warm_cache), env)
            results['warm'].append(warm)
            findings = {'cold': cold[2].count('warning:'), 'warm': warm[2].count('warning:')}

        cpu = {k: statistics.median(r[0] for r in v) for k, v in results.items()}
        rss = {k: max(r[1] for r in v) for k, v in results.items()}
        print('one translation unit with the real cpp-jwt and Poco headers, %d guarded functions, '
              '%d rounds' % (2 * args.functions, args.rounds))
        targets = {'unchanged': 1.03, 'cold': 1.15, 'warm': 1.03}
        for name in ('plain', 'unchanged', 'cold', 'warm'):
            line = '  %-10s median CPU %.3f s, peak RSS %6.1f MiB' % (name, cpu[name], rss[name] / 1024)
            if name in targets:
                line += '   ratio %.3fx (target <= %.2fx)' % (cpu[name] / cpu['plain'], targets[name])
            print(line)
        if args.preamble:
            bound = cpu['pch-build'] + cpu['pch-unit']
            print('  preamble   median CPU %.3f s building it + %.3f s for the plain pass through it'
                  ' = %.3f s   ratio %.3fx, before any baseline parse (a lower bound)'
                  % (cpu['pch-build'], cpu['pch-unit'], bound, bound / cpu['plain']))
        print('  findings on the changed file: %d cold, %d warm' % (findings['cold'], findings['warm']))
        print('peak memory ratio (cold / plain): %.3fx (target <= 1.2x)' % (rss['cold'] / rss['plain']))
    finally:
        shutil.rmtree(work)


if __name__ == '__main__':
    main()
