"""Print the advance widths timeline/formats/svg.py uses to measure text (run once, by hand).

Reads the 'cmap' (format 4) and 'hmtx' tables of TrueType fonts with struct
alone and prints, per font, the widths of printable ASCII in thousandths of
an em, the wider of the given files for each character, so that text measured
with the table never comes out narrower than the font draws it. Usage:
python tools/svg/metrics.py FONT.ttf [FONT.ttf ...]
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path


def _tables(data: bytes) -> dict[str, tuple[int, int]]:
    count = struct.unpack_from(">H", data, 4)[0]
    found = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        found[tag.decode("latin-1")] = (offset, length)
    return found


def _cmap4(data: bytes, offset: int) -> dict[int, int]:
    count = struct.unpack_from(">H", data, offset + 2)[0]
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * i)
        if (platform, encoding) in ((3, 1), (0, 3)):
            start = offset + sub
            if struct.unpack_from(">H", data, start)[0] == 4:
                break
    else:
        raise SystemExit("no format 4 cmap")
    segs = struct.unpack_from(">H", data, start + 6)[0] // 2
    ends = struct.unpack_from(f">{segs}H", data, start + 14)
    starts = struct.unpack_from(f">{segs}H", data, start + 16 + 2 * segs)
    deltas = struct.unpack_from(f">{segs}h", data, start + 16 + 4 * segs)
    range_at = start + 16 + 6 * segs
    ranges = struct.unpack_from(f">{segs}H", data, range_at)
    glyphs = {}
    for code in range(32, 127):
        for i in range(segs):
            if starts[i] <= code <= ends[i]:
                if ranges[i] == 0:
                    glyphs[code] = (code + deltas[i]) & 0xFFFF
                else:
                    at = range_at + 2 * i + ranges[i] + 2 * (code - starts[i])
                    glyph = struct.unpack_from(">H", data, at)[0]
                    glyphs[code] = (glyph + deltas[i]) & 0xFFFF if glyph else 0
                break
    return glyphs


def widths(path: str) -> list[int]:
    """Advance widths of ASCII 32-126 in thousandths of an em, rounded up."""
    data = Path(path).read_bytes()
    tables = _tables(data)
    units = struct.unpack_from(">H", data, tables["head"][0] + 18)[0]
    metrics = struct.unpack_from(">H", data, tables["hhea"][0] + 34)[0]
    glyphs = _cmap4(data, tables["cmap"][0])
    hmtx = tables["hmtx"][0]
    out = []
    for code in range(32, 127):
        glyph = min(glyphs.get(code, 0), metrics - 1)
        advance = struct.unpack_from(">H", data, hmtx + 4 * glyph)[0]
        out.append(-(-advance * 1000 // units))
    return out


if __name__ == "__main__":
    columns = [widths(path) for path in sys.argv[1:]]
    print(tuple(max(column) for column in zip(*columns, strict=True)))
