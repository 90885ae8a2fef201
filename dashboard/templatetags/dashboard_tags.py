"""Small display helpers for the dashboard: reliable-change marks and flag labels."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from assessments import change as rc
from assessments.display import format_change, format_score
from dashboard import selectors

register = template.Library()


def change_text(label: str) -> str:
    return rc.words(label)


@register.simple_tag
def change_mark(change):
    """Difference with an arrow and the reliable-change label in words (never colour alone)."""
    if change is None:
        return format_html('<span class="text-muted">{}</span>', "—")
    return format_html(
        '<span class="{}"><span aria-hidden="true">{}</span> {} <small>({})</small></span>',
        rc.CSS[change.label],
        rc.ARROWS[change.label],
        format_change(change.difference),
        rc.words(change.label),
    )


@register.filter
def change_words(change) -> str:
    return change_text(change.label) if change else ""


@register.filter
def flag_label(flag: str) -> str:
    return {
        selectors.FLAG_ALERT: _("Open safety-net alert"),
        selectors.FLAG_DETERIORATION: _("Reliable deterioration"),
        # The numbers are the flags' own thresholds, so the words cannot drift from the rule.
        selectors.FLAG_OVERDUE: _("Questionnaire overdue > %(days)s days") % {"days": selectors.OVERDUE_FLAG_DAYS},
        selectors.FLAG_NO_DIARY: _("No shared diary entry for %(days)s days") % {"days": selectors.NO_DIARY_FLAG_DAYS},
        selectors.FLAG_LOW_SAFETY: _("Shared entry with felt safety 0–%(max)s") % {"max": selectors.LOW_SAFETY_MAX},
    }.get(flag, flag)


def flag_short(flag: str) -> str:
    """The flag in a word or two, for the caseload's badges (flag_label says it in full)."""
    return {
        selectors.FLAG_ALERT: pgettext("caseload flag", "Alert"),
        selectors.FLAG_DETERIORATION: pgettext("caseload flag", "Worse"),
        selectors.FLAG_OVERDUE: pgettext("caseload flag", "Overdue"),
        selectors.FLAG_NO_DIARY: pgettext("caseload flag", "No diary"),
        selectors.FLAG_LOW_SAFETY: pgettext("caseload flag", "Low safety"),
    }.get(flag, flag)


@register.filter
def score(value) -> str:
    return format_score(value)
