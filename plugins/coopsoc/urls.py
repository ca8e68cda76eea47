"""Addresses of the site's pages, from the site root.

Every page of a model object has one path, spelled here and nowhere else: the directory
writes it, and the search index, the map, the structured data, the open data, the
brochure and the templates link to it through the object's `path` property.
"""

import posixpath

# The sections the directory writes, each path from the site root ending with "/".
ESTABLISHMENTS = "etablissements/"
TRADES = "metiers/"
FILIERES = "filieres/"
OPEN_DATA = "donnees/"
# What the browser knows of each establishment (« Ma sélection », the search's export).
ESTABLISHMENTS_SCRIPT = f"{ESTABLISHMENTS}etablissements.js"
# The folders of the lists by commune and by type: each is a page listing its lists.
COMMUNES = f"{ESTABLISHMENTS}commune/"
TYPES = f"{ESTABLISHMENTS}type/"


def establishment_path(establishment_id: str) -> str:
    """Return the path of an establishment's page: etablissements/<id>/."""
    return f"{ESTABLISHMENTS}{establishment_id}/"


def trade_path(trade_id: str) -> str:
    """Return the path of a trade's page: metiers/<id>/."""
    return f"{TRADES}{trade_id}/"


def filiere_path(filiere_id: str) -> str:
    """Return the path of a filière's page: filieres/<id>/."""
    return f"{FILIERES}{filiere_id}/"


def commune_path(slug: str) -> str:
    """Return the path of the list of a commune's establishments: etablissements/commune/<slug>/."""
    return f"{COMMUNES}{slug}/"


def type_path(kind: str) -> str:
    """Return the path of the list of one type of establishment: etablissements/type/esat/."""
    return f"{TYPES}{kind.lower()}/"


def list_page_path(list_path: str, number: int) -> str:
    """Return the path of a list's page: the list's own for the first, then
    <list>page-2/, page-3/… (plugins/directory/pagination.py)."""
    return list_path if number == 1 else f"{list_path}page-{number}/"


def request_path(form_path: str, kind: str, object_id: str) -> str:
    """Return the path of the request form prefilled for a trade, a filière or an
    establishment (kind "metier", "filiere" or "etablissement"): demande/metier-<id>/."""
    return f"{form_path}{kind}-{object_id}/"


def list_export_path(page_path: str, name: str) -> str:
    """Return the path of a list page's CSV file: <page path>coopsoc-<name>.csv."""
    return f"{page_path}coopsoc-{name}.csv"


def site_link(settings: dict, siteurl: str, path: str) -> str:
    """Return the URL of a path given from the site root ("" is the home page)."""
    if path == "" or path.endswith("/"):
        path += settings["URL_INDEX"]
    if not path:
        return siteurl + "/" if siteurl else "./"
    return posixpath.join(siteurl, path) if siteurl else path
