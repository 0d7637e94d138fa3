"""Text made fit for the markup outputs (docx XML and HTML)."""

from __future__ import annotations

import re

# Characters XML 1.0 forbids (and HTML does not render): C0 controls but tab, newline and
# carriage return; lone surrogates; U+FFFE/U+FFFF. Agency text pasted from Word carries them.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` without the characters no XML or HTML document may contain."""
    return _INVALID.sub("", text)
