# lit configuration for failguard: check tests, tool tests and the unit tests.
import os
import shutil
import subprocess

import lit.formats

config.name = 'failguard'
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = ['.cpp', '.test']
config.excludes = ['Inputs', 'CMakeLists.txt', 'lit.cfg.py', 'lit.site.cfg.py']
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.failguard_obj_root, 'test')

if config.sanitize:
    # The sanitizer build's plugin needs the ASan runtime, which Debian's
    # clang-tidy does not load: failguard-tidy is the only clang-tidy host, the
    # tests of the plugin itself are unsupported, and check tests run in one host.
    plugin_host = config.failguard_tidy
    config.environment['FAILGUARD_PLUGIN_HOST'] = ''
    # Every report is fatal, leaks included: the baseline parse frees its AST
    # (DisableFree off); lsan.supp names the one third-party leak.
    # allow_user_poisoning=0: llvm::BumpPtrAllocator poisons its slabs when
    # compiled with ASan, and the linker may pick failguard's instrumented copy
    # of that inline code while the uninstrumented clangd and clang-tidy
    # archives allocate without unpoisoning; clangd then fails with a false
    # use-after-poison. Heap, stack and global checks stay on.
    config.environment['ASAN_OPTIONS'] = 'detect_leaks=1:allow_user_poisoning=0'
    config.environment['UBSAN_OPTIONS'] = 'print_stacktrace=1:halt_on_error=1'
    config.environment['LSAN_OPTIONS'] = 'suppressions=%s' % os.path.join(
        config.test_source_root, 'lsan.supp')
    config.environment['ASAN_SYMBOLIZER_PATH'] = config.llvm_symbolizer
else:
    plugin_host = '%s --load %s' % (config.host_clang_tidy, config.plugin)
    config.environment['FAILGUARD_PLUGIN_HOST'] = plugin_host
    config.available_features.add('plugin-host')
config.environment['FAILGUARD_TIDY'] = config.failguard_tidy
# The index's own reader, for the tests' helpers (index/Inputs/index_json.py).
config.environment['FAILGUARD_INDEX_TOOL'] = os.path.join(os.path.dirname(config.git_failguard),
                                                          'failguard-index')
config.environment['FAILGUARD_FILECHECK'] = config.filecheck
config.environment['FAILGUARD_TEST_HEADERS'] = os.path.join(config.test_source_root, 'Inputs', 'Headers')
for var in ('HOME', 'TMPDIR', 'LANG', 'PATH'):
    if var in os.environ:
        config.environment[var] = os.environ[var]
# Reproducible commits, no user or system git configuration, and a cache of
# the tests' own (each test that cares about the cache names its own).
config.environment.update({
    'GIT_AUTHOR_NAME': 'failguard tests', 'GIT_AUTHOR_EMAIL': 'tests@failguard.invalid',
    'GIT_COMMITTER_NAME': 'failguard tests', 'GIT_COMMITTER_EMAIL': 'tests@failguard.invalid',
    'GIT_AUTHOR_DATE': '2026-01-01T00:00:00Z', 'GIT_COMMITTER_DATE': '2026-01-01T00:00:00Z',
    'GIT_CONFIG_NOSYSTEM': '1', 'GIT_CONFIG_GLOBAL': '/dev/null',
    'XDG_CACHE_HOME': os.path.join(config.test_exec_root, 'Output', 'cache'),
})
config.substitutions.append(('%git_repo',
    '%s %s' % (config.python_executable, os.path.join(config.test_source_root, 'git_repo.py'))))

python = config.python_executable
config.substitutions.append(('%check_failguard_tidy',
    '%s %s' % (python, os.path.join(config.test_source_root, 'check_failguard_tidy.py'))))
config.substitutions.append(('%clang_tidy_plugin', plugin_host))
config.substitutions.append(('%failguard_tidy', config.failguard_tidy))
config.substitutions.append(('%failguard_clangd', config.failguard_clangd))
config.substitutions.append(('%git_failguard', config.git_failguard))
config.substitutions.append(('%{bin_dir}', os.path.dirname(config.git_failguard)))
# Debian's pre-commit, for the hook's end-to-end test (scripts/build.sh
# --with-test-extras installs it).
if shutil.which('pre-commit'):
    config.available_features.add('pre-commit')
elif os.environ.get('FAILGUARD_REQUIRE_TEST_TOOLS') == '1':
    lit_config.fatal("pre-commit is not installed (scripts/build.sh --with-test-extras installs "
                     "Debian's pre-commit); FAILGUARD_REQUIRE_TEST_TOOLS=1 forbids skipping its test")
# Debian's bazel-bootstrap, for the Bazel aspect's test (scripts/build.sh
# --with-test-extras installs it).
if shutil.which('bazel'):
    config.available_features.add('bazel')
elif os.environ.get('FAILGUARD_REQUIRE_TEST_TOOLS') == '1':
    lit_config.fatal("bazel is not installed (scripts/build.sh --with-test-extras installs "
                     "Debian's bazel-bootstrap); FAILGUARD_REQUIRE_TEST_TOOLS=1 forbids skipping its test")
config.substitutions.append(('%lsp_client',
    '%s %s' % (config.python_executable, os.path.join(config.test_source_root, 'lsp_client.py'))))
config.substitutions.append(('%{plugin_impl}', config.plugin_impl))
config.substitutions.append(('%plugin', config.plugin))
config.substitutions.append(('%host_clang_tidy', config.host_clang_tidy))
# The LLVM major this build is for (19 or 22), for the tests that print it.
config.substitutions.append(('%llvm_major', str(config.llvm_major)))
config.available_features.add('llvm-%d' % config.llvm_major)
config.substitutions.append(('%headers', config.environment['FAILGUARD_TEST_HEADERS']))
config.substitutions.append(('%python', python))
config.substitutions.append(('%{obj_root}', config.failguard_obj_root))
# The interpreter git-failguard runs under (its #! line), to load its package.
with open(config.git_failguard, 'rb') as driver:
    failguard_python = driver.readline()[2:].strip().decode()
config.substitutions.append(('%failguard_python', failguard_python))
if subprocess.run([failguard_python, '-c', 'import hypothesis'],
                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
    config.available_features.add('hypothesis')
elif os.environ.get('FAILGUARD_REQUIRE_TEST_TOOLS') == '1':
    lit_config.fatal("%s has no hypothesis module (python3-hypothesis): run scripts/build.sh "
                     "--with-test-extras" % failguard_python)
config.substitutions.append(('%{src_root}', os.path.dirname(config.test_source_root)))
config.substitutions.append(('%{llvm_major}', str(config.llvm_major)))
if shutil.which('dpkg-deb') and shutil.which('cpack'):
    config.available_features.add('dpkg-deb')
# lintian checks the release packages against Debian policy (offline).
if shutil.which('lintian'):
    config.available_features.add('lintian')
elif os.environ.get('FAILGUARD_REQUIRE_TEST_TOOLS') == '1':
    lit_config.fatal('lintian is not installed: run scripts/build.sh --with-test-extras')
config.substitutions.append(('FileCheck', config.filecheck))
config.substitutions.append(('%not', config.not_tool))
config.substitutions.append(('split-file', config.split_file))

# Another LLVM release's clang-tidy, to see the plugin refuse it.
for major in range(25, 14, -1):
    other = shutil.which('clang-tidy-%d' % major)
    if other and major != config.llvm_major:
        config.available_features.add('other-clang-tidy')
        config.substitutions.append(('%other_clang_tidy', other))
        config.substitutions.append(('%other_llvm_major', str(major)))
        break

# The SARIF Multitool (Microsoft's SARIF validator, a .NET program from npm),
# installed by scripts/build.sh --with-test-extras outside the source tree.
sarif_multitool = os.environ.get('FAILGUARD_SARIF_MULTITOOL') or os.path.join(
    os.environ.get('FAILGUARD_TEST_TOOLS_DIR') or '/opt/failguard-test-tools',
    'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool')
if os.path.isfile(sarif_multitool) and os.access(sarif_multitool, os.X_OK):
    config.available_features.add('sarif-multitool')
    config.substitutions.append(('%sarif_multitool', sarif_multitool))
elif os.environ.get('FAILGUARD_REQUIRE_TEST_TOOLS') == '1':
    lit_config.fatal("the SARIF Multitool is missing ('%s'): run scripts/build.sh "
                     "--with-test-extras, or set FAILGUARD_SARIF_MULTITOOL" % sarif_multitool)
