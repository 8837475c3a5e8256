#!/usr/bin/env python3
"""Extract one face of a TrueType Collection (.ttc) into a standalone .ttf.

Standard library only (no fontTools). PDFsharp 6.2.4 reads single-face .ttf files but fails on
.ttc collections, so the portal ships one face per font (see README.md for the exact commands).

    python3 extract_ttc_face.py SOURCE.ttc --list
    python3 extract_ttc_face.py SOURCE.ttc FACE OUTPUT.ttf [--drop TAG,...] [--keep gb2312] [--rename SUFFIX] [--note TEXT]

Without --keep the tables of the chosen face are copied byte for byte (tables shared between faces
are copied into the new file). --drop leaves tables out, e.g. embedded bitmaps (EBDT,EBLC,EBSC,BDF)
that a PDF never uses. --keep gb2312 reduces the font to the glyphs of GB 2312 plus ASCII and the
common punctuation and symbol blocks: glyf, loca, hmtx and cmap are rebuilt (outlines unchanged) and
the tables that index glyphs but do not matter to PDF output (GSUB, GPOS, GDEF, vmtx, VORG, ...) are
left out. PDFsharp copies a font's whole loca and hmtx tables into every PDF subset, so a font with
fewer glyphs costs less time and memory per document. --rename appends a suffix to the family, full,
unique and PostScript names, so that a reduced font is not taken for the complete one. --note sets the description (name ID 10) to a
notice of how the file was changed, as the Arphic Public License (section 2a) and the Apache License
(section 4b) ask of modified files.
Table checksums and head.checkSumAdjustment are recomputed as the OpenType specification requires.
"""
import argparse
import struct
import sys

def checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    total = 0
    for (value,) in struct.iter_unpack(">I", padded):
        total = (total + value) & 0xFFFFFFFF
    return total


def read_faces(blob: bytes):
    tag, _major, _minor, count = struct.unpack_from(">4sHHI", blob, 0)
    if tag != b"ttcf":
        raise SystemExit("not a TrueType Collection (no 'ttcf' tag)")
    return list(struct.unpack_from(">%dI" % count, blob, 12))


def read_tables(blob: bytes, offset: int):
    sfnt_version, num_tables = struct.unpack_from(">IH", blob, offset)
    tables = {}
    for i in range(num_tables):
        tag, _sum, start, length = struct.unpack_from(">4sIII", blob, offset + 12 + 16 * i)
        tables[tag] = blob[start:start + length]
    return sfnt_version, tables


def name_records(name: bytes):
    _fmt, count, string_offset = struct.unpack_from(">HHH", name, 0)
    for i in range(count):
        platform, encoding, language, name_id, length, off = struct.unpack_from(">6H", name, 6 + 12 * i)
        yield platform, encoding, language, name_id, name[string_offset + off:string_offset + off + length]


def family_name(tables) -> str:
    name = tables.get(b"name")
    if name is None:
        return "?"
    for platform, encoding, language, name_id, raw in name_records(name):
        if name_id == 4 and platform == 3 and encoding == 1 and language == 0x409:
            return raw.decode("utf-16-be", "replace")
    return "?"


def rewrite_names(name: bytes, note, suffix) -> bytes:
    """Returns the name table with name ID 10 (description) set to note for Windows and Mac English, and
    suffix appended to the family, unique, full and PostScript names (IDs 1, 3, 4, 6) in every language."""
    records = []
    for platform, encoding, language, name_id, raw in name_records(name):
        if note and name_id == 10:
            continue
        if suffix and name_id in (1, 3, 4, 6):
            wide = platform in (0, 3)
            text = raw.decode("utf-16-be" if wide else "mac_roman", "replace")
            text += suffix.replace(" ", "-") if name_id == 6 else suffix
            raw = text.encode("utf-16-be" if wide else "mac_roman", "replace")
        records.append((platform, encoding, language, name_id, raw))
    if note:
        records.append((1, 0, 0, 10, note.encode("mac_roman", "replace")))
        records.append((3, 1, 0x409, 10, note.encode("utf-16-be")))
    records.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
    storage = b""
    directory = b""
    for platform, encoding, language, name_id, raw in records:
        directory += struct.pack(">6H", platform, encoding, language, name_id, len(raw), len(storage))
        storage += raw
    return struct.pack(">HHH", 0, len(records), 6 + 12 * len(records)) + directory + storage


def build_sfnt(sfnt_version: int, tables: dict) -> bytes:
    items = sorted(tables.items())
    num = len(items)
    entry_selector = max(num.bit_length() - 1, 0)
    search_range = (1 << entry_selector) * 16
    range_shift = num * 16 - search_range
    header = struct.pack(">IHHHH", sfnt_version, num, search_range, entry_selector, range_shift)
    offset = 12 + 16 * num
    directory = b""
    body = b""
    head_position = None
    for tag, data in items:
        if tag == b"head":
            # checkSumAdjustment must be zero while checksums are computed.
            data = data[:8] + b"\0\0\0\0" + data[12:]
            head_position = offset + len(body)
        directory += struct.pack(">4sIII", tag, checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    font = bytearray(header + directory + body)
    if head_position is not None:
        adjustment = (0xB1B0AFBA - checksum(bytes(font))) & 0xFFFFFFFF
        struct.pack_into(">I", font, head_position + 8, adjustment)
    return bytes(font)


# ---- glyph set reduction -------------------------------------------------------------------------

# Tables that refer to glyph IDs but are not used when PDFsharp embeds a font: left out when the glyph
# set is reduced (their glyph IDs would no longer be right).
GLYPH_INDEXED_OPTIONAL = {b"GSUB", b"GPOS", b"GDEF", b"BASE", b"JSTF", b"MATH", b"vhea", b"vmtx",
                          b"VORG", b"kern", b"hdmx", b"LTSH", b"VDMX", b"EBDT", b"EBLC", b"EBSC",
                          b"BDF ", b"FFTM", b"morx", b"mort", b"feat", b"prop", b"DSIG"}

# Code point blocks kept by --keep gb2312 besides the GB 2312 repertoire: ASCII, Latin-1, general
# punctuation, letterlike symbols and number forms, enclosed numbers, box drawing, geometric shapes,
# CJK symbols and punctuation, half- and full-width forms.
EXTRA_BLOCKS = [(0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x206F), (0x2100, 0x218F), (0x2460, 0x24FF),
                (0x2500, 0x257F), (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)]


def read_cmap(cmap: bytes) -> dict:
    """Unicode code point -> glyph ID from the Unicode subtables (formats 4 and 12)."""
    _version, count = struct.unpack_from(">HH", cmap, 0)
    mapping = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * i)
        if (platform, encoding) not in ((0, 3), (0, 4), (3, 1), (3, 10)):
            continue
        fmt = struct.unpack_from(">H", cmap, offset)[0]
        if fmt == 4:
            seg_x2 = struct.unpack_from(">H", cmap, offset + 6)[0]
            seg = seg_x2 // 2
            ends = struct.unpack_from(">%dH" % seg, cmap, offset + 14)
            starts = struct.unpack_from(">%dH" % seg, cmap, offset + 16 + seg_x2)
            deltas = struct.unpack_from(">%dh" % seg, cmap, offset + 16 + 2 * seg_x2)
            range_base = offset + 16 + 3 * seg_x2
            ranges = struct.unpack_from(">%dH" % seg, cmap, range_base)
            for k in range(seg):
                for cp in range(starts[k], ends[k] + 1):
                    if cp == 0xFFFF:
                        continue
                    if ranges[k] == 0:
                        gid = (cp + deltas[k]) & 0xFFFF
                    else:
                        address = range_base + 2 * k + ranges[k] + 2 * (cp - starts[k])
                        gid = struct.unpack_from(">H", cmap, address)[0]
                        if gid:
                            gid = (gid + deltas[k]) & 0xFFFF
                    if gid:
                        mapping.setdefault(cp, gid)
        elif fmt == 12:
            _f, _r, _length, _language, groups = struct.unpack_from(">HHIII", cmap, offset)
            for j in range(groups):
                start, end, gid = struct.unpack_from(">III", cmap, offset + 16 + 12 * j)
                for cp in range(start, end + 1):
                    mapping.setdefault(cp, gid + cp - start)
    return mapping


def gb2312_repertoire() -> set:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    for first, last in EXTRA_BLOCKS:
        chars.update(range(first, last + 1))
    return chars


def glyph_locations(tables):
    num_glyphs = struct.unpack_from(">H", tables[b"maxp"], 4)[0]
    long_format = struct.unpack_from(">h", tables[b"head"], 50)[0] == 1
    loca = tables[b"loca"]
    if long_format:
        offsets = struct.unpack_from(">%dI" % (num_glyphs + 1), loca, 0)
    else:
        offsets = [o * 2 for o in struct.unpack_from(">%dH" % (num_glyphs + 1), loca, 0)]
    return num_glyphs, offsets


def composite_components(glyph: bytes):
    """Yields (position of the glyph index field, component glyph ID) of a composite glyph."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return
    pos = 10
    while True:
        flags, gid = struct.unpack_from(">HH", glyph, pos)
        yield pos + 2, gid
        pos += 4
        pos += 4 if flags & 0x0001 else 2          # ARG_1_AND_2_ARE_WORDS
        if flags & 0x0008:                         # WE_HAVE_A_SCALE
            pos += 2
        elif flags & 0x0040:                       # WE_HAVE_AN_X_AND_Y_SCALE
            pos += 4
        elif flags & 0x0080:                       # WE_HAVE_A_TWO_BY_TWO
            pos += 8
        if not flags & 0x0020:                     # MORE_COMPONENTS
            return


def build_cmap(mapping: dict) -> bytes:
    """A cmap with a (3,1) format 4 subtable for the BMP and, if needed, a (3,10) format 12 one."""
    bmp = sorted((cp, g) for cp, g in mapping.items() if cp < 0xFFFF)
    # Runs of consecutive code points; a run whose glyph IDs are consecutive too needs idDelta only.
    runs = []
    for cp, gid in bmp:
        if runs and runs[-1][-1][0] == cp - 1:
            runs[-1].append((cp, gid))
        else:
            runs.append([(cp, gid)])
    runs.append([(0xFFFF, 0)])
    seg = len(runs)
    ends, starts, deltas, range_offsets, glyph_array = [], [], [], [], []
    for k, run in enumerate(runs):
        starts.append(run[0][0])
        ends.append(run[-1][0])
        consecutive = all(run[i][1] == run[0][1] + i for i in range(len(run)))
        if run[0][0] == 0xFFFF:
            deltas.append(1)
            range_offsets.append(0)
        elif consecutive:
            deltas.append((run[0][1] - run[0][0]) & 0xFFFF)
            range_offsets.append(0)
        else:
            deltas.append(0)
            # Bytes from this idRangeOffset entry to the run's first entry in glyphIdArray.
            range_offsets.append(2 * (seg - k) + 2 * len(glyph_array))
            glyph_array.extend(g for _cp, g in run)
    entry_selector = max(seg.bit_length() - 1, 0)
    search_range = 2 * (1 << entry_selector)
    body = struct.pack(">HHHH", 2 * seg, search_range, entry_selector, 2 * seg - search_range)
    body += struct.pack(">%dH" % seg, *ends) + b"\0\0" + struct.pack(">%dH" % seg, *starts)
    body += struct.pack(">%dH" % seg, *deltas) + struct.pack(">%dH" % seg, *range_offsets)
    body += struct.pack(">%dH" % len(glyph_array), *glyph_array)
    length = 6 + len(body)
    if length > 0xFFFF:
        raise SystemExit("cmap format 4 subtable too large")
    format4 = struct.pack(">HHH", 4, length, 0) + body

    subtables = [(3, 1, format4)]
    if any(cp > 0xFFFF for cp in mapping):
        groups = []
        for cp, gid in sorted(mapping.items()):
            if groups and groups[-1][1] == cp - 1 and groups[-1][2] + (cp - groups[-1][0]) == gid:
                groups[-1][1] = cp
            else:
                groups.append([cp, cp, gid])
        format12 = struct.pack(">HHIII", 12, 0, 16 + 12 * len(groups), 0, len(groups))
        format12 += b"".join(struct.pack(">III", *g) for g in groups)
        subtables.append((3, 10, format12))
    header = struct.pack(">HH", 0, len(subtables))
    offset = 4 + 8 * len(subtables)
    data = b""
    for platform, encoding, table in subtables:
        header += struct.pack(">HHI", platform, encoding, offset + len(data))
        data += table
    return header + data


def reduce_glyphs(tables: dict, keep_codepoints: set) -> dict:
    """Keeps the glyphs of the given code points (and composite components); rebuilds glyf, loca, hmtx
    and cmap, drops the tables that index glyphs but do not matter to PDF output."""
    mapping = {cp: g for cp, g in read_cmap(tables[b"cmap"]).items() if cp in keep_codepoints}
    _num_glyphs, offsets = glyph_locations(tables)
    glyf = tables[b"glyf"]

    def glyph(gid):
        return glyf[offsets[gid]:offsets[gid + 1]]

    keep = {0} | set(mapping.values())
    pending = list(keep)
    while pending:                                   # composite glyphs need their components
        for _pos, component in composite_components(glyph(pending.pop())):
            if component not in keep:
                keep.add(component)
                pending.append(component)
    order = sorted(keep)                             # glyph order is kept
    new_id = {old: new for new, old in enumerate(order)}

    glyf_new = bytearray()
    loca_new = []
    for old in order:
        data = bytearray(glyph(old))
        for pos, component in composite_components(bytes(data)):
            struct.pack_into(">H", data, pos, new_id[component])
        loca_new.append(len(glyf_new))
        glyf_new += data + b"\0" * (-len(data) % 4)
    loca_new.append(len(glyf_new))

    h_metrics = struct.unpack_from(">H", tables[b"hhea"], 34)[0]
    hmtx = tables[b"hmtx"]

    def metric(gid):
        if gid < h_metrics:
            return struct.unpack_from(">Hh", hmtx, 4 * gid)
        advance = struct.unpack_from(">H", hmtx, 4 * (h_metrics - 1))[0]
        return advance, struct.unpack_from(">h", hmtx, 4 * h_metrics + 2 * (gid - h_metrics))[0]

    metrics = [metric(old) for old in order]
    count = len(metrics)
    while count > 1 and metrics[count - 1][0] == metrics[count - 2][0]:
        count -= 1                                   # trailing glyphs with the last advance: lsb only
    hmtx_new = b"".join(struct.pack(">Hh", *m) for m in metrics[:count])
    hmtx_new += b"".join(struct.pack(">h", m[1]) for m in metrics[count:])

    result = {tag: data for tag, data in tables.items() if tag not in GLYPH_INDEXED_OPTIONAL}
    result[b"glyf"] = bytes(glyf_new)
    result[b"loca"] = struct.pack(">%dI" % len(loca_new), *loca_new)
    result[b"hmtx"] = hmtx_new
    result[b"cmap"] = build_cmap({cp: new_id[g] for cp, g in mapping.items()})
    head = bytearray(tables[b"head"])
    struct.pack_into(">h", head, 50, 1)              # indexToLocFormat: long offsets
    result[b"head"] = bytes(head)
    hhea = bytearray(tables[b"hhea"])
    struct.pack_into(">H", hhea, 34, count)
    result[b"hhea"] = bytes(hhea)
    maxp = bytearray(tables[b"maxp"])
    struct.pack_into(">H", maxp, 4, len(order))
    result[b"maxp"] = bytes(maxp)
    if b"post" in tables:                            # format 3: no glyph names
        result[b"post"] = struct.pack(">I", 0x00030000) + tables[b"post"][4:32]
    if b"OS/2" in tables:
        os2 = bytearray(tables[b"OS/2"])
        bmp = [cp for cp in mapping if cp <= 0xFFFF]
        struct.pack_into(">HH", os2, 64, min(bmp), max(bmp))
        result[b"OS/2"] = bytes(os2)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("face", nargs="?", type=int)
    parser.add_argument("output", nargs="?")
    parser.add_argument("--list", action="store_true", help="list the faces and their tables")
    parser.add_argument("--drop", default="", help="comma-separated table tags to leave out")
    parser.add_argument("--keep", choices=["gb2312"], help="reduce the glyph set to this repertoire")
    parser.add_argument("--note", help="description (name ID 10) recording the change")
    parser.add_argument("--rename", help="suffix for the font's names (a reduced font must not pass for the original)")
    args = parser.parse_args()

    with open(args.source, "rb") as f:
        blob = f.read()
    faces = read_faces(blob)
    if args.list:
        for index, offset in enumerate(faces):
            _version, tables = read_tables(blob, offset)
            print(f"face {index}: {family_name(tables)}")
            for tag, data in tables.items():
                print(f"    {tag.decode('latin-1')} {len(data):>10}")
        return 0
    if args.face is None or args.output is None:
        parser.error("FACE and OUTPUT are required unless --list is given")
    if not 0 <= args.face < len(faces):
        parser.error(f"face index out of range: the collection has {len(faces)} faces")
    drop = {t.strip().encode("latin-1").ljust(4) for t in args.drop.split(",") if t.strip()}
    version, tables = read_tables(blob, faces[args.face])
    tables = {tag: data for tag, data in tables.items() if tag not in drop}
    if args.keep == "gb2312":
        tables = reduce_glyphs(tables, gb2312_repertoire())
    if args.note or args.rename:
        tables[b"name"] = rewrite_names(tables[b"name"], args.note, args.rename)
    font = build_sfnt(version, tables)
    with open(args.output, "wb") as f:
        f.write(font)
    glyphs = struct.unpack_from(">H", tables[b"maxp"], 4)[0]
    print(f"{args.output}: face {args.face} '{family_name(tables)}', {len(tables)} tables, "
          f"{glyphs} glyphs, {len(font)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
