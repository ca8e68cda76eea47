"""What a buyer decides from on an establishment's fiche: the optional fields, the SIRET
check key, the photos turned into responsive images, the badges the type gives, the day of
the last update, distances from a commune, and the open data columns."""

import io
import json
import subprocess
from datetime import date
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image, ImageDraw

from plugins.coopsoc.data.values import siret_key_ok
from plugins.coopsoc.directory.badges import badges_for
from plugins.coopsoc.directory.fields import ESTABLISHMENT
from plugins.coopsoc.directory.loader import load_directory
from plugins.coopsoc.directory.updates import entry_days
from plugins.coopsoc.distance import kilometres, nearest, tenths
from plugins.coopsoc.text import NBSP
from plugins.coopsoc.text import kilometres as written_km
from plugins.coopsoc.typography import typeset_text
from plugins.directory.opendata import CSV_COLUMNS, OpenData
from plugins.directory.photos import Photos, available_formats
from tests.harness.build import ROOT
from tests.loader_cases import ESTABLISHMENTS, FIRST_ENTRY_END
from tests.test_loader import write_data

OETH_BADGE = "Achats déductibles de la contribution OETH"
RESERVED_BADGE = "Éligible aux marchés réservés"
# Filled in on the first establishment of the loader's minimal folder. Its SIRET is made of
# zeros: a right check key, on digits no company holds.
FICHE = """\
  adresse: 12 chemin des Restanques
  siret: "000 000 000 00000"
  capacite: Séries de 500 à 5 000 pièces
  delai: Devis sous une semaine
  references:
    - Une coopérative oléicole des Alpilles
    - Une mutuelle de Marseille
  photos:
    - fichier: atelier.png
      texte: L'atelier de conditionnement, ses tables et ses rayonnages, sans personne
  mise_a_jour: "2026-03-15"
"""


def workshop_drawing(width=1200, height=800) -> bytes:
    """A generated illustration of a workshop (a bench and tools, no people), as PNG."""
    image = Image.new("RGB", (width, height), (236, 226, 205))
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 500, 1100, 540), fill=(120, 80, 40))  # the bench
    for x in (140, 1040):
        draw.rectangle((x, 540, x + 20, 760), fill=(90, 60, 30))
    draw.rectangle((300, 380, 320, 500), fill=(60, 60, 60))  # a hammer
    draw.rectangle((260, 370, 360, 400), fill=(60, 60, 60))
    draw.ellipse((600, 400, 700, 500), outline=(40, 40, 120), width=12)  # a roll of tape
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def fiche_folder(tmp_path):
    changed = ESTABLISHMENTS.replace(FIRST_ENTRY_END, FIRST_ENTRY_END + FICHE, 1)
    folder = write_data(tmp_path, **{"establishments.yaml": changed})
    (folder / "photos").mkdir()
    (folder / "photos" / "atelier.png").write_bytes(workshop_drawing())
    return folder


def test_optional_fields_load_into_the_model(fiche_folder):
    directory = load_directory(fiche_folder)
    cade = directory.establishment("esat-le-cade")
    assert cade.adresse == "12 chemin des Restanques"
    assert cade.siret == "00000000000000"
    assert (cade.capacite, cade.delai) == ("Séries de 500 à 5 000 pièces", "Devis sous une semaine")
    assert cade.references == (
        "Une coopérative oléicole des Alpilles",
        "Une mutuelle de Marseille",
    )
    assert [(p.file, p.alt[:10]) for p in cade.photos] == [("atelier.png", "L'atelier ")]
    assert cade.mise_a_jour == date(2026, 3, 15)
    romarin = directory.establishment("ea-le-romarin")
    assert (romarin.siret, romarin.references, romarin.photos, romarin.mise_a_jour) == (
        None,
        (),
        (),
        None,
    )
    assert directory.warnings == ()


def test_a_photo_no_establishment_shows_is_a_warning(fiche_folder):
    (fiche_folder / "photos" / "oubliee.jpg").write_bytes(b"")
    warnings = [str(w) for w in load_directory(fiche_folder).warnings]
    assert warnings == [
        "data/photos/oubliee.jpg (avertissement) : aucun établissement ne montre cette photo : "
        "ajoutez-la au champ « photos » d'un établissement, ou retirez le fichier"
    ]


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("00000000000000", True),
        ("00000000000001", False),
        ("00000000000018", True),  # 1 doubled is 2, plus 8: 10
        ("00000000000081", False),  # two digits swapped
        ("00000000000026", True),  # 2 doubled is 4, plus 6: 10
        # La Poste's establishments: digits summing to a multiple of 5 (INSEE's rule).
        ("35600000000010", True),
        ("35600000000011", False),
    ],
)
def test_siret_check_key(digits, valid):
    assert siret_key_ok(digits) is valid


def test_badges_follow_the_type_and_never_reach_a_chrs():
    assert [b.label for b in badges_for("ESAT")] == [OETH_BADGE, RESERVED_BADGE]
    assert [b.label for b in badges_for("EA")] == [OETH_BADGE, RESERVED_BADGE]
    assert badges_for("CHRS") == ()
    assert "L5212-10-1" in badges_for("EA")[0].article
    assert "L2113-12 du Code de la commande publique" in badges_for("EA")[1].article


def test_badges_of_the_real_data_come_from_the_type():
    directory = load_directory(ROOT / "data")
    for establishment in directory.establishments:
        labels = [badge.label for badge in establishment.badges]
        if establishment.type == "CHRS":
            assert labels == [], establishment.id
        else:
            assert labels == [OETH_BADGE, RESERVED_BADGE], establishment.id


def test_photos_become_responsive_images_in_modern_formats(fiche_folder):
    directory = load_directory(fiche_folder)
    photos = Photos(directory, fiche_folder)
    (picture,) = photos.pictures["esat-le-cade"]
    assert photos.pictures["ea-le-romarin"] == ()
    assert (picture.width, picture.height) == (960, 640)
    assert picture.alt.startswith("L'atelier de conditionnement")
    assert picture.src == "photo-atelier-480.jpg"
    assert picture.srcset == "photo-atelier-480.jpg 480w, photo-atelier-960.jpg 960w"
    media_types = [source.media_type for source in picture.sources]
    assert "image/webp" in media_types, "Pillow of requirements.txt writes WebP"
    assert media_types == [f[0] for f in available_formats()[:-1]]
    page = "etablissements/esat-le-cade/"
    for name, data in photos.files.items():
        assert name.startswith(page) and "/" not in name[len(page) :]
        image = Image.open(io.BytesIO(data))
        width = int(name.rsplit("-", 1)[1].split(".")[0])
        assert image.size == (width, width * 2 // 3)
        assert not image.getexif(), "no metadata is copied"
    # A 960 px JPEG of the drawing stays far within a page's budget (50 KB in all).
    assert len(photos.files[page + "photo-atelier-960.jpg"]) < 40_000


def test_a_narrow_photo_is_never_enlarged(fiche_folder):
    (fiche_folder / "photos" / "atelier.png").write_bytes(workshop_drawing(600, 400))
    (picture,) = Photos(load_directory(fiche_folder), fiche_folder).pictures["esat-le-cade"]
    assert picture.srcset == "photo-atelier-480.jpg 480w, photo-atelier-600.jpg 600w"
    assert (picture.width, picture.height) == (600, 400)


def test_open_data_publish_the_new_fields(fiche_folder):
    directory = load_directory(fiche_folder)
    published = [field.key for field in ESTABLISHMENT.fields if field.open_data]
    for key in ("adresse", "siret", "capacite", "delai", "references", "mise_a_jour"):
        assert key in published and key in CSV_COLUMNS
    updated = {"esat-le-cade": date(2026, 3, 15), "ea-le-romarin": date(2026, 1, 2)}
    settings = {"SITEURL": "", "URL_INDEX": ""}
    files = {f.name: f.content for f in OpenData(directory, settings, updated).files}
    records = {r["id"]: r for r in json.loads(files["etablissements.json"])}
    cade, romarin = records["esat-le-cade"], records["ea-le-romarin"]
    assert cade["siret"] == "00000000000000" and cade["mise_a_jour"] == "2026-03-15"
    assert cade["references"] == [
        "Une coopérative oléicole des Alpilles",
        "Une mutuelle de Marseille",
    ]
    assert (romarin["siret"], romarin["references"], romarin["mise_a_jour"]) == (
        None,
        [],
        "2026-01-02",
    )
    csv_text = files["etablissements.csv"].decode("utf-8")
    assert "Une coopérative oléicole des Alpilles|Une mutuelle de Marseille" in csv_text


def test_last_update_comes_from_the_last_commit_of_the_entry(tmp_path):
    def git(*args, day):
        env = {
            "GIT_AUTHOR_DATE": f"{day}T12:00:00+01:00",
            "GIT_COMMITTER_DATE": f"{day}T23:30:00+01:00",
        }
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
            env={**env, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        )

    path = tmp_path / "establishments.yaml"
    path.write_text(ESTABLISHMENTS, encoding="utf-8")
    git("init", "-q", day="2026-01-05")
    git("add", ".", day="2026-01-05")
    git("commit", "-qm", "first", day="2026-01-05")
    path.write_text(ESTABLISHMENTS.replace("travailleurs: 20", "travailleurs: 21"), "utf-8")
    git("commit", "-qam", "second", day="2026-02-10")
    assert entry_days(path) == {
        "esat-le-cade": date(2026, 1, 5),
        "ea-le-romarin": date(2026, 2, 10),
    }
    path.write_text(ESTABLISHMENTS.replace("travailleurs: 60", "travailleurs: 61"), "utf-8")
    assert entry_days(path)["esat-le-cade"] == date(2026, 1, 5), "not committed: no new day"
    assert entry_days(tmp_path / "elsewhere" / "establishments.yaml") == {}


def place(nom, latitude, longitude):
    return SimpleNamespace(nom=nom, latitude=latitude, longitude=longitude)


def test_nearest_leaves_the_commune_out_and_sorts_by_distance():
    aubagne = place("Aubagne", 43.2935, 5.5633)
    marseille = place("Marseille", 43.30348, 5.39555)
    arles = place("Arles", 43.6766, 4.6278)
    here, near, far = (
        SimpleNamespace(id=name, commune=commune)
        for name, commune in (("a", aubagne), ("m", marseille), ("r", arles))
    )
    found = nearest((far, here, near), aubagne)
    assert [(e.id, t) for e, t in found] == [
        ("m", tenths(kilometres(43.2935, 5.5633, 43.30348, 5.39555))),
        ("r", tenths(kilometres(43.2935, 5.5633, 43.6766, 4.6278))),
    ]
    assert 130 <= found[0][1] <= 140, "Aubagne–Marseille is about 13,6 km as the crow flies"
    assert nearest((far, here, near), aubagne, 1) == found[:1]


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0, "0"), (34, "3,4"), (90, "9"), (99, "9,9"), (100, "10"), (125, "13"), (1234, "123")],
)
def test_distances_are_written_as_the_search_writes_them(value, shown):
    assert written_km(value) == f"{shown}{NBSP}km"


def test_near_sorts_a_trade_page_in_place_as_the_build_computes(page, server, directory):
    """« Près de » with the script: the cards in the order and at the distances of distance.py."""
    trade = next(
        t
        for t in directory.trades.values()
        if len({e.commune for e in directory.establishments_for_trade(t.id)}) >= 3
    )
    origin = next(c for c in directory.communes if c.nom == "Arles")
    establishments = directory.establishments_for_trade(trade.id)
    expected = sorted(
        (
            tenths(
                kilometres(
                    origin.latitude, origin.longitude, e.commune.latitude, e.commune.longitude
                )
            ),
            order,
            e,
        )
        for order, e in enumerate(establishments)
    )
    page.goto(server.url(f"{trade.path}index.html"))
    page.select_option("select[name=pres]", origin.slug)
    page.wait_for_selector(".cs-card__distance")
    cards = page.locator(".cs-cards > li")
    names = [typeset_text(e.nom) for *_, e in expected]
    assert cards.locator(".cs-card__title").all_text_contents() == names
    shown = cards.locator(".cs-card__distance").all_text_contents()
    assert shown == [
        "Dans la commune" if t == 0 else f"À {written_km(t)} d’Arles" for t, *_ in expected
    ]
    assert page.text_content("[data-near-status]").startswith(
        "Liste classée par distance depuis Arles"
    )
    page.select_option("select[name=pres]", "")
    page.wait_for_function("!document.querySelector('.cs-card__distance')")
    names = [typeset_text(e.nom) for e in establishments]
    assert cards.locator(".cs-card__title").all_text_contents() == names


def test_without_javascript_near_leads_to_the_search_with_the_place(browser, server, directory):
    """No script: the form submits the trade, its filter and the commune to /recherche/."""
    trade = next(iter(directory.trades.values()))
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url(f"{trade.path}index.html"))
        page.select_option("select[name=pres]", "aubagne")
        page.click(".cs-near button[type=submit]")
        page.wait_for_url("**/recherche/**")
        query = parse_qs(urlsplit(page.url).query)
        assert query == {"q": [trade.nom], "metier": [trade.id], "pres": ["aubagne"]}
    finally:
        context.close()
