"""What the benchmarks report about the machine they ran on (shared by the
side-by-side scripts in this folder)."""

import json
import os
import platform
import sys


def cores():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def busy_warning(consequence):
    """Warns when other work is running (both sides share the same cores);
    returns the load average, which the results record."""
    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"warning: load average {load:.2f} before the benchmark; other processes compete for the {cores()} cores ({consequence})", file=sys.stderr)
    return load


def write_result(path, result):
    """Writes a benchmark's result as indented JSON (nothing when no path was given)."""
    if not path:
        return
    with open(path, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
