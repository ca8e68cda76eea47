"""Publishing: sitemap, robots.txt, share and schema.org tags, news, easy-to-read pages,
fingerprinted and precompressed files, host configurations (deploy/)."""

import gzip
import hashlib
import json
import os
import re
import shutil
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import brotli
import jinja2
import pytest

from plugins.publishing.fingerprint import fingerprint, hashed_name
from plugins.publishing.readiness import publication_problems
from plugins.publishing.settings import publishing_settings
from plugins.publishing.structured_data import to_json_ld
from plugins.publishing.templating import structured_data
from tests.harness import apache, nginx
from tests.harness.build import ROOT, build_into, html_pages, run_build_command
from tests.harness.html import Node, parse_html, read_page
from tests.harness.publish import SITEURL, production_site
from tests.harness.server import ADMIN_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY

HOST_FILES = {"deploy/.htaccess": ".htaccess", "deploy/_headers": "_headers"}
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".geojson"}
URL_ATTRIBUTE = re.compile(r'(?:href|src|content)="([^"]+)"')
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
EDITOR_CODE = Path("admin/editeur")
HASHED = re.compile(r"(?P<stem>.+)\.(?P<hash>[0-9a-f]{8})(?P<suffix>\.[^.]+)$")
EASY_READ = {  # full page → its easy-to-read version
    "index.html": "facile-a-lire/index.html",
    "qui-sommes-nous/index.html": "facile-a-lire/qui-sommes-nous/index.html",
    "contact/index.html": "facile-a-lire/travailler-avec-nous/index.html",
}


@dataclass(frozen=True)
class Head:
    """A page's title, meta tags (by name or property), link elements and JSON-LD blocks."""

    title: str
    meta: dict[str, list[str]]
    links: list[dict]
    json_ld: list[str]


def head(path: Path) -> Head:
    page = read_page(path)
    meta = {}
    for tag in page.select("meta"):
        key = tag.get("name") or tag.get("property")
        if key:
            meta.setdefault(key, []).append(tag.get("content"))
    return Head(
        title=page.one("head > title").text,
        meta=meta,
        links=[link.attrs for link in page.select("link")],
        json_ld=json_ld(page),
    )


def json_ld(page: Node) -> list[str]:
    return [script.text for script in page.select('script[type="application/ld+json"]')]


def public_url(page: str) -> str:
    return f"{SITEURL}/{page.removesuffix('index.html')}"


@pytest.fixture(scope="module")
def prod() -> Path:
    """The production build, with precompressed copies and host files."""
    return production_site()


# Sitemap, robots.txt, canonical addresses ---------------------------------------------------


def prefilled_form(page: str) -> bool:
    """A copy of the request form prefilled for a trade, a filière or an establishment."""
    return page.startswith("demande/") and page != "demande/index.html"


def test_sitemap_lists_every_page_and_only_existing_ones(prod):
    """sitemap.xml lists every HTML page of the production build except the pages kept out
    of search engines (404, technical folders) and those naming another page's address as
    theirs (the prefilled request forms), nothing else."""
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ElementTree.parse(prod / "sitemap.xml")
    listed = [loc.text for loc in tree.getroot().iterfind("s:url/s:loc", namespace)]
    assert len(listed) == len(set(listed))
    files = []
    for url in listed:
        assert url.startswith(SITEURL + "/"), url
        path = url.removeprefix(SITEURL + "/")
        path = path + "index.html" if path == "" or path.endswith("/") else path
        assert (prod / path).is_file(), f"{url} : page absente de la construction"
        files.append(path)
    kept_out = [
        p
        for p in html_pages(prod)
        if head(prod / p).meta.get("robots") == ["noindex"] or prefilled_form(p)
    ]
    assert "404.html" in kept_out and "demande/index.html" not in kept_out
    assert "demande/metier-creation-entretien-espaces-verts/index.html" in kept_out
    expected = [p for p in html_pages(prod) if p not in kept_out]
    assert sorted(files) == expected


def test_robots_txt_points_to_the_sitemap(prod, site):
    """robots.txt gives the absolute address of the sitemap in production, none in development."""
    lines = (prod / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {SITEURL}/sitemap.xml" in lines
    assert "User-agent: *" in lines
    assert (prod / "sitemap.xml").is_file()
    assert "Sitemap:" not in (site / "robots.txt").read_text(encoding="utf-8")
    assert not (site / "sitemap.xml").exists()


def test_canonical_and_share_addresses_are_absolute_in_production(prod):
    """Each page names its own absolute address (canonical, og:url); the 404 page and the
    other pages kept out of search engines none."""
    for page in html_pages(prod):
        parsed = head(prod / page)
        canonical = [link["href"] for link in parsed.links if link.get("rel") == "canonical"]
        if page == "404.html" or parsed.meta.get("robots") == ["noindex"]:
            assert canonical == [] and parsed.meta["robots"] == ["noindex"]
            continue
        # A prefilled request form names the form's address: search engines keep one.
        own = public_url("demande/index.html" if prefilled_form(page) else page)
        assert canonical == [own], page
        assert parsed.meta["og:url"] == [own], page
        image = parsed.meta["og:image"][0]
        assert image.startswith(SITEURL + "/theme/images/partage.")
        assert (prod / image.removeprefix(SITEURL + "/")).is_file()


def test_development_pages_have_no_canonical_address(site):
    """In development the canonical address would be relative, hence pointless: none."""
    for page in html_pages(site):
        parsed = head(site / page)
        assert not [link for link in parsed.links if link.get("rel") == "canonical"], page
        assert "og:url" not in parsed.meta, page


def test_share_tags_on_every_page(prod):
    """Every page has the Open Graph tags, in French."""
    for page in html_pages(prod):
        meta = head(prod / page).meta
        for key in ("og:title", "og:description", "og:type", "og:site_name", "og:image"):
            assert meta.get(key) and meta[key][0].strip(), f"{page} : {key}"
        assert meta["og:locale"] == ["fr_FR"]


def test_titles_and_descriptions_are_present_and_unique(prod):
    """Every page has its own title and its own meta description."""
    titles, descriptions = {}, {}
    for page in html_pages(prod):
        parsed = head(prod / page)
        description = (parsed.meta.get("description") or [""])[0]
        assert parsed.title.strip(), page
        assert len(description) >= 50, f"{page} : description trop courte « {description} »"
        titles.setdefault(parsed.title.strip(), []).append(page)
        descriptions.setdefault(description, []).append(page)
    assert [p for p in titles.values() if len(p) > 1] == []
    assert [p for p in descriptions.values() if len(p) > 1] == []


def test_production_build_has_no_development_address(prod):
    """No relative ../ link, no link naming index.html, no local address in production."""
    for page in html_pages(prod):
        text = (prod / page).read_text(encoding="utf-8")
        assert not re.search(r'(?:href|src|action)="\.\./', text), page
        assert not re.search(r'(?:href|src|action|content)="[^"]*index\.html"', text), page
    for path in prod.rglob("*"):
        # The editor's own code (admin/editeur/) names 127.0.0.1 and localhost: it offers its
        # local mode there. Its page and its configuration are checked like the rest.
        if path.suffix in TEXT_SUFFIXES and EDITOR_CODE not in path.relative_to(prod).parents:
            text = path.read_text(encoding="utf-8")
            assert "127.0.0.1" not in text and "localhost" not in text, path


# Structured data (JSON-LD) -------------------------------------------------------------------


def test_json_ld_parses_on_every_page(prod):
    """Each JSON-LD block is valid JSON for schema.org, with no raw markup character."""
    pages_with_data = 0
    for page in html_pages(prod):
        for block in head(prod / page).json_ld:
            assert "<" not in block and ">" not in block, page
            data = json.loads(block)
            assert data["@context"] == "https://schema.org", page
            pages_with_data += 1
    assert pages_with_data > 1


def _json_ld(site: Path, page: str, kind: str) -> dict:
    blocks = [json.loads(b) for b in head(site / page).json_ld]
    found = [b for b in blocks if b["@type"] == kind]
    assert len(found) == 1, f"{page} : {kind}"
    return found[0]


def test_json_ld_describes_the_association_and_its_members(prod, directory):
    """The home page describes COOPSOC with every member establishment."""
    organization = _json_ld(prod, "index.html", "Organization")
    assert organization["@id"] == f"{SITEURL}/#organisation"
    members = {m["url"] for m in organization["member"]}
    assert members == {public_url(f"etablissements/{e.id}/") for e in directory.establishments}
    assert organization["hasOfferCatalog"]["@id"] == f"{SITEURL}/metiers/#catalogue"


def test_json_ld_describes_each_establishment(prod, directory):
    """Each establishment page says where it is, what it does and to whom it belongs."""
    for e in directory.establishments:
        data = _json_ld(prod, f"etablissements/{e.id}/index.html", "LocalBusiness")
        assert data["name"] == e.nom
        assert data["address"]["addressLocality"] == e.commune.nom
        assert data["address"]["postalCode"] == e.commune.code_postal
        assert data["areaServed"] == e.zone_intervention
        assert data["knowsAbout"] == [t.nom for t in e.trades]
        assert data["parentOrganization"]["name"] == e.association.nom
        assert data["memberOf"]["@id"] == f"{SITEURL}/#organisation"


def test_json_ld_catalogue_lists_every_filiere_and_trade(prod, directory):
    """The catalogue page is an OfferCatalog: one list per filière, one offer per trade."""
    catalogue = _json_ld(prod, "metiers/index.html", "OfferCatalog")
    assert [f["name"] for f in catalogue["itemListElement"]] == [f.nom for f in directory.filieres]
    offered = [
        o["itemOffered"]["name"] for f in catalogue["itemListElement"] for o in f["itemListElement"]
    ]
    assert sorted(offered) == sorted(t.nom for t in directory.trades.values())


def organization_on_home_page(directory, listed_max: int) -> dict:
    """The Organization the home page carries, its directory as given."""
    environment = jinja2.Environment()
    environment.filters["link"] = lambda context, path: f"https://example.org/{path}"
    environment.globals["structured_data"] = structured_data
    options = {**publishing_settings({}), "PUBLISHING_MEMBERS_LISTED_MAX": listed_max}
    template = environment.from_string("{{ structured_data()|tojson }}")
    rendered = template.render(
        DIRECTORY=directory, PUBLISHING=options, output_file="index.html", SITENAME="COOPSOC"
    )
    return next(d for d in json.loads(rendered) if d["@type"] == "Organization")


def test_home_page_names_its_members_while_the_directory_is_small(directory):
    """Up to PUBLISHING_MEMBERS_LISTED_MAX establishments, the home page lists them; beyond,
    each establishment's page alone says it is a member: the home page stays light."""
    count = len(directory.establishments)
    assert len(organization_on_home_page(directory, count)["member"]) == count
    assert "member" not in organization_on_home_page(directory, count - 1)


HOSTILE = "</script><script>alert(1)</script><!-- & \u2028"


def test_json_ld_serializer_keeps_hostile_text_inside_the_script():
    """A name with </script> cannot end the element: it comes back intact from the JSON."""
    environment = jinja2.Environment(autoescape=True)
    environment.filters["jsonld"] = to_json_ld
    template = environment.from_string(
        '<script type="application/ld+json">{{ data|jsonld }}</script><p>fin</p>'
    )
    html = template.render(data={"name": HOSTILE, "list": [HOSTILE]})
    parsed = parse_html(html)
    assert len(json_ld(parsed)) == 1
    assert json.loads(json_ld(parsed)[0]) == {"name": HOSTILE, "list": [HOSTILE]}
    assert parsed.shown_text == "fin"
    assert html.count("<script") == 1


# News -----------------------------------------------------------------------------------------


def test_news_index_article_and_home(site):
    """/actualites/ lists the articles with their date; the home page shows the latest."""
    articles = sorted((ROOT / "content/articles").glob("*.md"))
    assert articles
    index = (site / "actualites/index.html").read_text(encoding="utf-8")
    assert index.count('class="cs-news__item"') == min(len(articles), 10)
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">\d', index)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home.count('class="cs-news__item"') == min(len(articles), 3)
    for link in re.findall(r'class="cs-news__title"><a href="([^"]+)"', home):
        assert (site / link).is_file()


def test_news_feed_in_production_only(prod, site):
    """The Atom feed exists in production, is linked from every page, and lists the news."""
    feed = ElementTree.parse(prod / "actualites/atom.xml").getroot()
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == len(list((ROOT / "content/articles").glob("*.md")))
    alternate = [
        link["href"]
        for link in head(prod / "contact/index.html").links
        if link.get("rel") == "alternate"
    ]
    assert alternate == [f"{SITEURL}/actualites/atom.xml"]
    assert not (site / "actualites/atom.xml").exists()


def test_news_pagination(tmp_path):
    """Ten articles a page: the twelfth goes to /actualites/page/2/, linked both ways."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for number in range(1, 12):
        (content / "articles" / f"essai-{number}.md").write_text(
            f"Title: Actualité d’essai {number}\nDate: 2026-01-{number:02d}\n"
            f"Summary: Résumé de l’actualité d’essai numéro {number}.\n\nTexte.\n",
            encoding="utf-8",
        )
    total = len(list((content / "articles").glob("*.md")))
    output = build_into(tmp_path / "output", PATH=str(content))
    first = (output / "actualites/index.html").read_text(encoding="utf-8")
    second = (output / "actualites/page/2/index.html").read_text(encoding="utf-8")
    assert first.count('class="cs-news__item"') == 10
    assert second.count('class="cs-news__item"') == total - 10
    next_link = re.search(r'href="([^"]+)" rel="next"', first)[1]
    previous = re.search(r'href="([^"]+)" rel="prev"', second)[1]
    assert (output / "actualites" / next_link).resolve() == output / "actualites/page/2/index.html"
    assert (output / "actualites/page/2" / previous).resolve() == output / "actualites/index.html"
    assert not (output / "actualites/page/3").exists()


# Easy-to-read pages -----------------------------------------------------------------------------


@pytest.mark.parametrize("page, easy", EASY_READ.items())
def test_easy_read_version_is_linked_near_the_top(site, page, easy):
    """The full page links to its easy-to-read version before its text, and back."""
    text = (site / page).read_text(encoding="utf-8")
    link = re.search(r'<a class="cs-easy-read-link__link" href="([^"]+)">([^<]+)</a>', text)
    assert link and link[2] == "Lire cette page en version facile à lire"
    assert ((site / page).parent / link[1]).resolve() == (site / easy).resolve()
    assert link.start() < text.index("<h2")
    back = re.search(r'class="cs-easy-read-link__link" href="([^"]+)"', (site / easy).read_text())
    assert ((site / easy).parent / back[1]).resolve() == (site / page).resolve()


@pytest.mark.parametrize("easy", EASY_READ.values())
def test_easy_read_pages_follow_the_rules(site, easy):
    """Not yet checked by readers (said), so no image but the pictograms (no label logo);
    one audience, named; decorative pictograms; no percentage nor large number; acronyms
    explained."""
    article = read_page(site / easy).one("article.cs-easy-read")
    text = " ".join(article.shown_text.split())
    assert "pas encore été relu" in text
    assert "Cette page est pour" in text
    images = [image.attrs for image in article.select("img")]
    pictos = [i for i in images if "cs-idea__picto" in (i.get("class") or "")]
    assert len(pictos) >= 5 and len(pictos) == len(images)
    assert all(i["alt"] == "" and (site / easy).parent.joinpath(i["src"]).is_file() for i in pictos)
    assert "%" not in text and "pour cent" not in text
    # Small numbers in digits; a year only after "en" ("créée en 1965"). split() above
    # turned the no-break spaces of "2 724" into plain ones.
    for number in re.finditer(r"\d+(?: \d{3})*", text):
        year = re.fullmatch(r"(19|20)\d\d", number[0]) and text[: number.start()].endswith("en ")
        assert int(number[0].replace(" ", "")) < 100 or year, number[0]
    for acronym in set(re.findall(r"\b[A-Z]{2,}\b", text)) - {"COOPSOC"}:
        assert f"{acronym} veut dire" in text, acronym


def test_pictograms_are_svg_with_nothing_to_fetch():
    """Each pictogram is a small, self-contained SVG (no script, no external reference)."""
    pictos = sorted((ROOT / "theme/static/images/pictos").glob("*.svg"))
    assert pictos
    for picto in pictos:
        text = picto.read_text(encoding="utf-8")
        ElementTree.fromstring(text)
        assert "<script" not in text and "href" not in text, picto.name


# Fingerprinted file names ---------------------------------------------------------------------


@pytest.mark.parametrize("build", ["site", "prod"])
def test_theme_files_are_named_after_their_content(request, build):
    """Every file under theme/ carries the hash of its bytes in its name, except the pages
    of its folders (index.html), found by their address."""
    root = request.getfixturevalue(build)
    files = [
        p
        for p in (root / "theme").rglob("*")
        if p.is_file() and p.suffix not in (".gz", ".br") and p.name != "index.html"
    ]
    assert files
    for path in files:
        match = HASHED.match(path.name)
        assert match, path
        assert match["hash"] == hashlib.sha256(path.read_bytes()).hexdigest()[:8], path


def test_fingerprinted_references_resolve_in_production(prod):
    """Every reference to a theme file, in HTML and CSS, names a file that exists."""
    references = 0
    for path in prod.rglob("*"):
        if path.suffix not in (".html", ".css"):
            continue
        text = path.read_text(encoding="utf-8")
        pattern = URL_ATTRIBUTE if path.suffix == ".html" else CSS_URL
        for address in [a for a in pattern.findall(text) if "theme/" in a]:
            if address.startswith(SITEURL):
                target = prod / address.removeprefix(SITEURL + "/")
            else:
                target = path.parent / address
            assert target.is_file(), f"{path.relative_to(prod)} : {address}"
            assert HASHED.match(target.name), address
            references += 1
    assert references > 100


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_fingerprint_rewrites_every_kind_of_reference(tmp_path):
    """Relative, absolute and root-relative references are followed; other text is kept."""
    _tree(
        tmp_path,
        {
            "theme/fonts/a.woff2": "font",
            "theme/css/site.css": "@font-face{src:url('../fonts/a.woff2')}",
            "theme/js/app.js": 'load("theme/images/logo.svg"); var mylogo = "mylogo.svg";',
            "theme/images/logo.svg": "<svg/>",
            "page/index.html": '<link href="../theme/css/site.css"><img src="../theme/images/'
            'logo.svg?v=1" srcset="../theme/images/logo.svg 2x"> logo.svg site.css',
            "index.html": '<meta content="https://x.org/theme/images/logo.svg"><a href="/theme/'
            'js/app.js">',
        },
    )
    renamed = fingerprint(tmp_path, "theme", "https://x.org")
    assert set(renamed) == {
        "theme/fonts/a.woff2",
        "theme/css/site.css",
        "theme/js/app.js",
        "theme/images/logo.svg",
    }
    logo = Path(renamed["theme/images/logo.svg"]).name
    css = (tmp_path / renamed["theme/css/site.css"]).read_text()
    assert css == f"@font-face{{src:url('../fonts/{Path(renamed['theme/fonts/a.woff2']).name}')}}"
    page = (tmp_path / "page/index.html").read_text()
    assert f'src="../theme/images/{logo}?v=1"' in page and "logo.svg 2x" not in page
    assert page.endswith("> logo.svg site.css")  # plain words are not addresses
    assert f"https://x.org/theme/images/{logo}" in (tmp_path / "index.html").read_text()
    script = (tmp_path / renamed["theme/js/app.js"]).read_text()
    assert f'load("theme/images/{logo}")' in script and '"mylogo.svg"' in script


def test_fingerprint_of_a_stylesheet_follows_its_fonts(tmp_path):
    """Changing a font changes the stylesheet's name too (the stylesheet names the font)."""
    names = []
    for font in ("version 1", "version 2"):
        root = tmp_path / font.replace(" ", "-")
        _tree(root, {"theme/a.woff2": font, "theme/site.css": "url(a.woff2)"})
        names.append(fingerprint(root, "theme", None)["theme/site.css"])
    assert names[0] != names[1]
    assert hashed_name("site.css", b"") == "site.e3b0c442.css"


def test_fingerprint_handles_files_naming_each_other(tmp_path):
    """Two scripts naming each other still end up renamed, each naming the other's new name."""
    _tree(tmp_path, {"theme/a.js": "load('theme/b.js')", "theme/b.js": "load('theme/a.js')"})
    renamed = fingerprint(tmp_path, "theme", None)
    a, b = (tmp_path / renamed["theme/a.js"]), (tmp_path / renamed["theme/b.js"])
    assert a.read_text() == f"load('theme/{b.name}')"
    assert b.read_text() == f"load('theme/{a.name}')"


# Precompressed copies and host files ------------------------------------------------------------


def test_precompressed_copies_decompress_to_the_original(prod):
    """Each .gz and .br file gives back the bytes of its original; big text files have both."""
    copies = 0
    for path in prod.rglob("*"):
        if path.suffix == ".gz":
            assert gzip.decompress(path.read_bytes()) == path.with_suffix("").read_bytes(), path
            copies += 1
        elif path.suffix == ".br":
            assert brotli.decompress(path.read_bytes()) == path.with_suffix("").read_bytes(), path
            copies += 1
        elif path.suffix in TEXT_SUFFIXES and path.stat().st_size > 1024:
            for suffix in (".gz", ".br"):
                assert path.with_name(path.name + suffix).is_file(), f"{path} sans {suffix}"
    assert copies > 200


def test_host_files_are_copied_in_production_only(prod, site):
    """.htaccess, _headers and compressed copies: in the production build, not in development
    (even when a production build in the same process has loaded pelican-precompress)."""
    for source, target in HOST_FILES.items():
        assert (prod / target).read_bytes() == (ROOT / source).read_bytes()
        assert not (site / target).exists()
    assert not [p for p in site.rglob("*") if p.suffix in (".gz", ".br")]


@pytest.mark.parametrize("config", ["deploy/.htaccess", "deploy/nginx.conf", "deploy/_headers"])
def test_host_configurations_send_the_tested_policy(config):
    """Each host sends the Content-Security-Policy the browser tests run under, and the rest."""
    text = (ROOT / config).read_text(encoding="utf-8")
    assert CONTENT_SECURITY_POLICY in text
    assert ADMIN_CONTENT_SECURITY_POLICY in text  # the editor's page, /admin/
    for header in (
        "Referrer-Policy",
        "strict-origin-when-cross-origin",
        "X-Content-Type-Options",
        "nosniff",
        "Permissions-Policy",
        "max-age=31536000, immutable",
    ):
        assert header in text, header
    if config != "deploy/_headers":  # Netlify and Cloudflare Pages serve 404.html themselves
        assert "404 /404.html" in text


# Apache and nginx with deploy/ (opt-in: skipped where they are not installed) ------------------


def _get(url: str, encoding: str | None = None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding or "identity"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _check_host(origin: str, prod: Path, brotli_served: bool) -> None:
    """Security headers, precompressed copies, caching and the 404 page, as configured."""
    status, headers, body = _get(origin + "/qui-sommes-nous/", "gzip")
    assert status == 200
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-cache"
    assert "Accept-Encoding" in headers["Vary"]
    assert gzip.decompress(body) == (prod / "qui-sommes-nous/index.html").read_bytes()

    stylesheet = next((prod / "theme/css").glob("site.*.css")).relative_to(prod).as_posix()
    status, headers, body = _get(f"{origin}/{stylesheet}")
    assert status == 200 and headers.get("Content-Encoding") is None
    assert headers["Content-Type"].startswith("text/css")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert body == (prod / stylesheet).read_bytes()

    if brotli_served:
        status, headers, body = _get(origin + "/", "br, gzip")
        assert status == 200 and headers["Content-Encoding"] == "br"
        assert brotli.decompress(body) == (prod / "index.html").read_bytes()

    status, headers, body = _get(origin + "/page-qui-n-existe-pas/")
    assert status == 404
    assert body == (prod / "404.html").read_bytes()
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert _get(origin + "/_headers")[0] == 404

    # The editor's page and files: their own policy (only it), the other headers kept.
    for path in ("/admin/", "/admin/config.yml", "/admin/editeur/main.js"):
        status, headers, _body = _get(origin + path)
        assert status == 200, path
        assert headers.get_all("Content-Security-Policy") == [ADMIN_CONTENT_SECURITY_POLICY]
        assert headers["X-Robots-Tag"] == "noindex, nofollow"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "geolocation=()" in headers["Permissions-Policy"]


def test_nginx_serves_the_site_as_configured(prod):
    """deploy/nginx.conf, in nginx on 127.0.0.1 (brotli when ngx_brotli is installed)."""
    if not nginx.available():
        pytest.skip("nginx n’est pas installé (paquet Debian nginx)")
    with nginx.Nginx(prod) as server:
        _check_host(server.origin, prod, brotli_served=server.brotli)


def test_apache_serves_the_site_as_configured(prod):
    """deploy/.htaccess, copied into the build, in Apache 2.4 on 127.0.0.1."""
    if not apache.available():
        pytest.skip("Apache n’est pas installé (paquet Debian apache2)")
    with apache.Apache(prod) as server:
        _check_host(server.origin, prod, brotli_served=True)


# Nothing unfinished is published -------------------------------------------------------------

COMPLETE = {
    "COOPSOC": {
        "nom": "Association pour la Coopération Sociale (COOPSOC)",
        "email": "contact@coopsoc.test",
        "telephone": "04 91 00 00 00",
        "adresse": "1 rue de la Coopération, 13001 Marseille",
        "siege": "1 rue de la Coopération, 13001 Marseille",
        "directeur_publication": "Camille Martin, présidente de l’association",
        "hebergeur_nom": "Hébergeur SAS",
        "hebergeur_adresse": "2 rue du Serveur, 69001 Lyon",
        "hebergeur_telephone": "04 72 00 00 00",
        "duree_conservation": "trois ans après notre dernier échange",
        "delai_reponse": "deux jours ouvrés",
    },
    "SITEURL": "https://www.coopsoc.test",
    "DIRECTORY_PATH": "data",
    "BUYERTOOLS_FORM_ENDPOINT": None,
    "BUYERTOOLS_FORM_PROCESSOR": None,
}


def settings_with(contact=None, **changes) -> dict:
    """COMPLETE with some COOPSOC keys (None: removed) and other settings changed."""
    settings = {**COMPLETE, **changes, "COOPSOC": dict(COMPLETE["COOPSOC"])}
    for key, value in (contact or {}).items():
        if value is None:
            del settings["COOPSOC"][key]
        else:
            settings["COOPSOC"][key] = value
    return settings


PLACEHOLDER_CASES = [  # (id, settings, sample, sources, the one expected message)
    (
        "adresse-exemple-org",
        settings_with({"email": "contact@example.org"}),
        False,
        {},
        'COOPSOC["email"] (pelicanconf.py) : texte provisoire « example.org »',
    ),
    (
        "adresse-exemple-com",
        settings_with({"email": "contact@Example.com"}),
        False,
        {},
        'COOPSOC["email"] (pelicanconf.py) : texte provisoire « Example.com »',
    ),
    (
        "courriel-invalide",
        settings_with({"email": "contact"}),
        False,
        {},
        'COOPSOC["email"] (pelicanconf.py) : « contact » n’est pas une adresse électronique',
    ),
    (
        "marqueur-a-completer",
        settings_with({"siege": "[adresse à compléter], Marseille"}),
        False,
        {},
        'COOPSOC["siege"] (pelicanconf.py) : texte provisoire « [adresse à compléter] »',
    ),
    (
        "delai-de-reponse-provisoire",
        settings_with({"delai_reponse": "[délai à compléter, par exemple deux jours ouvrés]"}),
        False,
        {},
        'COOPSOC["delai_reponse"] (pelicanconf.py) : texte provisoire « [délai à compléter, '
        "par exemple deux jours ouvrés] » ; indiquez le délai de réponse aux demandes auquel "
        "COOPSOC s’engage.",
    ),
    (
        "delai-de-reponse-absent",
        settings_with({"delai_reponse": None}),
        False,
        {},
        'COOPSOC["delai_reponse"] (pelicanconf.py) : absent ou vide',
    ),
    (
        "telephone-absent",
        settings_with({"telephone": None}),
        False,
        {},
        'COOPSOC["telephone"] (pelicanconf.py) : absent ou vide',
    ),
    (
        "telephone-vide",
        settings_with({"telephone": " "}),
        False,
        {},
        'COOPSOC["telephone"] (pelicanconf.py) : absent ou vide',
    ),
    (
        "telephone-incomplet",
        settings_with({"telephone": "04 91"}),
        False,
        {},
        'COOPSOC["telephone"] (pelicanconf.py) : « 04 91 » n’est pas un numéro de téléphone',
    ),
    (
        "directeur-absent",
        settings_with({"directeur_publication": None}),
        False,
        {},
        'COOPSOC["directeur_publication"] (pelicanconf.py) : absent ou vide',
    ),
    (
        "hebergeur-absent",
        settings_with({"hebergeur_nom": ""}),
        False,
        {},
        'COOPSOC["hebergeur_nom"] (pelicanconf.py) : absent ou vide',
    ),
    (
        "telephone-hebergeur",
        settings_with({"hebergeur_telephone": "[à compléter]"}),
        False,
        {},
        'COOPSOC["hebergeur_telephone"] (pelicanconf.py) : texte provisoire « [à compléter] »',
    ),
    (
        "reglage-imbrique",
        settings_with({"reseaux": ["https://example.com/coopsoc"]}),
        False,
        {},
        'COOPSOC["reseaux"][0] (pelicanconf.py) : texte provisoire « example.com »',
    ),
    (
        "adresse-du-site-exemple",
        settings_with(SITEURL="https://www.example.org"),
        False,
        {},
        "SITEURL (publishconf.py, variable d’environnement COOPSOC_SITEURL) : "
        "« https://www.example.org » n’est pas l’adresse publique du site",
    ),
    (
        "adresse-du-site-relative",
        settings_with(SITEURL=""),
        False,
        {},
        "SITEURL (publishconf.py, variable d’environnement COOPSOC_SITEURL) : absent ;",
    ),
    (
        "service-formulaire-exemple",
        settings_with(
            BUYERTOOLS_FORM_ENDPOINT="https://f.example.net/c", BUYERTOOLS_FORM_PROCESSOR="F"
        ),
        False,
        {},
        "BUYERTOOLS_FORM_ENDPOINT (pelicanconf.py ou publishconf.py) : texte provisoire",
    ),
    (
        "service-formulaire-anonyme",
        settings_with(BUYERTOOLS_FORM_ENDPOINT="https://formulaires.coopsoc.test/demande"),
        False,
        {},
        "BUYERTOOLS_FORM_PROCESSOR (pelicanconf.py ou publishconf.py) : le formulaire de demande "
        "est envoyé à « https://formulaires.coopsoc.test/demande » ; nommez le service",
    ),
    (
        "annuaire-exemple",
        COMPLETE,
        True,
        {},
        "data/annuaire.yaml : « exemple » est activé, l’annuaire est fictif",
    ),
    (
        "annuaire-inconnu",
        COMPLETE,
        None,
        {},
        "SAMPLE_DATA : l’extension directory n’a pas indiqué si l’annuaire est un exemple",
    ),
    (
        "page-a-completer",
        COMPLETE,
        False,
        {"content/pages/contact.md": "Title: Contact\n\nNous appeler : [numéro à compléter].\n"},
        "content/pages/contact.md, ligne 3 : texte provisoire « [numéro à compléter] ».",
    ),
    (
        "page-exemple",
        COMPLETE,
        False,
        {"content/articles/a.md": "Voir https://example.org/x"},
        "content/articles/a.md, ligne 1 : texte provisoire « example.org ».",
    ),
]


def test_complete_settings_have_nothing_to_complete():
    assert publication_problems(COMPLETE, sample=False, sources={"a.md": "Bonjour."}) == []


@pytest.mark.parametrize(
    ("settings", "sample", "sources", "expected"),
    [case[1:] for case in PLACEHOLDER_CASES],
    ids=[case[0] for case in PLACEHOLDER_CASES],
)
def test_each_placeholder_is_named_with_its_setting_and_file(settings, sample, sources, expected):
    """One message per placeholder, in French, naming the setting (or page and line)."""
    problems = publication_problems(settings, sample=sample, sources=sources)
    assert len(problems) == 1, problems
    assert problems[0].startswith(expected), problems[0]


def test_publish_refuses_todays_placeholders_and_leaves_output_untouched(tmp_path):
    """`make publish` with today's settings lists every placeholder and writes nothing."""
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<!doctype html><title>Ancien site</title>")
    environment = {
        k: v for k, v in os.environ.items() if k not in ("COOPSOC_SITEURL", "COOPSOC_DEMONSTRATION")
    }
    result = run_build_command("publishconf.py", output, environment)
    assert result.returncode == 1
    assert "publication refusée" in result.stderr
    for setting in ("telephone", "siege", "directeur_publication", "hebergeur_nom", "email"):
        assert f'- COOPSOC["{setting}"] (pelicanconf.py) : texte provisoire' in result.stderr
    assert "- SITEURL (publishconf.py, variable d’environnement COOPSOC_SITEURL)" in result.stderr
    assert "COOPSOC_DEMONSTRATION=1 make publish" in result.stderr
    assert f"Le dossier {output}/ n’a pas été modifié." in result.stderr
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert "Ancien site" in (output / "index.html").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_demonstration_is_published_with_the_placeholders_as_warnings(prod):
    """COOPSOC_DEMONSTRATION=1: the same list, printed as warnings, and the site is built."""
    log = (prod.parent / "publish.log").read_text(encoding="utf-8")
    assert "Publication de démonstration (COOPSOC_DEMONSTRATION=1)" in log
    assert '- COOPSOC["telephone"] (pelicanconf.py) : texte provisoire' in log
    assert "Site construit dans" in log
    assert (prod / "mentions-legales/index.html").is_file()


@pytest.mark.skipif(
    not (ROOT / "theme/templates/components/sample_notice.html").exists(),
    reason="l’avertissement « exemple » (components/sample_notice.html) n’est pas encore là",
)
def test_demonstration_shows_the_sample_notice_on_every_page(prod):
    """A demonstration publishes the sample directory: every page says it is fictional."""
    for page in html_pages(prod):
        assert 'data-notice="exemple"' in (prod / page).read_text(encoding="utf-8"), page


def test_development_build_keeps_working_with_placeholders(site):
    """`make html` shows the placeholders as they are, for the staff to see what is missing."""
    text = read_page(site / "mentions-legales/index.html").shown_text
    assert "[numéro de téléphone à compléter]" in text
