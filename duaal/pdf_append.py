"""Append the pages of one tagged PDF to another as an incremental update: the result begins
with the first PDF's bytes unchanged, so whoever holds it can check that those bytes are still
what they were (the same SHA-256), and the added pages join its structure tree.

Both documents come from `duaal.pdf.render_to_pdf` (PDF/A-3a, tagged by WeasyPrint): each has a
/StructTreeRoot with one /Document element and a /ParentTree number tree whose keys are the
pages' /StructParents (and the annotations' /StructParent). The added pages' keys are moved past
the first document's, and the added document's top element becomes a /Part of the first one.
The first document's catalogue, metadata (XMP: PDF/A-3a) and output intent stay as they are.
"""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    PdfObject,
)


class NotTagged(ValueError):
    """A PDF without the structure tree WeasyPrint writes for a tagged variant."""


def _dict(obj: PdfObject | None) -> DictionaryObject:
    target = obj.get_object() if obj is not None else None
    if not isinstance(target, DictionaryObject):
        raise NotTagged("the structure tree is not as WeasyPrint writes it")
    return target


def _int(obj: PdfObject | None) -> int:
    assert isinstance(obj, NumberObject)
    return int(obj)


def _structure(root: DictionaryObject) -> tuple[DictionaryObject, DictionaryObject, ArrayObject]:
    """The structure tree root, its /Document element and the parent tree's /Nums."""
    try:
        tree = _dict(root["/StructTreeRoot"])
        kids = tree["/K"]
        nums = _dict(tree["/ParentTree"])["/Nums"]
    except KeyError as missing:
        raise NotTagged(f"no structure tree: {missing}") from None
    if not isinstance(kids, ArrayObject) or not kids or not isinstance(nums, ArrayObject):
        raise NotTagged("the structure tree is not as WeasyPrint writes it")
    return tree, _dict(kids[0]), nums


def _next_key(nums: ArrayObject) -> int:
    return max((_int(key) for key in nums[0::2]), default=-1) + 1


def _shift(obj: DictionaryObject, key: str, offset: int) -> None:
    if key in obj:
        obj[NameObject(key)] = NumberObject(_int(obj[key]) + offset)


def append_pages(base: bytes, extra: bytes) -> bytes:
    """`base` followed by every page of `extra`, written as an incremental update of `base`."""
    writer = PdfWriter(io.BytesIO(base), incremental=True)
    tree, document, nums = _structure(writer.root_object)
    offset = _next_key(nums)
    added = PdfReader(io.BytesIO(extra))
    _tree, part, extra_nums = _structure(added.root_object)
    # Cut the added top element loose from its own root before cloning, or its /P would drag
    # the whole second catalogue along; it becomes a part of the first document.
    part[NameObject("/P")] = NullObject()
    part[NameObject("/S")] = NameObject("/Part")
    for page in added.pages:
        for annotation in page.get("/Annots") or []:
            _shift(_dict(annotation), "/StructParent", offset)
        parents = page.get("/StructParents")
        # pypdf drops /StructParents when it copies a page; the copy gets the moved key back.
        copy = writer.add_page(page)
        if parents is not None:
            copy[NameObject("/StructParents")] = NumberObject(_int(parents) + offset)
    # Cloned after the pages: the elements' /Pg then point at the copies, not at new pages.
    cloned = part.clone(writer)
    assert isinstance(cloned.indirect_reference, IndirectObject)
    cloned[NameObject("/P")] = document.indirect_reference
    kids = document["/K"]
    assert isinstance(kids, ArrayObject)
    kids.append(cloned.indirect_reference)
    for key, value in zip(extra_nums[0::2], extra_nums[1::2], strict=True):
        # Appended in order: the number tree's keys stay sorted.
        nums.append(NumberObject(_int(key) + offset))
        nums.append(_clone(value, writer))
    tree[NameObject("/ParentTreeNextKey")] = NumberObject(_next_key(nums))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _clone(value: PdfObject, writer: PdfWriter) -> PdfObject:
    # Elements already cloned with the part come back as the same copies (pypdf remembers
    # what it cloned from which reader), so nothing is duplicated.
    if isinstance(value, IndirectObject):
        target = value.get_object()
        assert target is not None
        reference = target.clone(writer).indirect_reference
        assert reference is not None
        return reference
    return value.clone(writer)
