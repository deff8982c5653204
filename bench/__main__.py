"""`make bench`: build the dataset, run every bench module's measurements, print the table.

Bench modules are bench/bench_*.py, each with `measurements() -> list[Measurement]`. The
database is var/bench.sqlite3 unless DATABASE_URL is set (then PostgreSQL, say).
"""

import importlib
import os
import pkgutil
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.base")
    # DEBUG stays off as in production, so the settings need a real key: one per run.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
    os.environ.setdefault("MEDIA_ROOT", str(ROOT / "var" / "bench-media"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def main(argv: list[str]) -> int:
    _setup_django()
    from bench.harness import run, table

    only = argv[0] if argv else ""
    results = []
    for module in sorted(m.name for m in pkgutil.iter_modules([str(ROOT / "bench")])):
        if not module.startswith("bench_") or only not in module:
            continue
        for measurement in importlib.import_module(f"bench.{module}").measurements():
            print(f"… {measurement.name}", file=sys.stderr, flush=True)
            results.append(run(measurement))
    output = table(results)
    print(output)
    (ROOT / "bench" / "results.md").write_text(
        "# Benchmark results\n\nProduced by `make bench` on this machine; ratios are against a "
        "floor measured in the same run.\n\n" + output + "\n",
        encoding="utf-8",
    )
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
