"""The baseline the configuration gives the checks, as --dump-config prints it."""
import unittest

from git_failguard import baseline_config

DUMP = """---
Checks:          '-*,failguard-*'
CheckOptions:
  BaselineRef:     'origin/it''s'
  failguard-narrowed-optional-return.BaselineRef: release
  failguard-removed-exception-handler.BaselineRef: 'origin/main'
  failguard-removed-exception-handler.UseMergeBase: 'false'
  "quoted.Key":    "x"
SystemHeaders:   false
  NotAnOption: 1
"""


class CheckOptions(unittest.TestCase):
    def test_options_of_the_check_options_block_only(self):
        options = baseline_config.check_options(DUMP)
        self.assertEqual(options['BaselineRef'], "origin/it's")
        self.assertEqual(options['failguard-removed-exception-handler.BaselineRef'], 'origin/main')
        self.assertEqual(options['failguard-removed-exception-handler.UseMergeBase'], 'false')
        self.assertEqual(options['quoted.Key'], 'x')
        self.assertNotIn('NotAnOption', options)


if __name__ == '__main__':
    unittest.main()
