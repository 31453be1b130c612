#!/usr/bin/env python3
"""Prints stdin with escape characters spelled out (ESC as \\x1b), one line per line."""
import sys

for line in sys.stdin.read().splitlines():
    print(ascii(line)[1:-1])
