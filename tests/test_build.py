"""The build: reproducible, refuses bad sources in French, never damages output/."""

import hashlib
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from benchmarks.synthetic import write_directory
from plugins.coopsoc import pieces, stamps
from plugins.coopsoc.forks import PROCESSES_VARIABLE
from plugins.sitekit import filters
from plugins.sitekit.build import build
from tests.harness.build import ROOT, build_into, run_build_command


def snapshot(folder: Path) -> dict[str, str]:
    """Map every file of a folder to the hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path, site):
    """Building the same sources again gives the same bytes, file for file."""
    again = build_into(tmp_path / "again")
    assert snapshot(again) == snapshot(site)


def test_fragments_typeset_once_give_the_bytes_of_pages_typeset_whole(tmp_path, site, monkeypatch):
    """The template fragments repeated from page to page are typeset once (pieces.page_piece):
    the site is the same, byte for byte, as when every page is typeset whole."""
    used = []
    original = pieces.page_piece

    def counted(*args):
        stand_in = original(*args)
        used.append(stand_in is not None)
        return stand_in

    # This session's build typeset its fragments apart: build again, counting them.
    monkeypatch.setattr(filters, "page_piece", counted)
    once = build_into(tmp_path / "once")
    assert sum(used) > 100, "fragments typeset once"
    # Then without: no page filter knows how to filter a piece of a page apart.
    monkeypatch.setattr(pieces, "PIECE_FILTERS", dict.fromkeys(pieces.PIECE_FILTERS))
    whole = build_into(tmp_path / "whole")
    assert snapshot(whole) == snapshot(once) == snapshot(site)


@pytest.fixture
def broken_data(tmp_path) -> Path:
    """A copy of data/ where an establishment names an unknown trade."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    establishments = data / "establishments.yaml"
    text = establishments.read_text(encoding="utf-8")
    establishments.write_text(text.replace("  metiers:\n", "  metiers:\n    - menuiseri\n", 1))
    return data


def test_failed_build_leaves_output_untouched(tmp_path, broken_data):
    """A build that fails keeps the previous output/ exactly, and leaves nothing beside it."""
    output = tmp_path / "output"
    build("pelicanconf.py", output)
    before = snapshot(output)
    with pytest.raises(Exception, match="métier inconnu « menuiseri »"):
        build("pelicanconf.py", output, {"DIRECTORY_PATH": str(broken_data)})
    assert snapshot(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "output"]


def settings_file(tmp_path, lines: str) -> Path:
    """Write a settings file: pelicanconf.py, then the given lines; return its path."""
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(ROOT / 'content')!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT)!r}]\n" + lines,
        encoding="utf-8",
    )
    return settings


def failed_build(tmp_path, lines: str) -> str:
    """Run `make html`'s command with these settings added; it must fail and write nothing.

    Returns what it printed on standard error.
    """
    result = run_build_command(settings_file(tmp_path, lines), tmp_path / "output")
    assert result.returncode == 1
    assert not (tmp_path / "output").exists()
    return result.stderr


def test_build_command_explains_the_failure_in_french(tmp_path, broken_data):
    """`make html` on bad data exits non-zero naming file, line and field, in French."""
    stderr = failed_build(
        tmp_path,
        f"DIRECTORY_PATH = {str(broken_data)!r}\n"
        f"HISTORY_PATH = {str(ROOT / 'data/history.yaml')!r}\n",
    )
    assert "Échec de la construction" in stderr
    assert "establishments.yaml, ligne" in stderr
    assert "champ « metiers »" in stderr
    assert "vouliez-vous dire « menuiserie »" in stderr


@pytest.mark.parametrize(
    ("moved", "after", "key"),
    [
        ("plugins.directory", "plugins.search", "DIRECTORY"),
        ("plugins.sitekit", "plugins.search", "PLACEHOLDERS_REPLACED"),
    ],
)
def test_misordered_plugins_name_the_key_and_the_order_to_fix(tmp_path, moved, after, key):
    """A plugin placed after one that reads its context key stops the build, saying why."""
    stderr = failed_build(
        tmp_path,
        f"PLUGINS = [p for p in PLUGINS if p != {moved!r}]\n"
        f"PLUGINS.insert(PLUGINS.index({after!r}) + 1, {moved!r})\n",
    )
    assert f"Échec de la construction : Contexte : « {key} » (" in stderr
    assert f"manque à « {after} ». Il est publié par « {moved} »" in stderr
    assert f"dans le réglage PLUGINS, « {moved} » doit figurer avant « {after} »" in stderr


def test_unknown_placeholder_fails_with_file_and_line(tmp_path):
    """A misspelt {chiffre:…} in a page stops the build and names the page and the line."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    page = content / "pages/contact.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNous sommes {chiffre:etablisements}.\n")
    lines = page.read_text(encoding="utf-8").count("\n")
    with pytest.raises(Exception) as error:
        build_into(tmp_path / "output", PATH=str(content))
    message = str(error.value)
    assert f"pages/contact.md, ligne {lines}" in message
    assert "{chiffre:etablisements}" in message


def test_production_build_uses_absolute_pretty_urls(tmp_path):
    """publishconf.py: absolute links without index.html, so addresses stay short."""
    output = build_into(
        tmp_path / "prod",
        "publishconf.py",
        SITEURL="https://coopsoc.example.org",
        PUBLISHING_DEMONSTRATION=True,  # the settings still hold placeholders
    )
    home = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="https://coopsoc.example.org/qui-sommes-nous/"' in home
    assert 'href="https://coopsoc.example.org/etablissements/"' in home
    for page in output.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert 'href="../' not in text, page
        assert '/index.html"' not in text, page


# Names that French typography, escaping or a description's stripping read in their own
# way; the last two cannot go in a stamp (rendered whole).
TRICKY_NAMES = (
    "Atelier « Le Phare » d'Allauch",
    "ESAT Vous ? Nous !",
    "Les Ateliers : bois & métal",
    "EA 1000 mains – 25 %",
    'ESAT "Horizon" <b>gras</b>',
    "L’Olivier de l'Étang",
    "ESAT  deux  espaces",
    ": deux points d'abord",
)


def test_pages_stamped_once_give_the_bytes_of_pages_rendered_whole(tmp_path, monkeypatch):
    """The forms prefilled for establishments come from one stamp per kind of
    establishment (coopsoc.stamps): the site is the same, byte for byte, as when every
    page is rendered whole, names that typography reads in their own way included."""
    data = write_directory(tmp_path / "data", 400)
    path = data / "establishments.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    # The largest group of establishments likely to share a stamp gets the names.
    groups = Counter((e["commune"], e["type"]) for e in entries if len(e["metiers"]) > 1)
    commune, kind = groups.most_common(1)[0][0]
    group = [
        e for e in entries if (e["commune"], e["type"]) == (commune, kind) and len(e["metiers"]) > 1
    ]
    assert len(group) > len(TRICKY_NAMES)
    for entry, name in zip(group[1:], TRICKY_NAMES, strict=False):
        entry["nom"] = name
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), "utf-8")
    filled = []
    original = stamps._filled

    def counted(*args):
        filled.append(args[1][0])  # the name, escaped
        return original(*args)

    monkeypatch.setattr(stamps, "_filled", counted)
    monkeypatch.setenv(PROCESSES_VARIABLE, "1")  # every page counted here
    stamped = build_into(tmp_path / "stamped", DIRECTORY_PATH=str(data))
    assert len(filled) > 200, "pages written from stamps"
    assert {str(escape(n)) for n in TRICKY_NAMES[:-2]} <= set(filled)
    assert not {str(escape(n)) for n in TRICKY_NAMES[-2:]} & set(filled)
    monkeypatch.setattr(stamps, "render", lambda *args: None)
    whole = build_into(tmp_path / "whole", DIRECTORY_PATH=str(data))
    assert snapshot(whole) == snapshot(stamped)
