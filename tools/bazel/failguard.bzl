"""failguard as a Bazel aspect over cc_library, cc_binary and cc_test (docs/bazel.md).

Per source file of a target, two actions of failguard-tidy with the target's
compile flags: one writes the unit's summaries, the other runs the checks with
the index of the target and of everything it depends on. Per target, one
action merges the summaries of the target and of its transitive deps into that
index, so summaries flow along deps. The findings are in the output group
`report`.
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load("@bazel_tools//tools/cpp:toolchain_utils.bzl", "find_cpp_toolchain")

FailguardInfo = provider(
    doc = "What a target gives the failguard analyses of the targets that depend on it.",
    fields = {
        "summaries": "depset of the summary files of the target's units and of its deps'",
        "reports": "depset of the report files of the target and of its deps",
    },
)

_SettingInfo = provider(fields = ["value"])

def _setting_impl(ctx):
    return [_SettingInfo(value = ctx.build_setting_value)]

failguard_string_setting = rule(
    implementation = _setting_impl,
    build_setting = config.string(flag = True),
)

failguard_bool_setting = rule(
    implementation = _setting_impl,
    build_setting = config.bool(flag = True),
)

_RULES = ["cc_library", "cc_binary", "cc_test"]
_SOURCE_EXTENSIONS = ["c", "cc", "cpp", "cxx", "c++", "C"]

# Options of gcc that Bazel's auto-configured gcc toolchain passes and clang
# refuses as an error.
_GCC_ONLY_OPTIONS = ["-fno-canonical-system-headers"]

# The actions find the git repository (for the baseline, and for the
# repository-relative paths of the summaries) through the real path of the
# sources, which a sandbox or a remote worker does not show: they run in the
# execution root, on this machine. Their results are still cached (--disk_cache,
# a remote cache): the baseline is a commit id, whose objects never change.
_EXECUTION_REQUIREMENTS = {"no-sandbox": "1", "no-remote-exec": "1"}

def _is_commit_id(text):
    return len(text) == 40 and all([c in "0123456789abcdef" for c in text.elems()])

def _compile_flags(ctx, compilation, source):
    """The options the target's compile action passes for source, without the
    source and output names."""
    cc_toolchain = find_cpp_toolchain(ctx)
    features = cc_common.configure_features(
        ctx = ctx,
        cc_toolchain = cc_toolchain,
        requested_features = ctx.features,
        unsupported_features = ctx.disabled_features,
    )
    is_c = source.extension == "c"
    user_flags = list(ctx.fragments.cpp.copts)
    user_flags += ctx.fragments.cpp.conlyopts if is_c else ctx.fragments.cpp.cxxopts
    user_flags += [ctx.expand_make_variables("copts", flag, {}) for flag in getattr(ctx.rule.attr, "copts", [])]
    defines = depset(
        getattr(ctx.rule.attr, "local_defines", []),
        transitive = [compilation.defines],
    )
    variables = cc_common.create_compile_variables(
        feature_configuration = features,
        cc_toolchain = cc_toolchain,
        user_compile_flags = user_flags,
        include_directories = compilation.includes,
        quote_include_directories = compilation.quote_includes,
        system_include_directories = compilation.system_includes,
        framework_include_directories = getattr(compilation, "framework_includes", depset()),
        preprocessor_defines = defines,
    )
    flags = cc_common.get_memory_inefficient_command_line(
        feature_configuration = features,
        action_name = ACTION_NAMES.c_compile if is_c else ACTION_NAMES.cpp_compile,
        variables = variables,
    )
    return [flag for flag in flags if flag not in _GCC_ONLY_OPTIONS]

def _output(ctx, source, suffix):
    # One directory per target, the source's path under it (generated and
    # external sources included).
    path = source.short_path.replace("../", "external/")
    return ctx.actions.declare_file("%s.failguard/%s%s" % (ctx.label.name, path, suffix))

def _failguard_aspect_impl(target, ctx):
    deps = [dep[FailguardInfo] for dep in getattr(ctx.rule.attr, "deps", []) if FailguardInfo in dep]
    deps_summaries = [dep.summaries for dep in deps]
    deps_reports = [dep.reports for dep in deps]
    if ctx.rule.kind not in _RULES or CcInfo not in target:
        return [FailguardInfo(
            summaries = depset(transitive = deps_summaries),
            reports = depset(transitive = deps_reports),
        )]

    baseline = ctx.attr._baseline[_SettingInfo].value
    if baseline and not _is_commit_id(baseline):
        fail("--@failguard//:baseline must be a full commit id (40 hex digits), for example " +
             "$(git rev-parse origin/main), not '%s': a ref moves, and the cached results would not" % baseline)
    fail_on_findings = ctx.attr._fail_on_findings[_SettingInfo].value
    tidy = ctx.executable._failguard_tidy
    index_tool = ctx.executable._failguard_index
    config = ctx.file._config

    compilation = target[CcInfo].compilation_context
    sources = []
    private_headers = []
    for src in getattr(ctx.rule.attr, "srcs", []):
        for file in src.files.to_list():
            if file.extension in _SOURCE_EXTENSIONS:
                sources.append(file)
            else:
                private_headers.append(file)
    if not sources:
        # Headers are analysed through the units that include them.
        return [
            FailguardInfo(
                summaries = depset(transitive = deps_summaries),
                reports = depset(transitive = deps_reports),
            ),
            OutputGroupInfo(report = depset(transitive = deps_reports)),
        ]
    headers = depset(private_headers, transitive = [compilation.headers])

    # Each unit's summaries, from the unit alone.
    unit_flags = {}
    summaries = []
    for source in sources:
        flags = _compile_flags(ctx, compilation, source)
        unit_flags[source] = flags
        out = _output(ctx, source, ".summaries.json")
        args = ctx.actions.args()
        args.add("--summarise-to=" + out.path)
        args.add("--config-file=" + config.path)
        args.add("--quiet")
        args.add(source)
        args.add("--")
        args.add_all(flags)
        ctx.actions.run(
            executable = tidy,
            arguments = [args],
            inputs = depset([source, config], transitive = [headers]),
            outputs = [out],
            mnemonic = "FailguardSummarise",
            progress_message = "failguard: summarising %s" % source.short_path,
            execution_requirements = _EXECUTION_REQUIREMENTS,
            use_default_shell_env = True,
        )
        summaries.append(out)
    all_summaries = depset(summaries, transitive = deps_summaries)

    # The index of the target and its deps: what its units' calls reach (a
    # table, read by what each analysis asks).
    index = ctx.actions.declare_file("%s.failguard/index.fgindex" % ctx.label.name)
    request = ctx.actions.declare_file("%s.failguard/index-request.json" % ctx.label.name)
    inputs = ctx.actions.args()
    inputs.set_param_file_format("multiline")
    inputs.add_joined(
        all_summaries,
        join_with = '", "',
        format_joined = '{"format": "failguard-index-query-1", "query": "merge", "form": "table", "output": "%s", "inputs": ["%%s"]}' % index.path,
    )
    ctx.actions.write(request, inputs)
    ctx.actions.run_shell(
        # Quiet unless it fails: its answer names the units it merged.
        command = 'said=$("$@" 2>&1) || { status=$?; printf "%s\\n" "$said" >&2; exit "$status"; }',
        arguments = [index_tool.path, request.path],
        inputs = depset([request], transitive = [all_summaries]),
        tools = [index_tool],
        outputs = [index],
        mnemonic = "FailguardIndex",
        progress_message = "failguard: index of %s" % ctx.label,
        execution_requirements = _EXECUTION_REQUIREMENTS,
        use_default_shell_env = True,
    )

    # The checks, per unit, with that index; the findings as clang-tidy prints
    # them, and as a results file (docs/architecture.md).
    reports = []
    for source in sources:
        run = _output(ctx, source, ".run.json")
        results = _output(ctx, source, ".results.json")
        report = _output(ctx, source, ".report.txt")
        run_file = {
            "format": "failguard-run-1",
            "changed_functions_only": False,
            "index": index.path,
            "outputs": {"results": results.path},
        }
        if baseline:
            run_file["baseline"] = {"ref": baseline, "merge_base": False}
        ctx.actions.write(run, json.encode(run_file))
        args = ctx.actions.args()
        args.add(tidy)
        args.add(report)
        args.add(source)
        args.add("--failguard-run=" + run.path)
        args.add("--config-file=" + config.path)
        if not baseline:
            args.add("--checks=-failguard-removed-exception-handler,-failguard-narrowed-optional-return")
        if fail_on_findings:
            args.add("--warnings-as-errors=failguard-*")
        args.add("--quiet")
        args.add(source)
        args.add("--")
        args.add_all(unit_flags[source])
        ctx.actions.run_shell(
            command = """
tidy=$1 report=$2 source=$3
shift 3
# The findings are on standard output; clang's "N warnings generated" and
# the like on standard error, shown when the check fails.
errors=$("$tidy" "$@" 2>&1 > "$report")
status=$?
# Paths relative to the workspace, whether clang-tidy names a file through
# the execution root or through the index's real path, as git failguard does.
workspace=$(realpath "$source")
workspace=${workspace%/"$source"}
sed -i -e "s|^$PWD/||" -e "s|^$workspace/||" "$report"
if [ "$status" -ne 0 ]; then
  cat "$report" >&2
  printf '%s\\n' "$errors" >&2
  exit "$status"
fi
""",
            arguments = [args],
            inputs = depset([source, config, run, index], transitive = [headers]),
            tools = [tidy],
            outputs = [results, report],
            mnemonic = "FailguardCheck",
            progress_message = "failguard: checking %s" % source.short_path,
            execution_requirements = _EXECUTION_REQUIREMENTS,
            use_default_shell_env = True,
        )
        reports.append(report)

    target_report = ctx.actions.declare_file("%s.failguard/report.txt" % ctx.label.name)
    ctx.actions.run_shell(
        command = 'out=$1; shift; cat "$@" > "$out"',
        arguments = [target_report.path] + [report.path for report in reports],
        inputs = reports,
        outputs = [target_report],
        mnemonic = "FailguardReport",
        progress_message = "failguard: report of %s" % ctx.label,
    )
    all_reports = depset([target_report], transitive = deps_reports)
    return [
        FailguardInfo(summaries = all_summaries, reports = all_reports),
        OutputGroupInfo(report = all_reports),
    ]

failguard_aspect = aspect(
    implementation = _failguard_aspect_impl,
    attr_aspects = ["deps"],
    attrs = {
        "_baseline": attr.label(default = Label("//:baseline")),
        "_fail_on_findings": attr.label(default = Label("//:fail_on_findings")),
        "_config": attr.label(default = Label("//:config"), allow_single_file = True),
        "_failguard_tidy": attr.label(
            default = Label("//:failguard_tidy"),
            executable = True,
            cfg = "exec",
            allow_single_file = True,
        ),
        "_failguard_index": attr.label(
            default = Label("//:failguard_index"),
            executable = True,
            cfg = "exec",
            allow_single_file = True,
        ),
        "_cc_toolchain": attr.label(default = Label("@bazel_tools//tools/cpp:current_cc_toolchain")),
    },
    fragments = ["cpp"],
    toolchains = ["@bazel_tools//tools/cpp:toolchain_type"],
)

def _failguard_tools_impl(rctx):
    for name, given in [("failguard-tidy", rctx.attr.failguard_tidy), ("failguard-index", rctx.attr.failguard_index)]:
        path = given or rctx.which(name)
        if not path:
            fail("failguard_tools: '%s' is not on PATH; install failguard or name it (%s = ...)" %
                 (name, name.replace("-", "_")))
        rctx.symlink(path, name)
    rctx.file("WORKSPACE", "workspace(name = \"%s\")\n" % rctx.name)
    rctx.file("BUILD.bazel", 'exports_files(["failguard-tidy", "failguard-index"])\n')

failguard_tools = repository_rule(
    implementation = _failguard_tools_impl,
    doc = "The failguard-tidy and failguard-index the aspect runs: given paths, or found on PATH.",
    attrs = {
        "failguard_tidy": attr.string(doc = "failguard-tidy's path (default: found on PATH)"),
        "failguard_index": attr.string(doc = "failguard-index's path (default: found on PATH)"),
    },
    environ = ["PATH"],
    local = True,
)
