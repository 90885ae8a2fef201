"""Every app's export.py keeps one contract, so records can call them all the same way."""

import inspect
import typing

import pytest

from records.discovery import export_modules
from tests.factories import make_client, make_practice, make_user


def test_every_export_module_has_export_rows_and_erase_with_one_signature():
    modules = export_modules()
    assert {m.__name__ for m in modules} >= {
        "assessments.export",
        "diary.export",
        "goals.export",
        "reminders.export",
        "safety.export",
    }
    for module in modules:
        erase = module.erase
        assert list(inspect.signature(erase).parameters) == ["client", "keep"], module.__name__
        assert typing.get_type_hints(erase)["return"] == dict[str, int], module.__name__
        assert typing.get_type_hints(module.export_rows)["return"] == dict[str, list[dict]], module.__name__


@pytest.mark.django_db
def test_every_erase_returns_counts_by_kind():
    from accounts.models import Role

    practice = make_practice()
    client = make_client(practice, make_user(practice, Role.THERAPIST))
    for module in export_modules():
        counts = module.erase(client, keep=())
        assert isinstance(counts, dict) and all(isinstance(n, int) for n in counts.values()), module.__name__
