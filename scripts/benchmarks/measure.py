"""Running a command and measuring it: wall time, CPU time (user + system) and peak RSS.

CPU time and peak RSS are the rusage of the command's process: CPU time includes every
descendant the command waited for (Terraform waits for its providers), peak RSS is that of the
largest single process of the tree.

Linux keeps a process's peak RSS across exec, and a child forked from a process starts with
that process's resident set as its peak: a command forked from this benchmark's Python process
would never show less than Python's own RSS (hundreds of MB once reports are loaded). So the
command runs under GNU time, a process of about 1 MB, which reports its child's peak. CPU time
still comes from wait4, which counts GNU time's child to the microsecond. Without GNU time,
wait4 gives the peak too and the report says its peaks are upper bounds.
"""

import os
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass


def _gnu_time():
    path = shutil.which("time")
    if not path:
        return None
    try:
        version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return path if "GNU" in version.stdout + version.stderr else None


GNU_TIME = _gnu_time()

RSS_METHOD = ("GNU time for peak RSS (the command's own), wait4 for CPU time" if GNU_TIME else
              "wait4 for both; the peaks are upper bounds, since a child forked from the benchmark's "
              "Python process starts with its RSS as its peak (install GNU time for exact peaks)")

# GNU time's report: user seconds, system seconds, peak RSS in KiB.
GNU_TIME_FORMAT = "%U %S %M"


def time_prefix(stats_path):
    """The argv prefix that runs a command under GNU time, writing GNU_TIME_FORMAT to
    `stats_path`; None without GNU time."""
    if not GNU_TIME:
        return None
    return [GNU_TIME, "--quiet", "-f", GNU_TIME_FORMAT, "-o", stats_path]


def read_time_stats(stats_path):
    """(user s, system s, peak RSS KiB) from a GNU time report."""
    with open(stats_path) as handle:
        user, system, rss = handle.read().strip().splitlines()[-1].split()
    return float(user), float(system), int(rss)


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
    with open(stdout_path or os.devnull, "wb") as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(prefix="drkit-time-") as stats:
        prefix = time_prefix(stats.name) or []
        start = time.perf_counter()
        proc = subprocess.Popen(prefix + list(argv), cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", errors="replace")
        rss = usage.ru_maxrss
        if prefix:
            # Only the peak: wait4 on GNU time already counts its child's CPU time, to the
            # microsecond, where GNU time prints hundredths of a second.
            rss = read_time_stats(stats.name)[2]
    if proc.returncode not in ok_codes:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        raise StepFailed("%s exited with %d (expected %s):\n%s"
                         % (" ".join(str(a) for a in argv), proc.returncode, ok_codes, tail))
    return Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime, user=usage.ru_utime, system=usage.ru_stime,
               max_rss_kib=rss, returncode=proc.returncode, stderr=stderr)


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
