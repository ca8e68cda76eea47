"""The core library every plugin stands on; not a plugin itself.

It reads and checks every file of data/ (data, directory, vocabulary), writes French
(text, typography), renders Markdown safely (markup), reads prefixed settings (settings) and
spells the site's addresses (urls). It imports neither Pelican's signals nor any plugin.
"""
