"""Time how fast the frozen app starts; prints numbers, asserts nothing.

    python packaging/bench_startup.py [--dist dist] [--runs 5]

For each executable found in ``--dist`` (``pos-app/pos-app`` one-folder, ``pos-app-onefile``):

- ``--version``: process start, the frozen Python, and the app's imports (PySide6, httpx…);
- **window shown**: time until the app says its main window is on screen. The app prints
  ``startup-probe: window shown`` and quits when ``POS_APP_STARTUP_PROBE=1`` is set; until the
  app shell offers that hook, the bench falls back to ``--self-test`` (start, build and show the
  window offscreen, one demo sale against the bundled sandbox, ordered shutdown) and subtracts
  the sale time the app reports — an upper bound for "window shown".

Runs offscreen (``QT_QPA_PLATFORM=offscreen``) with a fresh data folder per run; the first run
of each kind is a warm-up (page cache) and is reported but not in the median.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE_ENV = "POS_APP_STARTUP_PROBE"
PROBE_LINE = "startup-probe: window shown"
TIMEOUT_SECONDS = 60.0


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("POS_APP_API_KEY", None)
    return env


def app_has_probe() -> bool:
    """Whether the app shell (the source the build came from) implements the probe hook."""
    app = ROOT / "pos_app" / "app.py"
    return app.is_file() and PROBE_ENV in app.read_text(encoding="utf-8")


def time_version(exe: Path) -> float:
    """Seconds for ``exe --version`` to exit."""
    started = time.perf_counter()
    cmd = [str(exe), "--version"]
    subprocess.run(cmd, capture_output=True, env=_env(), timeout=TIMEOUT_SECONDS, check=True)
    return time.perf_counter() - started


def time_probe(exe: Path) -> float:
    """Seconds until the app prints the probe line (it then quits by itself)."""
    env = _env()
    env[PROBE_ENV] = "1"
    with tempfile.TemporaryDirectory(prefix="pos-app-bench-") as data:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [str(exe), "--demo", "--data-dir", data],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert proc.stdout is not None
        shown: float | None = None
        for line in proc.stdout:
            if PROBE_LINE in line:
                shown = time.perf_counter() - started
                break
        try:
            proc.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if shown is None:
        raise RuntimeError(f"{exe.name} never printed {PROBE_LINE!r}")
    return shown


_SALE_SECONDS = re.compile(r"in (\d+(?:\.\d+)?) s\b")


def time_self_test(exe: Path) -> tuple[float, float]:
    """``(total, total − reported sale time)`` for one ``--self-test`` run."""
    with tempfile.TemporaryDirectory(prefix="pos-app-bench-") as data:
        started = time.perf_counter()
        out = subprocess.run(
            [str(exe), "--self-test", "--data-dir", data],
            capture_output=True,
            text=True,
            env=_env(),
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
        total = time.perf_counter() - started
    if out.returncode != 0:
        raise RuntimeError(f"{exe.name} --self-test failed: {out.stdout} {out.stderr[-1000:]}")
    match = _SALE_SECONDS.search(out.stdout)
    sale = float(match.group(1)) if match else 0.0
    return total, total - sale


def _report(label: str, samples: list[float]) -> None:
    warm = samples[1:] or samples
    print(
        f"  {label:<34} median {statistics.median(warm):6.3f} s   "
        f"min {min(warm):6.3f} s   first (cold) {samples[0]:6.3f} s   n={len(warm)}"
    )


def bench(exe: Path, runs: int, probe: bool) -> None:
    """Print the timings of one executable."""
    print(f"{exe}")
    _report("--version (start + imports)", [time_version(exe) for _ in range(runs + 1)])
    if probe:
        _report("window shown (probe)", [time_probe(exe) for _ in range(runs + 1)])
        return
    results = [time_self_test(exe) for _ in range(runs + 1)]
    _report("--self-test total", [total for total, _ in results])
    _report("--self-test minus sale (≈ window)", [window for _, window in results])


def main(argv: list[str] | None = None) -> int:
    """Command line: bench every executable found in ``--dist``."""
    parser = argparse.ArgumentParser(description="Time the frozen app's start.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--runs", type=int, default=5, help="measured runs after one warm-up")
    args = parser.parse_args(argv)
    suffix = ".exe" if sys.platform == "win32" else ""
    candidates = [
        args.dist / "pos-app" / f"pos-app{suffix}",
        args.dist / f"pos-app-onefile{suffix}",
    ]
    found = [exe for exe in candidates if exe.is_file()]
    if not found:
        print(f"no executable in {args.dist}; run packaging/build.py first", file=sys.stderr)
        return 1
    probe = app_has_probe()
    how = "the startup probe" if probe else "--self-test (no probe hook in the app yet)"
    print(f"machine: {os.cpu_count()} CPUs, {sys.platform}; window timing via {how}")
    for exe in found:
        bench(exe, args.runs, probe)
    return 0


if __name__ == "__main__":
    sys.exit(main())
