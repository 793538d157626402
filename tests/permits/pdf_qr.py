"""Reading back the QR code a permit PDF carries, as a phone would."""

import re
import struct
from io import BytesIO

import zxingcpp
from PIL import Image

_IMAGE = re.compile(rb"<<(?P<dict>(?:(?!>>\nstream).)*?/Subtype /Image.*?)>>\nstream\n", re.S)


def _number(entry: bytes, name: bytes) -> int:
    found = re.search(rb"/" + name + rb" (\d+)", entry)
    assert found, name
    return int(found.group(1))


def _tiff_g4(width: int, height: int, data: bytes) -> Image.Image:
    """A one-strip TIFF around CCITT group 4 data, which Pillow decodes with libtiff."""
    tags = [
        (256, 3, 1, width),  # ImageWidth
        (257, 3, 1, height),  # ImageLength
        (258, 3, 1, 1),  # BitsPerSample
        (259, 3, 1, 4),  # Compression: CCITT T.6 (group 4)
        (262, 3, 1, 0),  # Photometric: WhiteIsZero, i.e. BlackIs1
        (273, 4, 1, 0),  # StripOffsets, filled in below
        (278, 3, 1, height),  # RowsPerStrip
        (279, 4, 1, len(data)),  # StripByteCounts
    ]
    header_size = 8 + 2 + 12 * len(tags) + 4
    tags[5] = (273, 4, 1, header_size)
    ifd = struct.pack("<H", len(tags))
    for tag, kind, count, value in tags:
        packed = struct.pack("<H", value) + b"\0\0" if kind == 3 else struct.pack("<I", value)
        ifd += struct.pack("<HHI", tag, kind, count) + packed
    tiff = b"II*\0" + struct.pack("<I", 8) + ifd + b"\0\0\0\0" + data
    return Image.open(BytesIO(tiff))


def pdf_images(pdf: bytes) -> list[Image.Image]:
    """The 1-bit images fpdf2 embedded in ``pdf`` (it stores them CCITT G4 encoded)."""
    images = []
    for match in _IMAGE.finditer(pdf):
        entry = match.group("dict")
        if b"/CCITTFaxDecode" not in entry:
            continue
        start = match.end()
        data = pdf[start : start + _number(entry, b"Length")]
        images.append(_tiff_g4(_number(entry, b"Width"), _number(entry, b"Height"), data))
    return images


def qr_texts(pdf: bytes) -> list[str]:
    """What every QR code in ``pdf`` says."""
    return [
        barcode.text
        for image in pdf_images(pdf)
        for barcode in zxingcpp.read_barcodes(image.convert("L"))
        if barcode.format == zxingcpp.BarcodeFormat.QRCode
    ]
