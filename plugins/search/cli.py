"""Query the site's search index from the command line, as a visitor's browser would.

Usage: python -m plugins.search.cli [--site output] [--pres COMMUNE] [--tous] "mots cherchés"
(`make search q="…"` builds the site, then runs this.)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plugins.coopsoc.text import plural

from .reference import Searcher, find_index

SHOWN = 20


def describe(searcher: Searcher, doc: int) -> str:
    """Return one line about a result: type, commune, title and address."""
    meta = searcher.meta
    facets = searcher.facets[doc]
    path, title = searcher.record(doc)
    details = [meta["types"][facets["type"]][1]]
    if facets["commune"] >= 0:
        details.append(meta["communes"][facets["commune"]][0])
    return f"{title} ({', '.join(details)}) — /{path}"


def report(searcher: Searcher, query: str, near: str | None = None, limit: int = SHOWN) -> str:
    """Return the French report of one search."""
    result = searcher.search(query)
    lines = []
    if not result.words:
        return f"« {query} » : aucun mot à chercher (les mots comme le, la, de sont ignorés)."
    for group in result.groups:
        if group.synonym:
            text, targets = group.synonym
            lines.append(f"Synonyme : « {text} » → « {' », « '.join(targets)} »")
        elif group.corrections:
            shown = ", ".join(group.corrections[:5])
            lines.append(f"« {group.words[0]} » n'est pas dans l'index ; compris comme : {shown}")
    hits = [(doc, score, None) for doc, score in result.hits]
    communes = searcher.meta["communes"]
    origin = None
    if near:
        slugs = [c[1] for c in communes]
        names = [searcher.fold(c[0].lower()) for c in communes]
        key = searcher.fold(near.lower())
        origin = slugs.index(key) if key in slugs else names.index(key) if key in names else None
        if origin is None:
            raise SystemExit(f"Commune inconnue : « {near} » (voir data/communes.csv).")
    if result.place is not None:
        lines.append(
            f"« {' '.join(result.place_words)} » : {communes[result.place][0]}, "
            "résultats classés par distance (jamais un mot obligatoire)."
        )
        origin = result.place if origin is None else origin
    if result.left:
        shown = ", ".join(f"« {word} »" for word in result.left)
        lines.append(f"Pas pris en compte : {shown}")
    if result.complete < len(result.hits):
        lines.append(
            f"{plural(result.complete, 'résultat')} avec tous les mots ; "
            "les suivants en ont une partie."
        )
    if origin is not None:
        partial = frozenset(doc for doc, _ in result.hits[result.complete :])
        hits = searcher.by_distance(result.hits, origin, partial)
    if not hits:
        lines.append(f"Aucun résultat pour « {query} ».")
        suggestions = result.suggestions or {}
        if suggestions.get("names"):
            lines.append("Métiers proches : " + ", ".join(suggestions["names"]))
        return "\n".join(lines)
    lines.append(f"{plural(len(hits), 'résultat')} pour « {query} » :")
    for rank, (doc, score, tenths) in enumerate(hits[:limit], start=1):
        where = f", à {tenths / 10:.1f} km".replace(".", ",") if tenths is not None else ""
        lines.append(f"{rank:3}. [{score / 1024 / 4:6.2f}{where}] {describe(searcher, doc)}")
    if len(hits) > limit:
        lines.append(
            f"… et {plural(len(hits) - limit, 'autre résultat', 'autres résultats')} "
            "(option --tous)."
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    """Print the results of a query in French."""
    parser = argparse.ArgumentParser(
        description="Interroge l'index de recherche du site construit (comme le navigateur)."
    )
    parser.add_argument("mots", help="les mots cherchés, entre guillemets")
    parser.add_argument("--site", type=Path, default=Path("output"), help="site construit")
    parser.add_argument("--pres", help="classer par distance depuis cette commune")
    parser.add_argument("--tous", action="store_true", help="afficher tous les résultats")
    args = parser.parse_args(argv)
    if not args.mots.strip():
        print('Indiquez les mots à chercher, par exemple : make search q="espaces verts"')
        return 2
    try:
        searcher = Searcher(find_index(args.site))
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    print(report(searcher, args.mots, args.pres, limit=10**9 if args.tous else SHOWN))
    return 0


if __name__ == "__main__":
    sys.exit(main())
