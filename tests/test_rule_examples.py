"""Every rule's own examples (kept beside the rule, as LanguageTool does) are tests."""

from __future__ import annotations

import pytest

from mtclean import Cleaner
from mtclean.detectors import all_rules

_CLEANERS: dict[str, Cleaner] = {}


def _cleaner(rule) -> Cleaner:
    if rule.id not in _CLEANERS:
        _CLEANERS[rule.id] = Cleaner(enable=[rule.id], **dict(rule.options))
    return _CLEANERS[rule.id]


EXAMPLES = [(r, inp, out) for r in all_rules() for inp, out in r.examples]
COUNTER = [(r, inp) for r in all_rules() for inp in r.counter_examples]


def test_every_rule_has_examples():
    missing = [r.id for r in all_rules() if not r.examples]
    assert not missing, f"rules without examples: {missing}"


@pytest.mark.parametrize("rule,text,expected", EXAMPLES, ids=[f"{r.id}:{i}" for i, (r, _, _) in enumerate(EXAMPLES)])
def test_rule_example(rule, text, expected):
    result = _cleaner(rule).clean(text)
    if rule.action == "fix":
        assert result.text == expected
        assert any(f.rule == rule.id for f in result.fixes)
    else:
        flagged = [f.original for f in result.findings if f.rule == rule.id]
        assert expected in flagged, flagged
        assert result.text == text


@pytest.mark.parametrize("rule,text", COUNTER, ids=[f"{r.id}:{i}" for i, (r, _) in enumerate(COUNTER)])
def test_rule_counter_example(rule, text):
    result = _cleaner(rule).clean(text)
    assert result.text == text
    assert not [f for f in result.fixes if f.rule == rule.id]
    assert not [f for f in result.findings if f.rule == rule.id]


def test_rule_ids_unique_and_kinds_known():
    from mtclean import KINDS

    ids = [r.id for r in all_rules()]
    assert len(ids) == len(set(ids))
    assert all(r.kind in KINDS and r.action in ("fix", "flag") for r in all_rules())
