"""Bad inputs for the directory loader: a minimal valid data folder, and one row per mistake.

Each row changes one file of the minimal folder and gives the French message fragment the
loader must report, with its line and field. Line numbers refer to the texts below.
"""

from dataclasses import dataclass

COMMUNES = """\
nom,code_insee,code_postal,latitude,longitude
Aubagne,13005,13400,43.2935,5.5633
Marseille 9e Arrondissement,13209,13009,43.2341,5.4525
"""

ASSOCIATIONS = """\
- id: les-amandiers
  nom: Association Les Amandiers
  commune: Aubagne
  presentation: Une association d'exemple.
"""

TRADES = """\
filieres:
  - id: proprete
    nom: Propreté
    description: Entretien de locaux et de véhicules.
    metiers:
      - id: nettoyage-locaux
        nom: Nettoyage de locaux
        description: Bureaux et parties communes.
      - id: lavage-vehicules
        nom: Lavage de véhicules
        description: Flottes d'entreprise.
"""

# Line numbers, for reading the table: 1 id, 2 nom, 3 type, 4 association, 5 commune,
# 6 travailleurs, 7-9 metiers, 10 presentation, 11-12 moyens, 13-14 certifications,
# 15 zone_intervention, 16 intervention_sur_site; the second entry starts at line 17.
ESTABLISHMENTS = """\
- id: esat-le-cade
  nom: ESAT Le Cade
  type: ESAT
  association: les-amandiers
  commune: Aubagne
  travailleurs: 60
  metiers:
    - nettoyage-locaux
    - lavage-vehicules
  presentation: Un ESAT d'exemple.
  moyens:
    - Deux camionnettes
  certifications:
    - ISO 9001
  zone_intervention: Pays d'Aubagne
  intervention_sur_site: true
- id: ea-le-romarin
  nom: EA Le Romarin
  type: EA
  association: les-amandiers
  commune: Marseille 9e Arrondissement
  travailleurs: 20
  metiers:
    - nettoyage-locaux
  presentation: Une entreprise adaptée d'exemple.
  moyens:
    - Un atelier
  zone_intervention: Marseille
  intervention_sur_site: false
"""

FILES = {
    "communes.csv": COMMUNES,
    "associations.yaml": ASSOCIATIONS,
    "trades.yaml": TRADES,
    "establishments.yaml": ESTABLISHMENTS,
}

EST = "establishments.yaml"
_NOT_UTF8 = ASSOCIATIONS.encode("utf-8").replace(b"Amandiers", b"Amandi\xe9rs", 1)


@dataclass(frozen=True)
class Case:
    """One mistake: file changed, how, and what the loader must say about it."""

    name: str
    file: str
    expected: str
    line: int | None
    field: str | None
    old: str | None = None
    new: str | None = None
    text: str | bytes | None = None
    delete: bool = False
    entry: str | None = None

    def content(self) -> str | bytes | None:
        """Return the changed file's content (None: the file is deleted)."""
        if self.delete:
            return None
        if self.text is not None:
            return self.text
        original = FILES[self.file]
        assert self.old in original, f"{self.name}: « {self.old} » absent du modèle"
        return original.replace(self.old, self.new, 1)


CASES = [
    # YAML syntax
    Case(
        "deux-points dans une valeur",
        EST,
        "syntaxe YAML invalide : deux-points inattendu",
        2,
        None,
        "nom: ESAT Le Cade",
        "nom: ESAT : Le Cade",
    ),
    Case(
        "guillemet non refermé",
        EST,
        "un guillemet ouvert ici n'est jamais refermé",
        2,
        None,
        "nom: ESAT Le Cade",
        'nom: "ESAT Le Cade',
    ),
    Case(
        "deux-points manquant",
        EST,
        "il manque les deux-points",
        3,
        None,
        "  type: ESAT\n",
        "  type ESAT\n",
    ),
    Case(
        "ligne mal alignée",
        EST,
        "n'est pas alignée avec les lignes du même niveau",
        3,
        None,
        "  type: ESAT\n",
        " type: ESAT\n",
    ),
    Case(
        "plusieurs documents",
        EST,
        "plusieurs documents séparés par « --- »",
        30,
        None,
        text=ESTABLISHMENTS + "---\n- id: autre\n",
    ),
    Case(
        "caractère spécial en début de valeur",
        EST,
        "commencer par le caractère « @ »",
        2,
        None,
        "nom: ESAT Le Cade",
        "nom: @Cade",
    ),
    Case(
        "alias inconnu",
        EST,
        "référence « * » à une ancre « & » qui n'existe pas",
        2,
        None,
        "nom: ESAT Le Cade",
        "nom: *cade",
    ),
    Case(
        "caractère de contrôle",
        EST,
        "caractère invisible interdit (code U+0007)",
        2,
        None,
        "nom: ESAT Le Cade",
        "nom: ESAT\x07Le Cade",
    ),
    Case(
        "tabulation",
        EST,
        "tabulation utilisée pour l'indentation à la ligne 3",
        3,
        None,
        "  type: ESAT\n",
        "\ttype: ESAT\n",
    ),
    # Structure of an entry
    Case(
        "clé en double",
        EST,
        "champ « nom » écrit deux fois dans la même entrée (première fois à la ligne 2)",
        4,
        "nom",
        "  type: ESAT\n",
        "  type: ESAT\n  nom: Autre nom\n",
        entry="esat-le-cade",
    ),
    Case(
        "champ obligatoire manquant",
        EST,
        "champ obligatoire « zone_intervention » manquant",
        1,
        "zone_intervention",
        "  zone_intervention: Pays d'Aubagne\n",
        "",
        entry="esat-le-cade",
    ),
    Case(
        "champ inconnu",
        EST,
        "champ inconnu « presentaton » — vouliez-vous dire « presentation » ?",
        10,
        "presentaton",
        "  presentation: Un ESAT",
        "  presentaton: Un ESAT",
    ),
    Case(
        "entrée qui n'est pas un ensemble de champs",
        EST,
        "chaque entrée doit être un ensemble de champs",
        30,
        None,
        text=ESTABLISHMENTS + "- juste un texte\n",
        entry="entrée n° 3",
    ),
    # Ids
    Case(
        "identifiant en double",
        EST,
        "identifiant « esat-le-cade » déjà utilisé par l'entrée de la ligne 1",
        17,
        "id",
        "- id: ea-le-romarin",
        "- id: esat-le-cade",
    ),
    Case(
        "identifiant invalide",
        EST,
        "seuls les lettres minuscules sans accent, les chiffres et le tiret",
        1,
        "id",
        "- id: esat-le-cade",
        "- id: ESAT Le Cadé",
        entry="ESAT Le Cadé",
    ),
    Case(
        "identifiant invalide : proposition",
        EST,
        "proposition : « esat-le-cade »",
        1,
        "id",
        "- id: esat-le-cade",
        "- id: ESAT Le Cadé",
    ),
    Case(
        "identifiant en double entre filière et métier",
        "trades.yaml",
        "identifiant « proprete » déjà utilisé par l'entrée de la ligne 2",
        9,
        "id",
        "      - id: lavage-vehicules",
        "      - id: proprete",
    ),
    # Types of values
    Case(
        "nombre entier attendu",
        EST,
        "attendu : un nombre entier, trouvé : un texte « abc »",
        6,
        "travailleurs",
        "travailleurs: 60",
        "travailleurs: abc",
    ),
    Case(
        "nombre écrit avec une espace",
        EST,
        "trouvé : un texte « 2 700 »",
        6,
        "travailleurs",
        "travailleurs: 60",
        "travailleurs: 2 700",
    ),
    Case(
        "texte attendu",
        EST,
        "attendu : un texte, trouvé : un nombre entier « 2024 »",
        2,
        "nom",
        "nom: ESAT Le Cade",
        "nom: 2024",
    ),
    Case(
        "booléen ambigu : oui",
        EST,
        "valeur ambiguë « oui » : écrivez true (pour oui) ou false (pour non)",
        16,
        "intervention_sur_site",
        "intervention_sur_site: true",
        "intervention_sur_site: oui",
    ),
    Case(
        "booléen ambigu : yes",
        EST,
        "valeur ambiguë « yes »",
        16,
        "intervention_sur_site",
        "intervention_sur_site: true",
        "intervention_sur_site: yes",
    ),
    Case(
        "booléen entre guillemets",
        EST,
        "true et false s'écrivent sans guillemets",
        29,
        "intervention_sur_site",
        "intervention_sur_site: false",
        'intervention_sur_site: "false"',
    ),
    Case(
        "liste attendue",
        EST,
        "attendu : une liste (une ligne « - … » par élément), trouvé : "
        "un texte « Deux camionnettes »",
        11,
        "moyens",
        "  moyens:\n    - Deux camionnettes\n",
        "  moyens: Deux camionnettes\n",
    ),
    Case(
        "étiquette YAML",
        EST,
        "étiquette YAML « !secret » non prise en charge",
        2,
        None,
        "nom: ESAT Le Cade",
        "nom: !secret ESAT Le Cade",
    ),
    # Allowed values and references
    Case(
        "type inconnu",
        EST,
        "type inconnu « ESTA » — vouliez-vous dire « ESAT » ?",
        3,
        "type",
        "type: ESAT",
        "type: ESTA",
    ),
    Case(
        "type en minuscules",
        EST,
        "type inconnu « esat » — vouliez-vous dire « ESAT » ?",
        3,
        "type",
        "type: ESAT",
        "type: esat",
    ),
    Case(
        "métier inconnu",
        EST,
        "métier inconnu « lavage-vehicule » — vouliez-vous dire « lavage-vehicules » ?",
        9,
        "metiers",
        "    - lavage-vehicules\n",
        "    - lavage-vehicule\n",
        entry="esat-le-cade",
    ),
    Case(
        "filière au lieu d'un métier",
        EST,
        "« proprete » est une filière, pas un métier",
        9,
        "metiers",
        "    - lavage-vehicules\n",
        "    - proprete\n",
    ),
    Case(
        "commune inconnue",
        EST,
        "commune inconnue « Aubagn » — vouliez-vous dire « Aubagne » ?",
        5,
        "commune",
        "commune: Aubagne",
        "commune: Aubagn",
    ),
    Case(
        "commune abrégée",
        EST,
        "vouliez-vous dire « Marseille 9e Arrondissement » ?",
        21,
        "commune",
        "commune: Marseille 9e Arrondissement",
        "commune: Marseille 9e",
    ),
    Case(
        "commune inconnue d'une association",
        "associations.yaml",
        "commune inconnue « Aubaigne » — vouliez-vous dire « Aubagne » ?",
        3,
        "commune",
        "commune: Aubagne",
        "commune: Aubaigne",
    ),
    Case(
        "association inconnue",
        EST,
        "association inconnue « les-amandier » — vouliez-vous dire « les-amandiers » ?",
        4,
        "association",
        "association: les-amandiers",
        "association: les-amandier",
    ),
    # Impossible numbers
    Case(
        "aucun travailleur",
        EST,
        "nombre impossible : 0 ; la valeur doit être comprise entre 1 et 1\u202f500",
        6,
        "travailleurs",
        "travailleurs: 60",
        "travailleurs: 0",
    ),
    Case(
        "trop de travailleurs",
        EST,
        "nombre impossible : 20000",
        22,
        "travailleurs",
        "travailleurs: 20",
        "travailleurs: 20000",
    ),
    Case(
        "latitude impossible",
        "communes.csv",
        "latitude impossible : 143.2935",
        2,
        "latitude",
        "43.2935,5.5633",
        "143.2935,5.5633",
        entry="Aubagne",
    ),
    Case(
        "longitude qui n'est pas un nombre",
        "communes.csv",
        "attendu : un nombre décimal écrit avec un point",
        3,
        "longitude",
        "43.2341,5.4525",
        "43.2341,cinq",
    ),
    Case(
        "en-tête CSV incorrect",
        "communes.csv",
        "première ligne incorrecte « nom,insee",
        1,
        None,
        "nom,code_insee",
        "nom,insee",
    ),
    Case(
        "ligne CSV incomplète",
        "communes.csv",
        "5 colonnes séparées par des virgules attendues, 4 trouvées",
        2,
        None,
        "13400,43.2935",
        "13400",
    ),
    # Lists
    Case(
        "liste de métiers vide",
        EST,
        "liste vide : indiquez au moins un élément",
        23,
        "metiers",
        "  metiers:\n    - nettoyage-locaux\n  presentation: Une",
        "  metiers: []\n  presentation: Une",
    ),
    Case(
        "liste de moyens sans élément",
        EST,
        "liste vide",
        26,
        "moyens",
        "  moyens:\n    - Un atelier\n",
        "  moyens:\n",
    ),
    Case(
        "élément en double dans une liste",
        EST,
        "« nettoyage-locaux » figure deux fois dans la liste (déjà à la ligne 8)",
        9,
        "metiers",
        "    - lavage-vehicules\n",
        "    - nettoyage-locaux\n",
    ),
    Case(
        "moyen en double, casse différente",
        EST,
        "figure deux fois dans la liste (déjà à la ligne 27)",
        28,
        "moyens",
        "    - Un atelier\n",
        "    - Un atelier\n    - UN ATELIER\n",
    ),
    # Empty values
    Case("texte vide", EST, "texte vide", 2, "nom", "nom: ESAT Le Cade", 'nom: ""'),
    Case(
        "texte fait d'espaces",
        EST,
        "texte vide",
        10,
        "presentation",
        "presentation: Un ESAT d'exemple.",
        'presentation: "   "',
    ),
    Case(
        "valeur manquante",
        EST,
        "valeur manquante : écrivez une valeur après les deux-points",
        10,
        "presentation",
        "presentation: Un ESAT d'exemple.",
        "presentation:",
    ),
    # Files
    Case(
        "fichier qui n'est pas en UTF-8",
        "associations.yaml",
        "octet invalide 0xE9 à la ligne 2, position 30",
        2,
        None,
        text=_NOT_UTF8,
    ),
    Case("fichier manquant", "trades.yaml", "fichier introuvable", None, None, delete=True),
    Case(
        "liste attendue au niveau du fichier",
        "associations.yaml",
        "le fichier doit contenir une liste d'entrées",
        1,
        None,
        text="id: les-amandiers\nnom: Les Amandiers\n",
    ),
    Case(
        "filieres attendu au niveau du fichier",
        "trades.yaml",
        "le fichier doit commencer par la ligne « filieres: »",
        1,
        None,
        text="- id: proprete\n",
    ),
    Case("fichier vide", EST, "le fichier est vide", 1, None, text=""),
    Case(
        "fichier de commentaires seulement",
        EST,
        "le fichier est vide (ou ne contient que des commentaires)",
        1,
        None,
        text="# Rien pour l'instant\n",
    ),
    Case(
        "liste vide au niveau du fichier",
        "associations.yaml",
        "la liste est vide",
        1,
        None,
        text="[]\n",
    ),
]
