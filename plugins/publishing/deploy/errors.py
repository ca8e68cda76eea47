"""Turn what ssh, rsync and lftp print on failure into a French message saying what to do."""

import re

# Checked in this order: OpenSSH prints "Host key verification failed" after the warning
# about a changed key, and lftp's "max-retries exceeded" follows the real cause.
PROBLEMS = (
    (
        r"Could not resolve hostname|Name or service not known|Host not found|"
        r"Temporary failure in name resolution|No address associated",
        "l’hébergement {host} est introuvable : vérifiez son nom dans COOPSOC_DEPLOY et la "
        "connexion à Internet de cette machine.",
    ),
    (
        r"REMOTE HOST IDENTIFICATION HAS CHANGED",
        "la clé de l’hébergement {host} a changé depuis qu’elle a été enregistrée dans "
        "{known_hosts} : ne publiez pas. Demandez à l’hébergeur si le serveur a été "
        "réinstallé ; s’il vous confirme la nouvelle empreinte, remplacez la ligne de {host} "
        "dans ce fichier.",
    ),
    (
        r"Host key verification failed|host key is known",
        "la clé de l’hébergement {host} n’est pas dans {known_hosts} : ajoutez-la "
        "(ssh-keyscan -p {port} {host}) après avoir vérifié son empreinte auprès de "
        "l’hébergeur (README.md, « Première mise en place d’un hébergement »).",
    ),
    (
        r"Permission denied \(|Login failed|Login incorrect|\b530\b|Authentication failed",
        "l’hébergement {host} refuse la connexion de « {user} » : vérifiez la clé "
        "(COOPSOC_DEPLOY_KEY) ou le mot de passe (COOPSOC_DEPLOY_PASSWORD), et que la clé "
        "publique est bien autorisée sur l’hébergement.",
    ),
    (
        r"No space left on device|Disk quota exceeded|\b552\b|\b452\b|quota",
        "l’espace disque de l’hébergement {host} est plein : supprimez-y des fichiers ou "
        "demandez plus d’espace à l’hébergeur, puis relancez make deploy.",
    ),
    (
        r"Connection refused|Connection timed out|timed out|No route to host|"
        r"Network is unreachable|Connection reset|Connection closed|max-retries exceeded|"
        r"Broken pipe|connection unexpectedly closed",
        "l’hébergement {host} ne répond pas ou a coupé la connexion (port {port}) : "
        "vérifiez l’adresse et le port dans COOPSOC_DEPLOY et votre connexion, puis "
        "relancez make deploy ; si cela dure, contactez l’hébergeur.",
    ),
)


class DeployError(Exception):
    """The site could not be put online (or back); the message says why and what to do."""

    def __init__(self, message: str, detail: str = "", unchanged: bool = True):
        super().__init__(message)
        self.detail = detail
        # False once the new version is online: "the site online has not changed" is false.
        self.unchanged = unchanged


def explain(output: str, target) -> str:
    """The French explanation of a failed ssh, rsync or lftp run, from what it printed."""
    for pattern, message in PROBLEMS:
        if re.search(pattern, output, re.IGNORECASE):
            return message.format(
                host=target.host, port=target.port, user=target.user,
                known_hosts=target.known_hosts,
            )  # fmt: skip
    return (
        "l’envoi s’est interrompu avant la fin : relancez make deploy ; si l’erreur revient, "
        "le message de l’outil (ci-dessous) dit ce qui s’est passé."
    )
