"""The content a parse sees, as blob ids: the working tree, with git objects over it."""
import os
import threading

from .fs import FILE_READ_CAP, read_regular, relative
from .git import REGULAR_MODES, git, git_blob_id, git_run, listed_files
from .index_format import ENTRY_READ_CAP
from .overlay import blob_overlay


class WorkTree:
    """Blob ids of the working tree's files: the index's for files git sees
    as unchanged (`git ls-files -s`, `git diff-files`: no file is read), the
    hash of the bytes for the others (what a parse reads: through symlinks,
    without git's filters)."""

    def __init__(self, root):
        self.root = root
        self.tracked = None
        self.dirty = None
        self.known = {}

    def blobs(self, paths):
        wanted = [p for p in paths if p not in self.known]
        if wanted:
            if self.tracked is None:
                self.dirty = {p for p in git(self.root, 'diff-files', '--name-only', '-z')
                              .split('\0') if p}
                self.tracked = {path: blob for (mode, blob, stage), path in listed_files(
                    git(self.root, 'ls-files', '-s', '-z')) if stage == '0'
                    and mode in REGULAR_MODES and len(blob) == 40}
            for path in wanted:
                blob = self.tracked.get(path)
                self.known[path] = blob if blob and path not in self.dirty else \
                    self.hashed(path)
        return {p: self.known[p] for p in paths}

    def hashed(self, path):
        content = read_regular(os.path.join(self.root, path), ENTRY_READ_CAP)
        if content is None or content[1]:
            return None
        return git_blob_id(content[0])


class View:
    """The content a parse sees: the working tree, with `overlay` ({path:
    blob id}, git objects) shown over it through a VFS overlay made when a
    parse needs it. `present`: the files that exist in this content (None:
    those of the working tree)."""

    def __init__(self, name, root, worktree, overlay=None, present=None, scratch=None):
        self.name, self.root, self.worktree = name, root, worktree
        self.overlay = overlay or {}
        self.present = present
        self.scratch = scratch
        self.lock = threading.Lock()
        self.made = False
        self.overlay_path = None
        self.shown = {}

    def blobs(self, paths):
        result = self.worktree.blobs([p for p in paths if p not in self.overlay])
        result.update((p, self.overlay[p]) for p in paths if p in self.overlay)
        return result

    def has(self, relative_path):
        if self.present is not None:
            return relative_path in self.present
        return os.path.isfile(os.path.join(self.root, relative_path))

    def text(self, path):
        """The bytes of `path` (absolute) in this content, or None."""
        inside = relative(path, self.root)
        if inside in self.overlay:
            run = git_run(self.root, 'cat-file', 'blob', self.overlay[inside])
            return run.stdout if run.returncode == 0 else None
        content = read_regular(path, FILE_READ_CAP)
        return None if content is None or content[1] else content[0]

    def vfsoverlay(self):
        """The --vfsoverlay argument that shows this content, or []."""
        with self.lock:
            if not self.made:
                self.made = True
                if self.overlay:
                    directory = os.path.join(self.scratch, 'overlay-' + self.name)
                    os.makedirs(directory, exist_ok=True)
                    self.overlay_path, self.shown = blob_overlay(self.root, directory,
                                                                 self.overlay)
        return ['--vfsoverlay=' + self.overlay_path] if self.overlay_path else []
