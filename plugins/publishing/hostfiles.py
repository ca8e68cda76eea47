"""Copy the host configuration files (.htaccess, _headers) into the output, as they are."""

from pathlib import Path
from urllib.parse import urlsplit

from plugins.coopsoc.output import write_bytes

from .settings import PublishingError, publishing_settings


class HostFilesGenerator:
    """Copy PUBLISHING_HOST_FILES (empty in development) to the output folder."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.settings = settings
        self.output_path = Path(output_path)
        # Sources are named from the project root, the folder that holds content/.
        self.root = Path(settings["PATH"]).parent

    def generate_context(self):
        """Check that every file to copy exists before anything is written."""
        files = publishing_settings(self.settings)["PUBLISHING_HOST_FILES"]
        self.files = {self.root / source: target for source, target in files.items()}
        missing = sorted(str(s) for s in self.files if not s.is_file())
        if missing:
            raise PublishingError(
                f"Publication : fichier(s) de configuration introuvable(s) : {', '.join(missing)}"
            )
        # The request form may post to another site: the policy (form-action) must allow it.
        endpoint = self.settings.get("BUYERTOOLS_FORM_ENDPOINT")
        if endpoint:
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(endpoint))
            blocking = sorted(
                str(s) for s in self.files if origin not in s.read_text(encoding="utf-8")
            )
            if blocking:
                raise PublishingError(
                    f"Publication : ajoutez {origin}, l’adresse du formulaire de demande "
                    f"(BUYERTOOLS_FORM_ENDPOINT), à form-action dans {', '.join(blocking)}."
                )

    def generate_output(self, writer):
        """Copy each file."""
        for source, target in self.files.items():
            write_bytes(self.output_path, target, Path(source).read_bytes())


def get_generators(pelican):
    """Hand the host files generator to Pelican."""
    return HostFilesGenerator
