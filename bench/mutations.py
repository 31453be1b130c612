#!/usr/bin/env python3
"""Benchmark: regressions found and false alarms raised on realistic refactors.

Takes the handler and validator code in examples/mutations (jwt-cpp, cpp-jwt,
Poco::JWT, Drogon and Pistache shapes; each function to mutate sits between
`// @fn NAME [caller] [fixed]` and `// @end`), commits it as a baseline, and
then commits, one at a time on top of it, mutated versions of one function:

  regressions (each combined, alternately, with a signature change or an
  inserted guarded sibling call): try removed, catch narrowed to a sibling,
  call moved out of the try, handler now rethrows, optional -> value, decode
  moved into a new helper, handler around a helper removed, route handler
  removed with a route inserted before it;

  benign refactors: rename a local, reorder statements, insert a guarded
  call, insert a route lambda, extract a helper that keeps the try, broaden
  a catch, change a parameter type only, move the function within the file,
  reformat.

Each commit is checked with the real driver, `git failguard --base HEAD~1`,
from a compilation database; a regression counts as detected when a baseline
check (removed-exception-handler, narrowed-optional-return) reports it, as a
warning of its own or, at a call failguard-auth-exception-escape reports too,
as the note "also reported by failguard-removed-exception-handler" of that one
warning; any warning on a benign commit is a false alarm. Prints both per
kind.

Usage: bench/mutations.py [--driver build/bin/git-failguard] [--kinds a,b] [--verbose]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BASELINE_CHECKS = ('failguard-removed-exception-handler', 'failguard-narrowed-optional-return')
SIBLING = 'std::bad_alloc'  # a sibling of every modelled exception: catches none of them


class Function:
    """One `// @fn` block of a source file, split into its parts."""

    def __init__(self, lines, start, end):
        header = lines[start].split()
        self.name = header[2]
        self.caller = 'caller' in header[3:]
        self.fixed = 'fixed' in header[3:]  # an override: its signature cannot change
        self.route = self.name.startswith('route:')
        self.start, self.end = start + 1, end  # the code between the markers
        code = lines[self.start:self.end]
        self.try_at = next(i for i, l in enumerate(code) if l.strip() == 'try {')
        self.indent = code[self.try_at][:len(code[self.try_at]) - len(code[self.try_at].lstrip())]
        catch = [i for i, l in enumerate(code) if l.startswith(self.indent + '} catch (')]
        self.catch_at = catch
        self.close_at = next(i for i in range(catch[-1] + 1, len(code))
                             if code[i] == self.indent + '}')
        self.code = code

    def parts(self):
        c = self.code
        return (c[:self.try_at], c[self.try_at + 1:self.catch_at[0]],
                c[self.catch_at[0]:self.close_at + 1], c[self.close_at + 1:])


def dedent(lines, by=2):
    return [l[by:] if l.startswith(' ' * by) else l for l in lines]


def first_local(body):
    m = re.match(r'\s*auto (\w+) = ', body[0])
    return m.group(1) if m else None


def replace_word(lines, old, new):
    return [re.sub(r'\b%s\b' % re.escape(old), new, l) for l in lines]


# --- the changes, each a function of (file lines, Function, probe) -> new file lines or None

def with_code(lines, fn, code):
    return lines[:fn.start] + code + lines[fn.end:]


def signature_change(fn, code):
    """`const std::string &token` becomes `std::string_view token` (a copy keeps the body)."""
    if fn.fixed:
        return None
    head = code[0]
    if 'const std::string &token' not in head:
        return None
    code = [head.replace('const std::string &token', 'std::string_view token_view')] + code[1:]
    indent = fn.indent if not fn.route else fn.indent
    return code[:1] + [indent + 'const std::string token(token_view);'] + code[1:]


def sibling_call(fn, code, probe):
    """A new guarded modelled call before the try."""
    at = fn.try_at  # where the try starts (or started): the lines before it are unchanged
    guarded = [fn.indent + 'try {', fn.indent + '  ' + probe,
               fn.indent + '} catch (const std::exception &) {',
               fn.indent + '  audit("malformed");', fn.indent + '}']
    return code[:at] + guarded + code[at:]


def combine(fn, code, probe, variant):
    """Every regression also changes the signature or inserts a sibling call."""
    if variant == 0:
        changed = signature_change(fn, code)
        if changed:
            return changed
    return sibling_call(fn, code, probe)


def try_removed(fn, lines, probe, variant):
    if fn.caller or fn.route:
        return None
    pre, body, handler, post = fn.parts()
    return combine(fn, pre + dedent(body) + post, probe, variant)


def first_clause(fn, handler):
    """The first catch clause of a handler list, with the closing brace."""
    end = next((i for i in range(1, len(handler)) if handler[i].startswith(fn.indent + '}')),
               len(handler) - 1)
    return handler[:end] + [fn.indent + '}']


def catch_narrowed(fn, lines, probe, variant):
    """The (first) clause catches a sibling type; other clauses go."""
    pre, body, handler, post = fn.parts()
    handler = first_clause(fn, handler)
    handler[0] = re.sub(r'catch \(const [\w:]+ &\)', 'catch (const %s &)' % SIBLING, handler[0])
    return combine(fn, pre + [fn.indent + 'try {'] + body + handler + post, probe, variant)


def call_moved_out(fn, lines, probe, variant):
    pre, body, handler, post = fn.parts()
    return combine(fn, pre + dedent(body[:1]) + [fn.indent + 'try {'] + body[1:] + handler + post,
                   probe, variant)


def handler_rethrows(fn, lines, probe, variant):
    """The (first) clause logs and rethrows; other clauses stay."""
    pre, body, handler, post = fn.parts()
    first = first_clause(fn, handler)
    inner = fn.indent + '  '
    handler = [handler[0], inner + 'audit("rejected");', inner + 'throw;'] + \
        handler[len(first) - 1:]
    return combine(fn, pre + [fn.indent + 'try {'] + body + handler + post, probe, variant)


def optional_to_value(fn, lines, probe, variant):
    code = fn.code
    m = re.match(r'std::optional<([\w:]+)> ', code[0])
    if not m or fn.route:
        return None
    code = [code[0].replace(m.group(0), m.group(1) + ' ', 1)] + \
        [l.replace('return std::nullopt;', 'return {};') for l in code[1:]]
    changed = Function.__new__(Function)
    changed.__dict__.update(fn.__dict__)
    changed.code = code
    return combine(changed, code, probe, variant)


def decode_into_helper(fn, lines, probe, variant):
    """The decode moves into a new helper that does not handle; the try goes."""
    if fn.caller or fn.route or fn.fixed:
        return None
    pre, body, handler, post = fn.parts()
    m = re.match(r'(\s*)auto (\w+) = (.*);$', body[0])
    if not m:
        return None
    helper_name = 'decode_' + re.sub(r'\W', '_', fn.name)
    using = [l.strip() for l in pre if l.strip().startswith('using namespace')]
    helper = ['static auto %s(const std::string &token) {' % helper_name] + \
        ['  ' + u for u in using] + ['  return %s;' % m.group(3), '}', '']
    body = [fn.indent + 'auto %s = %s(token);' % (m.group(2), helper_name)] + dedent(body[1:])
    code = combine(fn, pre + body + post, probe, variant)
    return helper + code


def helper_handler_removed(fn, lines, probe, variant):
    if not fn.caller:
        return None
    pre, body, handler, post = fn.parts()
    return combine(fn, pre + dedent(body) + post, probe, variant)


def route_handler_removed(fn, lines, probe, variant):
    if not fn.route:
        return None
    pre, body, handler, post = fn.parts()
    code = pre + dedent(body) + post
    if variant == 0:
        code = signature_change_lambda(code) or code
    return inserted_route(fn, probe) + code


def signature_change_lambda(code):
    if '(const std::string &token)' not in code[0]:
        return None
    return [code[0].replace('const std::string &token', 'std::string_view token_view')] + \
        ['      const std::string token(token_view);'] + code[1:]


def inserted_route(fn, probe):
    indent = re.match(r'\s*', fn.code[0]).group(0)
    return [indent + 'router.get("/login", [](const std::string &token) {',
            indent + '  try {', indent + '    ' + probe, indent + '    return 200;',
            indent + '  } catch (const std::exception &) {', indent + '    return 401;',
            indent + '  }', indent + '});']


def rename_local(fn, lines, probe, variant):
    pre, body, handler, post = fn.parts()
    local = first_local(body)
    if not local:
        return None
    return replace_word(fn.code, local, local + 'Checked')


def reorder_statements(fn, lines, probe, variant):
    """The audit call moves from inside the try to before it."""
    pre, body, handler, post = fn.parts()
    audits = [l for l in body if l.strip().startswith('audit(')]
    if not audits:
        return None
    body = [l for l in body if l is not audits[0]]
    return pre + [fn.indent + audits[0].strip()] + [fn.indent + 'try {'] + body + handler + post


def insert_guarded_call(fn, lines, probe, variant):
    return sibling_call(fn, fn.code, probe)


def insert_route_lambda(fn, lines, probe, variant):
    if not fn.route:
        return None
    return inserted_route(fn, probe) + fn.code


def extract_helper_keeps_try(fn, lines, probe, variant):
    """The whole body, try included, moves into a helper the function calls."""
    if fn.route or fn.fixed:
        return None
    head = fn.code[0]
    m = re.match(r'(.*?)(\w+)\((.*)\) \{$', head)
    if not m:
        return None
    ret, name, params = m.groups()
    args = ', '.join(p.split()[-1].lstrip('&') for p in params.split(', '))
    helper = ['static %s%s_checked(%s) {' % (ret, name, params)] + fn.code[1:] + ['']
    return helper + ['%s%s(%s) { return %s_checked(%s); }' % (ret, name, params, name, args)]


def broaden_catch(fn, lines, probe, variant):
    pre, body, handler, post = fn.parts()
    if len(fn.catch_at) > 1:
        # Two clauses become one handler of their common base.
        last = handler[-1]
        handler = [fn.indent + '} catch (const std::exception &) {'] + \
            [l for l in handler[1:] if not l.startswith(fn.indent + '}')][:1] + [last]
    else:
        handler = [fn.indent + '} catch (...) {'] + handler[1:]
    return pre + [fn.indent + 'try {'] + body + handler + post


def parameter_type_only(fn, lines, probe, variant):
    if fn.route:
        return signature_change_lambda(fn.code)
    return signature_change(fn, fn.code)


def move_function(fn, lines, probe, variant):
    """The function moves to the end of the file (a route stays in its function)."""
    if fn.route or fn.fixed:
        return None
    return 'MOVE'


def reformat(fn, lines, probe, variant):
    code = []
    for l in fn.code:
        stripped = l.lstrip()
        depth = (len(l) - len(stripped)) // 2
        code.append('    ' * depth + stripped)
    if code[0].endswith(' {') and not fn.route and not fn.fixed:
        code = [code[0][:-2], '{'] + code[1:]
    return code


REGRESSIONS = [
    ('try removed', try_removed),
    ('catch narrowed to a sibling', catch_narrowed),
    ('call moved out of the try', call_moved_out),
    ('handler now rethrows', handler_rethrows),
    ('optional -> value', optional_to_value),
    ('decode moved into a new helper', decode_into_helper),
    ('handler around a helper removed', helper_handler_removed),
    ('route handler removed, route inserted', route_handler_removed),
]
BENIGN = [
    ('rename a local', rename_local),
    ('reorder statements', reorder_statements),
    ('insert a guarded call', insert_guarded_call),
    ('insert a route lambda', insert_route_lambda),
    ('extract a helper that keeps the try', extract_helper_keeps_try),
    ('broaden a catch', broaden_catch),
    ('change a parameter type only', parameter_type_only),
    ('move a function within the file', move_function),
    ('reformat', reformat),
]


def functions_of(lines):
    out = []
    for i, l in enumerate(lines):
        if l.strip().startswith('// @fn '):
            end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == '// @end')
            out.append(Function(lines, i, end))
    return out


def probe_of(lines):
    for l in lines:
        if l.startswith('// @probe '):
            return l[len('// @probe '):]
    sys.exit('mutations: a file without // @probe')


def mutate(lines, fn, change, variant):
    code = change(fn, lines, probe_of(lines), variant)
    if code is None:
        return None
    if code == 'MOVE':
        block = lines[fn.start - 1:fn.end + 1]
        return lines[:fn.start - 1] + lines[fn.end + 1:] + [''] + block
    return with_code(lines, fn, code)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--driver', default=os.path.join(root, 'build', 'bin', 'git-failguard'))
    parser.add_argument('--examples', default=os.path.join(root, 'examples', 'mutations'))
    parser.add_argument('--headers', default=os.path.join(root, 'test', 'Inputs', 'Headers'))
    parser.add_argument('--kinds', default='', help='only these kinds (comma-separated substrings)')
    parser.add_argument('--verbose', action='store_true')
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix='failguard-mutations-')
    try:
        repo = os.path.join(work, 'repo')
        shutil.copytree(args.examples, repo)
        sources = sorted(f for f in os.listdir(repo) if f.endswith(('.cpp', '.cc')))
        build = os.path.join(work, 'build')
        os.makedirs(build)
        with open(os.path.join(build, 'compile_commands.json'), 'w') as f:
            json.dump([{'directory': repo, 'file': os.path.join(repo, s),
                        'arguments': ['c++', '-std=c++17', '-isystem', args.headers, '-c', s]}
                       for s in sources], f)
        env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, 'cache'),
                   GIT_AUTHOR_NAME='bench', GIT_AUTHOR_EMAIL='bench@failguard.invalid',
                   GIT_COMMITTER_NAME='bench', GIT_COMMITTER_EMAIL='bench@failguard.invalid')

        def git(*a):
            return subprocess.run(['git', '-C', repo] + list(a), check=True, env=env,
                                  stdout=subprocess.PIPE, text=True).stdout

        git('init', '-q', '-b', 'main')
        git('add', '-A')
        git('commit', '-q', '-m', 'baseline')
        base = git('rev-parse', 'HEAD').strip()

        def check(source, text, what):
            """Commits `text` as `source` on the baseline; the driver's findings."""
            git('checkout', '-q', '--detach', base)
            with open(os.path.join(repo, source), 'w') as f:
                f.write(text)
            git('commit', '-q', '-am', what)
            run = subprocess.run([args.driver, '--base', 'HEAD~1', '-p', build, '-j', '1'],
                                 cwd=repo, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
            if run.returncode not in (0, 1):
                sys.exit('mutations: git failguard could not run on "%s":\n%s%s' %
                         (what, run.stdout, run.stderr))
            # The warnings, and the notes by which a baseline check's report
            # of a call the escape check also reports is folded into that
            # one warning ("also reported by ...": one call, one warning).
            warnings = [l for l in run.stdout.splitlines()
                        if ': warning: ' in l or ': note: also reported by ' in l]
            if args.verbose:
                print('--- %s\n%s' % (what, '\n'.join(warnings) or '(nothing)'))
            return warnings

        wanted = [k for k in args.kinds.split(',') if k]
        results = []
        for label, kinds in (('regression', REGRESSIONS), ('benign', BENIGN)):
            for kind, change in kinds:
                if wanted and not any(w in kind for w in wanted):
                    continue
                total = hits = 0
                for source in sources:
                    lines = open(os.path.join(args.examples, source)).read().split('\n')
                    for index, fn in enumerate(functions_of(lines)):
                        mutated = mutate(lines, fn, change, index % 2)
                        if mutated is None:
                            continue
                        warnings = check(source, '\n'.join(mutated),
                                         '%s: %s in %s' % (kind, fn.name, source))
                        total += 1
                        if label == 'regression':
                            hits += any(c in w for w in warnings for c in BASELINE_CHECKS)
                        else:
                            hits += any(': warning: ' in w for w in warnings)
                results.append((label, kind, hits, total))

        print('git failguard on %d realistic functions in %d files (examples/mutations), '
              'one commit per mutation' %
              (sum(len(functions_of(open(os.path.join(args.examples, s)).read().split('\n')))
                   for s in sources), len(sources)))
        print('  %-10s %-42s %s' % ('', 'kind', 'result'))
        ok = True
        for label, kind, hits, total in results:
            if label == 'regression':
                verdict = 'detected %d/%d' % (hits, total)
                ok &= hits == total
            else:
                verdict = 'false alarms %d/%d' % (hits, total)
                ok &= hits == 0
            print('  %-10s %-42s %s' % (label, kind, verdict))
        print('target (every regression detected, no false alarm): %s' % ('met' if ok else 'MISSED'))
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
