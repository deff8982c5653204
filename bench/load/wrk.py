"""wrk (Debian's `wrk`) against the bench server: latency percentiles of a bounded run."""

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Printed by wrk when the run ends: percentiles in microseconds, counts, duration.
REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d\\n", latency:percentile(50),
    latency:percentile(95), summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""
CONNECTIONS, THREADS = 16, 2


@dataclass
class Load:
    p50_s: float
    p95_s: float
    requests: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


def available() -> bool:
    return shutil.which("wrk") is not None


def wrk(url: str, *, cookie: str, seconds: float) -> Load:
    """16 connections for `seconds` on `url` (127.0.0.1 only); every answer must be 2xx."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("the load tool only targets this machine")
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "report.lua"
        script.write_text(REPORT)
        done = subprocess.run(
            [
                "wrk",
                "-t",
                str(THREADS),
                "-c",
                str(CONNECTIONS),
                "-d",
                f"{round(seconds)}s",
                "--timeout",
                "30s",
                "-s",
                str(script),
                "-H",
                f"Cookie: {cookie}",
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        )
    line = next(x for x in done.stdout.splitlines() if x.startswith("BENCH "))
    p50, p95, requests, micros, failed, bad_status = (int(v) for v in line.split()[1:])
    if failed or bad_status:
        raise RuntimeError(f"{url}: {failed} failed and {bad_status} non-2xx answers under load")
    return Load(p50 / 1e6, p95 / 1e6, requests, micros / 1e6)
