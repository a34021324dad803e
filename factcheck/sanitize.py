"""Every HTML sanitising call in the app goes through this module (bleach today).

Allowlists are constants here, so moving to another sanitiser (bleach is in maintenance
mode; nh3 is the likely successor) changes this one file.
"""
import html

import bleach
from markdown_it import MarkdownIt
from markupsafe import Markup

RATIONALE_TAGS = frozenset({
    "p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "hr", "sup", "sub",
})
RATIONALE_ATTRIBUTES = {"a": ["href", "title", "rel"]}
RATIONALE_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"

# Raw HTML in Markdown is disabled: what a reviewer writes is Markdown, never markup.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def _set_rel(attrs: dict, new: bool = False) -> dict:
    """Every link in user content gets rel="nofollow noopener noreferrer"."""
    attrs[(None, "rel")] = LINK_REL
    return attrs


def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to store and show (allowlisted tags, safe links)."""
    html = _markdown.render(text or "")
    cleaned = bleach.clean(html, tags=RATIONALE_TAGS, attributes=RATIONALE_ATTRIBUTES,
                           protocols=RATIONALE_PROTOCOLS, strip=True)
    return bleach.linkify(cleaned, callbacks=[_set_rel], skip_tags={"pre", "code"})


def safe_html(stored_html: str) -> Markup:
    """Mark HTML produced by ``render_markdown`` for templates, cleaning it once more."""
    cleaned = bleach.clean(stored_html or "", tags=RATIONALE_TAGS,
                           attributes=RATIONALE_ATTRIBUTES, protocols=RATIONALE_PROTOCOLS,
                           strip=True)
    return Markup(cleaned)  # noqa: S704 - cleaned by bleach on the line above


def strip_tags(text: str) -> str:
    """Plain text from user input that may contain markup (titles, fetched text)."""
    cleaned = bleach.clean(text or "", tags=set(), attributes={}, strip=True,
                           strip_comments=True)
    return html.unescape(cleaned)  # plain text: Jinja escapes it again when shown
