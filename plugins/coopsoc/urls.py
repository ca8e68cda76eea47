"""Addresses of the site's pages, from the site root."""

import posixpath


def site_link(settings: dict, siteurl: str, path: str) -> str:
    """Return the URL of a path given from the site root ("" is the home page)."""
    if path == "" or path.endswith("/"):
        path += settings["URL_INDEX"]
    if not path:
        return siteurl + "/" if siteurl else "./"
    return posixpath.join(siteurl, path) if siteurl else path
