"""The readable text of an HTML article, parsed with selectolax (the Lexbor engine).

The article body is kept: ``<article>`` (the one with most text), else ``<main>``,
else ``<body>``; scripts, styles, navigation, page headers and footers, forms, asides,
hidden elements and cookie, newsletter, share and advert blocks are dropped. Block
boundaries are kept: one paragraph per block with a blank line between blocks,
headings as Markdown ``#`` lines, list items as ``- `` lines, table rows as ``| `` lines,
``<br>`` as a line break. The page's ``<h1>`` is kept when it sits outside the body
that was chosen. The result is NFC with ``\\n`` line ends, ready to be stored.

``html_metadata`` reads what the page says about itself in its head: the author
(``<meta name="author">`` and its common synonyms), the publication date
(``article:published_time`` and the like) and the canonical address
(``<link rel="canonical">``, else ``og:url``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

_DROP_TAGS = (
    "script, style, noscript, template, svg, canvas, iframe, object, embed, form, button, "
    "select, input, textarea, nav, aside, dialog, head, menu"
)
_PAGE_CHROME = "header, footer"
_CHROME = re.compile(
    r"cookie|consent|gdpr|banner|newsletter|subscri|signup|sign-up|advert|\bads?\b|promo|"
    r"social|share|sharing|related|recommend|comment|breadcrumb|\bmenu\b|sidebar|popup|"
    r"modal|paywall|outbrain|taboola|sponsor|byline-share|skip-link|visually-hidden|sr-only",
    re.IGNORECASE,
)
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BLOCKS = {
    "p", "div", "section", "article", "main", "blockquote", "pre", "figure", "figcaption",
    "dl", "dt", "dd", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "hr",
    "address", "details", "summary", "center", "h1", "h2", "h3", "h4", "h5", "h6", "body",
    "html", "caption",
}  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_CELLS = {"td", "th"}
_SPACE = re.compile(r"\s+")


def _is_chrome(node: LexborNode) -> bool:
    attrs = node.attributes
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    if (attrs.get("role") or "").lower() in _CHROME_ROLES:
        return True
    style = attrs.get("style") or ""
    if style and _HIDDEN_STYLE.search(style):
        return True
    marker = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    return bool(marker.strip()) and _CHROME.search(marker) is not None


def _text_length(node: LexborNode) -> int:
    return len(node.text(separator=" ", strip=True))


def _choose_root(tree: LexborHTMLParser) -> LexborNode | None:
    articles = tree.css("article")
    if articles:
        return max(articles, key=_text_length)
    for selector in ("main", "[role=main]", "body"):
        node = tree.css_first(selector)
        if node is not None:
            return node
    return tree.root


class _Writer:
    """Gathers inline text into the current block and closes blocks into lines."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.inline: list[str] = []
        self.prefix = ""

    def text(self, data: str) -> None:
        self.inline.append(_SPACE.sub(" ", data))  # source line ends are spaces

    def line_break(self) -> None:
        self.inline.append("\n")

    def close(self) -> None:
        raw = "".join(self.inline)
        self.inline = []
        lines = [" ".join(part.split()) for part in raw.split("\n")]
        body = "\n".join(line for line in lines if line)
        if body:
            self.blocks.append(self.prefix + body)
        self.prefix = ""


def _walk(root: LexborNode, out: _Writer) -> None:
    # An explicit stack: deeply nested pages must not hit the recursion limit.
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag or ""
        if leaving:
            if tag in _CELLS:
                out.text(" | ")
            elif tag in _BLOCKS:
                out.close()
            continue
        if tag == "-text":
            out.text(node.text(deep=False))
            continue
        if tag.startswith("-"):
            continue  # comments, doctype
        if tag == "br":
            out.line_break()
            continue
        if node is not root and _is_chrome(node):
            continue
        if tag in _BLOCKS:
            out.close()
            if tag in _HEADINGS:
                out.prefix = "#" * _HEADINGS[tag] + " "
            elif tag == "li":
                out.prefix = "- "
            elif tag == "tr":
                out.prefix = "| "
        stack.append((node, True))
        children = list(node.iter(include_text=True))
        for child in reversed(children):
            stack.append((child, False))


def extract_html_text(html: str) -> str:
    """The article text of an HTML page (see the module docstring for what is kept)."""
    tree = LexborHTMLParser(html)
    for node in tree.css(_DROP_TAGS):
        node.decompose()
    root = _choose_root(tree)
    if root is None:
        return ""
    title = ""
    if not root.css_first("h1"):
        h1 = tree.css_first("h1")
        if h1 is not None:
            title = " ".join(h1.text(separator=" ").split())
    # Page headers and footers are chrome; inside an article they may hold its title.
    for node in root.css(_PAGE_CHROME):
        if node.tag == "footer" or not node.css_first("h1"):
            node.decompose()
    out = _Writer()
    _walk(root, out)
    out.close()
    blocks = [b for b in out.blocks if b.strip()]
    if title and not any(b.lstrip("# ") == title for b in blocks[:3]):
        blocks.insert(0, f"# {title}")
    return unicodedata.normalize("NFC", "\n\n".join(_join_runs(blocks)))


def _join_runs(blocks: list[str]) -> list[str]:
    """Consecutive list items (and table rows) make one block, one per line."""
    result: list[str] = []
    for block in blocks:
        if block.startswith("| "):
            block = block.rstrip(" |")
        marker = block[:2]
        if marker in ("- ", "| ") and result and result[-1][:2] == marker:
            result[-1] += "\n" + block
        else:
            result.append(block)
    return result


@dataclass(frozen=True)
class HtmlMetadata:
    """What an HTML page's head says about the article ("" where it says nothing)."""

    author: str = ""
    published: str = ""  # an ISO date (2023-08-24), or the page's own words
    url: str = ""  # the canonical http(s) address


# Where pages name their author and date, most specific first.
_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "dc.creator", "dcterms.creator",
                "sailthru.author", "byl", "citation_author")  # fmt: skip
_DATE_KEYS = ("article:published_time", "datepublished", "date", "dc.date", "dcterms.date",
              "dc.date.issued", "dcterms.issued", "citation_publication_date", "pubdate",
              "publish-date", "parsely-pub-date", "sailthru.date", "og:published_time")  # fmt: skip
_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ]|$)")


def _meta_values(tree: LexborHTMLParser) -> dict[str, str]:
    """``name``/``property``/``itemprop`` (lower case) -> the first non-empty content."""
    values: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = " ".join((attrs.get("content") or "").split())
        if not content:
            continue
        for key in ("name", "property", "itemprop"):
            name = (attrs.get(key) or "").strip().lower()
            if name and name not in values:
                values[name] = content
    return values


def _web(url: str) -> str:
    url = url.strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


def html_metadata(html: str) -> HtmlMetadata:
    """The author, date and canonical address an HTML page declares in its head."""
    tree = LexborHTMLParser(html)
    meta = _meta_values(tree)
    # An author given as a profile address (article:author often is) names no one.
    author = next((meta[k] for k in _AUTHOR_KEYS if k in meta and not _web(meta[k])), "")
    published = next((meta[k] for k in _DATE_KEYS if k in meta), "")
    if not published:
        node = tree.css_first("time[datetime]")
        published = (node.attributes.get("datetime") or "").strip() if node else ""
    found = _ISO_DATE.match(published)
    if found:
        published = found.group(1)
    url = ""
    for node in tree.css("link[rel][href]"):
        rels = (node.attributes.get("rel") or "").lower().split()
        if "canonical" in rels:
            url = _web(node.attributes.get("href") or "")
            if url:
                break
    url = url or _web(meta.get("og:url", ""))
    return HtmlMetadata(author=author, published=published, url=url)
