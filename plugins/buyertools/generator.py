"""The buyer tools' pages: « Déposer un besoin », « Ma sélection », the simulator, the map.

generate_context reads and checks data/oeth.yaml and the map's outlines, computes the
simulator's worked example and publishes everything to the templates (the directory's
pages draw the map from BUYERTOOLS_MAP); generate_output writes the two pages with
writer.write_file and the rules' script for the browser.
"""

import json
from functools import partial
from pathlib import Path

from pelican.generators import Generator

from plugins.coopsoc.context import provide, require
from plugins.coopsoc.data.geojson import load_outlines
from plugins.coopsoc.datafiles import GEO_FOLDER, OETH_FILE, data_path
from plugins.coopsoc.memo import file_digest, remember
from plugins.coopsoc.oeth.rules import load_rules
from plugins.coopsoc.output import pages_in_parallel, write_page, write_text
from plugins.coopsoc.stamps import STAMP, Stamp
from plugins.coopsoc.text import euros, hundredths, percent
from plugins.coopsoc.urls import request_path

from .mapdata import build_map
from .oeth import simulate
from .settings import BuyerToolsError, buyertools_settings


class BuyerToolsGenerator(Generator):
    """Publish the buyer tools' data, then write their pages and the rules' script."""

    def generate_context(self):
        """Check the rules and the outlines; publish BUYERTOOLS, OETH and BUYERTOOLS_MAP."""
        options = buyertools_settings(self.settings)
        self.directory = require(self.context, "DIRECTORY", by="buyertools")
        self.options = options
        self.rules = load_rules(data_path(self.settings, OETH_FILE))
        self.example = simulate(self.rules, **self.rules.exemple)
        self.env.filters.update(euros=euros, centiemes=hundredths, pourcent=percent)
        self.prefilled = self._prefilled(options["BUYERTOOLS_FORM_PATH"])
        provide(
            self.context,
            "BUYERTOOLS",
            {
                "form_path": options["BUYERTOOLS_FORM_PATH"],
                "form_endpoint": options["BUYERTOOLS_FORM_ENDPOINT"],
                "form_processor": options["BUYERTOOLS_FORM_PROCESSOR"],
                # (kind, id) → the form prefilled for that trade, filière or establishment.
                "prefilled": {key: path for key, (path, _) in self.prefilled.items()},
                "simulator_path": options["BUYERTOOLS_SIMULATOR_PATH"],
                "selection_path": options["BUYERTOOLS_SELECTION_PATH"],
                "oeth_script": options["BUYERTOOLS_OETH_SCRIPT"],
            },
            by="buyertools",
        )
        provide(self.context, "OETH", self.rules, by="buyertools")
        provide(self.context, "BUYERTOOLS_MAP", self._map(options), by="buyertools")
        provide(
            self.context,
            "SECTIONS",
            {
                "demande": options["BUYERTOOLS_FORM_PATH"],
                "simulateur": options["BUYERTOOLS_SIMULATOR_PATH"],
                "selection": options["BUYERTOOLS_SELECTION_PATH"],
            },
            by="buyertools",
        )

    def _prefilled(self, form_path):
        """(kind, id) → (path, what the form preselects) for every trade, filière and
        establishment: static pages, so that the form is prefilled without JavaScript."""
        choices = {}
        for trade in self.directory.trades.values():
            choices["metier", trade.id] = {"trade": trade}
        for filiere in self.directory.filieres:
            only = filiere.trades[0] if len(filiere.trades) == 1 else None
            choices["filiere", filiere.id] = {"filiere": filiere, "trade": only}
        for establishment in self.directory.establishments:
            trades = establishment.trades
            only = trades[0] if len(trades) == 1 else None
            choices["etablissement", establishment.id] = {
                "establishment": establishment,
                "trade": only,
            }
        return {
            (kind, key): (request_path(form_path, kind, key), prefill)
            for (kind, key), prefill in choices.items()
        }

    def _map(self, options):
        establishment_map = build_map(
            self.directory,
            data_path(self.settings, GEO_FOLDER),
            options["BUYERTOOLS_MAP_DEPARTEMENT"],
            options["BUYERTOOLS_MAP_WIDTH"],
            options["BUYERTOOLS_MAP_TOLERANCE"],
            partial(_outlines, self.settings),
        )
        budget = options["BUYERTOOLS_MAP_OUTLINE_MAX_BYTES"]
        if len(establishment_map.outline) > budget:
            raise BuyerToolsError(
                f"Carte : le contour du département fait {len(establishment_map.outline)} "
                f"octets, au-delà du budget de {budget} (réglages BUYERTOOLS_MAP_TOLERANCE "
                "et BUYERTOOLS_MAP_OUTLINE_MAX_BYTES)."
            )
        return establishment_map

    def generate_output(self, writer):
        """Write the request form, « Ma sélection », the simulator and the rules' script."""
        write_page(writer, self, self.options["BUYERTOOLS_FORM_PATH"], "request_form")
        write_page(writer, self, self.options["BUYERTOOLS_SELECTION_PATH"], "selection")
        # One prefilled form per trade, filière and establishment, written on every
        # processor. Each names the form's address as its own (canonical): search engines
        # keep the form, not thousands of copies of it.
        form_path = self.options["BUYERTOOLS_FORM_PATH"]
        with pages_in_parallel(writer):
            for path, prefill in self.prefilled.values():
                write_page(
                    writer,
                    self,
                    path,
                    "request_form",
                    prefill=prefill,
                    canonical=form_path,
                    **_stamp(prefill),
                )
        write_page(
            writer,
            self,
            self.options["BUYERTOOLS_SIMULATOR_PATH"],
            "simulator",
            example=self.example,
        )
        rules = json.dumps(self.rules.for_browser(), indent=1, sort_keys=True)
        write_text(
            self.output_path,
            self.options["BUYERTOOLS_OETH_SCRIPT"],
            "// Generated from data/oeth.yaml when the site is built: edit that file.\n"
            f"window.CoopsocOeth = {rules};\n",
        )


def _stamp(prefill: dict) -> dict:
    """The values that let the forms prefilled for establishments be written from a few
    stamps (coopsoc.stamps): they differ by its name, identifier and commune, and by the
    trade chosen with it, if it has only one."""
    establishment = prefill.get("establishment")
    if establishment is None:
        return {}
    trade = prefill.get("trade")
    marked = ("nom", "id", "commune.nom")
    stamp = Stamp(establishment, partial(_prefilled_for, trade), shared=(trade,), marked=marked)
    return {STAMP: stamp}


def _prefilled_for(trade, establishment) -> dict:
    """write_page's values of the form prefilled for an establishment (or its stand-in)."""
    return {"prefill": {"establishment": establishment, "trade": trade}}


def _outlines(settings, path: Path):
    """Read a GeoJSON file's outlines; in the preview, once for the same bytes."""
    key = partial(file_digest, path)
    return remember(settings, "outlines", key, partial(load_outlines, path))
