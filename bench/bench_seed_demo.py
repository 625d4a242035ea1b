"""Benchmark of `manage.py seed_demo` on SQLite, as `make run` runs it. Run on demand, never in the suite:

    .venv/bin/python bench/bench_seed_demo.py [--runs 3]

For each run it copies a freshly migrated SQLite database (made once, in a temporary folder, with
its own media folder), then runs `manage.py seed_demo` twice as a separate process, as a person
does: the first run on the empty database, the second on the seeded one. It prints each run's
wall time, the time the seed itself took inside the process (without Python and Django starting
up), the media folder's size and, once, the row counts per app. The issue's budget: at most 30 s
the first time and at most 5 s the second, on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# Times the seed inside the process, then prints it and the row counts per app as JSON.
INNER = """
import json, time
import django
django.setup()
from django.apps import apps
from django.core.management import call_command
from io import StringIO
start = time.perf_counter()
call_command("seed_demo", stdout=StringIO())
seconds = time.perf_counter() - start
counts = {}
for model in apps.get_models():
    counts[model._meta.app_label] = counts.get(model._meta.app_label, 0) + model._default_manager.count()
print(json.dumps({"seconds": seconds, "counts": counts}))
"""


def environment(folder: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "plc_platform.settings",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "REDIS_URL": "",
        "PYTHONPATH": str(ROOT),
    }


def run(folder: Path) -> tuple[float, dict]:
    start = time.perf_counter()
    done = subprocess.run(
        [PYTHON, "-c", INNER], cwd=ROOT, env=environment(folder), capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - start
    return wall, json.loads(done.stdout.strip().splitlines()[-1])


def size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="plc-seed-bench-") as tmp:
        template = Path(tmp) / "template"
        template.mkdir()
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=environment(template), check=True
        )
        results = {"first": [], "second": []}
        counts = None
        for number in range(args.runs):
            folder = Path(tmp) / f"run{number}"
            shutil.copytree(template, folder)
            for which in ("first", "second"):
                wall, inner = run(folder)
                results[which].append((wall, inner["seconds"]))
                counts = counts or inner["counts"]
            media = size(folder / "media")
            print(
                f"run {number + 1}: first {results['first'][-1][0]:.1f} s (seed {results['first'][-1][1]:.1f} s), "
                f"second {results['second'][-1][0]:.1f} s (seed {results['second'][-1][1]:.1f} s), "
                f"media {media / 1024:.0f} KB"
            )
        for which, budget in (("first", 30), ("second", 5)):
            walls = [wall for wall, _ in results[which]]
            seeds = [seed for _, seed in results[which]]
            print(
                f"{which} run: median {statistics.median(walls):.1f} s wall, {statistics.median(seeds):.1f} s seeding "
                f"(budget {budget} s)"
            )
        print("rows per app after the seed:", json.dumps(counts, indent=None, sort_keys=True))


if __name__ == "__main__":
    main()
