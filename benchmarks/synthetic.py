"""Write a synthetic, valid directory of N establishments, for benchmarks.

Trades, filières, associations and communes are those of data/; the establishments are
generated from its vocabulary (names, presentations, equipment), deterministically, so that
text and search behave as with the site's entries. They are declared a sample
(annuaire.yaml) and claim no certification: a generated entry must not pass for a real
establishment holding a real label.

Usage: python -m benchmarks.synthetic 3000 /tmp/annuaire-3000
"""

import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from plugins.coopsoc.directory.loader import load_directory  # noqa: E402
from plugins.coopsoc.text import slugify  # noqa: E402


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s.strip()]


def write_directory(folder: Path, size: int, seed: int = 2026) -> Path:
    """Write a valid data folder of `size` establishments built from the real vocabulary."""
    real = load_directory(ROOT / "data")
    rng = random.Random(seed)
    shutil.copytree(ROOT / "data", folder)
    sentences = sorted({s for e in real.establishments for s in _sentences(e.presentation)})
    trade_sentences = {t.id: _sentences(t.description) for t in real.trades.values()}
    means = sorted({m for e in real.establishments for m in e.moyens})
    zones = sorted({e.zone_intervention for e in real.establishments})
    words = sorted(
        {w for e in real.establishments for w in e.nom.split()[1:] if len(w) > 3 and w[0].isupper()}
    )
    communes = [c.nom for c in real.communes]
    associations = [a.id for a in real.associations]
    filieres = real.filieres
    all_trades = list(real.trades)
    kinds = ["ESAT"] * 29 + ["EA"] * 6 + ["CHRS"] * 2
    entries = []
    for number in range(size):
        kind = kinds[number % len(kinds)]
        filiere = rng.choice(filieres)
        trades = rng.sample([t.id for t in filiere.trades], rng.randint(1, len(filiere.trades)))
        if rng.random() < 0.4:
            trades.append(rng.choice(all_trades))
        if number < len(all_trades):  # every trade practised at least once
            trades.insert(0, all_trades[number])
        trades = list(dict.fromkeys(trades))
        commune = rng.choice(communes)
        name = f"{kind} {rng.choice(words)} {rng.choice(words)} de {commune}"
        text = rng.sample(sentences, rng.randint(2, 4))
        text.insert(1, rng.choice(trade_sentences[trades[0]]))
        entry = {
            "id": f"{slugify(name)}-{number + 1}",
            "nom": f"{name} {number + 1}",
            "type": kind,
            "association": associations[number % len(associations)],
            "commune": commune,
            "travailleurs": rng.randint(12, 140),
            "metiers": trades,
            "presentation": " ".join(text),
            "moyens": rng.sample(means, rng.randint(1, 4)),
            "zone_intervention": rng.choice(zones),
            "intervention_sur_site": rng.random() < 0.6,
        }
        entries.append(entry)
    text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100)
    (folder / "establishments.yaml").write_text(text, encoding="utf-8")
    _declare_sample(folder, entries, len(associations))
    return folder


def _declare_sample(folder: Path, entries: list[dict], associations: int) -> None:
    """Rewrite annuaire.yaml: a sample whose published counts are those generated."""
    path = folder / "annuaire.yaml"
    declaration = yaml.safe_load(path.read_text(encoding="utf-8"))
    kinds = [entry["type"] for entry in entries]
    declaration["exemple"] = True
    declaration["chiffres_publies"].update(
        etablissements=len(entries),
        esat=kinds.count("ESAT"),
        ea=kinds.count("EA"),
        chrs=kinds.count("CHRS"),
        associations=associations,
    )
    text = yaml.safe_dump(declaration, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")


def sentence_pool() -> list[str]:
    """Sentences of the real presentations, to write plain pages of the same kind."""
    real = load_directory(ROOT / "data")
    return sorted({s for e in real.establishments for s in _sentences(e.presentation)})


if __name__ == "__main__":
    print(write_directory(Path(sys.argv[2]), int(sys.argv[1])))
