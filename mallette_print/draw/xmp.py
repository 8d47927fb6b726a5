"""Licence metadata (XMP) in every PDF the build writes, reproducibly.

reportlab writes the document information dictionary (title, author, subject)
and, through draw/pdf.py, an XMP packet with the licence fields:
`dc:rights` (the full attribution), `xmpRights:Marked` (the work is
rights-managed, i.e. not public domain), `xmpRights:WebStatement` (the licence
deed), `xmpRights:UsageTerms` and the Creative Commons `cc:license` /
`cc:attributionName`, plus the document information repeated in XMP. The
packet is plain text made from the manifest (no time, no random id), so the
same input still gives byte-identical files.

`stamp` is the pipeline's safety net for a PDF that arrives without that
packet (a producer not using draw/pdf.py): pikepdf adds the same fields. We
never let pikepdf mark itself as editor (that writes the current time) and
save with `deterministic_id=True`.
"""

from __future__ import annotations

import io
import os
import re
import time
import warnings

from mallette_print.core.errors import RequestError
from mallette_print.core.licensing import PdfMeta, rights_statement
from mallette_print.core.model import GameData
from mallette_print.draw.markup import escape

CC_NS = "http://creativecommons.org/ns#"
# In every packet this module writes, uncompressed: how the pipeline knows a PDF needs no stamping.
MARK = f'xmlns:cc="{CC_NS}"'.encode()
_DC = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
_PDF = 'xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
_XMP = 'xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
_RIGHTS = 'xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"'
INVARIANT_DATE = "2000-01-01T00:00:00+00:00"  # reportlab's date in invariant mode (the document info says the same)
# Characters XML 1.0 cannot hold (C0 controls but tab, line feed, carriage return; lone surrogates; U+FFFE/FFFF),
# plus the C1 controls: none reaches a packet, whatever the data holds.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LAST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org) as seconds, None when unset; RequestError when unreadable.

    reportlab dates the document information from it (else 2000-01-01 in invariant mode); the packet follows.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) > _LAST_EPOCH:
        raise RequestError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 (UTC), got '{raw[:30]}'; "
            "set it to e.g. $(git log -1 --format=%ct), or unset it"
        )
    return int(raw)


def xmp_date() -> str:
    """The packet's creation and modification date: the document information's date, in XMP's format."""
    epoch = source_date_epoch()
    if epoch is None:
        return INVARIANT_DATE
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(epoch))


def clean_text(text: str) -> str:
    """Text without control characters: line breaks and tabs become spaces, the others (XML cannot hold them) go."""
    return _NOT_XML.sub("", text.replace("\t", " ").replace("\n", " ").replace("\r", " "))


def xml_text(text: str) -> str:
    """Text for the packet: `clean_text`, escaped."""
    return escape(clean_text(text), quotes=False)


def rights_text(data: GameData, lang: str) -> str:
    """The dc:rights statement: attribution plus the licence in words."""
    return rights_statement(data, lang)


def _alt(text: str) -> str:
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{xml_text(text)}</rdf:li></rdf:Alt>'


def packet(meta: PdfMeta) -> bytes:
    """The XMP packet of a PDF: its document information and licence fields (UTF-8)."""
    date = xmp_date()
    seq = "".join(f"<rdf:li>{xml_text(c)}</rdf:li>" for c in meta.creators)
    fields = [
        f"<dc:creator {_DC}><rdf:Seq>{seq}</rdf:Seq></dc:creator>",
        f"<dc:description {_DC}>{_alt(meta.subject)}</dc:description>",
        f"<dc:title {_DC}>{_alt(meta.title)}</dc:title>",
        f"<pdf:Keywords {_PDF}>{xml_text(', '.join(meta.keywords))}</pdf:Keywords>",
        f"<pdf:Producer {_PDF}>mallette-print (reportlab)</pdf:Producer>",
        f"<xmp:CreateDate {_XMP}>{date}</xmp:CreateDate>",
        f"<xmp:CreatorTool {_XMP}>mallette-print</xmp:CreatorTool>",
        f"<xmp:ModifyDate {_XMP}>{date}</xmp:ModifyDate>",
        f"<dc:rights {_DC}>{_alt(meta.statement)}</dc:rights>",
        f"<xmpRights:Marked {_RIGHTS}>True</xmpRights:Marked>",
        f"<xmpRights:WebStatement {_RIGHTS}>{xml_text(meta.licence_url)}</xmpRights:WebStatement>",
        f"<xmpRights:UsageTerms {_RIGHTS}>{_alt(f'{meta.licence_name} – {meta.licence_url}')}</xmpRights:UsageTerms>",
        f'<cc:license xmlns:cc="{CC_NS}">{xml_text(meta.licence_url)}</cc:license>',
        f'<cc:attributionName xmlns:cc="{CC_NS}">{xml_text(meta.licensor)}</cc:attributionName>',
    ]
    text = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="mallette-print">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        ' <rdf:Description rdf:about="">' + "".join(fields) + "</rdf:Description></rdf:RDF>\n"
        '</x:xmpmeta>\n\n<?xpacket end="w"?>\n'
    )
    return text.encode("utf-8")


def has_packet(pdf: bytes) -> bool:
    """True when a PDF carries the uncompressed licence packet this module writes."""
    return MARK in pdf


def stamp(pdf: bytes, data: GameData, lang: str) -> bytes:
    """The PDF itself when it has the licence packet already, else the same PDF with it (via pikepdf)."""
    if has_packet(pdf):
        return pdf
    import pikepdf
    from pikepdf.models.metadata import PdfMetadata

    PdfMetadata.register_xml_namespace(CC_NS, "cc")
    g = data.game
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        with doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=True) as meta:
            # Start from the document info so syncing back keeps title, subject, keywords, dates.
            with warnings.catch_warnings():
                # /Trapped has no XMP equivalent; pikepdf warns and keeps it in the document info.
                warnings.simplefilter("ignore", UserWarning)
                meta.load_from_docinfo(doc.docinfo)
            meta["dc:rights"] = clean_text(rights_statement(data, lang))
            meta["dc:creator"] = [clean_text(a) for a in g.authors]
            meta["xmpRights:Marked"] = "True"
            meta["xmpRights:WebStatement"] = clean_text(g.licence.url)
            meta["xmpRights:UsageTerms"] = clean_text(f"{g.licence.name} – {g.licence.url}")
            meta["cc:license"] = clean_text(g.licence.url)
            meta["cc:attributionName"] = clean_text(g.licensor)
            meta["xmp:CreatorTool"] = "mallette-print"
        out = io.BytesIO()
        doc.save(
            out, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve
        )
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
