"""Read a data file as UTF-8 text, explaining in French why it cannot be read."""

from __future__ import annotations

from pathlib import Path

from .problems import FileReport


def read_text(path: Path, report: FileReport) -> str | None:
    """Return the file's text, or None after reporting why it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        report.error(
            None,
            f"fichier introuvable : le fichier « {path.name} » doit se trouver dans le dossier "
            f"« {path.parent.name} » (vérifiez son nom, sans majuscule ni espace)",
        )
        return None
    except OSError as exc:
        report.error(None, f"impossible de lire le fichier ({exc.strerror or exc})")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        report.error(exc_line(data, exc.start), _encoding_message(data, exc.start))
        return None
    # A byte order mark is harmless: some editors add it to UTF-8 files.
    return text.removeprefix("\ufeff")


def exc_line(data: bytes, offset: int) -> int:
    """Return the 1-based line of a byte offset."""
    return data.count(b"\n", 0, offset) + 1


def _encoding_message(data: bytes, offset: int) -> str:
    line = exc_line(data, offset)
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    byte = data[offset]
    guess = data[offset : offset + 1].decode("cp1252", errors="replace")
    hint = ""
    if guess.isprintable() and guess != "\ufffd":
        hint = f" (sans doute le caractère « {guess} » enregistré dans un ancien encodage)"
    return (
        f"le fichier n'est pas enregistré en UTF-8 : octet invalide 0x{byte:02X} "
        f"à la ligne {line}, position {column} (octet n° {offset + 1} du fichier){hint} ; "
        "réenregistrez le fichier en choisissant l'encodage « UTF-8 »"
    )
