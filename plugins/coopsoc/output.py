"""Writing the site's files: every page and every other output file goes through here.

A page goes through Pelican's writer.write_file, so its content_written signal fires
(the sitemap lists the page, French typography is applied). Other files (the PDF, the
search index, the open data, scripts, stylesheets) are bytes or UTF-8 text written under
the output folder, their folders created as needed.
"""

from pathlib import Path


def write_page(writer, generator, path: str, template: str, **values) -> None:
    """Write the page of path (from the site root, ending with "/") with a generator's template.

    The template sees the generator's context, page_path (the path) and values.
    """
    writer.write_file(
        path + "index.html",
        generator.get_template(template),
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        page_path=path,
        **values,
    )


def write_bytes(output_path, relative_path: str, data: bytes) -> Path:
    """Write data to output_path/relative_path, creating its folders; return the file."""
    target = Path(output_path, relative_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


def write_text(output_path, relative_path: str, text: str) -> Path:
    """Write text in UTF-8, line endings untouched, to output_path/relative_path."""
    return write_bytes(output_path, relative_path, text.encode("utf-8"))
