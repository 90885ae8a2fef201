"""`manage.py score INSTRUMENT FILE.csv`: good and bad CSVs, stdin, exit codes."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]
HEADER_R = "respondent," + ",".join(str(n) for n in range(1, 37))
HEADER_RS = "respondent," + ",".join(str(n) for n in range(1, 10))


def row(name, values):
    return name + "," + ",".join(str(v) for v in values)


GOOD_R = (
    "\n".join(
        [
            HEADER_R,
            row("p1", [1] * 36),  # 1.67 / 5.00 avoidant (hand-worked in test_scoring)
            row("p2", [7] * 36),  # 6.33 / 3.00 anxious
            row("p3", [1 if n % 2 else 7 for n in range(1, 37)]),  # 4.67 / 3.33 anxious
            row("p4", [4] * 36),  # 4.00 / 4.00 fearful
        ]
    )
    + "\n"
)
EXPECTED_R = (
    "respondent,anxiety,avoidance,corner\n"
    "p1,1.67,5.00,avoidant\n"
    "p2,6.33,3.00,anxious\n"
    "p3,4.67,3.33,anxious\n"
    "p4,4.00,4.00,fearful\n"
)
BAD_R = (
    "\n".join(
        [
            HEADER_R,
            row("ok", [2] * 36),
            row("missing", [2] * 10 + [""] + [2] * 25),
            row("range", [2] * 35 + [8]),
            row("text", ["x"] + [2] * 35),
        ]
    )
    + "\n"
)


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("score", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_good_ecr_r_csv(tmp_path):
    path = tmp_path / "good.csv"
    path.write_text(GOOD_R)
    out, err = run("ecr-r", str(path))
    assert out == EXPECTED_R
    assert err == ""


def test_ecr_rs_csv_one_row_per_relationship_and_column_order_free(tmp_path):
    # Columns in any order are matched by item number.
    numbers = list(range(9, 0, -1))
    header = "respondent," + ",".join(str(n) for n in numbers)
    ones_by_number = dict.fromkeys(range(1, 10), 1)
    path = tmp_path / "rs.csv"
    path.write_text(header + "\n" + row("anna-mother", [ones_by_number[n] for n in numbers]) + "\n")
    out, _ = run("ecr-rs", str(path))
    # all 1s: anxiety 1.00, avoidance (4 x 7 + 2 x 1)/6 = 5.00
    assert out == "respondent,anxiety,avoidance,corner\nanna-mother,1.00,5.00,avoidant\n"


def test_bad_rows_are_reported_with_row_numbers_and_fail(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD_R)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="3 invalid row"):
        call_command("score", "ecr-r", str(path), stdout=out, stderr=err)
    # The valid row is still written; the exit status says the file as a whole was not clean.
    assert out.getvalue() == "respondent,anxiety,avoidance,corner\nok,2.44,4.67,avoidant\n"
    errors = err.getvalue()
    assert "row 2 (line 3, respondent 'missing'): item 11: missing answer" in errors
    assert "row 3 (line 4, respondent 'range'): item 36: 8 is outside 1-7" in errors
    assert "row 4 (line 5, respondent 'text'): item 1: 'x' is not a whole number" in errors


def test_skip_invalid_scores_the_rest(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD_R)
    out, err = run("ecr-r", str(path), "--skip-invalid")
    # all 2s: anxiety (16*2 + 2*6)/18 = 44/18 = 2.44; avoidance (6*2 + 12*6)/18 = 84/18 = 4.67
    assert out == "respondent,anxiety,avoidance,corner\nok,2.44,4.67,avoidant\n"
    assert err.count("row ") == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty"),
        ("id,1,2\n", "first column must be 'respondent'"),
        (HEADER_R.replace(",36", "") + "\n", "missing item columns 36"),
        (HEADER_R + ",37\n", "unknown item columns 37"),
    ],
)
def test_bad_header_is_an_error(tmp_path, content, message):
    path = tmp_path / "h.csv"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        run("ecr-r", str(path))


def test_unknown_instrument_and_missing_file():
    with pytest.raises(CommandError, match="unknown instrument 'bdi'"):
        run("bdi", "x.csv")
    with pytest.raises(CommandError, match="cannot read"):
        run("ecr-r", "/nonexistent/answers.csv")


def _manage(*args, stdin: str):
    return subprocess.run(
        [sys.executable, "manage.py", "score", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_exit_codes_and_stdin_through_a_real_process():
    good = _manage("ecr-r", "-", stdin=GOOD_R)
    assert good.returncode == 0, good.stderr
    assert good.stdout == EXPECTED_R
    from_dev_stdin = _manage("ecr-r", "/dev/stdin", stdin=GOOD_R)
    assert from_dev_stdin.returncode == 0 and from_dev_stdin.stdout == EXPECTED_R
    bad = _manage("ecr-r", "-", stdin=BAD_R)
    assert bad.returncode != 0
    assert "row 3 (line 4, respondent 'range')" in bad.stderr
    skipped = _manage("ecr-r", "-", "--skip-invalid", stdin=BAD_R)
    assert skipped.returncode == 0
    assert skipped.stdout.splitlines() == ["respondent,anxiety,avoidance,corner", "ok,2.44,4.67,avoidant"]
