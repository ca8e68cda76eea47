"""The buyer tools' settings: every BUYERTOOLS_* setting and its default, in one place."""

from plugins.coopsoc.settings import prefixed_settings

DEFAULTS = {
    # « Déposer un besoin »: the request form's page, from the site root.
    "BUYERTOOLS_FORM_PATH": "demande/",
    # An HTTP address the form is posted to, for hosts that handle forms. None: the form
    # prepares an e-mail to COOPSOC["email"] in the visitor's own mail program.
    "BUYERTOOLS_FORM_ENDPOINT": None,
    # With an endpoint: the service that receives the answers for COOPSOC, and the country
    # where it keeps them, as the privacy notice names it (RGPD, article 13), e.g.
    # "Formulaires Exemple SAS, à Lyon (France)". `make publish` requires it.
    "BUYERTOOLS_FORM_PROCESSOR": None,
    # « Ma sélection »: the establishments a buyer keeps in the browser, from the site root.
    "BUYERTOOLS_SELECTION_PATH": "ma-selection/",
    # The contribution simulator's page, from the site root.
    "BUYERTOOLS_SIMULATOR_PATH": "obligation-d-emploi/simulateur/",
    # The employment-obligation rules (one file, read by the build and by the browser)
    # and the map's outlines (data/geo/README.md says where they come from). None means
    # oeth.yaml and geo/ in the data folder (plugins/coopsoc/datafiles.py resolves them;
    # a relative path is inside that folder).
    "BUYERTOOLS_OETH_PATH": None,
    # Where the rules are written as a script for the simulator, from the site root.
    "BUYERTOOLS_OETH_SCRIPT": "obligation-d-emploi/simulateur/regles-oeth.js",
    "BUYERTOOLS_GEO_PATH": None,
    "BUYERTOOLS_MAP_DEPARTEMENT": "13",
    # Width of the map drawing in SVG units, and the simplification tolerance in those
    # units: 600 and 0.8 keep the département's outline near 2.5 KB on every page.
    "BUYERTOOLS_MAP_WIDTH": 600,
    "BUYERTOOLS_MAP_TOLERANCE": 0.8,
    # Size budget of the inline département outline (bytes of path data): the build
    # fails above it, since the outline is repeated on every establishment's page.
    "BUYERTOOLS_MAP_OUTLINE_MAX_BYTES": 6000,
}


class BuyerToolsError(Exception):
    """A buyer tool cannot be built; the message says why, in French."""


def buyertools_settings(settings) -> dict:
    """Return every BUYERTOOLS_* setting, defaults filled in; reject unknown names."""

    options = prefixed_settings(
        settings, DEFAULTS, prefix="BUYERTOOLS_", label="Outils acheteurs", error=BuyerToolsError
    )
    endpoint = options["BUYERTOOLS_FORM_ENDPOINT"]
    if endpoint is not None and not str(endpoint).startswith("https://"):
        raise BuyerToolsError(
            "Outils acheteurs : BUYERTOOLS_FORM_ENDPOINT doit être une adresse https:// "
            "complète (les réponses contiennent des données personnelles), ou None ; "
            f"trouvé « {endpoint} »."
        )
    return options
