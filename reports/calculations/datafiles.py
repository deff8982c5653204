"""Where the package data lives (reports/data/) and how its CSV files are read."""

import csv
import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_path(name: str) -> Path:
    return DATA_DIR / name


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file as dicts, cells stripped."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {key: (cell or "").strip() for key, cell in row.items()}
            for row in csv.DictReader(handle)
        ]


def read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)
