"""Every file of data/: declared in DATA_FILES, found by data_path, checked by make check."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.coopsoc.datafiles import DATA_FILES, covers, data_path, uncovered

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
DATA_NAMES = sorted(path.relative_to(DATA).as_posix() for path in DATA.rglob("*") if path.is_file())
# Photos are images, not text: they have no lines (test_a_broken_photo_fails_make_check).
TEXT_NAMES = [name for name in DATA_NAMES if not name.startswith("photos/")]


def run_check(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "plugins.coopsoc.check", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def copy_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def test_every_file_of_data_is_declared():
    """A new file in data/ needs its row in DATA_FILES (and so a reader in make check)."""
    assert uncovered(DATA) == []
    # Every row matches a file: no stale row for a file that is gone.
    for key in DATA_FILES:
        assert any(covers(key, name) for name in DATA_NAMES), key


@pytest.mark.parametrize("name", TEXT_NAMES)
def test_make_check_reads_every_file_with_its_line(tmp_path, name):
    """A byte that is not UTF-8 on line 2 of any file of data/ fails make check, there."""
    folder = copy_data(tmp_path)
    path = folder / name
    lines = path.read_bytes().split(b"\n")
    lines[1] = b"\xe9" + lines[1]
    path.write_bytes(b"\n".join(lines))
    result = run_check(folder)
    assert result.returncode == 1, result.stderr
    assert f"data/{name}, ligne 2 : le fichier n'est pas enregistré en UTF-8" in result.stderr


def test_a_broken_photo_fails_make_check(tmp_path):
    """A photo of data/photos/ that is not an image fails make check, at its fiche's line."""
    photos = [name for name in DATA_NAMES if name.startswith("photos/")]
    assert photos, "the sample data show a photo (a generated illustration)"
    folder = copy_data(tmp_path)
    (folder / photos[0]).write_bytes(b"\x89PNG\r\n\x1a\n not an image")
    result = run_check(folder)
    assert result.returncode == 1, result.stderr
    lines = (folder / "establishments.yaml").read_text(encoding="utf-8").splitlines()
    # The editor's format quotes every text (plugins/admin): « fichier: "….png" ».
    name = photos[0].removeprefix("photos/")
    line = next(n for n, text in enumerate(lines, 1) if f'fichier: "{name}"' in text)
    assert f"data/establishments.yaml, ligne {line}, entrée n° 1 des photos" in result.stderr
    assert "n'est pas une image lisible" in result.stderr


def check_changed_rules(tmp_path, old: str, new: str) -> tuple[str, int]:
    """Run make check with one line of oeth.yaml changed; return its stderr and that line."""
    folder = copy_data(tmp_path)
    rules = folder / "oeth.yaml"
    text = rules.read_text(encoding="utf-8")
    assert f"\n{old}\n" in text
    rules.write_text(text.replace(f"\n{old}\n", f"\n{new}\n", 1), encoding="utf-8")
    result = run_check(folder)
    assert result.returncode == 1
    return result.stderr, text.splitlines().index(old) + 1


def test_broken_rules_fail_make_check_with_the_line(tmp_path):
    stderr, line = check_changed_rules(tmp_path, "  taux: 30", "  taux: trente")
    assert "1 erreur dans les règles de l'obligation d'emploi (OETH) :" in stderr
    assert (
        f"data/oeth.yaml, ligne {line}, champ « deduction.taux » : attendu : un nombre entier"
    ) in stderr


def test_unknown_rule_field_is_named_with_its_line(tmp_path):
    stderr, line = check_changed_rules(tmp_path, "  taux: 6", "  tuax: 6")
    assert (
        f"data/oeth.yaml, ligne {line}, champ « obligation.tuax » : champ inconnu « tuax » — "
        "vouliez-vous dire « taux » ?"
    ) in stderr


@pytest.mark.parametrize(
    ("name", "content", "heading", "message"),
    [
        # Their syntax and entries are checked without the site (check_against needs it).
        (
            "synonyms.yaml",
            "- mots:\n    - pressing\n  chercher:\n    - blanchisserie\n- mots: [linge\n",
            "1 erreur dans le fichier des synonymes de la recherche :",
            "data/synonyms.yaml, ligne 5 : syntaxe YAML invalide : un crochet",
        ),
        (
            "recherche.yaml",
            "mots_ignores:\n  - je cherche\ncommunes:\n  Aix-en-Provence:\n    - 1309\n",
            "1 erreur dans le fichier des réglages de la recherche :",
            "data/recherche.yaml, ligne 5 : « 1309 » : un code postal des Bouches-du-Rhône a 5 "
            "chiffres",
        ),
    ],
)
def test_broken_search_files_fail_make_check_with_the_line(
    tmp_path, name, content, heading, message
):
    folder = copy_data(tmp_path)
    (folder / name).write_text(content, encoding="utf-8")
    result = run_check(folder)
    assert result.returncode == 1
    assert heading in result.stderr
    assert message in result.stderr


def test_broken_outline_fails_make_check_with_the_line(tmp_path):
    folder = copy_data(tmp_path)
    outline = folder / "geo" / "communes-13.geojson"
    lines = outline.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3].replace('"type":"MultiPolygon"', '"type":"Point"', 1)
    outline.write_text("\n".join(lines), encoding="utf-8")
    result = run_check(folder)
    assert result.returncode == 1
    assert (
        "data/geo/communes-13.geojson, ligne 4, entrée « 13003 », champ « geometry »"
        in result.stderr
    )
    assert "géométrie « Point » inattendue" in result.stderr


def test_every_error_of_every_file_is_listed_at_once(tmp_path):
    folder = copy_data(tmp_path)
    (folder / "oeth.yaml").write_text("verifie_le: 2026-02-30\n", encoding="utf-8")
    (folder / "recherche.yaml").write_text("mot_ignores:\n  - devis\n", encoding="utf-8")
    trades = folder / "trades.yaml"
    trades.write_text(trades.read_text(encoding="utf-8") + "\t\n", encoding="utf-8")
    result = run_check(folder)
    assert result.returncode == 1
    assert "data/trades.yaml, ligne " in result.stderr
    assert "data/oeth.yaml, ligne 1, champ « verifie_le » : date impossible" in result.stderr
    assert "data/recherche.yaml, ligne 1 : champ inconnu « mot_ignores »" in result.stderr
    # The directory's errors come first, then each other file's, as DATA_FILES lists them.
    assert result.stderr.index("trades.yaml") < result.stderr.index("oeth.yaml")
    assert result.stderr.index("oeth.yaml") < result.stderr.index("recherche.yaml")


def test_a_file_no_one_reads_is_reported(tmp_path):
    folder = copy_data(tmp_path)
    (folder / "etablissements.yaml").write_text("- id: x\n", encoding="utf-8")
    result = run_check(folder)
    assert result.returncode == 0, result.stderr
    assert (
        "data/etablissements.yaml (avertissement) : fichier qu'aucune partie du site ne lit"
    ) in result.stderr


def test_data_paths_resolve_against_the_data_folder():
    """One rule for every file: inside DIRECTORY_PATH, unless its setting names another."""
    settings = {"DIRECTORY_PATH": "/srv/donnees"}
    assert data_path(settings, "oeth.yaml") == Path("/srv/donnees/oeth.yaml")
    assert data_path(settings, "geo") == Path("/srv/donnees/geo")
    assert data_path(settings, "geo/communes-13.geojson") == Path(
        "/srv/donnees/geo/communes-13.geojson"
    )
    assert data_path({}, "history.yaml") == Path("data/history.yaml")
    moved = {**settings, "HISTORY_PATH": "autre.yaml", "SEARCH_SYNONYMS_PATH": "/tmp/s.yaml"}
    assert data_path(moved, "history.yaml") == Path("/srv/donnees/autre.yaml")
    assert data_path(moved, "synonyms.yaml") == Path("/tmp/s.yaml")
    with pytest.raises(KeyError):
        data_path(settings, "inconnu.yaml")
