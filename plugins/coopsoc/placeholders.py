"""The placeholders of the pages: {chiffre:…}, {contact:…} and {lien:…}.

Staff never type a count in a page: "{chiffre:etablissements} établissements" always
agrees with the data. One substitution serves the site's pages (plugins/sitekit) and the
texts the brochure quotes from them (plugins/brochure).
"""

import re
from html import escape

from .text import french_number

PLACEHOLDER = re.compile(r"\{(chiffre|contact|lien):([a-z_-]+)\}")


def replacement_tables(figures: dict, contact: dict, links: dict | None = None) -> dict:
    """Return kind → (key → plain text, key → HTML); links (key → path) only if given."""
    numbers = {key: french_number(value) for key, value in figures.items()}
    contact = dict(contact)
    contact_html = {key: escape(value) for key, value in contact.items()}
    if "email" in contact:
        email = escape(contact["email"])
        contact_html["email"] = f'<a href="mailto:{email}">{email}</a>'
    tables = {"chiffre": (numbers, numbers), "contact": (contact, contact_html)}
    if links is not None:
        tables["lien"] = (links, None)
    return tables


def substitute(text: str, tables: dict, html: bool = False, link=None, unknown=None) -> str:
    """Replace the placeholders of text whose kind has a table.

    A {lien:…} becomes link(path), HTML-escaped. An unknown key is left as it is, after
    unknown(match, kind, known keys) is called, if given.
    """

    def replace(match):
        kind, key = match.groups()
        if kind not in tables:
            return match.group(0)
        plain, rich = tables[kind]
        if key not in plain:
            if unknown is not None:
                unknown(match, kind, sorted(plain))
            return match.group(0)
        if kind == "lien":
            return escape(link(plain[key]))
        return (rich if html else plain)[key]

    return PLACEHOLDER.sub(replace, text)
