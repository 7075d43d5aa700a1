from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import BinaryFileError, EmptyDocumentError, InputError
from kg.ingest.encoding import decode_bytes


def test_encoding_utf8_passes_through() -> None:
    out = decode_bytes("Categoría “x”\n".encode())
    assert (out.text, out.encoding, out.repaired) == ("Categoría “x”\n", "utf-8", False)


def test_encoding_cp1252_is_detected() -> None:
    out = decode_bytes("Categoría “smart” – ok".encode("cp1252"))
    assert out.text == "Categoría “smart” – ok"
    assert out.encoding == "cp1252"


def test_encoding_latin1_is_detected() -> None:
    out = decode_bytes("Ñandú año".encode("latin-1"))
    assert out.text == "Ñandú año"


def test_encoding_utf16_with_bom_is_decoded() -> None:
    out = decode_bytes(codecs.BOM_UTF16_LE + "Qué tal".encode("utf-16-le"))
    assert out.text == "Qué tal"
    assert out.encoding == "utf-16"


def test_encoding_utf8_bom_is_dropped() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + b"# T\n").text == "# T\n"


def test_encoding_mixed_utf8_and_stray_cp1252_byte_keeps_both() -> None:
    data = "Categoría ".encode() + "– fin".encode("cp1252")
    out = decode_bytes(data)
    assert out.text == "Categoría – fin"
    assert out.repaired


def test_encoding_mac_roman_mojibake_is_repaired() -> None:
    out = decode_bytes("Categor√≠a".encode())
    assert out.text == "Categoría" and out.repaired


def test_encoding_crlf_becomes_lf() -> None:
    assert decode_bytes(b"a\r\nb\rc").text == "a\nb\nc"


@pytest.mark.parametrize("data", [b"", b"   \n\n"])
def test_encoding_empty_is_an_error(data: bytes) -> None:
    with pytest.raises(EmptyDocumentError):
        decode_bytes(data, "empty.md")


@pytest.mark.parametrize("data", [b"abc\x00def", bytes(range(0, 32)) * 10])
def test_encoding_binary_is_an_error_naming_the_file(data: bytes) -> None:
    with pytest.raises(BinaryFileError, match=r"blob\.md"):
        decode_bytes(data, "blob.md")


@given(st.binary(max_size=400))
def test_encoding_random_bytes_decode_or_raise_input_error(data: bytes) -> None:
    try:
        out = decode_bytes(data)
    except InputError:
        return
    assert isinstance(out.text, str)
    assert "\r" not in out.text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_encoding_utf16_without_bom_is_detected_in_both_byte_orders(codec: str) -> None:
    text = "# Categoría\n\nEl Feature Store requiere Unity Catalog — ¿y qué más? 🧠\n"
    out = decode_bytes(text.encode(codec), f"notes-{codec}.md")
    assert (out.text, out.encoding) == (text, codec)


def test_encoding_utf16_detection_leaves_binary_and_odd_lengths_alone() -> None:
    # NULs in both byte positions: binary, not UTF-16
    with pytest.raises(BinaryFileError):
        decode_bytes(b"\x00\x00\x01\x00" * 50 + b"a\x00" * 50)
    # an odd length cannot be UTF-16
    with pytest.raises(BinaryFileError):
        decode_bytes("texto".encode("utf-16-le") + b"x")


def test_loader_reads_a_utf16_file_without_bom(write) -> None:  # type: ignore[no-untyped-def]
    from kg.ingest import load_document

    doc = load_document(write("u.md", "# Título\n\ntexto\n".encode("utf-16-be")))
    assert doc.sections[0].title == "Título" and doc.encoding == "utf-16-be"
