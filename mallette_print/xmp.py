"""Licence metadata (XMP) stamped on every PDF the build writes, reproducibly.

reportlab writes the document information dictionary (title, author, subject)
but no XMP packet with licence fields. pikepdf adds it after rendering:
`dc:rights` (the full attribution), `xmpRights:Marked` (the work is
rights-managed, i.e. not public domain), `xmpRights:WebStatement` (the licence
deed) and the Creative Commons `cc:license` / `cc:attributionName`. We never let
pikepdf mark itself as editor (that writes the current time) and save with
`deterministic_id=True`, so the same input still gives byte-identical files.
"""

from __future__ import annotations

import io
import warnings

from .licensing import attribution
from .model import GameData

CC_NS = "http://creativecommons.org/ns#"


def rights_text(data: GameData, lang: str) -> str:
    """The dc:rights statement: attribution plus the licence in words."""
    g = data.game
    word = "Sous licence" if lang == "fr" else "Licensed under"
    return f"{attribution(data, lang)}. {word} {g.licence.name}: {g.licence.url}"


def stamp(pdf: bytes, data: GameData, lang: str) -> bytes:
    """The same PDF with XMP licence metadata (synchronised with the document info)."""
    import pikepdf
    from pikepdf.models.metadata import PdfMetadata

    PdfMetadata.register_xml_namespace(CC_NS, "cc")
    g = data.game
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        with doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=True) as meta:
            # Start from reportlab's document info so syncing back keeps title, subject, keywords, dates.
            with warnings.catch_warnings():
                # /Trapped has no XMP equivalent; pikepdf warns and keeps it in the document info.
                warnings.simplefilter("ignore", UserWarning)
                meta.load_from_docinfo(doc.docinfo)
            meta["dc:rights"] = rights_text(data, lang)
            meta["dc:creator"] = list(g.authors)
            meta["xmpRights:Marked"] = "True"
            meta["xmpRights:WebStatement"] = g.licence.url
            meta["xmpRights:UsageTerms"] = f"{g.licence.name} – {g.licence.url}"
            meta["cc:license"] = g.licence.url
            meta["cc:attributionName"] = g.licensor
            meta["xmp:CreatorTool"] = "mallette-print"
        # reportlab writes a random-looking /ID only without invariant; pikepdf derives it from content here.
        out = io.BytesIO()
        doc.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return out.getvalue()


def read_licence(pdf: bytes) -> dict[str, str]:
    """The licence fields of a PDF's XMP (for tests and `mallette` users checking a file)."""
    import pikepdf
    from pikepdf.models.metadata import PdfMetadata

    PdfMetadata.register_xml_namespace(CC_NS, "cc")
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        meta = doc.open_metadata()
        keys = ("dc:rights", "xmpRights:Marked", "xmpRights:WebStatement", "cc:license", "dc:title")
        return {k: str(meta[k]) for k in keys if k in meta}
