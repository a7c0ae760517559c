"""Pictures written byte by byte for tests: any PNG pixel format, a JPEG header of any
size, without an image library (and without decoding anything)."""

from __future__ import annotations

import struct
import zlib

CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # greyscale, RGB, palette, grey + alpha, RGBA


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, color_type: int = 2, depth: int = 8, transparent: bool = False,
        pixels: bool = True) -> bytes:
    """A valid PNG of ``width`` × ``height`` (a gradient), in the given PNG colour type
    and bit depth; ``pixels=False`` writes the header alone (for sizes never decoded)."""
    out = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, 0))
    if color_type == 3:
        out += _chunk(b"PLTE", bytes(c for k in range(2 ** depth) for c in (k * 37 % 256, k * 91 % 256, 200)))
        if transparent:
            out += _chunk(b"tRNS", b"\x00")
    elif transparent and color_type in (0, 2):
        out += _chunk(b"tRNS", b"\x00\x00" * CHANNELS[color_type])
    if pixels:
        row_bytes = (width * CHANNELS[color_type] * depth + 7) // 8
        rows = b"".join(b"\x00" + bytes((x * 7 + y * 3) % 256 for x in range(row_bytes)) for y in range(height))
        out += _chunk(b"IDAT", zlib.compress(rows))
    return out + _chunk(b"IEND", b"")


def jpeg_header(width: int, height: int) -> bytes:
    """The start of a baseline JPEG announcing ``width`` × ``height`` (not decodable)."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"
