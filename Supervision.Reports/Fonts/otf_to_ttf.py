#!/usr/bin/python3
"""Converts one face of an OpenType/CFF font (or of a .ttc collection) into a reduced TrueType (glyf) font.

PDFsharp 6.2 embeds only TrueType outlines, and copies the whole glyph index of a font into every subset,
so the face is first reduced to the characters official documents use (GB 2312, ASCII, Latin-1 and the
punctuation and symbol blocks), then its cubic CFF outlines are converted to quadratic TrueType outlines
(fontTools cu2qu, max error 1 unit of 1000). Needs Debian's python3-fonttools (4.38).

  otf_to_ttf.py SOURCE[:FACE_INDEX] OUT.ttf --family NAME --note TEXT
"""
import argparse
from fontTools.ttLib import TTFont, TTCollection, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools import subset
from extract_ttc_face import gb2312_repertoire

# Besides GB 2312 and the blocks extract_ttc_face.py keeps: arrows, math operators, enclosed CJK, CJK compatibility,
# CJK compatibility forms and the rest of general punctuation.
MORE_BLOCKS = [(0x2000, 0x206F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x3200, 0x32FF), (0x3300, 0x33FF), (0xFE30, 0xFE4F)]


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
    if "VORG" in font: del font["VORG"]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentElements = max((len(g.components) for g in glyphs.values() if hasattr(g, "components")), default=0)
    maxp.numGlyphs = len(glyph_order)
    post = font["post"]
    post.formatType = 3.0   # no glyph names
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--family", required=True)
    parser.add_argument("--note", required=True)
    args = parser.parse_args()

    font = open_face(args.source)
    unicodes = gb2312_repertoire() | {c for lo, hi in MORE_BLOCKS for c in range(lo, hi + 1)}
    options = subset.Options()
    options.layout_features = []          # PDF output uses no OpenType layout
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG", "DSIG"]
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    to_truetype(font)

    names = font["name"]
    ps = args.family.replace(" ", "")
    for record in list(names.names):
        if record.nameID in (1, 4, 16, 3):
            names.setName(args.family if record.nameID != 3 else args.family + " 1.0", record.nameID,
                          record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName(ps, 6, record.platformID, record.platEncID, record.langID)
    names.setName(args.note, 10, 3, 1, 0x409)
    font.save(args.out)


if __name__ == "__main__":
    main()
