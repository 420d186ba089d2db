"""The guard benchmark with the trained NLU: danger as deployed, and no message text in its output."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_bench_with_nlu_scores_the_system_as_deployed_and_logs_no_text(tmp_path):
    path = tmp_path / "set.yml"
    danger, safe = "someone is hitting my son with a hammer right now", "what is plugging"
    path.write_text(yaml.safe_dump({"danger": [danger], "not_danger": [safe]}))
    run = subprocess.run([sys.executable, "-m", "bench.guards", "--set", str(path), "--with-nlu"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    lines = run.stdout.splitlines()
    assert any(line.strip().startswith("nlu only  precision") for line in lines), run.stdout
    deployed = next(line for line in lines if line.strip().startswith("deployed"))
    assert "recall 100.0%  (1 positive, 1 negative)" in deployed
    assert danger not in run.stdout + run.stderr and safe not in run.stdout + run.stderr
