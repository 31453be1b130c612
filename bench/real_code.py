#!/usr/bin/env python3
"""Real-code robustness harness: every failguard check over real public services.

Not part of CI (CI cannot fetch). You fetch the services and the third-party
headers that Debian does not package by hand, as git directories, into one
directory, named `owner+name` (a bare repository, a directory holding a bare
`repo/`, or a clone with `.git/`):

  FETCHED/hyird+drogon-starter    FETCHED/drogonframework+drogon   ...

and install the Debian packages the manifest names (`debian` in
bench/real_code_services.json). The harness reads the fetched repositories
with git plumbing only (ls-tree, cat-file): it never writes them. For each
service of the manifest it

  1. copies the tree at the manifest's commit into a scratch git repository
     of its own (WORK/SERVICE/repo), writes a compilation database
     (WORK/SERVICE/build/compile_commands.json) from the manifest's -std,
     include directories and defines, one entry per source file;
  2. HEAD: runs failguard-tidy --checks=-*,failguard-* on every unit, with
     the baseline at HEAD (nothing changed);
  3. history: for each baseline commit of the service's own history that the
     manifest lists, commits that tree and HEAD's on top of it in the scratch
     repository, runs failguard-tidy on every unit with BaselineRef HEAD~1
     and the driver, git failguard --base HEAD~1;
  4. mutations: finds the real functions whose try/catch surrounds a modelled
     auth call (jwt-cpp, cpp-jwt, Poco::JWT, or a helper of the service that
     makes one outside any try), and the functions that return std::optional,
     and commits, one at a time on top of HEAD, a regression (try removed,
     catch narrowed to std::bad_alloc, call moved out of the try, optional ->
     plain return) or a benign refactor (comment, reformat, rename a local,
     reorder two independent statements) of one of them; each commit is
     checked by git failguard --base HEAD~1 and, when the changed file is a
     unit, by failguard-tidy with BaselineRef HEAD~1. A regression counts as
     found when removed-exception-handler (optional -> plain:
     narrowed-optional-return) reports it in the changed file; a finding of
     either baseline check on a benign commit is a false alarm. A mutation
     whose code does not compile is counted as invalid, not as a result.

Every run is classified: crash (killed by a signal, or clang's stack dump),
hang (over --timeout), sanitizer report (ASan/UBSan/LSan report files or
"ERROR: AddressSanitizer" / "runtime error:" on stderr), could-not-check (a
failguard-tidy unit with a compile error or "no baseline:", a driver exit 2)
with its one-line reason, findings. A summary table is printed and a JSON
report written.

Generated headers: drogon's and trantor's CMake write `exports.h` with
CMake's GenerateExportHeader and drogon's `version.h` from
cmake/templates/version.h.in; the manifest's `generate` entries make the
same macros (`export-header`: NAME_EXPORT, NAME_NO_EXPORT, NAME_DEPRECATED and
its _EXPORT/_NO_EXPORT forms, as a shared-library build defines them;
`version-header`: drogon's MAJOR, MINOR, PATCH, DROGON_VERSION,
DROGON_VERSION_SHA1), under WORK/gen/DEP.

Usage:
  bench/real_code.py --fetched /work/realcode/fetched --work /work/realcode/work \
      [--manifest bench/real_code_services.json] [--services a,b] \
      [--tidy build/bin/failguard-tidy] [--driver build/bin/git-failguard] \
      [--phases head,history,mutations] [--max-baselines N] [--max-sites 2] \
      [--timeout 600] [-j 1] [--report real-code.json]

For the ASan + UBSan build: --tidy build-asan/bin/failguard-tidy (the driver
runs that failguard-tidy too, through FAILGUARD_TIDY). ASAN_OPTIONS and
UBSAN_OPTIONS send every report to a file under WORK/sanitizer-logs (leaks
included, with test/lsan.supp), and a run with a report counts as a
sanitizer failure. The JSON report is rewritten after each service, so an
interrupted run keeps what it finished. Exit status 1 when any run crashed,
hung or had a sanitizer report.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE_EXTENSIONS = ('.c', '.cc', '.cpp', '.cxx', '.c++')
MAX_BLOB = 4 << 20
BASELINE_CHECKS = ('failguard-removed-exception-handler', 'failguard-narrowed-optional-return')
REGRESSIONS = ('try-removed', 'catch-narrowed', 'call-moved-out', 'optional-to-plain')
BENIGN = ('comment', 'reformat', 'rename-local', 'reorder')
EXPECTED_CHECK = {'try-removed': 'failguard-removed-exception-handler',
                  'catch-narrowed': 'failguard-removed-exception-handler',
                  'call-moved-out': 'failguard-removed-exception-handler',
                  'optional-to-plain': 'failguard-narrowed-optional-return'}
# The calls failguard models (docs/api-models.md), as written at call sites.
MODELLED_CALL = re.compile(
    r'\bjwt::decode\s*[<(]|\.\s*(?:verify|tryVerify|get_payload_claim|get_header_claim|as_string|'
    r'as_integer|as_number|as_boolean|as_array|as_set|as_date|get_type|get_issuer|get_subject|'
    r'get_id|get_audience|get_expires_at|get_not_before|get_issued_at)\s*\(')
DIAGNOSTIC = re.compile(r'^(.*?):(\d+):(\d+): (warning|error|note): (.*?)(?: \[([\w.,-]+)\])?$')
# With both checks on, the escape check reports a call once and the other
# check's finding follows as its note (docs/checks/removed-exception-handler.md).
ALSO = re.compile(r'also reported by (failguard-[\w-]+)')
SANITIZER = re.compile(r'ERROR: (?:Address|Leak|Memory|Thread)Sanitizer|runtime error:')
CONTROL = re.compile(r'^\s*(?:if|for|while|switch|do|return|co_return|co_yield|throw|else|case|'
                     r'default|goto|break|continue|try|catch)\b')
NOT_FUNCTION = re.compile(r'\b(?:namespace|class|struct|union|enum)\b[^;{}()]*$|\bextern\s+"C"\s*$|=\s*$')


class Failure(Exception):
    pass


def run(command, cwd=None, env=None, timeout=None, stdin=None):
    """(returncode or None on timeout, stdout, stderr, seconds); the child runs
    in a process group of its own so that a timeout ends all it started."""
    start = time.monotonic()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = child.communicate(stdin, timeout=timeout)
        code = child.returncode
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        out, err = child.communicate()
        code = None
    return code, out.decode('utf-8', 'replace'), err.decode('utf-8', 'replace'), time.monotonic() - start


def git(args, cwd=None, git_dir=None, stdin=None, text=True):
    command = ['git'] + (['--git-dir', git_dir] if git_dir else []) + args
    result = subprocess.run(command, cwd=cwd, input=stdin, capture_output=True)
    if result.returncode:
        raise Failure('%s: %s' % (' '.join(command), result.stderr.decode('utf-8', 'replace').strip()))
    return result.stdout.decode('utf-8', 'replace') if text else result.stdout


# --- the fetched repositories: read with plumbing only

def find_git_dir(fetched, repo):
    base = os.path.join(fetched, repo.replace('/', '+'))
    for candidate in (base, os.path.join(base, 'repo'), os.path.join(base, '.git'), base + '.git'):
        if os.path.isfile(os.path.join(candidate, 'HEAD')) and os.path.isdir(os.path.join(candidate, 'objects')):
            return candidate
    raise Failure("'%s' is not fetched: no git directory at %s" % (repo, base))


def extract_tree(git_dir, commit, dest, prefixes=None):
    """Writes the files of `commit` (under `prefixes`, if given) into `dest`;
    returns the paths whose blobs the fetched copy lacks (large files)."""
    listing = git(['ls-tree', '-r', '-z', '--long', commit], git_dir=git_dir)
    wanted = []
    for entry in listing.split('\0'):
        if not entry:
            continue
        meta, path = entry.split('\t', 1)
        mode, kind, sha, size = meta.split()
        if kind != 'blob' or (prefixes and not any(path == p or path.startswith(p.rstrip('/') + '/')
                                                   for p in prefixes)):
            continue
        wanted.append((mode, sha, path, int(size) if size.isdigit() else 0))
    missing = []
    batch = ''.join('%s\n' % sha for _, sha, _, _ in wanted).encode()
    raw = git(['cat-file', '--batch'], git_dir=git_dir, stdin=batch, text=False)
    offset = 0
    for mode, sha, path, size in wanted:
        end = raw.index(b'\n', offset)
        header = raw[offset:end].decode()
        offset = end + 1
        if header.endswith(' missing'):
            missing.append(path)
            continue
        length = int(header.split()[2])
        content = raw[offset:offset + length]
        offset += length + 1
        if length > MAX_BLOB:
            missing.append(path)
            continue
        target = os.path.join(dest, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if mode == '120000':
            if os.path.lexists(target):
                os.unlink(target)
            os.symlink(content.decode(), target)
        else:
            with open(target, 'wb') as out:
                out.write(content)
            if mode == '100755':
                os.chmod(target, 0o755)
    return missing


def generate(spec, dest):
    """The headers a dependency's CMake would generate (see the docstring)."""
    path = os.path.join(dest, spec['path'])
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if spec['kind'] == 'export-header':
        n = spec['name']
        text = ('#pragma once\n'
                '#define {n}_EXPORT __attribute__((visibility("default")))\n'
                '#define {n}_NO_EXPORT __attribute__((visibility("hidden")))\n'
                '#define {n}_DEPRECATED __attribute__((__deprecated__))\n'
                '#define {n}_DEPRECATED_EXPORT {n}_EXPORT {n}_DEPRECATED\n'
                '#define {n}_DEPRECATED_NO_EXPORT {n}_NO_EXPORT {n}_DEPRECATED\n').format(n=n)
    elif spec['kind'] == 'version-header':
        major, minor, patch = spec['version'].split('.')
        text = ('#pragma once\n#define MAJOR %s\n#define MINOR %s\n#define PATCH %s\n'
                '#define DROGON_VERSION "%s"\n#define DROGON_VERSION_SHA1 "%s"\n'
                % (major, minor, patch, spec['version'], spec.get('sha1', '')))
    else:
        raise Failure('unknown generated header kind %r' % spec['kind'])
    with open(path, 'w') as out:
        out.write(text)


def prepare_deps(manifest, fetched, work, names):
    dirs = {}
    for name in sorted(names):
        dep = manifest['deps'][name]
        dest = os.path.join(work, 'deps', name)
        stamp = os.path.join(dest, '.harness-commit')
        if not (os.path.exists(stamp) and open(stamp).read() == dep['commit']):
            shutil.rmtree(dest, ignore_errors=True)
            extract_tree(find_git_dir(fetched, dep['repo']), dep['commit'], dest, dep.get('paths'))
            with open(stamp, 'w') as out:
                out.write(dep['commit'])
        gen = os.path.join(work, 'gen', name)
        shutil.rmtree(gen, ignore_errors=True)
        for spec in dep.get('generate', []):
            generate(spec, gen)
        dirs[name] = (dest, gen)
    return dirs


def expand(entry, service_root, deps):
    def repl(m):
        kind, _, name = m.group(1).partition(':')
        if kind == 'src':
            return service_root
        if kind == 'dep':
            return deps[name][0]
        if kind == 'gen':
            return deps[name][1]
        raise Failure('unknown placeholder {%s}' % m.group(1))
    return re.sub(r'\{([\w:+.-]+)\}', repl, entry)


def deps_of(service):
    found = set()
    for entry in service.get('include', []) + service.get('isystem', []):
        found.update(m.group(1) for m in re.finditer(r'\{(?:dep|gen):([\w+.-]+)\}', entry))
    return found


# --- the scratch repository

class Scratch:
    """A git repository of the harness's own, WORK/SERVICE/repo."""

    def __init__(self, path):
        self.path = path
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path)
        self.git(['init', '-q', '-b', 'head'])
        self.git(['config', 'user.name', 'failguard real-code harness'])
        self.git(['config', 'user.email', 'harness@localhost'])
        self.git(['config', 'commit.gpgsign', 'false'])

    def git(self, args, stdin=None):
        return git(args, cwd=self.path, stdin=stdin)

    def fill(self, tree_dir):
        """Makes the work tree hold exactly the files of `tree_dir`."""
        for name in os.listdir(self.path):
            if name != '.git':
                target = os.path.join(self.path, name)
                if os.path.isdir(target) and not os.path.islink(target):
                    shutil.rmtree(target)
                else:
                    os.unlink(target)
        for name in os.listdir(tree_dir):
            source = os.path.join(tree_dir, name)
            if os.path.isdir(source) and not os.path.islink(source):
                shutil.copytree(source, os.path.join(self.path, name), symlinks=True)
            else:
                shutil.copy2(source, os.path.join(self.path, name), follow_symlinks=False)

    def commit(self, message):
        self.git(['add', '-A', '-f', '.'])
        self.git(['commit', '-q', '--allow-empty', '--no-verify', '-m', message])
        return self.git(['rev-parse', 'HEAD']).strip()


# --- compilation database

def glob_match(path, pattern):
    """'*' within one directory, '**' across directories."""
    regex = ''.join('.*' if part == '**' else '[^/]*' if part == '*' else '[^/]' if part == '?' else re.escape(part)
                    for part in re.split(r'(\*\*|\*|\?)', pattern))
    return re.fullmatch(regex, path) is not None


def excluded(service, path):
    return any(glob_match(path, g) for g in service.get('exclude', []))


def source_units(tree, service):
    globs = service.get('sources') or ['**']
    units = []
    for directory, subdirs, files in os.walk(tree):
        subdirs[:] = sorted(d for d in subdirs if d != '.git')
        for name in sorted(files):
            rel = os.path.relpath(os.path.join(directory, name), tree)
            if not rel.endswith(SOURCE_EXTENSIONS):
                continue
            if any(glob_match(rel, g) for g in globs) and not excluded(service, rel):
                units.append(rel)
    return units


def write_cdb(service, repo, build, units, deps):
    arguments = ['/usr/bin/clang++', '-std=' + service.get('std', 'c++17')]
    if service.get('stdlib'):
        arguments.append('-stdlib=' + service['stdlib'])
    arguments += ['-I' + expand(e, repo, deps) for e in service.get('include', [])]
    arguments += ['-isystem' + expand(e, repo, deps) for e in service.get('isystem', [])]
    arguments += ['-D' + d for d in service.get('defines', [])]
    arguments += service.get('flags', [])
    entries = [{'directory': repo, 'file': os.path.join(repo, u),
                'arguments': arguments + ['-c', os.path.join(repo, u), '-o', '/dev/null']} for u in units]
    os.makedirs(build, exist_ok=True)
    with open(os.path.join(build, 'compile_commands.json'), 'w') as out:
        json.dump(entries, out, indent=1)


# --- running failguard

class Runner:
    def __init__(self, args, work):
        self.tidy = os.path.abspath(args.tidy)
        self.driver = os.path.abspath(args.driver)
        self.timeout = args.timeout
        self.logs = os.path.join(work, 'sanitizer-logs')
        os.makedirs(self.logs, exist_ok=True)
        self.cache = os.path.join(work, 'cache')
        self.sarif = os.path.join(work, 'sarif')
        os.makedirs(self.sarif, exist_ok=True)
        self.counter = 0
        self.lock = threading.Lock()

    def env(self, tag):
        env = dict(os.environ)
        env['XDG_CACHE_HOME'] = self.cache
        env['FAILGUARD_TIDY'] = self.tidy
        prefix = os.path.join(self.logs, tag)
        # fast_unwind_on_malloc=0: full allocation stacks, which test/lsan.supp's
        # suppressions of Clang's own leaks match.
        env['ASAN_OPTIONS'] = ('detect_leaks=1:allow_user_poisoning=0:fast_unwind_on_malloc=0:'
                               'log_path=%s.asan' % prefix)
        env['UBSAN_OPTIONS'] = 'print_stacktrace=1:halt_on_error=1:log_path=%s.ubsan' % prefix
        lsan = os.path.join(ROOT, 'test', 'lsan.supp')
        if os.path.exists(lsan):
            env['LSAN_OPTIONS'] = 'suppressions=' + lsan
        for var in ('GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE'):
            env.pop(var, None)
        return env, prefix

    def sanitizer_reports(self, prefix, stderr):
        reports = []
        directory, base = os.path.split(prefix)
        for name in sorted(os.listdir(directory)):
            if name.startswith(base + '.'):
                with open(os.path.join(directory, name), errors='replace') as f:
                    text = f.read()
                # LeakSanitizer's statistics of what test/lsan.supp matched,
                # written to the same log path: no report.
                if not SANITIZER.search(text) and 'Suppressions used:' in text:
                    continue
                first = next((l for l in text.splitlines() if SANITIZER.search(l)), text.strip()[:200])
                reports.append('%s: %s' % (name, first.strip()))
        reports += [l.strip() for l in stderr.splitlines() if SANITIZER.search(l)]
        return reports

    def next_tag(self, what):
        with self.lock:
            self.counter += 1
            return '%05d-%s' % (self.counter, re.sub(r'[^\w.-]', '_', what)[-60:])

    def tidy_unit(self, repo, build, unit, baseline_ref):
        tag = self.next_tag('tidy-' + unit)
        env, prefix = self.env(tag)
        config = json.dumps({'CheckOptions': {'BaselineRef': baseline_ref}})
        command = [self.tidy, '--quiet', '--checks=-*,failguard-*', '--config=' + config,
                   '--header-filter=^' + repo + '/', '-p', build, os.path.join(repo, unit)]
        code, out, err, seconds = run(command, cwd=repo, env=env, timeout=self.timeout)
        result = {'tool': 'failguard-tidy', 'unit': unit, 'baseline': baseline_ref, 'exit': code,
                  'seconds': round(seconds, 2), 'findings': [], 'problem': None}
        problems = []
        for line in out.splitlines():
            m = DIAGNOSTIC.match(line)
            if not m:
                continue
            path, row, _, severity, message, check = m.groups()
            rel = os.path.relpath(path, repo) if os.path.isabs(path) else path
            if severity == 'note':
                if result['findings'] and ALSO.match(message):
                    result['findings'][-1]['also'].append(ALSO.match(message).group(1))
                continue
            if check and check.startswith('failguard-') and message.startswith('no baseline:'):
                problems.append('%s: %s' % (rel, message))
            elif check and check.startswith('failguard-'):
                result['findings'].append({'check': check, 'file': rel, 'line': int(row), 'message': message,
                                           'also': []})
            elif severity == 'error':
                problems.append('%s:%s: %s' % (rel, row, message))
        classify(result, code, err, self.sanitizer_reports(prefix, err), problems, self.timeout)
        result['compile_errors'] = any('no baseline:' not in p for p in problems)
        return result

    def driver_run(self, repo, build, base, what):
        tag = self.next_tag('driver-' + what)
        env, prefix = self.env(tag)
        sarif = os.path.join(self.sarif, tag + '.sarif')
        command = [sys.executable, self.driver, '--base', base, '-p', build, '-j', '1',
                   '--checks=-*,failguard-*', '--format', 'sarif', '--output', sarif]
        code, out, err, seconds = run(command, cwd=repo, env=env, timeout=self.timeout * 3)
        result = {'tool': 'git-failguard', 'unit': what, 'baseline': base, 'exit': code,
                  'seconds': round(seconds, 2), 'findings': [], 'problem': None}
        try:
            with open(sarif) as f:
                log = json.load(f)
            for r in log['runs'][0].get('results', []):
                loc = r['locations'][0]['physicalLocation']
                result['findings'].append({'check': r['ruleId'], 'file': loc['artifactLocation']['uri'],
                                           'line': loc.get('region', {}).get('startLine', 0),
                                           'message': r['message']['text'].split('\n')[0],
                                           'also': sorted(set(ALSO.findall(r['message']['text'])))})
        except (OSError, ValueError, KeyError, IndexError):
            pass
        problems = [l.strip() for l in err.splitlines() if l.startswith('git-failguard: error:')] if code == 2 else []
        if code == 2 and not problems:
            problems = [(err.strip().splitlines() or ['exit 2 without a reason'])[-1]]
        classify(result, code, err, self.sanitizer_reports(prefix, err), problems, self.timeout * 3)
        return result


def classify(result, code, stderr, sanitizer, problems, timeout):
    crashed = code is not None and (code < 0 or code > 128 or 'Stack dump:' in stderr
                                    or 'PLEASE submit a bug report' in stderr)
    if code is None:
        result['problem'] = 'hang'
        result['reason'] = 'no exit after %d s' % timeout
    elif crashed:
        result['problem'] = 'crash'
        signame = signal.Signals(-code).name if code < 0 and -code in signal.Signals._value2member_map_ else str(code)
        lines = [l for l in stderr.splitlines() if l.strip()]
        head = next((l for l in lines if 'Stack dump' in l or 'Assertion' in l or 'error' in l.lower()),
                    lines[0] if lines else '')
        result['reason'] = 'exit %s; %s' % (signame, head.strip()[:300])
        result['stderr_tail'] = '\n'.join(lines[-40:])
    elif problems:
        result['problem'] = 'could-not-check'
        result['reason'] = problems[0][:400]
        result['reasons'] = len(problems)
    elif result['tool'] == 'failguard-tidy' and code not in (0,):
        result['problem'] = 'could-not-check'
        result['reason'] = 'exit %d: %s' % (code, (stderr.strip().splitlines() or [''])[-1][:300])
    if sanitizer:
        result['sanitizer'] = sanitizer[:10]


# --- finding functions to mutate: a masked copy of the source (comments and
# literals blanked, same offsets) makes braces and statements easy to find

def mask(text):
    out = list(text)
    strings = []
    i, n = 0, len(text)

    def blank(a, b):
        for k in range(a, b):
            if out[k] != '\n':
                out[k] = ' '
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            blank(i, j)
            i = j
        elif c == 'R' and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == '_')):
            m = re.match(r'R"([^()\\\s]{0,16})\(', text[i:])
            if not m:
                i += 1
                continue
            close = ')' + m.group(1) + '"'
            j = text.find(close, i + m.end())
            j = n if j < 0 else j + len(close)
            blank(i + 1, j)
            strings.append((i, j))
            i = j
        elif c in '"\'':
            if c == "'" and i > 0 and text[i - 1].isalnum() and i + 1 < n and text[i + 1].isalnum():
                i += 1  # a digit separator: 1'000
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            j = min(j + 1, n)
            blank(i + 1, j - 1)
            strings.append((i, j))
            i = j
        elif c == '#' and (i == 0 or text[text.rfind('\n', 0, i) + 1:i].strip() == ''):
            j = i
            while True:  # a preprocessor line, with its continuations
                k = text.find('\n', j)
                if k < 0:
                    k = n
                    break
                if text[k - 1] != '\\':
                    break
                j = k + 1
            if re.match(r'#\s*include', text[i:k]):
                blank(i, k)
            i = k
        else:
            i += 1
    return ''.join(out), strings


def match_close(masked, open_at):
    pairs = {'{': '}', '(': ')', '[': ']'}
    opener = masked[open_at]
    depth = 0
    for k in range(open_at, len(masked)):
        if masked[k] == opener:
            depth += 1
        elif masked[k] == pairs[opener]:
            depth -= 1
            if depth == 0:
                return k
    return -1


def skip_space(masked, i):
    while i < len(masked) and masked[i].isspace():
        i += 1
    return i


def brace_owners(masked):
    """For each '{': the offset of the '{' enclosing it (or -1), and whether
    it opens a function-like body (not a namespace, class, enum or initializer)."""
    parent, is_body, stack = {}, {}, []
    for k, ch in enumerate(masked):
        if ch == '{':
            parent[k] = stack[-1] if stack else -1
            before = masked[max(0, k - 300):k]
            head = before[max(before.rfind(';'), before.rfind('{'), before.rfind('}')) + 1:].strip()
            is_body[k] = bool(head) and not NOT_FUNCTION.search(head) and (
                head.endswith(')') or re.search(r'\)\s*(?:const|noexcept|override|final|mutable|->[^{;]*|\s)*$', head)
                or head.endswith('try') or head.endswith('else') or head.endswith('do'))
            stack.append(k)
        elif ch == '}' and stack:
            stack.pop()
    return parent, is_body


def outermost_function(parent, is_body, brace, masked):
    """The outermost function body enclosing `brace` (a lambda's enclosing function)."""
    best = None
    k = brace
    while k >= 0:
        if is_body.get(k) and not re.search(r'\b(?:if|for|while|switch|catch|else|do|try)\s*(?:\([^{}]*\))?\s*$',
                                            masked[max(0, k - 200):k]):
            best = k
        k = parent.get(k, -1)
    return best


def statements(masked, start, end):
    """Top-level statements in masked[start:end]: (begin, end-after-';')."""
    result, depth, begin = [], 0, start
    k = start
    while k < end:
        ch = masked[k]
        if ch in '({[':
            depth += 1
        elif ch in ')}]':
            depth -= 1
            if depth == 0 and ch == '}' and CONTROL.match(masked[begin:k]):
                nxt = skip_space(masked, k + 1)
                if not masked.startswith('else', nxt) and not masked.startswith('catch', nxt) \
                        and not masked.startswith('while', nxt):
                    begin = k + 1
        elif ch == ';' and depth == 0:
            result.append((skip_space(masked, begin), k + 1))
            begin = k + 1
        k += 1
    return result


class Site:
    def __init__(self, path, text, masked, try_at, body_open, body_close, handlers, function, direct):
        self.path, self.text, self.masked = path, text, masked
        self.try_at, self.body_open, self.body_close = try_at, body_open, body_close
        self.handlers = handlers  # (catch_at, paren_open, paren_close, block_open, block_close)
        self.end = handlers[-1][4] + 1
        self.function = function  # (open, close) of the outermost function body
        self.direct = direct

    def line(self):
        return self.text.count('\n', 0, self.try_at) + 1


def find_sites(path, text, call_pattern):
    masked, _ = mask(text)
    parent, is_body = brace_owners(masked)
    sites = []
    for m in re.finditer(r'\btry\s*\{', masked):
        body_open = m.end() - 1
        body_close = match_close(masked, body_open)
        if body_close < 0:
            continue
        handlers, k = [], skip_space(masked, body_close + 1)
        while masked.startswith('catch', k):
            p = skip_space(masked, k + 5)
            if p >= len(masked) or masked[p] != '(':
                break
            pc = match_close(masked, p)
            b = skip_space(masked, pc + 1)
            if pc < 0 or b >= len(masked) or masked[b] != '{':
                break
            bc = match_close(masked, b)
            if bc < 0:
                break
            handlers.append((k, p, pc, b, bc))
            k = skip_space(masked, bc + 1)
        if not handlers:
            continue
        call = call_pattern.search(masked, body_open, body_close)
        if not call:
            continue
        function = outermost_function(parent, is_body, parent.get(body_open, -1), masked)
        if function is None:
            function = body_open if masked[max(0, m.start() - 200):m.start()].rstrip().endswith(')') else None
        if function is None:
            continue
        sites.append(Site(path, text, masked, m.start(), body_open, body_close, handlers,
                          (function, match_close(masked, function)),
                          bool(MODELLED_CALL.search(masked, body_open, body_close))))
    return sites


def helper_names(files):
    """Functions of the service that make a modelled call outside any try."""
    names = set()
    for path, text in files.items():
        masked, _ = mask(text)
        parent, is_body = brace_owners(masked)
        tries = [(m.end() - 1, match_close(masked, m.end() - 1)) for m in re.finditer(r'\btry\s*\{', masked)]
        for call in MODELLED_CALL.finditer(masked):
            if any(a < call.start() < b for a, b in tries):
                continue
            brace = max((k for k in parent if k < call.start() and match_close(masked, k) > call.start()),
                        default=None)
            function = outermost_function(parent, is_body, brace, masked) if brace is not None else None
            if function is None:
                continue
            head = masked[max(0, function - 400):function]
            m = re.search(r'(~?\w+)\s*\([^()]*(?:\([^()]*\)[^()]*)*\)[^(){};]*$', head)
            if m and m.group(1) not in ('if', 'while', 'for', 'switch', 'catch', 'main', 'operator'):
                names.add(m.group(1))
    return names


def optional_functions(path, text):
    """(name, offset of 'std::optional', offset of the body's '{') of each
    function defined here that returns std::optional<T>."""
    masked, _ = mask(text)
    parent, _ = brace_owners(masked)
    found = []
    for m in re.finditer(r'(?:(?<=[;{}\s])|^)std::optional\s*<', masked):
        close, depth = m.end() - 1, 0
        for k in range(m.end() - 1, min(len(masked), m.end() + 300)):
            depth += masked[k] == '<'
            depth -= masked[k] == '>'
            if depth == 0:
                close = k
                break
        else:
            continue
        rest = re.match(r'\s*((?:\w+::)*~?\w+)\s*\(', masked[close + 1:])
        if not rest:
            continue
        paren = close + 1 + rest.end() - 1
        pc = match_close(masked, paren)
        brace = re.match(r'[^;{}()]*\{', masked[pc + 1:]) if pc > 0 else None
        if not brace:
            continue
        body = pc + 1 + brace.end() - 1
        outer = parent.get(body, -1)
        if outer >= 0 and brace_owners_body(masked, outer):
            continue  # a local declaration or a lambda, not a function definition
        found.append((rest.group(1).split('::')[-1], m.start(), body))
    return found


def brace_owners_body(masked, brace):
    head = masked[max(0, brace - 300):brace]
    head = head[max(head.rfind(';'), head.rfind('{'), head.rfind('}')) + 1:].strip()
    return bool(head) and not NOT_FUNCTION.search(head)


# --- the mutations: each returns {path: new text} or None when it does not apply

def indent_of(text, at):
    start = text.rfind('\n', 0, at) + 1
    return text[start:at][:len(text[start:at]) - len(text[start:at].lstrip())]


def try_removed(site):
    t = site.text
    return {site.path: t[:site.try_at] + '{' + t[site.body_open + 1:site.body_close] + '}' + t[site.end:]}


def catch_narrowed(site):
    t, pieces, last = site.text, [], 0
    for _, p, pc, _, _ in site.handlers:
        declaration = t[p + 1:pc].strip()
        name = None
        if declaration != '...':
            m = re.search(r'[&*]\s*(\w+)\s*$', declaration) or re.search(r'[\w>]\s+(\w+)\s*$', declaration)
            name = m.group(1) if m and m.group(1) not in ('const', 'volatile') else None
        pieces += [t[last:p + 1], 'const std::bad_alloc &' + (name or '')]
        last = pc
    return {site.path: ''.join(pieces) + t[last:]}


def call_moved_out(site, call_pattern):
    m, t = site.masked, site.text
    for begin, end in statements(m, site.body_open + 1, site.body_close):
        if CONTROL.match(m[begin:end]) or not call_pattern.search(m, begin, end) or '{' in m[begin:end]:
            continue
        statement = t[begin:end]
        indent = indent_of(t, site.try_at)
        return {site.path: t[:site.try_at] + statement + '\n' + indent + t[site.try_at:begin] + t[end:]}
    return None


def comment(site):
    t = site.text
    indent = indent_of(t, site.try_at) + '    '
    return {site.path: t[:site.body_open + 1] + '\n' + indent +
            '// The token is checked here; failures become a 401 below.' + t[site.body_open + 1:]}


def reformat(site):
    """Every line of the function indented two more spaces (not inside a
    string literal), the try's brace and each catch on lines of their own."""
    t = site.text
    begin, end = site.function
    _, strings = mask(t)
    pieces, last = [], 0
    at = t.find('\n', begin, end)
    while at >= 0:
        start = at + 1
        line_end = t.find('\n', start, end)
        line = t[start:line_end if line_end >= 0 else end]
        if line.strip() and not any(a < start < b for a, b in strings):
            pieces += [t[last:start], '  ']
            last = start
        at = line_end
    body = ''.join(pieces) + t[last:end]
    head, body = body[:begin], body[begin:]
    body = re.sub(r'\btry\s*\{', 'try\n{', body, count=1)
    body = re.sub(r'\}[ \t]*catch\b', '}\ncatch', body)
    return {site.path: head + body + t[end:]}


def rename_local(site):
    t, m = site.text, site.masked
    begin, end = site.function
    declared = re.search(r'\b(?:auto|const\s+auto|std::string|bool|int|long)\s*[&*]?\s*([a-z_]\w*)\s*(?:=|\{|;)',
                         m[site.body_open:site.body_close])
    if not declared:
        declared = re.search(r'\b(?:auto|const\s+auto|std::string)\s*[&*]?\s*([a-z_]\w*)\s*(?:=|\{)', m[begin:end])
    if not declared:
        return None
    name = declared.group(1)
    new = name + '_renamed'
    pieces, last = [], 0
    for occ in re.finditer(r'\b%s\b' % re.escape(name), m[begin:end]):
        at = begin + occ.start()
        before = m[:at].rstrip()
        if before.endswith(('.', '->', '::')) or m[at + len(name):].lstrip().startswith('::'):
            continue
        pieces += [t[last:at], new]
        last = at + len(name)
    if not pieces:
        return None
    return {site.path: ''.join(pieces) + t[last:]}


def declared(statement):
    m = re.match(r'\s*(?:const\s+)?[\w:]+(?:\s*<[^;=]*>)?\s*[&*]*\s+(\w+)\s*(?:=|\{|\(|;)', statement) or \
        re.match(r'\s*(\w+)\s*(?:=|\+=|-=)', statement)
    return {m.group(1)} if m else set()


def words(statement):
    return set(re.findall(r'\b[a-zA-Z_]\w*\b', statement))


def reorder(site):
    t, m = site.text, site.masked
    for scope_open, scope_close in ((site.body_open, site.body_close), site.function):
        found = statements(m, scope_open + 1, scope_close)
        for (a0, a1), (b0, b1) in zip(found, found[1:]):
            first, second = m[a0:a1], m[b0:b1]
            if any(CONTROL.match(s) or '{' in s or 'co_await' in s for s in (first, second)):
                continue
            if m[a1:b0].strip():
                continue
            if declared(first) & words(second) or declared(second) & words(first):
                continue
            if re.search(r'\b(?:return|throw)\b', first + second):
                continue
            gap = t[a1:b0]
            return {site.path: t[:a0] + t[b0:b1] + gap + t[a0:a1] + t[b1:]}
    return None


def optional_to_plain(files, path, name, type_at, body):
    """T name(...) for std::optional<T> name(...), in the definition and in
    every declaration of `name` in the service's files."""
    changed = {}
    for p, text in files.items():
        masked, _ = mask(text)
        pieces, last = [], 0
        for m in re.finditer(r'(?:(?<=[;{}\s])|^)std::optional\s*<', masked):
            depth = 0
            for k in range(m.end() - 1, min(len(masked), m.end() + 300)):
                depth += masked[k] == '<'
                depth -= masked[k] == '>'
                if depth == 0:
                    break
            else:
                continue
            rest = re.match(r'\s*(?:\w+::)*%s\s*\(' % re.escape(name), masked[k + 1:])
            if not rest:
                continue
            inner = text[m.end():k].strip()
            pieces += [text[last:m.start()], inner]
            last = k + 1
            if p == path and m.start() == type_at:
                close = match_close(masked, body)
                segment = text[body:close]
                segment = re.sub(r'\b(return|co_return)\s+std::nullopt\s*;', r'\1 {};', segment)
                segment = re.sub(r'\b(return|co_return)\s+std::make_optional\s*(?=\()', r'\1 ', segment)
                pieces += [text[last:body], segment]
                last = close
        if pieces:
            changed[p] = ''.join(pieces) + text[last:]
    return changed if path in changed else None


# --- the harness

def read_files(tree):
    files = {}
    for directory, subdirs, names in os.walk(tree):
        subdirs[:] = [d for d in subdirs if d != '.git']
        for name in names:
            if name.endswith(SOURCE_EXTENSIONS + ('.h', '.hh', '.hpp', '.hxx', '.ipp', '.inl')):
                full = os.path.join(directory, name)
                if os.path.islink(full) or os.path.getsize(full) > MAX_BLOB:
                    continue
                with open(full, encoding='utf-8', errors='surrogateescape') as f:
                    files[os.path.relpath(full, tree)] = f.read()
    return files


def choose_sites(service, files, units, clean_units):
    # a unit that does not compile at HEAD cannot show anything when mutated
    files = {p: t for p, t in files.items() if not excluded(service, p) and (p not in units or p in clean_units)}
    helpers = helper_names(files)
    pattern = MODELLED_CALL
    if helpers:
        pattern = re.compile(MODELLED_CALL.pattern + r'|\b(?:%s)\s*\(' % '|'.join(sorted(map(re.escape, helpers))))
    sites = []
    for path in sorted(files):
        sites += find_sites(path, files[path], pattern)
    # direct sites first, one per file before a second one in the same file
    sites.sort(key=lambda s: (not s.direct, s.path, s.try_at))
    ordered, seen = [], {}
    for s in sites:
        seen[s.path] = seen.get(s.path, 0) + 1
        s.rank = seen[s.path]
    ordered = sorted(sites, key=lambda s: (s.rank, not s.direct, s.path, s.try_at))
    optionals = []
    for path in sorted(files):
        optionals += [(path,) + o for o in optional_functions(path, files[path])]
    # a function its own file does not call first: its callers break when it returns a plain value
    optionals.sort(key=lambda o: len(re.findall(r'\b%s\s*\(' % re.escape(o[1]), files[o[0]])) > 1)
    return ordered, pattern, helpers, optionals


def mutations(service, files, units, clean_units, max_sites):
    sites, pattern, helpers, optionals = choose_sites(service, files, units, clean_units)
    planned = []
    makers = {'try-removed': try_removed, 'catch-narrowed': catch_narrowed,
              'call-moved-out': lambda s: call_moved_out(s, pattern), 'comment': comment,
              'reformat': reformat, 'rename-local': rename_local, 'reorder': reorder}
    for kind, make in makers.items():
        count = 0
        for site in sites:
            if count >= max_sites:
                break
            change = make(site)
            if change and all(files[p] != c for p, c in change.items()):
                planned.append({'kind': kind, 'file': site.path, 'line': site.line(),
                                'direct': site.direct, 'change': change})
                count += 1
    count = 0
    for path, name, type_at, body in optionals:
        if count >= max_sites:
            break
        change = optional_to_plain(files, path, name, type_at, body)
        if change:
            planned.append({'kind': 'optional-to-plain', 'file': path,
                            'line': files[path].count('\n', 0, type_at) + 1, 'function': name,
                            'direct': True, 'change': change})
            count += 1
    return planned, sorted(helpers), len(sites), len(optionals)


def compile_error(result):
    """Whether a could-not-check result is the current code not compiling
    (an invalid mutation), rather than a missing or unparsable baseline."""
    if result.get('problem') != 'could-not-check':
        return False
    if result['tool'] == 'failguard-tidy':
        return result.get('compile_errors', False)
    reason = result.get('reason', '')
    return 'no baseline' not in reason and bool(re.search(r'first: \S+: \S+:\d+: ', reason))


def run_service(service, args, manifest, deps, runner):
    name = service['name']
    work = os.path.join(os.path.abspath(args.work), name)
    git_dir = find_git_dir(args.fetched, service['repo'])
    trees = os.path.join(work, 'trees')
    shutil.rmtree(trees, ignore_errors=True)
    head_tree = os.path.join(trees, 'head')
    missing = extract_tree(git_dir, service['commit'], head_tree)
    repo, build = os.path.join(work, 'repo'), os.path.join(work, 'build')
    scratch = Scratch(repo)
    units = source_units(head_tree, service)
    write_cdb(service, repo, build, units, deps)
    report = {'name': name, 'repo': service['repo'], 'commit': service['commit'],
              'framework': service.get('framework'), 'jwt': service.get('jwt'), 'units': len(units),
              'unit_list': units, 'missing_blobs': missing, 'runs': []}
    scratch.fill(head_tree)
    head = scratch.commit('%s at %s' % (service['repo'], service['commit']))
    say = lambda text: print('[%s] %s' % (name, text), flush=True)

    def tidy_all(baseline, phase):
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda u: runner.tidy_unit(repo, build, u, baseline), units))
        for r in results:
            r['phase'] = phase
        report['runs'].extend(results)
        bad = [r for r in results if r['problem']]
        say('%s: %d units, %d findings, %d problems' % (phase, len(results),
                                                        sum(len(r['findings']) for r in results), len(bad)))
        return results

    head_results = tidy_all('HEAD', 'head')
    clean_units = {r['unit'] for r in head_results if not r['problem']}

    for baseline in service.get('baselines', [])[:args.max_baselines] if 'history' in args.phases else []:
        base_tree = os.path.join(trees, baseline)
        extract_tree(git_dir, baseline, base_tree)
        scratch.git(['checkout', '-q', '--orphan', 'history-' + baseline[:12]])
        scratch.fill(base_tree)
        scratch.commit('%s at %s' % (service['repo'], baseline))
        scratch.fill(head_tree)
        scratch.commit('%s at %s' % (service['repo'], service['commit']))
        tidy_all('HEAD~1', 'history ' + baseline[:12])
        d = runner.driver_run(repo, build, 'HEAD~1', 'history ' + baseline[:12])
        d['phase'] = 'history ' + baseline[:12]
        report['runs'].append(d)
        say('history %s: driver exit %s, %d findings%s' % (baseline[:12], d['exit'], len(d['findings']),
                                                          ', ' + d['reason'] if d.get('reason') else ''))

    files = read_files(head_tree)
    planned, helpers, sites, optionals = mutations(service, files, units, clean_units,
                                                   args.max_sites if 'mutations' in args.phases else 0)
    report['helpers'] = helpers
    report['sites'] = sites
    report['optional_functions'] = optionals
    report['mutations'] = []
    for index, mutation in enumerate(planned):
        scratch.git(['checkout', '-q', '-f', '-B', 'mutation-%d' % index, head])
        for path, text in mutation.pop('change').items():
            with open(os.path.join(repo, path), 'w', encoding='utf-8', errors='surrogateescape') as f:
                f.write(text)
        scratch.commit('%s of %s:%d' % (mutation['kind'], mutation['file'], mutation['line']))
        what = '%s %s:%d' % (mutation['kind'], mutation['file'], mutation['line'])
        d = runner.driver_run(repo, build, 'HEAD~1', what)
        d['phase'] = 'mutation ' + mutation['kind']
        report['runs'].append(d)
        mutation['driver'] = summary_of(d)
        tidy = None
        if mutation['file'] in units and mutation['file'] in clean_units:
            tidy = runner.tidy_unit(repo, build, mutation['file'], 'HEAD~1')
            tidy['phase'] = 'mutation ' + mutation['kind']
            report['runs'].append(tidy)
            mutation['tidy'] = summary_of(tidy)
        judge(mutation, d, tidy)
        report['mutations'].append(mutation)
        say('%-18s %-40s -> %s%s' % (mutation['kind'], '%s:%d' % (mutation['file'], mutation['line']),
                                     mutation['outcome'], ' (%s)' % d['reason'] if d.get('reason') else ''))
    scratch.git(['checkout', '-q', '-f', 'head'])
    return report


def summary_of(result):
    return {'exit': result['exit'], 'problem': result['problem'], 'reason': result.get('reason'),
            'findings': result['findings'], 'sanitizer': result.get('sanitizer')}


def judge(mutation, driver, tidy):
    """found / missed (regressions), silent / false alarm (benign refactors),
    invalid (the mutated code does not compile), could-not-check, failure."""
    kind, path = mutation['kind'], mutation['file']
    results = [r for r in (driver, tidy) if r]
    if any(r['problem'] in ('crash', 'hang') or r.get('sanitizer') for r in results):
        mutation['outcome'] = 'failure'
        return
    if (tidy and compile_error(tidy)) or (not tidy and compile_error(driver)):
        mutation['outcome'] = 'invalid (does not compile)'
        return
    # The driver is the user's path; when it could not check another unit the
    # mutation broke (a caller), the changed unit's own failguard-tidy run decides.
    judged = driver if not driver['problem'] else (tidy if tidy and not tidy['problem'] else None)
    if judged is None:
        mutation['outcome'] = 'could-not-check'
        return
    mutation['judged_by'] = judged['tool']

    def reported(r, check):
        return [f for f in r['findings'] if check in [f['check']] + f['also'] and f['file'].endswith(path)]
    if kind in REGRESSIONS:
        mutation['outcome'] = 'found' if reported(judged, EXPECTED_CHECK[kind]) else 'missed'
        if tidy and not tidy['problem']:
            mutation['tidy_found'] = bool(reported(tidy, EXPECTED_CHECK[kind]))
    else:
        alarms = [f for r in results for f in r['findings'] if set([f['check']] + f['also']) & set(BASELINE_CHECKS)]
        mutation['outcome'] = 'false alarm' if alarms else 'silent'


def totals(reports):
    rows = []
    for rep in reports:
        runs = rep['runs']
        row = {'service': rep['name'], 'units': rep['units'], 'runs': len(runs),
               'crashes': sum(r['problem'] == 'crash' for r in runs),
               'hangs': sum(r['problem'] == 'hang' for r in runs),
               'sanitizer': sum(bool(r.get('sanitizer')) for r in runs),
               'exit2_units': sorted({r['unit'] for r in runs if r['problem'] == 'could-not-check'
                                      and r['tool'] == 'failguard-tidy' and r['phase'] == 'head'}),
               'could_not_check_runs': sum(r['problem'] == 'could-not-check' for r in runs),
               'findings_head': sum(len(r['findings']) for r in runs if r['phase'] == 'head'),
               'findings_history': sum(len(r['findings']) for r in runs
                                       if r['phase'].startswith('history') and r['tool'] == 'git-failguard'),
               'mutations': {}}
        for m in rep.get('mutations', []):
            row['mutations'].setdefault(m['kind'], {}).setdefault(m['outcome'], 0)
            row['mutations'][m['kind']][m['outcome']] += 1
        rows.append(row)
    return rows


def mutation_kinds(rows):
    kinds = {}
    for row in rows:
        for kind, outcomes in row['mutations'].items():
            for outcome, n in outcomes.items():
                kinds.setdefault(kind, {}).setdefault(outcome, 0)
                kinds[kind][outcome] += n
    return kinds


def print_summary(reports, rows, out=sys.stdout):
    header = '%-28s %5s %5s %7s %5s %5s %6s %8s %8s' % ('service', 'units', 'runs', 'crashes', 'hangs',
                                                       'san', 'exit2', 'find@H', 'find@hist')
    print(header, file=out)
    for row in rows:
        print('%-28s %5d %5d %7d %5d %5d %6d %8d %8d' % (row['service'][:28], row['units'], row['runs'],
                                                         row['crashes'], row['hangs'], row['sanitizer'],
                                                         len(row['exit2_units']), row['findings_head'],
                                                         row['findings_history']), file=out)
    total = {k: sum(r[k] for r in rows) for k in ('units', 'runs', 'crashes', 'hangs', 'sanitizer',
                                                  'findings_head', 'findings_history')}
    print('%-28s %5d %5d %7d %5d %5d %6d %8d %8d' % ('total', total['units'], total['runs'], total['crashes'],
                                                     total['hangs'], total['sanitizer'],
                                                     sum(len(r['exit2_units']) for r in rows),
                                                     total['findings_head'], total['findings_history']), file=out)
    print('\nunits that could not be checked at HEAD (one-line reasons):', file=out)
    for rep in reports:
        for r in rep['runs']:
            if r['phase'] == 'head' and r['problem']:
                print('  %s %s: %s' % (rep['name'], r['unit'], r.get('reason')), file=out)
    print('\nmutations (per kind: outcome counts over all services):', file=out)
    kinds = mutation_kinds(rows)
    for kind in REGRESSIONS + BENIGN:
        outcomes = kinds.get(kind, {})
        print('  %-18s %s' % (kind, ', '.join('%s %d' % kv for kv in sorted(outcomes.items())) or 'no site'),
              file=out)
    problems = [(rep['name'], r) for rep in reports for r in rep['runs']
                if r['problem'] in ('crash', 'hang') or r.get('sanitizer')]
    print('\ncrashes, hangs and sanitizer reports: %d' % len(problems), file=out)
    for name, r in problems:
        print('  %s %s %s (%s): %s %s' % (name, r['tool'], r['unit'], r['phase'], r['problem'] or 'sanitizer',
                                          r.get('reason') or r.get('sanitizer')), file=out)
    return kinds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--manifest', default=os.path.join(ROOT, 'bench', 'real_code_services.json'))
    parser.add_argument('--fetched', required=True, help='directory of the fetched git directories')
    parser.add_argument('--work', required=True, help='scratch directory (scratch repositories, databases)')
    parser.add_argument('--tidy', default=os.path.join(ROOT, 'build', 'bin', 'failguard-tidy'))
    parser.add_argument('--driver', default=os.path.join(ROOT, 'build', 'bin', 'git-failguard'))
    parser.add_argument('--services', help='comma-separated names (default: all)')
    parser.add_argument('--timeout', type=int, default=600, help='seconds per failguard-tidy run')
    parser.add_argument('--max-sites', type=int, default=2, help='mutations per kind per service')
    parser.add_argument('--max-baselines', type=int, default=None, help='history baselines per service')
    parser.add_argument('--phases', default='head,history,mutations',
                        help='which of head, history, mutations to run (default: all)')
    parser.add_argument('-j', '--jobs', type=int, default=1)
    parser.add_argument('--report', help='JSON report (default: WORK/report.json)')
    args = parser.parse_args()
    with open(args.manifest) as f:
        manifest = json.load(f)
    chosen = manifest['services']
    if args.services:
        wanted = args.services.split(',')
        chosen = sorted((s for s in chosen if s['name'] in wanted), key=lambda s: wanted.index(s['name']))
    args.phases = set(args.phases.split(','))
    os.makedirs(args.work, exist_ok=True)
    args.work = os.path.abspath(args.work)
    for tool in (args.tidy, args.driver):
        if not os.access(tool, os.X_OK):
            raise SystemExit('real_code.py: %s is not executable' % tool)
    version = run([args.tidy, '--version'])[1].strip().splitlines()
    deps = prepare_deps(manifest, args.fetched, args.work, set().union(*(deps_of(s) for s in chosen)))
    runner = Runner(args, args.work)
    started = time.time()
    path = args.report or os.path.join(args.work, 'report.json')

    def write(reports, complete):
        rows = totals(reports)
        report = {'format': 'failguard-real-code-1', 'complete': complete, 'tidy': os.path.abspath(args.tidy),
                  'driver': os.path.abspath(args.driver), 'tidy_version': version,
                  'command': ' '.join([os.path.relpath(sys.argv[0], os.getcwd())] + sys.argv[1:]),
                  'seconds': round(time.time() - started), 'summary': rows,
                  'mutation_kinds': mutation_kinds(rows), 'services': reports}
        with open(path + '.tmp', 'w') as f:
            json.dump(report, f, indent=1)
        os.replace(path + '.tmp', path)  # after each service: an interrupted run keeps what it finished
        return rows, report
    reports = []
    for service in chosen:
        try:
            reports.append(run_service(service, args, manifest, deps, runner))
        except Failure as error:
            print('[%s] not run: %s' % (service['name'], error), file=sys.stderr)
            reports.append({'name': service['name'], 'repo': service['repo'], 'commit': service['commit'],
                            'units': 0, 'runs': [], 'error': str(error)})
        write(reports, False)
    rows, report = write(reports, True)
    print_summary(reports, rows)
    print('\nreport: %s (%d s)' % (path, report['seconds']))
    failures = sum(r['crashes'] + r['hangs'] + r['sanitizer'] for r in rows)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
