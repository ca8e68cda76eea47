"""How the plugins hand data to each other: the keys of Pelican's context, declared once.

Pelican gives every generator one shared context dictionary, which the templates see.
A plugin publishes a key there with provide() and another reads it with require() (or
get(), when it can do without): both refuse a key missing from KEYS, and a plugin that
is not its declared producer or consumer. A key is there only if its producer ran first,
which the order of the PLUGINS setting decides: require() then fails with one message
naming the key, its producer, its consumer and the order to fix.
"""

from dataclasses import dataclass

# Pelican's own names and the values a page's template receives (not plugins' contract).
PELICAN = frozenset(
    {"article", "hidden_pages", "output_file", "pages", "establishment", "noindex", "canonical"}
)


@dataclass(frozen=True)
class Key:
    """A context key: the plugins that publish it, those that read it, and what it holds."""

    producers: tuple[str, ...]
    consumers: tuple[str, ...]
    meaning: str
    # Several producers each add their entries to one dictionary.
    merged: bool = False


# Consumer "templates": the theme's templates, which any plugin may render.
KEYS = {
    "DIRECTORY": Key(
        ("directory",),
        ("search", "buyertools", "brochure", "publishing", "admin", "templates"),
        "l’annuaire chargé depuis data/",
    ),
    "FIGURES": Key(
        ("directory",),
        ("sitekit", "brochure", "templates"),
        "les chiffres clés affichés, calculés depuis data/",
    ),
    "SAMPLE_DATA": Key(
        ("directory",),
        ("publishing", "templates"),
        "vrai tant que data/annuaire.yaml déclare l’annuaire fictif",
    ),
    "TYPE_LABELS": Key(("directory",), ("templates",), "le nom complet de chaque type"),
    "HISTORY": Key(("directory",), ("templates",), "les événements de data/history.yaml"),
    "LIST_PAGE_SIZE": Key(
        ("directory",), ("templates",), "le nombre d’établissements par page d’une liste"
    ),
    "markdown": Key(("directory",), ("templates",), "le rendu Markdown des textes des données"),
    "DIRECTORY_SCRIPT": Key(
        ("directory",),
        ("templates",),
        "l’adresse du script des établissements pour le navigateur : noms, métiers, lignes CSV",
    ),
    "SECTIONS": Key(
        ("directory", "search", "buyertools", "brochure", "audit"),
        ("sitekit", "templates"),
        "les adresses des sections : repères {lien:…} et liens des gabarits",
        merged=True,
    ),
    "PLACEHOLDERS_REPLACED": Key(
        ("sitekit",),
        ("search",),
        "vrai une fois les repères {chiffre:…} des pages remplacés",
    ),
    "STYLESHEET": Key(("sitekit",), ("templates",), "l’adresse de la feuille de style unique"),
    "SEARCH_PAGE_PATH": Key(("search",), ("templates",), "l’adresse de la page de recherche"),
    "BUYERTOOLS": Key(
        ("buyertools",), ("templates",), "les adresses du formulaire et du simulateur"
    ),
    "OETH": Key(
        ("buyertools",),
        ("brochure", "templates"),
        "les règles de l’obligation d’emploi de data/oeth.yaml",
    ),
    "BUYERTOOLS_MAP": Key(("buyertools",), ("templates",), "la carte des établissements"),
    "BROCHURE": Key(("brochure",), ("templates",), "la plaquette PDF : adresse, taille"),
    "BROCHURE_NAMES_MEMBERS": Key(
        ("brochure",), ("templates",), "vrai si la plaquette nomme chaque établissement"
    ),
    "AUDIT": Key(
        ("audit",),
        ("templates",),
        "la grille d’audit RGAA de data/audit-rgaa.yaml, ses taux et le statut calculés",
    ),
    # A global of the templates (Jinja), set when each generator starts.
    "PUBLISHING": Key(("publishing",), ("publishing", "templates"), "les réglages PUBLISHING_*"),
}


class ContextError(Exception):
    """A context key is undeclared, or missing because of the order of PLUGINS."""


def _declared(key: str, plugin: str, role: str) -> Key:
    declared = KEYS.get(key)
    if declared is None:
        raise ContextError(
            f"Contexte : la clé « {key} » n’est pas déclarée dans plugins/coopsoc/context.py "
            f"(utilisée par « plugins.{plugin} »)."
        )
    allowed = declared.producers if role == "producer" else declared.consumers
    if plugin not in allowed:
        verb = "publier" if role == "producer" else "lire"
        raise ContextError(
            f"Contexte : « plugins.{plugin} » n’est pas déclaré pour {verb} « {key} » dans "
            "plugins/coopsoc/context.py."
        )
    return declared


def provide(context, key: str, value, by: str) -> None:
    """Publish value under a declared key (a merged key adds its entries to the others)."""
    if _declared(key, by, "producer").merged:
        context.setdefault(key, {}).update(value)
    else:
        context[key] = value


def require(context, key: str, by: str):
    """Return a declared key's value; if it is missing, say which plugin must come first."""
    declared = _declared(key, by, "consumer")
    if key not in context:
        producers = " ou ".join(f"« plugins.{p} »" for p in declared.producers)
        raise ContextError(
            f"Contexte : « {key} » ({declared.meaning}) manque à « plugins.{by} ». "
            f"Il est publié par {producers} : dans le réglage PLUGINS, {producers} doit "
            f"figurer avant « plugins.{by} »."
        )
    return context[key]


def get(context, key: str, by: str, default=None):
    """Return a declared key's value, or default for a consumer that can do without it."""
    _declared(key, by, "consumer")
    return context.get(key, default)
