"""The shape of the code: one name per module, a core no plugin bypasses, small files.

Read from the source with the ast module, so the rules hold for code not yet run by a test.
"""

import ast
import re
import runpy
from pathlib import Path

import pytest

from tests.harness.build import ROOT

PLUGINS_DIR = ROOT / "plugins"
CORE = "coopsoc"
PLUGIN_NAMES = sorted(
    p.name for p in PLUGINS_DIR.iterdir() if (p / "__init__.py").is_file() and p.name != CORE
)
MAX_LINES = 300
PYTHON_FILES = sorted(PLUGINS_DIR.rglob("*.py"))
ALL_CODE = sorted(
    [*PYTHON_FILES, *(ROOT / "tests").rglob("*.py"), *(ROOT / "benchmarks").rglob("*.py")]
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, name: str | None = None) -> list[tuple[int, str]]:
    """Return (line, absolute module name) for every import of a file, relative ones resolved.

    name is the file's module name, by default read from its place under the project root.
    """
    package = name or _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module
            found.append((node.lineno, module))
            # `from plugins import search` imports the plugin itself.
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def _owner(module: str) -> str | None:
    """Return the plugin (or the core) a module name belongs to, None if outside plugins/."""
    parts = module.split(".")
    if parts[0] == "plugins" and len(parts) > 1 and parts[1] in (*PLUGIN_NAMES, CORE):
        return parts[1]
    return None


def test_the_plugins_are_the_packages_of_the_plugins_folder():
    expected = [
        "admin",
        "audit",
        "brochure",
        "buyertools",
        "directory",
        "publishing",
        "search",
        "sitekit",
    ]
    assert expected == PLUGIN_NAMES


@pytest.mark.parametrize("path", PYTHON_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_plugin_imports_only_itself_and_the_core(path):
    """Plugins share code through plugins.coopsoc, never by importing each other."""
    here = _owner(_module_name(path))
    wrong = [
        f"line {line}: {module}"
        for line, module in imported_modules(path)
        if _owner(module) not in (None, here, CORE)
    ]
    if here == CORE:
        # The core stands below every plugin: it imports none.
        wrong += [
            f"line {line}: {module}"
            for line, module in imported_modules(path)
            if _owner(module) not in (None, CORE)
        ]
    assert not wrong, f"{path.relative_to(ROOT)} imports another plugin: {wrong}"


@pytest.mark.parametrize("path", ALL_CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_module_is_imported_by_one_name_only(path):
    """No bare plugin name (« sitekit.filters »): every module is plugins.<name>.…"""
    bare = {*PLUGIN_NAMES, CORE}
    wrong = [
        f"line {line}: {module}"
        for line, module in imported_modules(path)
        if module.split(".")[0] in bare
    ]
    assert not wrong, f"{path.relative_to(ROOT)} imports a plugin by its bare name: {wrong}"


@pytest.mark.parametrize("settings_file", ["pelicanconf.py", "publishconf.py"])
def test_the_settings_name_plugins_by_their_dotted_name(settings_file, monkeypatch):
    monkeypatch.chdir(ROOT)
    settings = runpy.run_path(str(ROOT / settings_file))
    ours = [name for name in settings["PLUGINS"] if not name.startswith("pelican.")]
    assert all(name.startswith("plugins.") for name in ours), ours
    assert sorted(name.removeprefix("plugins.") for name in ours) == PLUGIN_NAMES


@pytest.mark.parametrize("path", PYTHON_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_python_file_of_the_plugins_exceeds_the_limit(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)}: {lines} lines (at most {MAX_LINES})"


def test_the_import_scan_sees_a_plugin_importing_another(tmp_path):
    """The rule above can fail: a file importing a sibling plugin is caught."""
    probe = tmp_path / "probe.py"
    probe.write_text("from plugins.directory import generator\nfrom . import export\n")
    modules = [module for _, module in imported_modules(probe, "plugins.search.probe")]
    assert "plugins.directory.generator" in modules
    assert "plugins.search.export" in modules
    assert _owner("plugins.directory.generator") == "directory"


# French text: each rule written once in Python (plugins/coopsoc/text.py).
TEXT_MODULE = PLUGINS_DIR / CORE / "text.py"


def _source_without(path: Path) -> list[tuple[Path, str]]:
    return [(p, p.read_text(encoding="utf-8")) for p in PYTHON_FILES if p != path]


@pytest.mark.parametrize(
    ("what", "pattern"),
    [
        ("a no-break space written as an escape", r"\\u00a0|\\u202f|\\xa0"),
        ("a list of month names", r"[\"']janvier[\"']"),
        ("a thousands separator", r":,[{}.d]"),
        ("a plural rule", r"[\"']s[\"'] if | == 1 else [\"']|abs\(count\) < 2"),
    ],
)
def test_french_text_rules_are_written_once(what, pattern):
    """Month names, no-break spaces, digit grouping and plurals live in coopsoc/text.py."""

    assert re.search(pattern, TEXT_MODULE.read_text(encoding="utf-8")), (
        f"{what} should be in {TEXT_MODULE.relative_to(ROOT)}"
    )
    elsewhere = [
        f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, found.start()) + 1}"
        for path, text in _source_without(TEXT_MODULE)
        for found in re.finditer(pattern, text)
    ]
    assert not elsewhere, f"{what} outside {TEXT_MODULE.name}: {elsewhere}"


def test_templates_agree_nouns_with_the_pluriel_filter():
    """A template writes « 3 établissements » with |pluriel, never with an inline rule."""
    inline = re.compile(r"[\"']s[\"'] if |s[\"'] if [\w.|()]+ > 1 else")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "theme" / "templates").rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if inline.search(line)
    ]
    assert not found, f"inline plural rules: {found}"


def test_the_architecture_guide_lists_the_declared_context_keys():
    """docs/ARCHITECTURE.md shows the context contract as plugins/coopsoc/context.py declares it."""
    from plugins.coopsoc.context import KEYS

    guide = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = guide.split("## Les clés du contexte", 1)[1].split("\n## ", 1)[0]
    rows = {
        line.split("|")[1].strip(" `"): [cell.strip() for cell in line.split("|")[2:4]]
        for line in section.splitlines()
        if line.startswith("| `")
    }
    assert rows == {
        key: [", ".join(declared.producers), ", ".join(declared.consumers)]
        for key, declared in KEYS.items()
    }
