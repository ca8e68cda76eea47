"""Long lists of establishments, cut into pages of a hundred cards (DIRECTORY_LIST_PAGE_SIZE).

A list's first page keeps the list's address; the next ones follow it: page-2/, page-3/…
(urls.list_page_path). Each page of a list says which page it is and links to the others,
so that every page stays light however large the directory grows.
"""

from dataclasses import dataclass

from plugins.coopsoc.urls import list_page_path

# Pages linked on either side of the current one; the first and the last are always linked.
AROUND = 2
# Establishments on each page of a list, unless DIRECTORY_LIST_PAGE_SIZE says otherwise.
PAGE_SIZE = 100
PAGE_SIZE_SETTING = "DIRECTORY_LIST_PAGE_SIZE"


class PaginationError(ValueError):
    """A page size that cannot cut a list."""


def list_page_size(settings) -> int:
    """Return DIRECTORY_LIST_PAGE_SIZE, checked: a whole number of at least 1."""
    size = settings.get(PAGE_SIZE_SETTING, PAGE_SIZE)
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise PaginationError(
            f"Réglage {PAGE_SIZE_SETTING} : « {size} » n’est pas un nombre entier d’au moins 1 "
            "(le nombre d’établissements par page d’une liste)."
        )
    return size


@dataclass(frozen=True)
class Pagination:
    """Where a page stands in its list: its number (from 1) and the path of every page."""

    number: int
    paths: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.paths)

    @property
    def previous(self) -> str | None:
        return self.paths[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.paths[self.number] if self.number < self.count else None

    def window(self) -> list[int | None]:
        """Page numbers to link, in order; None where numbers are left out (« … »)."""
        shown = sorted(
            {1, self.count}
            | set(range(max(1, self.number - AROUND), min(self.count, self.number + AROUND) + 1))
        )
        numbers: list[int | None] = []
        for number in shown:
            if numbers and number - numbers[-1] == 2:
                numbers.append(number - 1)  # one page left out: link it rather than « … »
            elif numbers and number - numbers[-1] > 2:
                numbers.append(None)
            numbers.append(number)
        return numbers


def paginate(path: str, establishments: list, size: int) -> list[tuple[str, list, Pagination]]:
    """Cut a list into pages of size: (path, establishments, pagination) for each page."""
    chunks = [establishments[i : i + size] for i in range(0, len(establishments), size)] or [[]]
    paths = tuple(list_page_path(path, number) for number in range(1, len(chunks) + 1))
    return [
        (paths[number - 1], chunk, Pagination(number, paths))
        for number, chunk in enumerate(chunks, start=1)
    ]
