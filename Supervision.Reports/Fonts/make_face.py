#!/usr/bin/python3
"""Makes one embedded face from a font file or one face of a .ttc collection, with fontTools (Debian python3-fonttools 4.38).

PDFsharp 6.2 reads single-face TrueType (glyf) files only, and copies a font's whole glyph index into every PDF subset.
So a face is taken out of its collection (fontTools TTCollection), reduced to the characters official documents use
(--keep gb2312: GB 2312, ASCII, Latin-1 and the punctuation and symbol blocks; fontTools subset), and CFF outlines are
converted to quadratic TrueType outlines (cu2qu, max error 1 unit of 1000). TrueType outlines and their hinting are kept
as they are. The names get a suffix (or a new family name) and name ID 10 records the change, as the GPL font exception,
the OFL, the Arphic licence (2a) and the Apache licence (4b) ask of modified fonts.

  make_face.py SOURCE[:FACE_INDEX] OUT.ttf (--family NAME | --suffix " GB2312") --note TEXT [--keep gb2312|all] [--drop TAG,...]
  make_face.py SOURCE.ttc --list
"""
import argparse
from fontTools.ttLib import TTFont, TTCollection, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools import subset

# Kept besides GB 2312: ASCII, Latin-1, general punctuation, letterlike symbols and number forms, arrows, mathematical
# operators, enclosed numbers, box drawing, geometric shapes, CJK symbols and punctuation, enclosed CJK, CJK compatibility,
# CJK compatibility forms, half- and full-width forms.
BLOCKS = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2100, 0x218F), (0x2190, 0x21FF), (0x2200, 0x22FF),
          (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF), (0x3000, 0x303F), (0x3200, 0x32FF), (0x3300, 0x33FF),
          (0xFE30, 0xFE4F), (0xFF00, 0xFFEF)]

# Tables a PDF never uses: OpenType layout, vertical metrics, embedded bitmaps, signatures.
UNUSED = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG", "DSIG", "EBDT", "EBLC", "EBSC", "BDF "]


def gb2312_repertoire():
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    for first, last in BLOCKS:
        chars.update(range(first, last + 1))
    return chars


def open_face(source):
    path, _, index = source.partition(":")
    if path.endswith(".ttc"):
        return TTCollection(path).fonts[int(index or 0)]
    return TTFont(path)


def to_truetype(font, max_err=1.0, reverse=True):
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=reverse))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentElements = max((len(g.components) for g in glyphs.values() if hasattr(g, "components")), default=0)
    maxp.numGlyphs = len(glyph_order)
    font["post"].formatType = 3.0   # no glyph names
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font, family, suffix, note):
    names = font["name"]
    for record in list(names.names):
        if record.nameID not in (1, 3, 4, 6, 16):
            continue
        if family:
            text = family.replace(" ", "") if record.nameID == 6 else family + (" 1.0" if record.nameID == 3 else "")
        else:
            text = record.toUnicode() + (suffix.replace(" ", "-") if record.nameID == 6 else suffix)
        names.setName(text, record.nameID, record.platformID, record.platEncID, record.langID)
    names.setName(note, 10, 3, 1, 0x409)
    names.setName(note, 10, 1, 0, 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("out", nargs="?")
    parser.add_argument("--list", action="store_true", help="list the faces of a collection")
    parser.add_argument("--family", help="new family name (CFF conversions)")
    parser.add_argument("--suffix", help="appended to the family, full, unique and PostScript names")
    parser.add_argument("--note", help="description (name ID 10) recording the change")
    parser.add_argument("--keep", choices=["gb2312", "all"], default="gb2312")
    parser.add_argument("--drop", default="", help="more table tags to leave out")
    args = parser.parse_args()
    if args.list:
        for i, face in enumerate(TTCollection(args.source).fonts):
            print(i, face["name"].getDebugName(4), len(face.getGlyphOrder()), "glyphs")
        return
    if not args.out or not args.note or (args.family is None and args.suffix is None):
        parser.error("OUT, --note and --family or --suffix are required")

    font = open_face(args.source)
    options = subset.Options()
    options.layout_features = []          # PDF output uses no OpenType layout
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False           # post table format 3
    options.hinting = "CFF " not in font  # TrueType instructions stay with their outlines
    options.drop_tables += UNUSED + [t.strip().ljust(4) for t in args.drop.split(",") if t.strip()]
    subsetter = subset.Subsetter(options)
    cmap = font.getBestCmap()
    subsetter.populate(unicodes=cmap.keys() if args.keep == "all" else gb2312_repertoire() & cmap.keys())
    flags = font["head"].flags
    subsetter.subset(font)
    font["head"].flags = flags            # the subsetter clears bit 1 (lsb at x = 0), which the source's outlines rely on
    if "CFF " in font:
        to_truetype(font)
    rename(font, args.family, args.suffix, args.note)
    font.recalcTimestamp = False          # head.modified stays the source's: the same command makes the same bytes
    font.save(args.out)
    print(f"{args.out}: {len(font.getGlyphOrder())} glyphs, tables {' '.join(sorted(font.keys()))}")


if __name__ == "__main__":
    main()
