"""Cases of the contribution simulator, computed by hand from the rules they name.

Each row: the four inputs as a visitor types them (the GET parameters of the simulator)
and the expected figures in euros. They assume the SMIC horaire of data/oeth.yaml is
SMIC_CENTS: a test fails when it changes, so that these figures are recomputed by hand
(400 h = 4 808 €, 500 h = 6 010 €, 600 h = 7 212 € at 12,02 €).

Rules (Code du travail): D5212-2, obligation = 6 % of the workforce « arrondi à l'entier
inférieur », none under 20 employees (L5212-2); D5212-20, 400 / 500 / 600 × SMIC per
missing beneficiary for 20-249 / 250-749 / 750+ employees; D5212-22, deduction = 30 % of
the labour cost, capped at 50 % of the gross contribution below a 3 % direct employment
rate and 75 % from 3 % up.
"""

SMIC_CENTS = 1202

# id, rule exercised, inputs, expected (obligation, manquants, then amounts in euros).
CASES = [
    (
        "moins-de-20-salaries",
        "L5212-2 : pas d'obligation sous 20 salariés, même avec des achats",
        {"effectif": "19", "beneficiaires": "0", "achats_ht": "10000", "part_main_oeuvre": "50"},
        {
            "obligation": "0",
            "manquants": "0",
            "contribution-brute": "0.00",
            "main-oeuvre": "5000.00",
            "deduction-calculee": "1500.00",
            "plafond": "0.00",
            "deduction": "0.00",
            "reste-a-payer": "0.00",
        },
    ),
    (
        "seuil-20-sans-achats",
        "D5212-2 : 6 % de 20 = 1,2 arrondi à 1 ; D5212-20 a) 400 × SMIC ; aucun achat",
        {"effectif": "20", "beneficiaires": "0", "achats_ht": "0", "part_main_oeuvre": "0"},
        {
            "obligation": "1",
            "manquants": "1",
            "contribution-brute": "4808.00",
            "main-oeuvre": "0.00",
            "deduction-calculee": "0.00",
            "plafond": "2404.00",
            "deduction": "0.00",
            "reste-a-payer": "4808.00",
        },
    ),
    (
        "arrondi-249",
        "D5212-2 : 6 % de 249 = 14,94 arrondi à 14 ; dernière tranche à 400 × SMIC",
        {"effectif": "249", "beneficiaires": "0", "achats_ht": "0", "part_main_oeuvre": "50"},
        {
            "obligation": "14",
            "manquants": "14",
            "contribution-brute": "67312.00",
            "main-oeuvre": "0.00",
            "deduction-calculee": "0.00",
            "plafond": "33656.00",
            "deduction": "0.00",
            "reste-a-payer": "67312.00",
        },
    ),
    (
        "tranche-250",
        "D5212-20 b) : 250 salariés, 500 × SMIC ; déduction sous le plafond de 50 %",
        {"effectif": "250", "beneficiaires": "5", "achats_ht": "20000", "part_main_oeuvre": "50"},
        {
            "obligation": "15",
            "manquants": "10",
            "contribution-brute": "60100.00",
            "main-oeuvre": "10000.00",
            "deduction-calculee": "3000.00",
            "plafond": "30050.00",
            "deduction": "3000.00",
            "reste-a-payer": "57100.00",
        },
    ),
    (
        "tranche-749",
        "D5212-2 : 6 % de 749 = 44,94 arrondi à 44 ; D5212-20 b) 500 × SMIC",
        {"effectif": "749", "beneficiaires": "0", "achats_ht": "0", "part_main_oeuvre": "0"},
        {
            "obligation": "44",
            "manquants": "44",
            "contribution-brute": "264440.00",
            "main-oeuvre": "0.00",
            "deduction-calculee": "0.00",
            "plafond": "132220.00",
            "deduction": "0.00",
            "reste-a-payer": "264440.00",
        },
    ),
    (
        "tranche-750",
        "D5212-20 c) : 750 salariés, 600 × SMIC ; 4 % d'emploi direct, plafond de 75 %",
        {"effectif": "750", "beneficiaires": "30", "achats_ht": "100000", "part_main_oeuvre": "40"},
        {
            "obligation": "45",
            "manquants": "15",
            "contribution-brute": "108180.00",
            "main-oeuvre": "40000.00",
            "deduction-calculee": "12000.00",
            "plafond": "81135.00",
            "deduction": "12000.00",
            "reste-a-payer": "96180.00",
        },
    ),
    (
        "plafond-50-atteint",
        "D5212-22 : 2 % d'emploi direct, déduction de 42 000 € ramenée à 50 % de la contribution",
        {"effectif": "100", "beneficiaires": "2", "achats_ht": "200000", "part_main_oeuvre": "70"},
        {
            "obligation": "6",
            "manquants": "4",
            "contribution-brute": "19232.00",
            "main-oeuvre": "140000.00",
            "deduction-calculee": "42000.00",
            "plafond": "9616.00",
            "deduction": "9616.00",
            "reste-a-payer": "9616.00",
        },
    ),
    (
        "plafond-75-a-3-pourcent",
        "D5212-22 : 3 % d'emploi direct exactement, plafond de 75 % atteint",
        {"effectif": "100", "beneficiaires": "3", "achats_ht": "200000", "part_main_oeuvre": "70"},
        {
            "obligation": "6",
            "manquants": "3",
            "contribution-brute": "14424.00",
            "main-oeuvre": "140000.00",
            "deduction-calculee": "42000.00",
            "plafond": "10818.00",
            "deduction": "10818.00",
            "reste-a-payer": "3606.00",
        },
    ),
    (
        "plafond-50-sous-3-pourcent",
        "D5212-22 : 2,5 % d'emploi direct, encore sous 3 %, plafond de 50 % atteint",
        {"effectif": "200", "beneficiaires": "5", "achats_ht": "100000", "part_main_oeuvre": "100"},
        {
            "obligation": "12",
            "manquants": "7",
            "contribution-brute": "33656.00",
            "main-oeuvre": "100000.00",
            "deduction-calculee": "30000.00",
            "plafond": "16828.00",
            "deduction": "16828.00",
            "reste-a-payer": "16828.00",
        },
    ),
    (
        "plus-de-beneficiaires-que-requis",
        "D5212-20 : 8 employés pour 6 requis, aucun manquant, rien à déduire ni à payer",
        {"effectif": "100", "beneficiaires": "8", "achats_ht": "50000", "part_main_oeuvre": "60"},
        {
            "obligation": "6",
            "manquants": "0",
            "contribution-brute": "0.00",
            "main-oeuvre": "30000.00",
            "deduction-calculee": "9000.00",
            "plafond": "0.00",
            "deduction": "0.00",
            "reste-a-payer": "0.00",
        },
    ),
    (
        "decimales-et-espaces",
        "Saisie « 12 345,67 » et « 33,5 » : 4 135,799… arrondi à 4 135,80 € de main-d'œuvre",
        {
            "effectif": "57",
            "beneficiaires": "1",
            "achats_ht": "12 345,67",
            "part_main_oeuvre": "33,5",
        },
        {
            "obligation": "3",
            "manquants": "2",
            "contribution-brute": "9616.00",
            "main-oeuvre": "4135.80",
            "deduction-calculee": "1240.74",
            "plafond": "4808.00",
            "deduction": "1240.74",
            "reste-a-payer": "8375.26",
        },
    ),
    (
        "grande-entreprise-plafond-75",
        "D5212-20 c) et D5212-22 : 1 000 salariés, 4 % d'emploi direct, plafond de 75 % atteint",
        {
            "effectif": "1000",
            "beneficiaires": "40",
            "achats_ht": "500000",
            "part_main_oeuvre": "80",
        },
        {
            "obligation": "60",
            "manquants": "20",
            "contribution-brute": "144240.00",
            "main-oeuvre": "400000.00",
            "deduction-calculee": "120000.00",
            "plafond": "108180.00",
            "deduction": "108180.00",
            "reste-a-payer": "36060.00",
        },
    ),
    (
        "exemple-de-la-page",
        "L'exemple de data/oeth.yaml : 6 % de 120 = 7,2 arrondi à 7, déduction sous le plafond",
        {"effectif": "120", "beneficiaires": "3", "achats_ht": "25000", "part_main_oeuvre": "60"},
        {
            "obligation": "7",
            "manquants": "4",
            "contribution-brute": "19232.00",
            "main-oeuvre": "15000.00",
            "deduction-calculee": "4500.00",
            "plafond": "9616.00",
            "deduction": "4500.00",
            "reste-a-payer": "14732.00",
        },
    ),
]
