"""The JSON form of an index file of either form, for the tests' helpers: a
table (what git-failguard assembles for the checks) is written out as JSON by
failguard-index's dump query (FAILGUARD_INDEX_TOOL), the same reader the
checks use."""
import json
import os
import subprocess
import tempfile


def load(path):
    with open(path, 'rb') as f:
        head = f.read(32)
    if not head.startswith(b'failguard-index-table-'):
        with open(path, encoding='utf-8') as f:
            return json.load(f)
    with tempfile.TemporaryDirectory() as scratch:
        request, output = os.path.join(scratch, 'dump.json'), os.path.join(scratch, 'out.json')
        with open(request, 'w') as f:
            json.dump({'format': 'failguard-index-query-1', 'query': 'dump', 'index': path,
                       'output': output}, f)
        subprocess.run([os.environ['FAILGUARD_INDEX_TOOL'], request], check=True,
                       stdout=subprocess.DEVNULL)
        with open(output, encoding='utf-8') as f:
            return json.load(f)
