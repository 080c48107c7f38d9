"""Article text -> units: sentences, headings, list items and boilerplate lines.

Every unit is a span ``[start, end)`` of the text it was read from, counted in code
points, with no white space at either end. Lines are classified first (Markdown
headings, list items, table rows, code fences, bare title lines, datelines, photo
credits and sign-up footers); the remaining prose lines are grouped into paragraphs
(hard-wrapped lines join their paragraph) and split into sentences by a single pass of
one regular expression over sentence stops, each candidate judged by the word before it
and the text after it (abbreviations, initials, numbers, quotations, citations).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import NamedTuple

from annotator.text.spans import strip_span


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SENTENCE = "sentence"
HEADING = "heading"
BOILERPLATE = "boilerplate"
META = "meta"  # datelines and bylines
CODE = "code"  # fenced code and table rows

# Abbreviations after which a full stop never ends a sentence: titles before a name and
# inline Latin/short forms that are always followed by more of the same sentence.
_NEVER_END = _words(
    "dr mr mrs ms mx st prof gen rep sen gov lt col capt sgt rev hon pres mt ft messrs "
    "e.g eg i.e ie cf vs v viz approx ca incl esp resp nr orig"
)
# Abbreviations that stand before a number: "Fig. 2", "No. 5", "p. 45", "Vol. 3".
_BEFORE_NUMBER = _words(
    "fig figs no nos n° vol vols p pp ch chap sec eq eqs ref refs tab art para suppl ed eds n op c"
)
# Abbreviations that may end a sentence: a break only when a sentence starter follows.
_MAY_END = _words(
    "etc al inc ltd co corp jr sr dept univ bros assn assoc est ph.d m.d b.a m.a d.c u.s u.k "
    "u.n e.u a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri "
    "sat sun"
)
# Capitalised words that begin sentences: after a "may end" abbreviation they mean a break.
_STARTERS = _words(
    "a an the this that these those it its he she we they i you there here his her their "
    "our my your in on at for from to by with as if when while after before since during "
    "but and or so yet however although though because despite still also moreover "
    "furthermore meanwhile instead thus therefore then now today yesterday some many most "
    "all both each every few no one other such what which who how why where researchers "
    "patients participants experts scientists studies results data"
)
_FUNCTION_WORDS = _words(
    "a an the of to in on at for from by with and or but nor that which who whose as than "
    "is are was were be been has have had its their his her our this these those into "
    "about over under between via per vs"
)

# Candidate sentence ends are found from the white space after them: a run of stops with
# no white space after it ("......") then costs nothing, where a pattern starting at the
# stop would backtrack over the run from every position in it.
_GAP = re.compile(r"[.!?…\"'”’»)\]](\s+)")  # the stop is no look-behind: scanned for in C
# Reference markers: "[12]", "[3-5]", "[...]". One right after a stop belongs to the
# sentence before it: "stores. [2]".
_CITATION = re.compile(r"\[(?:\d+(?:[-–,]\s?\d+)*|\.\.\.|…)\]")
# A bare footnote number after a stop, before a capital: "protected. 4 Even though".
_BARE_NOTE = re.compile(r"\d{1,3}\s+[A-Z]")
# Inline list markers: "1.) ... 2.) ...", "1) ... 2) ...", "a. ... b. ...".
_INLINE_MARK = re.compile(r"(?<!\S)(?P<m>\d{1,2}|[a-z])(?:\.\)|\)|\.)(?=[ \t]+\S)")
# A second list marker ("2.", "2)", "b.") or a bullet's number, after white space. (The
# pattern opens on a character class, which the regex engine scans for quickly; the
# look-behind that would come first follows it.)
_INLINE_HINT = re.compile(
    r"[2b•‣◦▪⁃●](?<!\S[2b•‣◦▪⁃●])(?:(?<=[2b])(?:\.\)|\)|\.)[ \t]|(?<![2b])[ \t]?\d)"
)
# Bulleted items with numbers on one line: "• 9. The first item • 10. The second item",
# "⁃9. The first item ⁃10. The second item".
_BULLETS = "•‣◦▪⁃●"
_BULLET_MARK = re.compile(r"(?<!\S)[•‣◦▪⁃●][ \t]?(?P<n>\d{1,3})(?:\.\)|\)|\.)(?=[ \t]+\S)")
_LEAD_BULLET = re.compile(r"(?:^|(?<=\n))[ \t]*[•‣◦▪⁃●][ \t]*$")
_NUMBER_MARK = re.compile(r"(?P<n>\d{1,3})(?:\.\)|\)|\.)(?=[ \t]+\S)")
_LEAD_MARK = re.compile(r"(?:^|(?<=\n))[ \t]*(?P<m>1|a)(?:\.\)|\)|\.)[ \t]+$")
_DAY_MONTH = _words("mon tue wed thu fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec")
_CLOSERS = "\"'”’»)]"
_STOPS = ".!?…"
_MD_HEADING = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]|$)")
# An ATX heading's optional closing marks: white space, then only "#" to the line's end.
_MD_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_SETEXT = re.compile(r"[ ]{0,3}(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"[ ]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST_FIRST = "-*+•‣◦▪"
_LIST_MARK = re.compile(r"[ \t]*(?:[-*+•‣◦▪]|\d{1,3}[.)]|[a-z][.)])[ \t]+")
_QUOTE_MARK = re.compile(r"[ ]{0,3}(?:>[ \t]?)+")
_FENCE = re.compile(r"[ ]{0,3}(?:```|~~~)")
_TABLE = re.compile(r"[ \t]*\|")
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|"
    rf"\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
)
# A date scraped from a web page, glued to the first word of the text after it.
_GLUED_DATE = re.compile(rf"[ \t]*{_DATE}(?=[A-Z“\"])")
# What a match of ``_GLUED_DATE`` opens with (it is case-sensitive), but a digit.
_DATE_STARTS = _words("Mon Tue Wed Thu Fri Sat Sun Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")
# (The lookaheads that open these two line patterns name the first characters their
# alternatives can start with: most prose lines fail on one character test.)
_DATELINE = re.compile(
    r"(?=[ \t]*[abdfjlmnopstuw\d])(?:"
    rf"[ \t]*(?:(?:published|updated|posted|last updated)(?: on)?:?\s*)?{_DATE}"
    # a time and its zone, and the same in another zone: "9:16 AM HST (19:16 UTC)"
    r"(?:,?\s+\d{1,2}:\d\d(?:\s?[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?(?:\s*\([^()]{1,60}\))?)?"
    r"(?:\s*(?:[·|•,–—-]|\bby\b)\s*[^.!?]{0,60})?[ \t]*$|"
    r"[ \t]*by\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}(?:\s*[·|•,–—-]\s*"
    # (a time's "p.m." before the zone that ends the line: "Updated March 3, 2026 at 5:04
    # p.m. EST"; no other stop)
    r"(?:[^.!?]|[ap]\.m\.(?=\s+[a-z]{2,4}[ \t]*$)){0,60})?[ \t]*$|"
    r"[ \t]*\d{1,3}\s+min(?:ute)?s?\s+read[ \t]*$)",
    re.IGNORECASE,
)
# A line set wholly in Markdown emphasis: "*words*", "_words_", "**words**", "__words__".
_EMPHASIZED = re.compile(r"[ \t]*([*_]{1,2})(\S(?:.*\S)?)\1[ \t]*$")
_BOILERPLATE = re.compile(
    r"(?=[ \t]*[abcdfgijklnprstuvw©\d])"
    r"[ \t]*(?:photo(?:graph)?s?\s*(?:credit|by|courtesy)|image\s*(?:credit|source|by|courtesy)|"
    r"(?:photo|image|illustration|video)\s*:|credits?:|source:\s*getty|getty images|"
    r"sign\s*up\b|subscribe\b|follow us|share (?:this|on)|no spam|all rights reserved|"
    r"copyright\b|©|keep up with|read more\b|related(?: articles| posts| stories)?:|"
    r"advertisement\b|sponsored\b|cookie|we use cookies|accept (?:all )?cookies|click here|"
    r"\d+\s+comments?\b|leave a (?:comment|reply)|tags?:|filed under|back to top|"
    r"skip to (?:main )?content|download (?:the|our) app|join our (?:mailing list|newsletter)|"
    r"get (?:the latest|our newsletter)|unsubscribe\b|privacy policy|terms of (?:use|service))",
    re.IGNORECASE,
)
# A sign-up line starts a footer: short lines after it in the same block belong to it.
_FOOTER_START = re.compile(
    r"[ \t]*(?:sign\s*up|subscribe|join our|get (?:the latest|our newsletter)|"
    r"keep up with|stay (?:connected|in touch|up to date))",
    re.IGNORECASE,
)
# The first two letters, lower-cased, of every match of ``_BOILERPLATE`` that opens on
# an ASCII letter (after spaces and tabs), and the first three of ``_DATELINE``'s ("by"
# and white space aside).
_BOILERPLATE_LEADS = _words(
    "ph im il vi cr so ge si su fo sh no al co ke re ad sp we ac cl le ta fi ba sk do jo un pr te"
)
_DATELINE_LEADS = _words(
    "pub upd pos las mon tue wed thu fri sat sun jan feb mar apr may jun jul aug sep oct nov dec"
)


def _line_lead(line: str) -> str | None:
    """The first three characters of ``line`` after spaces and tabs, lower-cased, for
    the line patterns' first letters; None where the patterns must look: a digit or a
    character outside ASCII there (matched case-insensitively, "ſ" is an "s")."""
    lead = line.lstrip(" \t")[:3]
    return lead.lower() if lead.isascii() and not lead[:1].isdigit() else None


_WRAPPED = re.compile(r"[^\s.!?…:;\"”’)\]]\n[ \t]*[a-z]")
# A stop inside a line, before the next sentence: 'Catherine. "Penn State ..." The Daily'
# holds sentences, not a title.
_INNER_STOP = re.compile(r"[.!?][\"”’)]*\s+[\"“‘(]?[A-Z]")
# A caption's label before its text, at the start of a paragraph: "Figure 1.5 Residents
# of Boxborough gather ...", "Table 2 Characteristics of ...". The label is a unit.
_CAPTION_LABEL = re.compile(
    r"(?:Figure|Fig\.|Table|Chart|Graph|Map|Exhibit|Plate|Box|Illustration)"
    r"[ \t]+[A-Z]?\d{1,3}(?:[.-]\d{1,3})*[a-z]?(?=[ \t]+[A-Z][a-z])"
)
_CAPTION_FIRST = frozenset("FTCGMEPBI")  # the first letters of its labels: the case counts
# A letter's closing and its signature on one line: "Respectfully, George Chriss".
_VALEDICTION = re.compile(
    r"(?:(?:Yours )?(?:Sincerely|Respectfully|Truly|Faithfully|Cordially)(?: yours)?|"
    r"(?:(?:Best|Kind|Warm|With kind)(?:est)? )?[Rr]egards|Best wishes|Yours|Thanks|Thank you|"
    r"Cheers|Love),(?=\s+[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}\s*$)"
)
_VALEDICTION_FIRST = frozenset("YSRTFCBKWrL")  # what its closings open with
# A speaker's name before what they said, opening a paragraph of a transcript: "George
# Chriss: Student-based class descriptions ...", "OBAMA: We will ...". Two or three
# capitalised words (or one to three in capitals); a one-word label ("Note:", "Image:")
# or a lower-case one ("Bottom line:") stays with its sentence.
_NAME_WORD = r"(?:[A-Z][a-z]+(?:[-'’][A-Za-z]+)*|[A-Z]\.)"
_CAPS_WORD = r"[A-Z][A-Z'’-]+"
_SPEAKER = re.compile(
    rf"(?:{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,2}}|{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{0,2}}):"
    r"(?=[ \t]+[\"“]?[A-Z][\w'’-]*(?:[ \t]+\S+){2})"
)
# Fields of a letterhead or contact block that lost its line breaks: "Phone: 814.863.1874
# Fax: 814.863.6874 http://www.clubs.psu.edu", "encl: ... cc: Donald Leslie, ...". In a
# paragraph that opens with a field label, each later label, and each web or e-mail
# address that is not a label's value, starts a field of its own.
_FIELD = re.compile(
    r"(?:(?:tele)?phone|tel|fax|mobile|cell|e-?mail|web(?:site)?|url|cc|bcc|encl?|"
    r"enclosures?|attachments?)\.?:",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TERMINAL = '.!?…:;,"”’)]'
_NEVER_ENDS_HEADING = frozenset(_TERMINAL + "-–—")  # see _looks_like_heading


class Unit(NamedTuple):
    """A span of the article with what it is: a sentence, a heading, boilerplate ..."""

    start: int
    end: int
    kind: str


# A unit made by the tuple's own constructor (in C): the named tuple's __new__ is Python,
# and an article has a unit every 40 characters.
_new_unit = tuple.__new__


_LABEL_LINE = re.compile(r"[ \t]*[A-Z][\w’'&/-]*(?:[ \t]+[A-Z][\w’'&/-]*){0,2}:[ \t]*$")


def _looks_like_heading(line: str, prev: str | None, nxt: str | None, alone: bool = False) -> bool:
    """A short line without a closing stop, standing apart from running text. A line
    the writer ended among others (``alone``: a news list's titles, a feed's) may be
    longer than a heading set apart by blank lines."""
    stripped = line.strip()
    if len(stripped) > 2 and stripped[0] in '“"' and stripped[-1] in '”"':
        # '"Zojirushi Sponsors a Rice Paddy Growing in NYC"': a title quoted whole, as a
        # list of what outlets ran has it. A quoted sentence keeps its stop inside.
        stripped = stripped[1:-1].strip()
    longest, most = (200, 24) if alone else (120, 14)
    if (
        not stripped
        or len(stripped) > longest
        or stripped[-1] in _TERMINAL
        or stripped[-1] in "-–—"
    ):
        return False
    first = stripped[0]
    if not (first.isupper() or first.isdigit() or first in "“\"'‘"):
        return False
    words = stripped.split()
    if len(words) > most or _INNER_STOP.search(stripped) or words[-1].lower() in _FUNCTION_WORDS:
        return False
    if _inline_list(stripped, 0, len(stripped))[0]:
        return False  # "1.) The first item 2.) The second item": a list, not a title
    if first in "CLTRYBKWS" and _VALEDICTION.match(stripped) is not None:
        return False  # "Respectfully, George Chriss": a letter's closing, two units
    if prev is not None and prev.strip() and prev.rstrip()[-1] not in _TERMINAL:
        # The line before runs on into this one: a hard-wrapped paragraph, unless it
        # is a heading too (a title over a subtitle).
        return False
    if nxt is not None and nxt.strip():
        c = nxt.lstrip()[0]
        if c.islower() or c in ",;:)":
            return False
    return True


class MarkdownHeading(NamedTuple):
    """A "#" heading line: where the line is, where its words are, and its level."""

    line_start: int
    start: int
    end: int
    line_end: int
    level: int


def markdown_headings(text: str) -> list[MarkdownHeading]:
    """The "#" (ATX) heading lines of ``text`` with words, read as ``units`` reads them
    (never a line of a code block), in order. A line of marks alone ("###") is none."""
    found = []
    for start, end, kind in units(text):
        if kind != HEADING:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        marks = _MD_HEADING.match(text, line_start)
        if marks is None or marks.end() > start:
            continue  # a setext heading or a field label: no marks to leave out
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        level = text.count("#", line_start, marks.end())
        found.append(MarkdownHeading(line_start, start, end, line_end, level))
    return found


def units(text: str) -> list[Unit]:
    """Every unit of ``text``, in order; offsets index ``text`` directly."""
    out: list[Unit] = []
    lines = text.split("\n")
    # Text copied from a web page often has one paragraph per line and no blank lines.
    # A line that runs on into a lower-case word shows the text is hard-wrapped instead.
    scraped = len(lines) > 2 and "\n\n" not in text and not _WRAPPED.search(text)
    block_start = -1  # the prose block being gathered: [block_start, block_end)
    block_end = -1
    block_lines = 0
    in_code = False
    footer = False
    prev_line: str | None = None
    prev_kind = ""  # "" prose or blank, "item", or the kind of the unit on the line above
    alone = False  # the prose line above was ended by the writer (``_ended_by_writer``)
    # The wrap width of the paragraph (the lines up to a blank one) that starts at a line,
    # read when one of its lines first asks for it. A paragraph's own: what a blank line
    # is followed by never depends on what stands before it (app/segmenting.py reads a
    # long text in chunks cut after blank lines).
    para = 0
    wraps: dict[int, float] = {}

    def wrap_width() -> float:
        width = wraps.get(para)
        if width is None:
            width = wraps[para] = _wrap_width(lines, para)
        return width

    def flush() -> None:
        nonlocal block_start, block_lines
        if block_start >= 0:
            _split_sentences(text, block_start, block_end, out)
            block_start, block_lines = -1, 0

    def emit(start: int, end: int, kind: str) -> None:
        s, e = strip_span(text, start, end)
        if s < e:
            out.append(_new_unit(Unit, (s, e, kind)))

    pos = 0
    n = len(lines)
    for i in range(n):
        line = lines[i]
        alone_before, alone = alone, False
        ls = pos
        le = pos + len(line)
        pos = le + 1
        if not line or line.isspace():
            flush()
            footer = False
            prev_line, prev_kind = None, ""
            para = i + 1
            continue
        first = line.lstrip()[:1]
        fence = first in "`~" and _FENCE.match(line) is not None
        kind = ""
        unit_start, unit_end = ls, le
        if in_code or fence:
            in_code = in_code != fence
            kind = CODE
        elif first == "#" and (heading := _MD_HEADING.match(line)) is not None:
            kind = HEADING
            # The heading's words are the unit, its marks are markup ("# Title #"); a
            # line of marks alone ("###", a release's end) stays one unit.
            close = _MD_CLOSE.search(line, heading.end())
            words_end = close.start() if close is not None else len(line)
            if line[heading.end() : words_end].strip():
                unit_start, unit_end = ls + heading.end(), ls + words_end
        elif first == "|" and _TABLE.match(line):
            kind = CODE
        elif first in "-=" and prev_kind == HEADING and _SETEXT.match(line):
            prev_line = line  # the underline of a heading already found
            continue
        elif first in "-=" and block_lines == 1 and prev_kind == "" and _SETEXT.match(line):
            # A setext underline: the one line gathered above it is a heading.
            emit(block_start, block_end, HEADING)
            block_start, block_lines = -1, 0
            prev_line, prev_kind = line, HEADING
            continue
        elif first in "-*_" and _RULE.match(line):
            flush()
            prev_line, prev_kind = None, ""
            continue
        elif footer or (
            # The line's first letters rule out most lines before the patterns (whose
            # many words, matched whatever their case, are each tried in turn) run.
            ((lead := _line_lead(line)) is None or lead[:2] in _BOILERPLATE_LEADS)
            and _BOILERPLATE.match(line)
        ):
            kind = BOILERPLATE
            footer = footer or _FOOTER_START.match(line) is not None
        elif (lead is None or lead in _DATELINE_LEADS or lead[:2] == "by") and _DATELINE.match(
            line
        ):
            kind = META
        elif first in "*_" and (inner := _EMPHASIZED.match(line)) is not None:
            # A byline, dateline or credit set in italics or bold ("*By Dana Okafor ·
            # March 3, 2026*") is read without its marks.
            words = inner.group(2)
            if _BOILERPLATE.match(words):
                kind = BOILERPLATE
            elif _DATELINE.match(words):
                kind = META
        if kind:
            flush()
            emit(unit_start, unit_end, kind)
            prev_line, prev_kind = line, kind
            continue
        content_start = ls
        if first == ">":
            mark = _QUOTE_MARK.match(line)
            if mark is not None:
                content_start = ls + mark.end()
        elif first in _LIST_FIRST or first.isdigit() or first.islower():
            mark = _LIST_MARK.match(line)
            if mark is not None:
                flush()
                block_start, block_end, block_lines = ls + mark.end(), le, 1
                prev_line, prev_kind = line, "item"
                if scraped:
                    flush()
                continue
        if prev_kind == "item" and block_start >= 0 and (line[0] in " \t" or first.islower()):
            block_end = le  # an indented (or run-on) line continues the list item
            block_lines += 1
            prev_line = line
            continue
        last = line[-1]  # a line is never empty here
        if (
            block_start < 0
            and first.isupper()
            and (last == ":" or last in " \t")
            and _LABEL_LINE.match(line) is not None
        ):
            # "WHAT:", "Media Contact:" on a line of its own: a media advisory's field
            # label, not the start of the sentence on the next line.
            emit(content_start, le, HEADING)
            prev_line, prev_kind = line, HEADING
            continue
        nxt = lines[i + 1] if i + 1 < n else None
        # A line the writer ended (not the wrapper: the next word would have fitted on
        # it) is a unit of its own, like a line of a scraped page: a report's cover
        # lines, a list of labelled values ("Money sent to the Treasury: $655,528"). The
        # line after it is judged without it.
        alone = (
            not scraped
            and nxt is not None
            and last not in _OPEN_END  # (most lines: no call)
            and not nxt[:1].islower()
            and _ended_by_writer(line, nxt, wrap_width)
        )
        if (
            (
                (scraped or prev_kind != "item")
                # What ends a sentence, a clause or a word broken at a hyphen ends no heading
                # (but a title quoted whole): most lines of prose are ruled out here, before
                # the line is cut out and read.
                and (last not in _NEVER_ENDS_HEADING or (last in '"”' and first in '"“'))
            )
            and _looks_like_heading(
                text[content_start:le],
                None if scraped or alone_before else prev_line,
                nxt,
                scraped or alone,
            )
        ):
            flush()
            # A letterhead's or an author block's fields on one line are units each.
            at = content_start
            fields = _fields(text, content_start, le) if ":" in line[:16] else []
            if not fields and text.find("@", content_start, le) >= 0:
                fields = _people(text, content_start, le)
            for field in fields:
                emit(at, field, HEADING)
                at = field
            emit(at, le, HEADING)
            prev_line, prev_kind = line, HEADING
            continue
        if first.isalnum() and (
            (head := line.lstrip(" \t")[:3]) in _DATE_STARTS or head[:1].isdigit()
        ):
            glued = _GLUED_DATE.match(line, content_start - ls)  # the line's own start
            if glued is not None:
                flush()
                emit(content_start, ls + glued.end(), META)
                content_start = ls + glued.end()
        if prev_kind == "item":
            flush()
        if block_start < 0:
            block_start = content_start
        block_end = le
        block_lines += 1
        prev_line, prev_kind = line, ""
        if scraped or alone:
            flush()
    flush()
    return out


def _wrap_width(lines: list[str], start: int) -> float:
    """The width the paragraph of ``lines`` from ``start`` (up to a blank line) was
    wrapped at: the median length of its lines that run on into a lower-case word. A
    paragraph with fewer than two such lines is not hard-wrapped: its line breaks are
    the writer's (infinite width)."""
    lengths = []
    for k in range(start + 1, len(lines)):
        nxt = lines[k]
        if not nxt or nxt.isspace():
            break
        if nxt[:1].islower() or nxt.lstrip()[:1].islower():
            end = lines[k - 1].rstrip()
            if end and end[-1] not in _TERMINAL:
                lengths.append(len(end))
    lengths.sort()
    return float(lengths[len(lengths) // 2]) if len(lengths) >= 2 else math.inf


def _ended_by_writer(line: str, nxt: str, width: Callable[[], float]) -> bool:
    """Whether the break after ``line`` (no stop at its end, ``nxt`` opening on a capital
    or a digit) is the writer's: the first word of ``nxt`` would have fitted on the line
    with room to spare (a wrapped line is near the width; type set in proportional
    letters varies, hence the margin), and the line does not stop on a word that wants
    more ("the", "of") or begin a sentence after a stop inside it."""
    # (Called on every prose line: the cheap tests come first, most lines end on a stop.)
    end = line.rstrip() if line[-1:].isspace() else line
    last = end[-1:]
    if not last or last in _OPEN_END:
        return False
    if last in _CLOSERS:
        bare = end.rstrip(_CLOSERS)  # a quoted title ends on its quote mark, not a stop
        if not bare or bare[-1] in _OPEN_END:
            return False
    first = nxt[:1]
    if first in (" ", "\t"):
        nxt = nxt.lstrip()
        first = nxt[:1]
    if not first or not (first.isupper() or first.isdigit() or first in "“\"'‘"):
        return False
    if end[end.rfind(" ") + 1 :].lower() in _FUNCTION_WORDS:
        return False
    if _RUNS_ON.search(end) is not None:
        return False  # "... lowers fear. It also" | "Raises ...": a sentence runs on
    return len(end) + 1 + len(nxt.split(None, 1)[0]) < _WRITER_MARGIN * width()


# A line's last character that leaves it open or closes a sentence or clause.
_OPEN_END = ".!?…:;,-–—"


# A sentence's stop inside a line, after a word (not an initial: "U.S. Treasury"), and
# the next sentence's capital.
_RUNS_ON = re.compile(r"[a-z]{2}[.!?][\"”’)]*\s+[\"“‘(]?[A-Z]")
# A line the writer ended is shorter than this share of the wrap width, with the next
# word added: a line the wrapper broke is near the width.
_WRITER_MARGIN = 0.7


def _word_before(text: str, stop: int, floor: int) -> tuple[int, str]:
    """The token that ends at ``stop`` (where a full stop is) and where it starts."""
    # Most tokens start after a space a few characters back: found by one scan in C,
    # then checked whole for another mark that ends a token before (a run of C tests).
    space = text.rfind(" ", max(floor, stop - 24), stop)
    if space >= 0:
        token = text[space + 1 : stop]
        if _TOKEN_BREAK.search(token) is None:
            return space + 1, token
    k = stop - 1
    while k >= floor and not text[k].isspace() and text[k] not in '([{“‘"':
        k -= 1
    return k + 1, text[k + 1 : stop]


# What ends a token before a stop (``_word_before``): white space or an opening mark.
_TOKEN_BREAK = re.compile(r'[\s(\[{“‘"]')


def _is_break(text: str, stop_start: int, stop: str, nxt: int, floor: int) -> bool:
    """Whether the stop at ``stop_start`` ends a sentence; ``nxt`` is the next non-space."""
    c = text[nxt]
    if c.isupper():
        return _is_break_after(text, stop_start, stop, nxt, floor, c, False)  # most stops
    if c.islower():
        return False
    if c in ".…":
        # A spaced ellipsis goes on (". . ."), except after a full stop on its word when
        # it opens the next sentence: "compounds. . . . The practice" (words left out at
        # its start).
        return (
            c == "."
            and stop == "."
            and stop_start > floor
            and not text[stop_start - 1].isspace()
            and _ELLIPSIS_OPENS.match(text, nxt) is not None
        )
    if c == "[" and _CITATION.match(text, nxt) is not None:
        return False  # the marker ends this sentence: the break comes after it
    if c in ",;:)]}%":
        return False
    # A parenthesis opening on a lower-case word after a full stop is a remark of its
    # own ("of years. (credit: Liz West)") unless the stop is an abbreviation's.
    aside = False
    if c in "\"“‘'([" and nxt + 1 < len(text):
        d = text[nxt + 1]
        if d.islower():
            if c != "(" or stop != ".":
                return False
            aside = True
    return _is_break_after(text, stop_start, stop, nxt, floor, c, aside)


def _is_break_after(
    text: str, stop_start: int, stop: str, nxt: int, floor: int, c: str, aside: bool
) -> bool:
    """``_is_break`` once the character ``c`` after the stop has let it go on to the word
    before it; ``aside``: ``c`` opens a parenthesis on a lower-case word."""
    if stop[0] != "." or stop.startswith(".."):
        return True
    token_start, token = _word_before(text, stop_start, floor)
    if not token:
        # The last dot of a spaced ellipsis: ". . ." goes on, ". . . ." (an ellipsis
        # and a full stop) ends the sentence.
        return _spaced_dots(text, stop_start, floor) != 3
    plain = _PLAIN_TOKENS.get(token)
    if plain is None:
        plain = _plain_token(token)
        if len(token) <= 40:  # words, not a run of text with no space in it
            if len(_PLAIN_TOKENS) >= 100_000:
                _PLAIN_TOKENS.clear()
            _PLAIN_TOKENS[token] = plain
    if plain:
        return True  # most words: none of the tests below applies
    low = token.lower().rstrip(".")
    if low in _NEVER_END:
        return False
    if token[-1:].isdigit():
        if token_start <= floor and token.isdigit():
            return False  # "9. The first item": a list item's number, not a sentence
        bullet = token[0] if token[0] in _BULLETS else text[token_start - 2 : token_start].strip()
        if bullet and bullet in _BULLETS and token.lstrip(_BULLETS).isdigit():
            return False  # "• 12. Add the water", "⁃12. Add": a bullet's number
    if low in _BEFORE_NUMBER:
        if c.isdigit() or c in "([":
            return False
        if low in ("no", "p", "n", "ed"):
            return True  # "the answer is no." / a lone letter
    # (The word after the stop is read only in the branches that need it.)
    if low in _DAY_MONTH and token[0].islower():
        return True  # "plenty of sun. Read", "They sat. Nobody": the word, not "Sun."
    if low in _MAY_END or (len(low) > 2 and "." in low and _DOTTED.fullmatch(low)):
        return not aside and _next_word(text, nxt).lower() in _STARTERS
    if len(token) == 1 and token.isupper():
        if aside:
            return False  # "Harry S. (short for ...)"
        if _INITIAL_NEXT.match(text, nxt) is not None:
            return False  # a run of initials: "U. S.", "J. R. R. Tolkien"
        # An initial ("J. Smith", "Martin L. King") unless a lower-case word precedes
        # it ("vitamin D.", "group A.").
        if token_start <= floor:
            return _next_word(text, nxt).lower() in _STARTERS
        _, before = _word_before(text, token_start - 1, floor)
        if before[:1].isupper() or (len(before) == 2 and before[1] == "."):
            return _next_word(text, nxt).lower() in _STARTERS
        return True
    return True


_PLAIN_TOKENS: dict[str, bool] = {}  # token -> _plain_token(token): words come again


def _plain_token(token: str) -> bool:
    """Whether a full stop after ``token`` ends its sentence whatever follows: it is no
    abbreviation, number, initial, day or month of ``_is_break_after``'s tests."""
    low = token.lower().rstrip(".")
    return not (
        low in _NEVER_END
        or token[-1:].isdigit()
        or low in _BEFORE_NUMBER
        or low in _DAY_MONTH
        or low in _MAY_END
        or (len(low) > 2 and "." in low and _DOTTED.fullmatch(low) is not None)
        or (len(token) == 1 and token.isupper())
    )


_INITIAL_NEXT = re.compile(r"[A-Z]\.")
_ELLIPSIS_OPENS = re.compile(r"\. \. \.[ \t]+[\"“‘']?[A-Z]")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")
_NEXT_WORD = re.compile(r"[\"“‘'(\[]*([\w'’-]*)")


def _next_word(text: str, at: int) -> str:
    m = _NEXT_WORD.match(text, at)
    return m.group(1) if m else ""


def _stop_before(text: str, end: int, floor: int) -> int:
    """Where the stop run ends before the closers and markers that end at ``end``, or -1."""
    j = end
    while j > floor and text[j - 1] in _CLOSERS:
        if text[j - 1] == "]":  # reference markers: "[12]", "[3-5]", "[...]"
            k = text.rfind("[", max(floor, j - 20), j)
            if k >= 0 and _CITATION.fullmatch(text, k, j) is not None:
                # "stores. [2]" ends with the stop before it; "stairways [...]"" with
                # nothing (the dots of an omission are no stop).
                j = k
                while j > floor and text[j - 1] in " \t":
                    j -= 1
                continue
        j -= 1
    return j if j > floor and text[j - 1] in _STOPS else -1


def _split_sentences(text: str, start: int, end: int, out: list[Unit]) -> None:
    """Append the sentences of the paragraph ``text[start:end]`` to ``out``."""
    while start < end and text[start].isspace():
        start += 1
    first = text[start] if start < end else ""
    lead = (_CAPTION_LABEL.match(text, start, end) if first in _CAPTION_FIRST else None) or (
        _VALEDICTION.match(text, start, end) if first in _VALEDICTION_FIRST else None
    )
    # A speaker's label or a field label ends on a colon near the paragraph's start.
    colon = 0 < text.find(":", start, start + 50) < end
    if lead is None and colon:
        lead = _speaker(text, start, end)
    if lead is not None:
        out.append(Unit(start, lead.end(), SENTENCE))
        start = lead.end()
        while start < end and text[start].isspace():
            start += 1
    cursor = start
    forced, marks = _inline_list(text, start, end)
    if forced and forced[0] < start:
        cursor = forced.pop(0)  # the list line's own marker opens the first item
    fields = _fields(text, start, end) if colon else []
    if not fields and text.find("@", start, end) >= 0:
        fields = _people(text, start, end)
    if fields:
        forced = sorted(set(forced).union(fields))
    for m in _GAP.finditer(text, start, end):
        nxt = m.end()
        if nxt >= end:
            break
        stop_end = m.start(1)
        if forced and forced[0] <= stop_end:
            cursor = _emit_until(text, cursor, forced, stop_end, out)
        if stop_end in marks:
            continue  # "1." of an inline list: the marker, not a stop
        if stop_end > cursor and text[stop_end - 1] in _STOPS:
            j = stop_end  # most gaps: a stop right before them, nothing to look past
        else:
            j = _stop_before(text, stop_end, cursor)
            if j < 0:
                continue
        i = j - 1
        while i > cursor and text[i - 1] in _STOPS:
            i -= 1
        note = _BARE_NOTE.match(text, nxt) if text[nxt].isdigit() else None
        if note is not None and text[i] == ".":
            # A bare footnote number after the stop ends this sentence: "protected. 4"
            # | "Even though ...".
            after = note.end() - 1
            if _is_break(text, i, text[i:stop_end], after, cursor):
                out.append(Unit(cursor, nxt + len(note.group().split()[0]), SENTENCE))
                cursor = after
            continue
        if not _is_break(text, i, text[i:stop_end], nxt, cursor):
            continue
        if _in_quote(text, cursor, i, end):
            continue  # 'He wrote, "We came. We saw."': the quotation is one unit
        if nxt in forced:
            forced.remove(nxt)
        out.append(_new_unit(Unit, (cursor, stop_end, SENTENCE)))
        cursor = nxt
    if forced:
        cursor = _emit_until(text, cursor, forced, end, out)
    while end > cursor and text[end - 1].isspace():
        end -= 1
    if cursor < end:
        out.append(_new_unit(Unit, (cursor, end, SENTENCE)))


def _speaker(text: str, start: int, end: int) -> re.Match[str] | None:
    """The speaker's label opening a transcript's paragraph, when a sentence follows it."""
    label = _SPEAKER.match(text, start, end)
    if label is None or text.find(":", start, label.end() - 1) >= 0:
        return None
    rest = text[label.end() : end].rstrip().rstrip(_CLOSERS)
    return label if rest[-1:] in _STOPS else None


def _fields(text: str, start: int, end: int) -> list[int]:
    """Where each field after the first starts in a paragraph that opens with a field
    label ("Phone: ... Fax: ... http://..."); nothing for any other paragraph."""
    first = _FIELD.match(text, start, end)
    if first is None or first.end() >= end or not text[first.end()].isspace():
        return []
    found: list[int] = []
    after_label = True  # the first token after a label is its value, not a field
    for m in _WORD_TOKEN.finditer(text, first.end(), end):
        at, token = m.start(), m.group()
        if _FIELD.fullmatch(token) is not None:
            found.append(at)
            after_label = True
            continue
        if not after_label and _ADDRESS.fullmatch(token) is not None:
            found.append(at)
        after_label = False
    return found


def _people(text: str, start: int, end: int) -> list[int]:
    """Where each person after the first starts in a block of names with e-mail addresses
    that lost its line breaks ("Michiel Cock m.p.cock@vu.nl Vrije Universiteit Amsterdam,
    the Netherlands Lotte Wilms lotte.wilms@kb.nl ..."): before the one or two capitalised
    words right before each later address. Only in a paragraph with no stop in it."""
    if text.count("@", start, end) < 2 or _SPACED_STOP.search(text, start, end) is not None:
        return []
    found: list[int] = []
    for m in _ADDRESS.finditer(text, start, end):
        if "@" not in m.group():
            continue
        names = _NAME_BEFORE.search(text, max(start, m.start() - 80), m.start())
        if names is not None:
            found.append(names.start())
    return found[1:] if len(found) == text.count("@", start, end) else []


_WORD_TOKEN = re.compile(r"\S+")
_SPACED_STOP = re.compile(r"[.!?…][\"”’)\]]*(?:\s|$)")
_NAME_BEFORE = re.compile(
    r"(?<![^\s,])[A-Z][a-z]+(?:[-'’][A-Za-z]+)*(?:[ \t]+[A-Z][a-z]+(?:[-'’][A-Za-z]+)*)?[ \t]+$"
)


def _emit_until(text: str, cursor: int, forced: list[int], limit: int, out: list[Unit]) -> int:
    """Break before each inline list marker up to ``limit``; the new cursor."""
    while forced and forced[0] <= limit:
        at = forced.pop(0)
        if at > cursor:
            s, e = strip_span(text, cursor, at)
            if s < e:
                out.append(Unit(s, e, SENTENCE))
            cursor = at
    return cursor


def _inline_list(text: str, start: int, end: int) -> tuple[list[int], set[int]]:
    """Starts of the items of an inline numbered list ("1.) ... 2.) ...", "a. ... b. ...")
    inside the paragraph, and the ends of all its markers; nothing unless the markers count
    up from 1 or "a" in order."""
    if _INLINE_HINT.search(text, start, end) is None:
        return [], set()  # no second marker ("2.", "2)", "b."): no list
    found = [(m.start(), m.end(), m.group("m")) for m in _INLINE_MARK.finditer(text, start, end)]
    items: list[tuple[int, int]] = []
    want = ""
    lead = _LEAD_MARK.search(text, max(0, start - 8), start)
    if lead is not None:
        # The line's own marker ("1) ", "a. ") was read as a list item's: go on from it.
        items, want = [(lead.start(), start)], "2" if lead.group("m") == "1" else "b"
    for at, stop, mark in found:
        first = mark in ("1", "a")
        if first and not items:
            items, want = [(at, stop)], "2" if mark == "1" else "b"
        elif items and mark == want:
            items.append((at, stop))
            want = str(int(mark) + 1) if mark.isdigit() else chr(ord(mark) + 1)
    if len(items) < 2:
        return _bullet_list(text, start, end)
    if lead is not None:
        # "1. The first item 2. The second item" on a list line: every item of the
        # inline list keeps its marker, the first one too (the line's marker was left
        # out of the block as a list item's).
        return [lead.start("m")] + [at for at, _ in items[1:]], {stop for _, stop in items}
    return [at for at, _ in items if at > start], {stop for _, stop in items}


def _bullet_list(text: str, start: int, end: int) -> tuple[list[int], set[int]]:
    """Starts and marker ends of the items of an inline list of numbered bullets ("• 9.
    ... • 10. ..."), each item with its bullet; nothing unless the numbers count up."""
    items = [
        (m.start(), m.end(), int(m.group("n"))) for m in _BULLET_MARK.finditer(text, start, end)
    ]
    lead = _LEAD_BULLET.search(text, max(0, start - 8), start)
    number = _NUMBER_MARK.match(text, start, end) if lead is not None else None
    if lead is not None and number is not None:
        # The line's own bullet was read as a list item's: the first item keeps it.
        items.insert(
            0, (lead.end() - len(lead.group().lstrip()), number.end(), int(number.group("n")))
        )
    if len(items) < 2 or any(b[2] != a[2] + 1 for a, b in zip(items, items[1:], strict=False)):
        return [], set()
    return [at for at, _, _ in items if at != start], {stop for _, stop, _ in items}


def _in_quote(text: str, cursor: int, stop: int, end: int) -> bool:
    """Whether the stop at ``stop`` is inside a double quotation opened in this sentence
    after its first words (a quoted passage, not a quoted sentence on its own) that
    closes later in the paragraph."""
    if text.find('"', cursor, stop) < 0 and text.find("“", cursor, stop) < 0:
        return False  # most sentences: no quotation mark at all
    opened = text.count("“", cursor, stop) - text.count("”", cursor, stop)
    straight = text.count('"', cursor, stop) % 2
    if opened <= 0 and not straight:
        return False
    quote = text.rfind("“" if opened > 0 else '"', cursor, stop)
    if quote <= cursor + 1 or text[quote - 2 : quote].strip() not in (",", ":"):
        return False  # only speech brought in by "wrote," / "said:"
    close = text.find("”" if opened > 0 else '"', stop, min(end, stop + 600))
    # More of the quotation follows this stop before it closes.
    return close >= 0 and any(ch.isalpha() for ch in text[stop:close])


def _spaced_dots(text: str, stop: int, floor: int) -> int:
    """How many dots the spaced ellipsis ending with the dot at ``stop`` has."""
    count, k = 1, stop
    while k - 2 >= floor and text[k - 1] == " " and text[k - 2] == ".":
        count += 1
        k -= 2
    return count


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The spans of all units, for evaluation against other segmenters."""
    return [(u.start, u.end) for u in units(text)]
