"""Finding each app's `export.py` without importing the apps by name.

A domain app that holds client data provides `<app>/export.py` with

    def export_rows(client, viewer) -> dict[str, list[dict]]   # kind -> rows, only what viewer may see
    def erase(client, keep: tuple[str, ...] = ()) -> dict[str, int]  # kind -> rows deleted

`keep` is settings.ERASURE_KEEP: the kinds the practice must retain by law, which an app
leaves in place if it holds them.
"""

from functools import cache
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.utils.module_loading import module_has_submodule

# This app's own code lives elsewhere (exporting.py) so it is never discovered as a provider.
_SKIP = {"records"}


@cache
def export_modules() -> tuple[ModuleType, ...]:
    found = []
    for config in apps.get_app_configs():
        if config.label in _SKIP or not module_has_submodule(config.module, "export"):
            continue
        found.append(import_module(f"{config.name}.export"))
    return tuple(found)
