"""gunicorn hooks of the bench server: each worker records the views it will replay."""

import json
import os
from pathlib import Path


def post_worker_init(worker):
    from bench.load.bare import record_all

    paths = json.loads(os.environ.get("BENCH_REPLAY_PATHS", "[]"))
    record_all(paths, os.environ.get("BENCH_SESSION", ""))
    ready = os.environ.get("BENCH_READY_DIR")
    if ready:
        (Path(ready) / str(os.getpid())).touch()
