"""The quick start's SQLite answers concurrent autosaves without "database is locked"."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = Path(__file__).with_name("sqlite_autosave_probe.py")
ROOT = PROBE.parents[2]


def test_concurrent_questionnaire_autosaves_on_file_sqlite_get_no_server_errors(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'quickstart.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PROBE_CLIENTS": "6",
        "PROBE_TAPS": "15",
    }
    env.pop("TEST_DATABASE_NAME", None)
    done = subprocess.run([sys.executable, str(PROBE)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)

    assert done.returncode == 0, done.stderr[-3000:]
    codes = json.loads(done.stdout.strip().splitlines()[-1])
    assert codes == {"200": 90}, done.stderr[-3000:]
