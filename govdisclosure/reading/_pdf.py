"""Text-based PDFs, through PDFium (pdfplumber, on pdfminer.six, where PDFium will not do).

A PDF has no paragraphs or cells, only glyphs at positions, so they are rebuilt here:

* ruled tables (every report exported from Word or WPS draws its grid) are found from
  their visible rules (pdfplumber's table finder, carried over in :mod:`._pdfgrid`); each
  cell becomes one item, its wrapped lines joined, cells covered by a merge skipped, as
  the docx reader does; a table that a page break cut is read as one (repeated header
  dropped, a row label cut in two joined);
* every other line is either a table row without rules, whose value cells stand apart
  by wide gaps (it is split into one item per cell; the rest of a wrapped label on the
  lines below joins its label), or prose, joined back into paragraphs;
* page numbers (“- 3 -”, “— 3 —”, “第3页”, “3/10”) and running headers and footers
  repeated in the page margins are dropped.

The glyphs, rules and images of each page come from PDFium (:mod:`._pdfium`), in C, in
the terms pdfplumber gives them in; pdfplumber reads what PDFium cannot read as pdfplumber
would (a rotated page, a document PDFium will not open) and what is to be refused, so
that the reasons given are the ones the reader has always given. A PDF without extractable
text (a scan, perhaps with a scanner app's stamp) is refused, never guessed at.

Neither library sets a limit on what a hostile file may make it inflate or loop over, so
the work is done in a child process with a memory and CPU limit and a wall-clock timeout,
started for every PDF. So that starting it costs little, it runs this module without the
package around it, and this module imports no more than it needs (no typing, dataclasses,
attrs or lxml: their imports took longer than reading the pages), pdfplumber only when
it is used.
"""

from __future__ import annotations

import bisect
import io
import itertools
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from . import _pdfgrid, _pdfium
from .printed import is_page_number, is_value, normalize
from .safety import UnreadableError

TYPE_CHECKING = False  # typing is not imported at run time: see the module doc
if TYPE_CHECKING:
    from typing import Any

    from .items import Item

SUFFIXES = (".pdf",)

MAX_PAGES = 300
"""A published annual report runs to a few dozen pages at most."""
TIMEOUT_SECONDS = 120.0
MEMORY_BYTES = 2 * 1024 * 1024 * 1024
"""Address space of the child process (a 20-page report needs about 100 MB)."""

NO_TEXT = "PDF 中没有可提取的文字（可能是扫描件），无法读取"
OUT_OF_MEMORY = "PDF 解析超出内存上限（可能是压缩炸弹），放弃读取"

# Gaps between glyphs, in units of the font size.
_WORD_GAP = 0.12
"""Wider than letter spacing: a space (or the automatic space between CJK and digits)."""
_CELL_GAP = 1.5
"""Wider than any space in prose, even justified: the gap between two table columns."""
_INDENT = 1.0
"""A line that starts this far right of the left margin starts a paragraph."""
_SHORT = 2.0
"""A line that stops this far short of the right margin ends its paragraph."""
_BAND = 0.08
"""The top and bottom margins of a page, where running headers and footers stand."""

_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
_SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_ENDS_PARAGRAPH = ("。", "；", ";", "！", "？")
_CID = re.compile(r"^\(cid:\d+\)$")
_UNITS = ("元", "万元")


def items(data: bytes) -> list[Item]:
    """The PDF's items, extracted in a child process within limits (see the module doc).

    A child that PDFium crashed (it aborts where memory runs out, as a compression bomb
    makes it) is followed by one reading through pdfplumber alone, within what is left of
    the time limit: its verdict is the reader's, as it always was.
    """
    import time

    from .items import Item

    if b"%PDF-" not in data[:1024]:  # where the PDF standard lets readers look for it
        raise UnreadableError("不是有效的 PDF 文件（缺少 %PDF 文件头；可能已损坏）")
    if not sys.executable:  # pragma: no cover - an embedded interpreter cannot start a child
        return extract(data)
    start = time.monotonic()
    library = _pdfium.library_path()
    payload, code = _in_child(data, library, TIMEOUT_SECONDS)
    if payload is None and library is not None and code < 0 and -code not in _OUT_OF_TIME:
        payload, code = _in_child(data, None, TIMEOUT_SECONDS - (time.monotonic() - start))
    if payload is None:
        # Killed by its limits (no output), or crashed: either way the file is not readable.
        raise UnreadableError(
            f"PDF 解析失败（解析进程退出码 {code}，可能超出内存或时间上限）"
        ) from None
    if "error" in payload:
        raise UnreadableError(str(payload["error"]))
    return [Item(str(text), cell=bool(cell)) for text, cell in payload["items"]]


_OUT_OF_TIME = (24, 9)
"""SIGXCPU (the CPU limit) and SIGKILL: a child stopped so has had its time."""


def _in_child(
    data: bytes, library: str | None, seconds: float
) -> tuple[dict[str, Any] | None, int]:
    """The child's answer (None if it gave none) and its exit code; PDFium from
    ``library``, or pdfplumber alone where it is None."""
    import os
    import subprocess

    if seconds <= 0:
        raise UnreadableError(f"PDF 解析超时（超过 {TIMEOUT_SECONDS:g} 秒），放弃读取")
    here = os.path.dirname(os.path.abspath(__file__))
    # -I -S: nothing from the environment, no site module (its start-up is a tenth of the
    # child's); the child gets this process's module search path instead, for pdfplumber.
    command = [sys.executable, "-I", "-S", "-c", _CHILD, os.path.dirname(here), here]
    limits = [str(MEMORY_BYTES), str(seconds), library or ""]
    try:
        done = subprocess.run(
            [*command, *limits, os.pathsep.join(sys.path)],
            input=data,
            capture_output=True,
            timeout=seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise UnreadableError(f"PDF 解析超时（超过 {TIMEOUT_SECONDS:g} 秒），放弃读取") from None
    try:
        payload = json.loads(done.stdout)
    except ValueError:
        return None, done.returncode
    return (payload if isinstance(payload, dict) else None), done.returncode


_PIECE = tuple[str, bool]
"""An item as the child gives it: its text, and whether it is a table cell."""


# The child imports this module without running the package's __init__ files, which
# import the whole library (input files, validation, the format declarations): stand-in
# package modules that only say where the package's files are. That halves the time a PDF
# takes to read. Of the formats package the child needs only ``formats.common``.
_CHILD = """
import sys, types
sys.path[:0] = [p for p in sys.argv[6].split(__import__("os").pathsep) if p]
for name, path in (
    ("govdisclosure", sys.argv[1]),
    ("govdisclosure.formats", __import__("os").path.join(sys.argv[1], "formats")),
    ("govdisclosure.reading", sys.argv[2]),
):
    package = types.ModuleType(name)
    package.__path__ = [path]
    sys.modules[name] = package
from govdisclosure.reading._pdf import _child
_child(int(sys.argv[3]), float(sys.argv[4]), sys.argv[5] or None)
"""


def _child(memory: int, seconds: float, library: str | None) -> None:
    """The child process: PDF bytes on stdin, items (or an error) as JSON on stdout."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        cpu = max(1, int(seconds))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not POSIX
        pass  # the parent's timeout still bounds the time
    payload: dict[str, Any]
    try:
        payload = {"items": _pieces(sys.stdin.buffer.read(), library)}
    except UnreadableError as exc:
        payload = {"error": str(exc)}
    except MemoryError:
        payload = {"error": OUT_OF_MEMORY}
    sys.stdout.write(json.dumps(payload))


def extract(data: bytes) -> list[Item]:
    """The PDF's items, in this process (no limits: use :func:`items` for untrusted files)."""
    from .items import Item

    return [Item(text, cell=cell) for text, cell in _pieces(data, _pdfium.library_path())]


def _pieces(data: bytes, library: str | None) -> list[_PIECE]:
    """The PDF's items as (text, cell) pairs; PDFium from ``library``, if any.

    The pages are read through PDFium (:mod:`._pdfium`), and through pdfplumber where that
    cannot be done as pdfplumber would (a rotated page, a document PDFium cannot open) or
    the PDF is to be refused (no text, a scan, undecodable fonts, a compression bomb):
    pdfplumber's verdict, and its reasons, are the ones the reader has always given.
    """
    blocks = _pdfium_blocks(data, library)
    if blocks is not None:
        try:
            _check(blocks)
        except UnreadableError:
            blocks = None
    if blocks is None:
        blocks = _pdfplumber_blocks(data)
        _check(blocks)
    return _items(blocks)


def _check(blocks: list[_PageBlocks]) -> None:
    """Refuse a PDF without a text layer to read."""
    glyphs = sum(b.glyphs for b in blocks)
    if glyphs == 0:
        raise UnreadableError(NO_TEXT)
    # Scanned pages: a picture of the page, at most a scanner app's stamp or a page
    # number as text (“扫描全能王”).
    scans = sum(1 for b in blocks if b.scanned)
    if 2 * scans >= len(blocks) and glyphs < _STAMP_GLYPHS * len(blocks):
        raise UnreadableError(NO_TEXT)
    if sum(b.undecodable for b in blocks) > glyphs:
        raise UnreadableError("PDF 的字体缺少文字编码（只能得到字形编号），无法读取")


_PDFIUM: list[_pdfium.Pdfium | None] = []
"""PDFium once loaded in this process, or None where pypdfium2 is not installed."""


def _pdfium_blocks(data: bytes, library: str | None) -> list[_PageBlocks] | None:
    """The pages read through PDFium; None where it cannot read them as pdfplumber would."""
    if not _PDFIUM:
        _PDFIUM.append(_pdfium.Pdfium(library) if library is not None else None)
    pdfium = _PDFIUM[0]
    if pdfium is None:
        return None
    try:
        return [_page_blocks(page) for page in pdfium.pages(data, MAX_PAGES)]
    except _pdfium.TooManyPages as exc:
        raise UnreadableError(f"PDF 页数过多（{exc.args[0]}，上限 {MAX_PAGES}）") from None
    except _pdfium.Unsupported:
        return None


def _pdfplumber_blocks(data: bytes) -> list[_PageBlocks]:
    """The pages read through pdfplumber (pdfminer.six)."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data), raise_unicode_errors=False)
    except PdfminerException as exc:
        raise UnreadableError(_open_error(exc)) from None
    except Exception as exc:  # pdfminer raises many kinds on a malformed file
        raise UnreadableError(f"PDF 已损坏，无法读取（{type(exc).__name__}）") from None
    with pdf:
        try:
            pages = pdf.pages
            if len(pages) > MAX_PAGES:
                raise UnreadableError(f"PDF 页数过多（{len(pages)}，上限 {MAX_PAGES}）")
            return [_page_blocks(page) for page in pages]
        except UnreadableError:
            raise
        except Exception as exc:  # as above: any failure inside pdfminer is a corrupt file
            cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
            if isinstance(cause, MemoryError):
                raise UnreadableError(OUT_OF_MEMORY) from None
            raise UnreadableError(f"PDF 已损坏，无法读取（{type(cause).__name__}）") from None


def _open_error(exc: Exception) -> str:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = exc.args[0] if exc.args else exc
    if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
        return "PDF 已加密（需要密码才能打开），无法读取"
    return f"不是有效的 PDF 文件（可能已损坏：{type(cause).__name__}）"


# --- one page ---------------------------------------------------------------------------


# The records below are plain classes with slots, not dataclasses: this module runs in a
# child process started for every PDF (see items()), where importing dataclasses and making
# eight of them took longer than reading a page.


class _Word:
    __slots__ = ("text", "x0", "x1")

    def __init__(self, text: str, x0: float, x1: float) -> None:
        self.text, self.x0, self.x1 = text, x0, x1


class _Line:
    __slots__ = ("_cells", "_cells_known", "bottom", "in_band", "size", "top", "words")

    def __init__(self, top: float, bottom: float, size: float, words: list[_Word]) -> None:
        self.top, self.bottom, self.size, self.words = top, bottom, size, words
        self.in_band = False
        self._cells: list[str] | None = None
        self._cells_known = False

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def text(self) -> str:
        return join(w.text for w in self.words)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    def _gap_parts(self) -> list[list[_Word]]:
        parts: list[list[_Word]] = [[self.words[0]]]
        for prev, word in itertools.pairwise(self.words):
            if word.x0 - prev.x1 >= _CELL_GAP * self.size:
                parts.append([word])
            else:
                parts[-1].append(word)
        return parts

    def cells(self) -> list[str] | None:
        """The line's cells if it is a table row drawn without rules, else None."""
        if not self._cells_known:  # worked out once: asked of every line again and again
            parts = self._gap_parts()
            cells = [p.text for part in parts for p in _detach_values(part)]
            table_row = len(parts) >= 2 or (len(cells) >= 2 and all(is_value(c) for c in cells))
            self._cells = cells if table_row else None
            self._cells_known = True
        return self._cells

    def parts(self, columns: Sequence[float] = ()) -> list[_Part]:
        """The line's cells with their positions; text standing apart by less than a column
        gap is cut where a column of the table starts (``columns``: the starts shared by
        several lines), as where a merged label's column meets the next."""
        out: list[_Part] = []
        for part in self._gap_parts():
            pieces: list[list[_Word]] = [[part[0]]]
            for word in part[1:]:
                if any(abs(word.x0 - x) <= 1.0 for x in columns):
                    pieces.append([word])
                else:
                    pieces[-1].append(word)
            for piece in pieces:
                out.extend(_detach_values(piece))
        return out


class _Part:
    __slots__ = ("text", "x0", "x1")

    def __init__(self, text: str, x0: float, x1: float) -> None:
        self.text, self.x0, self.x1 = text, x0, x1


class _Cell:
    __slots__ = ("bottom", "text", "x0", "x1")

    def __init__(self, text: str, x0: float, x1: float, bottom: float) -> None:
        self.text, self.x0, self.x1, self.bottom = text, x0, x1, bottom


class _Table:
    __slots__ = ("box", "rows")

    def __init__(self, box: tuple[float, float, float, float], rows: list[list[_Cell]]) -> None:
        self.box = box
        self.rows = rows
        """Every cell box found, empty ones included; positions covered by a merged cell
        are left out."""


class _PageBlocks:
    __slots__ = ("glyphs", "height", "lines", "scanned", "tables", "undecodable")

    def __init__(self, height: float, scanned: bool) -> None:
        self.height = height
        self.lines: list[_Line] = []
        self.tables: list[_Table] = []
        self.glyphs = 0
        self.undecodable = 0
        self.scanned = scanned
        """An image covers half the page or more."""


_STAMP_GLYPHS = 30
"""Fewer glyphs a page than this, on pages that are pictures, is no text layer."""


def _page_blocks(page: Any) -> _PageBlocks:
    area = float(page.width) * float(page.height)
    scanned = any(
        (float(i["x1"]) - float(i["x0"])) * (float(i["bottom"]) - float(i["top"])) >= area / 2
        for i in page.images
    )
    chars = []
    for c in _dedupe(page.chars):
        text = str(c["text"])
        if c.get("upright", True) and text.strip():
            # The page's dicts are the reader's to change (pdfplumber's are made per page).
            c["text"] = _unify(text)
            c["cx"] = (c["x0"] + c["x1"]) / 2  # its middle, asked of every glyph many times
            c["cy"] = (c["top"] + c["bottom"]) / 2
            chars.append(c)
    blocks = _PageBlocks(float(page.height), scanned=scanned)
    blocks.undecodable = sum(1 for c in chars if _CID.match(str(c["text"])))
    chars = [c for c in chars if not _CID.match(str(c["text"]))]
    blocks.glyphs = len(chars)
    if not chars:
        return blocks
    for table in _find_tables(page):
        # By their middle, top to bottom: each cell looks only at the glyphs at its height.
        inside = sorted((c for c in chars if _inside(c, table.bbox)), key=_mid)
        middles = [_mid(c) for c in inside]
        rows = [
            (row.bbox, [_cell(box, inside, middles) for box in row.cells if box is not None])
            for row in table.rows
        ]
        for run in _table_runs(rows, table.bbox):
            top, bottom = float(run[0][0][1]), float(run[-1][0][3])
            box = (float(table.bbox[0]), top, float(table.bbox[2]), bottom)
            blocks.tables.append(_Table(box, [[c for c, _ in cells] for _, cells in run]))
    outside = [c for c in chars if not any(_inside(c, t.box) for t in blocks.tables)]
    band = _BAND * blocks.height
    for line in _group_lines(outside):
        line.in_band = line.top < band or line.bottom > blocks.height - band
        blocks.lines.append(line)
    return blocks


def _dedupe(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The glyphs, each once: WPS and Word draw bold text twice, a hair apart. A glyph with
    the text, font and size of one kept within a point each way is dropped, as pdfplumber's
    ``dedupe_chars`` does; found through a table by line instead of by clustering, which
    took a fifth of the reading time."""
    kept: list[dict[str, Any]] = []
    seen: dict[tuple[Any, int], list[tuple[float, float]]] = {}
    for c in chars:
        x, y = float(c["x0"]), float(c["top"])
        key = (c["text"], c.get("fontname"), round(float(c["size"]), 3), c.get("upright"))
        row = int(y)
        near = any(
            abs(place[0] - x) <= 1.0 and abs(place[1] - y) <= 1.0
            for r in (row - 1, row, row + 1)
            for place in seen.get((key, r), ())
        )
        if not near:
            seen.setdefault((key, row), []).append((x, y))
            kept.append(c)
    return kept


def _find_tables(page: Any) -> list[Any]:
    """The page's ruled tables, found from the rules a reader sees.

    pdfplumber takes the edges of every rectangle for rules, but WPS (and Word, for shaded
    paragraphs) paints a white or tinted rectangle behind each line of prose; joined to a
    table's grid, those turn the prose above it into table rows. Only stroked lines and
    rectangles, and rectangles thin enough to be a rule, in a colour other than white, count.
    A page without two rules each way has no table, and skips the search.
    """
    vertical: list[dict[str, Any]] = []
    horizontal: list[dict[str, Any]] = []
    for obj in (*page.lines, *page.rects, *page.curves):
        if not _visible_rule(obj):
            continue
        for edge in _pdfgrid.edges(obj):
            (vertical if edge["orientation"] == "v" else horizontal).append(edge)
    if len(vertical) < 2 or len(horizontal) < 2:
        return []
    return _pdfgrid.find_tables(vertical, horizontal)


_RULE_WIDTH = 2.0
"""A filled rectangle at most this thick (in points) is a rule drawn as a bar."""


def _visible_rule(obj: dict[str, Any]) -> bool:
    if obj.get("stroke", obj["object_type"] != "rect") and not _white(obj.get("stroking_color")):
        return True
    thin = min(float(obj["width"]), float(obj["height"])) <= _RULE_WIDTH
    return bool(obj.get("fill")) and thin and not _white(obj.get("non_stroking_color"))


def _white(color: Any) -> bool:
    """Whether a PDF colour (gray, RGB or CMYK components) is white or all but white."""
    if not isinstance(color, tuple | list) or not color:
        return False  # no colour set (black), or a pattern
    values = [float(c) for c in color if isinstance(c, int | float)]
    if len(values) != len(color):
        return False
    if len(values) == 4:  # CMYK: no ink
        return max(values) <= 0.05
    return min(values) >= 0.95


def _cell(
    box: Sequence[float], chars: list[dict[str, Any]], middles: list[float]
) -> tuple[_Cell, list[_Line]]:
    """A cell's text and lines, from ``chars`` sorted by their ``middles``."""
    at_height = chars[bisect.bisect_left(middles, box[1]) : bisect.bisect_right(middles, box[3])]
    lines = _group_lines([c for c in at_height if _inside(c, box)])
    text = join(line.text for line in lines)
    return _Cell(text, float(box[0]), float(box[2]), float(box[3])), lines


_Row = tuple[Sequence[float], list[tuple[_Cell, list[_Line]]]]


def _table_runs(rows: list[_Row], bbox: Sequence[float]) -> list[list[_Row]]:
    """The table's rows without the prose a ruled region took in, as runs of adjacent rows.

    A row that is one cell across the table is prose when it holds a sentence (a line of
    a paragraph, with a frame or a background behind it) or a section heading (between two
    tables that a frame joined), or, above the first and below the last row of cells, any
    heading, several lines or a line as wide as the text: a page frame or a rule under the
    prose joins it to the table. A short line there (“第二十条第（一）项”) is
    the table's caption, and stays a cell. A run with no row of two cells is no table: a
    frame around the page or a text box.
    """
    multi = [i for i, (_, cells) in enumerate(rows) if len(cells) >= 2]
    if not multi:
        return []
    first, last = multi[0], multi[-1]
    runs: list[list[_Row]] = [[]]
    for i, row in enumerate(rows):
        cells = row[1]
        outer = i < first or i > last
        across = len(cells) == 1 and cells[0][0].x1 - cells[0][0].x0 >= 0.9 * (bbox[2] - bbox[0])
        if across and _prose_row(cells[0], bbox, outer):
            runs.append([])
        else:
            runs[-1].append(row)
    return [run for run in runs if any(len(cells) >= 2 for _, cells in run)]


def _prose_row(cell: tuple[_Cell, list[_Line]], bbox: Sequence[float], outer: bool) -> bool:
    found, lines = cell
    text = found.text
    if not text:
        return outer
    if "。" in text or text.endswith(_ENDS_PARAGRAPH):
        return True
    if not outer:
        # Between two tables that a frame joined: the next section's heading.
        return _is_heading(text) and _SECTION_HEADING.match(text) is not None
    wide = any(line.x1 - line.x0 >= _CAPTION_WIDTH * (bbox[2] - bbox[0]) for line in lines)
    return len(lines) > 1 or wide or _is_heading(text)


_CAPTION_WIDTH = 0.7
"""A line this much of a table's width or more is prose, not the table's caption."""


def _inside(char: dict[str, Any], box: Sequence[float]) -> bool:
    return bool(box[0] <= char["cx"] <= box[2] and box[1] <= char["cy"] <= box[3])


_RADICALS = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")
_SIMPLIFIED_RADICALS = str.maketrans(
    # CJK Radicals Supplement forms that NFKC leaves alone, by the ideograph they stand for
    # (Unicode's EquivalentUnifiedIdeograph.txt), for those that are words on their own.
    "⺠⻔⻓⻢⻋⻅⻉⻚⻛⻜⻝⻥⻦⻩⻬⻮⻰⻳⻄⻆⻘⻙⻗⻨⻣⻤⻁⺬⺩⺧⻊⺼⺗⺝⺌⺁⺊",
    "民门长马车见贝页风飞食鱼鸟黄齐齿龙龟西角青韦雨麦骨鬼虎示王牛足肉心月小厂卜",
)


def _unify(text: str) -> str:
    """Ideographs as ideographs: some fonts (Noto CJK as Chromium embeds it) map 一, 人, 示
    to the look-alike Kangxi radicals ⼀, ⼈, ⽰, radical forms such as ⺠ (民), or to
    compatibility ideographs. NFKC undoes most, applied to those characters only (elsewhere
    it would turn （ into ( ); a table maps the radical forms NFKC leaves alone."""
    if _RADICALS.search(text) is None:
        return text  # nearly every glyph
    unified = _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text)
    return unified.translate(_SIMPLIFIED_RADICALS)


def _group_lines(chars: list[dict[str, Any]]) -> list[_Line]:
    """Glyphs into lines (by their vertical middle), each line into words (by gaps).

    A line ends where the next glyph's middle is half a size below the line's first, or,
    between two full-size glyphs, a third of a size below the previous one: in a table
    without rules the wrapped text of a merged label cell runs at its own line spacing, a
    few points off the rows beside it. The glyphs of one line differ by a point or two
    between fonts; a smaller superscript stays in its line.
    """
    lines: list[_Line] = []
    ordered = sorted(
        ((_mid(c), float(c["size"]), c) for c in chars), key=lambda m: (m[0], m[2]["x0"])
    )
    groups: list[list[dict[str, Any]]] = []
    first = prev = (0.0, 0.0)  # middle and size of the line's first glyph, of the last
    for middle, size, c in ordered:
        if groups:
            full = min(size, prev[1]) >= 0.9 * first[1]
            apart = full and middle - prev[0] > _LINES_APART * first[1]
            if not apart and middle - first[0] <= 0.5 * first[1]:
                groups[-1].append(c)
                prev = (middle, size)
                continue
        groups.append([c])
        first = prev = (middle, size)
    for group in groups:
        group.sort(key=lambda c: c["x0"])
        size = _median([float(c["size"]) for c in group]) or 1.0
        words = [_Word(str(group[0]["text"]), group[0]["x0"], group[0]["x1"])]
        for c in group[1:]:
            if c["x0"] - words[-1].x1 > _WORD_GAP * size:
                words.append(_Word(str(c["text"]), c["x0"], c["x1"]))
            else:
                words[-1].text += str(c["text"])
                words[-1].x1 = max(words[-1].x1, c["x1"])
        top = min(c["top"] for c in group)
        bottom = max(c["bottom"] for c in group)
        lines.append(_Line(float(top), float(bottom), size, words))
    return lines


def _median(values: list[float]) -> float:
    """The median, as ``statistics.median`` gives it (not imported: see the records)."""
    ordered = sorted(values)
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2


def _mid(char: dict[str, Any]) -> float:
    return float(char["cy"])


_LINES_APART = 0.3
"""Two full-size glyphs whose middles are this many sizes apart are on two lines."""


def _detach_values(words: list[_Word]) -> list[_Part]:
    """A table cell's words, with the numbers a narrow column pressed against their label
    split off (“行政许可 1283” → “行政许可”, “1283”)."""
    out: list[_Part] = []
    pending: list[_Word] = []

    def label() -> None:  # the words pending, as one label
        if pending:
            out.append(_Part(join(w.text for w in pending), pending[0].x0, pending[-1].x1))
            pending.clear()

    for word in words:
        if word.text in _UNITS and out and not pending and is_value(out[-1].text + word.text):
            out[-1].text += word.text  # “12350.49 万元”: the unit belongs to its amount
            out[-1].x1 = word.x1
        elif is_value(word.text):
            label()
            out.append(_Part(word.text, word.x0, word.x1))
        else:
            pending.append(word)
    label()
    return out


def join(parts: Iterable[str]) -> str:
    """Words or wrapped lines joined as Chinese is written: a space only between two Latin
    letters or digits (the gap a PDF shows between 2024 and 年 is typography, not text)."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if (
            out
            and out[-1].isascii()
            and part[0].isascii()
            and out[-1].isalnum()
            and part[0].isalnum()
        ):
            out += " "
        out += part
    return out


# --- the whole document -----------------------------------------------------------------


def _drop_headers_and_footers(pages: list[_PageBlocks]) -> None:
    """Page numbers anywhere; and text repeated in the margins of two or more pages."""
    counts: Counter[str] = Counter()
    for p in pages:
        counts.update({_shape(line.text) for line in p.lines if line.in_band})
    for p in pages:
        p.lines = [
            line
            for line in p.lines
            if not is_page_number(line.text)
            and not (line.in_band and _bare_number(line.text))
            and not (line.in_band and counts[_shape(line.text)] >= 2)
        ]


def _shape(text: str) -> str:
    """A margin line with its numbers blanked, so “第3页 … 2020年” matches on every page."""
    return re.sub(r"\d+", "#", normalize(text))


def _bare_number(text: str) -> bool:
    return re.fullmatch(r"\d{1,4}", normalize(text)) is not None


def _items(pages: list[_PageBlocks]) -> list[_PIECE]:
    _drop_headers_and_footers(pages)
    _join_continued_tables(pages)
    prose = [line for p in pages for line in p.lines]
    if not prose and not any(p.tables for p in pages):
        return []
    # The margins of the prose, not of rows of a table drawn without rules.
    text = [line for line in prose if line.cells() is None] or prose
    flow = _Flow(
        _left_margin([line.x0 for line in text]),
        _right_margin([line.x1 for line in text]),
        _line_pitch(pages),
    )
    out: list[_PIECE] = []
    paragraph: list[_Line] = []
    last_page = -1

    def flush() -> None:
        if paragraph:
            out.append((join(line.text for line in paragraph), False))
            paragraph.clear()

    for n, p in enumerate(pages):
        entries: list[tuple[float, _Line | _Table]] = [(t.box[1], t) for t in p.tables]
        entries += [(line.top, line) for line in p.lines]
        ordered = [entry for _, entry in sorted(entries, key=lambda e: e[0])]
        columns = _column_starts(p.lines, 0.7 * (flow.right - flow.left))
        # Whether the next row with values (below each entry) has a label of its own.
        labelled: list[bool] = []
        ahead = True
        for entry in reversed(ordered):
            labelled.append(ahead)
            if isinstance(entry, _Line) and entry.cells() is not None:
                parts = entry.parts(columns)
                if any(is_value(x.text) for x in parts):
                    ahead = not all(is_value(x.text) for x in parts)
        labelled.reverse()
        open_labels: list[_OpenLabel] = []
        for k, entry in enumerate(ordered):
            if isinstance(entry, _Table):
                flush()
                open_labels = []
                out.extend((text, True) for row in entry.rows for text in _texts(row))
                continue
            if open_labels and labelled[k] and _continue_labels(entry, columns, open_labels, out):
                continue
            if entry.cells() is not None:
                flush()
                parts = entry.parts(columns)
                open_labels = _open_labels(entry, parts, len(out), open_labels)
                out.extend((x.text, True) for x in parts)
                continue
            open_labels = []
            if paragraph and flow.starts_paragraph(paragraph[-1], entry, same_page=last_page == n):
                flush()
            paragraph.append(entry)
            last_page = n
    flush()
    return out


# --- tables without rules ---------------------------------------------------------------


class _OpenLabel:
    """A label cell of a table without rules that the next lines may continue: ``index`` of
    its item, ``bound`` where the next cell of its row starts, ``middle`` of its last line
    so far."""

    __slots__ = ("bound", "index", "middle", "size", "x0")

    def __init__(self, index: int, x0: float, bound: float, middle: float, size: float) -> None:
        self.index, self.x0, self.bound, self.middle, self.size = index, x0, bound, middle, size


def _column_starts(lines: list[_Line], wide: float) -> list[float]:
    """Where a table's columns start: positions at which words of three lines or more
    start, lines of prose as wide as ``wide`` left out."""
    starts = sorted(
        (word.x0, n)
        for n, line in enumerate(lines)
        if line.x1 - line.x0 < wide or line.cells() is not None
        for word in line.words
    )
    out: list[float] = []
    group: list[tuple[float, int]] = []
    for start in [*starts, (float("inf"), -1)]:
        if group and start[0] - group[0][0] > 1.0:
            if len({n for _, n in group}) >= 3:
                out.append(group[0][0])
            group = []
        group.append(start)
    return out


def _open_labels(
    line: _Line, parts: list[_Part], first: int, before: list[_OpenLabel]
) -> list[_OpenLabel]:
    """The label cells open after the row ``line``: its own, and those of rows above in
    columns it leaves empty (a merged label cell whose text runs on beside it)."""
    # A wrapped label's next line is no wider than its first (a character's width more
    # for punctuation), and never reaches the next cell.
    own = [
        _OpenLabel(
            first + i,
            part.x0,
            min(part.x1 + line.size, following.x0 if following else float("inf")),
            line.middle,
            line.size,
        )
        for i, (part, following) in enumerate(itertools.zip_longest(parts, parts[1:]))
        if part is not None and not is_value(part.text)
    ]
    kept = [
        label for label in before if not any(o.x0 < label.bound and label.x0 < o.bound for o in own)
    ]
    return kept + own


_NEXT_LINE = 1.8
"""The next line of a cell's text stands at most this many font sizes below the last
(and at least 0.9: lines closer than that are lines of different rows)."""


def _continue_labels(
    line: _Line, columns: list[float], labels: list[_OpenLabel], out: list[_PIECE]
) -> bool:
    """Append ``line`` to the label cells above it if it is the rest of wrapped labels.

    A table drawn without rules prints a wrapped label's second line below its row's
    values, where it looks like a line of its own. It is taken for the rest of a label
    only where that is unambiguous: no values, no sentence; each piece within the column
    of a label above it, one line below that label's last; and the next row with values
    has a label of its own (values standing alone mean labels centred around their
    values, where the line may as well begin the next row's label).
    """
    if _is_heading(line.text) or "。" in line.text:
        return False
    parts = line.parts(columns)
    if any(is_value(part.text) for part in parts):
        return False
    targets: list[_OpenLabel] = []
    for part in parts:
        found = [
            label
            for label in labels
            if label.x0 - 0.5 * label.size <= part.x0
            and part.x1 <= label.bound + 0.5 * label.size
            and 0.9 * label.size <= line.middle - label.middle <= _NEXT_LINE * label.size
        ]
        if len(found) != 1 or found[0] in targets:
            return False
        targets.append(found[0])
    for part, label in zip(parts, targets, strict=True):
        out[label.index] = (join([out[label.index][0], part.text]), True)
        label.middle = line.middle
    return True


def _join_continued_tables(pages: list[_PageBlocks]) -> None:
    """Tables that a page break cut, read as one: a page that ends with a table and a page
    that starts with one whose edges are the same continue one table.

    The continuation's repeated header rows are dropped. A row cut by the page break
    leaves at the top of the next page a row with label text and no values: the rest of
    a wrapped label (“2.其他法律” … “行政法规禁止公开”). Its text is appended to the cell
    above it in the last row before the break (or to the merged cell covering that row),
    unless it repeats that cell's text, as Word and WPS repeat a merged label; the row
    then goes. A fragment with no cell above it is left as it is.
    """
    origin: dict[int, _Table] = {}
    for before, after in itertools.pairwise(pages):
        last, first = _last_table(before), _first_table(after)
        if last is None or first is None or not _same_edges(last, first):
            continue
        start = origin.get(id(last), last)
        origin[id(first)] = start
        repeated = 0
        while repeated < min(len(start.rows), len(first.rows) - 1) and _shape_of(
            start.rows[repeated]
        ) == _shape_of(first.rows[repeated]):
            repeated += 1
        del first.rows[:repeated]
        if _continues_row(last.rows, first.rows[0]):
            first.rows.pop(0)


def _last_table(page: _PageBlocks) -> _Table | None:
    """The table the page ends with, if nothing stands below it."""
    if not page.tables:
        return None
    table = max(page.tables, key=lambda t: t.box[3])
    return table if all(line.top < table.box[3] for line in page.lines) else None


def _first_table(page: _PageBlocks) -> _Table | None:
    """The table the page starts with, if nothing stands above it."""
    if not page.tables:
        return None
    table = min(page.tables, key=lambda t: t.box[1])
    return table if all(line.bottom > table.box[1] for line in page.lines) else None


def _same_edges(a: _Table, b: _Table) -> bool:
    return abs(a.box[0] - b.box[0]) <= 2.0 and abs(a.box[2] - b.box[2]) <= 2.0


def _shape_of(row: list[_Cell]) -> list[str]:
    return [normalize(c.text) for c in row]


def _continues_row(above: list[list[_Cell]], row: list[_Cell]) -> bool:
    """Join ``row``, the first row after a page break, to the last row ``above`` it when it
    holds only the rest of that row's labels (see :func:`_join_continued_tables`).

    Each piece must stand in a label cell of the same column span as a cell above it: a
    caption or a header row starting a new block (“第二十条第（六）项”, “信息内容”) stands
    under a value, or spans other columns, and is left alone.
    """
    pieces = [c for c in row if c.text]
    if not pieces or any(is_value(c.text) for c in pieces):
        return False
    if not any(c.text and is_value(c.text) for c in above[-1]):
        return False
    targets = []
    for piece in pieces:
        # The cell above in the last row, or the merged cell that covers the last row.
        bottom = max(c.bottom for c in above[-1])
        target = next(
            (
                c
                for r in reversed(above)
                for c in r
                if _same_column(c, piece) and c.bottom >= bottom - 2.0
            ),
            None,
        )
        if target is None or (target.text and is_value(target.text)):
            return False
        targets.append(target)
    for piece, target in zip(pieces, targets, strict=True):
        if normalize(piece.text) != normalize(target.text):
            target.text = join([target.text, piece.text])
    return True


def _same_column(a: _Cell, b: _Cell) -> bool:
    return abs(a.x0 - b.x0) <= 2.0 and abs(a.x1 - b.x1) <= 2.0


def _texts(row: list[_Cell]) -> list[str]:
    """A table row's cell texts. A merged label cell that a page break cut shows on the
    next page as an empty cell before the row's own label: dropped, since a value never
    stands before its label."""
    texts = [c.text for c in row]
    first_label = next((i for i, t in enumerate(texts) if t and not is_value(t)), 0)
    return [t for i, t in enumerate(texts) if i >= first_label or t]


def _right_margin(ends: list[float]) -> float:
    """Where full lines end: the commonest end, give or take two points, among the lines
    that reach the right fifth of the text (short lines, such as headings, do not count).

    Not the rightmost end: a justified line may hang a “，” or “。” past the margin. In
    ragged text (a browser's print) no end is common, and the rightmost is taken.
    """
    reach = 0.8 * max(ends, default=0.0)
    ordered = sorted(e for e in ends if e >= reach)
    best, start = (0, 0), 0
    for stop, end in enumerate(ordered):
        while end - ordered[start] > 2.0:
            start += 1
        if stop - start >= best[1] - best[0]:
            best = (start, stop)
    return ordered[best[1]] if ordered else 0.0


def _left_margin(starts: list[float]) -> float:
    """Where lines start: the leftmost start shared by a few lines, give or take two points,
    so that one stray line further left (a text box, a label) does not make every line of
    the text look indented."""
    ordered = sorted(starts)
    enough = max(2, len(ordered) // 20)
    for i, start in enumerate(ordered):
        if i + enough - 1 < len(ordered) and ordered[i + enough - 1] - start <= 2.0:
            return start
    return ordered[0] if ordered else 0.0


def _line_pitch(pages: list[_PageBlocks]) -> float:
    """The commonest distance between the middles of two consecutive lines of prose on a
    page: the line spacing inside a paragraph (0 if no two lines follow each other)."""
    pitches = []
    for p in pages:
        lines = sorted((line for line in p.lines if line.cells() is None), key=lambda x: x.top)
        for a, b in itertools.pairwise(lines):
            if abs(a.size - b.size) <= 0.5:
                pitches.append(round(_middle(b) - _middle(a), 1))
    return Counter(pitches).most_common(1)[0][0] if pitches else 0.0


def _middle(line: _Line) -> float:
    return (line.top + line.bottom) / 2


class _Flow:
    """The text block of the document's prose: its margins and its line spacing."""

    __slots__ = ("left", "pitch", "right")

    def __init__(self, left: float, right: float, pitch: float) -> None:
        self.left, self.right, self.pitch = left, right, pitch

    def starts_paragraph(self, prev: _Line, line: _Line, same_page: bool) -> bool:
        """Whether ``line`` begins a new paragraph after ``prev``.

        A line that runs to the right margin in mid-sentence goes on in the next line
        when that starts flush left, whatever it starts with: a heading too long for one
        line, or a sentence broken before “（一）项”. Otherwise a heading stands alone; an
        indented line begins a paragraph; a line that stops short of the right margin ends
        one, and so does one ending in 。 or ； unless it runs to the margin and the next
        line continues flush left (the contact line wraps after “；”). On one page, space
        between the lines wider than the line spacing ends a paragraph too (a report
        without first-line indents, paragraphs set apart by spacing).
        """
        indented = line.x0 - self.left > _INDENT * line.size
        short = self.right - prev.x1
        if (
            same_page
            and self.pitch
            and _middle(line) - _middle(prev) > self.pitch + _SPACED * prev.size
        ):
            return True
        if not indented and short <= _SHORT * prev.size and not prev.text.endswith(_ENDS_PARAGRAPH):
            return False
        if _is_heading(prev.text) or _is_heading(line.text):
            return True
        if indented or short > _SHORT * prev.size:
            return True
        return prev.text.endswith(_ENDS_PARAGRAPH) and short > 1.0 * prev.size


_SPACED = 0.5
"""Space between two lines wider than the line spacing by this many font sizes sets
two paragraphs apart."""


def _is_heading(text: str) -> bool:
    return bool(_HEADING.match(text)) and len(text) <= 40 and "。" not in text
