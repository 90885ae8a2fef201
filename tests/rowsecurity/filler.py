"""One row in a registered table for a given practice, with every required field made up.

The isolation test needs rows of every practice in every row-secured table; tables other
engineers add later get theirs from here without a hand-written factory. Foreign keys point at
rows of the same practice (found through the registered paths, or made the same way).
"""

import datetime as dt
import itertools
from collections import defaultdict
from decimal import Decimal

from django.db import connection, models
from django.utils import timezone

from rowsecurity.policies import predicate
from rowsecurity.registry import PRACTICE_TABLES

_counter = itertools.count(1)


def _registered_path(model) -> str | None:
    for label, path in PRACTICE_TABLES.items():
        if label == model._meta.label:
            return path
    return None


def owned_pks(model, practice_id: int) -> list:
    """As the owner (no row security): primary keys of `model` rows belonging to the practice."""
    path = _registered_path(model)
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('app.practice_id', %s, true)", [str(practice_id)])
        cursor.execute(f'SELECT "{model._meta.pk.column}" FROM "{model._meta.db_table}" WHERE {predicate(model, path)}')
        return [row[0] for row in cursor.fetchall()]


def _target(field, practice, used: dict):
    """A related row of the practice; two keys to one table get distinct rows, in pk order
    (what a check such as partner_a < partner_b asks)."""
    target = field.related_model
    if target._meta.label == "accounts.Practice":
        return practice
    if target._meta.label == "accounts.User":
        return target.objects.filter(practice=practice).exclude(pk__in=used[target]).order_by("pk").first()
    if _registered_path(target):
        candidates = sorted(pk for pk in owned_pks(target, practice.pk) if pk not in used[target])
        if field.one_to_one:
            taken = set(field.model._default_manager.values_list(field.attname, flat=True))
            candidates = [pk for pk in candidates if pk not in taken]
        return target._default_manager.get(pk=candidates[0]) if candidates else make_row(target, practice)
    if field.one_to_one:
        return make_row(target, practice)
    return target._default_manager.order_by("pk").first() or make_row(target, practice)


def _value(field, practice, used: dict):
    n = next(_counter)
    if field.is_relation:
        row = _target(field, practice, used)
        used[field.related_model].add(row.pk)
        return row
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.EmailField):
        return f"filler{n}@example.org"
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return timezone.localdate()
    if isinstance(field, models.TimeField):
        return dt.time(9, 0)
    if isinstance(field, models.DurationField):
        return dt.timedelta(minutes=1)
    if isinstance(field, models.DecimalField):
        return Decimal("1")
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.IntegerField | models.FloatField):
        return 1
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.UUIDField):
        import uuid

        return uuid.uuid4()
    if isinstance(field, models.CharField | models.TextField):
        return f"f{n}"[: field.max_length or 40]
    if isinstance(field, models.BinaryField):
        return b"x"
    raise TypeError(f"no made-up value for {field!r}")


def make_row(model, practice):
    values, used = {}, defaultdict(set)
    path_start = (_registered_path(model) or "").split("__")[0]
    for field in model._meta.concrete_fields:
        if field.primary_key or (field.null and not field.is_relation) or field.has_default():
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        if field.is_relation and field.null and field.name != path_start:
            continue
        values[field.name] = _value(field, practice, used)
    return model._default_manager.create(**values)
