"""The /admin/ editor: its generated configuration, its files and saving in the browser."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
import yaml
from playwright.sync_api import expect

from plugins.admin.config import NEWS_FIELDS, PAGE_FIELDS
from plugins.admin.schema import SHOWN_KINDS, SLUG_PATTERN
from plugins.coopsoc.directory.fields import (
    ASSOCIATION,
    ESTABLISHMENT,
    EVENT,
    TRADES_FILE,
    Kind,
    Table,
)
from tests.harness import editor
from tests.harness.build import ROOT
from tests.harness.publish import production_site
from tests.harness.server import ADMIN_CONTENT_SECURITY_POLICY

PELICAN_FORMAT = ROOT / "plugins/admin/editor/pelican.js"
NORMALIZE = ROOT / "plugins/admin/editor/normalize.mjs"


@pytest.fixture(scope="module")
def config(site):
    return yaml.safe_load((site / "admin/config.yml").read_text(encoding="utf-8"))


def _collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def _keys(fields) -> dict:
    """Return {name: nested keys or None} of the editor's fields."""
    return {
        field["name"]: _keys(field["fields"]) if "fields" in field else None for field in fields
    }


def _table_keys(table: Table) -> dict:
    """Return {key: nested keys or None} of a table of fields.py."""
    return {
        field.key: _table_keys(field.table) if field.kind in (Kind.ENTRIES, Kind.PHOTOS) else None
        for field in table.fields
    }


@pytest.mark.parametrize(
    "name, table",
    [
        ("etablissements", ESTABLISHMENT),
        ("associations", ASSOCIATION),
        ("histoire", EVENT),
        ("metiers", TRADES_FILE),
    ],
)
def test_every_field_of_the_schema_has_an_editor_field_and_no_other(config, name, table):
    """fields.py and the editor describe the same fields, nested ones included."""
    (entry,) = _collection(config, name)["files"]
    fields = entry["fields"]
    if len(fields) == 1 and fields[0].get("root"):
        fields = fields[0]["fields"]
    assert _keys(fields) == _table_keys(table)


@pytest.mark.parametrize("table", [ESTABLISHMENT, ASSOCIATION, EVENT, TRADES_FILE])
def test_every_field_shown_has_a_widget_of_its_kind(table):
    """A kind added to fields.py is shown as plain text until schema.py knows it: say so."""
    for field in table.fields:
        assert field.kind in SHOWN_KINDS, f"{field.key} : {field.kind}"
        if field.table is not None:
            test_every_field_shown_has_a_widget_of_its_kind(field.table)


def test_editor_fields_carry_the_schema_rules(config):
    """Labels, required flags, bounds, id pattern and choices come from fields.py and data/."""
    (entry,) = _collection(config, "etablissements")["files"]
    (root,) = entry["fields"]
    fields = {field["name"]: field for field in root["fields"]}
    assert root["root"] is True and root["widget"] == "list"
    workers = ESTABLISHMENT.field("travailleurs")
    assert fields["travailleurs"]["label"] == "Nombre de travailleurs"
    assert (fields["travailleurs"]["min"], fields["travailleurs"]["max"]) == (
        workers.minimum,
        workers.maximum,
    )
    assert fields["certifications"]["required"] is False
    assert fields["id"]["pattern"][0] == "^[a-z0-9]+(-[a-z0-9]+)*$"
    assert fields["type"]["options"] == ["ESAT", "EA", "CHRS"]
    trades = [option["label"] for option in fields["metiers"]["options"]]
    assert "Espaces verts — Élagage et travaux forestiers" in trades
    assert fields["metiers"]["multiple"] is True
    communes = [option["value"] for option in fields["commune"]["options"]]
    assert "Aubagne" in communes
    assert config["output"]["omit_empty_optional_fields"] is True


def test_page_collections_edit_raw_markdown(config):
    """Pages and news: Pelican's format, the body raw, every shown header declared."""
    for name, declared in (("pages", PAGE_FIELDS), ("actualites", NEWS_FIELDS)):
        collection = _collection(config, name)
        assert collection["format"] == "pelican-frontmatter"
        body = next(f for f in collection["fields"] if f["name"] == "body")
        assert body["modes"] == ["raw"]
        assert [f["name"] for f in collection["fields"]] == [f["name"] for f in declared]


def test_admin_page_is_french_noindex_and_outside_the_sitemap(site):
    """/admin/ speaks French, asks not to be indexed, and robots.txt keeps crawlers out."""
    page = (site / "admin/index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "Disallow: /admin/" in (site / "robots.txt").read_text(encoding="utf-8")
    # The editor's own files, nothing fetched from elsewhere.
    code = (site / "admin/editeur/main.js").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in code
    assert list((site / "admin/editeur/assets").glob("*.woff2"))


def test_production_sitemap_leaves_the_editor_out():
    prod = production_site()
    assert "/admin/" not in (prod / "sitemap.xml").read_text(encoding="utf-8")
    assert "Disallow: /admin/" in (prod / "robots.txt").read_text(encoding="utf-8")


def test_data_files_are_written_as_the_editor_writes_them():
    """A save rewrites its whole file: in the editor's format already, the diff is the edit."""
    files = [
        str(ROOT / "data" / name)
        for name in ("establishments.yaml", "associations.yaml", "trades.yaml", "history.yaml")
    ]
    result = subprocess.run(
        ["node", str(NORMALIZE), "--check", *files], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_page_round_trips_byte_identical_through_the_editor_format():
    """Each content/**/*.md, read and written back by the « pelican » format, as the editor
    writes a custom format (trimmed, one final line break), is the same bytes."""
    sources = sorted((ROOT / "content").rglob("*.md"))
    script = f"""
import {{ readFileSync }} from 'node:fs';
import {{ fromFile, toFile }} from {json.dumps(PELICAN_FORMAT.as_uri())};
const files = {json.dumps([str(p) for p in sources])};
const changed = files.filter((file) => {{
  const text = readFileSync(file, 'utf8');
  return `${{toFile(fromFile(text)).trim()}}\\n` !== text;
}});
console.log(JSON.stringify(changed));
"""
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script], capture_output=True, text=True, check=True
    )
    assert len(sources) >= 14
    assert json.loads(result.stdout) == []


def test_pelican_format_changes_only_the_edited_header():
    script = f"""
import {{ fromFile, toFile }} from {json.dumps(PELICAN_FORMAT.as_uri())};
const entry = fromFile('Title: Avant\\nSlug: a\\nURL:\\nSummary: Court.\\n\\n*[ESAT]: x\\n');
entry.Title = 'Après';
console.log(JSON.stringify(toFile(entry)));
"""
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script], capture_output=True, text=True, check=True
    )
    assert (
        json.loads(result.stdout) == "Title: Après\nSlug: a\nURL:\nSummary: Court.\n\n*[ESAT]: x\n"
    )


# In the browser --------------------------------------------------------------------------------


@pytest.fixture
def repository(tmp_path):
    return editor.repository_copy(tmp_path / "depot")


@pytest.fixture
def admin(browser, server, repository):
    """The editor on the copy of the repository, its console and requests recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    seen = {"errors": [], "foreign": [], "policies": []}
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith((server.origin, "blob:", "data:"))
            else seen["foreign"].append(r.url)
        ),
    )
    page.on(
        "response",
        lambda r: (
            seen["policies"].append(r.headers.get("content-security-policy"))
            if r.url == server.url("admin/")
            else None
        ),
    )
    editor.open_local_repository(page, server.url("admin/"), repository)
    page.get_by_role("button", name="Afficher le menu du compte").wait_for()
    yield page, seen
    context.close()


def _open(page, collection: str, entry: str):
    """Open an entry of a collection, from the editor's home, by its hash address."""
    page.evaluate(f"location.hash = '#/collections/{collection}'")
    page.get_by_role("row", name=entry, exact=True).click()


def _save(page, collection: str):
    """Save the open entry; wait until the editor has closed it, back on its collection."""
    page.get_by_role("button", name="Enregistrer").click()
    expect(page).to_have_url(re.compile(f"#/collections/{collection}$"))


def _open_establishments(page):
    _open(page, "etablissements", "Établissements")
    page.get_by_role("button", name="Développer").first.click()


def test_editing_an_establishment_and_a_page_changes_exactly_those_lines(admin, repository):
    page, seen = admin
    assert seen["policies"] == [ADMIN_CONTENT_SECURITY_POLICY]
    # The interface is French although the browser asks for English (the fixture waited
    # for « Afficher le menu du compte »).

    _open_establishments(page)
    workers = page.get_by_role("spinbutton", name="Nombre de travailleurs").first
    workers.fill("90")
    _save(page, "etablissements")
    establishments = editor.wait_for_file(page, "data/establishments.yaml", "travailleurs: 90")

    _open(page, "pages", "Qui sommes-nous ?")
    title = page.get_by_role("textbox", name="Titre")
    title.fill("Qui sommes-nous ? L’association")
    _save(page, "pages")
    about = editor.wait_for_file(
        page, "content/pages/qui-sommes-nous.md", "Title: Qui sommes-nous ? L’association"
    )

    (repository / "data/establishments.yaml").write_text(establishments, encoding="utf-8")
    (repository / "content/pages/qui-sommes-nous.md").write_text(about, encoding="utf-8")
    diff = editor.git(repository, "diff", "--unified=0", "--no-color")
    changes = [
        line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changes == [  # git lists content/ before data/
        "-Title: Qui sommes-nous ?",
        "+Title: Qui sommes-nous ? L’association",
        "-  travailleurs: 88",
        "+  travailleurs: 90",
    ]
    check = editor.run(repository, "plugins.coopsoc.check", "data")
    assert check.returncode == 0, check.stdout + check.stderr
    build = editor.run(
        repository, "plugins.sitekit.build", "--settings", "pelicanconf.py", "--output", "sortie"
    )
    assert build.returncode == 0, build.stdout + build.stderr
    assert "L’association" in (repository / "sortie/qui-sommes-nous/index.html").read_text()
    assert seen["errors"] == []
    assert seen["foreign"] == []


def test_bad_values_are_refused_in_the_browser_with_french_messages(admin, repository):
    """An empty required field, a workforce out of bounds and a malformed id: the editor
    refuses to save and says why, in French; the file is left as it was."""
    page, seen = admin
    before = editor.read_file(page, "data/establishments.yaml")
    _open_establishments(page)
    page.get_by_role("textbox", name="Nom", exact=True).first.fill("")
    page.get_by_role("spinbutton", name="Nombre de travailleurs").first.fill("5000")
    page.get_by_role("textbox", name="Identifiant", exact=True).first.fill("ESAT Aubagne")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("3 champs comportent des erreurs", exact=False)).to_be_visible()
    expect(page.get_by_text("Ce champ est obligatoire.").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"inférieure ou égale à 1.?500")).first).to_be_visible()
    expect(page.get_by_text(SLUG_PATTERN[1]).first).to_be_visible()
    assert editor.read_file(page, "data/establishments.yaml") == before
    assert seen["foreign"] == []


def test_an_unknown_trade_is_refused_by_make_check_in_french(repository):
    """The métiers are chosen from a list in the editor (nothing to type); a file edited
    by other means with an unknown métier is stopped by `make check`, which names it."""
    path = repository / "data/establishments.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"manutention"', '"manutension"', 1), encoding="utf-8")
    check = editor.run(repository, "plugins.coopsoc.check", "data")
    assert check.returncode != 0
    assert "métier inconnu « manutension »" in check.stdout + check.stderr
