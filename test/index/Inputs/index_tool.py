#!/usr/bin/env python3
"""Looks into (and damages) what git failguard keeps for the summary index.

  index_tool.py default CACHE          the repository's default index under CACHE/failguard/index
  index_tool.py units INDEX            the unit names of an index file and their function counts
  index_tool.py files INDEX            [(unit name, [files it read])] of an index file, sorted
  index_tool.py modes CACHE            'private' or the odd ones out, for every index file kept
                                       (the kept tables counted apart)
  index_tool.py damage CACHE INDEX UNIT HOW
                                       damages the cached entry of UNIT as INDEX has it: HOW is
                                       'garbage' (not JSON), 'foreign' (another format) or
                                       'shared' (writable by the group)
  index_tool.py fake OUTPUT HOW        writes an index that merge must refuse or take: 'foreign',
                                       'garbage', or 'conflict' (a unit JwtFilter.cc that no
                                       build gives)
  index_tool.py lines FILE             the number of lines of FILE
  index_tool.py gaps INDEX NAME OUTPUT writes to OUTPUT the gaps (failguard-index-gaps-1) of a
                                       unit that asked the index in vain for the function NAME
"""
import glob
import json
import os
import stat
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from index_json import load  # noqa: E402


def index_dir(cache):
    return os.path.join(cache, 'failguard', 'index')


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == 'default':
        found = glob.glob(os.path.join(index_dir(args[0]), '*.fgindex'))
        if len(found) != 1:
            sys.exit('index_tool.py: %d default indexes: %s' % (len(found), found))
        print(found[0])
    elif command == 'units':
        data = load(args[0])
        print('format %s' % data['format'])
        for unit in data['units']:
            print('unit %s: %d function(s)' % (unit['unit'], len(unit['functions'])))
    elif command == 'files':
        print(sorted((u['unit'], sorted(u['files'])) for u in load(args[0])['units']))
    elif command == 'modes':
        odd = []
        paths = glob.glob(os.path.join(index_dir(args[0]), '**', '*'), recursive=True)
        for path in paths:
            st = os.lstat(path)
            want = 0o700 if stat.S_ISDIR(st.st_mode) else 0o600
            if stat.S_IMODE(st.st_mode) != want:
                odd.append('%s %o' % (os.path.relpath(path, args[0]), stat.S_IMODE(st.st_mode)))
        tables = [p for p in paths if os.path.dirname(p) == os.path.join(index_dir(args[0]),
                                                                          'tables')]
        print('%d paths kept, %d kept table(s): %s' % (len(paths) - len(tables), len(tables),
                                                       ', '.join(odd) or 'private'))
    elif command == 'damage':
        cache, index, unit, how = args
        wanted = [u for u in load(index)['units'] if u['unit'] == unit]
        matches = []
        for path in glob.glob(os.path.join(index_dir(cache), 'entries', '*.json')):
            with open(path) as f:
                data = json.load(f)
            if data['units'] == wanted:
                matches.append(path)
        if len(matches) != 1:
            sys.exit('index_tool.py: %d entries of %s' % (len(matches), unit))
        path = matches[0]
        if how == 'garbage':
            with open(path, 'w') as f:
                f.write('{"format": "failguard-index-1", "units": [{"unit": ')
        elif how == 'foreign':
            with open(path) as f:
                data = json.load(f)
            data['format'] = 'failguard-index-0'
            with open(path, 'w') as f:
                json.dump(data, f)
        elif how == 'shared':
            os.chmod(path, 0o660)
        else:
            sys.exit('index_tool.py: damage how? ' + how)
        print('damaged %s (%s)' % (unit, how))
    elif command == 'fake':
        output, how = args
        with open(output, 'w') as f:
            if how == 'garbage':
                f.write('not an index\n')
            elif how == 'foreign':
                json.dump({'format': 'failguard-index-0', 'units': []}, f)
            elif how == 'conflict':
                json.dump({'format': 'failguard-index-1', 'units': [
                    {'unit': 'JwtFilter.cc', 'files': {'JwtFilter.cc': '0' * 40},
                     'functions': []}]}, f)
            else:
                sys.exit('index_tool.py: fake how? ' + how)
    elif command == 'gaps':
        index, name, output = args
        usrs = [function['usr'] for unit in load(index)['units']
                for function in unit['functions'] if function['name'] == name]
        if len(usrs) != 1:
            sys.exit('index_tool.py: %d functions %s' % (len(usrs), name))
        with open(output, 'w') as f:
            f.write('failguard-index-gaps-1\nfunction %s\n' % usrs[0])
    elif command == 'lines':
        with open(args[0]) as f:
            print('%d line(s)' % len(f.read().splitlines()))
    else:
        sys.exit('index_tool.py: unknown command ' + command)


if __name__ == '__main__':
    main()
