"""Decodes a PNG far enough to trust its size: the signature, every chunk's CRC, IHDR, and the IDAT stream
inflated to exactly the bytes IHDR's width, height, bit depth and colour type call for (PNG spec §11.2.2,
filter byte + samples per row). Returns (width, height, channels); raises ValueError on any defect."""
import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # colour type → samples per pixel


def decode_size(data):
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG signature")
    at, header, idat, ended = len(SIGNATURE), None, b"", False
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        if zlib.crc32(kind + body) != crc:
            raise ValueError("bad CRC in chunk %r" % kind)
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            ended = True
        at += 12 + length
    if header is None or not ended:
        raise ValueError("no IHDR or no IEND")
    width, height, depth, colour, _, _, interlace = header
    if interlace != 0 or colour not in CHANNELS:
        raise ValueError("unexpected colour type %d or interlace %d" % (colour, interlace))
    channels = CHANNELS[colour]
    row = 1 + (width * channels * depth + 7) // 8
    raw = zlib.decompress(idat)
    if len(raw) != row * height:
        raise ValueError("IDAT inflates to %d bytes, expected %d" % (len(raw), row * height))
    if any(raw[r * row] > 4 for r in range(height)):
        raise ValueError("a row has an unknown filter type")
    return width, height, channels
