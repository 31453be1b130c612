#!/usr/bin/env python3
"""Runs a command against a service this script starts and stops.

  with_service.py [--timeout SECONDS] SERVICE [SERVICE_ARGS...] -- COMMAND...

SERVICE is started with a port file as its last argument and must write the
loopback port it listens on there; `{port}` in COMMAND is replaced with it.
The service is stopped (SIGTERM, then SIGKILL) when the command ends or the
timeout passes. Exits with the command's status, 124 on timeout, 125 when
the service does not start."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time


def main(argv):
    timeout = 60.0
    if argv[:1] == ['--timeout']:
        timeout, argv = float(argv[1]), argv[2:]
    split = argv.index('--')
    service, command = argv[:split], argv[split + 1:]
    scratch = tempfile.mkdtemp(prefix='with-service-')
    port_file = os.path.join(scratch, 'port')
    process = subprocess.Popen(service + [port_file], stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    try:
        while not os.path.exists(port_file):
            if process.poll() is not None or time.monotonic() > deadline:
                print('with_service: %s did not start' % service[0], file=sys.stderr)
                return 125
            time.sleep(0.05)
        with open(port_file) as f:
            port = f.read().strip()
        command = [part.replace('{port}', port) for part in command]
        try:
            return subprocess.run(command, timeout=max(1.0, deadline - time.monotonic())).returncode
        except subprocess.TimeoutExpired:
            print('with_service: %s did not finish within %gs' % (command[0], timeout),
                  file=sys.stderr)
            return 124
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
