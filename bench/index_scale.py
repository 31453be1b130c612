#!/usr/bin/env python3
"""Benchmark: how the summary index scales with the size of the repository.

For each N of --scale (default 300,3000,10000) generates a git repository of
N tiny translation units: no real cpp-jwt or Poco headers (those cost about a
second per unit), but two small vendored headers under third_party/ (included
with -isystem, as the installed libraries are) that declare what the built-in
models recognise by name: cpp-jwt's jwt::decode (returning jwt::jwt_object)
with its exception classes, and Poco's Net::HTTPRequestHandler::handleRequest.
A unit includes <stdexcept> and <string_view> and little else. The layers are
those of bench/index.py: request handlers call validators in other files,
which call decode helpers in other files again; some calls are handled, some
not; one handler in ten also calls an inline decode helper of a repository
header. A compile_commands.json lists every unit; one commit.

Then, per N, with -j --jobs (default 2):

  plain      failguard-tidy with one cheap built-in check over every unit,
             one process per unit, --jobs at a time (git failguard index
             runs one failguard-tidy per unit too); with --plain-sample K
             over K units spread evenly, its times scaled by N / K
  cold       git failguard index -j J, an empty cache
  PR run     three files changed since the commit (a decode helper, a
             validator that stops handling, a handler), the index warm
             (built at the commit): git failguard -j J --verbose;
             --pr-rounds rounds, medians. Each run gets the warm cache
             as a developer's machine keeps it: its files hard-linked (the
             same inodes and times; the run's writes replace files, never
             write into them)
  restored   the same run, the warm cache copied (new inodes, the same
             times), as CI restores it from an archive: the driver's memo of
             the entries (checked.json) holds for none of them
  no index   the same change: git failguard -j J --verbose --no-index
  direct     failguard-tidy --checks=-*,failguard-auth-exception-escape on
             each unit the PR run analysed, one after another, with the
             check's IndexFile set to the warm index and then to none: the
             difference per unit is the index's cost in one analysis
             (reading it, and the lookups); --pr-rounds rounds, medians

and the index's size on disk. CPU is user + system of the process and the
processes it waited for (wait4). Prints a table per N, then the ratios of the
largest N to the smallest, and cold / plain per N.

--profile runs the PR run once more at the largest N under cProfile (the
driver is a zipapp, run with runpy) and with failguard-tidy and
failguard-index replaced by wrappers that log each child's wall and CPU time:
where the driver's own time goes, and how long its children take.

Every run gets a private XDG_CACHE_HOME under a temporary directory, removed
at the end unless --keep.

Usage: bench/index_scale.py [--bin build/bin] [--scale 300,3000,10000] [--jobs 2]
                            [--pr-rounds 3] [--plain-sample K] [--bare] [--no-cold]
                            [--profile] [--keep]
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from index import (CHEAP_CHECK, INDEX_CHECK, ROOT, Result, disk_usage,  # noqa: E402
                   driver_lines, run, write)

write_file = write

GROUP = 10  # functions declared per repository header

# The vendored stand-in for cpp-jwt (jwt/jwt.hpp and jwt/exceptions.hpp of
# Debian libcpp-jwt-dev 1.4): the real names, the signature of jwt::decode
# and the exception hierarchy, no bodies. The model lists more exception
# classes; the ones a unit does not declare are ignored.
JWT_HEADER = '''// Stand-in for cpp-jwt 1.4's jwt/jwt.hpp: real names and signatures, no bodies.
#pragma once
#include <stdexcept>
#include <string_view>

namespace jwt {
using string_view = std::string_view;

class DecodeError : public std::runtime_error {
public:
  explicit DecodeError(std::string msg) : std::runtime_error(std::move(msg)) {}
};
class SignatureFormatError final : public DecodeError {
public:
  explicit SignatureFormatError(std::string msg) : DecodeError(std::move(msg)) {}
};
class VerificationError : public std::runtime_error {
public:
  explicit VerificationError(std::string msg) : std::runtime_error(std::move(msg)) {}
};
class TokenExpiredError final : public VerificationError {
public:
  explicit TokenExpiredError(std::string msg) : VerificationError(std::move(msg)) {}
};
class InvalidSignatureError final : public VerificationError {
public:
  explicit InvalidSignatureError(std::string msg) : VerificationError(std::move(msg)) {}
};

class jwt_payload {
public:
  template <typename T> T get_claim_value(const jwt::string_view cname) const;
};

class jwt_object {
public:
  jwt_payload &payload() noexcept;
};

namespace params {
struct secret_param { string_view secret; };
struct verify_param { bool verify; };
inline secret_param secret(string_view sv) { return {sv}; }
inline verify_param verify(bool v) { return {v}; }
} // namespace params

template <typename... Args>
jwt_object decode(const jwt::string_view enc_str, const Args &...args);

} // namespace jwt
'''

# The vendored stand-in for Poco's request handler: the base class whose
# handleRequest overrides are request handlers, and what a handler touches.
POCO_HEADER = '''// Stand-in for Poco 1.11's Poco/Net/HTTPRequestHandler.h and the request and
// response classes: real names, only what the handlers use.
#pragma once
#include <string>

namespace Poco::Net {

class HTTPServerRequest {
public:
  const std::string &get(const std::string &name, const std::string &defaultValue) const;
};

class HTTPResponse {
public:
  enum HTTPStatus { HTTP_OK = 200, HTTP_BAD_REQUEST = 400, HTTP_UNAUTHORIZED = 401 };
  void setStatus(HTTPStatus status);
  void set(const std::string &name, const std::string &value);
};

class HTTPServerResponse : public HTTPResponse {
public:
  virtual void send() = 0;
};

class HTTPRequestHandler {
public:
  virtual ~HTTPRequestHandler();
  virtual void handleRequest(HTTPServerRequest &request, HTTPServerResponse &response) = 0;
};

} // namespace Poco::Net
'''

# A decode helper: one function lets jwt::decode's exceptions out, one
# handles them all.
DECODE = '''#include "app/decode/group{group}.h"

#include <jwt/jwt.hpp>

namespace app::decode {{

std::string subject{i}(const std::string &raw) {{
  using namespace jwt::params;
  auto obj = jwt::decode(raw, secret("key-{i}"), verify(true));
  return obj.payload().get_claim_value<std::string>("{claim}");
}}

bool wellFormed{i}(const std::string &raw) {{
  using namespace jwt::params;
  try {{
    jwt::decode(raw, verify(false));
    return true;
  }} catch (const std::exception &) {{
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
# both of cpp-jwt's base classes; jwt::VerificationError only (a
# jwt::DecodeError escapes).
VALIDATOR_CALL = '!app::decode::subject{a}(raw).empty() && app::decode::wellFormed{b}(raw)'
VALIDATOR_BODY = [  # CALL stands for VALIDATOR_CALL
    '  return CALL;\n',
    '  try {\n    return CALL;\n  } catch (const std::exception &) {\n    return false;\n  }\n',
    '  try {\n    return CALL;\n  } catch (const jwt::DecodeError &) {\n    return false;\n'
    '  } catch (const jwt::VerificationError &) {\n    return false;\n  }\n',
    '  try {\n    return CALL;\n  } catch (const jwt::VerificationError &) {\n'
    '    return false;\n  }\n',
]
VALIDATOR = '''#include "app/auth/group{group}.h"
{decode_includes}
#include <jwt/jwt.hpp>

namespace app::auth {{

bool validate{j}(const std::string &raw) {{
{body}}}

}} // namespace app::auth
'''
VALIDATOR_HEADER_ITEM = 'bool validate{j}(const std::string &raw);\n'

# A request handler calls two validators of other units: unguarded, guarded
# by catch (const jwt::DecodeError &), or by catch (const std::exception &).
HANDLER = '''{includes}#include <Poco/Net/HTTPRequestHandler.h>
#include <jwt/jwt.hpp>

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
{extra}{indent}response.send();
'''
INLINE_HEADER = '''#pragma once
#include <jwt/jwt.hpp>
#include <string>

namespace app::claims {{

inline std::string peekSubject{k}(const std::string &raw) {{
  using namespace jwt::params;
  auto obj = jwt::decode(raw, verify(false));
  return obj.payload().get_claim_value<std::string>("sub");
}}

}} // namespace app::claims
'''


class Layout:
    """Which unit is what, and who calls whom, drawn from a seeded generator
    (the same for every run)."""

    def __init__(self, units):
        if units < 6:
            sys.exit('benchmark: a scale must be at least 6 units')
        self.decoders = units // 3
        self.validators = units // 3
        self.handlers = units - self.decoders - self.validators
        self.inline_headers = max(1, units // 60)
        draw = random.Random(20261207)
        self.validator_variant = [draw.randrange(len(VALIDATOR_BODY))
                                  for _ in range(self.validators)]
        self.handler_variant = [draw.randrange(3) for _ in range(self.handlers)]
        self.handler_inline = [draw.randrange(self.inline_headers) if draw.random() < 0.1
                               else None for _ in range(self.handlers)]
        # The validator the change makes stop handling handles everything before.
        self.validator_variant[self.validators // 2] = 1
        # One callee in order (every function has a caller) and one drawn.
        self.validator_second = [draw.randrange(self.decoders) for _ in range(self.validators)]
        self.handler_second = [draw.randrange(self.validators) for _ in range(self.handlers)]

    def validator_callees(self, j):
        return j % self.decoders, self.validator_second[j]

    def handler_callees(self, h):
        return h % self.validators, self.handler_second[h]

    def change(self):
        """The three files the PR changes: a decode helper reads another claim
        (what escapes it stays the same), a validator that handled everything
        stops handling (the escapes of its callers in other units change), a
        handler sets one more header."""
        return [('decode', self.decoders // 3), ('validator', self.validators // 2),
                ('handler', (2 * self.handlers) // 3)]


def decode_source(layout, i, changed=False):
    return DECODE.format(i=i, group=i // GROUP, claim='iss' if changed else 'sub')


def validator_source(layout, j, changed=False):
    a, b = layout.validator_callees(j)
    variant = 0 if changed else layout.validator_variant[j]
    return VALIDATOR.format(j=j, group=j // GROUP,
                            decode_includes=''.join('#include "app/decode/group%d.h"\n' % g
                                                    for g in sorted({a // GROUP, b // GROUP})),
                            body=VALIDATOR_BODY[variant].replace('CALL', VALIDATOR_CALL.format(a=a, b=b)))


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
    calls = HANDLER_CALLS.format(indent=indent, c=c, d=d, inline_call=inline_call, extra=extra)
    if variant == 0:
        body = calls
    else:
        caught = 'jwt::DecodeError' if variant == 1 else 'std::exception'
        body = ('    try {\n' + calls + '    } catch (const %s &) {\n' % caught +
                '      response.setStatus(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);\n'
                '      response.send();\n    }\n')
    includes = ''.join('#include "app/auth/group%d.h"\n' % g
                       for g in sorted({c // GROUP, d // GROUP}))
    if k is not None:
        includes += '#include "app/claims/inline%d.h"\n' % k
    return HANDLER.format(h=h, includes=includes, body=body)


# --bare: the units include no standard header at all (a unit then costs
# about a quarter of the CPU of one that includes <stdexcept>): the cpp-jwt stand-in declares std::exception and
# std::runtime_error itself, and the sources pass C strings instead of
# std::string. The layers, the calls and the handlers are the same.
BARE_STD = '''namespace std {
class exception {
public:
  exception() noexcept;
  virtual ~exception();
  virtual const char *what() const noexcept;
};
class runtime_error : public exception {
public:
  explicit runtime_error(const char *what);
};
} // namespace std
'''
BARE = [('#include <stdexcept>\n#include <string_view>\n', BARE_STD),
        ('#include <string>\n', ''),
        ('using string_view = std::string_view;',
         'class string_view {\npublic:\n  string_view(const char *s) noexcept;\n};'),
        ('std::move(msg)', 'msg'),
        ('const std::string &', 'const char *'),
        ('<std::string>', '<const char *>'),
        ('std::string ', 'const char *'),
        ('(raw).empty()', '(raw)[0] == 0')]


def bare(text):
    for old, new in BARE:
        text = text.replace(old, new)
    if 'std::string' in text or '#include <s' in text:
        sys.exit('benchmark: --bare left a standard library name in:\n' + text)
    return text


SOURCES = {'decode': ('decode', decode_source), 'validator': ('auth', validator_source),
           'handler': ('http', handler_source)}


def generate(repo, layout, bare_units=False):
    """Writes and commits the repository; returns the units' paths and the
    changed files' (path, new content)."""
    def write(path, text):
        write_file(path, bare(text) if bare_units else text)

    write(os.path.join(repo, 'third_party', 'jwt', 'jwt.hpp'), JWT_HEADER)
    write(os.path.join(repo, 'third_party', 'Poco', 'Net', 'HTTPRequestHandler.h'), POCO_HEADER)
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
    units = []
    for kind, count in (('decode', layout.decoders), ('validator', layout.validators),
                        ('handler', layout.handlers)):
        directory, source = SOURCES[kind]
        for n in range(count):
            units.append(os.path.join(repo, 'src', directory, '%s%d.cpp' % (kind, n)))
            write(units[-1], source(layout, n))
    write(os.path.join(repo, '.gitignore'), 'build/\n')
    entries = [{'directory': repo, 'file': u,
                'arguments': ['clang++', '-std=c++17', '-I', os.path.join(repo, 'include'),
                              '-isystem', os.path.join(repo, 'third_party'), '-c', u]}
               for u in units]
    write(os.path.join(repo, 'build', 'compile_commands.json'), json.dumps(entries, indent=1))
    git = ['git', '-C', repo, '-c', 'user.name=bench', '-c', 'user.email=bench@failguard.invalid']
    subprocess.run(git + ['init', '-q', '-b', 'main'], check=True)
    subprocess.run(git + ['add', '-A'], check=True)
    subprocess.run(git + ['commit', '-q', '-m', 'base'], check=True)
    changes = [(os.path.join(repo, 'src', SOURCES[kind][0], '%s%d.cpp' % (kind, n)),
                SOURCES[kind][1](layout, n, changed=True)) for kind, n in layout.change()]
    if bare_units:
        changes = [(path, bare(text)) for path, text in changes]
    return units, changes


def parallel(commands, env, jobs, cwd=None):
    """Runs \\p commands, \\p jobs at a time: summed CPU (each process and
    what it waited for), the wall time of the whole, the largest peak
    memory."""
    pending = list(reversed(commands))
    running = {}
    cpu = rss = 0
    start = time.perf_counter()
    with open(os.devnull, 'wb') as null:
        while pending or running:
            while pending and len(running) < jobs:
                command = pending.pop()
                process = subprocess.Popen(command, stdout=null, stderr=subprocess.DEVNULL,
                                           env=env, cwd=cwd)
                running[process.pid] = (process, command)
            pid, status, usage = os.wait4(-1, 0)
            if pid not in running:
                continue
            process, command = running.pop(pid)
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                sys.exit('benchmark: %s failed (exit %d)' % (' '.join(command),
                                                            process.returncode))
            cpu += usage.ru_utime + usage.ru_stime
            rss = max(rss, usage.ru_maxrss)
    return Result(cpu, time.perf_counter() - start, rss, '', '')


def analysed_units(err, repo):
    """The units the PR run analysed, from its --verbose lines: the affected
    ones and those the index sent to the second phase."""
    units = set()
    for line in err.splitlines():
        for marker in (' affected unit(s)', 'call into a changed file through the summary index:',
                       'analysed again:'):
            if line.startswith('git-failguard: ') and marker in line:
                units.update(os.path.join(repo, p) for p in line.split(marker, 1)[1].split())
    return sorted(units)


# Wrappers that stand in for failguard-tidy and failguard-index in the
# profiled run: each runs the real binary and appends one line to a log
# (its name, wall seconds, CPU seconds, the unit or request).
WRAPPER = '''#!/usr/bin/env python3
import json, os, sys, time
real, log = {real!r}, {log!r}
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(real, [real] + sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
args = sys.argv[1:]
if {name!r} == 'failguard-index' and '--version' in args:
    kind = 'failguard-index --version'
elif {name!r} == 'failguard-index':
    kind = 'failguard-index ?'
    try:
        with open(args[-1]) as f:
            kind = 'failguard-index ' + json.load(f)['query']
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        pass
elif '--version' in args:
    kind = 'failguard-tidy --version'
elif any(a.startswith('--summarise-to') for a in args):
    kind = 'failguard-tidy summarise'
else:
    kind = 'failguard-tidy analyse'
what = ' '.join(a for a in args if not a.startswith('-'))[-120:]
with open(log, 'a') as f:
    f.write('%s\\t%.4f\\t%.4f\\t%s\\n' % (kind, wall, usage.ru_utime + usage.ru_stime,
                                       what))
sys.exit(os.waitstatus_to_exitcode(status))
'''

# Runs the zipapp under cProfile: the main thread, and each thread it starts
# (the driver runs its children from a thread pool) with a profile of its own;
# writes the main thread's statistics and all threads' together, and says the
# driver process's own CPU time (all threads, not its children).
PROFILE = '''import cProfile, pstats, resource, runpy, sys, threading
app, out = sys.argv[1], sys.argv[2]
sys.argv = [app] + sys.argv[3:]
threads = []
thread_run = threading.Thread.run
def profiled_run(self):
    profile = cProfile.Profile()
    threads.append(profile)
    profile.enable()
    try:
        thread_run(self)
    finally:
        profile.disable()
threading.Thread.run = profiled_run
main = cProfile.Profile()
code = 0
try:
    main.runcall(runpy.run_path, app, run_name='__main__')
except SystemExit as e:
    code = e.code if isinstance(e.code, int) else 0
main.dump_stats(out + '.main')
every = pstats.Stats(main)
for profile in threads:
    every.add(profile)
every.dump_stats(out + '.all')
usage = resource.getrusage(resource.RUSAGE_SELF)
print('driver process CPU (all threads, not children): user %.2f s, system %.2f s; %d threads '
      'profiled' % (usage.ru_utime, usage.ru_stime, len(threads)), file=sys.stderr)
sys.exit(code)
'''


def profile_run(work, bin_dir, repo, env):
    """The PR run under cProfile with logging wrappers for the children;
    prints the driver's top functions and the children's times."""
    profiled = os.path.join(work, 'profiled-bin')
    os.makedirs(profiled)
    log = os.path.join(work, 'children.log')
    shutil.copy2(os.path.join(bin_dir, 'git-failguard'), profiled)
    for name in ('failguard-tidy', 'failguard-index'):
        path = os.path.join(profiled, name)
        with open(path, 'w') as f:
            f.write(WRAPPER.format(real=os.path.join(bin_dir, name), log=log, name=name))
        os.chmod(path, 0o755)
    stats = os.path.join(work, 'pr.prof')
    # The interpreter the zipapp names on its first line.
    with open(os.path.join(bin_dir, 'git-failguard'), 'rb') as f:
        first = f.readline().decode(errors='replace')
    python = first[2:].split()[0] if first.startswith('#!') else sys.executable
    result = run([python, '-c', PROFILE, os.path.join(profiled, 'git-failguard'), stats,
                  '-j', '2', '--verbose'], env, cwd=repo, allowed=(0, 1))
    print('profiled PR run (driver under cProfile, children wrapped): wall %.2f s, CPU %.2f s' %
          (result.wall, result.cpu))
    for line in result.err.splitlines():
        if (line.startswith('git-failguard: ') and 'warning: ' not in line) or \
                line.startswith('driver process CPU'):
            print('  ' + line[:220])
    import pstats
    import io
    for which, order in (('main', 'cumulative'), ('all', 'cumulative'), ('all', 'tottime')):
        text = io.StringIO()
        pstats.Stats(stats + '.' + which, stream=text).sort_stats(order).print_stats(30)
        print('driver profile, %s, by %s:' % ('main thread' if which == 'main' else
                                              'all threads', order))
        started = False
        for line in text.getvalue().splitlines():
            if 'ncalls' in line:
                started = True
            if started and line.strip():
                print('  ' + line[:200])
    children = {}
    with open(log) as f:
        rows = [line.rstrip('\n').split('\t') for line in f]
    for name, wall, cpu, what in rows:
        kind = name
        entry = children.setdefault(kind, [0, 0.0, 0.0, 0.0])
        entry[0] += 1
        entry[1] += float(wall)
        entry[2] += float(cpu)
        entry[3] = max(entry[3], float(wall))
    print('children of the profiled run (wall includes the wrapper, about 0.03 s each):')
    for kind, (count, wall, cpu, longest) in sorted(children.items()):
        print('  %-26s %4d runs  wall %8.2f s  CPU %8.2f s  longest %6.2f s' %
              (kind, count, wall, cpu, longest))
    print('each child, in order (name, wall s, CPU s, arguments):')
    for name, wall, cpu, what in rows:
        print('  %-26s %7s %7s  %s' % (name, wall, cpu, what[-100:]))


def measure(n, args, tidy, driver, work):
    """Generates the repository of \\p n units and measures it; returns the
    figures."""
    repo = os.path.join(work, 'repo%d' % n)
    layout = Layout(n)
    started = time.perf_counter()
    units, changes = generate(repo, layout, args.bare)
    generated = time.perf_counter() - started
    build = os.path.join(repo, 'build')
    base_env = {k: v for k, v in os.environ.items()
                if not k.startswith('FAILGUARD_') and k != 'CI'}
    base_env['PATH'] = args.bin + os.pathsep + os.environ['PATH']
    homes = []

    def fresh_home(seed=None, copy=False):
        home = os.path.join(work, 'home%d-%d' % (n, len(homes)))
        homes.append(home)
        if seed:
            shutil.copytree(seed, home, symlinks=True,
                            copy_function=shutil.copy2 if copy else os.link)
        else:
            os.makedirs(home)
        return home, dict(base_env, XDG_CACHE_HOME=home)

    def drop(home):
        shutil.rmtree(home, ignore_errors=True)

    figures = {'units': len(units), 'generated': generated}
    jobs = str(args.jobs)
    say = lambda text: print('[%s] N=%d: %s' % (time.strftime('%H:%M:%S'), n, text), flush=True)
    if not args.no_cold:
        # Every unit, or every k-th for --plain-sample (the plain pass does
        # not depend on the other units: its times are scaled by N / sample).
        sample = units
        if 0 < args.plain_sample < len(units):
            sample = [units[(i * len(units)) // args.plain_sample]
                      for i in range(args.plain_sample)]
        say('plain pass over %d unit(s)' % len(sample))
        _, env = fresh_home()
        plain = parallel([[tidy, '--quiet', '-p', build, '--checks=-*,' + CHEAP_CHECK, u]
                          for u in sample], env, args.jobs)
        scale = len(units) / len(sample)
        figures['plain'] = Result(plain.cpu * scale, plain.wall * scale, plain.rss, '', '')
        figures['plain sample'] = len(sample)
        drop(homes[-1])
        say('plain: CPU %.2f s, wall %.2f s over %d unit(s)' % (plain.cpu, plain.wall,
                                                                 len(sample)))
    say('cold index')
    warm, env = fresh_home()
    cold = run([driver, 'index', '-j', jobs], env, cwd=repo)
    if not args.no_cold:
        figures['cold'] = cold
    figures['cold lines'] = driver_lines(cold.err, 'index of')
    say('cold index: CPU %.2f s, wall %.2f s' % (cold.cpu, cold.wall))
    store = os.path.join(warm, 'failguard', 'index')
    # The repository's index: a table (.fgindex) since the table form, JSON
    # (.json) in the builds before it.
    index_files = [os.path.join(store, f) for f in os.listdir(store)
                   if re.match(r'^[0-9a-f]{16}\.(fgindex|json)$', f)]
    if len(index_files) != 1:
        sys.exit('benchmark: expected one index file in %s, found %s' % (store, index_files))
    index_file = index_files[0]
    figures['sizes'] = [('index file', disk_usage(index_file))] + [
        ('%s/' % d, disk_usage(os.path.join(store, d))) for d in sorted(os.listdir(store))
        if os.path.isdir(os.path.join(store, d))]

    for path, text in changes:
        write(path, text)
    figures['change'] = [os.path.relpath(p, repo) for p, _ in changes]
    if args.profile and n == max(args.scales):
        say('profiled PR run')
        home, env = fresh_home(warm)
        profile_run(work, args.bin, repo, env)
        drop(home)
    for name in ('PR run', 'restored', 'no index', 'direct, index', 'direct, none'):
        figures[name] = []
    analysed = None
    for round_ in range(args.pr_rounds):
        say('PR runs, round %d' % (round_ + 1))
        for name, extra in (('PR run', []), ('restored', []), ('no index', ['--no-index'])):
            home, env = fresh_home(warm, copy=name == 'restored')
            result = run([driver, '-j', jobs, '--verbose'] + extra, env, cwd=repo,
                         allowed=(0, 1))
            figures[name].append(result)
            drop(home)
            say('%s: CPU %.2f s, wall %.2f s' % (name, result.cpu, result.wall))
        pr = figures['PR run'][-1]
        analysed = analysed_units(pr.err, repo)
        # The direct measure: the check on each analysed unit, with the warm
        # index (as built at the commit) and with none, one after another.
        for name, index in (('direct, index', index_file), ('direct, none', 'none')):
            home, env = fresh_home()
            config = '{CheckOptions: {IndexFile: "%s"}}' % index
            total = Result(0.0, 0.0, 0, '', '')
            for u in analysed:
                r = run([tidy, '--quiet', '-p', build, '--checks=-*,' + INDEX_CHECK,
                         '--config=' + config, u], env, allowed=(0, 1))
                total.cpu += r.cpu
                total.wall += r.wall
                total.rss = max(total.rss, r.rss)
                total.err += r.err
            figures[name].append(total)
            drop(home)
    figures['analysed'] = analysed
    figures['pr lines'] = driver_lines(figures['PR run'][-1].err, 'summary index',
                                       'affected unit(s)', 'call into a changed file',
                                       'analysed again', 'translation unit(s)')
    figures['pr lines'] = [line[:300] for line in figures['pr lines']]
    figures['findings'] = {name: figures[name][-1].out.count('warning:')
                           for name in ('PR run', 'no index')}
    for home in homes:
        drop(home)
    if not args.keep:
        shutil.rmtree(repo)
    return figures


def median(results, what):
    return statistics.median(getattr(r, what) for r in results)


def report(n, f):
    print('N = %d units (generated in %.1f s); PR change: %s' %
          (f['units'], f['generated'], ', '.join(f['change'])))
    rows = []
    if 'plain' in f:
        plain = 'plain -j' if f['plain sample'] == f['units'] else \
            'plain -j (%d, scaled)' % f['plain sample']
        rows += [(plain, f['plain'].cpu, f['plain'].wall, f['plain'].rss),
                 ('cold index -j', f['cold'].cpu, f['cold'].wall, f['cold'].rss)]
    for name in ('PR run', 'restored', 'no index', 'direct, index', 'direct, none'):
        rows.append((name + ' (median)', median(f[name], 'cpu'), median(f[name], 'wall'),
                     max(r.rss for r in f[name])))
    for name, cpu, wall, rss in rows:
        print('  %-26s CPU %9.2f s  wall %8.2f s  peak RSS %7.1f MiB' %
              (name, cpu, wall, rss / 1024))
    for name in ('PR run', 'restored', 'no index'):
        print('  %-26s wall of each round: %s' % (name, ', '.join(
            '%.2f' % r.wall for r in f[name])))
    for line in f['cold lines'] + f['pr lines']:
        print('  ' + line)
    print('  findings: PR run %d, no index %d' % (f['findings']['PR run'],
                                                  f['findings']['no index']))
    count = len(f['analysed'])
    f['per unit, driver'] = (median(f['PR run'], 'cpu') - median(f['no index'], 'cpu')) / count
    f['per unit, direct'] = (median(f['direct, index'], 'cpu') -
                             median(f['direct, none'], 'cpu')) / count
    print('  analysed units: %d; index cost per analysed unit (CPU): direct %.3f s, '
          'PR run - no index %.3f s' % (count, f['per unit, direct'], f['per unit, driver']))
    print('  on disk: ' + '; '.join('%s %.1f KiB (%d file%s)' % (
        name, size / 1024, files, '' if files == 1 else 's')
        for name, (size, files) in f['sizes']))
    if 'plain' in f:
        print('  cold / plain: CPU %.3fx, wall %.3fx  (target <= 1.15x)' %
              (f['cold'].cpu / f['plain'].cpu, f['cold'].wall / f['plain'].wall))
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--bin', default=os.path.join(ROOT, 'build', 'bin'))
    parser.add_argument('--scale', default='300,3000,10000',
                        help='comma-separated numbers of units')
    parser.add_argument('--jobs', '-j', type=int, default=2)
    parser.add_argument('--pr-rounds', type=int, default=3)
    parser.add_argument('--plain-sample', type=int, default=0,
                        help='run the plain pass on this many units spread evenly over the '
                             'repository and scale its times to all units (0: all)')
    parser.add_argument('--bare', action='store_true',
                        help='units that include no standard header (see BARE)')
    parser.add_argument('--no-cold', action='store_true',
                        help='skip the plain pass and do not report the cold build '
                             '(the warm index is still built)')
    parser.add_argument('--profile', action='store_true',
                        help='profile the PR run at the largest scale')
    parser.add_argument('--keep', action='store_true', help='keep the temporary directory')
    args = parser.parse_args()
    args.bin = os.path.abspath(args.bin)
    args.scales = [int(s) for s in args.scale.split(',')]
    tidy = os.path.join(args.bin, 'failguard-tidy')
    driver = os.path.join(args.bin, 'git-failguard')
    for tool in (tidy, driver, os.path.join(args.bin, 'failguard-index')):
        if not os.access(tool, os.X_OK):
            sys.exit('benchmark: %s is missing; run scripts/build.sh first' % tool)
    work = tempfile.mkdtemp(prefix='failguard-index-scale-')
    print('bin %s; -j %d; %s units; %s' % (args.bin, args.jobs, 'bare' if args.bare else
                                           'tiny', subprocess.run(
        [tidy, '--version'], capture_output=True, text=True).stdout.strip().splitlines()[-1]))
    figures = {}
    try:
        for n in args.scales:
            figures[n] = measure(n, args, tidy, driver, work)
            report(n, figures[n])
        if len(figures) > 1:
            small, large = min(figures), max(figures)
            a, b = figures[small], figures[large]
            print('ratios %d / %d units:' % (large, small))
            for name in ('PR run', 'restored', 'no index'):
                print('  %-28s CPU %.3fx  wall %.3fx' % (
                    name, median(b[name], 'cpu') / median(a[name], 'cpu'),
                    median(b[name], 'wall') / median(a[name], 'wall')))
            print('  %-28s %.3fx  (target <= 1.1x)' % (
                'PR run wall', median(b['PR run'], 'wall') / median(a['PR run'], 'wall')))
            for name in ('per unit, direct', 'per unit, driver'):
                print('  index cost %-17s %.3f s / %.3f s%s' % (
                    name, b[name], a[name],
                    ' = %.3fx' % (b[name] / a[name]) if a[name] > 0.0005 else ''))
        for n, f in figures.items():
            if 'plain' in f:
                print('cold / plain at %d units: CPU %.3fx, wall %.3fx (target <= 1.15x)' % (
                    n, f['cold'].cpu / f['plain'].cpu, f['cold'].wall / f['plain'].wall))
    finally:
        if args.keep:
            print('kept %s' % work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
