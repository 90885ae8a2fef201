"""One client's progress drawn: the charts of the progress page, the client's own page, the
report and the PDF, from `dashboard.selectors.progress` data.

The change words in the scores tables are `assessments.change`'s (a therapist's "reliably
improved", a client's "clearly better"), judged by its one rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from accounts.models import User
from assessments import change
from assessments.models import Score

from .. import charts
from ..charts import Chart
from ..selectors import Progress, Relationships, RelationshipSeries
from ..selectors.common import judge


@dataclass
class RelationshipChart:
    target: str
    label: str
    chart: Chart


@dataclass
class RelationshipCharts:
    instrument: object  # assessments.loader.Instrument (its citation is shown under the charts)
    plane: Chart
    series: list[RelationshipChart]


@dataclass
class ProgressCharts:
    scores: Chart
    plane: Chart
    diary: Chart
    goals: Chart
    gas: Chart
    relationships: RelationshipCharts | None = None


def change_labels(scores: list[Score], refs: dict, *, plain: bool = False) -> list[str]:
    """Per score (oldest first) its reliable change against the first, both dimensions in one
    text; the first has none. `plain`: in a client's words ("clearly better since the first
    time"), else in a therapist's ("reliably improved")."""
    words = change.lay_words if plain else change.words
    dims = charts.lay_dimension_labels() if plain else charts.dimension_labels()
    labels = [""] if scores else []
    for s in scores[1:]:
        parts = []
        for dim in change.DIMENSIONS:
            judged = judge(getattr(scores[0], dim), getattr(s, dim), (refs[dim].sd, refs[dim].reliability))
            parts.append(f"{dims[dim]}: {words(judged.label)}")
        labels.append("; ".join(parts))
    return labels


def _corner_names(instrument, language: str) -> dict[str, str]:
    return {c: instrument.corner_label(c, language) for c in charts.CORNERS}


def _series_chart(item: RelationshipSeries, refs: dict, plain: bool) -> Chart:
    return charts.with_phone(
        charts.score_timeline_chart,
        item.points,
        refs,
        slug=f"rs-{item.target or 'none'}",
        title=gettext("%(relationship)s: anxiety and avoidance over time") % {"relationship": item.label},
        change_labels=change_labels(item.scores, refs, plain=plain),
        plain=plain,
    )


def relationship_charts(rel: Relationships | None, language: str, *, plain: bool) -> RelationshipCharts | None:
    """Each relationship's timeline against its own baseline, and every relationship's latest
    point on one plane."""
    if rel is None:
        return None
    series = [
        RelationshipChart(s.target, s.label, _series_chart(s, rel.references[s.target], plain)) for s in rel.series
    ]
    plane = charts.relationship_plane_chart(
        [charts.TargetPoint(s.target, s.label, s.points[-1]) for s in rel.series],
        split=float(rel.instrument.split_point),
        labels=_corner_names(rel.instrument, language),
    )
    return RelationshipCharts(instrument=rel.instrument, plane=plane, series=series)


def progress_charts(viewer: User, progress: Progress) -> ProgressCharts:
    """The five charts (four with a phone drawing) and the relationships' charts. The client's
    own pages speak without statistics."""
    with charts.one_language():
        return _draw(viewer, progress)


def _draw(viewer: User, progress: Progress) -> ProgressCharts:
    plain = progress.client.user_id == viewer.pk
    language = getattr(viewer, "language", "en") or "en"
    instrument, window = progress.instrument, progress.weeks
    return ProgressCharts(
        scores=charts.with_phone(
            charts.score_timeline_chart,
            progress.points,
            progress.references,
            change_labels=change_labels(progress.scores, progress.references, plain=plain),
            plain=plain,
            sessions=progress.sessions,
            milestones=progress.milestones,
        ),
        plane=charts.attachment_plane_chart(
            progress.points, split=float(instrument.split_point), labels=_corner_names(instrument, language)
        ),
        diary=charts.with_phone(
            charts.diary_chart, window, progress.emotion_weeks, progress.safety_weeks, shared_only=not plain
        ),
        goals=charts.with_phone(charts.goal_attempts_chart, progress.goal_weeks, window),
        gas=charts.with_phone(charts.gas_chart, progress.gas_reviews),
        relationships=relationship_charts(progress.relationships, language, plain=plain),
    )
