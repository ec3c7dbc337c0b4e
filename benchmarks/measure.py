"""Run a command and measure it: wall time, CPU time and the peak memory of its whole process tree (children
included).

CPU time is user + system time of the command and of every descendant it waited for (pkc's render workers, the
Pagefind processes), from the rusage of the children this process reaped (RUSAGE_CHILDREN, before and after):
a process nobody waits for (none here) would not be counted. Commands are run one at a time for this reason.

Memory is summed over the processes in two ways. RSS (resident set size) counts a page in every process that
maps it: pkc's render workers are forked from the process that holds the content and share its pages, so RSS
counts those pages once per process. PSS (proportional set size, Linux) shares each such page among the processes
that map it and so adds up to the memory the tree really takes. RSS is sampled every `interval`, PSS (costlier
for the kernel to count) every fourth sample.
"""
from __future__ import annotations

import resource
import subprocess
import threading
import time
from dataclasses import dataclass

import psutil


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_bytes: int  # the largest sum of PSS over the process and all its descendants (RSS where no PSS)
    peak_rss_bytes: int  # the largest sum of RSS: shared pages counted in every process that maps them
    returncode: int
    output: str
    cpu_seconds: float = 0.0  # user + system time of the process tree (see the module's docstring)


def run_measured(command: list[str], cwd: str | None = None, interval: float = 0.05,
                 memory: bool = True) -> Measured:
    """Run `command`, sampling the memory of its process tree every `interval` seconds.

    Sampling slows the measured command (by about a tenth for a national pkc build, the kernel counting PSS of
    gigabyte processes): `memory=False` only times it, and the peaks are 0.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = peak_rss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_rss
        samples = 0
        try:
            root = psutil.Process(process.pid)
        except psutil.NoSuchProcess:
            return
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                proportional = samples % 4 == 0
                total = total_rss = 0
                for proc in tree:
                    try:
                        if proportional:
                            info = proc.memory_full_info()
                            total += getattr(info, "pss", info.rss)
                        else:
                            info = proc.memory_info()
                        total_rss += info.rss
                    except (psutil.NoSuchProcess, psutil.AccessDenied):
                        pass
                peak_rss = max(peak_rss, total_rss)
                if proportional:
                    peak = max(peak, total)
                samples += 1
            except psutil.NoSuchProcess:
                return
            time.sleep(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    if memory:
        sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    done.set()
    if memory:
        sampler.join()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(seconds, peak, peak_rss, process.returncode, output, cpu)
