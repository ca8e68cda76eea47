"""What the search indexes: establishments, trades, filières and content pages.

Plain data, no whoosh: each SearchDoc carries its text by field (nom, metiers, lieu, corps)
and its facet values. Documents are numbered in French name order, so « by score, then by
document number » is « by score, then by name » (the documented tie-break).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from plugins.coopsoc.vocabulary.analysis import normalize

KIND_ESTABLISHMENT = "etablissement"
KIND_TRADE = "metier"
KIND_FILIERE = "filiere"
KIND_PAGE = "page"

# Facet « type »: establishment types first, then the other kinds of result.
TYPE_FACET_LABELS = {
    "ESAT": "ESAT",
    "EA": "Entreprise adaptée",
    "CHRS": "CHRS",
    KIND_TRADE: "Métier",
    KIND_FILIERE: "Filière",
    KIND_PAGE: "Page d’information",
}
_MARKDOWN_LINK_TARGET = re.compile(r"\]\([^)]*\)")


@dataclass(frozen=True)
class SearchDoc:
    """One result the search can return."""

    ref: str  # unique: "etablissement:<id>", "metier:<id>", "filiere:<id>", "page:<slug>"
    path: str  # from the site root, e.g. "etablissements/<id>/"
    title: str
    type: str  # a key of TYPE_FACET_LABELS
    fields: dict  # field name → text
    commune: str | None = None  # name of a commune of data/communes.csv
    trades: tuple[str, ...] = ()  # trade ids
    filieres: tuple[str, ...] = ()  # filière ids


class _TextOnly(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def html_text(html: str) -> str:
    """Return the text of an HTML fragment, tags removed."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def markdown_text(text: str) -> str:
    """Return Markdown as plain words: link targets dropped, the rest left to the tokenizer."""
    return _MARKDOWN_LINK_TARGET.sub("]", text)


def _join(*parts) -> str:
    return normalize("\n".join(part for part in parts if part))


def establishment_doc(establishment, directory) -> SearchDoc:
    """Index an establishment by name, trades (and their filières), commune and text."""
    filieres = tuple(dict.fromkeys(trade.filiere_id for trade in establishment.trades))
    return SearchDoc(
        ref=f"{KIND_ESTABLISHMENT}:{establishment.id}",
        path=establishment.path,
        title=establishment.nom,
        type=establishment.type,
        fields={
            "nom": _join(establishment.nom),
            "metiers": _join(
                *(trade.nom for trade in establishment.trades),
                *(directory.filiere(f).nom for f in filieres),
            ),
            "lieu": _join(establishment.commune.nom),
            "corps": _join(
                establishment.type_label,
                markdown_text(establishment.presentation),
                *establishment.moyens,
                *establishment.certifications,
                establishment.zone_intervention,
                establishment.association.nom,
            ),
        },
        commune=establishment.commune.nom,
        trades=establishment.trade_ids,
        filieres=filieres,
    )


def _catalogue_doc(kind: str, item, related_names, **facets) -> SearchDoc:
    """Index a page of the catalogue: its name, the names related to it, its description."""
    return SearchDoc(
        ref=f"{kind}:{item.id}",
        path=item.path,
        title=item.nom,
        type=kind,
        fields={
            "nom": _join(item.nom),
            "metiers": _join(*related_names),
            "lieu": "",
            "corps": _join(markdown_text(item.description)),
        },
        **facets,
    )


def trade_doc(trade, filiere) -> SearchDoc:
    """Index a trade of the catalogue: its name, its filière and its description."""
    return _catalogue_doc(
        KIND_TRADE, trade, (filiere.nom,), trades=(trade.id,), filieres=(filiere.id,)
    )


def filiere_doc(filiere) -> SearchDoc:
    """Index a filière: its name, the names of its trades and its description."""
    names = (trade.nom for trade in filiere.trades)
    return _catalogue_doc(KIND_FILIERE, filiere, names, filieres=(filiere.id,))


def page_doc(page) -> SearchDoc:
    """Index a content page (Markdown already rendered, placeholders replaced)."""
    title = html_text(page.title)
    return SearchDoc(
        ref=f"{KIND_PAGE}:{page.slug}",
        path=page.save_as.removesuffix("index.html"),
        title=title,
        type=KIND_PAGE,
        fields={
            "nom": _join(title),
            "metiers": "",
            "lieu": "",
            "corps": _join(html_text(page.content)),
        },
    )


def collect(directory, pages, sort_key) -> list[SearchDoc]:
    """Return every document, numbered (by list position) in name order."""
    docs = [establishment_doc(e, directory) for e in directory.establishments]
    for filiere in directory.filieres:
        docs.append(filiere_doc(filiere))
        docs.extend(trade_doc(trade, filiere) for trade in filiere.trades)
    docs.extend(page_doc(page) for page in pages)
    return sorted(docs, key=lambda doc: (*sort_key(doc.title), doc.ref))
