"""`Document`: the tokens, sentences and cheap signals every detector reads."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from mtclean.document import WORD_RE, Document, Token

ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=())
WORDS = st.lists(
    st.sampled_from(
        ["al-Sharaa", "Iran’s", "Sa'ar", "e\u0301", "北京", "Ben‐Gvir", " ", "  ", "\n", ",", "-", "’", "`x", "١٢"]
    ),
    max_size=20,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(ANY_CHAR, max_size=80), WORDS))
@example("")
@example("   ")
@example("word")
@example(" a b ")
def test_tokens_are_the_word_pattern_matches(text):
    """The tokens (built from a split of the text) are exactly the matches of `WORD_RE`."""
    doc = Document(text)
    assert doc.tokens == [Token(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]
    assert doc.token_texts == [t.text for t in doc.tokens]
    assert doc.token_starts == [t.start for t in doc.tokens]
