"""Responsive images of the establishments' photos, made at build time with Pillow.

Each photo of data/photos/ becomes, beside its establishment's page, one file per width
and format: AVIF and WebP when this Pillow can write them, and JPEG for every browser.
The page gives the browser the choice (<picture>, srcset, sizes), the intrinsic width and
height (no layout shift) and lazy loading. Metadata (place, camera) are not copied.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps, UnidentifiedImageError, features

from plugins.coopsoc.directory.photos import PHOTOS_FOLDER
from plugins.coopsoc.memo import digest, remember
from plugins.coopsoc.output import write_bytes

# Widths written, in CSS pixels: a phone column, and the same on a 2× screen or a desktop.
WIDTHS = (480, 960)
# (media type, Pillow format, suffix, encoder options), best first; JPEG is the fallback.
FORMATS = (
    ("image/avif", "AVIF", "avif", {"quality": 50}),
    ("image/webp", "WEBP", "webp", {"quality": 72, "method": 6}),
    ("image/jpeg", "JPEG", "jpg", {"quality": 78, "optimize": True, "progressive": True}),
)
# How wide the photo is shown: the page's text column, full width on a phone.
SIZES = "(min-width: 48em) 30rem, 100vw"


class PhotoError(Exception):
    """A photo cannot be turned into images; the message says why, in French."""


@dataclass(frozen=True)
class Source:
    """One format of a photo: its media type and srcset."""

    media_type: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    """What the page needs to show a photo: modern sources, the JPEG fallback, its size."""

    alt: str
    sources: tuple[Source, ...]
    srcset: str
    src: str
    width: int
    height: int
    sizes: str = SIZES


def available_formats() -> tuple:
    """Return the FORMATS this Pillow can write (JPEG always)."""
    return tuple(f for f in FORMATS if f[1] == "JPEG" or features.check(f[1].lower()))


class Photos:
    """Make every photo's images in memory once; pictures by establishment id."""

    def __init__(self, directory, data_folder: Path, settings=None):
        self.files: dict[str, bytes] = {}
        self.pictures: dict[str, tuple[Picture, ...]] = {}
        self.settings = settings or {}
        folder = Path(data_folder) / PHOTOS_FOLDER
        formats = available_formats()
        for establishment in directory.establishments:
            self.pictures[establishment.id] = tuple(
                self._picture(establishment.path, photo, folder, formats)
                for photo in establishment.photos
            )

    def _picture(self, page: str, photo, folder: Path, formats) -> Picture:
        source = folder / photo.file
        data = _read(source)
        # In the preview, a photo of the same bytes is not encoded again.
        key = partial(digest, data, page, photo.file, photo.alt, formats)
        picture, files = remember(
            self.settings, "photo", key, lambda: _make(page, photo, source, data, formats)
        )
        self.files.update(files)
        return picture

    def write(self, output_path) -> None:
        """Write every image beside its establishment's page."""
        for path, data in self.files.items():
            write_bytes(output_path, path, data)


def _make(page: str, photo, source: Path, data: bytes, formats) -> tuple[Picture, dict]:
    """Return a photo's Picture and its image files (path from the root → bytes)."""
    files = {}
    image = _open(source, data)
    stem = PurePosixPath(photo.file).stem
    # Never enlarged: a photo narrower than a width gives its own width instead.
    widths = sorted({min(width, image.width) for width in WIDTHS})
    sizes = {width: (width, round(image.height * width / image.width)) for width in widths}
    srcsets = []
    for _media_type, pillow_format, suffix, options in formats:
        srcset = []
        for width in widths:
            name = f"photo-{stem}-{width}.{suffix}"
            buffer = io.BytesIO()
            image.resize(sizes[width], Image.Resampling.LANCZOS).save(
                buffer, pillow_format, **options
            )
            files[page + name] = buffer.getvalue()
            srcset.append((name, width))
        srcsets.append(srcset)
    jpeg = srcsets[-1]
    return Picture(
        alt=photo.alt,
        sources=tuple(
            Source(media_type, _srcset(srcset))
            for (media_type, *_), srcset in zip(formats[:-1], srcsets[:-1], strict=True)
        ),
        srcset=_srcset(jpeg),
        src=jpeg[0][0],
        width=sizes[widths[-1]][0],
        height=sizes[widths[-1]][1],
    ), files


def _srcset(files: list[tuple[str, int]]) -> str:
    return ", ".join(f"{name} {width}w" for name, width in files)


def _read(path: Path) -> bytes:
    """Return a photo's bytes, or raise PhotoError."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise _unreadable(path, error) from error


def _unreadable(path: Path, error) -> PhotoError:
    return PhotoError(
        f"Photo {PHOTOS_FOLDER}/{path.name} : le fichier n'est pas une image lisible "
        f"({error}) ; enregistrez-la de nouveau en JPEG ou en PNG."
    )


def _open(path: Path, data: bytes) -> Image.Image:
    """Return the image of a file's bytes, upright and in RGB, or raise PhotoError."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened)
            image.load()
    except (OSError, UnidentifiedImageError) as error:
        raise _unreadable(path, error) from error
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "white")
        background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        image = background
    return image.convert("RGB")
