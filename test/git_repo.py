#!/usr/bin/env python3
"""Builds the git repositories the baseline tests run on.

  git_repo.py init DIR [SRC=DEST ...]      git init DIR (branch main), copy files, commit "base"
  git_repo.py commit DIR [SRC=DEST ...] -m MESSAGE
  git_repo.py put DIR [SRC=DEST ...]       copy files into the working tree only
  git_repo.py snapshot DIR                 print what a read-only tool must not change

SRC is a file, DEST a path inside DIR (directories are created). Authors and
dates are fixed by the environment lit sets, so commits are reproducible.
"""
import hashlib
import os
import shutil
import stat
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


def snapshot(directory):
    """Status through plumbing (which never refreshes the index), the stash,
    every ref, and the exact bytes, mode and mtime of every file under .git and
    in the working tree (symlinks by target, other special files by type: none
    is opened). Returns bytes: file names need not be UTF-8."""
    # The snapshot must also work where git distrusts the owner.
    env = dict(os.environ, GIT_CONFIG_COUNT='1', GIT_CONFIG_KEY_0='safe.directory',
               GIT_CONFIG_VALUE_0='*')
    out = []
    for args in (['diff-index', '--cached', '--raw', '-z', 'HEAD'], ['diff-files', '--raw', '-z'],
                 ['ls-files', '--stage', '-z'], ['ls-files', '--others', '--exclude-standard', '-z'],
                 ['rev-parse', '-q', '--verify', 'refs/stash'], ['symbolic-ref', '-q', 'HEAD'],
                 ['for-each-ref', '--format=%(refname) %(objectname) %(symref)']):
        run = subprocess.run(['git', '-C', directory] + args, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, env=env)
        out.append(b'$ git %s (exit %d)\n%s\n' % (' '.join(args).encode(), run.returncode,
                                                    run.stdout.replace(b'\0', b'\n')))
    git_dir = subprocess.run(['git', '-C', directory, 'rev-parse', '--absolute-git-dir'],
                             check=True, stdout=subprocess.PIPE, env=env).stdout.strip()
    for top in (git_dir, os.fsencode(directory)):
        for root, dirs, files in os.walk(top):
            dirs.sort()
            if root == os.fsencode(directory) and b'.git' in dirs:
                dirs.remove(b'.git')
            for name in sorted(files + [d for d in dirs if os.path.islink(os.path.join(root, d))]):
                path = os.path.join(root, name)
                st = os.lstat(path)
                if stat.S_ISREG(st.st_mode):
                    with open(path, 'rb') as f:
                        what = hashlib.sha256(f.read()).hexdigest().encode()
                elif stat.S_ISLNK(st.st_mode):
                    what = b'-> ' + os.readlink(path)
                else:
                    what = b'special'
                out.append(b'%s %s %o %d\n' % (what, os.path.relpath(path, top), st.st_mode,
                                               st.st_mtime_ns))
    return b''.join(out)


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
    elif command == 'snapshot':
        sys.stdout.buffer.write(snapshot(directory))
    else:
        sys.exit('git_repo.py: unknown command ' + command)


if __name__ == '__main__':
    main()
