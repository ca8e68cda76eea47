"""What the templates reuse from page to page: fragments written once per key, and templates
compiled once for every generator's environment (plugins/sitekit)."""

from types import SimpleNamespace

import jinja2
import pytest

from plugins.sitekit import compiled, filters

LINKS = [("Accueil", ""), ("Métiers", "metiers/"), ("Contact", "contact/")]


def environment(templates: dict, **options) -> jinja2.Environment:
    """An environment like a generator's, with the site's filters and its own compiled code."""
    options = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, **options}
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), **options)
    filters.install(SimpleNamespace(env=env))
    return env


def test_aria_states_gives_each_link_its_state():
    states = filters.current_states
    assert states({"output_file": "metiers/index.html"}, LINKS) == (None, "page", None)
    assert states({"output_file": "metiers/bois/index.html"}, LINKS) == (None, "true", None)
    assert states({"output_file": "index.html"}, LINKS) == ("page", None, None)


MENU = (
    '{% call fragment("menu", links|aria_states) %}'
    "{% for label, path in links %}{{ label }}={{ path|aria_current }};{% endfor %}"
    "{% endcall %}"
)


def test_a_fragment_keyed_by_states_is_written_once_per_state():
    env = environment({"menu": MENU})
    template = env.get_template("menu")
    first = template.render(links=LINKS, output_file="metiers/a/index.html")
    assert first == "Accueil=None;Métiers=true;Contact=None;"
    # Another page of the section: the same states, the same fragment (one entry).
    assert template.render(links=LINKS, output_file="metiers/b/index.html") == first
    assert len(env.coopsoc_fragments) == 1
    # The section's own page and another section: other states, other fragments.
    assert (
        template.render(links=LINKS, output_file="metiers/index.html")
        == "Accueil=None;Métiers=page;Contact=None;"
    )
    assert (
        template.render(links=LINKS, output_file="contact/index.html")
        == "Accueil=None;Métiers=None;Contact=page;"
    )
    assert len(env.coopsoc_fragments) == 3


def test_a_tuple_holding_an_object_counts_by_identity():
    env = environment({"t": '{% call fragment("t", key) %}{{ n }}{% endcall %}'})
    template = env.get_template("t")
    key = (object(),)
    assert template.render(key=key, n=1) == "1"
    assert template.render(key=key, n=2) == "1"
    # An equal tuple is another key: only plain values compare by value.
    assert template.render(key=(key[0],), n=3) == "3"


def counting(env: jinja2.Environment) -> list:
    """Record every template env compiles from source."""
    names = []
    original = env.compile

    def compile_and_count(source, name=None, filename=None, *args, **kwargs):
        names.append(name)
        return original(source, name, filename, *args, **kwargs)

    env.compile = compile_and_count
    return names


@pytest.fixture
def shared():
    """The site's installation of the shared compiled code, emptied for the test."""
    saved = dict(compiled.SHARED.codes)
    compiled.SHARED.codes.clear()
    yield compiled.SHARED
    compiled.SHARED.codes.clear()
    compiled.SHARED.codes.update(saved)


def test_environments_with_the_same_options_compile_a_template_once(shared):
    templates = {"page": "{% if x %}\n  <p>{{ x }}</p>\n{% endif %}\n"}
    first, second = environment(templates), environment(templates)
    for env in (first, second):
        compiled.install(SimpleNamespace(env=env))
    compiled_first, compiled_second = counting(first), counting(second)
    assert first.get_template("page").render(x="<a>") == "  <p>&lt;a&gt;</p>\n"
    assert second.get_template("page").render(x="<b>") == "  <p>&lt;b&gt;</p>\n"
    assert compiled_first == ["page"]
    assert compiled_second == []


def test_other_options_or_another_source_compile_again(shared):
    source = "{% if x %}\n  <p>{{ x }}</p>\n{% endif %}\n"
    site = environment({"page": source})
    plain = environment({"page": source}, trim_blocks=False, lstrip_blocks=False)
    edited = environment({"page": source.replace("<p>", "<p class=a>")})
    for env in (site, plain, edited):
        compiled.install(SimpleNamespace(env=env))
    counts = [counting(env) for env in (site, plain, edited)]
    assert site.get_template("page").render(x="a") == "  <p>a</p>\n"
    assert plain.get_template("page").render(x="a") == "\n  <p>a</p>\n"
    assert edited.get_template("page").render(x="a") == "  <p class=a>a</p>\n"
    assert counts == [["page"], ["page"], ["page"]]
