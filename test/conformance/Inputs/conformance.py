#!/usr/bin/env python3
"""conformance.py: crafted tokens through a real library, against what the model says.

  conformance.py --program BIN --library PREFIX --model DUMP --crafter TOKENS_PY
                 --work DIR [--algorithms HS256,RS256,ES256] [--unexercised NAME ...]

For each algorithm it makes a test key with openssl, crafts one token per case
with the crafter (tokens.py), and runs BIN (ALG KEY_FILE ISSUER AUDIENCE SUBJECT,
"CASE TOKEN" lines in, "CALL<TAB>CASE<TAB>RESULT" lines out). DUMP is what
ApiModelTest.BuiltinModelReadsBackFromItsModelFile writes: the token case
vocabulary and the built-in model as a model file. The entries checked are those
whose library starts with PREFIX.

A CALL is an entry's name, `(error_code)` for its std::error_code overload, and
`[...]` for a variant configuration. A plain CALL is configured with every check
the cases presuppose: a case the model lists under some of the overload's
classes must throw one of them, any other case nothing. A variant checks less
(one claim at a time, no verification, ...): what it throws must still be
listed for the case. Any call throws nothing for the valid token. Every class
and case the model pairs must be seen thrown by some call of the entry's
overload. Exit 0 when the library and the model agree, 1 with each
disagreement on its own line.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

ISSUER, AUDIENCE, SUBJECT = 'failguard-issuer', 'failguard-audience', 'failguard-subject'
SECRET = 'failguard conformance secret'
NOT_THROWN = ('none', 'not-reached')


def normalise(result):
    """The class as the model names it: no inline ABI namespaces."""
    return re.sub(r'(json_abi_v[0-9_a-z]+|__cxx11|__1)::', '', result)


def make_key(alg, work):
    """(crafter arguments, verifier key file) for a fresh test key."""
    if alg.startswith('HS'):
        key = os.path.join(work, 'secret')
        with open(key, 'w', encoding='utf-8') as out:
            out.write(SECRET)
        return ['--secret-env', 'FAILGUARD_CONFORMANCE_SECRET'], key
    private = os.path.join(work, alg + '.pem')
    public = os.path.join(work, alg + '.pub.pem')
    if alg == 'RS256':
        options = ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']
    else:
        options = ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']
    subprocess.run(['openssl', 'genpkey'] + options + ['-out', private], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(['openssl', 'pkey', '-in', private, '-pubout', '-out', public], check=True)
    return ['--key', private], public


def observe(args, alg):
    """[(call, case, class)] of one run of the program on freshly crafted tokens."""
    work = os.path.join(args.work, alg)
    os.makedirs(work, exist_ok=True)
    crafter_key, verifier_key = make_key(alg, work)
    env = dict(os.environ, FAILGUARD_CONFORMANCE_SECRET=SECRET)
    crafted = subprocess.run(
        [sys.executable, args.crafter, '--alg', alg, '--issuer', ISSUER, '--audience', AUDIENCE,
         '--subject', SUBJECT] + crafter_key,
        env=env, check=True, stdout=subprocess.PIPE, text=True)
    tokens = json.loads(crafted.stdout)
    with open(os.path.join(work, 'tokens.json'), 'w', encoding='utf-8') as out:
        out.write(crafted.stdout)
    lines = ''.join('%s %s\n' % item for item in tokens['tokens'].items())
    ran = subprocess.run([args.program, alg, verifier_key, ISSUER, AUDIENCE, SUBJECT],
                         input=lines, stdout=subprocess.PIPE, text=True, timeout=300)
    if ran.returncode != 0:
        sys.exit('conformance: %s exited with %d' % (args.program, ran.returncode))
    with open(os.path.join(work, 'results.tsv'), 'w', encoding='utf-8') as out:
        out.write(ran.stdout)
    observed = []
    for line in ran.stdout.splitlines():
        call, case, result = line.split('\t')
        observed.append((call, case, normalise(result)))
    return tokens, observed


def entry_of(call):
    """(entry name, overload kind) of a CALL label."""
    name = re.sub(r'\[.*\]$', '', call)
    if name.endswith('(error_code)'):
        return name[:-len('(error_code)')], 'error-code-throws'
    return name, 'throws'


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument('--program', required=True)
    parser.add_argument('--library', required=True)
    parser.add_argument('--model', required=True)
    parser.add_argument('--crafter', required=True)
    parser.add_argument('--work', required=True)
    parser.add_argument('--algorithms', default='HS256,RS256,ES256')
    parser.add_argument('--unexercised', nargs='*', default=[],
                        help='entries the program does not call (said, not checked)')
    args = parser.parse_args(argv)

    with open(args.model, encoding='utf-8') as dump_file:
        dump = json.load(dump_file)
    vocabulary = [case['name'] for case in dump['token-cases']]
    entries = {}
    for function in dump['model']['functions']:
        if function.get('library', '').startswith(args.library):
            key = function['name']
            if key in entries:
                sys.exit('conformance: two entries of %s in %s' % (key, args.library))
            entries[key] = function
    if not entries:
        sys.exit("conformance: no entry of a library named '%s...'" % args.library)

    problems = []
    seen = collections.defaultdict(set)   # (entry, kind) -> {(class, case)}
    calls = collections.Counter()
    for alg in args.algorithms.split(','):
        tokens, observed = observe(args, alg)
        crafted = [case for case in tokens['tokens'] if case != 'valid']
        if sorted(crafted) != sorted(vocabulary):
            problems.append('the crafter makes the cases %s, the model knows %s'
                            % (crafted, vocabulary))
        for call, case, result in observed:
            name, kind = entry_of(call)
            if name not in entries:
                problems.append('%s: no entry %s in the model of %s' % (call, name, args.library))
                continue
            calls[call] += 1
            entry = entries[name]
            listed = {cls for cls in entry.get(kind, [])
                      if case in entry.get('cases', {}).get(cls, [])}
            where = '%s %s (%s)' % (call, case, alg)
            if result not in NOT_THROWN:
                seen[(name, kind)].add((result, case))
            if case == 'valid':
                if result not in NOT_THROWN:
                    problems.append('%s: threw %s for the valid token' % (where, result))
            elif result in NOT_THROWN:
                if listed and '[' not in call:
                    problems.append('%s: threw nothing; the model says %s'
                                    % (where, ' or '.join(sorted(listed))))
            elif result not in listed:
                problems.append('%s: threw %s; the model says %s'
                                % (where, result, ' or '.join(sorted(listed)) or 'nothing'))

    for name, entry in sorted(entries.items()):
        for kind in ('throws', 'error-code-throws'):
            pairs = {(cls, case) for cls in entry.get(kind, [])
                     for case in entry.get('cases', {}).get(cls, [])}
            if not pairs:
                continue
            if not any(entry_of(call) == (name, kind) for call in calls):
                if name not in args.unexercised:
                    problems.append('%s (%s): no call of it was run' % (name, kind))
                continue
            for cls, case in sorted(pairs - seen[(name, kind)]):
                problems.append('%s (%s): the model says %s raises %s; no call threw it'
                                % (name, kind, case, cls))
            for cls in entry.get(kind, []):
                if cls not in entry.get('cases', {}):
                    print('note: %s (%s): no token case raises %s (it depends on the '
                          'configuration)' % (name, kind, cls))

    for problem in problems:
        print('DISAGREE: ' + problem)
    print('%s: %d calls, %d observations, %d disagreements'
          % (args.library, len(calls), sum(calls.values()), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
