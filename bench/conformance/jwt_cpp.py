#!/usr/bin/env python3
"""The jwt-cpp conformance run, by hand (jwt-cpp is not a Debian package, so CI
cannot have it): builds bench/conformance/jwt-cpp.cpp against the headers of a
jwt-cpp release fetched by hand and runs test/conformance/Inputs/conformance.py
on it, as test/conformance/*.test do for cpp-jwt and Poco.

  python3 bench/conformance/jwt_cpp.py --headers JWT_CPP/include --work DIR [-p BUILD]

--headers is the include directory of the release the model names (jwt-cpp
0.7.2: `git archive v0.7.2 include` of its repository); nothing of it is kept
in this repository. BUILD (default build/) has the unit tests that write the
model. Exit status: that of conformance.py (0 agree, 1 disagreements).
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
INPUTS = os.path.join(ROOT, 'test', 'conformance', 'Inputs')


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument('--headers', required=True,
                        help='the include directory of jwt-cpp 0.7.2 (has jwt-cpp/jwt.h)')
    parser.add_argument('--work', required=True)
    parser.add_argument('-p', '--build', default=os.path.join(ROOT, 'build'))
    parser.add_argument('--cxx', default='/usr/lib/llvm-19/bin/clang++')
    args = parser.parse_args(argv)
    if not os.path.isfile(os.path.join(args.headers, 'jwt-cpp', 'jwt.h')):
        sys.exit("jwt_cpp.py: '%s' has no jwt-cpp/jwt.h" % args.headers)
    os.makedirs(args.work, exist_ok=True)
    model = os.path.join(args.work, 'model.json')
    subprocess.run([os.path.join(args.build, 'test', 'unit', 'FailguardUnitTests'),
                    '--gtest_filter=ApiModelTest.BuiltinModelReadsBackFromItsModelFile'],
                   env=dict(os.environ, FAILGUARD_WRITE_BUILTIN_MODEL=model), check=True,
                   stdout=subprocess.DEVNULL)
    program = os.path.join(args.work, 'jwt-cpp')
    subprocess.run([args.cxx, '-std=c++17', '-O1', '-I' + INPUTS, '-I' + args.headers,
                    os.path.join(HERE, 'jwt-cpp.cpp'), '-o', program, '-lcrypto'], check=True)
    return subprocess.run(
        [sys.executable, os.path.join(INPUTS, 'conformance.py'), '--program', program,
         '--library', 'jwt-cpp 0.7.2', '--model', model, '--crafter',
         os.path.join(ROOT, 'tools', 'git-failguard', 'git_failguard', 'tokens.py'),
         '--work', os.path.join(args.work, 'run'), '--unexercised',
         'jwt::basic_claim::as_boolean', 'jwt::basic_claim::as_array',
         'jwt::basic_claim::as_set']).returncode


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
