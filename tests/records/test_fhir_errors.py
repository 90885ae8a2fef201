"""FHIR export: an instrument without a data file is exported with bare items; any other
failure while reading instrument data is an error, not a quietly thinner export."""

import pytest

from assessments import loader
from records import fhir

ROWS = {
    "assessment_administrations": [{"id": 7, "instrument": "retired-scale", "submitted_at": "2026-01-02"}],
    "assessment_responses": [
        {"administration_id": 7, "item_number": 1, "answer": 3},
        {"administration_id": 7, "item_number": 2, "answer": 5},
    ],
}


def test_an_instrument_without_a_data_file_is_exported_with_bare_items():
    questionnaire, response = fhir.assessment_resources(ROWS, client_id=1)
    assert questionnaire["item"] == [{"linkId": "1", "type": "choice"}, {"linkId": "2", "type": "choice"}]
    assert [item["answer"][0]["valueCoding"]["code"] for item in response["item"]] == ["3", "5"]
    assert "text" not in response["item"][0]


def test_a_broken_instrument_loader_is_an_error_not_a_thinner_export(monkeypatch):
    def broken():
        raise TypeError("bug while reading instrument data")

    monkeypatch.setattr(loader, "_registry", broken)
    with pytest.raises(TypeError, match="bug while reading"):
        fhir.assessment_resources({**ROWS, "assessment_administrations": [{"id": 7, "instrument": "ecr-r"}]}, 1)
