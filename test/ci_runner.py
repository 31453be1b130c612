#!/usr/bin/env python3
"""Runs CI definitions step by step on this machine, as far as they can run
without GitHub or GitLab: the tests use it to execute the composite action
(action.yml), the example workflow that uses it, and the GitLab example.

  ci_runner.py action   ACTION_YML [--input K=V] [--github K=V] [--uses REF=DIR]
                        [--workspace DIR] [--summary FILE]
  ci_runner.py workflow WORKFLOW_YML --job JOB [--github K=V] [--uses REF=DIR]
                        [--skip-run NAME] [--workspace DIR] [--summary FILE]
  ci_runner.py gitlab   GITLAB_CI_YML --job JOB [--var K=V] [--skip-line PREFIX]
                        [--workspace DIR]

GitHub: `run` steps execute with bash (-eo pipefail, as GitHub's `shell: bash`)
in the workspace, with GITHUB_OUTPUT, GITHUB_ENV and GITHUB_PATH files whose
contents feed later steps; `${{ }}` expressions in `env`, `with`, `if` and
input defaults are evaluated (contexts: inputs, steps, github, env, runner
with os 'Linux' and temp; functions: always, success, failure, hashFiles is
not supported). A `run` script may not contain `${{ }}` (the action passes
everything through `env`). A `uses` step whose reference is mapped by --uses
runs that local action; any other `uses` step cannot run here: it is printed
with its evaluated `with` as `ci-runner: skipped uses: REF with K=V ...`, and
the run goes on. A failing step with `continue-on-error: true` has the outcome
'failure' and the conclusion 'success' and does not fail the job. Each step's
GITHUB_STEP_SUMMARY file is appended to --summary FILE, as GitHub shows the
job's summary.
GitLab: before_script and script lines run in one bash -e per job, with the
given variables; lines starting with a --skip-line prefix are printed as
skipped. Every executed step is announced as `ci-runner: step: NAME`. The exit
status is the job's: the first failing step's status ends it (later steps
with `if: always()` or `failure()` still run).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

import yaml


class Fail(Exception):
    pass


# ---- GitHub expressions -----------------------------------------------------

TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>-?\d+(?:\.\d+)?)|"
                   r"(?P<op>==|!=|&&|\|\||!|\(|\)|,)|(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*))")


class Expression:
    def __init__(self, text, contexts, status):
        self.tokens, position = [], 0
        text = text.strip()
        while position < len(text):
            match = TOKEN.match(text, position)
            if not match or match.end() == position:
                raise Fail('cannot parse expression %r at %d' % (text, position))
            position = match.end()
            kind = match.lastgroup
            self.tokens.append((kind, match.group(kind)))
        self.position, self.contexts, self.status = 0, contexts, status

    def peek(self):
        return self.tokens[self.position] if self.position < len(self.tokens) else (None, None)

    def take(self, value=None):
        token = self.peek()
        if value is not None and token[1] != value:
            raise Fail('expected %r in expression, got %r' % (value, token[1]))
        self.position += 1
        return token

    def evaluate(self):
        value = self.disjunction()
        if self.position != len(self.tokens):
            raise Fail('trailing tokens in expression')
        return value

    def disjunction(self):
        value = self.conjunction()
        while self.peek()[1] == '||':
            self.take()
            other = self.conjunction()
            value = value if truthy(value) else other
        return value

    def conjunction(self):
        value = self.comparison()
        while self.peek()[1] == '&&':
            self.take()
            other = self.comparison()
            value = other if truthy(value) else value
        return value

    def comparison(self):
        value = self.unary()
        while self.peek()[1] in ('==', '!='):
            op = self.take()[1]
            other = self.unary()
            equal = str(value if value is not None else '').lower() == \
                str(other if other is not None else '').lower()
            value = equal if op == '==' else not equal
        return value

    def unary(self):
        if self.peek()[1] == '!':
            self.take()
            return not truthy(self.unary())
        return self.primary()

    def primary(self):
        kind, value = self.take()
        if value == '(':
            inner = self.disjunction()
            self.take(')')
            return inner
        if kind == 'str':
            return value[1:-1].replace("''", "'")
        if kind == 'num':
            return value
        if kind != 'name':
            raise Fail('unexpected %r in expression' % value)
        if value in ('true', 'false'):
            return value == 'true'
        if value == 'null':
            return None
        if self.peek()[1] == '(':
            self.take('(')
            self.take(')')
            if value == 'always':
                return True
            if value == 'success':
                return self.status == 0
            if value == 'failure':
                return self.status != 0
            raise Fail('function %s() is not supported here' % value)
        node = self.contexts
        for part in value.split('.'):
            node = node.get(part) if isinstance(node, dict) else None
        return node


def truthy(value):
    return value not in (None, False, '', 0, '0')


def interpolate(text, contexts, status=0):
    if not isinstance(text, str):
        return '' if text is None else str(text).lower() if isinstance(text, bool) else str(text)

    def one(match):
        value = Expression(match.group(1), contexts, status).evaluate()
        if value is None:
            return ''
        if isinstance(value, bool):
            return 'true' if value else 'false'
        return str(value)
    return re.sub(r'\$\{\{(.*?)\}\}', one, text)


def condition(text, contexts, status):
    if text is None:
        return status == 0
    text = str(text).strip()
    if text.startswith('${{') and text.endswith('}}'):
        text = text[3:-2]
    # GitHub adds success() unless the condition names a status function.
    value = Expression(text, contexts, status).evaluate()
    if not re.search(r'\b(always|success|failure|cancelled)\(\)', text) and status != 0:
        return False
    return truthy(value)


def parse_pairs(pairs):
    result = {}
    for pair in pairs:
        key, sep, value = pair.partition('=')
        if not sep:
            raise Fail('expected K=V, got %r' % pair)
        result[key] = value
    return result


def nested(flat):
    """{'event.pull_request.base.sha': v} -> {'event': {'pull_request': ...}}"""
    tree = {}
    for key, value in flat.items():
        node = tree
        parts = key.split('.')
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return tree


def read_commands_file(path):
    """GITHUB_OUTPUT/GITHUB_ENV: K=V lines and K<<DELIMITER blocks."""
    values = {}
    with open(path, encoding='utf-8') as f:
        lines = f.read().splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if '<<' in line and ('=' not in line or line.index('<<') < line.index('=')):
            key, delimiter = line.split('<<', 1)
            body = []
            while index < len(lines) and lines[index] != delimiter:
                body.append(lines[index])
                index += 1
            index += 1
            values[key] = '\n'.join(body)
        elif '=' in line:
            key, value = line.split('=', 1)
            values[key] = value
    return values


class GitHubJob:
    def __init__(self, github, workspace, uses_map, skip_run, summary=None):
        self.github, self.workspace, self.summary = github, workspace, summary
        self.uses_map, self.skip_run = uses_map, skip_run
        self.scratch = tempfile.mkdtemp(prefix='ci-runner-')
        self.env, self.path = {}, []
        self.counter = 0

    def run_steps(self, steps, inputs, action_path, status):
        step_results = {}
        for step in steps or []:
            contexts = {'inputs': inputs, 'steps': step_results, 'github': self.github,
                        'env': dict(os.environ, **self.env), 'runner': self.runner()}
            name = step.get('name') or step.get('uses') or step.get('run', '').split('\n')[0]
            if not condition(step.get('if'), contexts, status):
                print('ci-runner: not run (if: %s): %s' % (step.get('if', 'success()'), name))
                continue
            outputs = {}
            if 'uses' in step:
                ref = step['uses']
                target = next((d for pattern, d in self.uses_map.items()
                               if re.fullmatch(pattern, ref)), None)
                with_values = {k: interpolate(v, contexts, status)
                               for k, v in (step.get('with') or {}).items()}
                if target is None:
                    print('ci-runner: skipped uses: %s%s' % (ref, ''.join(
                        ' with %s=%s' % kv for kv in sorted(with_values.items()))))
                    continue
                print('ci-runner: step: %s (uses %s)' % (name, ref))
                rc, outputs = self.run_action(os.path.join(target, 'action.yml'), with_values)
            else:
                if name in self.skip_run:
                    print('ci-runner: skipped run: %s' % name)
                    continue
                script = step['run']
                if '${{' in script:
                    raise Fail("step '%s': a run script must take its values from env, "
                               'not ${{ }}' % name)
                print('ci-runner: step: %s' % name)
                sys.stdout.flush()
                rc, outputs = self.run_script(script, step, contexts, status, action_path)
            tolerated = interpolate(step.get('continue-on-error', False), contexts, status) == 'true'
            if 'id' in step:
                step_results[step['id']] = {
                    'outputs': outputs, 'outcome': 'success' if rc == 0 else 'failure',
                    'conclusion': 'success' if rc == 0 or tolerated else 'failure'}
            if rc != 0 and tolerated:
                print('ci-runner: step failed with status %d (continue-on-error): %s' % (rc, name))
            elif rc != 0:
                print('ci-runner: step failed with status %d: %s' % (rc, name))
                status = status or rc
        return status, step_results

    def runner(self):
        return {'temp': self.scratch, 'os': 'Linux'}

    def run_script(self, script, step, contexts, status, action_path):
        self.counter += 1
        files = {}
        for kind in ('OUTPUT', 'ENV', 'PATH', 'STEP_SUMMARY'):
            files[kind] = os.path.join(self.scratch, '%s-%d' % (kind.lower(), self.counter))
            open(files[kind], 'w').close()
        env = dict(os.environ)
        env.update(self.env)
        if self.path:
            env['PATH'] = os.pathsep.join(list(reversed(self.path)) + [env.get('PATH', '')])
        env.update({'GITHUB_%s' % k: v for k, v in files.items()})
        env['GITHUB_WORKSPACE'] = self.workspace
        env['RUNNER_TEMP'] = self.scratch
        env['CI'] = 'true'
        env['GITHUB_ACTIONS'] = 'true'
        if action_path:
            env['GITHUB_ACTION_PATH'] = action_path
        for key, value in (step.get('env') or {}).items():
            env[key] = interpolate(value, contexts, status)
        script_file = os.path.join(self.scratch, 'step-%d.sh' % self.counter)
        with open(script_file, 'w', encoding='utf-8') as f:
            f.write(script)
        shell = step.get('shell', 'bash')
        if shell != 'bash':
            raise Fail("step shell '%s' is not supported here" % shell)
        cwd = os.path.join(self.workspace, step.get('working-directory', '.'))
        rc = subprocess.run(['bash', '--noprofile', '--norc', '-eo', 'pipefail', script_file],
                            cwd=cwd, env=env).returncode
        if self.summary:
            with open(files['STEP_SUMMARY'], encoding='utf-8') as f, \
                    open(self.summary, 'a', encoding='utf-8') as out:
                out.write(f.read())
        self.env.update(read_commands_file(files['ENV']))
        with open(files['PATH'], encoding='utf-8') as f:
            self.path += [line for line in f.read().splitlines() if line]
        return rc, read_commands_file(files['OUTPUT'])

    def run_action(self, action_file, given):
        with open(action_file, encoding='utf-8') as f:
            action = yaml.safe_load(f)
        if action.get('runs', {}).get('using') != 'composite':
            raise Fail('%s: only composite actions run here' % action_file)
        declared = action.get('inputs') or {}
        unknown = set(given) - set(declared)
        if unknown:
            raise Fail('%s: unknown input(s) %s' % (action_file, ', '.join(sorted(unknown))))
        contexts = {'github': self.github, 'env': dict(os.environ, **self.env),
                    'runner': self.runner()}
        inputs = {}
        for key, spec in declared.items():
            spec = spec or {}
            if key in given:
                inputs[key] = given[key]
            else:
                inputs[key] = interpolate(spec.get('default', ''), contexts)
        action_path = os.path.dirname(os.path.abspath(action_file))
        status, step_results = self.run_steps(action['runs'].get('steps'), inputs, action_path, 0)
        contexts = {'steps': step_results, 'inputs': inputs, 'github': self.github}
        outputs = {key: interpolate((spec or {}).get('value', ''), contexts, status)
                   for key, spec in (action.get('outputs') or {}).items()}
        return status, outputs


def run_github_action(args):
    uses_map = {pattern: os.path.abspath(d) for pattern, d in parse_pairs(args.uses).items()}
    job = GitHubJob(nested(parse_pairs(args.github)), os.path.abspath(args.workspace), uses_map,
                    set(), args.summary)
    status, _ = job.run_action(args.file, parse_pairs(args.input))
    return status


def run_github_workflow(args):
    with open(args.file, encoding='utf-8') as f:
        workflow = yaml.safe_load(f)
    jobs = workflow.get('jobs') or {}
    if args.job not in jobs:
        raise Fail("no job '%s' in %s" % (args.job, args.file))
    uses_map = {pattern: os.path.abspath(d) for pattern, d in parse_pairs(args.uses).items()}
    job = GitHubJob(nested(parse_pairs(args.github)), os.path.abspath(args.workspace), uses_map,
                    set(args.skip_run), args.summary)
    return job.run_steps(jobs[args.job].get('steps'), {}, None, 0)[0]


def run_gitlab(args):
    with open(args.file, encoding='utf-8') as f:
        pipeline = yaml.safe_load(f)
    job = pipeline.get(args.job)
    if not isinstance(job, dict):
        raise Fail("no job '%s' in %s" % (args.job, args.file))
    env = dict(os.environ, CI='true', GITLAB_CI='true')
    env.update({k: str(v) for k, v in (pipeline.get('variables') or {}).items()})
    env.update({k: str(v) for k, v in (job.get('variables') or {}).items()})
    env.update(parse_pairs(args.var))
    lines = []
    for part in ('before_script', 'script'):
        for line in job.get(part) or []:
            if any(line.startswith(prefix) for prefix in args.skip_line):
                lines.append('echo %s' % shlex_quote('ci-runner: skipped line: ' + line))
            else:
                lines.append('echo %s' % shlex_quote('ci-runner: step: ' + line))
                lines.append(line)
    script = '\n'.join(lines) + '\n'
    return subprocess.run(['bash', '--noprofile', '--norc', '-e', '-c', script],
                          cwd=os.path.abspath(args.workspace), env=env).returncode


def shlex_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('kind', choices=['action', 'workflow', 'gitlab'])
    parser.add_argument('file')
    parser.add_argument('--job')
    parser.add_argument('--input', action='append', default=[])
    parser.add_argument('--github', action='append', default=[])
    parser.add_argument('--uses', action='append', default=[])
    parser.add_argument('--skip-run', action='append', default=[])
    parser.add_argument('--var', action='append', default=[])
    parser.add_argument('--skip-line', action='append', default=[])
    parser.add_argument('--workspace', default='.')
    parser.add_argument('--summary')
    args = parser.parse_args()
    try:
        if args.kind == 'action':
            status = run_github_action(args)
        elif args.kind == 'workflow':
            status = run_github_workflow(args)
        else:
            status = run_gitlab(args)
    except Fail as failure:
        print('ci-runner: error: %s' % failure, file=sys.stderr)
        return 3
    print('ci-runner: job status %d' % status)
    return status


if __name__ == '__main__':
    sys.exit(main())
