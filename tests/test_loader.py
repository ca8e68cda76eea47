"""Tests of the directory loader: the real data, a table of mistakes, the CLI."""

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.coopsoc.data.problems import ERROR, WARNING, Problem, load_all
from plugins.coopsoc.directory.history import Event, load_history
from plugins.coopsoc.directory.loader import DirectoryError, load_directory
from plugins.coopsoc.directory.model import Directory
from plugins.coopsoc.text import (
    NARROW_NBSP,
    fold,
    format_number_fr,
    french_number,
)
from plugins.directory.figures import shown_figures, years_since
from tests.harness.build import ROOT
from tests.loader_cases import (
    CASES,
    DECLARATION,
    ESTABLISHMENTS,
    FILES,
    HISTORY,
    TRADES,
)

# The minimal folder declared real: its published figures are written but unused.
DECLARATION_OFF = DECLARATION.replace("exemple: true", "exemple: false")

DATA = ROOT / "data"


def write_data(base: Path, **changes) -> Path:
    """Write the minimal valid data folder, with some files changed (None: deleted)."""
    folder = base / "data"
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in {**FILES, **changes}.items():
        if content is None:
            continue
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def write_checked_data(base: Path, **changes) -> Path:
    """Write the minimal data folder with the real files make check also reads."""
    folder = write_data(base, **changes)
    for name in ("oeth.yaml", "audit-rgaa.yaml"):
        shutil.copy(DATA / name, folder / name)
    shutil.copytree(DATA / "geo", folder / "geo")
    return folder


def load_errors(folder: Path) -> tuple[Problem, ...]:
    """Load a folder that must fail, history included as the build does, and return its errors."""
    with pytest.raises(DirectoryError) as caught:
        load_all(lambda: load_directory(folder), lambda: load_history(folder / "history.yaml"))
    return caught.value.problems


@pytest.fixture(scope="module")
def real() -> Directory:
    return load_directory(DATA)


# The real data


def test_real_data_loads_without_error_or_warning(real):
    assert real.warnings == ()


def test_real_data_figures(real):
    figures = real.figures()
    assert figures["etablissements"] == 37
    assert (figures["esat"], figures["ea"], figures["chrs"]) == (29, 6, 2)
    assert figures["associations"] == 20
    assert 2640 <= figures["travailleurs"] <= 2720
    assert figures["metiers"] >= 34
    assert figures["filieres"] == 11
    assert figures["communes"] >= 20


def test_chrs_people_are_not_counted_as_disabled_workers(real):
    """Figures: travailleurs sums ESAT and EA only; CHRS people are counted apart (L345-1)."""
    figures = real.figures()
    by_type = real.establishments_by_type()
    assert by_type["CHRS"], "the real data has CHRS: the invariant is tested on them"
    assert figures["travailleurs"] == sum(
        e.travailleurs for kind in ("ESAT", "EA") for e in by_type[kind]
    )
    assert figures["personnes_accueillies"] == sum(e.travailleurs for e in by_type["CHRS"])
    assert figures["travailleurs"] + figures["personnes_accueillies"] == sum(
        e.travailleurs for e in real.establishments
    )
    assert [e.deductible for e in by_type["CHRS"]] == [False] * len(by_type["CHRS"])
    assert all(e.deductible for kind in ("ESAT", "EA") for e in by_type[kind])


def test_trade_needs_read_as_french(real):
    """A trade's optional « besoin » completes « Un besoin … ? » with its preposition."""
    needs = {t.id: t.besoin for t in real.trades.values() if t.besoin}
    assert needs["debarras-encombrants"] == "de débarras ou d’enlèvement d’encombrants"
    assert real.trade("menuiserie").besoin is None


def test_real_data_shape(real):
    assert all(2 <= len(e.trades) <= 6 for e in real.establishments)
    for establishment in real.establishments:
        bounds = {"ESAT": (40, 130), "EA": (15, 90), "CHRS": (10, 30)}[establishment.type]
        assert bounds[0] <= establishment.travailleurs <= bounds[1], establishment.id
    assert all(real.establishments_for_association(a.id) for a in real.associations)
    assert all(real.establishments_for_trade(trade_id) for trade_id in real.trades)
    names = {"Marseille", "Aubagne", "Aix-en-Provence", "Arles"}
    assert names <= {commune.nom for commune in real.communes_in_use()}


def test_marseille_is_one_commune(real):
    """Marseille's arrondissements (INSEE 13201 to 13216) belong to the commune 13055."""
    codes = [commune.code_insee for commune in real.communes]
    assert len(codes) == len(set(codes))
    assert not [code for code in codes if "13201" <= code <= "13216"]
    marseille = [commune for commune in real.communes if "marseille" in commune.slug]
    assert [(c.nom, c.code_insee) for c in marseille] == [("Marseille", "13055")]


def test_real_data_is_a_declared_sample_without_certifications(real):
    """The invented establishments claim no certification or label (data/annuaire.yaml)."""
    assert real.sample is True
    assert real.published_minimums == {"travailleurs": 2700, "metiers": 30}
    assert [e.id for e in real.establishments if e.certifications] == []


def test_real_data_ids_are_unique_across_filieres_and_trades(real):
    ids = [f.id for f in real.filieres] + list(real.trades)
    assert len(ids) == len(set(ids))


def test_real_history_loads_in_file_order():
    written = yaml.safe_load((DATA / "history.yaml").read_text(encoding="utf-8"))
    events = load_history(DATA / "history.yaml")
    assert [(e.date, e.titre, e.texte) for e in events] == [
        (w["date"], w["titre"], w["texte"]) for w in written
    ]
    assert all(event.texte_html == "" for event in events)  # The loader renders no Markdown.


# The history timeline


@pytest.mark.parametrize(
    ("written", "label"),
    [("1965", "1965"), ("1965-07-29", "29 juillet 1965"), ("2020-01-01", "1er janvier 2020")],
)
def test_history_date_label_is_french(written, label):
    assert Event(written, "Titre", "Texte").label == label


def test_history_year_alone_may_come_before_or_after_a_day_of_the_same_year(tmp_path):
    history = (
        '- date: "1965-03-01"\n  titre: A\n  texte: a\n'
        '- date: "1965"\n  titre: B\n  texte: b\n'
        '- date: "1965-07-29"\n  titre: C\n  texte: c\n'
        '- date: "1965-07-29"\n  titre: D\n  texte: d\n'
        '- date: "1966"\n  titre: E\n  texte: e\n'
    )
    events = load_history(write_data(tmp_path, **{"history.yaml": history}) / "history.yaml")
    assert [event.titre for event in events] == ["A", "B", "C", "D", "E"]


def test_history_text_is_kept_as_written(tmp_path):
    events = load_history(write_data(tmp_path) / "history.yaml")
    assert events == (
        Event(
            "1965",
            "Le besoin d'un interlocuteur unique",
            "Des directeurs d'établissements décident de s'unir.",
        ),
        Event("1965-07-29", "Fondation", "L'association est fondée."),
    )


# The table of mistakes


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_is_reported(tmp_path, case):
    folder = write_data(tmp_path, **{case.file: case.content()})
    problems = load_errors(folder)
    matching = [p for p in problems if case.expected in p.message]
    assert matching, "\n".join(str(p) for p in problems)
    problem = matching[0]
    assert problem.file == f"data/{case.file}"
    assert (problem.line, problem.field) == (case.line, case.field), str(problem)
    if case.entry is not None:
        assert problem.entry == case.entry
    assert problem.severity == ERROR


def test_minimal_folder_is_valid(tmp_path):
    directory = load_directory(write_data(tmp_path))
    assert [e.id for e in directory.establishments] == ["ea-le-romarin", "esat-le-cade"]
    assert directory.warnings == ()
    assert directory.sample is True
    assert directory.published_minimums == {"travailleurs": 50, "metiers": 2}


def test_real_data_need_no_published_figures(tmp_path):
    """With exemple: false, chiffres_publies may go and nothing is compared to it."""
    changed = ESTABLISHMENTS.replace("type: EA", "type: ESAT")
    folder = write_data(
        tmp_path, **{"annuaire.yaml": "exemple: false\n", "establishments.yaml": changed}
    )
    directory = load_directory(folder)
    assert (directory.sample, directory.published_minimums) == (False, {})


def test_sample_shows_published_lower_bounds_instead_of_sums(tmp_path):
    directory = load_directory(write_data(tmp_path))
    computed = directory.figures()
    shown = shown_figures(directory, date(2026, 1, 1), date(1965, 7, 29))
    assert (computed["travailleurs"], computed["metiers"]) == (80, 2)
    assert french_number(shown["travailleurs"]) == "plus de 50"
    assert french_number(shown["metiers"]) == "plus de 2"
    assert {k: v for k, v in shown.items() if k not in ("travailleurs", "metiers")} == {
        **{k: v for k, v in computed.items() if k not in ("travailleurs", "metiers")},
        "annees": 60,
    }
    assert french_number(shown["etablissements"]) == "2"

    real = load_directory(write_data(tmp_path / "reel", **{"annuaire.yaml": DECLARATION_OFF}))
    shown = shown_figures(real, date(2026, 1, 1), date(1965, 7, 29))
    assert shown == {**real.figures(), "annees": 60}
    assert french_number(shown["travailleurs"]) == "80"


def test_every_problem_of_every_file_is_reported_at_once(tmp_path):
    folder = write_data(
        tmp_path,
        **{
            "communes.csv": FILES["communes.csv"].replace("13400", "134"),
            "associations.yaml": FILES["associations.yaml"].replace("nom:", "nome:"),
            "trades.yaml": TRADES.replace("id: proprete", "id: Propreté"),
            "establishments.yaml": ESTABLISHMENTS.replace(
                "travailleurs: 60", "travailleurs: -3"
            ).replace("intervention_sur_site: false", "intervention_sur_site: non"),
        },
    )
    problems = load_errors(folder)
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("data/communes.csv", 2, "code_postal"),
        ("data/associations.yaml", 2, "nome"),
        ("data/trades.yaml", 2, "id"),
        ("data/establishments.yaml", 6, "travailleurs"),
        ("data/establishments.yaml", 29, "intervention_sur_site"),
    ]


def test_error_message_lists_every_problem_under_a_french_header(tmp_path):
    changed = ESTABLISHMENTS.replace("type: ESAT", "type: ESTA").replace(
        "    - lavage-vehicules", "    - lavage-vehicule"
    )
    with pytest.raises(DirectoryError) as caught:
        load_directory(write_data(tmp_path, **{"establishments.yaml": changed}))
    lines = str(caught.value).splitlines()
    assert lines[0] == "2 erreurs dans les données de l'annuaire :"
    assert lines[2] == (
        "data/establishments.yaml, ligne 9, entrée « esat-le-cade », champ « metiers » : "
        "métier inconnu « lavage-vehicule » — vouliez-vous dire « lavage-vehicules » ?"
    )


def test_problem_without_id_names_the_entry_by_its_position():
    problem = Problem("data/x.yaml", 3, "entrée n° 2", "nom", "texte vide", ERROR)
    assert str(problem) == "data/x.yaml, ligne 3, entrée n° 2, champ « nom » : texte vide"
    missing = Problem("data/x.yaml", None, None, None, "fichier introuvable", ERROR)
    assert str(missing) == "data/x.yaml : fichier introuvable"


def test_unused_trade_filiere_and_association_are_warnings_not_errors(tmp_path):
    trades = TRADES + (
        "  - id: textile\n"
        "    nom: Textile\n"
        "    description: Couture.\n"
        "    metiers:\n"
        "      - id: couture\n"
        "        nom: Couture\n"
        "        description: Retouches.\n"
    )
    associations = FILES["associations.yaml"] + (
        "- id: les-figuiers\n  nom: Les Figuiers\n  commune: Aubagne\n  presentation: Test.\n"
    )
    # Declared real: the extra association would not match the sample's published count.
    changes = {"trades.yaml": trades, "associations.yaml": associations}
    directory = load_directory(
        write_data(tmp_path, **changes, **{"annuaire.yaml": DECLARATION_OFF})
    )
    assert all(w.severity == WARNING for w in directory.warnings)
    by_entry = {w.entry: w for w in directory.warnings}
    assert set(by_entry) == {"textile", "couture", "les-figuiers"}
    assert by_entry["couture"].line == 16
    assert "aucun établissement ne pratique ce métier" in by_entry["couture"].message
    assert "(avertissement)" in str(by_entry["couture"])
    assert directory.figures()["metiers"] == 2


def test_certifications_may_be_omitted_or_empty(tmp_path):
    changed = ESTABLISHMENTS.replace("  certifications:\n    - ISO 9001\n", "")
    changed = changed.replace(
        "  moyens:\n    - Un atelier\n", "  moyens:\n    - Un atelier\n  certifications: []\n"
    )
    directory = load_directory(write_data(tmp_path, **{"establishments.yaml": changed}))
    assert all(e.certifications == () for e in directory.establishments)


# Text is never altered


_TEXT = st.one_of(
    st.sampled_from(
        [
            "<script>alert('x')</script>",
            "\"Guillemets\" et 'apostrophes' & esperluette",
            "Deux-points : et # dièse",
            "- tiret, [crochets], {accolades}, *étoile, &ancre, !point",
            "yes",
            "1965",
            "  espaces autour  ",
            "Œuvre n° 3 — « Provence » ☀️ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        ]
    ),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1),
).filter(lambda text: text.strip())


def yaml_quoted(text: str) -> str:
    """Write text as a YAML double-quoted scalar, escaping only what YAML requires."""
    out = []
    for char in text:
        code = ord(char)
        printable = (
            char == " "
            or 0x21 <= code <= 0x7E
            or 0xA0 <= code <= 0xD7FF
            or 0xE000 <= code <= 0xFFFD
            or code >= 0x10000
        ) and char not in "\u2028\u2029"
        if char in '"\\':
            out.append("\\" + char)
        elif printable:
            out.append(char)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04X}")
        else:
            out.append(f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


@settings(max_examples=60, deadline=None)
@given(nom=_TEXT, presentation=_TEXT)
def test_text_fields_load_back_unchanged(nom, presentation):
    changed = ESTABLISHMENTS.replace("nom: ESAT Le Cade", f"nom: {yaml_quoted(nom)}").replace(
        "presentation: Un ESAT d'exemple.", f"presentation: {yaml_quoted(presentation)}"
    )
    with tempfile.TemporaryDirectory() as base:
        directory = load_directory(write_data(Path(base), **{"establishments.yaml": changed}))
    establishment = directory.establishment("esat-le-cade")
    assert establishment.nom == nom
    assert establishment.presentation == presentation


# Model helpers and figures


@pytest.mark.parametrize(
    ("today", "years"),
    [(date(2026, 7, 28), 60), (date(2026, 7, 29), 61), (date(1965, 7, 29), 0)],
)
def test_years_since_founding(real, today, years):
    founded = date(1965, 7, 29)
    assert years_since(founded, today) == years
    assert shown_figures(real, today, founded)["annees"] == years


def test_establishments_are_sorted_by_name_ignoring_accents(real):
    folded = [fold(e.nom) for e in real.establishments]
    assert folded == sorted(folded)
    names = [e.nom for e in real.establishments]
    etang = names.index("ESAT Étang de l'Olivier")
    # Code-point order would put « É » after « Z »: the accent is ignored instead.
    assert names[etang - 1 : etang + 2] == [
        "ESAT Durance Ouvrage",
        "ESAT Étang de l'Olivier",
        "ESAT L'Atelier des Milles",
    ]


def test_indexes(real):
    for trade_id in real.trades:
        found = real.establishments_for_trade(trade_id)
        assert all(trade_id in e.trade_ids for e in found)
        assert list(found) == [e for e in real.establishments if trade_id in e.trade_ids]
    by_type = real.establishments_by_type()
    assert list(by_type) == ["ESAT", "EA", "CHRS"]
    assert sum(len(group) for group in by_type.values()) == 37
    by_commune = real.establishments_by_commune()
    assert tuple(by_commune) == real.communes_in_use()
    assert all(e.commune == commune for commune, group in by_commune.items() for e in group)
    assert real.trade("menuiserie").filiere_id == "bois-batiment-artisanat"
    assert real.filiere("proprete").trades[0].id == "nettoyage-locaux"


def test_format_number_fr():
    assert format_number_fr(2724) == f"2{NARROW_NBSP}724"
    assert format_number_fr(37) == "37"
    assert format_number_fr(1234567) == f"1{NARROW_NBSP}234{NARROW_NBSP}567"
    assert format_number_fr(43.25, decimals=1) == "43,2"


def test_loading_work_grows_linearly(tmp_path):
    """Eight times the entries cost about eight times the work, never sixty-four.

    Work is counted as function calls (a profile hook), not timed: the count is the same
    on a loaded machine, so the test cannot fail by bad luck.
    """

    def calls(count: int) -> int:
        entries = []
        for number in range(count):
            entries.append(
                ESTABLISHMENTS.split("- id: ea-le-romarin")[0].replace(
                    "esat-le-cade", f"esat-{number}"
                )
            )
        # Declared real: the sample's published counts are those of the two-entry folder.
        changes = {"establishments.yaml": "".join(entries), "annuaire.yaml": DECLARATION_OFF}
        folder = write_data(tmp_path / str(count), **changes)
        counted = 0

        def count_call(frame, event, arg):
            nonlocal counted
            if event in ("call", "c_call"):
                counted += 1

        sys.setprofile(count_call)
        try:
            directory = load_directory(folder)
        finally:
            sys.setprofile(None)
        assert len(directory.establishments_for_trade("lavage-vehicules")) == count
        return counted

    small, large = calls(250), calls(2000)
    # Eight times the entries: a quadratic loader would make about 64 times more calls.
    assert large < small * 10, (small, large)


# Command line


def run_check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "plugins.coopsoc.check", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_succeeds_on_real_data():
    result = run_check(str(DATA))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Données valides : 37 établissements (29 ESAT, 6 EA, 2 CHRS)")
    events = len(load_history(DATA / "history.yaml"))
    summary, sample = result.stdout.rstrip().splitlines()
    assert summary.endswith(f", {events} événements dans l'histoire.")
    assert sample.startswith("Ce sont des données d'exemple (annuaire.yaml : exemple: true)")
    assert (
        f"2{NARROW_NBSP}682 travailleurs en ESAT et en EA, "
        "42 personnes accueillies en atelier de CHRS, "
    ) in result.stdout
    assert result.stderr == ""


def test_check_fails_and_explains_in_french(tmp_path):
    folder = write_checked_data(tmp_path, **{"trades.yaml": None})
    result = run_check(str(folder))
    assert result.returncode == 1
    assert "1 erreur dans les données de l'annuaire :" in result.stderr
    assert "data/trades.yaml : fichier introuvable" in result.stderr


def test_check_reports_history_and_directory_errors_at_once(tmp_path):
    folder = write_checked_data(
        tmp_path,
        **{
            "establishments.yaml": ESTABLISHMENTS.replace("type: ESAT", "type: ESTA"),
            "history.yaml": HISTORY.replace('"1965-07-29"', '"1964-07-29"'),
        },
    )
    result = run_check(str(folder))
    assert result.returncode == 1
    assert "2 erreurs dans les données de l'annuaire :" in result.stderr
    assert "data/establishments.yaml, ligne 3" in result.stderr
    assert (
        "data/history.yaml, ligne 4, entrée n° 2, champ « date » : ordre chronologique non respecté"
    ) in result.stderr


def test_check_prints_warnings_but_succeeds(tmp_path):
    changed = ESTABLISHMENTS.replace("    - lavage-vehicules\n", "")
    result = run_check(str(write_checked_data(tmp_path, **{"establishments.yaml": changed})))
    assert result.returncode == 0
    assert "1 avertissement" in result.stderr
    assert "lavage-vehicules" in result.stderr


def test_check_rejects_unknown_options():
    assert run_check("--inconnu").returncode == 2


def test_check_imports_neither_pelican_nor_markdown():
    code = (
        "import sys\n"
        "from plugins.coopsoc import check\n"
        "assert check.main([sys.argv[1]]) == 0\n"
        "print(sorted(m for m in ('pelican', 'markdown', 'jinja2') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(DATA)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines()[-1] == "[]"
