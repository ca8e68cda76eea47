"""schema.org descriptions (JSON-LD) of the association, its establishments and its catalogue.

Search engines read them to show the association, its members and its trades. Each
function returns plain data; `to_json_ld` serializes it for a
<script type="application/ld+json"> element, which browsers never run: the strict
Content-Security-Policy holds.
"""

import json

from markupsafe import Markup

SCHEMA = "https://schema.org"
# Inside <script>, "</script>" or "<!--" in a name would end the element or change how
# it is parsed: <, > and & are written as JSON escapes, which every JSON reader decodes
# back. U+2028 and U+2029 are escaped too, for readers that treat JSON as JavaScript.
_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)


def to_json_ld(data) -> Markup:
    """Serialize data as JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.translate(_ESCAPE_TABLE))


class Describer:
    """Build the descriptions; `link` turns a path from the site root into a URL."""

    def __init__(self, settings: dict, directory, link, share_image: str):
        self.settings = settings
        self.share_image = share_image
        self.directory = directory
        self.link = link
        self.organization_id = link("") + "#organisation"

    def _organization_ref(self) -> dict:
        return {
            "@type": "Organization",
            "@id": self.organization_id,
            "name": self.settings["SITENAME"],
        }

    def _establishment_id(self, establishment) -> str:
        return self.link(establishment.path) + "#etablissement"

    def organization(self, catalogue_path: str | None, members: bool = True) -> dict:
        """The association, with its member establishments if members."""
        contact = self.settings.get("COOPSOC", {})
        data = {
            "@context": SCHEMA,
            **self._organization_ref(),
            "alternateName": contact.get("nom", self.settings.get("SITE_FULLNAME")),
            "description": self.settings.get("SITE_TAGLINE", ""),
            "url": self.link(""),
            "logo": self.link("theme/images/logo.svg"),
            "areaServed": {"@type": "AdministrativeArea", "name": "Bouches-du-Rhône"},
        }
        if contact.get("email"):
            data["email"] = contact["email"]
        if self.settings.get("FOUNDING_DATE"):
            data["foundingDate"] = self.settings["FOUNDING_DATE"].isoformat()
        if catalogue_path is not None:
            data["hasOfferCatalog"] = {"@id": self.link(catalogue_path) + "#catalogue"}
        if members:
            data["member"] = [
                {
                    "@type": "LocalBusiness",
                    "@id": self._establishment_id(e),
                    "name": e.nom,
                    "url": self.link(e.path),
                }
                for e in self.directory.establishments
            ]
        return data

    def establishment(self, establishment, description: str) -> dict:
        """One member establishment: where it is, what it does, who runs it."""
        e = establishment
        return {
            "@context": SCHEMA,
            "@type": "LocalBusiness",
            "@id": self._establishment_id(e),
            "name": e.nom,
            "description": description,
            "url": self.link(e.path),
            "address": {
                "@type": "PostalAddress",
                "addressLocality": e.commune.nom,
                "postalCode": e.commune.code_postal,
                "addressCountry": "FR",
            },
            "areaServed": e.zone_intervention,
            "knowsAbout": [trade.nom for trade in e.trades],
            # The association that runs the establishment is its parent; COOPSOC groups
            # the establishments without running them.
            "parentOrganization": {"@type": "Organization", "name": e.association.nom},
            "memberOf": self._organization_ref(),
        }

    def catalogue(self, path: str) -> dict:
        """The catalogue of trades: one list per filière, one offer per trade."""
        return {
            "@context": SCHEMA,
            "@type": "OfferCatalog",
            "@id": self.link(path) + "#catalogue",
            "name": "Catalogue des métiers",
            "url": self.link(path),
            "itemListElement": [
                {
                    "@type": "OfferCatalog",
                    "name": filiere.nom,
                    "url": self.link(filiere.path),
                    "itemListElement": [
                        {
                            "@type": "Offer",
                            "itemOffered": {
                                "@type": "Service",
                                "name": trade.nom,
                                "url": self.link(trade.path),
                            },
                            "offeredBy": self._organization_ref(),
                        }
                        for trade in filiere.trades
                    ],
                }
                for filiere in self.directory.filieres
            ],
        }

    def article(self, article, description: str) -> dict:
        """A news article of the association."""
        data = {
            "@context": SCHEMA,
            "@type": "NewsArticle",
            "headline": article.title,
            "description": description,
            "url": self.link(article.url),
            "datePublished": article.date.date().isoformat(),
            "inLanguage": "fr",
            "publisher": self._organization_ref(),
            "image": self.link(self.share_image),
        }
        modified = getattr(article, "modified", None)
        if modified:
            data["dateModified"] = modified.date().isoformat()
        return data
