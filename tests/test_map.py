"""The establishments map: geometry, data and licence, the SVG, its text alternative."""

import json
import re
from dataclasses import replace

import pytest

from plugins.buyertools.geo import (
    Projection,
    contains,
    path_data,
    simplify_line,
    simplify_ring,
)
from plugins.buyertools.mapdata import CREDIT, build_map
from plugins.buyertools.settings import DEFAULTS, BuyerToolsError
from plugins.coopsoc.data.geojson import OutlinesError, load_outlines
from plugins.coopsoc.typography import typeset_text
from tests.conftest import NODE_MODULES
from tests.harness.browser import run_axe
from tests.harness.build import ROOT, build_into

GEO = ROOT / "data/geo"
INDEX = "etablissements/index.html"
LOCALE = json.loads((NODE_MODULES / "axe-core/locales/fr.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def establishment_map(directory):
    return build_map(
        directory,
        GEO,
        DEFAULTS["BUYERTOOLS_MAP_DEPARTEMENT"],
        DEFAULTS["BUYERTOOLS_MAP_WIDTH"],
        DEFAULTS["BUYERTOOLS_MAP_TOLERANCE"],
    )


def test_simplification_keeps_ends_and_shape():
    line = [(0, 0), (1, 0.01), (2, -0.01), (3, 5), (4, 0.02), (5, 0)]
    assert simplify_line(line, 0.1) == [(0, 0), (2, -0.01), (3, 5), (4, 0.02), (5, 0)]
    assert simplify_line(line, 10) == [(0, 0), (5, 0)]
    square = [(0, 0), (5, 0.001), (10, 0), (10, 10), (0, 10), (0, 0)]
    assert simplify_ring(square, 0.5) == [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]


def test_path_data_is_compact_and_relative():
    assert path_data([[[(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]]], 0.5) == (
        "M0 0l10 0 0 10-10 0z"
    )
    # Rings too small to see are left out.
    assert path_data([[[(0, 0), (1, 0), (1, 1), (0, 0)]]], 0.5, min_area=4) == ""


def test_projection_puts_north_up_and_fits_the_width():
    outline = load_outlines(GEO / "departement-13.geojson")["13"]
    projection = Projection.fit(outline, 600, margin=12)
    marseille, chateaurenard = projection((5.3955, 43.3035)), projection((4.8399, 43.8825))
    assert chateaurenard[1] < marseille[1]  # north is up
    assert chateaurenard[0] < marseille[0]  # west is left
    xs = [projection(p)[0] for polygon in outline for ring in polygon for p in ring]
    assert min(xs) == pytest.approx(12) and max(xs) == pytest.approx(588)


def test_outlines_are_credited_with_their_licence():
    readme = (GEO / "README.md").read_text(encoding="utf-8")
    assert "IGN GEOFLA" in readme and "Licence Ouverte" in readme and "Etalab" in readme
    assert CREDIT == "Contours : IGN GEOFLA 2016, Licence Ouverte Etalab"
    assert f"« {CREDIT} »" in readme
    assert len(load_outlines(GEO / "communes-13.geojson")) == 119


def test_every_commune_of_the_data_lies_in_the_departement(directory):
    """A swapped latitude and longitude in communes.csv would put a marker off the map."""
    outline = load_outlines(GEO / "departement-13.geojson")["13"]
    outside = [
        c.nom for c in directory.communes if not contains(outline, (c.longitude, c.latitude))
    ]
    assert outside == []


def test_one_marker_per_commune_counting_its_establishments(directory, establishment_map):
    by_commune = directory.establishments_by_commune()
    markers = establishment_map.markers
    assert {m.commune for m in markers} == set(by_commune)
    assert sum(m.count for m in markers) == len(directory.establishments)
    for marker in markers:
        if marker.count == 1:
            assert marker.path == f"etablissements/{marker.establishments[0].id}/"
        else:
            assert marker.path == f"etablissements/commune/{marker.commune.slug}/"
        assert 0 <= marker.x <= establishment_map.width
        assert 0 <= marker.y <= establishment_map.height


def test_outline_stays_within_its_budget(establishment_map):
    """The outline is inlined in every establishment's page: keep it small."""
    assert 1000 < len(establishment_map.outline) <= DEFAULTS["BUYERTOOLS_MAP_OUTLINE_MAX_BYTES"]


def test_a_commune_off_the_map_stops_the_build(directory):
    commune = replace(directory.communes[0], nom="Lyon", latitude=45.76, longitude=4.84)
    establishment = replace(directory.establishments[0], commune=commune)

    class _Directory:
        def establishments_by_commune(self):
            return {commune: (establishment,)}

    with pytest.raises(BuyerToolsError, match="Lyon .* est hors du département"):
        build_map(_Directory(), GEO, "13", 600, 0.8)


def _svg(site, path) -> str:
    html = (site / path).read_text(encoding="utf-8")
    return re.search(r"<svg class=\"cs-map__svg\".*?</svg>", html, re.S).group(0)


def test_a_missing_outline_file_is_named_in_french(tmp_path):
    """The build stops before writing anything, saying in French which file is missing."""
    geo = tmp_path / "geo"
    geo.mkdir()
    with pytest.raises(OutlinesError) as stopped:
        build_into(tmp_path / "output", BUYERTOOLS_GEO_PATH=str(geo))
    assert "departement-13.geojson : fichier introuvable" in str(stopped.value)
    assert not (tmp_path / "output").exists()


def test_directory_index_shows_the_map_and_its_text_alternative(site, directory):
    html = (site / INDEX).read_text(encoding="utf-8")
    svg = _svg(site, INDEX)
    assert 'role="group" aria-labelledby="carte-svg-titre"' in svg
    assert '<title id="carte-svg-titre">Carte des Bouches-du-Rhône' in svg
    assert svg.count("<a class=") == len(directory.establishments_by_commune())
    assert "https://" not in svg and "http://" not in svg
    assert typeset_text(CREDIT) in html
    alternative = html[html.index('id="carte-liste"') :]
    for establishment in directory.establishments:
        assert f'href="../etablissements/{establishment.id}/index.html"' in alternative


def test_markers_are_named_links(page, server, directory):
    """Each marker is a link whose accessible name gives the commune and the count."""
    page.goto(server.url(INDEX))
    for commune, establishments in directory.establishments_by_commune().items():
        count = len(establishments)
        name = f"{commune.nom} : {count} établissement" + ("s" if count > 1 else "")
        if count == 1:
            name += f", {establishments[0].nom}"
        link = page.locator("svg.cs-map__svg").get_by_role(
            "link", name=typeset_text(name), exact=True
        )
        assert link.count() == 1, name


def test_markers_are_reached_by_keyboard_with_visible_focus(page, server):
    page.goto(server.url(INDEX))
    first = page.locator("svg.cs-map__svg a").first
    first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('svg') !== null")
    assert focused
    stroke = page.evaluate(
        "getComputedStyle(document.activeElement.querySelector('circle')).strokeWidth"
    )
    assert stroke == "4px"
    target = page.evaluate("document.activeElement.getAttribute('href')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == server.url("etablissements/" + target.removeprefix("../etablissements/"))


def test_establishment_page_highlights_its_commune(site, directory, establishment_map):
    alone = next(m for m in establishment_map.markers if m.count == 1).establishments[0]
    svg = _svg(site, f"etablissements/{alone.id}/index.html")
    current = re.findall(r'<a class="cs-map__link cs-map__link--current"[^>]*>', svg)
    assert len(current) == 1 and 'aria-current="page"' in current[0]
    assert f"{alone.nom} (cette page)" in svg
    assert f">{alone.commune.nom}</text>" in svg
    shared = next(m for m in establishment_map.markers if m.count > 1).establishments[0]
    svg = _svg(site, f"etablissements/{shared.id}/index.html")
    assert f", dont {shared.nom} (cette page)" in svg
    assert 'aria-current="page"' not in svg


def test_establishment_page_stays_light(site, directory):
    """Outline once, markers, no list: the map adds little to each establishment's page."""
    for establishment in directory.establishments:
        svg = _svg(site, f"etablissements/{establishment.id}/index.html")
        assert svg.count('class="cs-map__land"') == 1
        assert len(svg.encode()) < 14_000, establishment.id


@pytest.mark.parametrize("path", [INDEX, "etablissements/esat-val-d-huveaune-nature/index.html"])
def test_axe_finds_no_violation_with_a_marker_focused(page, server, path):
    page.goto(server.url(path))
    page.locator("svg.cs-map__svg a").nth(3).focus()
    assert run_axe(page, server.url("__outils__/"), LOCALE) == []
