"""perf profiles: the share of samples each function accounts for, its callees included."""

import os
import re
import shutil
import subprocess

# "  36.64%   0.36%  [.] symbol" and then, in perf's --stdio output, padding and more columns
# separated by runs of spaces (symbols never hold two spaces in a row).
PERF_LINE = re.compile(r"^\s+([\d.]+)%\s+([\d.]+)%\s+\[(.)\]\s+(.+?)(?:\s{2,}|\s*$)")


def record(argv, data_path, *, call_graph, cwd=None, env=None, ok_codes=(0, 1)):
    """Profiles one run of `argv`. Returns ({symbol: inclusive %}, [(self %, symbol)] sorted,
    highest first), or None where perf cannot record (not installed, or not permitted).
    `call_graph` is perf's --call-graph mode: "dwarf" for Rust release builds (no frame
    pointers), "fp" for Go binaries (which keep them)."""
    if not shutil.which("perf"):
        return None
    mode = "dwarf,16384" if call_graph == "dwarf" else call_graph
    recorded = subprocess.run(["perf", "record", "--quiet", "-F", "1999", "--call-graph", mode, "-o", data_path, *argv],
                              cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    if recorded.returncode not in ok_codes or not os.path.exists(data_path):
        return None
    report = subprocess.run(["perf", "report", "-i", data_path, "--children", "--sort", "symbol", "--stdio",
                             "-g", "none", "--percent-limit", "0.3"], capture_output=True, text=True)
    inclusive, own = {}, []
    for line in report.stdout.splitlines():
        found = PERF_LINE.match(line)
        if not found:
            continue
        children, self_share, kind, symbol = float(found.group(1)), float(found.group(2)), found.group(3), found.group(4)
        inclusive.setdefault(symbol, children)
        own.append((self_share, symbol if kind == "." else symbol + " [kernel]"))
    own.sort(reverse=True)
    os.remove(data_path)
    return inclusive, own


def shares(profile, labelled_symbols):
    """[(label, inclusive % or None)] for each (symbol, label)."""
    inclusive, _ = profile
    return [(label, inclusive.get(symbol)) for symbol, label in labelled_symbols]
