"""Find a theme file in a build: its name carries a hash of its content (site.1a2b3c4d.css)."""

import re
from pathlib import Path


def asset(site: Path, path: str) -> Path:
    """Return the built file for a theme path such as "theme/css/site.css"."""
    source = Path(path)
    pattern = re.compile(rf"{re.escape(source.stem)}\.[0-9a-f]{{8}}{re.escape(source.suffix)}")
    found = [p for p in (site / source.parent).iterdir() if pattern.fullmatch(p.name)]
    assert len(found) == 1, f"{path} : {len(found)} fichier(s) trouvé(s) dans la construction"
    return found[0]
