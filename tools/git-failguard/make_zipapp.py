"""Packs the git_failguard package into one executable file (a zipapp).

  make_zipapp.py OUTPUT INTERPRETER PACKAGE_DIR BUILDINFO

Run with INTERPRETER (the one the #! line names): each module is stored with
its bytecode, compiled here as an unchecked-hash .pyc, so the driver starts
without compiling anything. The archive is reproducible: the same sources
give the same bytes (fixed order and times)."""
import io
import os
import py_compile
import sys
import tempfile
import zipfile

# The first instruction: Ctrl-C, SIGTERM and SIGHUP are only recorded (by the
# builtin _signal, which imports nothing) until entry.run can stop cleanly.
ENTRY = ('import _signal\n'
         'PENDING = []\n'
         'for _number in (_signal.SIGINT, _signal.SIGTERM, _signal.SIGHUP):\n'
         '    _signal.signal(_number, lambda number, frame: PENDING.append(number))\n'
         'from git_failguard.entry import run\n'
         'run(PENDING)\n')
# A fixed time for every member (zip's epoch starts in 1980).
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def member(archive, name, data):
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def bytecode(source_path, name, scratch):
    compiled = os.path.join(scratch, os.path.basename(name) + 'c')
    py_compile.compile(source_path, cfile=compiled, dfile=name, doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    with open(compiled, 'rb') as f:
        return f.read()


def main():
    output, interpreter, package_dir, buildinfo = sys.argv[1:]
    modules = {name: os.path.join(package_dir, name) for name in os.listdir(package_dir)
               if name.endswith('.py')}
    modules['buildinfo.py'] = buildinfo
    data = io.BytesIO()
    with tempfile.TemporaryDirectory() as scratch, zipfile.ZipFile(data, 'w') as archive:
        member(archive, '__main__.py', ENTRY)
        for name in sorted(modules):
            path = 'git_failguard/' + name
            with open(modules[name], 'rb') as f:
                member(archive, path, f.read())
            # zipimport takes NAME.pyc next to NAME.py (not __pycache__/).
            member(archive, path + 'c', bytecode(modules[name], path, scratch))
    temporary = output + '.tmp'
    with open(temporary, 'wb') as f:
        f.write(b'#!' + interpreter.encode() + b'\n')
        f.write(data.getvalue())
    os.chmod(temporary, 0o755)
    os.replace(temporary, output)


if __name__ == '__main__':
    main()
