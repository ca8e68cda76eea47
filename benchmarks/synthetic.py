"""Write a synthetic, valid directory of N establishments, for benchmarks.

Trades, filières, associations and communes are the real ones from data/; the
establishments are generated from the real data's vocabulary (names, presentations,
equipment), deterministically, so that text and search behave as with real entries.

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

from plugins.directory.formatting import slugify  # noqa: E402
from plugins.directory.loader import load_directory  # noqa: E402


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
    certifications = sorted({c for e in real.establishments for c in e.certifications})
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
        if rng.random() < 0.5:
            entry["certifications"] = rng.sample(certifications, rng.randint(1, 2))
        entries.append(entry)
    text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100)
    (folder / "establishments.yaml").write_text(text, encoding="utf-8")
    return folder


def sentence_pool() -> list[str]:
    """Sentences of the real presentations, to write plain pages of the same kind."""
    real = load_directory(ROOT / "data")
    return sorted({s for e in real.establishments for s in _sentences(e.presentation)})


if __name__ == "__main__":
    print(write_directory(Path(sys.argv[2]), int(sys.argv[1])))
