"""`make run HOST=…`: emailed links and accepted hosts follow the address runserver listens on."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from config import hosts

ROOT = Path(__file__).resolve().parents[2]


def run_env(host: str) -> dict[str, str]:
    """The environment `make run HOST=…` gives every manage.py command it starts."""
    done = subprocess.run(["make", "-n", "run", f"HOST={host}"], cwd=ROOT, capture_output=True, text=True, check=True)
    lines = [line for line in done.stdout.splitlines() if "manage.py runserver" in line]
    assert lines, done.stdout
    words = lines[0].split()
    return dict(word.split("=", 1) for word in words[: words.index(next(w for w in words if "=" not in w))])


def settings_under(extra: dict[str, str]) -> tuple[str, list[str]]:
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "ALLOWED_HOSTS", "RUN_HOST"}}
    env.update(extra, DJANGO_SETTINGS_MODULE="config.settings")
    script = "import json, django; django.setup(); from django.conf import settings;" + (
        "print(json.dumps([settings.SITE_URL, settings.ALLOWED_HOSTS]))"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    site_url, allowed = json.loads(done.stdout.strip().splitlines()[-1])
    return site_url, allowed


def test_make_run_on_a_lan_address_puts_that_origin_in_links_and_allowed_hosts():
    env = run_env("192.168.1.5:8000")
    assert env["RUN_HOST"] == "192.168.1.5:8000"

    site_url, allowed = settings_under(env)

    assert site_url == "http://192.168.1.5:8000"
    assert "192.168.1.5" in allowed and "127.0.0.1" in allowed


def test_make_run_on_all_interfaces_links_to_this_machines_network_address(monkeypatch):
    env = run_env("0.0.0.0:8000")
    site_url, allowed = settings_under(env)
    assert "0.0.0.0" not in site_url and site_url.endswith(":8000")
    assert site_url.removeprefix("http://").removesuffix(":8000") in allowed

    monkeypatch.setattr(hosts, "lan_address", lambda: "192.168.1.5")
    origin, names = hosts.served_at("0.0.0.0:8000")
    assert origin == "http://192.168.1.5:8000"
    assert {"192.168.1.5", "localhost", "127.0.0.1"} <= set(names)


def test_an_explicit_site_url_still_wins_over_the_run_host():
    site_url, allowed = settings_under({**run_env("192.168.1.5:8000"), "SITE_URL": "https://praktijk.example/"})

    assert site_url == "https://praktijk.example"
    assert "192.168.1.5" in allowed


def test_plain_make_run_keeps_the_local_default():
    assert settings_under(run_env("127.0.0.1:8000"))[0] == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    ("run_host", "expected"),
    [("8000", ("127.0.0.1", "8000")), ("[::1]:8001", ("[::1]", "8001")), ("example.test", ("example.test", "8000"))],
)
def test_runserver_address_forms(run_host, expected):
    assert hosts.split_run_host(run_host) == expected
