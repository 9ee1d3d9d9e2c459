"""A policy document as plain text: the one text every citation's offsets point into.

Plain text is read as is. HTML is flattened with BeautifulSoup so that each paragraph, heading, list item
and table row becomes its own line (cells joined by " | ", list items marked "- "): nothing a reviewer
could cite is lost and no two blocks run together. The "|" between cells is the reader's, not the page's:
its offsets are kept (`cell_breaks`), so that a quote can be given as the page shows the row (its cells
side by side) while its offsets still point into this text. PDF pages are read with pdfplumber and joined with a
form feed, so headers repeated on every page can be recognised afterwards.

An HTML page's structure that the flat text loses is kept beside it as its outline: the page's <title> and
where its headings (h1 to h6) stand in the text, so that the title can be told from the lines of links and
logos above it. Page chrome that is no part of any document (a "Skip to content" link, a breadcrumb trail,
a cookie notice) is left out of the text, as navigation (<nav>) and the <head> are.
"""
from __future__ import annotations

from bisect import bisect_left
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path


class DocumentError(ValueError):
    """A document that cannot be read; the message names the file."""


@dataclass(frozen=True)
class PageOutline:
    """What an HTML page's markup says of its own structure: its <title> (the browser tab's words, never
    cited: they are not in the text) and its headings, each (start, end, level) in the text as read."""
    title: str = ""
    headings: tuple[tuple[int, int, int], ...] = ()

    def heading_at(self, start: int) -> int | None:
        """The level of the heading that starts at `start`, or None for a line that is no heading."""
        return next((level for s, _, level in self.headings if s == start), None)

    @property
    def has_main_heading(self) -> bool:
        return any(level == 1 for _, _, level in self.headings)


@dataclass(frozen=True)
class SourceText:
    path: str
    kind: str          # "text", "html" or "pdf"
    text: str
    sha256: str        # of the file's bytes, so a reviewer can tell which version was read
    # offsets of the "|" the reader put between HTML cells, in order: a citation finds its own by bisection,
    # so a page of many table rows costs no more per citation than a page of few
    cell_breaks: tuple[int, ...] = ()
    outline: PageOutline | None = None     # HTML only

    def _breaks(self, start: int, end: int) -> tuple[int, ...]:
        return self.cell_breaks[bisect_left(self.cell_breaks, start):bisect_left(self.cell_breaks, end)]

    def breaks_within(self, start: int, end: int) -> bool:
        return bool(self._breaks(start, end))

    def as_shown(self, start: int, end: int) -> str:
        """The words of text[start:end] as the page shows them: without the reader's cell separators."""
        pieces, at = [], start
        for cut in self._breaks(start, end):
            pieces.append(self.text[at:cut])
            at = cut + 1
        pieces.append(self.text[at:end])
        return " ".join("".join(pieces).split())


_BLOCK_TAGS = {"p", "div", "section", "article", "header", "footer", "main", "aside", "h1", "h2", "h3", "h4",
               "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "caption", "figcaption", "address", "br",
               "tr", "table", "ul", "ol", "dl", "hr", "title"}
_DROP_TAGS = ["script", "style", "noscript", "template", "nav", "head", "svg", "iframe", "form", "button"]
_HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def read_source(path: str | Path) -> SourceText:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    digest = hashlib.sha256(data).hexdigest()
    kind = _kind(path, data)
    outline = None
    if kind == "pdf":
        text = pdf_text(data, path)
    elif kind == "html":
        page_title, marked = _html_page(_decode(data))
        text, headings = _take_headings(marked)
        outline = PageOutline(page_title, headings)
    else:
        text = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(f"{path}: no text found (a scanned PDF needs OCR first)")
    breaks = tuple(m.start() for m in re.finditer(_CELL_BREAK, text)) if kind == "html" else ()
    return SourceText(str(path), kind, text.replace(_CELL_BREAK, "|"), digest, breaks, outline)


def _kind(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if data[:5] == b"%PDF-" or suffix == ".pdf":
        return "pdf"
    if suffix in (".html", ".htm", ".xhtml") or re.match(rb"\s*(<!doctype html|<html)", data[:200], re.I):
        return "html"
    return "text"


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def pdf_text(data: bytes, path: Path) -> str:
    import io

    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [(page.extract_text() or "") for page in pdf.pages]
    except (PdfminerException, PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise DocumentError(f"{path}: not a readable PDF ({exc.__class__.__name__})") from exc
    return "\n\f".join(pages) + "\n"


def _layout_table(table) -> bool:
    """A table used for page layout holds paragraphs, headings or lists in its cells, not data."""
    for cell in table.find_all(["td", "th"]):
        if cell.find_parent("table") is table and cell.find(["p", "h1", "h2", "h3", "h4", "ul", "ol", "table", "div"]):
            return True
    return False


# stands for the reader's own "|" between cells until the text is whole, so that its offsets can be kept;
# a private-use character no page shows (any in the page's text is dropped)
_CELL_BREAK = "\ue000"
# marks the start of a heading's line, followed by its level ("1" to "6"), until its offsets are taken
_HEADING = "\ue001"


def html_text(markup: str) -> str:
    return _take_headings(_html_page(markup)[1])[0].replace(_CELL_BREAK, "|")


def _take_headings(marked: str) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    """The text without its heading marks, and each marked heading's (start, end, level) in that text."""
    out: list[str] = []
    headings: list[tuple[int, int, int]] = []
    at = 0
    for piece in marked.split(_HEADING):
        if out:
            level, piece = int(piece[:1]), piece[1:]
            end = piece.find("\n")
            headings.append((at, at + (len(piece) if end < 0 else end), level))
        out.append(piece)
        at += len(piece)
    return "".join(out), tuple(headings)


# Page chrome by its markup's own name for it: a breadcrumb trail, a cookie or consent notice
_CHROME = re.compile(r"bread-?crumb|\bcrumbs?\b|cookie|consent", re.I)
_TRAIL_SEPARATORS = re.compile(r"[/>\u00bb\u203a|\\]+")


def _chrome(tag) -> bool:
    """Words of the web site around the document, not of the document: a "Skip to content" link, an element
    the page names a breadcrumb or a cookie notice, and a trail of two or more links set apart by "/", ">"
    or "\u00bb" ("Provider home / Utilization management / Clinical review criteria"), which may end on the
    current page's name without a link."""
    words = " ".join(tag.get_text(" ").split())
    if tag.name == "a" and re.match(r"skip\s+to\b", words, re.I):
        return True
    marks = " ".join([*(tag.get("class") or []), tag.get("id") or "", tag.get("aria-label") or "", tag.get("role") or ""])
    if _CHROME.search(marks):
        return True
    links = tag.find_all("a") if tag.name in ("p", "div", "ol", "ul", "span") else []
    if len(links) < 2 or tag.find(["p", "h1", "h2", "h3", "h4", "table", "img"]):
        return False
    rest = words
    for link in links:
        rest = rest.replace(" ".join(link.get_text(" ").split()), "\0", 1)
    pieces = [p.strip() for p in rest.split("\0")]
    # between and after the links only separators, one of them followed by the current page's name
    # ("Medical Policy Home > External Policies > Laboratory Print")
    named = [p for p in pieces[1:] if p and not _TRAIL_SEPARATORS.fullmatch(p)]
    return not pieces[0] and any(p and p[:1] in "/>\u00bb\u203a|\\" for p in pieces[1:]) and len(named) <= 1 and \
        all(re.fullmatch(r"[/>\u00bb\u203a|\\]+\s*[^/>\u00bb\u203a|\\]{1,60}", p) for p in named)


def _html_page(markup: str) -> tuple[str, str]:
    """The page's <title> and its text with headings marked."""
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

    soup = BeautifulSoup(markup, "html.parser")
    # comments, the doctype and other declarations are markup, not words of the page
    for node in soup.find_all(string=lambda s: isinstance(s, (Comment, Doctype, Declaration, ProcessingInstruction))):
        node.extract()
    # the reader's own marks are private-use characters no page shows: any the page holds, written as they are or
    # as character references ("&#xe001;"), are dropped from its words, so none can pass for a cell or a heading
    for node in soup.find_all(string=lambda s: _CELL_BREAK in s or _HEADING in s):
        node.replace_with(str(node).replace(_CELL_BREAK, "").replace(_HEADING, ""))
    page_title = " ".join(soup.title.get_text(" ").split()) if soup.title else ""
    for tag in soup.find_all(_DROP_TAGS):
        # a button inside a heading is a collapsible section's heading ("New and updated policies effective
        # January 1, 2026" opens that month's list): its words are the section's name, not a control
        if tag.name == "button" and tag.find_parent(_HEADINGS):
            tag.unwrap()
        elif not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all(["a", "p", "div", "ol", "ul", "span", "section", "aside"]):
        if not tag.decomposed and _chrome(tag):
            tag.decompose()
    # navigation: a short paragraph or list item that is nothing but a link ("Provider Home"); an anchor with
    # no address is a place a link points to, not a link ("<a name="1187664">2.2.38</a>" is a section number)
    for tag in soup.find_all(["p", "li", "div", "span"]):
        links = tag.find_all("a", href=True)
        text = " ".join(tag.get_text(" ").split())
        if links and text and len(text.split()) <= 5 and \
                " ".join(" ".join(a.get_text(" ").split()) for a in links) == text:
            tag.decompose()
    # a page without a <body> element is read from its <html> element, which holds blocks like a body
    body = soup.body or soup.html or soup
    lines: list[str] = []

    def inline(node) -> str:
        if isinstance(node, NavigableString):
            return str(node)
        if isinstance(node, Tag):
            if node.name == "br":
                return "\n"      # a line break inside a paragraph separates lines: "Revised: ...<br>Effective: ..."
            return "".join(inline(c) for c in node.children)
        return ""

    def cell_text(cell: Tag) -> str:
        return " ".join(inline(cell).split())   # a row stays one line even where a cell breaks

    def emit(text: str, prefix: str = "") -> None:
        for part in text.split("\n"):
            part = " ".join(part.split())
            if part:
                lines.append(prefix + part)
                prefix = " " * len(prefix) if prefix else ""

    def walk(node: Tag, depth: int = 0, blocks_only: bool = False) -> None:
        buffer: list[str] = []

        def flush() -> None:
            if buffer:
                emit("".join(buffer))
                buffer.clear()

        for child in node.children:
            if isinstance(child, NavigableString):
                if not blocks_only:
                    buffer.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if blocks_only and name not in _BLOCK_TAGS:
                continue       # the list item's own words were written already
            if name == "table" and _layout_table(child):
                flush()
                for cell in child.find_all(["td", "th"]):
                    if cell.find_parent("table") is child:
                        walk(cell, depth + 1)      # a page laid out in a table: each cell is a page region
                continue
            if name == "table":
                flush()
                lines.append("")
                for row in child.find_all("tr"):
                    if row.find_parent("table") is not child:
                        continue
                    cells = [cell_text(c) for c in row.find_all(["td", "th"], recursive=False)]
                    if any(cells):
                        lines.append(f" {_CELL_BREAK} ".join(cells).rstrip())  # an empty last cell stays visible: "Label |"
                lines.append("")
            elif name == "li":
                flush()
                nested = child.find(["ul", "ol", "table"])
                indent = "  " * len([p for p in child.parents if getattr(p, "name", None) in ("ul", "ol")][1:])
                if nested is None:
                    emit(inline(child), indent + "- ")
                else:
                    own = "".join(inline(c) for c in child.children
                                  if not (isinstance(c, Tag) and c.name in ("ul", "ol", "table")))
                    emit(own, indent + "- ")
                    walk(child, depth + 1, blocks_only=True)
            elif name == "dl":
                # a definition list is a list of labels and values: one "term | definition" line each
                flush()
                lines.append("")
                term = None
                for item in child.find_all(["dt", "dd"]):
                    if item.find_parent("dl") is not child:
                        continue
                    if item.name == "dt":
                        if term is not None:
                            emit(term)
                        term = inline(item)
                    else:
                        emit(f"{' '.join(term.split())} {_CELL_BREAK} {inline(item)}" if term is not None else inline(item))
                        term = None
                if term is not None:
                    emit(term)
                lines.append("")
            elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                flush()
                lines.append("")
                before = len(lines)
                emit(inline(child))
                if len(lines) > before:
                    lines[before] = _HEADING + name[1] + lines[before]
                lines.append("")
            elif name in _BLOCK_TAGS:
                flush()
                if child.find(list(_BLOCK_TAGS - {"br"})):
                    walk(child, depth + 1)
                else:
                    emit(inline(child))
                if name in ("p", "ul", "ol", "dl", "section", "header", "footer", "blockquote"):
                    lines.append("")
            else:
                buffer.append(inline(child))
        flush()

    walk(body)
    text = "\n".join(lines)
    return page_title, re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
