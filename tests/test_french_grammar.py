"""French grammar of the templates: articles, elision and contraction, one table per helper."""

from dataclasses import replace

import pytest

from plugins.coopsoc.directory.loader import load_directory
from plugins.coopsoc.text import definite, lowercase_initial, with_a, with_de, with_en
from tests.harness.build import ROOT

A = [
    ("Aubagne", "à Aubagne"),
    ("Aix-en-Provence", "à Aix-en-Provence"),
    ("La Ciotat", "à La Ciotat"),
    ("La Roque-d'Anthéron", "à La Roque-d'Anthéron"),
    ("Le Puy-Sainte-Réparade", "au Puy-Sainte-Réparade"),
    ("Le Rove", "au Rove"),
    ("Le Tholonet", "au Tholonet"),
    ("Les Pennes-Mirabeau", "aux Pennes-Mirabeau"),
    ("Les Baux-de-Provence", "aux Baux-de-Provence"),
    ("L’Isle-sur-la-Sorgue", "à L’Isle-sur-la-Sorgue"),
    ("Lançon-Provence", "à Lançon-Provence"),
    ("Les", "à Les"),
]
DE = [
    ("Aubagne", "d’Aubagne"),
    ("Istres", "d’Istres"),
    ("Marseille", "de Marseille"),
    ("Le Rove", "du Rove"),
    ("Les Pennes-Mirabeau", "des Pennes-Mirabeau"),
    ("La Ciotat", "de La Ciotat"),
    ("le CHRS Le Toit du Vieux-Port", "du CHRS Le Toit du Vieux-Port"),
    ("l’ESAT Les Restanques", "de l’ESAT Les Restanques"),
    ("la filière propreté", "de la filière propreté"),
    ("les ateliers", "des ateliers"),
    ("Hyères", "d’Hyères"),
]
DEFINITE = [
    (("ESAT Les Restanques d'Aubagne", False), "l’ESAT Les Restanques d'Aubagne"),
    (("EA Pays d'Aix Logistique", True), "l’EA Pays d'Aix Logistique"),
    (("entreprise adaptée Horizons", True), "l’entreprise adaptée Horizons"),
    (("CHRS Le Toit du Vieux-Port", False), "le CHRS Le Toit du Vieux-Port"),
    (("filière propreté", True), "la filière propreté"),
    (("Établis de l'Estaque", False), "l’Établis de l'Estaque"),
]
EN = [
    ("Menuiserie", "en menuiserie"),
    ("Nettoyage de locaux", "en nettoyage de locaux"),
    ("Élagage et travaux forestiers", "en élagage et travaux forestiers"),
    ("DEEE et petits appareils", "en DEEE et petits appareils"),
]
LOWERCASE_INITIAL = [
    ("Propreté", "propreté"),
    ("Services administratifs et numériques", "services administratifs et numériques"),
    ("DEEE", "DEEE"),
    ("(DEEE) collecte", "(DEEE) collecte"),
    ("A", "a"),
]


# (helper, its table): « à » and « de » contract with the article of a name, the definite
# article elides before a vowel, « en » keeps acronyms, an initial is lowered in a sentence.
TABLES = [
    (with_a, A),
    (with_de, DE),
    (definite, DEFINITE),
    (with_en, EN),
    (lowercase_initial, LOWERCASE_INITIAL),
]


@pytest.mark.parametrize(
    ("helper", "arguments", "expected"),
    [
        pytest.param(helper, arguments, expected, id=f"{helper.__name__}-{arguments}")
        for helper, table in TABLES
        for arguments, expected in table
    ],
)
def test_helper_follows_its_table(helper, arguments, expected):
    arguments = arguments if isinstance(arguments, tuple) else (arguments,)
    assert helper(*arguments) == expected


@pytest.fixture(scope="module")
def any_establishment():
    return load_directory(ROOT / "data").establishments[0]


@pytest.mark.parametrize(
    ("nom", "kind", "expected"),
    [
        ("ESAT Les Restanques", "ESAT", "l’ESAT Les Restanques"),
        ("Les Restanques", "ESAT", "l’ESAT Les Restanques"),
        ("EA Pays d'Aix Logistique", "EA", "l’EA Pays d'Aix Logistique"),
        ("Horizons Propreté", "EA", "l’entreprise adaptée Horizons Propreté"),
        ("Entreprise adaptée Horizons", "EA", "l’entreprise adaptée Horizons"),
        ("CHRS Le Toit du Vieux-Port", "CHRS", "le CHRS Le Toit du Vieux-Port"),
        ("Relais Solidaire", "CHRS", "le CHRS Relais Solidaire"),
        ("ESATIS", "ESAT", "l’ESAT ESATIS"),
    ],
)
def test_establishment_named_with_its_type_and_article(any_establishment, nom, kind, expected):
    establishment = replace(any_establishment, nom=nom, type=kind)
    assert definite(establishment.designation, establishment.type_feminine) == expected
