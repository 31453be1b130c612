#!/usr/bin/env python3
"""Drives a language server over stdio for the clangd tests, and prints the
diagnostics it publishes in a FileCheck-friendly form.

Usage:
  lsp_client.py [--timeout S] STEP... -- SERVER [ARGS...]

Steps, in order:
  open=FILE              didOpen FILE (its content from disk) and wait for its diagnostics
  open=FILE=CONTENT      didOpen FILE with the content of the file CONTENT (FILE need
                         not exist: an unsaved buffer)
  change=FILE=CONTENT    didChange FILE to the content of the file CONTENT and wait
  close=FILE             didClose FILE

Each publishDiagnostics is printed as
  diagnostics FILE-BASENAME version N: COUNT
  LINE:COL SEVERITY [CODE] MESSAGE <HREF>
followed, for each of its notes (relatedInformation), by
    related FILE-BASENAME:LINE:COL MESSAGE
with 1-based lines and columns. The server must exit cleanly after
shutdown/exit; its exit status is the script's.
"""
import json
import os
import subprocess
import sys
import threading
import time

SEVERITY = {1: 'error', 2: 'warning', 3: 'info', 4: 'hint'}


class Server:
    def __init__(self, command):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=open(os.devnull, 'w') if not os.environ.get(
                                            'LSP_STDERR') else None)
        self.messages = []
        self.condition = threading.Condition()
        self.next_id = 1
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    with self.condition:
                        self.messages.append(None)
                        self.condition.notify_all()
                    return
                line = line.decode().strip()
                if not line:
                    break
                key, value = line.split(':', 1)
                headers[key.strip().lower()] = value.strip()
            body = stream.read(int(headers['content-length']))
            with self.condition:
                self.messages.append(json.loads(body))
                self.condition.notify_all()

    def send(self, message):
        data = json.dumps(message).encode()
        self.process.stdin.write(b'Content-Length: %d\r\n\r\n' % len(data) + data)
        self.process.stdin.flush()

    def request(self, method, params, timeout):
        request_id = self.next_id
        self.next_id += 1
        self.send({'jsonrpc': '2.0', 'id': request_id, 'method': method, 'params': params})
        return self.wait(lambda m: m.get('id') == request_id and 'method' not in m, timeout)

    def notify(self, method, params):
        self.send({'jsonrpc': '2.0', 'method': method, 'params': params})

    def wait(self, predicate, timeout):
        deadline = time.time() + timeout
        with self.condition:
            while True:
                for index, message in enumerate(self.messages):
                    if message is None:
                        sys.exit('lsp_client: the server closed its output')
                    if predicate(message):
                        del self.messages[index]
                        return message
                    # Answer the server's own requests (workDoneProgress/create...).
                    if 'method' in message and 'id' in message:
                        del self.messages[index]
                        self.send({'jsonrpc': '2.0', 'id': message['id'], 'result': None})
                        break
                else:
                    remaining = deadline - time.time()
                    if remaining <= 0:
                        sys.exit('lsp_client: timed out waiting for the server')
                    self.condition.wait(remaining)


def uri(path):
    return 'file://' + os.path.abspath(path)


def print_diagnostics(message):
    params = message['params']
    name = os.path.basename(params['uri'])
    diagnostics = params['diagnostics']
    print('diagnostics %s version %s: %d' % (name, params.get('version'), len(diagnostics)))
    for d in sorted(diagnostics, key=lambda d: (d['range']['start']['line'],
                                               d['range']['start']['character'])):
        start = d['range']['start']
        href = d.get('codeDescription', {}).get('href', '')
        print('%d:%d %s [%s] %s <%s>' % (start['line'] + 1, start['character'] + 1,
                                         SEVERITY.get(d.get('severity'), '?'), d.get('code', ''),
                                         d['message'].replace('\n', ' | '), href))
        for related in d.get('relatedInformation', []):
            where = related['location']
            print('    related %s:%d:%d %s' % (
                os.path.basename(where['uri']), where['range']['start']['line'] + 1,
                where['range']['start']['character'] + 1,
                related['message'].replace('\n', ' | ')))
    sys.stdout.flush()


def main():
    argv = sys.argv[1:]
    timeout = 60.0
    if argv and argv[0] == '--timeout':
        timeout = float(argv[1])
        argv = argv[2:]
    split = argv.index('--')
    steps, command = argv[:split], argv[split + 1:]
    server = Server(command)
    root = os.getcwd()
    server.request('initialize', {
        'processId': os.getpid(), 'rootUri': uri(root),
        'capabilities': {'textDocument': {'publishDiagnostics': {
            'codeDescriptionSupport': True, 'relatedInformation': True}}}}, timeout)
    server.notify('initialized', {})
    versions = {}
    for step in steps:
        kind, _, rest = step.partition('=')
        if kind == 'open':
            path, _, content = rest.partition('=')
            rest = path
            versions[path] = 1
            with open(content or path) as f:
                text = f.read()
            server.notify('textDocument/didOpen', {'textDocument': {
                'uri': uri(path), 'languageId': 'cpp', 'version': 1, 'text': text}})
        elif kind == 'change':
            path, content = rest.split('=', 1)
            versions[path] += 1
            with open(content) as f:
                text = f.read()
            server.notify('textDocument/didChange', {
                'textDocument': {'uri': uri(path), 'version': versions[path]},
                'contentChanges': [{'text': text}]})
            rest = path
        elif kind == 'close':
            server.notify('textDocument/didClose', {'textDocument': {'uri': uri(rest)}})
            continue
        else:
            sys.exit('lsp_client: unknown step ' + step)
        target, version = uri(rest), versions[rest]
        message = server.wait(lambda m: m.get('method') == 'textDocument/publishDiagnostics' and
                              m['params']['uri'] == target and
                              m['params'].get('version') == version, timeout)
        print_diagnostics(message)
    server.request('shutdown', None, timeout)
    server.notify('exit', None)
    try:
        status = server.process.wait(timeout)
    except subprocess.TimeoutExpired:
        server.process.kill()
        sys.exit('lsp_client: the server did not exit')
    print('server exited with %d' % status)
    sys.exit(status)


if __name__ == '__main__':
    main()
