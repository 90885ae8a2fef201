"""Every table whose rows lead to a practice is row-secured, or exempted with a reason."""

from collections import deque

from django.apps import apps

from rowsecurity import registry
from rowsecurity.policies import model_for, predicate

PRACTICE = "accounts.Practice"


def _label(model) -> str:
    return model._meta.label


def _leads_to_practice(model) -> bool:
    """True when some chain of foreign keys from `model` ends at the practice table."""
    seen, queue = {_label(model)}, deque([model])
    while queue:
        current = queue.popleft()
        for field in current._meta.concrete_fields:
            if not (field.many_to_one or field.one_to_one):
                continue
            target = field.related_model
            if _label(target) == PRACTICE:
                return True
            if _label(target) not in seen:
                seen.add(_label(target))
                queue.append(target)
    return False


def _tables_with_practice_data() -> set[str]:
    found = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label == PRACTICE:
            continue
        if _leads_to_practice(model):
            found.add(meta.label)
    return found


def test_every_table_with_practice_data_is_registered():
    missing = sorted(_tables_with_practice_data() - set(registry.PRACTICE_TABLES) - set(registry.EXEMPT))
    assert not missing, (
        "tables whose rows lead to a practice but have no row-level security: register each in "
        f"rowsecurity/registry.py PRACTICE_TABLES (with its path to the practice) or EXEMPT (with why): {missing}"
    )


def test_every_registered_path_ends_at_the_practice():
    for label, path in registry.PRACTICE_TABLES.items():
        assert "current_setting('app.practice_id', true)" in predicate(model_for(label), path), label


def test_registered_and_exempt_tables_exist_and_do_not_overlap():
    for label in [*registry.PRACTICE_TABLES, *registry.EXEMPT]:
        model_for(label)
    assert not set(registry.PRACTICE_TABLES) & set(registry.EXEMPT)
    assert all(reason.strip() for reason in registry.EXEMPT.values())
