#!/usr/bin/env python3
"""Exits 1 unless every dependency of a .deb (Depends: field, with
alternatives) is satisfied by a package installed on this machine, and prints
the relations it checked: check_depends.py PACKAGE.deb"""
import re
import subprocess
import sys

depends = subprocess.run(['dpkg-deb', '-f', sys.argv[1], 'Depends'], check=True,
                         stdout=subprocess.PIPE, text=True).stdout.strip()
missing = []
for relation in [r.strip() for r in depends.split(',') if r.strip()]:
    names = [re.match(r'[a-z0-9.+-]+', alt.strip()).group(0) for alt in relation.split('|')]
    installed = any(subprocess.run(['dpkg-query', '-W', '-f=${Status}', name], stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, text=True).stdout
                    .endswith('installed') for name in names)
    print('%s %s' % ('ok' if installed else 'missing', relation))
    if not installed:
        missing.append(relation)
sys.exit(1 if missing else 0)
