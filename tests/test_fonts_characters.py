"""The characters of the pages, read fast as each page is written: the same as page_characters."""

import random

import pytest

from plugins.publishing.characters import Shown, page_characters

# Pieces of pages: ordinary markup and text, and every way a character may be shown or hidden
# (entities, shown and other attributes in any case and spacing, scripts, styles, comments).
PIECES = [
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">',
    "<title>Annuaire des établissements</title>",
    '<link rel="stylesheet" href="/theme/css/site.css">',
    '<p class="cs-card__name">Menuiserie du Vallon</p>',
    "<p>Prix&#160;: 12&#8239;€ l’unité&nbsp;!</p>",
    "<p>Berre-l&#39;Étang &amp; Fos</p>",
    '<option value="Berre-l&#39;Étang">Berre-l’Étang</option>',
    '<img alt="Œuvre {collective}" src="a.png">',
    "<IMG ALT='Ÿ majuscule' SRC=b.png>",
    '<input placeholder = "Zoé…" name="q">',
    '<span aria-label="Ω non affiché">x</span>',
    '<a href="#main" title="Aller au contenu">Aller</a>',
    '<abbr TiTlE="Établissement et service d&#39;aide par le travail">ESAT</abbr>',
    '<div data-x="title=&quot;ß&quot;">y</div>',
    '<script type="application/ld+json">{"name": "Ǆ", "value": "ŀ"}</script>',
    "<script>const label = 'ĳ';</script>",
    '<SCRIPT src="x.js"></SCRIPT>',
    "<style>.a::before { content: 'Ħ'; }</style>",
    "<!-- Ŧ commentaire -->",
    "<p>1 < 2 et 3 > 2</p>",
    "<p>&eacute;t&eacute; &notit; &#x152; &#128; &bogus; &</p>",
    "<p>&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaQ;</p>",
    "<p>&amp <b>x</b>; &lt</p>",
    "<label for=\"q\">Rechercher\u00a0:</label><input value='L\u2019Isle'>",
    '<p title\n=\n"tabulé\tŁ">z</p>',
    '<p xtitle="Ɓ">w</p>',
    "<p>Saint-Rémy-de-Provence, Aix-en-Provence</p>",
    "<p>ſ long, K kelvin</p>",
    "<ſcript>ȸ</ſcript>",
    "<p>text <!-- unterminated Ɋ",
    "<p>tag <unterminated Ʉ",
    "</body></html>",
]


def union(documents) -> set[str]:
    found = set()
    for document in documents:
        found |= page_characters(document)
    return found


@pytest.mark.parametrize("seed", range(40))
def test_shown_is_the_union_of_page_characters(seed):
    """Pages made of random pieces, read in turn: after each, the same set as page_characters."""
    pieces = random.Random(seed)
    documents = ["\n".join(pieces.choices(PIECES, k=pieces.randint(1, 12))) for _ in range(30)]
    shown = Shown()
    for n, document in enumerate(documents, 1):
        shown.read(document)
        assert shown.found == union(documents[:n])


def test_a_character_only_in_markup_is_not_shown():
    """Markup, scripts, styles, comments and attributes a browser does not draw stay out."""
    shown = Shown()
    shown.read("<p>abc</p>")
    shown.read('<p class="Ω" aria-label="Ψ">abc</p><script>"Φ"</script><!-- Χ -->')
    assert shown.found == set("abc ")
    shown.read('<p title="Ψ">abc</p>')
    assert "Ψ" in shown.found


def test_characters_found_elsewhere_are_merged():
    """What a forked process gathered joins what this one read."""
    here, there = Shown(), Shown()
    here.read("<p>ab</p>")
    there.read("<p>cé</p>")
    here.merge(there.gathered())
    assert here.found == set("abcé ")
    here.read("<p>dé</p>")
    assert here.found == set("abcdé ")
