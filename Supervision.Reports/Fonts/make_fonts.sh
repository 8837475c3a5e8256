#!/bin/sh
# Rebuilds the embedded fonts from the Debian packages (see README.md).
#   apt-get install fonts-arphic-uming fonts-wqy-microhei texlive-lang-chinese fonts-noto-cjk-extra python3-fonttools && sh make_fonts.sh
# SKIP_CFF=1 rebuilds only the faces taken from TrueType collections (UMing, WenQuanYi), which need no texlive.
set -eu
cd "$(dirname "$0")"
DATE=${DATE:-2026-11-28}
V_UMING=$(dpkg-query -W -f='${Version}' fonts-arphic-uming)
V_WQY=$(dpkg-query -W -f='${Version}' fonts-wqy-microhei)
REDUCED="glyphs reduced to GB 2312 plus ASCII, Latin-1 and common punctuation and symbols (embedded bitmaps, OpenType layout, vertical metrics and glyph names removed); names suffixed GB2312. Outlines, hinting and metrics unchanged."

/usr/bin/python3 make_face.py /usr/share/fonts/truetype/arphic/uming.ttc:0 uming-cn.ttf --keep all --suffix "" \
  --note "Modified $DATE for the Supervision portal: face 0 (AR PL UMing CN) extracted from uming.ttc of Debian fonts-arphic-uming $V_UMING into a single-face TrueType file with fontTools; embedded bitmaps, OpenType layout and vertical metrics removed. Outlines and metrics unchanged."
/usr/bin/python3 make_face.py /usr/share/fonts/truetype/arphic/uming.ttc:0 uming-cn-gb2312.ttf --suffix " GB2312" \
  --note "Modified $DATE for the Supervision portal: face 0 (AR PL UMing CN) extracted from uming.ttc of Debian fonts-arphic-uming $V_UMING into a single-face TrueType file with fontTools; $REDUCED"
/usr/bin/python3 make_face.py /usr/share/fonts/truetype/wqy/wqy-microhei.ttc:0 wqy-microhei-gb2312.ttf --suffix " GB2312" \
  --note "Modified $DATE for the Supervision portal: face 0 (WenQuanYi Micro Hei) extracted from wqy-microhei.ttc of Debian fonts-wqy-microhei $V_WQY into a single-face TrueType file with fontTools; $REDUCED"

cp /usr/share/doc/fonts-arphic-uming/copyright uming-cn.copyright.txt
cp /usr/share/doc/fonts-wqy-microhei/copyright wqy-microhei.copyright.txt
zcat /usr/share/doc/fonts-arphic-uming/license/english/ARPHICPL.TXT.gz > ARPHICPL.TXT
cp /usr/share/common-licenses/Apache-2.0 Apache-2.0.txt

[ "${SKIP_CFF:-}" = 1 ] && exit 0

# 仿宋, 楷体 (Fandol, GPL-3 with the font exception) and the title face (Noto Serif CJK SC Bold, OFL-1.1): CFF OpenType,
# reduced to GB 2312 and converted to TrueType outlines with fontTools (takes a minute or two each):
#   apt-get install texlive-lang-chinese fonts-noto-cjk-extra python3-fonttools
FANDOL=/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
V_TEX=$(dpkg-query -W -f='${Version}' texlive-lang-chinese)
V_NOTO=$(dpkg-query -W -f='${Version}' fonts-noto-cjk-extra)
CONVERTED="reduced to GB 2312 plus ASCII, Latin-1 and common punctuation and symbols, OpenType layout and vertical metrics removed, CFF outlines converted to TrueType (quadratic, max error 1 unit) with fontTools; names suffixed GB2312."
/usr/bin/python3 make_face.py $FANDOL/FandolFang-Regular.otf fandol-fang-gb2312.ttf --family "FandolFang GB2312" \
  --note "Modified $DATE for the Supervision portal from FandolFang-Regular.otf of Debian texlive-lang-chinese $V_TEX: $CONVERTED"
/usr/bin/python3 make_face.py $FANDOL/FandolKai-Regular.otf fandol-kai-gb2312.ttf --family "FandolKai GB2312" \
  --note "Modified $DATE for the Supervision portal from FandolKai-Regular.otf of Debian texlive-lang-chinese $V_TEX: $CONVERTED"
/usr/bin/python3 make_face.py /usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc:2 noto-serif-sc-bold-gb2312.ttf --family "Noto Serif CJK SC Bold GB2312" \
  --note "Modified $DATE for the Supervision portal from face 2 (Noto Serif CJK SC Bold) of NotoSerifCJK-Bold.ttc of Debian fonts-noto-cjk-extra $V_NOTO: $CONVERTED"
cp /usr/share/doc/texlive-doc/fonts/fandol/README fandol.README.txt
cp /usr/share/common-licenses/GPL-3 GPL-3.txt
cp /usr/share/doc/fonts-noto-cjk-extra/copyright noto-cjk.copyright.txt
