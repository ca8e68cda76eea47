"""Write a synthetic, valid directory of N establishments, for benchmarks.

Trades, filières, associations and communes are the real ones from data/; the
establishments are generated from them with varied names and text, deterministically.

Usage: python -m benchmarks.synthetic 3000 /tmp/annuaire-3000
"""

import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
TYPES = ("ESAT",) * 29 + ("EA",) * 6 + ("CHRS",) * 2
WORKERS = {"ESAT": (40, 130), "EA": (15, 90), "CHRS": (10, 30)}
NAME_PARTS = (
    "Ateliers",
    "Jardins",
    "Services",
    "Horizons",
    "Chemins",
    "Rives",
    "Collines",
    "Oliviers",
    "Cigales",
    "Calanques",
    "Garrigues",
    "Mistral",
    "Étoile",
    "Sainte-Victoire",
    "Alpilles",
    "Camargue",
    "Durance",
    "Huveaune",
    "Vallon",
    "Bastide",
    "Mas",
    "Pinède",
    "Lavandes",
)
QUALIFIERS = (
    "du Soleil",
    "de Provence",
    "du Littoral",
    "de l’Étang",
    "des Canaux",
    "du Plateau",
    "de la Vallée",
    "du Port",
    "des Salins",
    "du Massif",
    "de la Plaine",
    "des Crêtes",
)
MEANS = (
    "Atelier de {n} m² avec quai de chargement",
    "{n} véhicules utilitaires",
    "Chambre froide de {n} m³",
    "Parc de {n} machines professionnelles",
    "Zone de stockage de {n} palettes",
    "Équipe d’encadrement de {n} moniteurs d’atelier",
)
SENTENCES = (
    "Les équipes interviennent pour des entreprises de toute taille, de l’artisan au grand compte.",
    "Un moniteur d’atelier encadre chaque équipe et veille à la qualité du travail rendu.",
    "L’établissement s’engage sur des délais courts et un suivi régulier avec le client.",
    "Les travailleurs sont formés aux consignes de sécurité propres à chaque chantier.",
    "Les prestations sont adaptées au rythme de production du donneur d’ordre.",
    "Les commandes ponctuelles comme les contrats à l’année sont les bienvenus.",
)


def _communes() -> list[str]:
    lines = (ROOT / "data/communes.csv").read_text(encoding="utf-8").splitlines()[1:]
    return [line.split(",")[0] for line in lines if line]


def establishments(count: int, seed: int = 13) -> list[dict]:
    """Return count establishment entries, valid against the real reference data."""
    rng = random.Random(seed)
    trades = yaml.safe_load((ROOT / "data/trades.yaml").read_text(encoding="utf-8"))
    trade_ids = [t["id"] for f in trades["filieres"] for t in f["metiers"]]
    descriptions = {t["id"]: t["description"] for f in trades["filieres"] for t in f["metiers"]}
    associations = [
        a["id"]
        for a in yaml.safe_load((ROOT / "data/associations.yaml").read_text(encoding="utf-8"))
    ]
    communes = _communes()
    entries = []
    for number in range(count):
        kind = TYPES[number % len(TYPES)]
        practised = rng.sample(trade_ids, rng.randint(2, 5))
        # The first establishments cover every trade, so none is unused.
        if number < len(trade_ids):
            practised[0] = trade_ids[number]
            practised = list(dict.fromkeys(practised))
        name = f"{kind} {rng.choice(NAME_PARTS)} {rng.choice(QUALIFIERS)} {number + 1}"
        text = " ".join(
            [descriptions[practised[0]].strip().split(". ")[0] + "."] + rng.sample(SENTENCES, 2)
        )
        entries.append(
            {
                "id": f"etablissement-{number + 1}",
                "nom": name,
                "type": kind,
                "association": associations[number % len(associations)],
                "commune": rng.choice(communes),
                "travailleurs": rng.randint(*WORKERS[kind]),
                "metiers": practised,
                "presentation": text,
                "moyens": [m.format(n=rng.randint(2, 900)) for m in rng.sample(MEANS, 2)],
                "zone_intervention": "Bouches-du-Rhône",
                "intervention_sur_site": rng.random() < 0.6,
            }
        )
    return entries


def write_directory(folder: Path, count: int, seed: int = 13) -> Path:
    """Write a complete data folder (real reference files, synthetic establishments)."""
    folder = Path(folder)
    shutil.copytree(ROOT / "data", folder, dirs_exist_ok=True)
    text = yaml.safe_dump(establishments(count, seed), allow_unicode=True, sort_keys=False)
    (folder / "establishments.yaml").write_text(text, encoding="utf-8")
    return folder


if __name__ == "__main__":
    print(write_directory(Path(sys.argv[2]), int(sys.argv[1])))
