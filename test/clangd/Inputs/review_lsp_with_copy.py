#!/usr/bin/env python3
"""lsp_client.py with one more step: copy=SRC=DST copies a file on disk
between two steps (a build generating a header while the editor is open).

  review_lsp_with_copy.py [--timeout S] STEP... -- SERVER [ARGS...]
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
import lsp_client  # noqa: E402


def main():
    argv = sys.argv[1:]
    timeout = []
    if argv[:1] == ['--timeout']:
        timeout, argv = argv[:2], argv[2:]
    split = argv.index('--')
    steps, server = argv[:split], argv[split:]
    # Runs lsp_client's steps in groups, copying between them, in one server.
    groups, copies = [[]], []
    for step in steps:
        if step.startswith('copy='):
            copies.append(step[len('copy='):].split('=', 1))
            groups.append([])
        else:
            groups[-1].append(step)
    original_notify = lsp_client.Server.notify
    pending = {'copies': copies, 'done': 0, 'groups': [len(g) for g in groups]}

    def notify(self, method, params):
        if method in ('textDocument/didOpen', 'textDocument/didChange'):
            pending['done'] += 1
            # Before the first step of every group after the first: copy.
            boundary = 0
            for index, size in enumerate(pending['groups'][:-1]):
                boundary += size
                if pending['done'] == boundary + 1 and index < len(pending['copies']):
                    source, dest = pending['copies'][index]
                    shutil.copyfile(source, dest)
        return original_notify(self, method, params)

    lsp_client.Server.notify = notify
    sys.argv = [sys.argv[0]] + timeout + [s for g in groups for s in g] + server
    lsp_client.main()


if __name__ == '__main__':
    main()
