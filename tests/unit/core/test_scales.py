"""Scales are data: the bundled TOML and a desk's own file."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.scales import MEANINGS, default_scales, load_scales


def test_default_support_scale() -> None:
    scales = default_scales()
    assert scales.verdict.keys == (
        "supported",
        "mostly-supported",
        "mixed",
        "unsupported",
        "contradicted",
        "not-checkable",
    )
    assert [lv.ordinal for lv in scales.verdict.levels] == [5, 4, 3, 2, 1, None]
    assert all(lv.meaning in MEANINGS for lv in scales.verdict.levels)
    assert scales.certainty.keys == ("high", "moderate", "low", "very-low")
    assert scales.evidence_type_keys[0] == "systematic-review"
    assert scales.verdict.by_number(1).key == "supported"  # type: ignore[union-attr]
    assert scales.verdict.by_number(0).key == "not-checkable"  # type: ignore[union-attr]
    assert (scales.verdict.best, scales.verdict.worst) == (5, 1)


def test_a_desk_scale_replaces_the_verdicts_only(tmp_path: Path) -> None:
    path = tmp_path / "meter.toml"
    path.write_text(
        '[verdict]\nname = "meter"\n'
        '[[verdict.levels]]\nkey = "true"\nlabel = "True"\nordinal = 6\nmeaning = "true"\n'
        '[[verdict.levels]]\nkey = "pants-on-fire"\nlabel = "Pants on Fire"\nordinal = 1\n'
        'meaning = "false"\n',
        encoding="utf-8",
    )
    scales = load_scales(path)
    assert scales.verdict.keys == ("true", "pants-on-fire")
    assert scales.certainty.keys == default_scales().certainty.keys
    with pytest.raises(InputError, match="use one of true, pants-on-fire"):
        scales.verdict.validate("supported")


def test_bad_scale_files_are_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_scales(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text('[verdict]\n[[verdict.levels]]\nkey = "x"\nmeaning = "sorta"\n')
    with pytest.raises(InputError, match="meaning 'sorta'"):
        load_scales(bad)


def test_short_forms_of_verdicts_fit_a_narrow_column_and_stay_distinct(tmp_path: Path) -> None:
    default = default_scales().verdict.short_forms()
    assert default["mostly-supported"] == "mostly" and default["mixed"] == "mixed"
    path = tmp_path / "meter.toml"
    levels = ["true", "mostly-true", "half-true", "mostly-false", "false", "pants-on-fire"]
    path.write_text(
        '[verdict]\nname = "meter"\n'
        + "".join(
            f'[[verdict.levels]]\nkey = "{k}"\nordinal = {6 - i}\n' for i, k in enumerate(levels)
        )
        + '[[verdict.levels]]\nkey = "full-flop"\nshort = "flop"\n',
        encoding="utf-8",
    )
    meter = load_scales(path).verdict.short_forms()
    # Made from the words when not given; the desk's own short form when given.
    assert meter["mostly-true"] == "m-true" and meter["pants-on-fire"] == "p-o-fire"
    assert meter["full-flop"] == "flop"
    for short_forms in (default, meter):
        assert all(len(v) <= 8 for v in short_forms.values())
        assert len(set(short_forms.values())) == len(short_forms)
