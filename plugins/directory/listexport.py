"""Lists to download: the establishments of a list page as a CSV file for a spreadsheet.

The open data CSV (opendata.py) is exact data for programs: commas, no byte order mark,
values as they are. A list export is for a buyer's spreadsheet, to put in a procurement
file: UTF-8 with a byte order mark (spreadsheets then read the accents right), « ; »
between cells and a decimal comma, as French spreadsheets expect; the open data's
columns, then the list it was taken from (liste, liste_url). A cell that a spreadsheet
would run as a formula (starting with =, +, -, @, a tab or a carriage return) gets an
apostrophe in front, which keeps it text (« CSV injection », OWASP).

The same rows, already written, go to the browser in one script (browser_data): the
search page exports its results with them, and « Ma sélection » names its entries.
"""

import csv
import io
from dataclasses import dataclass

from plugins.coopsoc.text import file_size
from plugins.coopsoc.typography import typeset_text

from .opendata import CSV_COLUMNS, CSV_LIST_SEPARATOR, establishment_record, page_url

BOM = "\ufeff"
DELIMITER = ";"
LINE_END = "\r\n"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTEXT_COLUMNS = ("liste", "liste_url")
COLUMNS = (*CSV_COLUMNS, *CONTEXT_COLUMNS)


def neutralise(text: str) -> str:
    """Return text a spreadsheet shows as text: an apostrophe before a formula's start."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def spreadsheet_cell(value) -> str:
    """Write one value for a French spreadsheet: « oui »/« non », decimal comma, lists."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        value = CSV_LIST_SEPARATOR.join(value)
    return neutralise(str(value))


def csv_line(cells) -> str:
    """Return one line of cells, separated by « ; », quoted where needed, without its end."""
    buffer = io.StringIO(newline="")
    # The writer quotes a cell holding a character of its line terminator: give it one.
    csv.writer(buffer, delimiter=DELIMITER, lineterminator=LINE_END).writerow(cells)
    return buffer.getvalue().removesuffix(LINE_END)


@dataclass(frozen=True)
class ListExport:
    """The CSV file of one list page: its path from the site root, what it lists, its bytes."""

    path: str
    label: str
    count: int
    content: bytes

    @property
    def size_label(self) -> str:
        return file_size(len(self.content))


class ListExports:
    """Write each establishment's row once; make the file of any list of establishments."""

    def __init__(self, directory, settings, updated):
        """updated gives, by establishment id, the day its fiche was last updated (or None)."""
        self.url = page_url(settings)
        self.index = settings["URL_INDEX"]
        self.sample = directory.sample
        self.rows = {
            e.id: csv_line(
                spreadsheet_cell(value)
                for value in establishment_record(e, self.sample, self.url, updated[e.id]).values()
            )
            for e in directory.establishments
        }
        self.directory = directory

    def export(self, path: str, label: str, page_path: str, establishments) -> ListExport:
        """Return the file of a list page: label names the list, page_path is the page's."""
        context = csv_line(spreadsheet_cell(v) for v in (label, self.url(page_path)))
        lines = [csv_line(COLUMNS)]
        lines += [f"{self.rows[e.id]}{DELIMITER}{context}" for e in establishments]
        text = BOM + LINE_END.join(lines) + LINE_END
        return ListExport(path, label, len(establishments), text.encode("utf-8"))

    def browser_data(self, type_labels) -> dict:
        """Return what the browser needs of each establishment: names, trades and CSV row.

        list: [id, name, type, type's full name, commune, [trade names], page path, row,
        whether buying from it reduces the OETH contribution].
        What a page shows is typeset as the pages are (the CSV row is left as data).
        """
        return {
            "sample": self.sample,
            "urlIndex": self.index,
            "header": csv_line(COLUMNS),
            "list": [
                [
                    e.id,
                    typeset_text(e.nom),
                    e.type,
                    typeset_text(type_labels[e.type]),
                    typeset_text(e.commune.nom),
                    [typeset_text(trade.nom) for trade in e.trades],
                    e.path,
                    self.rows[e.id],
                    e.deductible,
                ]
                for e in self.directory.establishments
            ],
        }
