"""One compiled copy of each template for every generator's Jinja environment.

Pelican gives each generator an environment of its own, and each environment compiles the
templates it loads: base.html and its components were compiled once per generator. The
compiled code is kept here, by template, source and the options that change how a template
compiles, and every environment with the same options reuses it. A template whose source
changes (a preview rebuild) is compiled again.
"""

from jinja2.bccache import BytecodeCache

# The options of an environment that change the code a template compiles to.
_OPTIONS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "is_async",
)


def _options(environment) -> tuple:
    autoescape = environment.autoescape
    return (
        tuple(getattr(environment, name) for name in _OPTIONS),
        autoescape if isinstance(autoescape, bool) else id(autoescape),
        tuple(sorted(environment.extensions)),
    )


class SharedCompiledCode(BytecodeCache):
    """Compiled templates kept in memory, shared by environments with the same options."""

    def __init__(self):
        self.codes = {}

    def load_bytecode(self, bucket):
        found = self.codes.get((bucket.key, _options(bucket.environment)))
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket):
        self.codes[(bucket.key, _options(bucket.environment))] = (bucket.checksum, bucket.code)


SHARED = SharedCompiledCode()


def install(generator):
    """Let a generator's Jinja environment share the compiled templates."""
    env = getattr(generator, "env", None)
    if env is not None and env.bytecode_cache is None:
        env.bytecode_cache = SHARED
