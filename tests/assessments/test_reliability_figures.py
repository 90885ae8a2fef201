"""Reliability figures with their sources: the ECR-RS test-retest r per relationship (Fraley's
ECR-RS page: about .65 romantic, .80 parental, over 30 days), and the error correlation used
for change judged on the plane."""

import copy
import json
from decimal import Decimal

import pytest

from assessments import change
from assessments.loader import INSTRUMENT_DIR, InstrumentError, get_instrument, parse_instrument


@pytest.mark.parametrize(("target", "r"), [("partner", "0.65"), ("mother", "0.8"), ("father", "0.8")])
def test_ecr_rs_relationships_use_the_published_30_day_test_retest_r(target, r):
    figures = change.figures_for(get_instrument("ecr-rs"), None, target)
    assert figures["anxiety"].r == Decimal(r) and figures["avoidance"].r == Decimal(r)
    assert "Fraley's ECR-RS page" in figures["anxiety"].source
    assert "30-day test-retest" in figures["anxiety"].source


def test_best_friend_has_no_published_r_and_says_so():
    figures = change.figures_for(get_instrument("ecr-rs"), None, "friend")
    assert figures["anxiety"].r == Decimal("0.65")
    assert figures["anxiety"].provisional
    assert "provisional" in figures["anxiety"].source and "none published for friends" in figures["anxiety"].source


def test_the_data_file_quotes_the_page_and_does_not_claim_21000_as_the_retest_n():
    reasons = get_instrument("ecr-rs").reliable_change["by_target_source"]
    assert "approximately .65 for the domain of romantic relationships" in reasons
    assert ".80 in the parental domain" in reasons
    assert "gives no sample size for the retest" in reasons


def test_a_practice_override_still_wins_over_the_relationship_figures():
    class Override:
        anxiety_sd = avoidance_sd = Decimal("1.000")
        anxiety_r = avoidance_r = Decimal("0.900")
        source = "Our own sample, 2026"

    figures = change.figures_for(get_instrument("ecr-rs"), Override(), "partner")
    assert figures["anxiety"].r == Decimal("0.900") and figures["anxiety"].source == "Our own sample, 2026"


def test_the_error_correlation_is_zero_and_labelled_provisional_with_its_source():
    for slug in ("ecr-r", "ecr-rs"):
        rho, citation, provisional = get_instrument(slug).error_correlation
        assert rho == 0.0 and provisional
        assert "Lord & Novick, 1968" in citation and "Provisional" in citation


def test_a_relationship_figure_without_citation_is_refused():
    data = json.loads((INSTRUMENT_DIR / "ecr-rs.json").read_text())
    broken = copy.deepcopy(data)
    broken["reliable_change"]["by_target"]["partner"]["citation_short"] = ""
    with pytest.raises(InstrumentError, match="by_target.partner"):
        parse_instrument(broken, "ecr-rs.json")
    broken = copy.deepcopy(data)
    broken["reliable_change"]["error_correlation"]["rho"] = 1.0
    with pytest.raises(InstrumentError, match="error_correlation"):
        parse_instrument(broken, "ecr-rs.json")
