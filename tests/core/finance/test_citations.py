"""The tax parameters' citations and details read in French in a French plan."""

from __future__ import annotations

import re

from genesis.core.finance.citations import note_in
from genesis.core.finance.parameters import country_codes, tax_rates

# Names of sources and laws stay as published: only these are allowed in English.
_PROPER_NAMES = re.compile(
    r"PwC Worldwide Tax Summaries|Profmark Africa Overview|Nexia SAB&T Africa Overview"
    r"|General Authority for Investment and Free Zones|About Egypt"
    r"|Unemployment Insurance Contributions Act \d+ of"
)
_ENGLISH = re.compile(r"\b(the|and|rate|of|with|last|reviewed|also|standard|no|tax|to)\b")


def test_every_note_of_every_country_is_french() -> None:
    for code in country_codes():
        _, notes = tax_rates(code)
        for note in notes:
            french = _PROPER_NAMES.sub("", note_in(note.note or "", "fr"))
            assert not _ENGLISH.search(french), (code, french)


def test_a_pwc_citation_in_french() -> None:
    note = (
        "PwC Worldwide Tax Summaries, Senegal, Corporate - Taxes on corporate income "
        "(last reviewed 10 July 2020), 2020 (standard rate)"
    )
    assert note_in(note, "fr") == (
        "PwC Worldwide Tax Summaries, Sénégal, sociétés, impôt sur les bénéfices "
        "(mis à jour le 10 juillet 2020), 2020 (taux normal)"
    )
    assert note_in(note, "en") == note
