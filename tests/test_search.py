"""Search, Python side: analysis, export format, synonyms, the reference searcher, the CLI.

The browser side is in test_search_ui.py; browser ↔ Python ↔ whoosh rankings in
test_search_parity.py. Expected results are derived from the data, never typed in.
"""

import gzip
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from plugins.coopsoc.vocabulary import analysis
from plugins.coopsoc.vocabulary.requestwords import RequestWordsError, load_request_words
from plugins.coopsoc.vocabulary.synonyms import SynonymsError, check_against, load_synonyms
from plugins.search import codec, export
from plugins.search.reference import distance, find_index
from plugins.search.settings import DEFAULTS, SearchSettingsError, search_settings
from tests.harness.build import ROOT
from tests.harness.html import read_page
from tests.search_support import (
    buyer_sentences,
    establishments_with_trade,
    refs,
    shown_order,
    success_at_3,
)

# ---------- analysis ----------


def test_analysis_folds_accents_and_drops_french_stop_words():
    """Accents and case fold; « les » (missing from whoosh's list) and folded « été » go."""
    assert analysis.words("Les ÉLAGAGES de l’été, Ça marche !") == ["elagages", "ca", "marche"]
    assert analysis.fold("Œuvre Ärger Çà") == "œuvre arger ca"


def test_surface_table_reproduces_whoosh_analysis(search_build):
    """Every indexed text analysed by whoosh = its browser words mapped through the table."""
    generator, _ = search_build
    table = generator.index.surfaces
    analyzer = analysis.analyzer()
    for doc in generator.docs:
        for text in doc.fields.values():
            stems = [token.text for token in analyzer(text)]
            assert stems == [table[word] for word in analysis.words(text)], doc.ref


def test_cached_analysis_is_whoosh_analysis(search_build):
    """index_terms and surface_words, cached per token, give whoosh's chains' tokens."""
    generator, _ = search_build
    texts = [text for doc in generator.docs for text in doc.fields.values()] + [
        "L'ÉLAGAGE des Espaces-Verts : « mise sous pli », 2 400 m², ISO 9001, Œuvre, ÇA",
        "a.b.c 1.5 x_y İstanbul ǅ straße ﬁn n°4 l’été LES Les les é É",
    ]
    stems, words = analysis.analyzer(), analysis.surface_analyzer()
    for text in texts:
        assert analysis.index_terms(text) == [token.text for token in stems(text)], text
        assert analysis.surface_words(text) == [token.text for token in words(text)], text


def test_exported_tables_analyse_as_whoosh(search_build):
    """The browser's tables (folding, stop list, tokenizer) give whoosh's words."""
    generator, python = search_build
    samples = [doc.fields["corps"] for doc in generator.docs[:40]] + [
        "L'ÉLAGAGE des Espaces-Verts : « mise sous pli », 2 400 m², ISO 9001, Œuvre, ÇA",
        "Déchets d’équipements électriques (DEEE) à Saint-Rémy-de-Provence",
    ]
    for text in samples:
        assert python.analyse(text) == analysis.words(text)
    assert python.vocabulary == generator.index.surfaces


# ---------- export format ----------


def test_weight_codes_are_monotonic_and_precise():
    """12-bit weights: increasing, within 0.2 % of the score (1/2048 below 0.5)."""
    values = [codec.weight_value(code) for code in range(codec.WEIGHT_MAX_CODE + 1)]
    assert values == sorted(set(values))
    for score in (0.07, 0.5, 0.97, 1.3, 7.77, 42.0, 611.0):
        decoded = codec.weight_value(codec.weight_code(score)) / codec.WEIGHT_UNIT
        assert abs(decoded - score) <= 0.002 * score + 1 / 2048


def test_postings_round_trip(search_build):
    """Every exported posting list decodes to the same documents, weights within 0.2 %."""
    generator, python = search_build
    for stem, postings in generator.index.postings.items():
        decoded = python.postings(stem)
        assert sorted(decoded) == [doc for doc, _ in postings]
        for doc, score in postings:
            assert abs(decoded[doc] / codec.WEIGHT_UNIT - score) <= 0.002 * score + 1 / 2048


def test_every_stem_is_in_the_one_shard_the_browser_looks_in(search_build):
    """Shards: each stem once, found by the longest shard key it starts with, small enough."""
    generator, python = search_build
    folder = python.folder
    seen = {}
    for path in sorted((folder / "s").glob("*.js")):
        method, (key, content) = export_call(path)
        assert method == "shard"
        assert path.name == export.shard_file_name(key)
        size = path.stat().st_size
        if size > DEFAULTS["SEARCH_SHARD_MAX_BYTES"] + 64:
            # Only a shard that cannot be split further may be larger.
            assert all(len(stem) <= len(key) for stem in content) or len(content) == 1
        for stem in content:
            assert stem not in seen
            seen[stem] = key
    assert set(seen) == set(generator.index.postings)
    for stem, key in seen.items():
        assert python._shard_key(stem) == key


def export_call(path):
    from plugins.search.reference import read_call

    return read_call(path)


def test_index_is_compact(search_build):
    """A visitor's first query stays small: the vocabulary file and any shard are light."""
    _, python = search_build
    folder = python.folder
    meta = gzip.compress((folder / "meta.js").read_bytes())
    shards = [gzip.compress(p.read_bytes()) for p in (folder / "s").glob("*.js")]
    assert len(meta) < 16_000
    assert max(len(s) for s in shards) < 4_000


def test_index_is_built_in_memory_and_identical_twice(search_build, site):
    """whoosh works in RAM (nothing in output/ or the sources), and two builds match."""
    from whoosh.filedb.filestore import RamStorage

    generator, python = search_build
    assert isinstance(generator.whoosh_index.storage, RamStorage)
    # Scratch files go to a folder of each writer's own, never the shared <tmp>/MAIN.tmp.
    storage = generator.whoosh_index.storage
    first, second = storage.temp_storage("MAIN.tmp"), storage.temp_storage("MAIN.tmp")
    assert first.folder != second.folder and "MAIN.tmp" not in first.folder
    first.destroy()
    second.destroy()
    for folder in (site, ROOT / "data", ROOT / "content", ROOT / "plugins"):
        assert not [p for p in folder.rglob("*") if p.suffix in (".seg", ".toc")]
    again = find_index(site)
    assert again.name == python.folder.name
    # The index files themselves (a host plugin may add compressed copies beside them).
    first = {p.relative_to(again): p.read_bytes() for p in again.rglob("*.js")}
    second = {p.relative_to(python.folder): p.read_bytes() for p in python.folder.rglob("*.js")}
    assert first and first == second


def test_index_holds_no_code():
    """Index files are data given to a global function: nothing else (strict CSP)."""
    site = find_index(_site())
    for path in site.rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("CoopsocSearch.") and text.endswith(");\n")
        export_call(path)  # valid JSON arguments


def _site():
    from tests.harness.build import built_site

    return built_site()


# ---------- settings ----------


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"SEARCH_SHARD_PREFIX_LENGTH": 0}, "SEARCH_SHARD_PREFIX_LENGTH doit être un nombre"),
        ({"SEARCH_FIELD_BOOSTS": {"nom": 2}}, "SEARCH_FIELD_BOOSTS doit donner un poids"),
        ({"SEARCH_PAGE_PATH": "recherche"}, "doit finir par « / »"),
    ],
)
def test_bad_settings_are_explained(override, message):
    with pytest.raises(SearchSettingsError, match=message):
        search_settings({"DIRECTORY_PATH": "data", **override})


# ---------- synonyms ----------

# Each row: the file's text, the line and the French message fragment reported.
SYNONYM_CASES = [
    ("mots:\n  - linge\n", 1, "le fichier doit être une liste d'entrées"),
    ("- mots:\n    - pressing\n", 1, "champ obligatoire « chercher » manquant"),
    (
        "- mots:\n    - pressing\n  cherche:\n    - blanchisserie\n",
        3,
        "champ inconnu « cherche » — vouliez-vous dire « chercher » ?",
    ),
    ("- mots: pressing\n  chercher:\n    - blanchisserie\n", 1, "attendu : une liste"),
    (
        "- mots:\n    - le\n  chercher:\n    - blanchisserie\n",
        2,
        "ne contient que des mots ignorés",
    ),
    ("- mots:\n    - linge\n  chercher:\n    - de la\n", 4, "ne contient que des mots ignorés"),
    (
        "- mots:\n    - linge\n  chercher:\n    - blanchisserie\n"
        "- mots:\n    - Linge\n  chercher:\n    - repassage\n",
        6,
        "« Linge » figure déjà à la ligne 2",
    ),
    (
        "- mots:\n    - linge\n    - LINGE\n  chercher:\n    - blanchisserie\n",
        3,
        "figure deux fois dans la liste",
    ),
    ("- mots:\n    - ''\n  chercher:\n    - blanchisserie\n", 2, "texte vide"),
    ("- mots: [pressing\n  chercher: []\n", None, ""),
]


@pytest.mark.parametrize(("text", "line", "message"), SYNONYM_CASES)
def test_bad_synonyms_are_reported_with_file_and_line(tmp_path, text, line, message):
    path = tmp_path / "data" / "synonyms.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SynonymsError) as caught:
        load_synonyms(path)
    problems = caught.value.problems
    assert problems, "au moins un problème attendu"
    first = problems[0]
    assert str(first).startswith("data/synonyms.yaml, ligne ")
    if line is not None:
        assert first.line == line
    assert message in first.message
    assert "dans le fichier des synonymes de la recherche" in str(caught.value)


def test_synonym_phrases_must_exist_on_the_site(tmp_path):
    """A phrase to search that no page contains is an error naming its line."""
    path = tmp_path / "data" / "synonyms.yaml"
    path.parent.mkdir()
    path.write_text(
        "- mots:\n    - pressing\n  chercher:\n    - blanchiserie\n    - linge\n",
        encoding="utf-8",
    )
    synonyms = load_synonyms(path)
    with pytest.raises(SynonymsError) as caught:
        check_against(synonyms, {"ling": [], "blanchisser": []}, path)
    (problem,) = caught.value.problems
    assert problem.line == 4
    assert "« blanchiserie » n'apparaît dans aucune page du site" in problem.message


# Each row: the text of data/recherche.yaml, the line and the French message fragment.
REQUEST_WORD_CASES = [
    ("- devis\n", 1, "le fichier doit commencer par « mots_ignores: »"),
    ("mots_ignorés:\n  - devis\n", 1, "champ inconnu « mots_ignorés »"),
    ("mots_ignores: devis\n", 1, "attendu une liste de mots"),
    ("mots_ignores:\n  - devis\n  - Devis\n", 3, "« Devis » figure déjà à la ligne 2"),
    ("mots_ignores:\n  - pour\n", 2, "est déjà ignoré partout"),
    ("communes:\n  Aix:\n    - aix\n", 2, "« Aix » n'est pas une commune de data/communes.csv"),
    ("communes:\n  Arles:\n    - 3100\n", 3, "un code postal des Bouches-du-Rhône a 5 chiffres"),
    ("communes:\n  Arles:\n    - aubagne\n", 3, "« aubagne » figure déjà pour Aubagne"),
]


@pytest.mark.parametrize(("text", "line", "message"), REQUEST_WORD_CASES)
def test_bad_request_words_are_reported_with_file_and_line(
    tmp_path, directory, text, line, message
):
    path = tmp_path / "data" / "recherche.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RequestWordsError) as caught:
        load_request_words(path, directory.communes)
    first = caught.value.problems[0]
    assert str(first).startswith(f"data/recherche.yaml, ligne {line}")
    assert message in first.message
    assert "dans le fichier des réglages de la recherche" in str(caught.value)


def test_real_request_words_load(directory):
    """data/recherche.yaml: the issue's filler words, and forms naming existing communes."""
    loaded = load_request_words(ROOT / "data" / "recherche.yaml", directory.communes)
    for word in ("cherche", "urgent", "devis", "prestataire", "entreprise", "societe", "besoin"):
        assert (word,) in loaded.fillers
    assert loaded.forms()[("aix",)] == "Aix-en-Provence"
    assert loaded.forms()[("13009",)] == "Marseille"


def test_missing_synonyms_file_means_no_synonyms(tmp_path):
    assert load_synonyms(tmp_path / "synonyms.yaml") == ()


def test_real_synonyms_cover_the_buyers_words():
    """data/synonyms.yaml has the buyers' words of the trades reference, and loads."""
    synonyms = load_synonyms(ROOT / "data" / "synonyms.yaml")
    words = {s.text for s in synonyms}
    for word in ("paysagiste", "pressing", "emballage", "ménage", "mailing", "cantine", "tri"):
        assert word in words


def test_build_stops_on_bad_synonyms(tmp_path):
    """A broken synonyms.yaml stops the build with its French message."""
    import shutil

    from tests.harness.build import build_into

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "synonyms.yaml").write_text("- mots:\n    - pressing\n", encoding="utf-8")
    with pytest.raises(SynonymsError, match="champ obligatoire « chercher » manquant") as caught:
        build_into(tmp_path / "output", DIRECTORY_PATH=str(data))
    assert "data/synonyms.yaml, ligne 1, entrée n° 1" in str(caught.value)


# ---------- the reference searcher ----------


def test_edit_distance_counts_transpositions():
    assert distance("netoyage", "nettoyage", 2) == 1
    assert distance("menuisreie", "menuiserie", 2) == 1
    assert distance("menuisrei", "menuiserie", 2) == 2
    assert distance("abcdef", "ghijkl", 2) == 3


def test_exact_word_finds_the_trade_first_then_its_establishments(searcher, directory):
    result = searcher.search("menuiserie")
    found = refs(searcher, result.hits)
    assert found[0] == "metiers/menuiserie/"
    assert establishments_with_trade(directory, "menuiserie") <= set(found)


@pytest.mark.parametrize("variant", ["elagage", "ÉLAGAGE", "Élagage", "élagage"])
def test_accents_and_case_do_not_matter(searcher, variant):
    assert searcher.search(variant).hits == searcher.search("élagage").hits


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("netoyage", "nettoyage"), ("menuisrie", "menuiserie"), ("blanchiseri", "blanchisserie")],
)
def test_typos_find_what_was_meant(searcher, typed, meant):
    """One typo (two from 8 letters on) still finds the documents of the right word."""
    typed_docs = {doc for doc, _ in searcher.search(typed).hits}
    meant_docs = {doc for doc, _ in searcher.search(meant).hits}
    assert meant_docs and meant_docs <= typed_docs


def test_prefix_finds_words_being_typed(searcher):
    menuiserie = {doc for doc, _ in searcher.search("menuiserie").hits}
    assert menuiserie <= {doc for doc, _ in searcher.search("menuis").hits}
    result = searcher.search("conditionn")
    assert "conditionnement" in result.groups[0].corrections


@pytest.mark.parametrize(
    ("query", "trade"),
    [
        ("paysagiste", "creation-entretien-espaces-verts"),
        ("pressing", "blanchisserie"),
        ("mise en sachet", "conditionnement-a-facon"),
        ("mailing", "mise-sous-pli-routage"),
    ],
)
def test_synonyms_find_the_catalogue_words(searcher, directory, query, trade):
    result = searcher.search(query)
    assert result.groups[0].synonym is not None
    assert establishments_with_trade(directory, trade) <= set(refs(searcher, result.hits))


def test_stop_words_alone_search_nothing(searcher):
    result = searcher.search("les de la")
    assert result.words == [] and result.hits == []


def test_commune_is_searched_near_never_as_a_word(searcher):
    """« métier commune »: the commune is recognised and boosts, the métier alone decides."""
    for query in ("menuiserie aubagne", "blanchisserie arles", "nettoyage marseille"):
        trade_word, commune = query.split()
        result = searcher.search(query)
        alone = searcher.search(trade_word).hits
        assert result.place is not None and result.place_words == [commune]
        assert searcher.meta["communes"][result.place][1] == commune
        assert sorted(doc for doc, _ in result.hits) == sorted(doc for doc, _ in alone)
        boost = searcher.meta["placeBoost"]
        for doc, score in result.hits:
            in_commune = searcher.facets[doc]["commune"] == result.place
            assert score == dict(alone)[doc] + (boost if in_commune else 0)


@pytest.mark.parametrize(
    ("query", "commune", "place_words"),
    [
        ("nettoyage bureaux à Aix", "aix-en-provence", ["aix"]),
        ("menuiserie près d’Aubagne", "aubagne", ["aubagne"]),
        ("traiteur marseille 13009", "marseille", ["marseille", "13009"]),
        ("traiteur 13009", "marseille", ["13009"]),
        ("espaces verts salon", "salon-de-provence", ["salon"]),
    ],
)
def test_places_in_a_sentence_are_recognised(searcher, query, commune, place_words):
    """Names, short forms and postcodes of data/recherche.yaml name a commune."""
    result = searcher.search(query)
    assert searcher.meta["communes"][result.place][1] == commune
    assert result.place_words == place_words
    assert result.hits and not set(place_words) & set(result.left)


def test_a_commune_alone_is_searched_as_a_word(searcher):
    result = searcher.search("Aubagne")
    assert result.place is None and result.hits


def test_a_postcode_alone_searches_its_commune(searcher):
    """« 13009 » is in no page: Marseille is searched instead."""
    result = searcher.search("13009")
    assert result.hits == searcher.search("Marseille").hits and result.left == []


def test_a_word_matching_nothing_is_left_aside(searcher):
    """« menuiserie plomberie »: plomberie matches nothing, menuiserie's results show."""
    result = searcher.search("menuiserie plomberie")
    assert result.left == ["plomberie"]
    assert result.hits == searcher.search("menuiserie").hits


def test_when_no_document_has_every_word_those_with_most_words_come_first(searcher):
    """Relaxed ranking: more groups matched first; the words the first hit lacks are named."""
    words = ["blanchisserie", "menuiserie"]
    result = searcher.search(" ".join(words))
    together = searcher.rank(searcher.understand(words))[1]
    assert result.complete == together < searcher.meta["relax"]
    alone = [{doc for doc, _ in searcher.search(w).hits} for w in words]
    assert {doc for doc, _ in result.hits} == alone[0] | alone[1]
    counts = [sum(doc in found for found in alone) for doc, _ in result.hits]
    assert counts == sorted(counts, reverse=True)
    first = result.hits[0][0]
    assert result.left == [w for w, found in zip(words, alone, strict=True) if first not in found]


def test_filler_words_are_ignored(searcher):
    """Words of data/recherche.yaml (and their forms) are not searched."""
    result = searcher.search("je cherche un prestataire pour la mise sous pli urgent, devis svp")
    assert result.ignored == ["cherche", "prestataire", "urgent", "devis", "svp"]
    assert result.hits == searcher.search("mise sous pli").hits
    assert searcher.search("besoins urgents menuiserie").ignored == ["besoins", "urgents"]


def test_only_filler_words_are_searched_after_all(searcher):
    result = searcher.search("entreprise")
    assert result.ignored == [] and result.hits


def test_a_correct_french_word_is_not_corrected(searcher):
    """« voitures » is French: never « vitres »; « netoyage » is not: corrected."""
    result = searcher.search("voitures")
    assert all("vitres" not in group.corrections for group in result.groups)
    assert searcher.search("netoyage").groups[0].corrections == ["nettoyage"]


def test_inflections_find_the_indexed_stem(searcher):
    """A French form the index lacks is searched by its stem (« pelouse » → « pelouses »)."""
    result = searcher.search("pelouse")
    assert result.hits and result.left == []
    assert result.groups[0].corrections == []


def test_exact_search_neither_completes_nor_corrects(searcher):
    assert searcher.search("netoyage", exact=True).hits == []
    assert searcher.search("netoyage", exact=True).left == ["netoyage"]
    assert searcher.search("nettoyage", exact=True).hits == searcher.search("nettoyage").hits


def test_buyer_sentences_find_the_trade_among_the_first_three(searcher, directory):
    """tests/search_sentences.csv: ≥ 90 % success@3, no empty page (each names a trade)."""
    sentences = buyer_sentences()
    assert len(sentences) >= 60
    successes = 0
    for sentence, trades in sentences:
        assert trades and trades <= set(directory.trades), sentence
        result = searcher.search(sentence)
        assert result.hits, sentence
        docs = shown_order(searcher, [d for d, _ in result.hits], result.place, result.complete)
        successes += success_at_3(searcher, docs, trades)
    assert successes / len(sentences) >= 0.9


def test_success_at_3_counts_establishments_of_the_trades(searcher):
    """The measure itself: trades, pages and filières do not count, nor a 4th establishment."""
    hits = [doc for doc, _ in searcher.search("menuiserie").hits]
    assert success_at_3(searcher, hits, frozenset({"menuiserie"}))
    assert not success_at_3(searcher, hits, frozenset({"blanchisserie"}))
    trade_pages = [
        d for d in hits if searcher.meta["types"][searcher.facets[d]["type"]][0] == "metier"
    ]
    assert trade_pages and not success_at_3(searcher, trade_pages, frozenset({"menuiserie"}))


def test_every_trade_has_five_buyer_words(searcher, directory):
    """data/synonyms.yaml: for each trade, at least five buyer words (synonyms) that find one
    of its establishments among the first three."""
    found = dict.fromkeys(directory.trades, 0)
    for synonym in searcher.synonym_keys:
        docs = [doc for doc, _ in searcher.search(synonym[1]).hits]
        for trade in found:
            if directory.establishments_for_trade(trade):
                found[trade] += success_at_3(searcher, docs, frozenset({trade}))
    assert {t: n for t, n in found.items() if n < 5 and directory.establishments_for_trade(t)} == {}


def test_no_result_suggests_the_closest_trades(searcher):
    result = searcher.search("plomberi menuisrie zzqxw", exact=True)
    assert result.hits == []
    assert "Menuiserie" in result.suggestions["names"]


def test_facet_counts_are_those_of_the_hits(searcher):
    """Live counts: what each value would keep, other facets applied."""
    hits = searcher.search("nettoyage").hits
    kept, counts = searcher.apply_facets(hits, {"type": [0]})
    assert kept == [hit for hit in hits if searcher.facets[hit[0]]["type"] == 0]
    for value, count in counts["type"].items():
        assert count == sum(1 for doc, _ in hits if searcher.facets[doc]["type"] == value)
    for value, count in counts["commune"].items():
        assert count == sum(1 for doc, _ in kept if searcher.facets[doc]["commune"] == value)


def test_distance_sort_keeps_partial_matches_after_full_ones(searcher):
    result = searcher.search("blanchisserie menuiserie")
    partial = frozenset(doc for doc, _ in result.hits[result.complete :])
    assert partial
    ranked = [doc for doc, _, _ in searcher.by_distance(result.hits, 5, partial)]
    assert set(ranked[: result.complete]) == {doc for doc, _ in result.hits[: result.complete]}


def test_distance_sort_puts_the_nearest_first(searcher):
    hits = searcher.search("espaces verts").hits
    sorted_hits = searcher.by_distance(hits, 0)
    tenths = [t for _, _, t in sorted_hits if t is not None]
    assert tenths == sorted(tenths) and tenths
    assert all(t is None for _, _, t in sorted_hits[len(tenths) :])


# ---------- pages and command line ----------


@dataclass(frozen=True)
class Forms:
    """A page's forms, inputs (attributes), label targets and link targets."""

    forms: list[dict]
    inputs: list[dict]
    labels: list[str]
    links: list[str]


def parse(path: Path) -> Forms:
    page = read_page(path)
    return Forms(
        forms=[form.attrs for form in page.select("form")],
        inputs=[field.attrs for field in page.select("input")],
        labels=[label.get("for") for label in page.select("label")],
        links=[a.get("href") for a in page.select("a")],
    )


def test_search_page_works_without_javascript(site, directory):
    """A GET form named q, labelled, and the whole catalogue of trades as links."""
    page = parse(site / "recherche/index.html")
    (form,) = page.forms
    assert form["method"] == "get" and form["action"] == "../recherche/index.html"
    (field,) = [i for i in page.inputs if i.get("name") == "q"]
    assert field["id"] in page.labels
    for trade_id in directory.trades:
        assert f"../metiers/{trade_id}/index.html" in page.links
    assert "../etablissements/index.html" in page.links


def test_every_page_has_the_header_search(site, page_path):
    """The header of every page holds a labelled search field sent to /recherche/."""
    if page_path == "recherche/index.html" or not page_path.endswith(".html"):
        return
    text = (site / page_path).read_text(encoding="utf-8")
    if 'class="cs-header"' not in text:
        return
    page = parse(site / page_path)
    forms = [f for f in page.forms if f.get("role") == "search"]
    assert len(forms) == 1
    assert forms[0]["method"] == "get"
    assert forms[0]["action"].endswith("recherche/index.html")
    # « Près de » (trade, filière and type pages) also sends a q, hidden: the list's words.
    (field,) = [i for i in page.inputs if i.get("name") == "q" and i.get("type") != "hidden"]
    assert field["id"] in page.labels


def test_search_section_is_linkable_from_pages(search_build):
    generator, _ = search_build
    assert generator.context["SECTIONS"]["recherche"] == "recherche/"


def test_make_search_prints_results_in_french(site):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "plugins.search.cli" in makefile and "\nsearch:" in makefile
    result = subprocess.run(
        [sys.executable, "-m", "plugins.search.cli", "--site", str(site), "pressing"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Synonyme : « pressing » → « blanchisserie »" in result.stdout
    assert "résultats pour « pressing »" in result.stdout
    assert "Blanchisserie" in result.stdout


def test_large_index_spills_its_runs_to_scratch_and_still_builds():
    """Past whoosh's memory limit, sorted runs go through the scratch storage and back."""
    from plugins.search.indexer import FIELDS, memory_storage, schema

    index = memory_storage().create_index(schema())
    writer = index.writer(limitmb=1)  # a tiny limit forces several runs
    for number in range(3000):
        words = " ".join(f"mot{number * 7 + k}" for k in range(20))
        writer.add_document(ref=str(number), **{name: words for name in FIELDS})
    writer.commit()
    assert index.doc_count() == 3000


def test_background_indexing_returns_the_result_or_raises():
    """The forked computation hands back its result, and its error with its message."""
    from plugins.search.background import Background

    assert Background(lambda: {"a.js": b"x" * 100_000}).result() == {"a.js": b"x" * 100_000}

    def fail():
        raise ValueError("synonyme inconnu")

    with pytest.raises(ValueError, match="synonyme inconnu"):
        Background(fail).result()
