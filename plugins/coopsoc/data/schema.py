"""Check the fields of one data entry and report each problem with its place."""

from __future__ import annotations

from plugins.coopsoc.text import fold, format_number_fr, shorten

from .hints import did_you_mean, slug_problem, suggest
from .problems import ENTRY_LABEL_PREFIX, FileReport
from .yamlnodes import (
    BOOLEAN,
    EMPTY,
    INTEGER,
    TEXT,
    Mapping,
    Scalar,
    Sequence,
    describe,
)

# Words an editor may write for yes or no: YAML 1.1 and 1.2 disagree on some of them,
# so only true and false are accepted, and these get a precise message.
AMBIGUOUS_BOOLEANS = frozenset(
    {"oui", "non", "o", "n", "yes", "no", "y", "on", "off", "vrai", "faux", "1", "0"}
)
EMPTY_LIST = "liste vide : indiquez au moins un élément, une ligne « - … » par élément"


class Entry:
    """One entry (a « clé: valeur » mapping) of a data file, checked field by field.

    Each accessor returns the checked value, or None after reporting why it is unusable;
    a missing required field is reported once, when the entry is created. prefix names the
    fields of a nested mapping in messages (« smic_horaire. » gives « smic_horaire.montant »).
    """

    def __init__(
        self, node, number, report: FileReport, *, required, optional=(), suffix="", prefix=""
    ):
        self.report = report
        self.prefix = prefix
        self.line = node.line
        self.mapping = node if isinstance(node, Mapping) else None
        self.raw_id = self._raw_id()
        if number is None:
            self.label = None
        else:
            self.label = self.raw_id or f"{ENTRY_LABEL_PREFIX}{number}{suffix}"
        if self.mapping is None:
            self.error(
                node.line,
                "chaque entrée doit être un ensemble de champs « clé: valeur » "
                f"(par exemple « - id: … »), trouvé : {describe(node)}",
            )
        else:
            self._check_keys(tuple(required), tuple(optional))

    def _raw_id(self) -> str | None:
        field = self.mapping.fields.get("id") if self.mapping else None
        node = field.node if field else None
        if isinstance(node, Scalar) and node.kind == TEXT and node.value.strip():
            return node.value
        return None

    def _check_keys(self, required: tuple, optional: tuple) -> None:
        allowed = required + optional
        # A misspelt required field is reported once: as unknown, with a suggestion.
        suggested = set()
        for field, first_line in self.mapping.duplicates:
            self.error(
                field.line,
                f"champ « {field.key} » écrit deux fois dans la même entrée (première fois à la "
                f"ligne {first_line}) : gardez-en un seul",
                field.key,
            )
        for key, field in self.mapping.fields.items():
            if key not in allowed:
                guess = suggest(key, allowed)
                suggested.add(guess)
                if guess:
                    hint = f" — vouliez-vous dire « {guess} » ?"
                else:
                    hint = f" (champs possibles : {', '.join(allowed)})"
                self.error(field.line, f"champ inconnu « {key} »{hint}", key)
        for key in required:
            if key not in self.mapping.fields and key not in suggested:
                self.error(
                    self.line,
                    f"champ obligatoire « {key} » manquant : ajoutez une ligne « {key}: … » "
                    "à cette entrée",
                    key,
                )

    @property
    def ok(self) -> bool:
        """Whether the entry is a mapping at all."""
        return self.mapping is not None

    def error(self, line, message, field=None) -> None:
        """Report an error in this entry."""
        self.report.error(line, message, entry=self.label, field=self._field(field))

    def warning(self, line, message, field=None) -> None:
        """Report a warning about this entry."""
        self.report.warning(line, message, entry=self.label, field=self._field(field))

    def _field(self, name: str | None) -> str | None:
        return None if name is None else self.prefix + name

    def has(self, name: str) -> bool:
        """Whether the field is written in the entry."""
        return self.mapping is not None and name in self.mapping.fields

    def field_line(self, name: str) -> int:
        """Return the line of a field's name, or the entry's line if it is missing."""
        if self.has(name):
            return self.mapping.fields[name].line
        return self.line

    def node(self, name: str):
        """Return the node of a field as written, or None if the field is missing."""
        return self.mapping.fields[name].node if self.has(name) else None

    def text(self, name: str) -> str | None:
        """Return a non-blank text field, exactly as written."""
        node = self.node(name)
        return None if node is None else self.text_of(node, name, self.field_line(name))

    def text_of(self, node, name: str, line: int | None = None) -> str | None:
        """Return the text of a node, or None after reporting why it is not text."""
        line = node.line if line is None else line
        if isinstance(node, Scalar) and node.kind == TEXT:
            if node.value.strip():
                return node.value
            self.error(line, "texte vide : écrivez une valeur entre les guillemets", name)
            return None
        if isinstance(node, Scalar) and node.kind == EMPTY:
            self.error(
                line,
                "valeur manquante : écrivez une valeur après les deux-points",
                name,
            )
            return None
        hint = ""
        if isinstance(node, Scalar):
            hint = f' ; si c\'est bien du texte, entourez-le de guillemets : "{node.source}"'
        self.error(line, f"attendu : un texte, trouvé : {describe(node)}{hint}", name)
        return None

    def slug(self, name: str) -> str | None:
        """Return a valid id field."""
        value = self.text(name)
        if value is None:
            return None
        problem = slug_problem(value)
        if problem:
            self.error(self.field_line(name), problem, name)
            return None
        return value

    def choice(self, name: str, choices: tuple, noun: str) -> str | None:
        """Return a text field that must be one of choices."""
        value = self.text(name)
        if value is None or value in choices:
            return value
        self.error(
            self.field_line(name),
            f"{noun} « {shorten(value)} »{did_you_mean(value, choices)} "
            f"(valeurs possibles : {', '.join(choices)})",
            name,
        )
        return None

    def integer(self, name: str, minimum: int, maximum: int) -> int | None:
        """Return a whole number field within [minimum, maximum]."""
        node = self.node(name)
        if node is None:
            return None
        if isinstance(node, Scalar) and node.kind == INTEGER:
            if minimum <= node.value <= maximum:
                return node.value
            self.error(
                self.field_line(name),
                f"nombre impossible : {node.source} ; la valeur doit être comprise entre "
                f"{format_number_fr(minimum)} et {format_number_fr(maximum)}",
                name,
            )
            return None
        self.error(
            self.field_line(name),
            f"attendu : un nombre entier, trouvé : {describe(node)} ; écrivez le nombre en "
            "chiffres, sans espace, ni point, ni guillemets (par exemple 45)",
            name,
        )
        return None

    def boolean(self, name: str) -> bool | None:
        """Return a true/false field."""
        node = self.node(name)
        if node is None:
            return None
        if isinstance(node, Scalar) and node.kind == BOOLEAN:
            return node.value
        if isinstance(node, Scalar) and fold(node.source.strip()) in AMBIGUOUS_BOOLEANS:
            message = (
                f"valeur ambiguë « {node.source} » : écrivez true (pour oui) ou false (pour non)"
            )
        elif isinstance(node, Scalar) and node.source.strip().lower() in (
            "true",
            "false",
        ):
            message = "true et false s'écrivent sans guillemets"
        else:
            message = f"attendu : true (oui) ou false (non), trouvé : {describe(node)}"
        self.error(self.field_line(name), message, name)
        return None

    def items(self, name: str, *, allow_empty: bool) -> tuple | None:
        """Return the item nodes of a list field."""
        node = self.node(name)
        if node is None:
            return None
        if isinstance(node, Sequence):
            if node.items or allow_empty:
                return node.items
            self.error(self.field_line(name), EMPTY_LIST, name)
        elif isinstance(node, Scalar) and node.kind == EMPTY:
            message = EMPTY_LIST
            if allow_empty:
                message += f", ou supprimez la ligne « {name}: »"
            self.error(self.field_line(name), message, name)
        else:
            self.error(
                self.field_line(name),
                f"attendu : une liste (une ligne « - … » par élément), trouvé : {describe(node)}",
                name,
            )
        return None

    def text_list(self, name: str, *, allow_empty: bool = False) -> list[Scalar] | None:
        """Return the items of a list of texts, each kept once, as Scalar nodes."""
        items = self.items(name, allow_empty=allow_empty)
        if items is None:
            return None
        seen: dict[str, int] = {}
        kept = []
        for item in items:
            text = self.text_of(item, name)
            if text is None:
                continue
            key = " ".join(fold(text).split())
            if key in seen:
                self.error(
                    item.line,
                    f"« {shorten(text)} » figure deux fois dans la liste (déjà à la ligne "
                    f"{seen[key]}) : supprimez le doublon",
                    name,
                )
                continue
            seen[key] = item.line
            kept.append(item)
        return kept
