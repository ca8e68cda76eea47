"""Refuse to publish a site that still shows placeholders, or a sample directory.

`make publish` (publishconf.py sets PUBLISHING_REFUSE_PLACEHOLDERS) stops before anything
is written, listing in French every setting and page to complete. A demonstration site
(PUBLISHING_DEMONSTRATION, from COOPSOC_DEMONSTRATION=1) is published anyway: the list is
printed as warnings, and the sample notice is on every page while the switch is on.
`make html` never checks: placeholders are expected while the site is being written.
"""

import logging
import os
import re
from collections.abc import Mapping
from pathlib import Path

from plugins.coopsoc.context import get
from plugins.coopsoc.datafiles import DECLARATION_FILE, data_path

from .settings import PublishingError, publishing_settings

# Warnings go to this plugin's logger, not to "pelican": the build wrapper
# (plugins/sitekit/build.py) refuses a build during which Pelican warned.
logger = logging.getLogger(__name__)

# RFC 2606 reserves these domains for examples: no real address uses them.
EXAMPLE_DOMAIN = re.compile(r"\bexample\.(?:org|com|net)\b", re.IGNORECASE)
# "[adresse postale à compléter]" in a setting or a page.
TO_COMPLETE = re.compile(r"\[[^\[\]\n]*à compléter[^\[\]\n]*\]", re.IGNORECASE)

SETTINGS_FILE = "pelicanconf.py"
# COOPSOC keys that must be filled in, and what they are, for the message.
REQUIRED_CONTACT = {
    "nom": "le nom de l’association",
    "email": "l’adresse électronique de contact",
    "telephone": "le numéro de téléphone de l’association (LCEN, article 1-1)",
    "adresse": "l’adresse postale de l’association",
    "siege": "l’adresse du siège social (LCEN, article 1-1)",
    "directeur_publication": "le nom du directeur ou de la directrice de la publication",
    "hebergeur_nom": "le nom ou la raison sociale de l’hébergeur",
    "hebergeur_adresse": "l’adresse de l’hébergeur",
    "hebergeur_telephone": "le numéro de téléphone de l’hébergeur",
    "duree_conservation": "la durée de conservation des demandes (RGPD, article 13)",
    "delai_reponse": "le délai de réponse aux demandes auquel COOPSOC s’engage",
}
PHONE_KEYS = ("telephone", "hebergeur_telephone")


def _placeholder(text: str) -> str | None:
    """Return the first placeholder found in text, or None."""
    match = TO_COMPLETE.search(text) or EXAMPLE_DOMAIN.search(text)
    return match.group(0) if match else None


def _strings(value, path: str):
    """Yield (path, text) for every string inside a setting value (dicts, lists, tuples)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(item, f"{path}[{key!r}]".replace("'", '"'))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def _contact_problems(contact) -> list[str]:
    problems = []
    for key, what in REQUIRED_CONTACT.items():
        value = contact.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(
                f'COOPSOC["{key}"] ({SETTINGS_FILE}) : absent ou vide ; indiquez {what}.'
            )
    for path, text in _strings(dict(contact), "COOPSOC"):
        if not text.strip():
            continue  # reported above if required
        found = _placeholder(text)
        key = path.split('"')[1] if '"' in path else ""
        if found:
            what = REQUIRED_CONTACT.get(key, "la vraie valeur")
            problems.append(
                f"{path} ({SETTINGS_FILE}) : texte provisoire « {found} » ; indiquez {what}."
            )
        elif key in PHONE_KEYS and sum(c.isdigit() for c in text) < 10:
            problems.append(
                f"{path} ({SETTINGS_FILE}) : « {text} » n’est pas un numéro de téléphone "
                "(10 chiffres attendus, par exemple 04 91 00 00 00)."
            )
        elif key == "email" and "@" not in text:
            problems.append(
                f"{path} ({SETTINGS_FILE}) : « {text} » n’est pas une adresse électronique."
            )
    return problems


def _address_problems(settings) -> list[str]:
    problems = []
    siteurl = str(settings.get("SITEURL") or "")
    if not siteurl.startswith("https://") or _placeholder(siteurl):
        found = f"« {siteurl} » n’est pas l’adresse publique du site" if siteurl else "absent"
        problems.append(
            f"SITEURL (publishconf.py, variable d’environnement COOPSOC_SITEURL) : {found} ; "
            "publiez avec COOPSOC_SITEURL=https://adresse-du-site make publish."
        )
    endpoint = settings.get("BUYERTOOLS_FORM_ENDPOINT")
    processor = settings.get("BUYERTOOLS_FORM_PROCESSOR")
    where = "pelicanconf.py ou publishconf.py"
    for name, value in (
        ("BUYERTOOLS_FORM_ENDPOINT", endpoint),
        ("BUYERTOOLS_FORM_PROCESSOR", processor),
    ):
        found = _placeholder(value) if isinstance(value, str) else None
        if found:
            problems.append(
                f"{name} ({where}) : texte provisoire « {found} » ; indiquez la vraie valeur."
            )
    if endpoint and not (isinstance(processor, str) and processor.strip()):
        problems.append(
            f"BUYERTOOLS_FORM_PROCESSOR ({where}) : le formulaire de demande est envoyé à "
            f"« {endpoint} » ; nommez le service qui reçoit les réponses, et le pays où il les "
            "conserve : la page « Données personnelles » doit le dire (RGPD, article 13)."
        )
    return problems


def _sample_problems(settings, sample: bool | None) -> list[str]:
    switch = data_path(settings, DECLARATION_FILE)
    if sample is None:
        return [
            f"SAMPLE_DATA : l’extension directory n’a pas indiqué si l’annuaire est un exemple "
            f"({switch}, champ « exemple ») ; impossible de savoir s’il est fictif."
        ]
    if sample:
        return [
            f"{switch} : « exemple » est activé, l’annuaire est fictif ; remplacez-le par les "
            "vrais établissements, puis désactivez « exemple »."
        ]
    return []


def _page_problems(sources: Mapping[str, str]) -> list[str]:
    problems = []
    for name, text in sorted(sources.items()):
        for number, line in enumerate(text.splitlines(), start=1):
            for pattern in (TO_COMPLETE, EXAMPLE_DOMAIN):
                for match in pattern.finditer(line):
                    problems.append(
                        f"{name}, ligne {number} : texte provisoire « {match.group(0)} »."
                    )
    return problems


def publication_problems(
    settings: Mapping, *, sample: bool | None, sources: Mapping[str, str]
) -> list[str]:
    """List, in French, every placeholder that must be replaced before publishing.

    sample: whether the directory is the fictional sample (None: unknown, a problem);
    sources: the text of each published page, by the path shown in the messages.
    """
    return [
        *_contact_problems(settings.get("COOPSOC") or {}),
        *_address_problems(settings),
        *_sample_problems(settings, sample),
        *_page_problems(sources),
    ]


def _sources(generators, root: Path) -> dict[str, str]:
    """Read the source of every published page and article, by its path from root."""
    sources = {}
    for generator in generators:
        for name in ("pages", "hidden_pages", "articles"):
            for content in getattr(generator, name, []):
                path = Path(content.source_path)
                label = os.path.relpath(path, root) if path.is_relative_to(root) else str(path)
                sources[label] = path.read_text(encoding="utf-8")
    return sources


def check(generators):
    """Refuse a production build that shows placeholders; in a demonstration, warn only.

    Runs once every generator has read its data (all_generators_finalized), before anything
    is written: the build wrapper then leaves output/ untouched.
    """
    settings = generators[0].settings
    options = publishing_settings(settings)
    if not options["PUBLISHING_REFUSE_PLACEHOLDERS"]:
        return
    context = next(g.context for g in generators if hasattr(g, "context"))
    problems = publication_problems(
        settings,
        sample=get(context, "SAMPLE_DATA", by="publishing"),
        sources=_sources(generators, Path(settings["PATH"]).parent),
    )
    if not problems:
        return
    listing = "\n".join(f"- {problem}" for problem in problems)
    if options["PUBLISHING_DEMONSTRATION"]:
        logger.warning(
            "Publication de démonstration (COOPSOC_DEMONSTRATION=1) : %d élément(s) "
            "provisoire(s) publié(s) tel(s) quel(s) :\n%s",
            len(problems),
            listing,
        )
        return
    raise PublishingError(
        f"publication refusée, {len(problems)} élément(s) provisoire(s) à remplacer :\n"
        f"{listing}\n"
        "Pour un site de démonstration, publiez quand même avec "
        "COOPSOC_DEMONSTRATION=1 make publish (tant que l’annuaire est l’exemple, "
        "l’avertissement « exemple » est sur chaque page)."
    )
