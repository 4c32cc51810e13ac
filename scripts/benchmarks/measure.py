"""Running a command and measuring it: wall time, CPU time (user + system) and peak RSS.

Peak RSS and CPU time come from wait4(2) on the command's process: CPU time includes every
descendant the command waited for (Terraform waits for its providers), peak RSS is that of the
largest single process of the tree (as GNU time reports it).
"""

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass


class StepFailed(Exception):
    """A benchmarked command failed: the benchmark stops, non-zero."""


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # seconds, user + system
    user: float
    system: float
    max_rss_kib: int
    returncode: int
    stderr: str


def run(argv, *, cwd=None, env=None, stdout_path=None, ok_codes=(0,)):
    """Runs `argv` to completion, its stdout to `stdout_path` (or nowhere), and measures it.
    Raises StepFailed when it exits with a code outside `ok_codes`."""
    with open(stdout_path or os.devnull, "wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", errors="replace")
    if proc.returncode not in ok_codes:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        raise StepFailed("%s exited with %d (expected %s):\n%s"
                         % (" ".join(str(a) for a in argv), proc.returncode, ok_codes, tail))
    return Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime, user=usage.ru_utime, system=usage.ru_stime,
               max_rss_kib=usage.ru_maxrss, returncode=proc.returncode, stderr=stderr)


@dataclass
class Summary:
    """Medians over several runs of one command."""
    runs: int
    wall: float
    cpu: float
    max_rss_kib: float
    wall_min: float
    wall_max: float


def summarise(runs):
    walls = [r.wall for r in runs]
    return Summary(
        runs=len(runs),
        wall=statistics.median(walls),
        cpu=statistics.median(r.cpu for r in runs),
        max_rss_kib=statistics.median(r.max_rss_kib for r in runs),
        wall_min=min(walls),
        wall_max=max(walls),
    )


def load_average():
    with open("/proc/loadavg") as handle:
        return handle.read().split()[0]
