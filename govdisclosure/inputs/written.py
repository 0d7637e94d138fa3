"""Numbers that remember how they were written."""

from __future__ import annotations


class WrittenInt(int):
    """A decimal integer from an input file, with the text it was written as: a postcode or a
    phone number typed without quotes (``010010``) is text, and keeps its leading zeros."""

    written: str

    def __new__(cls, text: str) -> WrittenInt:
        value = super().__new__(cls, text.strip(), 10)
        value.written = text.strip()
        return value

    def __getnewargs__(self) -> tuple[str]:  # type: ignore[override]
        # Rebuilt from its text when sent to a worker process.
        return (self.written,)
