"""Bad inputs for the directory loader: a minimal valid data folder, and one row per mistake.

Each row changes one file of the minimal folder and gives the French message fragment the
loader must report, with its line and field. Line numbers refer to the texts below.
"""

from dataclasses import dataclass

COMMUNES = """\
nom,code_insee,code_postal,latitude,longitude
Aubagne,13005,13400,43.2935,5.5633
Saint-Rémy-de-Provence,13100,13210,43.7834,4.8537
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
  commune: Saint-Rémy-de-Provence
  travailleurs: 20
  metiers:
    - nettoyage-locaux
  presentation: Une entreprise adaptée d'exemple.
  moyens:
    - Un atelier
  zone_intervention: Alpilles
  intervention_sur_site: false
"""

# The history timeline: 1-3 the first event, 4-7 the second (its text on line 7).
HISTORY = """\
- date: "1965"
  titre: Le besoin d'un interlocuteur unique
  texte: Des directeurs d'établissements décident de s'unir.
- date: "1965-07-29"
  titre: Fondation
  texte: >-
    L'association est fondée.
"""

# The switch: 1 exemple, 2 chiffres_publies, 3-7 the counts the sample must reproduce
# (2 establishments: 1 ESAT, 1 EA, 0 CHRS; 1 association), 8-9 the lower bounds.
DECLARATION = """\
exemple: true
chiffres_publies:
  etablissements: 2
  esat: 1
  ea: 1
  chrs: 0
  associations: 1
  travailleurs_plus_de: 50
  metiers_plus_de: 2
"""

FILES = {
    "annuaire.yaml": DECLARATION,
    "communes.csv": COMMUNES,
    "associations.yaml": ASSOCIATIONS,
    "trades.yaml": TRADES,
    "establishments.yaml": ESTABLISHMENTS,
    "history.yaml": HISTORY,
}

EST = "establishments.yaml"
# The end of the first establishment, where the optional fields' cases add a line.
FIRST_ENTRY_END = "  intervention_sur_site: true\n"
HIST = "history.yaml"
DECL = "annuaire.yaml"
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
        "identifiant réservé : type",
        EST,
        "identifiant réservé « type » : l'adresse /etablissements/type/ sert aux listes par type",
        1,
        "id",
        "- id: esat-le-cade",
        "- id: type",
        entry="type",
    ),
    Case(
        "identifiant réservé : commune",
        EST,
        "identifiant réservé « commune » : l'adresse /etablissements/commune/ sert aux listes "
        "par commune",
        17,
        "id",
        "- id: ea-le-romarin",
        "- id: commune",
    ),
    Case(
        "identifiant réservé : page de liste",
        EST,
        "identifiant réservé « page-2 » : l'adresse /etablissements/page-2/ sert à la suite de "
        "la liste de tous les établissements",
        1,
        "id",
        "- id: esat-le-cade",
        "- id: page-2",
        entry="page-2",
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
    Case(
        "formulation d'un besoin qui ne complète pas « Un besoin … ? »",
        "trades.yaml",
        "formulation à revoir : elle complète « Un besoin … ? » et commence par « en »",
        11,
        "besoin",
        "        nom: Lavage de véhicules\n",
        "        nom: Lavage de véhicules\n        besoin: Lavage de véhicules ?\n",
        entry="lavage-vehicules",
    ),
    Case(
        "formulation d'un besoin trop longue",
        "trades.yaml",
        "formulation trop longue : 113 caractères pour 100 au plus",
        11,
        "besoin",
        "        nom: Lavage de véhicules\n",
        "        nom: Lavage de véhicules\n        besoin: de lavage" + " de véhicules" * 8 + "\n",
        entry="lavage-vehicules",
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
        "vouliez-vous dire « Saint-Rémy-de-Provence » ?",
        21,
        "commune",
        "commune: Saint-Rémy-de-Provence",
        "commune: Saint-Rémy",
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
        "43.7834,4.8537",
        "43.7834,cinq",
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
    # History timeline
    Case(
        "histoire : champ obligatoire manquant",
        HIST,
        "champ obligatoire « titre » manquant : ajoutez une ligne « titre: … »",
        4,
        "titre",
        "  titre: Fondation\n",
        "",
        entry="entrée n° 2",
    ),
    Case(
        "histoire : champ inconnu",
        HIST,
        "champ inconnu « text » — vouliez-vous dire « texte » ?",
        3,
        "text",
        "  texte: Des",
        "  text: Des",
        entry="entrée n° 1",
    ),
    Case(
        "histoire : champ en trop",
        HIST,
        "champ inconnu « lieu » (champs possibles : date, titre, texte)",
        6,
        "lieu",
        "  texte: >-\n",
        "  lieu: Marseille\n  texte: >-\n",
    ),
    Case(
        "histoire : année sans guillemets",
        HIST,
        'date sans guillemets : écrivez "1965" (entre guillemets doubles)',
        1,
        "date",
        'date: "1965"',
        "date: 1965",
    ),
    Case(
        "histoire : date complète sans guillemets",
        HIST,
        'date sans guillemets : écrivez "1965-07-29"',
        4,
        "date",
        'date: "1965-07-29"',
        "date: 1965-07-29",
    ),
    Case(
        "histoire : date à la française",
        HIST,
        'date invalide « 29/07/1965 » : écrivez l\'année seule (par exemple "1965") ou la date '
        "complète sous la forme AAAA-MM-JJ",
        4,
        "date",
        'date: "1965-07-29"',
        'date: "29/07/1965"',
    ),
    Case(
        "histoire : date à la française, proposition",
        HIST,
        "— proposition : « 1965-07-29 »",
        4,
        "date",
        'date: "1965-07-29"',
        'date: "29.7.1965"',
    ),
    Case(
        "histoire : date sans zéros",
        HIST,
        "date invalide « 1965-7-29 »",
        4,
        "date",
        'date: "1965-07-29"',
        'date: "1965-7-29"',
    ),
    Case(
        "histoire : jour qui n'existe pas",
        HIST,
        "date impossible « 1965-02-30 » : février 1965 compte 28 jours ; vérifiez le jour",
        4,
        "date",
        'date: "1965-07-29"',
        'date: "1965-02-30"',
    ),
    Case(
        "histoire : 29 février d'une année non bissextile",
        HIST,
        "date impossible « 1965-02-29 »",
        4,
        "date",
        'date: "1965-07-29"',
        'date: "1965-02-29"',
    ),
    Case(
        "histoire : mois qui n'existe pas (jour et mois inversés)",
        HIST,
        "date impossible « 1965-29-07 » : il n'y a pas de mois 29 (de 01 à 12) ; la date "
        "s'écrit dans l'ordre année-mois-jour",
        4,
        "date",
        'date: "1965-07-29"',
        'date: "1965-29-07"',
    ),
    Case(
        "histoire : date qui n'est pas un texte",
        HIST,
        "attendu : une date entre guillemets, trouvé : une liste",
        1,
        "date",
        'date: "1965"',
        'date: ["1965"]',
    ),
    Case(
        "histoire : ordre chronologique",
        HIST,
        "ordre chronologique non respecté : « 1965-07-29 » est placé après « 1966 » (ligne 1) ; "
        "classez les événements du plus ancien au plus récent",
        4,
        "date",
        'date: "1965"',
        'date: "1966"',
        entry="entrée n° 2",
    ),
    Case(
        "histoire : ordre de deux dates séparées par une année seule",
        HIST,
        "« 1965-07-29 » est placé après « 1965-08-01 » (ligne 1)",
        7,
        "date",
        text='- date: "1965-08-01"\n  titre: A\n  texte: a\n'
        '- date: "1965"\n  titre: B\n  texte: b\n'
        '- date: "1965-07-29"\n  titre: C\n  texte: c\n',
        entry="entrée n° 3",
    ),
    Case(
        "histoire : texte vide",
        HIST,
        "texte vide : écrivez une valeur entre les guillemets",
        3,
        "texte",
        "texte: Des directeurs d'établissements décident de s'unir.",
        'texte: "  "',
    ),
    Case(
        "histoire : titre sans valeur",
        HIST,
        "valeur manquante : écrivez une valeur après les deux-points",
        5,
        "titre",
        "titre: Fondation",
        "titre:",
    ),
    Case(
        "histoire : date vide",
        HIST,
        "texte vide",
        4,
        "date",
        'date: "1965-07-29"',
        'date: ""',
    ),
    Case(
        "histoire : liste attendue",
        HIST,
        "le fichier doit contenir une liste d'événements, chacun commençant par « - date: … »",
        1,
        None,
        text='date: "1965"\ntitre: Fondation\ntexte: Fondation.\n',
    ),
    Case(
        "histoire : liste vide",
        HIST,
        "la liste est vide : ajoutez au moins un événement « - date: … »",
        1,
        None,
        text="[]\n",
    ),
    Case("histoire : fichier manquant", HIST, "fichier introuvable", None, None, delete=True),
    # The sample switch (annuaire.yaml)
    Case("annuaire : fichier manquant", DECL, "fichier introuvable", None, None, delete=True),
    Case(
        "annuaire : exemple ambigu",
        DECL,
        "valeur ambiguë « oui » : écrivez true (pour oui) ou false (pour non)",
        1,
        "exemple",
        "exemple: true",
        "exemple: oui",
    ),
    Case(
        "annuaire : exemple sans valeur",
        DECL,
        "attendu : true (oui) ou false (non), trouvé : une valeur vide",
        1,
        "exemple",
        "exemple: true",
        "exemple:",
    ),
    Case(
        "annuaire : exemple entre guillemets",
        DECL,
        "true et false s'écrivent sans guillemets",
        1,
        "exemple",
        "exemple: true",
        'exemple: "true"',
    ),
    Case(
        "annuaire : exemple manquant",
        DECL,
        "champ obligatoire « exemple » manquant",
        1,
        "exemple",
        "exemple: true\n",
        "",
    ),
    Case(
        "annuaire : chiffres publiés manquants",
        DECL,
        "champ « chiffres_publies » manquant : tant que « exemple » vaut true",
        1,
        "chiffres_publies",
        text="exemple: true\n",
    ),
    Case(
        "annuaire : chiffre publié qui n'est pas un nombre",
        DECL,
        "attendu : un nombre entier, trouvé : un texte « plus de 50 »",
        8,
        "travailleurs_plus_de",
        "travailleurs_plus_de: 50",
        "travailleurs_plus_de: plus de 50",
    ),
    Case(
        "annuaire : chiffre publié mal orthographié",
        DECL,
        "champ inconnu « metier_plus_de » — vouliez-vous dire « metiers_plus_de » ?",
        9,
        "metier_plus_de",
        "metiers_plus_de: 2",
        "metier_plus_de: 2",
    ),
    Case(
        "annuaire : les données d'exemple ne reproduisent pas un chiffre publié",
        DECL,
        "l'association publie 2 ESAT, les données d'exemple en comptent 1 : tant que "
        "« exemple » vaut true",
        4,
        "esat",
        "esat: 1",
        "esat: 2",
    ),
    Case(
        "annuaire : pas un ensemble de champs",
        DECL,
        "le fichier doit contenir des champs « clé: valeur », à commencer par « exemple: true »",
        1,
        None,
        text="- exemple: true\n",
    ),
    # The fiche's optional fields (added after line 16, so on line 17 and after). SIRET
    # numbers are made of zeros: a right key on digits that no company holds.
    *(
        Case(
            name,
            EST,
            expected,
            17 + added.count("\n"),
            field,
            FIRST_ENTRY_END,
            FIRST_ENTRY_END.replace("true\n", f"true\n  {added}\n", 1),
            entry="esat-le-cade",
        )
        # A list's problem is on the line of its item.
        for name, added, field, expected in (
            (
                "SIRET : pas 14 chiffres",
                'siret: "000 000 000 0000"',
                "siret",
                "numéro SIRET invalide « 000 000 000 0000 » : 14 chiffres attendus, 13 trouvés",
            ),
            (
                "SIRET : clé de contrôle fausse",
                'siret: "00000000000001"',
                "siret",
                "numéro SIRET invalide « 00000000000001 » : sa clé de contrôle ne correspond pas",
            ),
            (
                "SIRET : une liste",
                "siret: [1, 2]",
                "siret",
                "attendu : un numéro SIRET de 14 chiffres, trouvé : une liste",
            ),
            (
                "mise à jour : pas une date",
                'mise_a_jour: "mars 2026"',
                "mise_a_jour",
                "attendu : une date AAAA-MM-JJ (par exemple 2026-01-01)",
            ),
            (
                "mise à jour : jour impossible",
                'mise_a_jour: "2026-02-30"',
                "mise_a_jour",
                "date impossible « 2026-02-30 »",
            ),
            (
                "références : un texte vide",
                'references:\n    - ""',
                "references",
                "texte vide",
            ),
            (
                "photos : pas une liste",
                "photos: atelier.jpg",
                "photos",
                "attendu : une liste",
            ),
        )
    ),
    *(
        Case(
            name,
            EST,
            expected,
            line,
            field,
            FIRST_ENTRY_END,
            FIRST_ENTRY_END.replace("true\n", f"true\n  photos:\n    - {photo}\n", 1),
            entry="entrée n° 1 des photos de l’établissement « esat-le-cade »",
        )
        for name, photo, line, field, expected in (
            (
                "photo : texte alternatif manquant",
                "fichier: atelier.png",
                18,
                "texte",
                "champ obligatoire « texte » manquant",
            ),
            (
                "photo : fichier absent du dossier photos",
                "fichier: absente.png\n      texte: Un établi vu de face",
                18,
                "fichier",
                "photo introuvable : le fichier « absente.png » doit se trouver dans le dossier "
                "photos/",
            ),
            (
                "photo : chemin au lieu d'un nom de fichier",
                "fichier: ../atelier.png\n      texte: Un établi vu de face",
                18,
                "fichier",
                "nom de fichier attendu, sans dossier",
            ),
            (
                "photo : format non pris en charge",
                "fichier: atelier.gif\n      texte: Un établi vu de face",
                18,
                "fichier",
                "format de photo non pris en charge « atelier.gif »",
            ),
            (
                "photo : texte alternatif qui répète le fichier",
                "fichier: atelier.png\n      texte: atelier",
                19,
                "texte",
                "le texte alternatif répète le nom du fichier",
            ),
            (
                "photo : texte alternatif trop long",
                "fichier: atelier.png\n      texte: " + "Un établi. " * 30,
                19,
                "texte",
                "texte alternatif trop long",
            ),
        )
    ),
]
