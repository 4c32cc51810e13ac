"""What drlint's heap holds at its peak, from valgrind's massif on a drlint built without
mimalloc (massif sees only malloc): each allocation is put down to the nearest function on its
stack that says what the memory is for."""

import os
import re
import shutil
import subprocess

from . import tools

# (pattern of a stack frame, what the allocation holds); the first frame from the allocation
# outwards that matches one of them decides.
OWNERS = [
    (re.compile(r"hcl_edit::"), "hcl-edit syntax trees"),
    (re.compile(r"drkit_terraform::source::read_text"), "file texts"),
    (re.compile(r"drkit_terraform::location::"), "line indexes"),
    (re.compile(r"drkit_terraform::(module|eval|ir|value)::"), "evaluated resources and values"),
    (re.compile(r"drkit_terraform::config::"), "module indexes (blocks by kind and name)"),
    (re.compile(r"drlint::(engine|sources|rules|finding)::"), "objectives, facts, findings"),
    (re.compile(r"drlint::(output|run|fingerprint)::"), "the report"),
]
NODE = re.compile(r"^(\s*)n(\d+): (\d+) (.*)$")


def build_system_alloc_drlint():
    target = os.path.join(tools.cache_dir(), "bench-target-system-alloc")
    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet", "-p", "drlint", "--no-default-features", "--features", "cli",
                    "--target-dir", target], check=True, cwd=tools.repo_root())
    return os.path.join(target, "release", "drlint")


def _peak_tree(massif_out):
    """The lines of the peak snapshot's allocation tree."""
    with open(massif_out) as handle:
        snapshots = handle.read().split("#-----------\nsnapshot=")
    for snapshot in snapshots:
        if "heap_tree=peak" in snapshot:
            total = int(re.search(r"mem_heap_B=(\d+)", snapshot).group(1))
            return total, snapshot.split("heap_tree=peak\n", 1)[1].splitlines()
    return None, []


def _attribute(lines):
    """Bytes per owner: each leaf of the tree (an allocation site with its callers above it in
    the file's nesting) goes to the first frame that matches an owner."""
    owners = {}
    path = []
    for line in lines:
        found = NODE.match(line)
        if not found:
            continue
        depth, children, size, frame = len(found.group(1)), int(found.group(2)), int(found.group(3)), found.group(4)
        path = path[:depth] + [frame]
        if children:
            continue
        owner = "other"
        for frame_text in path[1:]:
            matched = next((name for pattern, name in OWNERS if pattern.search(frame_text)), None)
            if matched:
                owner = matched
                break
        owners[owner] = owners.get(owner, 0) + size
    return owners


def profile(corpus, workdir):
    """{"peak_bytes", "owners": [(what, bytes)]} for one single-threaded run, or None where
    valgrind is missing."""
    if not shutil.which("valgrind"):
        return None
    drlint = build_system_alloc_drlint()
    out = os.path.join(workdir, "massif.out")
    subprocess.run(["valgrind", "--tool=massif", "--depth=80", "--threshold=0.2", "--massif-out-file=" + out,
                    drlint, "--jobs", "1", "--format", "json", corpus],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    total, lines = _peak_tree(out)
    if total is None:
        return None
    owners = _attribute(lines)
    return {"peak_bytes": total, "owners": sorted(owners.items(), key=lambda item: -item[1])}
