"""Rewrites RGB PNGs (as Chromium writes them) as 8-bit palette PNGs of their 256 most used colours, to keep the
committed demo screenshots small. Usage: python3 shrink-png.py FILE..."""
import struct
import sys
import zlib


def chunks(data):
    pos = 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        yield data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length


def pixels(path):
    found = list(chunks(open(path, "rb").read()))
    width, height, depth, kind = struct.unpack(">IIBB", dict(found)[b"IHDR"][:10])
    if depth != 8 or kind not in (2, 6):
        raise SystemExit(f"{path}: only 8-bit RGB or RGBA PNGs are read")
    bpp = 3 if kind == 2 else 4
    raw = zlib.decompress(b"".join(body for name, body in found if name == b"IDAT"))
    stride, rows, prev, at = width * bpp, [], bytearray(width * bpp), 0
    for _ in range(height):
        kind_of_filter, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
            if kind_of_filter == 1:
                line[x] = (line[x] + a) & 255
            elif kind_of_filter == 2:
                line[x] = (line[x] + b) & 255
            elif kind_of_filter == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            elif kind_of_filter == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([bytes(line[x:x + 3]) for x in range(0, stride, bpp)])
        prev = line
    return width, height, rows


def shrink(path):
    width, height, rows = pixels(path)
    counts = {}
    for row in rows:
        for colour in row:
            counts[colour] = counts.get(colour, 0) + 1
    palette = sorted(counts, key=counts.get, reverse=True)[:256]
    index = {colour: i for i, colour in enumerate(palette)}

    def nearest(colour):
        if colour not in index:
            index[colour] = min(range(len(palette)), key=lambda i: sum((p - q) ** 2 for p, q in zip(palette[i], colour)))
        return index[colour]

    raw = b"".join(b"\0" + bytes(nearest(colour) for colour in row) for row in rows)

    def chunk(name, body):
        return struct.pack(">I", len(body)) + name + body + struct.pack(">I", zlib.crc32(name + body))

    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0))
                  + chunk(b"PLTE", b"".join(palette)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


for name in sys.argv[1:]:
    shrink(name)
