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

from assessments.change import DIMENSIONS, ReliabilityFigures
from assessments.loader import Instrument
from assessments.models import ReliabilitySetting
from assessments.selectors import reliability_for as assessments_reliability_for

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


def reliability_for(
    instrument: Instrument, override: ReliabilitySetting | None, target: str = ""
) -> dict[str, ReliabilityFigures]:
    """Transitional name for `assessments.selectors.reliability_for` with the override in hand
    (the caseload reads it in its one query); the same figures and the same return type."""
    return assessments_reliability_for(None, instrument.slug, settings={instrument.slug: override}, target=target)


def references_for(
    instrument: Instrument, override: ReliabilitySetting | None, target: str = ""
) -> dict[str, DimensionReference]:
    figures = reliability_for(instrument, override, target)
    norms, provisional = norms_for(instrument)
    refs = {}
    for dim in DIMENSIONS:
        f = figures[dim]
        norm = (norms or {}).get(dim) or {}
        refs[dim] = DimensionReference(
            sd=float(f.sd),
            reliability=float(f.r),
            norm_mean=norm.get("mean"),
            norm_sd=norm.get("sd"),
            source=f.source,
            norm_source=str((norms or {}).get("source", "")),
            norm_provisional=provisional,
            provisional=f.provisional,
        )
    return refs
