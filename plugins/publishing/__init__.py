"""Publishing: sitemap, robots.txt, share and schema.org tags, pictograms, host files,
file names that change with their content (so that hosts may cache them for a year),
scripts sent without their comments, web fonts cut down to the characters the site shows,
and the refusal to publish placeholders."""


def register():
    """Connect the publishing steps to Pelican."""
    import blinker
    from pelican import signals
    from pelican.plugins import granular_signals

    from . import (
        characters,
        folders,
        fonts,
        hostfiles,
        pictos,
        readiness,
        scripts,
        sitemap,
        templating,
    )

    # pelican-granular-signals sends "sitemap", "optimize", "minify", "compress" and
    # "deploy", in this order, after every receiver of `finalized`: the sitemap sees every
    # page, fingerprinting sees every file, and pelican-precompress ("compress",
    # production) compresses the final bytes.
    granular_signals.register()
    signals.generator_init.connect(templating.install)
    signals.generator_init.connect(folders.remember)
    signals.content_object_init.connect(pictos.replace)
    # The fonts keep the characters the pages show: each page is read as it is written.
    characters.register()
    signals.initialized.connect(sitemap.reset)
    signals.content_written.connect(sitemap.collect)
    signals.get_generators.connect(hostfiles.get_generators)
    # Every generator has read its data, nothing is written yet: refuse placeholders here.
    signals.all_generators_finalized.connect(readiness.check)
    # Every file is written and not yet fingerprinted: a script's name hashes what is sent.
    signals.finalized.connect(scripts.run)
    # Every file is written: each folder still without a page gets one, before the sitemap
    # (which leaves it out) and fingerprinting (which keeps its name, rewrites its links).
    blinker.signal("sitemap").connect(folders.write)
    blinker.signal("sitemap").connect(sitemap.write)
    # Every page is written, folders' included: the fonts keep the characters the pages
    # show (and a margin), then fingerprinting names them; one receiver keeps that order.
    blinker.signal("optimize").connect(fonts.subset_then_fingerprint)
