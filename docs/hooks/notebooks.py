"""mkdocs hook: notebook headings get Material's permalinks, so search indexes them cleanly.

mkdocs-jupyter renders a notebook's headings with nbconvert's ``<a class="anchor-link">¶</a>``.
Material's search skips only ``class="headerlink"`` permalinks, so a notebook's section titles
were indexed as ``Set up¶`` (the ``¶`` is no separator: "up" would not find them). Renaming
the class gives the notebook the site's own permalinks, styled and indexed like every page's.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.pages import Page

NBCONVERT_ANCHOR = '<a class="anchor-link" '
PERMALINK = '<a class="headerlink" '


def on_page_content(html: str, *, page: Page, **_: Any) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        return html.replace(NBCONVERT_ANCHOR, PERMALINK)
    return html
