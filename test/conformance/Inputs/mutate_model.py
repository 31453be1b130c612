#!/usr/bin/env python3
"""mutate_model.py IN OUT --library PREFIX --name NAME --class CLASS (--drop-case C | --add-case C)

Writes the model dump IN to OUT with one case taken from or given to one class
of one entry: the conformance tests' negative controls (a model that is wrong
in a known way must disagree with the library)."""
import argparse
import json

parser = argparse.ArgumentParser()
parser.add_argument('input')
parser.add_argument('output')
parser.add_argument('--library', required=True)
parser.add_argument('--name', required=True)
parser.add_argument('--class', dest='cls', required=True)
change = parser.add_mutually_exclusive_group(required=True)
change.add_argument('--drop-case')
change.add_argument('--add-case')
args = parser.parse_args()

with open(args.input, encoding='utf-8') as dump_file:
    dump = json.load(dump_file)
entries = [f for f in dump['model']['functions']
           if f['name'] == args.name and f.get('library', '').startswith(args.library)]
assert len(entries) == 1, 'no single entry %s of %s' % (args.name, args.library)
cases = entries[0].setdefault('cases', {}).setdefault(args.cls, [])
if args.drop_case:
    cases.remove(args.drop_case)
    if not cases:
        del entries[0]['cases'][args.cls]
else:
    assert args.add_case not in cases
    cases.append(args.add_case)
with open(args.output, 'w', encoding='utf-8') as out:
    json.dump(dump, out)
