"""The loader refuses broken instrument files with a message naming the file and the fault."""

import copy
import json

import pytest

from assessments.loader import INSTRUMENT_DIR, InstrumentError, load_directory, load_instrument

GOOD = json.loads((INSTRUMENT_DIR / "ecr-r.json").read_text(encoding="utf-8"))


def write(tmp_path, data, name="ecr-r.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def broken(mutate):
    data = copy.deepcopy(GOOD)
    mutate(data)
    return data


def test_shipped_files_load_with_version_citation_and_both_languages():
    instruments = load_directory()
    assert set(instruments) == {"ecr-r", "ecr-rs"}
    for spec in instruments.values():
        assert spec.version and "Fraley" in spec.citation
        assert all(item.texts["en"] and item.texts["nl"] for item in spec.items)
        assert spec.translation_nl["status"] == "project translation, not validated"
        assert spec.points == [1, 2, 3, 4, 5, 6, 7]
        assert all(spec.scale_labels[p]["nl"] for p in spec.points)
        assert spec.reliable_change["status"] == "provisional" and spec.reliable_change["source"]
        assert spec.reliable_change["citation_short"]
    assert instruments["ecr-r"].version_label == "ecr-r@1.0.0"
    assert [t.slug for t in instruments["ecr-rs"].targets] == ["partner", "mother", "father", "friend"]


def test_a_good_copy_loads(tmp_path):
    assert load_instrument(write(tmp_path, GOOD)).slug == "ecr-r"


def _drop_last_item(d):
    d["items"].pop()
    d["reverse_keyed"].remove(36)


def _swap_subscale(d):
    d["items"][0]["subscale"] = "avoidance"


def _duplicate_number(d):
    d["items"][1]["number"] = 1


def _gap_in_numbers(d):
    d["items"][-1]["number"] = 40
    d["reverse_keyed"][-1] = 40


def _missing_reverse_key(d):
    del d["items"][8]["reversed"]


def _reverse_list_disagrees(d):
    d["reverse_keyed"].remove(9)


def _missing_dutch_item(d):
    d["items"][4]["text_nl"] = ""


def _missing_scale_label(d):
    del d["scale"]["labels"]["5"]


def _missing_dutch_scale_label(d):
    del d["scale"]["labels"]["2"]["nl"]


def _split_outside_scale(d):
    d["corners"]["split_point"] = 9


def _missing_split(d):
    del d["corners"]["split_point"]


def _bad_reliability(d):
    d["reliable_change"]["anxiety"]["r"] = 1.2


def _no_rc_source(d):
    d["reliable_change"]["source"] = ""


def _no_translation_status(d):
    d["translation_nl"] = {}


def _no_version(d):
    del d["version"]


def _unknown_subscale(d):
    d["items"][3]["subscale"] = "worry"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (_drop_last_item, "35 items, but the dimension sizes add up to 36"),
        (_swap_subscale, "dimension 'anxiety' has 17 items, expected 18"),
        (_duplicate_number, "duplicate item numbers [1]"),
        (_gap_in_numbers, "item numbers must be 1..36"),
        (_missing_reverse_key, "item 9 has no reverse key"),
        (_reverse_list_disagrees, "does not match the items flagged reversed"),
        (_missing_dutch_item, "item 5 has no text in nl"),
        (_missing_scale_label, "no response label for point 5"),
        (_missing_dutch_scale_label, "scale label 2 has no text in nl"),
        (_split_outside_scale, "split_point must be a number inside the scale"),
        (_missing_split, "split_point must be a number inside the scale"),
        (_bad_reliability, "reliable_change.anxiety.r must be in [0, 1)"),
        (_no_rc_source, "reliable_change.source"),
        (_no_translation_status, "translation_nl.status"),
        (_no_version, "missing 'version'"),
        (_unknown_subscale, "item 4 has unknown subscale 'worry'"),
    ],
)
def test_loader_rejects_broken_file(tmp_path, mutate, message):
    path = write(tmp_path, broken(mutate))
    with pytest.raises(InstrumentError) as error:
        load_instrument(path)
    assert str(error.value).startswith("ecr-r.json: ")
    assert message in str(error.value)


def test_loader_rejects_invalid_json_and_a_slug_that_does_not_match_the_file(tmp_path):
    with pytest.raises(InstrumentError, match="not valid JSON"):
        load_instrument(write(tmp_path, "{not json"))
    with pytest.raises(InstrumentError, match="must match the file name"):
        load_instrument(write(tmp_path, GOOD, name="other.json"))


def test_per_target_instrument_needs_targets(tmp_path):
    data = json.loads((INSTRUMENT_DIR / "ecr-rs.json").read_text(encoding="utf-8"))
    data["targets"] = []
    with pytest.raises(InstrumentError, match="need a non-empty 'targets' list"):
        load_instrument(write(tmp_path, data, name="ecr-rs.json"))


def test_a_new_instrument_is_just_a_file(tmp_path):
    data = broken(lambda d: d.update(slug="ecr-r-short", version="0.1"))
    write(tmp_path, GOOD)
    write(tmp_path, data, name="ecr-r-short.json")
    found = load_directory(tmp_path)
    assert set(found) == {"ecr-r", "ecr-r-short"}
    assert found["ecr-r-short"].version_label == "ecr-r-short@0.1"


def test_an_empty_directory_is_an_error(tmp_path):
    with pytest.raises(InstrumentError, match="no instrument files"):
        load_directory(tmp_path)


def test_a_file_without_a_short_citation_for_its_figures_is_refused(tmp_path):
    data = broken(lambda d: d["reliable_change"].pop("citation_short"))
    with pytest.raises(InstrumentError, match="citation_short"):
        load_instrument(write(tmp_path, data))
