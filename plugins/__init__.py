"""The site's code: the core library (coopsoc) and the Pelican plugins that stand on it."""
