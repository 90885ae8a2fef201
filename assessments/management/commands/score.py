"""Batch scoring for paper forms and research data.

    python manage.py score ecr-r answers.csv          (or '-' / /dev/stdin for standard input)

Input: a CSV whose first column is `respondent`, then one column per item named by its item
number (1..36 for ECR-R, 1..9 for ECR-RS; one row per person and relationship). Output on
stdout: respondent, anxiety, avoidance (2 decimals, half-up) and corner. Rows with a missing,
non-numeric or out-of-range answer are reported on stderr with their row number (data rows
count from 1; the header is line 1 of the file) and the command exits non-zero, unless
--skip-invalid is given. Scoring uses the same pure functions as the app (scoring.py).
"""

from __future__ import annotations

import csv
import sys

from django.core.management.base import BaseCommand, CommandError

from assessments import scoring
from assessments.loader import InstrumentError, get_instrument


class Command(BaseCommand):
    help = "Score a CSV of item answers (respondent, 1, 2, …) and write respondent, anxiety, avoidance, corner."

    def add_arguments(self, parser):
        parser.add_argument("instrument", help="instrument slug, e.g. ecr-r or ecr-rs")
        parser.add_argument("file", help="CSV file, or '-' for standard input")
        parser.add_argument("--skip-invalid", action="store_true", help="report invalid rows but exit 0")

    def handle(self, *args, **options):
        try:
            spec = get_instrument(options["instrument"])
        except InstrumentError as error:
            raise CommandError(str(error)) from None
        path = options["file"]
        if path in ("-", "/dev/stdin"):
            return self._run(spec, sys.stdin, options)
        try:
            with open(path, newline="", encoding="utf-8-sig") as handle:
                return self._run(spec, handle, options)
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None

    def _run(self, spec, handle, options):
        reader = csv.reader(handle)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise CommandError("the file is empty (expected a header: respondent,1,2,…)") from None
        if not header or header[0].lstrip("\ufeff").lower() != "respondent":
            raise CommandError("the first column must be 'respondent'")
        expected = [str(n) for n in spec.item_numbers]
        columns = header[1:]
        unknown = [c for c in columns if c not in expected]
        missing = [c for c in expected if c not in columns]
        duplicate = sorted({c for c in columns if columns.count(c) > 1})
        if unknown or missing or duplicate:
            parts = []
            if unknown:
                parts.append("unknown item columns " + ", ".join(unknown))
            if missing:
                parts.append("missing item columns " + ", ".join(missing))
            if duplicate:
                parts.append("duplicate columns " + ", ".join(duplicate))
            raise CommandError(f"{spec.slug}: " + "; ".join(parts))

        out = csv.writer(self.stdout, lineterminator="\n")
        out.writerow(["respondent", "anxiety", "avoidance", "corner"])
        invalid = 0
        for row_number, row in enumerate(reader, start=1):
            if not any(cell.strip() for cell in row):
                continue  # blank lines at the end of a spreadsheet export are not respondents
            problems, answers = self._parse(row, header, spec)
            respondent = row[0].strip() if row else ""
            if not problems:
                try:
                    result = scoring.score(spec, answers)
                except scoring.AnswerError as error:
                    problems = error.problems
            if problems:
                invalid += 1
                where = f"row {row_number} (line {row_number + 1}, respondent {respondent!r})"
                self.stderr.write(f"{where}: " + "; ".join(problems))
                continue
            out.writerow(
                [
                    respondent,
                    scoring.rounded(result.exact["anxiety"], 2),
                    scoring.rounded(result.exact["avoidance"], 2),
                    result.corner,
                ]
            )
        if invalid and not options["skip_invalid"]:
            raise CommandError(f"{invalid} invalid row(s); use --skip-invalid to score the rest and exit 0")

    @staticmethod
    def _parse(row, header, spec):
        problems, answers = [], {}
        if len(row) != len(header):
            problems.append(f"{len(row)} fields, expected {len(header)}")
            return problems, answers
        for column, cell in zip(header[1:], row[1:], strict=True):
            value = cell.strip()
            if value == "":
                problems.append(f"item {column}: missing answer")
                continue
            try:
                answer = int(value)
            except ValueError:
                problems.append(f"item {column}: {value!r} is not a whole number")
                continue
            if not spec.scale_min <= answer <= spec.scale_max:
                problems.append(f"item {column}: {answer} is outside {spec.scale_min}-{spec.scale_max}")
                continue
            answers[int(column)] = answer
        return problems, answers
