"""What the dashboard judges scores against: reliable-change figures and population norms.

Reliable change (SD and r per dimension) comes from the instrument data file
(assessments/instruments/<slug>.json, "reliable_change", with its source), or from the
practice's own override (assessments.models.ReliabilitySetting) when an admin has set one.

Population norms: the instrument files carry no norm table yet (see the reference data
README: "until a norm SD is confirmed from a cited sample … say so on the chart"). If an
instrument file gains a "norms" block ({"anxiety": {"mean": …, "sd": …}, …, "source": …}) it
is used. Otherwise the band comes from settings.DASHBOARD_NORMS, and failing that from
PROVISIONAL_NORMS below, and the chart labels it provisional either way.

What reaches the page is a short citation (author, year), never the data file's long
reasoning: the chart says in one sentence which figures are provisional and where they
come from.
"""

from __future__ import annotations

from django.conf import settings

from assessments.loader import Instrument
from assessments.models import ReliabilitySetting

from .charts import DimensionReference

# PROVISIONAL, UNVERIFIED. Community and student samples on the ECR/ECR-R 1–7 scales
# typically report mean anxiety around 3.5 and mean avoidance around 3.0, each with an SD
# near 1.1 (e.g. the samples summarised on Fraley's ECR-R information page,
# labs.psychology.illinois.edu/~rcfraley/measures/ecrr.htm; Sibley, Fischer & Liu, 2005,
# Pers Soc Psychol Bull 31, 1524–1536). These round figures are NOT one cited norm table:
# they only show where "typical" lies. Replace them with a confirmed sample via
# settings.DASHBOARD_NORMS or a "norms" block in the instrument file.
PROVISIONAL_NORMS: dict[str, dict] = {
    "ecr-r": {
        "anxiety": {"mean": 3.5, "sd": 1.1},
        "avoidance": {"mean": 3.0, "sd": 1.1},
        "source": "Sibley, Fischer & Liu, 2005",
    }
}


def norms_for(instrument: Instrument) -> tuple[dict | None, bool]:
    """(norm block, provisional?) for the instrument, from data file, settings or defaults."""
    block = instrument.raw.get("norms") if instrument.raw else None
    if block:
        return block, bool(block.get("provisional", True))
    configured = getattr(settings, "DASHBOARD_NORMS", {}).get(instrument.slug)
    if configured:
        return configured, bool(configured.get("provisional", True))
    return PROVISIONAL_NORMS.get(instrument.slug), True


def reliability_for(instrument: Instrument, override: ReliabilitySetting | None) -> dict[str, tuple[float, float]]:
    """{dimension: (sd, r)} with the practice override winning over the instrument default."""
    if override is not None:
        return {
            "anxiety": (float(override.anxiety_sd), float(override.anxiety_r)),
            "avoidance": (float(override.avoidance_sd), float(override.avoidance_r)),
        }
    return {dim: tuple(float(v) for v in instrument.default_reliability(dim)) for dim in ("anxiety", "avoidance")}


def reliability_source(instrument: Instrument, override: ReliabilitySetting | None) -> tuple[str, bool]:
    """(what to cite for SD and r, provisional?): the practice's own note, or a short citation."""
    if override is not None:
        return override.source, False
    provisional = instrument.reliable_change.get("status", "provisional") == "provisional"
    # The data file's short citation; its "source" explains the figures at length for maintainers.
    return instrument.reliable_change.get("citation_short", ""), provisional


def references_for(instrument: Instrument, override: ReliabilitySetting | None) -> dict[str, DimensionReference]:
    figures = reliability_for(instrument, override)
    norms, provisional = norms_for(instrument)
    source, provisional_figures = reliability_source(instrument, override)
    refs = {}
    for dim in ("anxiety", "avoidance"):
        sd, r = figures[dim]
        norm = (norms or {}).get(dim) or {}
        refs[dim] = DimensionReference(
            sd=sd,
            reliability=r,
            norm_mean=norm.get("mean"),
            norm_sd=norm.get("sd"),
            source=source,
            norm_source=str((norms or {}).get("source", "")),
            norm_provisional=provisional,
            provisional=provisional_figures,
        )
    return refs
