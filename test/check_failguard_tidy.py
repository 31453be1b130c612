#!/usr/bin/env python3
"""Runs a failguard check on a test file in every host and checks the diagnostics.

Usage:
  check_failguard_tidy.py [-check-suffixes=A,B] INPUT CHECK TEMP [-- TIDY_ARGS [-- COMPILER_ARGS]]

The expected diagnostics are written in INPUT next to the code that causes them:
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: ... [failguard-...]
Every host (the plugin in the matching clang-tidy, and failguard-tidy) must produce
exactly the expected warnings, errors and notes: anything unexpected fails, and a
file without CHECK-MESSAGES lines must produce no diagnostic at all. Both hosts must
produce the same diagnostics.

Notes often point above the warning they belong to; a line marked with a trailing
`// @mark NAME` can be named in any check line as [[#NAME]].
"""
import argparse
import os
import re
import shlex
import subprocess
import sys

DIAGNOSTIC = re.compile(r'^.*:\d+:\d+: (warning|error|note): ', re.M)


def fail(message):
    sys.exit('check_failguard_tidy: ' + message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('-check-suffixes', '-check-suffix', default='')
    parser.add_argument('input')
    parser.add_argument('check_name')
    parser.add_argument('temp')
    argv = sys.argv[1:]
    own, extra = (argv[:argv.index('--')], argv[argv.index('--') + 1:]) if '--' in argv else (argv, [])
    args = parser.parse_args(own)
    tidy_args, compiler_args = (extra[:extra.index('--')], extra[extra.index('--') + 1:]) \
        if '--' in extra else (extra, [])

    env = os.environ
    # An empty FAILGUARD_PLUGIN_HOST (the sanitizer build) leaves failguard-tidy alone.
    hosts = [(name, shlex.split(env[var])) for name, var in (
        ('plugin', 'FAILGUARD_PLUGIN_HOST'), ('failguard-tidy', 'FAILGUARD_TIDY')) if env[var]]
    filecheck = env['FAILGUARD_FILECHECK']
    if not any(a.startswith('-std=') for a in compiler_args):
        compiler_args.append('-std=c++17')
    compiler_args += ['-isystem', env['FAILGUARD_TEST_HEADERS']]

    suffixes = [s for s in args.check_suffixes.split(',') if s]
    prefixes = ['CHECK-MESSAGES' + ('-' + s if s else '') for s in (suffixes or [''])]
    source = open(args.input, encoding='utf-8').read()
    marks = ['-D#%s=%d' % (m.group(1), source.count('\n', 0, m.start()) + 1)
             for m in re.finditer(r'//\s*@mark\s+([A-Za-z_][A-Za-z0-9_]*)', source)]
    has_checks = any(re.search(re.escape(p) + r'(-NOT)?:', source) for p in prefixes)

    outputs = {}
    for name, command in hosts:
        full = command + [args.input, '--checks=-*,' + args.check_name, '--quiet'] + \
            tidy_args + ['--'] + compiler_args
        run = subprocess.run(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if run.returncode != 0:
            fail('%s exited with %d\ncommand: %s\nstdout:\n%s\nstderr:\n%s' % (
                name, run.returncode, shlex.join(full), run.stdout, run.stderr))
        messages = ''.join(m.group(0) + rest + '\n' for m, rest in (
            (m, run.stdout[m.end():].split('\n', 1)[0]) for m in DIAGNOSTIC.finditer(run.stdout)))
        outputs[name] = messages
        path = '%s.%s.msg' % (args.temp, name)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(messages)
        if not has_checks:
            if messages:
                fail('%s: expected no diagnostics, got:\n%s' % (name, messages))
            continue
        check = subprocess.run([filecheck, '-input-file=' + path, args.input,
                                '-check-prefixes=' + ','.join(prefixes),
                                '-implicit-check-not={{warning|error|note}}:'] + marks,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if check.returncode != 0:
            fail('%s: FileCheck failed\n%s\ndiagnostics:\n%s' % (name, check.stdout, messages))

    first = outputs['failguard-tidy']
    if outputs.get('plugin', first) != first:
        fail('the hosts disagree\nplugin:\n%s\nfailguard-tidy:\n%s' % (outputs['plugin'], first))
    print('%d diagnostic line(s), identical in %d hosts' % (first.count('\n'), len(hosts)))


if __name__ == '__main__':
    main()
