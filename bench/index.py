#!/usr/bin/env python3
"""Benchmark: the project summary index against a plain pass over the same units.

Generates a git repository of --units translation units that include the real
cpp-jwt and Poco headers (Debian libcpp-jwt-dev, libpoco-dev): request handlers
(Poco HTTPRequestHandler) call token validators defined in other files, which
call decode helpers defined in other files again (cpp-jwt's jwt::decode or
Poco's JWT Signer); some calls are handled, some not; a few handlers also call
inline decode helpers of repository headers. A compile_commands.json lists
every unit. Then measures, the configurations alternating for --rounds rounds:

  plain      failguard-tidy with one cheap built-in check over every unit,
             one after another (the same -j 1 as the index build)
  by hand    failguard-tidy writing each unit's summaries
             (--summarise-to), one after
             another: the summary pass without the driver
  cold       git failguard index -j 1, an empty cache
  shard K/2  git failguard index -j 1 --shard K/2 --output FILE, an empty cache
  merge      git failguard index merge --output FILE SHARD1 SHARD2
  merge to cache
             git failguard index merge SHARD1 SHARD2, into an empty cache
             (the lint job after a sharded build), and then
  after merge
             git failguard index -j 1 in that cache (nothing to summarise)
  PR run     three files changed since the commit, the index warm (built at
             the commit): git failguard -j 1 --verbose; two changes:
             "helpers" (a decode helper, a validator that stops handling,
             a handler) and "leaves" (three handlers, which nothing calls)
  no index   the same change: git failguard -j 1 --verbose --no-index (the
             driver without the index: only the units the change touches)

Every run gets a private XDG_CACHE_HOME under a temporary directory. Prints
median CPU times (user + system of the process and the processes it waited
for, from wait4), wall times, peak memory (the largest ru_maxrss among them),
the index size on disk, and the ratios, then a summary block.

Usage: bench/index.py [--bin build/bin] [--units 300] [--rounds 3]
"""
import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHEAP_CHECK = 'readability-avoid-const-params-in-decls'
INDEX_CHECK = 'failguard-auth-exception-escape'
# Headers the generated units include, and the Debian packages that ship them.
REQUIRED_HEADERS = {'jwt/jwt.hpp': 'libcpp-jwt-dev', 'Poco/JWT/Signer.h': 'libpoco-dev',
                    'Poco/Net/HTTPRequestHandler.h': 'libpoco-dev'}

# A decode helper: the token parsed by cpp-jwt (even units) or Poco JWT (odd
# units), nothing handled, so the library's exceptions leave it; next to it a
# helper that handles everything.
DECODE_CPPJWT = '''#include "app/decode/group{group}.h"

#include <jwt/jwt.hpp>

namespace app::decode {{

std::string subject{i}(const std::string &raw) {{
  using namespace jwt::params;
  auto obj = jwt::decode(raw, algorithms({{"HS256"}}), secret("key-{i}"), verify(true));
  return obj.payload().get_claim_value<std::string>("{claim}");
}}

bool wellFormed{i}(const std::string &raw) {{
  using namespace jwt::params;
  try {{
    jwt::decode(raw, algorithms({{"HS256"}}), verify(false));
    return true;
  }} catch (const std::exception &) {{
    return false;
  }}
}}

}} // namespace app::decode
'''
DECODE_POCO = '''#include "app/decode/group{group}.h"

#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>

namespace app::decode {{

std::string subject{i}(const std::string &raw) {{
  Poco::JWT::Signer signer("key-{i}");
  Poco::JWT::Token token = signer.verify(raw);
  return token.{getter}();
}}

bool wellFormed{i}(const std::string &raw) {{
  Poco::JWT::Signer signer("key-{i}");
  Poco::JWT::Token token;
  try {{
    return signer.tryVerify(raw, token);
  }} catch (const Poco::Exception &) {{
    return false;
  }}
}}

}} // namespace app::decode
'''
DECODE_HEADER_ITEM = '''std::string subject{i}(const std::string &raw);
bool wellFormed{i}(const std::string &raw);
'''

# A validator calls two decode helpers of other units. What it does about
# their exceptions, by variant: nothing; catch (const std::exception &);
# cpp-jwt's two base classes only; Poco::Exception only.
VALIDATOR_INCLUDES = ['<string>', '<stdexcept>', '<jwt/jwt.hpp>', '<Poco/Exception.h>']
VALIDATOR_BODY = [
    '''  return !app::decode::subject{a}(raw).empty() && app::decode::wellFormed{b}(raw);
''',
    '''  try {{
    return !app::decode::subject{a}(raw).empty() && app::decode::wellFormed{b}(raw);
  }} catch (const std::exception &) {{
    return false;
  }}
''',
    '''  try {{
    return !app::decode::subject{a}(raw).empty() && app::decode::wellFormed{b}(raw);
  }} catch (const jwt::DecodeError &) {{
    return false;
  }} catch (const jwt::VerificationError &) {{
    return false;
  }}
''',
    '''  try {{
    return !app::decode::subject{a}(raw).empty() && app::decode::wellFormed{b}(raw);
  }} catch (const Poco::Exception &) {{
    return false;
  }}
''',
]
VALIDATOR = '''#include "app/auth/group{group}.h"
{decode_includes}
#include {include}

namespace app::auth {{

bool validate{j}(const std::string &raw) {{
{body}}}

}} // namespace app::auth
'''
VALIDATOR_HEADER_ITEM = 'bool validate{j}(const std::string &raw);\n'

# A request handler calls two validators of other units: unguarded, guarded
# by catch (const Poco::Exception &), or by catch (const std::exception &).
# One in ten also calls an inline decode helper of a repository header.
HANDLER = '''{includes}
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

namespace app::http {{

class Handler{h} : public Poco::Net::HTTPRequestHandler {{
public:
  void handleRequest(Poco::Net::HTTPServerRequest &request,
                     Poco::Net::HTTPServerResponse &response) override {{
{body}  }}
}};

}} // namespace app::http
'''
HANDLER_CALLS = '''{indent}const std::string &token = request.get("Authorization", "");
{indent}if (!app::auth::validate{c}(token) || !app::auth::validate{d}(token)) {{
{indent}  response.setStatus(Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED);
{indent}  response.send();
{indent}  return;
{indent}}}
{inline_call}{indent}response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
{extra}{indent}response.send() << "ok {h}";
'''
INLINE_HEADER = '''#pragma once
#include <jwt/jwt.hpp>
#include <string>

namespace app::claims {{

inline std::string peekSubject{k}(const std::string &raw) {{
  using namespace jwt::params;
  auto obj = jwt::decode(raw, algorithms({{"HS256"}}), verify(false));
  return obj.payload().get_claim_value<std::string>("sub");
}}

}} // namespace app::claims
'''
GROUP = 10  # functions declared per repository header


class Layout:
    """Which unit is what, and who calls whom. The kinds are drawn from a
    seeded generator, the same for every run: a pattern that repeats with
    the unit's position would line up with the shards (which take every
    N-th unit in path order) and make one shard heavier than the other."""

    def __init__(self, units):
        if units < 6:
            sys.exit('benchmark: --units must be at least 6')
        self.decoders = units // 3
        self.validators = units // 3
        self.handlers = units - self.decoders - self.validators
        self.inline_headers = max(1, units // 60)
        draw = random.Random(20261204)
        # cpp-jwt or Poco JWT in each decode helper.
        self.decoder_kind = [draw.choice(('cpp-jwt', 'poco')) for _ in range(self.decoders)]
        # What each validator catches (an index into VALIDATOR_BODY).
        self.validator_variant = [draw.randrange(4) for _ in range(self.validators)]
        # What each handler catches (0: nothing, 1: Poco::Exception, 2:
        # std::exception), and the inline header helper it also calls, if any.
        self.handler_variant = [draw.randrange(3) for _ in range(self.handlers)]
        self.handler_inline = [draw.randrange(self.inline_headers) if draw.random() < 0.1
                               else None for _ in range(self.handlers)]
        # The validator the "helpers" change makes stop handling handles
        # everything before.
        self.validator_variant[self.validators // 2] = 1
        # Whom each calls: one callee in order, so that every function has a
        # caller, and one drawn; about two callers each.
        self.validator_second = [draw.randrange(self.decoders) for _ in range(self.validators)]
        self.handler_second = [draw.randrange(self.validators) for _ in range(self.handlers)]

    def validator_callees(self, j):
        return j % self.decoders, self.validator_second[j]

    def handler_callees(self, h):
        return h % self.validators, self.handler_second[h]

    def changes(self):
        """The two changes of three files each, as (kind, number) lists.
        helpers: a decode helper reads another claim (what escapes it stays
        the same), a validator that handled everything stops handling (the
        escapes of its callers in other units change), a handler sets one
        more header. leaves: three handlers set one more header (nothing
        calls a handler)."""
        return {'helpers': [('decode', self.decoders // 3), ('validator', self.validators // 2),
                            ('handler', (2 * self.handlers) // 3)],
                'leaves': [('handler', self.handlers // 4), ('handler', self.handlers // 2),
                           ('handler', (3 * self.handlers) // 4)]}


def decode_source(layout, i, changed=False):
    if layout.decoder_kind[i] == 'cpp-jwt':
        return DECODE_CPPJWT.format(i=i, group=i // GROUP, claim='iss' if changed else 'sub')
    return DECODE_POCO.format(i=i, group=i // GROUP, getter='getIssuer' if changed else 'getSubject')


def validator_source(layout, j, changed=False):
    a, b = layout.validator_callees(j)
    variant = 0 if changed else layout.validator_variant[j]
    groups = sorted({a // GROUP, b // GROUP})
    return VALIDATOR.format(j=j, group=j // GROUP,
                            decode_includes=''.join('#include "app/decode/group%d.h"\n' % g
                                                    for g in groups),
                            include=VALIDATOR_INCLUDES[variant],
                            body=VALIDATOR_BODY[variant].format(a=a, b=b))


def handler_source(layout, h, changed=False):
    c, d = layout.handler_callees(h)
    k = layout.handler_inline[h]
    variant = layout.handler_variant[h]
    indent = '    ' if variant == 0 else '      '
    inline_call = ''
    if k is not None:
        inline_call = ('%sresponse.set("X-Subject", app::claims::peekSubject%d(token));\n' %
                       (indent, k))
    extra = '%sresponse.set("X-Handler", "%d");\n' % (indent, h) if changed else ''
    calls = HANDLER_CALLS.format(indent=indent, c=c, d=d, h=h, inline_call=inline_call,
                                 extra=extra)
    if variant == 0:
        body = calls
    else:
        caught = 'Poco::Exception' if variant == 1 else 'std::exception'
        body = ('    try {\n' + calls + '    } catch (const %s &) {\n' % caught +
                '      response.setStatus(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);\n'
                '      response.send();\n    }\n')
    includes = ''.join('#include "app/auth/group%d.h"\n' % g
                       for g in sorted({c // GROUP, d // GROUP}))
    if k is not None:
        includes += '#include "app/claims/inline%d.h"\n' % k
    return HANDLER.format(h=h, includes=includes, body=body)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)


def generate(repo, layout):
    """Writes and commits the repository; returns the units' paths and the
    changed files' (path, new content)."""
    units = []
    for kind, count, item in (('decode', layout.decoders, DECODE_HEADER_ITEM),
                              ('auth', layout.validators, VALIDATOR_HEADER_ITEM)):
        for g in range((count + GROUP - 1) // GROUP):
            lines = ['#pragma once\n#include <string>\n\nnamespace app::%s {\n\n' % kind]
            for n in range(g * GROUP, min(count, (g + 1) * GROUP)):
                lines.append(item.format(i=n, j=n))
            lines.append('\n} // namespace app::%s\n' % kind)
            write(os.path.join(repo, 'include', 'app', kind, 'group%d.h' % g), ''.join(lines))
    for k in range(layout.inline_headers):
        write(os.path.join(repo, 'include', 'app', 'claims', 'inline%d.h' % k),
              INLINE_HEADER.format(k=k))
    for i in range(layout.decoders):
        units.append(os.path.join(repo, 'src', 'decode', 'decode%d.cpp' % i))
        write(units[-1], decode_source(layout, i))
    for j in range(layout.validators):
        units.append(os.path.join(repo, 'src', 'auth', 'validator%d.cpp' % j))
        write(units[-1], validator_source(layout, j))
    for h in range(layout.handlers):
        units.append(os.path.join(repo, 'src', 'http', 'handler%d.cpp' % h))
        write(units[-1], handler_source(layout, h))
    write(os.path.join(repo, '.gitignore'), 'build/\n')
    entries = [{'directory': repo, 'file': u,
                'arguments': ['clang++', '-std=c++17', '-I', os.path.join(repo, 'include'),
                              '-c', u]} for u in units]
    write(os.path.join(repo, 'build', 'compile_commands.json'), json.dumps(entries, indent=1))
    git = ['git', '-C', repo, '-c', 'user.name=bench', '-c', 'user.email=bench@failguard.invalid']
    subprocess.run(git + ['init', '-q', '-b', 'main'], check=True)
    subprocess.run(git + ['add', '-A'], check=True)
    subprocess.run(git + ['commit', '-q', '-m', 'base'], check=True)
    sources = {'decode': ('decode', decode_source), 'validator': ('auth', validator_source),
               'handler': ('http', handler_source)}
    changes = {}
    for name, files in layout.changes().items():
        changes[name] = [(os.path.join(repo, 'src', sources[kind][0], '%s%d.cpp' % (kind, n)),
                          sources[kind][1](layout, n, changed=True)) for kind, n in files]
    return units, changes


class Result:
    def __init__(self, cpu, wall, rss, out, err):
        self.cpu, self.wall, self.rss, self.out, self.err = cpu, wall, rss, out, err


def run(command, env, cwd=None, allowed=(0,)):
    """CPU seconds (the process and the processes it waited for), wall
    seconds, peak resident memory (KiB), standard output and error."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
        code = os.waitstatus_to_exitcode(status)
        if code not in allowed:
            sys.exit('benchmark: %s failed (exit %d):\n%s%s' % (' '.join(command), code, stdout,
                                                                stderr))
        return Result(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss, stdout, stderr)


def sequence(commands, env, cwd=None, allowed=(0,)):
    """Runs \\p commands one after another: summed CPU and wall, the largest
    peak memory, and each command's CPU time."""
    results = [run(c, env, cwd, allowed) for c in commands]
    total = Result(sum(r.cpu for r in results), sum(r.wall for r in results),
                   max(r.rss for r in results), ''.join(r.out for r in results),
                   ''.join(r.err for r in results))
    total.each = [r.cpu for r in results]
    return total


def disk_usage(path):
    """(bytes, files) under \\p path (a file or a directory)."""
    if os.path.isfile(path):
        return os.path.getsize(path), 1
    size = files = 0
    for directory, _, names in os.walk(path):
        for name in names:
            size += os.path.getsize(os.path.join(directory, name))
            files += 1
    return size, files


def driver_lines(err, *needles):
    """The driver's own lines that contain one of \p needles."""
    return [line for line in err.splitlines() if line.startswith('git-failguard: ')
            and any(n in line for n in needles)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--bin', default=os.path.join(ROOT, 'build', 'bin'))
    parser.add_argument('--units', type=int, default=300)
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--keep', action='store_true', help='keep the temporary directory')
    parser.add_argument('--pr-only', action='store_true',
                        help='measure only the PR runs (the warm index is built, not timed)')
    args = parser.parse_args()
    tidy = os.path.join(args.bin, 'failguard-tidy')
    driver = os.path.join(args.bin, 'git-failguard')
    for tool in (tidy, driver):
        if not os.access(tool, os.X_OK):
            sys.exit('benchmark: %s is missing; run scripts/build.sh first' % tool)
    for header, package in REQUIRED_HEADERS.items():
        if not os.path.exists(os.path.join('/usr/include', header)):
            sys.exit('benchmark: /usr/include/%s is missing; install %s' % (header, package))

    work = tempfile.mkdtemp(prefix='failguard-index-bench-')
    try:
        repo = os.path.join(work, 'repo')
        layout = Layout(args.units)
        units, changes = generate(repo, layout)
        build = os.path.join(repo, 'build')
        base_env = {k: v for k, v in os.environ.items()
                    if not k.startswith('FAILGUARD_') and k != 'CI'}
        base_env['PATH'] = args.bin + os.pathsep + os.environ['PATH']
        homes = []

        def fresh_home(seed=None):
            """An XDG_CACHE_HOME of its own, empty or a copy of \p seed."""
            home = os.path.join(work, 'home%d' % len(homes))
            homes.append(home)
            if seed:
                shutil.copytree(seed, home, symlinks=True)
            else:
                os.makedirs(home)
            return home, dict(base_env, XDG_CACHE_HOME=home)

        def reset_tree():
            subprocess.run(['git', '-C', repo, 'checkout', '-q', '--', '.'], check=True)

        def plain_pass():
            _, env = fresh_home()
            return sequence([[tidy, '--quiet', '-p', build, '--checks=-*,' + CHEAP_CHECK, u]
                             for u in units], env)

        def summary_pass():
            home, env = fresh_home()
            commands = [[tidy, '--quiet', '--summarise-to=%s/%d.json' % (home, n), '-p', build,
                         '--checks=-*,' + INDEX_CHECK, u] for n, u in enumerate(units)]
            result = sequence(commands, env)
            result.functions = 0
            for n in range(len(units)):
                with open(os.path.join(home, '%d.json' % n)) as f:
                    result.functions += sum(len(u['functions']) for u in json.load(f)['units'])
            return result

        def index_file(home):
            store = os.path.join(home, 'failguard', 'index')
            files = [os.path.join(store, n) for n in os.listdir(store)
                     if os.path.isfile(os.path.join(store, n)) and
                     re.match(r'^[0-9a-f]{16}\.(fgindex|json)$', n)]
            if len(files) != 1:
                sys.exit('benchmark: expected one index file in %s, found %s' % (store, files))
            return files[0]

        def pr_runs():
            """Each change on top of the index built at the commit; both runs
            start from a copy of that cache (no baseline facts yet)."""
            for scenario, files in changes.items():
                reset_tree()
                for path, text in files:
                    write(path, text)
                for name, extra in (('PR run', []), ('no index', ['--no-index'])):
                    _, env = fresh_home(warm)
                    results['%s, %s' % (name, scenario)].append(
                        run([driver, '-j', '1', '--verbose'] + extra, env, cwd=repo,
                            allowed=(0, 1)))
            reset_tree()
            for home in homes:
                if home != warm and os.path.isdir(home):
                    shutil.rmtree(home)
            for path in os.listdir(work):
                if path.endswith('.json'):
                    os.remove(os.path.join(work, path))

        names = [] if args.pr_only else ['plain', 'by hand', 'cold', 'shard 1/2', 'shard 2/2',
                                         'merge', 'merge to cache', 'after merge']
        for scenario in changes:
            names += ['PR run, ' + scenario, 'no index, ' + scenario]
        results = {name: [] for name in names}
        sizes = shards_equal = warm = None
        if args.pr_only:
            warm, env = fresh_home()
            run([driver, 'index', '-j', '1'], env, cwd=repo)
        for round_ in range(args.rounds):
            reset_tree()
            if args.pr_only:
                pr_runs()
                continue
            results['plain'].append(plain_pass())
            results['by hand'].append(summary_pass())

            home, env = fresh_home()
            results['cold'].append(run([driver, 'index', '-j', '1'], env, cwd=repo))
            full = index_file(home)
            if sizes is None:
                store = os.path.dirname(full)
                sizes = [('index file', disk_usage(full))] + [
                    ('%s/' % n, disk_usage(os.path.join(store, n))) for n in sorted(
                        os.listdir(store)) if os.path.isdir(os.path.join(store, n))]
            if warm is None:
                warm = home  # the cache of a CI job restored from the target branch

            shard_files = []
            for k in (1, 2):
                _, env = fresh_home()
                out = os.path.join(work, 'shard%d-%d.json' % (k, round_))
                results['shard %d/2' % k].append(
                    run([driver, 'index', '-j', '1', '--shard', '%d/2' % k, '--output', out],
                        env, cwd=repo))
                shard_files.append(out)
            merged = os.path.join(work, 'merged%d.json' % round_)
            results['merge'].append(run([driver, 'index', 'merge', '--output', merged] +
                                        shard_files, env, cwd=repo))
            with open(merged, 'rb') as a, open(full, 'rb') as b:
                shards_equal = a.read() == b.read()
            # The lint job: the shards merged into its cache, then the index
            # brought up to date there (nothing left to summarise).
            _, env = fresh_home()
            results['merge to cache'].append(run([driver, 'index', 'merge'] + shard_files, env,
                                                 cwd=repo))
            results['after merge'].append(run([driver, 'index', '-j', '1'], env, cwd=repo))

            pr_runs()

        cpu = {n: statistics.median(r.cpu for r in results[n]) for n in names}
        wall = {n: statistics.median(r.wall for r in results[n]) for n in names}
        rss = {n: max(r.rss for r in results[n]) for n in names}
        print('%d translation units (%d decode helpers, %d validators, %d request handlers; '
              '%d inline header helpers), real cpp-jwt and Poco headers; %d round(s), medians' %
              (len(units), layout.decoders, layout.validators, layout.handlers,
               layout.inline_headers, args.rounds))
        print('plain: failguard-tidy --checks=-*,%s on every unit, one after another' %
              CHEAP_CHECK)
        for scenario, files in changes.items():
            print('change "%s": %s' % (scenario, ', '.join(
                os.path.relpath(path, repo) for path, _ in files)))
        for name in names:
            print('  %-19s CPU %8.2f s (min %8.2f, max %8.2f)  wall %7.2f s  peak RSS %6.1f MiB' %
                  (name, cpu[name], min(r.cpu for r in results[name]),
                   max(r.cpu for r in results[name]), wall[name], rss[name] / 1024))
        pr_names = [n for n in names if n.startswith(('PR run', 'no index'))]
        if not args.pr_only:
            ratios = sorted(hand / plain for hand, plain in
                            zip(results['by hand'][-1].each, results['plain'][-1].each))
            print('  per unit, by hand / plain (last round): median %.3fx, 10th-90th percentile '
                  '%.3fx-%.3fx' % (statistics.median(ratios), ratios[len(ratios) // 10],
                                   ratios[(9 * len(ratios)) // 10]))
            print('  functions summarised: %d' % results['by hand'][-1].functions)
        for name in [n for n in names if n in ('cold', 'shard 1/2', 'shard 2/2', 'after merge')] + \
                pr_names:
            for line in driver_lines(results[name][-1].err, 'index of', 'summary index:',
                                     'translation unit(s)', 'call into a changed file'):
                print('  %-19s %s' % (name, line))
        for scenario in changes:
            print('  findings, %s: PR run %d, no index %d' % (scenario, *[
                results['%s, %s' % (name, scenario)][-1].out.count('warning:')
                for name in ('PR run', 'no index')]))
        if not args.pr_only:
            print('  the merged shards equal the full index byte for byte: %s' %
                  ('yes' if shards_equal else 'NO'))
            print('  on disk: ' + '; '.join('%s %.1f KiB (%d file%s)' % (
                name, size / 1024, count, '' if count == 1 else 's')
                for name, (size, count) in sizes))

        def verdict(ok):
            return 'met' if ok else 'MISSED'

        print('summary (CPU time ratios of medians):')
        if not args.pr_only:
            ratio = cpu['cold'] / cpu['plain']
            print('  cold index / plain                 %.3fx  (target <= 1.15x: %s)' %
                  (ratio, verdict(ratio <= 1.15)))
            print('  by hand / plain                    %.3fx  (the summary pass without the driver)' %
                  (cpu['by hand'] / cpu['plain']))
        for scenario in changes:
            ratio = cpu['PR run, ' + scenario] / cpu['no index, ' + scenario]
            print('  PR run / no index, %-15s %.3fx  (target <= 1.2x: %s)' %
                  (scenario, ratio, verdict(ratio <= 1.2)))
        if not args.pr_only:
            for k in (1, 2):
                print('  shard %d/2 / cold index             %.3fx  (target about 0.5x)' %
                      (k, cpu['shard %d/2' % k] / cpu['cold']))
            for name in ('merge', 'merge to cache'):
                print('  index %-28s %.3f s  (target < 2 s: %s)' %
                      (name + ', wall', wall[name], verdict(wall[name] < 2)))
            print('  index on disk                      %.1f KiB' %
                  (sum(size for _, (size, _) in sizes) / 1024))
            print('  peak memory, cold index / plain    %.1f / %.1f MiB = %.3fx' %
                  (rss['cold'] / 1024, rss['plain'] / 1024, rss['cold'] / rss['plain']))
    finally:
        if args.keep:
            print('kept %s' % work)
        else:
            shutil.rmtree(work)


if __name__ == '__main__':
    main()
