"""PDF pages through PDFium: each page's glyphs, painted paths and images, in pdfplumber's terms.

PDFium is the C library that pypdfium2 (installed with pdfplumber) ships; this module calls
the few functions of its C API that reading needs through ctypes, and gives what they return
in the coordinates and the shapes pdfplumber gives (top-down page coordinates; a painted
path split into lines, rectangles and curves as pdfminer.six splits it), so that
:mod:`._pdf` reads either alike.

Why not pdfplumber: pdfminer.six, under it, interprets a page's content in Python, some
30 ms a page, and importing it takes 150 ms more in the child process that reads each
untrusted PDF (see :mod:`._pdf`); PDFium does the same in C. Why not pypdfium2's own
bindings: declaring its 470 functions takes longer, at every child's start, than reading a
page. This module imports nothing but ctypes and the standard library's smallest modules.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Iterator

from ..errors import GovDisclosureError

TYPE_CHECKING = False  # typing is not imported at run time: see _pdf's module doc
if TYPE_CHECKING:
    from typing import Any

    Obj = dict[str, Any]

_HANDLE = ctypes.c_void_p
_INT, _UINT, _FLOAT, _DOUBLE = ctypes.c_int, ctypes.c_uint, ctypes.c_float, ctypes.c_double
_P_FLOAT, _P_DOUBLE, _P_INT, _P_UINT = (
    ctypes.POINTER(ctypes.c_float),
    ctypes.POINTER(ctypes.c_double),
    ctypes.POINTER(ctypes.c_int),
    ctypes.POINTER(ctypes.c_uint),
)


class _Matrix(ctypes.Structure):
    _fields_ = [(name, ctypes.c_float) for name in "abcdef"]


class _Rect(ctypes.Structure):
    _fields_ = [(name, ctypes.c_float) for name in ("left", "top", "right", "bottom")]


_P_MATRIX, _P_RECT = ctypes.POINTER(_Matrix), ctypes.POINTER(_Rect)

# The functions used, with their C signatures (fpdfview.h, fpdf_text.h, fpdf_edit.h).
_FUNCTIONS: dict[str, tuple[object, tuple[object, ...]]] = {
    "FPDF_InitLibrary": (None, ()),
    "FPDF_GetLastError": (ctypes.c_ulong, ()),
    "FPDF_LoadMemDocument64": (_HANDLE, (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p)),
    "FPDF_CloseDocument": (None, (_HANDLE,)),
    "FPDF_GetPageCount": (_INT, (_HANDLE,)),
    "FPDF_LoadPage": (_HANDLE, (_HANDLE, _INT)),
    "FPDF_ClosePage": (None, (_HANDLE,)),
    "FPDF_GetPageWidthF": (_FLOAT, (_HANDLE,)),
    "FPDF_GetPageHeightF": (_FLOAT, (_HANDLE,)),
    "FPDFPage_GetRotation": (_INT, (_HANDLE,)),
    "FPDFPage_GetMediaBox": (_INT, (_HANDLE, _P_FLOAT, _P_FLOAT, _P_FLOAT, _P_FLOAT)),
    "FPDFPage_GetCropBox": (_INT, (_HANDLE, _P_FLOAT, _P_FLOAT, _P_FLOAT, _P_FLOAT)),
    "FPDFText_LoadPage": (_HANDLE, (_HANDLE,)),
    "FPDFText_ClosePage": (None, (_HANDLE,)),
    "FPDFText_CountChars": (_INT, (_HANDLE,)),
    "FPDFText_GetUnicode": (_UINT, (_HANDLE, _INT)),
    "FPDFText_IsGenerated": (_INT, (_HANDLE, _INT)),
    "FPDFText_HasUnicodeMapError": (_INT, (_HANDLE, _INT)),
    "FPDFText_GetCharOrigin": (_INT, (_HANDLE, _INT, _P_DOUBLE, _P_DOUBLE)),
    "FPDFText_GetLooseCharBox": (_INT, (_HANDLE, _INT, _P_RECT)),
    "FPDFText_GetMatrix": (_INT, (_HANDLE, _INT, _P_MATRIX)),
    "FPDFText_GetFontSize": (_DOUBLE, (_HANDLE, _INT)),
    "FPDFText_GetTextObject": (_HANDLE, (_HANDLE, _INT)),
    "FPDFTextObj_GetFont": (_HANDLE, (_HANDLE,)),
    "FPDFFont_GetBaseFontName": (ctypes.c_size_t, (_HANDLE, ctypes.c_char_p, ctypes.c_size_t)),
    "FPDFPage_CountObjects": (_INT, (_HANDLE,)),
    "FPDFPage_GetObject": (_HANDLE, (_HANDLE, _INT)),
    "FPDFFormObj_CountObjects": (_INT, (_HANDLE,)),
    "FPDFFormObj_GetObject": (_HANDLE, (_HANDLE, ctypes.c_ulong)),
    "FPDFPageObj_GetType": (_INT, (_HANDLE,)),
    "FPDFPageObj_GetMatrix": (_INT, (_HANDLE, _P_MATRIX)),
    "FPDFPageObj_GetStrokeColor": (_INT, (_HANDLE, _P_UINT, _P_UINT, _P_UINT, _P_UINT)),
    "FPDFPageObj_GetFillColor": (_INT, (_HANDLE, _P_UINT, _P_UINT, _P_UINT, _P_UINT)),
    "FPDFPath_CountSegments": (_INT, (_HANDLE,)),
    "FPDFPath_GetPathSegment": (_HANDLE, (_HANDLE, _INT)),
    "FPDFPath_GetDrawMode": (_INT, (_HANDLE, _P_INT, _P_INT)),
    "FPDFPathSegment_GetPoint": (_INT, (_HANDLE, _P_FLOAT, _P_FLOAT)),
    "FPDFPathSegment_GetType": (_INT, (_HANDLE,)),
    "FPDFPathSegment_GetClose": (_INT, (_HANDLE,)),
}

# Page object types and path segment types (fpdf_edit.h).
_TEXT, _PATH, _IMAGE, _FORM = 1, 2, 3, 5
_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2


def library_path() -> str | None:
    """Where pypdfium2 keeps PDFium, found without importing it; None if it is not there."""
    names = {"win32": "pdfium.dll", "darwin": "libpdfium.dylib"}
    name = names.get(sys.platform, "libpdfium.so")
    for entry in sys.path:
        candidate = os.path.join(entry or ".", "pypdfium2_raw", name)
        if os.path.isfile(candidate):
            return candidate
    return None


class Unsupported(GovDisclosureError, ValueError):
    """A PDF this module does not read as pdfplumber would (a rotated page, a page whose
    boxes do not start at the origin, a document PDFium cannot open): the caller reads it
    through pdfplumber instead (it never reaches a caller of the reader)."""


class TooManyPages(GovDisclosureError, ValueError):
    """A document with more pages than the caller reads; ``args[0]`` is the count."""


class Pdfium:
    """PDFium, loaded and initialised once per process."""

    def __init__(self, path: str) -> None:
        lib = ctypes.CDLL(path)
        for name, (restype, argtypes) in _FUNCTIONS.items():
            function = getattr(lib, name)
            function.restype = restype
            function.argtypes = argtypes
        lib.FPDF_InitLibrary()
        self.lib = lib

    def pages(self, data: bytes, limit: int) -> Iterator[Page]:
        """The document's pages in order. Raises :class:`Unsupported` (see there; with
        FPDF_GetLastError's code for a document PDFium cannot open), or
        :class:`TooManyPages` for one of more than ``limit`` pages."""
        lib = self.lib
        buffer = ctypes.create_string_buffer(data, len(data))  # PDFium reads it in place
        document = lib.FPDF_LoadMemDocument64(buffer, len(data), None)
        if not document:
            raise Unsupported(lib.FPDF_GetLastError())
        try:
            count = lib.FPDF_GetPageCount(document)
            if count > limit:
                raise TooManyPages(count)
            for index in range(count):
                handle = lib.FPDF_LoadPage(document, index)
                if not handle:
                    raise Unsupported(lib.FPDF_GetLastError())
                try:
                    if lib.FPDFPage_GetRotation(handle) != 0:
                        raise Unsupported("rotated page")
                    if not _at_origin(lib, handle):
                        raise Unsupported("page boxes away from the origin")
                    yield Page(self, handle)
                finally:
                    lib.FPDF_ClosePage(handle)
        finally:
            lib.FPDF_CloseDocument(document)
            del buffer


def _at_origin(lib: Any, page: int) -> bool:
    """Whether the page's media box starts at the origin and any crop box is that media box:
    where not, pdfplumber's coordinates are not PDFium's shifted alike for every object."""
    media = [_FLOAT() for _ in range(4)]
    if not lib.FPDFPage_GetMediaBox(page, *map(ctypes.byref, media)):
        return False  # PDFium assumed one: the page's own is broken
    if media[0].value != 0 or media[1].value != 0:
        return False
    crop = [_FLOAT() for _ in range(4)]
    if not lib.FPDFPage_GetCropBox(page, *map(ctypes.byref, crop)):
        return True
    return [c.value for c in crop] == [m.value for m in media]


class Page:
    """One page: ``width``, ``height``, and ``chars``, ``lines``, ``rects``, ``curves`` and
    ``images`` as pdfplumber names them, each a list of dicts with its keys."""

    def __init__(self, pdfium: Pdfium, handle: int) -> None:
        lib = pdfium.lib
        self.width = float(lib.FPDF_GetPageWidthF(handle))
        self.height = float(lib.FPDF_GetPageHeightF(handle))
        self.chars = _chars(lib, handle, self.height)
        self.lines: list[Obj] = []
        self.rects: list[Obj] = []
        self.curves: list[Obj] = []
        self.images: list[Obj] = []
        _objects(lib, handle, lib.FPDFPage_CountObjects, lib.FPDFPage_GetObject, _IDENTITY, self)


# --- glyphs ---------------------------------------------------------------------------------


def _round(value: float) -> float:
    # PDFium keeps positions in single precision: 157.6 comes back as 157.60000610….
    # Rounded to what a content stream writes, they compare as pdfminer's do.
    return round(value, 4)


def _chars(lib: Any, page: int, height: float) -> list[Obj]:
    """The page's glyphs, each as pdfplumber gives it: text, x0, x1, top, bottom, size,
    fontname, upright; undecodable ones (no Unicode for the glyph) as “(cid:N)”, as
    pdfminer writes them. Spaces, and the spaces and breaks PDFium generates between words
    and lines, are left out, as the reader drops them anyway.

    A glyph's box is an em square (the font size, scaled as the text is) standing on the
    baseline, from its origin to its advance across. pdfminer lowers it by the descent its
    font declares; LibreOffice declares none, Word and WPS one per font, so that glyphs of
    one line in two fonts stood apart by a point or two. Here they share their baseline.
    """
    text_page = lib.FPDFText_LoadPage(page)
    if not text_page:
        return []
    out: list[Obj] = []
    try:
        x, y = ctypes.c_double(), ctypes.c_double()
        box = _Rect()
        px, py, pbox = ctypes.byref(x), ctypes.byref(y), ctypes.byref(box)
        # What a text object's glyphs share (a line or a word of them, often), asked once.
        objects: dict[int, tuple[float, float, float, str, bool]] = {}
        fonts: dict[int, str] = {}
        char_count = lib.FPDFText_CountChars(text_page)
        get_unicode, map_error = lib.FPDFText_GetUnicode, lib.FPDFText_HasUnicodeMapError
        get_origin, get_box = lib.FPDFText_GetCharOrigin, lib.FPDFText_GetLooseCharBox
        get_object = lib.FPDFText_GetTextObject
        for index in range(char_count):
            code = get_unicode(text_page, index)
            if code == _MARKED_HYPHEN:
                code = 0x2D
            if map_error(text_page, index):
                text = f"(cid:{code})"
            elif code < 0x110000 and not chr(code).isspace() and code:
                text = chr(code)
            else:
                continue
            handle = get_object(text_page, index)
            shared = objects.get(handle)
            if shared is None:
                shared = objects[handle] = _shared(lib, text_page, index, handle, fonts)
            size, pen_x, pen_y, fontname, upright = shared
            get_origin(text_page, index, px, py)
            left, base = x.value, y.value
            # A glyph of a vertical (“-V”) font: PDFium puts its origin at the lower left of
            # the em square pdfminer gives it, half an em left of the pen and most of one
            # below it, and sizes its box unscaled; pdfminer's box is that em square.
            if abs(left - (pen_x - size / 2)) < 0.01 * size and base < pen_y - size / 2:
                right = left + size
            else:
                get_box(text_page, index, pbox)
                right = box.right
            out.append(
                {
                    "text": text,
                    "x0": round(left, 4),
                    "x1": round(right, 4),
                    "top": round(height - base - size, 4),
                    "bottom": round(height - base, 4),
                    "size": size,
                    "fontname": fontname,
                    "upright": upright,
                }
            )
    finally:
        lib.FPDFText_ClosePage(text_page)
    return out


_MARKED_HYPHEN = 0x02
"""What PDFium gives for a hyphen that ends a line (it marks them for copying text)."""


def _shared(
    lib: Any, text_page: int, index: int, handle: int, fonts: dict[int, str]
) -> tuple[float, float, float, str, bool]:
    """What the glyphs of one text object share: their size (the font size as the text is
    scaled), the pen's position where the object starts, their font's name, and whether
    they stand upright (pdfminer's test: not turned, not mirrored)."""
    m = _Matrix()
    lib.FPDFText_GetMatrix(text_page, index, ctypes.byref(m))
    size = round(lib.FPDFText_GetFontSize(text_page, index) * abs(m.d), 4)
    font = lib.FPDFTextObj_GetFont(handle) if handle else None
    if not font:
        name = ""
    elif font in fonts:
        name = fonts[font]
    else:
        buffer = ctypes.create_string_buffer(256)
        lib.FPDFFont_GetBaseFontName(font, buffer, 256)
        name = fonts[font] = buffer.value.decode("latin-1")
    return size, m.e, m.f, name, m.a * m.d > 0 and m.b * m.c <= 0


# --- paths and images -----------------------------------------------------------------------

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """The matrix applying ``m``, then ``n`` (PDF's row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _matrix_of(lib: Any, obj: int) -> Matrix:
    m = _Matrix()
    if not lib.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _objects(
    lib: Any,
    container: int,
    count: Callable[[int], int],
    get: Callable[[int, int], int],
    outer: Matrix,
    page: Page,
) -> None:
    """The paths and images of ``container`` (a page, or a form XObject drawn on it through
    the matrix ``outer``), into ``page``'s lists; forms are walked into, as pdfminer does."""
    for index in range(count(container)):
        obj = get(container, index)
        kind = lib.FPDFPageObj_GetType(obj)
        if kind == _PATH:
            _path(lib, obj, _multiply(_matrix_of(lib, obj), outer), page)
        elif kind == _IMAGE:
            m = _multiply(_matrix_of(lib, obj), outer)
            corners = [(m[0] * u + m[2] * v + m[4], m[1] * u + m[3] * v + m[5]) for u, v in _UNIT]
            xs, ys = [p[0] for p in corners], [p[1] for p in corners]
            page.images.append(
                {
                    "x0": _round(min(xs)),
                    "x1": _round(max(xs)),
                    "top": _round(page.height - max(ys)),
                    "bottom": _round(page.height - min(ys)),
                }
            )
        elif kind == _FORM:
            inner = _multiply(_matrix_of(lib, obj), outer)
            _objects(lib, obj, lib.FPDFFormObj_CountObjects, lib.FPDFFormObj_GetObject, inner, page)


_UNIT = ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0))


def _color(lib: Any, getter: Callable[..., int], obj: int) -> tuple[float, ...] | None:
    r, g, b, a = _UINT(), _UINT(), _UINT(), _UINT()
    if not getter(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return None
    return (r.value / 255, g.value / 255, b.value / 255)


def _path(lib: Any, obj: int, m: Matrix, page: Page) -> None:
    """A painted path, as pdfminer.six's ``paint_path`` splits it (its subpaths; each a line,
    a rectangle or a curve), in pdfplumber's dicts."""
    fill_mode, stroke_flag = _INT(), _INT()
    if not lib.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke_flag)):
        return
    stroke, fill = bool(stroke_flag.value), fill_mode.value != 0
    if not stroke and not fill:
        return  # a clipping path, or one painted with “n”: nothing is drawn
    style = {
        "stroke": stroke,
        "fill": fill,
        "stroking_color": _color(lib, lib.FPDFPageObj_GetStrokeColor, obj),
        "non_stroking_color": _color(lib, lib.FPDFPageObj_GetFillColor, obj),
    }
    x, y = _FLOAT(), _FLOAT()
    px, py = ctypes.byref(x), ctypes.byref(y)
    # The path as pdfminer sees it: operators with the end point of each (a Bézier curve,
    # three of PDFium's segments, is one “c”), “h” where a subpath is closed.
    ops: list[tuple[str, float, float]] = []
    pending = 0  # of a Bézier's three segments
    start = (0.0, 0.0)
    for index in range(lib.FPDFPath_CountSegments(obj)):
        segment = lib.FPDFPath_GetPathSegment(obj, index)
        kind = lib.FPDFPathSegment_GetType(segment)
        lib.FPDFPathSegment_GetPoint(segment, px, py)
        u, v = x.value, y.value
        point = (_round(m[0] * u + m[2] * v + m[4]), _round(m[1] * u + m[3] * v + m[5]))
        if kind == _MOVETO:
            ops.append(("m", *point))
            start = point
        elif kind == _LINETO:
            ops.append(("l", *point))
        elif kind == _BEZIERTO:
            pending += 1
            if pending < 3:
                continue
            pending = 0
            ops.append(("c", *point))
        if lib.FPDFPathSegment_GetClose(segment):
            ops.append(("h", *start))
    subpaths: list[list[tuple[str, float, float]]] = []
    for op in ops:
        if op[0] == "m" or not subpaths:
            subpaths.append([])
        subpaths[-1].append(op)
    for subpath in subpaths:
        # pdfminer.six drops a subpath that is a lone “m” where a path has several.
        if len(subpath) > 1 or len(subpaths) == 1:
            _subpath(subpath, style, page)


def _subpath(ops: list[tuple[str, float, float]], style: Obj, page: Page) -> None:
    """One subpath classified as pdfminer.six classifies it: “ml” a line, a closed
    axis-aligned “mlllh” a rectangle, anything else a curve through its points."""
    shape = "".join(op[0] for op in ops)
    if shape[0] != "m":
        return
    pts = [(op[1], op[2]) for op in ops]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"  # a redundant “l” back to the start of a closed path
        pts.pop()
    height = page.height
    if shape in ("mlh", "ml"):
        (x0, y0), (x1, y1) = pts[0], pts[1]
        page.lines.append(
            _box("line", min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), height, style)
        )
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if pts[0] == pts[4] and square:
            page.rects.append(
                _box("rect", min(x0, x2), min(y0, y2), max(x0, x2), max(y0, y2), height, style)
            )
            return
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    curve = _box("curve", min(xs), min(ys), max(xs), max(ys), height, style)
    curve["pts"] = [(px, _round(height - py)) for px, py in pts]
    page.curves.append(curve)


def _box(kind: str, x0: float, y0: float, x1: float, y1: float, height: float, style: Obj) -> Obj:
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "top": _round(height - y1),
        "bottom": _round(height - y0),
        "width": _round(x1 - x0),
        "height": _round(y1 - y0),
        **style,
    }
