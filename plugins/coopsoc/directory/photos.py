"""Photos of establishments: their entries in establishments.yaml and their files in data/photos/.

Each photo names its file and a French text alternative (RGAA 1.2, 1.3). The files are
checked here (present, of a format the build turns into responsive images); the images
themselves are made by plugins/directory/photos.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image

from plugins.coopsoc.data.schema import Entry
from plugins.coopsoc.text import definite, shorten, with_de

PHOTOS_FOLDER = "photos"
# The formats Pillow reads everywhere; the build writes modern formats from them.
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


@dataclass(frozen=True)
class Photo:
    """A photo of an establishment: its file in data/photos/ and its text alternative."""

    file: str
    alt: str


def read_photos(entry: Entry, field, folder: Path) -> tuple[Photo, ...] | None:
    """Return the photos of an establishment, or None after reporting each problem."""
    items = entry.items(field.key, allow_empty=True)
    if items is None:
        return None
    table = field.table
    suffix = f" des photos {with_de(definite('établissement', False))} « {entry.label} »"
    photos, ok = [], True
    for number, node in enumerate(items, start=1):
        photo = Entry(node, number, entry.report, required=table.required, suffix=suffix)
        if not photo.ok:
            ok = False
            continue
        written = photo.text(table.fields[0].key)
        file = _file(photo, table.fields[0].key, written, folder)
        alt = _alt(photo, table.fields[1], written)
        ok = ok and file is not None and alt is not None
        if ok:
            photos.append(Photo(file, alt))
    return tuple(photos) if ok else None


def _file(photo: Entry, key: str, name: str | None, folder: Path) -> str | None:
    if name is None:
        return None
    line = photo.field_line(key)
    pure = PurePosixPath(name)
    if pure.name != name or name.startswith("."):
        photo.error(
            line,
            f"nom de fichier attendu, sans dossier (par exemple atelier.jpg), trouvé « "
            f"{shorten(name)} » : placez le fichier dans le dossier {PHOTOS_FOLDER}/ des données",
            key,
        )
        return None
    if pure.suffix.lower() not in PHOTO_SUFFIXES:
        photo.error(
            line,
            f"format de photo non pris en charge « {name} » : formats acceptés "
            f"{', '.join(PHOTO_SUFFIXES)}",
            key,
        )
        return None
    if not (folder / name).is_file():
        photo.error(
            line,
            f"photo introuvable : le fichier « {name} » doit se trouver dans le dossier "
            f"{PHOTOS_FOLDER}/ des données (majuscules et minuscules comptent)",
            key,
        )
        return None
    try:
        with Image.open(folder / name) as image:
            image.verify()
    except (OSError, SyntaxError, ValueError) as error:
        photo.error(
            line,
            f"le fichier « {name} » n'est pas une image lisible ({error}) : enregistrez la "
            "photo de nouveau, en JPEG ou en PNG",
            key,
        )
        return None
    return name


def _alt(photo: Entry, field, file: str | None) -> str | None:
    text = photo.text(field.key)
    if text is None:
        return None
    line = photo.field_line(field.key)
    alt = " ".join(text.split())
    if file is not None and alt.casefold() in (
        file.casefold(),
        PurePosixPath(file).stem.casefold(),
    ):
        photo.error(
            line,
            "le texte alternatif répète le nom du fichier : décrivez en une phrase ce que "
            "montre la photo (par exemple « Atelier de menuiserie : deux établis et une scie à "
            "panneaux »)",
            field.key,
        )
        return None
    if len(alt) > field.max_length:
        photo.error(
            line,
            f"texte alternatif trop long : {len(alt)} caractères pour {field.max_length} au plus ; "
            "dites l'essentiel de ce que montre la photo",
            field.key,
        )
        return None
    return alt


def unused_photos(folder: Path, used: set[str]) -> list[str]:
    """Return the photo files of the folder that no establishment shows, sorted."""
    if not folder.is_dir():
        return []
    return sorted(
        path.name
        for path in folder.iterdir()
        if path.is_file() and not path.name.startswith(".") and path.name not in used
    )
