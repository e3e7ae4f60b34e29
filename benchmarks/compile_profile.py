"""Where first-fit time goes: numba compilations per entry point, empty cache.

For each entry point (the first fit of an estimator or path function a user
meets), a fresh process with an empty ``NUMBA_CACHE_DIR`` imports skreg, runs
that one fit, and records numba's ``numba:compile`` events (one per function
x signature compiled; a cache hit raises none). The table gives per entry
point the number of compilations, the time spent compiling (events nested
in another, a callee compiled for its caller, counted once) and the whole
process's wall time; the last row runs every entry point in one process, for
both dtypes.

Run: ``python benchmarks/compile_profile.py [--entry NAME ...] [--top 5]``.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

SETUP = """
import numpy as np
from skreg._warmup import ENTRY_POINTS, small_problem
X, y = small_problem()
"""

# The first fits skreg's warmup runs (skreg/_warmup.py), and float32 data.
ENTRY_POINTS = {
    name: f"ENTRY_POINTS[{name!r}](X, y)"
    for name in ["dense Lasso", "sparse Lasso", "Gram route", "FISTA"]
}
ENTRY_POINTS["float32 Lasso"] = "ENTRY_POINTS['dense Lasso'](X.astype(np.float32), y)"
ENTRY_POINTS.update(
    (name, f"ENTRY_POINTS[{name!r}](X, y)")
    for name in ["ElasticNetCV", "lasso_path", "Ridge 'cd'", "sparse FISTA"]
)
ALL = "all, both dtypes"

RECORD = """
import json, time
from numba.core import event
events = []
class Recorder(event.Listener):
    def on_start(self, e):
        events.append([str(e.data['dispatcher'].py_func.__qualname__),
                       str(e.data['args']), time.perf_counter(), None])
        self._stack.append(len(events) - 1)
    def on_end(self, e):
        events[self._stack.pop()][3] = time.perf_counter()
recorder = Recorder(); recorder._stack = []
event.register("numba:compile", recorder)
"""


def _program(statements):
    # After each statement, the number of compilations so far.
    steps = [f"{statement}\nmarks.append(len(events))" for statement in statements]
    return "\n".join([
        SETUP, RECORD, "marks = []", *steps,
        "print('RESULT' + json.dumps({'events': events, 'marks': marks}))",
    ])  # fmt: skip


def run_fresh(statements, cache_dir=None):
    """Run ``statements`` in a new process with an empty numba cache
    (or with ``cache_dir``, as it is).

    Returns a dict: ``events`` (qualname, signature, start and end of
    each compilation), ``marks`` (compilations so far after each statement),
    and ``wall``, the process's seconds.
    """
    with tempfile.TemporaryDirectory() as empty:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache_dir or empty)
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", _program(statements)], env=env, check=True,
            capture_output=True, text=True,
        ).stdout  # fmt: skip
        wall = time.perf_counter() - start
    line = next(line for line in out.splitlines() if line.startswith("RESULT"))
    result = json.loads(line[len("RESULT"):])
    result["wall"] = wall
    return result


def compile_seconds(events):
    """Time inside compile events, each nested event counted once."""
    total, outer_end = 0.0, -1.0
    for _, _, start, end in sorted(events, key=lambda e: e[2]):
        if start >= outer_end:
            total += end - start
            outer_end = end
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entry", action="append", help="only these entry points")
    parser.add_argument("--top", type=int, default=0, help="list the N slowest compilations")
    args = parser.parse_args()
    names = args.entry or [*ENTRY_POINTS, ALL]
    print(f"{'entry point':>18s} {'compilations':>12s} {'compiling':>10s} {'process':>8s}")
    for name in names:
        if name == ALL:
            statements = [*ENTRY_POINTS.values(), "X = X.astype(np.float32)",
                          *ENTRY_POINTS.values()]  # fmt: skip
        else:
            statements = [ENTRY_POINTS[name]]
        result = run_fresh(statements)
        events = result["events"]
        print(f"{name:>18s} {len(events):12d} {compile_seconds(events):9.1f}s "
              f"{result['wall']:7.1f}s")  # fmt: skip
        for qualname, signature, start, end in sorted(
            events, key=lambda e: e[2] - e[3]
        )[: args.top]:
            print(f"{'':>20s}{end - start:6.2f}s  {qualname}{signature[:60]}")


if __name__ == "__main__":
    main()
