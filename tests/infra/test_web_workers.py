"""The image and the compose file run gunicorn the same way: 2 workers x 4 threads (gthread)."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _option(cmd: list[str], name: str) -> str:
    return cmd[cmd.index(name) + 1]


def test_compose_web_runs_threaded_workers():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    cmd = compose["services"]["web"]["command"]
    assert (_option(cmd, "--worker-class"), _option(cmd, "--threads")) == ("gthread", "4")
    assert compose["x-app"]["environment"]["WEB_CONCURRENCY"] == "${WEB_CONCURRENCY:-2}"


def test_image_runs_threaded_workers():
    dockerfile = (ROOT / "Dockerfile").read_text()
    cmd = re.findall(r'"([^"]*)"', dockerfile.split("\nCMD ", 1)[1])
    assert (_option(cmd, "--worker-class"), _option(cmd, "--threads")) == ("gthread", "4")
    assert re.search(r"^ENV WEB_CONCURRENCY=2$", dockerfile, re.M)
