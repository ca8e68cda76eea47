"""The context contract: every key the plugins hand each other is declared, with one message."""

import re

import pytest
from pelican.settings import DEFAULT_CONFIG, read_settings

from plugins.coopsoc import context as contract
from plugins.coopsoc.context import KEYS, PELICAN, ContextError, provide, require
from tests.harness.build import ROOT

SOURCES = sorted(
    p for p in (ROOT / "plugins").rglob("*.py") if p != ROOT / "plugins/coopsoc/context.py"
)
# A call of the contract: provide(context, "KEY", …), require(context, "KEY", by=…), get(…).
CALL = re.compile(r'(?<![\w.])(provide|require|get)\(\s*[\w.]+,\s*"(\w+)",(.*?)by="(\w+)"', re.S)
# Any other use of a context key: context["KEY"], context.get("KEY"), "KEY" in context.
DIRECT = (
    re.compile(r'context(?:\[|\.get\(|\.setdefault\()\s*"(\w+)"'),
    re.compile(r'"(\w+)"\s+(?:not\s+)?in\s+[\w.]*context\b'),
)
WRITE = re.compile(r'context\[\s*"\w+"\s*\]\s*=[^=]|context\.setdefault\(')


def _uses():
    """Yield (file, key, call name or None, plugin named by by=) for every use of a key."""
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(ROOT).as_posix()
        for call, key, _, plugin in CALL.findall(text):
            yield name, key, call, plugin
        for pattern in DIRECT:
            for key in pattern.findall(text):
                yield name, key, None, None


def test_every_context_key_used_in_the_plugins_is_declared():
    """A key read or written in plugins/ is declared, a setting, or one of Pelican's own."""
    settings = set(DEFAULT_CONFIG) | set(read_settings(str(ROOT / "pelicanconf.py")))
    uses = list(_uses())
    assert {key for _, key, call, _ in uses if call} >= {"DIRECTORY", "SECTIONS", "PUBLISHING"}
    undeclared = [
        f"{name}: {key}"
        for name, key, _, _ in uses
        if key not in KEYS and key not in PELICAN and key not in settings
    ]
    assert not undeclared


def test_producers_and_consumers_in_the_code_are_those_declared():
    """Each provide() names a declared producer, each require() or get() a declared consumer."""
    wrong = []
    for name, key, call, plugin in _uses():
        if call is None or key not in KEYS:
            continue
        declared = KEYS[key].producers if call == "provide" else KEYS[key].consumers
        if plugin not in declared:
            wrong.append(f"{name}: {call} {key} by {plugin}")
    assert not wrong


def test_every_declared_key_is_provided_by_a_producer():
    """No declared key is left without the code that publishes it."""
    provided = {(key, plugin) for _, key, call, plugin in _uses() if call == "provide"}
    for key, declared in KEYS.items():
        assert any((key, producer) in provided for producer in declared.producers), key


def test_plugins_write_the_context_only_through_provide():
    """context["KEY"] = … or setdefault would bypass the declared table."""
    writes = [p.relative_to(ROOT).as_posix() for p in SOURCES if WRITE.search(p.read_text("utf-8"))]
    assert not writes


def test_provide_refuses_an_undeclared_key_or_producer():
    """Publishing a key missing from the table, or by another plugin, fails in French."""
    with pytest.raises(ContextError, match="« INCONNUE » n’est pas déclarée"):
        provide({}, "INCONNUE", 1, by="directory")
    with pytest.raises(ContextError, match="« plugins.search » n’est pas déclaré pour publier"):
        provide({}, "DIRECTORY", object(), by="search")
    with pytest.raises(ContextError, match="n’est pas déclaré pour lire « OETH »"):
        require({"OETH": 1}, "OETH", by="search")


def test_merged_keys_gather_every_producer_entries():
    """SECTIONS collects the {lien:…} addresses of several plugins."""
    context = {}
    provide(context, "SECTIONS", {"metiers": "metiers/"}, by="directory")
    provide(context, "SECTIONS", {"recherche": "recherche/"}, by="search")
    assert context["SECTIONS"] == {"metiers": "metiers/", "recherche": "recherche/"}


def test_a_missing_key_names_producer_consumer_and_plugins_order():
    """One message: the key, what it holds, who publishes it and the order to fix."""
    with pytest.raises(ContextError) as error:
        contract.require({}, "OETH", by="brochure")
    assert str(error.value) == (
        "Contexte : « OETH » (les règles de l’obligation d’emploi de data/oeth.yaml) manque "
        "à « plugins.brochure ». Il est publié par « plugins.buyertools » : dans le réglage "
        "PLUGINS, « plugins.buyertools » doit figurer avant « plugins.brochure »."
    )
