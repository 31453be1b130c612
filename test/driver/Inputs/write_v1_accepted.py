#!/usr/bin/env python3
"""Writes the version-1 accepted-findings file of the findings a version-2
file lists, as git-failguard wrote it before version 2: each entry's
fingerprint is the SHA-256 of its check, file and message (line numbers,
commit ids and the baseline's name left out), NUL-separated.

  write_v1_accepted.py V2_FILE V1_FILE"""
import hashlib
import json
import re
import sys

with open(sys.argv[1]) as f:
    data = json.load(f)
entries = []
for entry in data['accepted']:
    message = re.sub(r"'[^']*' \([0-9a-f]{7,40}\)", '<baseline>', entry['message'])
    message = re.sub(r"\(([0-9a-f]{7,40})\)", '', message)
    message = re.sub(r':\d+', '', message)
    key = '\0'.join([entry['check'], entry['file'], message])
    entries.append({'check': entry['check'], 'file': entry['file'], 'message': entry['message'],
                    'fingerprint': hashlib.sha256(key.encode()).hexdigest()})
with open(sys.argv[2], 'w') as f:
    json.dump({'version': 1, 'tool': 'failguard', 'accepted': entries}, f, indent=2)
