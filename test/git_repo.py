#!/usr/bin/env python3
"""Builds the git repositories the baseline tests run on.

  git_repo.py init DIR [SRC=DEST ...]      git init DIR (branch main), copy files, commit "base"
  git_repo.py commit DIR [SRC=DEST ...] -m MESSAGE
  git_repo.py put DIR [SRC=DEST ...]       copy files into the working tree only

SRC is a file, DEST a path inside DIR (directories are created). Authors and
dates are fixed by the environment lit sets, so commits are reproducible.
"""
import os
import shutil
import subprocess
import sys


def git(directory, *args):
    subprocess.run(['git', '-C', directory] + list(args), check=True,
                   stdout=subprocess.DEVNULL)


def put(directory, pairs):
    for pair in pairs:
        source, dest = pair.split('=', 1)
        target = os.path.join(directory, dest)
        os.makedirs(os.path.dirname(target) or directory, exist_ok=True)
        shutil.copyfile(source, target)


def main():
    command, directory, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    message = 'change'
    if '-m' in rest:
        message = rest[rest.index('-m') + 1]
        rest = rest[:rest.index('-m')]
    if command == 'init':
        if os.path.exists(directory):
            shutil.rmtree(directory)
        os.makedirs(directory)
        git(directory, 'init', '-q', '-b', 'main')
        put(directory, rest)
        git(directory, 'add', '-A')
        git(directory, 'commit', '-q', '-m', 'base')
    elif command == 'commit':
        put(directory, rest)
        git(directory, 'add', '-A')
        git(directory, 'commit', '-q', '-m', message)
    elif command == 'put':
        put(directory, rest)
    else:
        sys.exit('git_repo.py: unknown command ' + command)


if __name__ == '__main__':
    main()
