"""What the preview (make serve) keeps between its builds besides the steps' results
(plugins/coopsoc/memo.py): the compiled templates.

Pelican makes a new Jinja environment for every generator of every build, which compiles
every template again. In the preview, the environments share an in-memory bytecode cache:
a template is compiled again only when its source changes (Jinja compares a checksum of the
source with the one stored beside the code).
"""

from jinja2.bccache import BytecodeCache

from plugins.coopsoc.memo import enabled


class MemoryBytecodeCache(BytecodeCache):
    """Jinja's compiled templates, kept in this process."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()

    def clear(self):
        self.store.clear()


# One cache per set of environment options (they change the compiled code).
_CACHES: dict[str, MemoryBytecodeCache] = {}


def install_template_cache(generator):
    """Receiver of generator_init: in the preview, share the compiled templates."""
    if enabled(generator.settings):
        options = repr(sorted(generator.settings["JINJA_ENVIRONMENT"].items()))
        generator.env.bytecode_cache = _CACHES.setdefault(options, MemoryBytecodeCache())
