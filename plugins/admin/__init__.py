"""The /admin/ editor: a page where the staff edit the site's data and pages in the browser.

The editor (Sveltia CMS, installed from npm) saves each change as a commit in the same
repository, or as files of the working tree with `make edit`. Its configuration is
written at each build from the directory's field table (plugins/coopsoc/directory/fields.py)
and the data's choices: see docs/ARCHITECTURE.md, « L’éditeur /admin/ ».
"""


def register():
    """Hand the editor's generator to Pelican."""
    from pelican import signals

    signals.get_generators.connect(_get_generators)


def _get_generators(pelican):
    from .generator import AdminGenerator

    return AdminGenerator
