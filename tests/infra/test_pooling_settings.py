"""Behind PgBouncer in transaction pooling the settings drop what a pooled connection cannot keep."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; django.setup(); from django.conf import settings; d = settings.DATABASES['default']; "
    "print(json.dumps([d.get('DISABLE_SERVER_SIDE_CURSORS', False), 'options' in d.get('OPTIONS', {})]))"
)


def _database(**env) -> list:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    env["DATABASE_URL"] = "postgres://app:pw@127.0.0.1:6432/securebase"
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_transaction_pooling_disables_server_side_cursors_and_startup_options():
    assert _database(DATABASE_POOLING="transaction") == [True, False]


def test_a_direct_connection_keeps_server_side_cursors_and_its_timeouts():
    assert _database(DATABASE_POOLING="") == [False, True]
