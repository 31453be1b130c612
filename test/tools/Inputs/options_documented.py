#!/usr/bin/env python3
"""options_documented.py HELP MAN_PAGE GUIDE_MD: every long option that
`git-failguard -h` (or a subcommand's -h) lists is described in the manual
page and in the guide (docs/driver.md, or the subcommand's page)."""
import re
import sys

help_text = re.sub(r'-\n\s+', '-', open(sys.argv[1]).read())  # argparse wraps at hyphens
options = sorted(set(re.findall(r'(?<![\w-])(--[a-z][a-z-]*[a-z])', help_text)) -
                 {'--help'})
man = open(sys.argv[2], encoding='utf-8').read().replace('\\-', '-')
guide = open(sys.argv[3], encoding='utf-8').read()
guide_name = 'docs/' + sys.argv[3].replace('\\', '/').rsplit('/', 1)[-1]
missing = ['%s (%s)' % (option, where) for option in options
           for where, text in (('manual page', man), (guide_name, guide))
           if not re.search(re.escape(option) + r'(?![\w-])', text)]
if missing:
    print('not documented: ' + ', '.join(missing))
    sys.exit(1)
print('%d options, each in the manual page and %s' % (len(options), guide_name))
