"""Reading a handout PDF back (via QtPdf), for the handout tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPdf import QPdfDocument


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF."""
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    pages = [document.getAllText(page).text() for page in range(document.pageCount())]
    document.close()
    return pages


def one_line(text: str) -> str:
    """``text`` with every run of white space (a line wrapped on the page) made one space."""
    return " ".join(text.split())
