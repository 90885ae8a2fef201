"""Lighthouse (npm lighthouse@12.2.3, installed by .ci/run) on two client pages, as a phone.

Accessibility and best practices must stay at 95 or more; performance is printed, not asserted
(speed is measured by bench/lighthouse_client.py, which runs all four client pages).
"""

import importlib.util
import os
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "lighthouse_client.py"


def _bench():
    spec = importlib.util.spec_from_file_location("lighthouse_client", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.browser
def test_client_pages_keep_accessibility_and_best_practices_at_95_on_a_phone(capsys):
    bench = _bench()
    if bench.lighthouse_bin() is None:
        reason = "lighthouse not installed (npm i -E lighthouse@12.2.3 --prefix .lighthouse)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    results = bench.measure(["home", "quick"], minimum=95)
    with capsys.disabled():
        print("\nLighthouse (phone):", results)
    for page, scores in results.items():
        assert scores["accessibility"] >= 95, (page, scores)
        assert scores["best-practices"] >= 95, (page, scores)
