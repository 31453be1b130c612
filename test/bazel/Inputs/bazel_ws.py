#!/usr/bin/env python3
"""Runs the failguard Bazel aspect on a workspace under the test's directory T.

  bazel_ws.py init T SRC_ROOT HEADERS FAILGUARD_TIDY FAILGUARD_INDEX
      T/ws from Inputs/workspace, the mock headers, a WORKSPACE naming the
      aspect's repository and the programs; git init, commit "base"
  bazel_ws.py build T NAME [BAZEL_ARG...]
      bazel build //... (or the targets among BAZEL_ARGs) with the aspect, the
      baseline HEAD's commit id; prints every failguard spawn of the execution
      log (ran, or cached: served from the disk cache) and their counts; bazel's
      output goes to T/NAME.log; exits with bazel's status
  bazel_ws.py findings T
      the diagnostic lines of every target's report, sorted
  bazel_ws.py driver T GIT_FAILGUARD
      the diagnostic lines of `git failguard --all --base <HEAD's commit id>`, sorted
  bazel_ws.py clean T | shutdown T

Bazel writes only under T: its output user root, output base, disk cache and
home; the failguard caches are under T too. Every server idles out after a
minute should a step fail before `shutdown`.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time

INPUTS = os.path.dirname(os.path.abspath(__file__))
DIAGNOSTIC = re.compile(r'^\S+:\d+:\d+: (warning|error|note): ')


def git(ws, *args):
    return subprocess.run(['git', '-C', ws] + list(args), check=True, stdout=subprocess.PIPE,
                          text=True).stdout.strip()


def environment(t):
    env = dict(os.environ, HOME=os.path.join(t, 'home'), TMPDIR=os.path.join(t, 'tmp'))
    os.makedirs(env['HOME'], exist_ok=True)
    os.makedirs(env['TMPDIR'], exist_ok=True)
    return env


def bazel(t, *args, **kwargs):
    env = environment(t)
    # The system bazelrc stays: Debian's says where Bazel is installed. The
    # server's temporary files (the execution log's) go under T too.
    startup = ['bazel', '--output_user_root=' + os.path.join(t, 'bazel-root'),
               '--output_base=' + os.path.join(t, 'bazel-base'), '--nohome_rc',
               '--noworkspace_rc', '--max_idle_secs=60',
               '--host_jvm_args=-Djava.io.tmpdir=' + env['TMPDIR']]
    return subprocess.run(startup + list(args), cwd=os.path.join(t, 'ws'), env=env, **kwargs)


def init(t, src_root, headers, failguard_tidy, failguard_index):
    ws = os.path.join(t, 'ws')
    shutil.copytree(os.path.join(INPUTS, 'workspace'), ws)
    for library in ('jwt-cpp', 'drogon'):
        shutil.copytree(os.path.join(headers, library),
                        os.path.join(ws, 'third_party', 'headers', library))
    # Bazel 4.2.3 would download rules_cc and rules_java; offline, wrappers
    # of its native rules stand for them.
    with open(os.path.join(ws, 'WORKSPACE'), 'w') as f:
        f.write('local_repository(name = "rules_cc", path = "%s")\n'
                'local_repository(name = "rules_java", path = "%s")\n'
                'local_repository(name = "failguard", path = "%s")\n\n'
                'load("@failguard//:failguard.bzl", "failguard_tools")\n\n'
                'failguard_tools(\n    name = "failguard_tools",\n'
                '    failguard_tidy = "%s",\n    failguard_index = "%s",\n)\n' % (
                    os.path.join(INPUTS, 'offline', 'rules_cc'),
                    os.path.join(INPUTS, 'offline', 'rules_java'),
                    os.path.join(src_root, 'tools', 'bazel'), failguard_tidy, failguard_index))
    # The same units for git failguard, with the flags Bazel gives them.
    units = sorted(os.path.relpath(p, ws) for p in glob.glob(os.path.join(ws, '*', '*.cc')))
    os.makedirs(os.path.join(ws, 'build'))
    with open(os.path.join(ws, 'build', 'compile_commands.json'), 'w') as f:
        json.dump([{'directory': ws, 'file': unit,
                    'arguments': ['clang++', '-std=c++17', '-iquote', '.', '-isystem',
                                  'third_party/headers', '-c', unit]} for unit in units], f,
                  indent=1)
    git(ws, 'init', '-q', '-b', 'main')
    git(ws, 'add', '-A')
    git(ws, 'commit', '-q', '-m', 'base')


def spawns(log):
    with open(log) as f:
        text = f.read()
    decoder, at = json.JSONDecoder(), 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at == len(text):
            return
        spawn, at = decoder.raw_decode(text, at)
        yield spawn


def build(t, name, args):
    ws = os.path.join(t, 'ws')
    log = os.path.join(t, name + '.json')
    targets = [a for a in args if a.startswith('//')] or ['//...']
    options = [a for a in args if not a.startswith('//')]
    sanitizer_env = ['--action_env=' + v for v in
                     ('ASAN_OPTIONS', 'UBSAN_OPTIONS', 'LSAN_OPTIONS', 'ASAN_SYMBOLIZER_PATH')
                     if v in os.environ]
    with open(os.path.join(t, name + '.log'), 'w') as out:
        status = bazel(t, 'build', '--nosandbox_debug', '--symlink_prefix=/', '--color=no',
                       '--curses=no', '--noshow_progress',
                       '--disk_cache=' + os.path.join(t, 'disk-cache'),
                       '--execution_log_json_file=' + log,
                       '--aspects=@failguard//:failguard.bzl%failguard_aspect',
                       '--output_groups=report', '--@failguard//:config=//:.clang-tidy',
                       '--@failguard//:baseline=' + git(ws, 'rev-parse', 'HEAD'),
                       '--action_env=XDG_CACHE_HOME=' + os.path.join(t, 'failguard-cache'),
                       '--action_env=TMPDIR=' + os.path.join(t, 'tmp'),
                       *sanitizer_env, *options, '--', *targets,
                       stdout=out, stderr=subprocess.STDOUT).returncode
    lines, ran, cached = [], 0, 0
    for spawn in spawns(log):
        if not spawn['mnemonic'].startswith('Failguard'):
            continue
        output = sorted(spawn['listedOutputs'])[0].split('/bin/', 1)[1]
        hit = spawn.get('remoteCacheHit', False)
        ran, cached = ran + (not hit), cached + hit
        lines.append('%s %s %s' % ('cached' if hit else 'ran', spawn['mnemonic'], output))
    for line in sorted(lines):
        print(line)
    print('failguard spawns: %d ran, %d cached' % (ran, cached))
    return status


def diagnostics(lines):
    return sorted(line for line in lines if DIAGNOSTIC.match(line))


def findings(t):
    bin_dir = os.path.join(t, 'bazel-base', 'execroot', '__main__', 'bazel-out', 'k8-fastbuild',
                           'bin')
    lines = []
    for report in glob.glob(os.path.join(bin_dir, '**', '*.failguard', 'report.txt'),
                            recursive=True):
        with open(report) as f:
            lines += f.read().splitlines()
    for line in diagnostics(lines):
        print(line)


def driver(t, git_failguard):
    ws = os.path.join(t, 'ws')
    env = dict(environment(t), XDG_CACHE_HOME=os.path.join(t, 'driver-cache'))
    run = subprocess.run([git_failguard, '--all', '--base', git(ws, 'rev-parse', 'HEAD'), '-p',
                          'build'], cwd=ws, env=env, stdout=subprocess.PIPE, text=True)
    if run.returncode not in (0, 1):
        sys.exit('git failguard exited %d' % run.returncode)
    for line in diagnostics(run.stdout.splitlines()):
        print(line)


def shutdown(t):
    bazel(t, 'shutdown', check=True)
    pid_file = os.path.join(t, 'bazel-base', 'server', 'server.pid.txt')
    for _ in range(100):
        if not os.path.exists(pid_file):
            return 0
        time.sleep(0.1)
    sys.exit('the Bazel server is still running (%s)' % pid_file)


def main(argv):
    command, t = argv[1], os.path.abspath(argv[2])
    if command == 'init':
        init(t, *argv[3:7])
    elif command == 'build':
        return build(t, argv[3], argv[4:])
    elif command == 'findings':
        findings(t)
    elif command == 'driver':
        driver(t, argv[3])
    elif command == 'clean':
        bazel(t, 'clean', check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elif command == 'shutdown':
        return shutdown(t)
    else:
        sys.exit('bazel_ws.py: unknown command ' + command)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
