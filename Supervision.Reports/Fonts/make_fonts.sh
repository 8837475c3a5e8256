#!/bin/sh
# Rebuilds the embedded fonts from the Debian packages (see README.md).
#   apt-get install fonts-arphic-uming fonts-arphic-ukai fonts-wqy-microhei && sh make_fonts.sh
set -eu
cd "$(dirname "$0")"
DATE=2026-11-28
V_UMING=$(dpkg-query -W -f='${Version}' fonts-arphic-uming)
V_UKAI=$(dpkg-query -W -f='${Version}' fonts-arphic-ukai)
V_WQY=$(dpkg-query -W -f='${Version}' fonts-wqy-microhei)
REDUCED="glyphs reduced to GB 2312 plus ASCII and common punctuation and symbols (glyf, loca, hmtx, cmap rebuilt; embedded bitmaps, OpenType layout, vertical metrics and glyph names removed); names suffixed GB2312. Outlines unchanged."

python3 extract_ttc_face.py /usr/share/fonts/truetype/arphic/uming.ttc 0 uming-cn.ttf \
  --drop BDF,EBDT,EBLC,EBSC \
  --note "Modified $DATE for the Supervision portal: face 0 (AR PL UMing CN) extracted from uming.ttc of Debian fonts-arphic-uming $V_UMING into a single-face TrueType file; embedded bitmap tables (BDF, EBDT, EBLC) removed. Outlines and metrics unchanged."
python3 extract_ttc_face.py /usr/share/fonts/truetype/arphic/uming.ttc 0 uming-cn-gb2312.ttf --keep gb2312 --rename " GB2312" \
  --note "Modified $DATE for the Supervision portal: face 0 (AR PL UMing CN) extracted from uming.ttc of Debian fonts-arphic-uming $V_UMING into a single-face TrueType file; $REDUCED"
python3 extract_ttc_face.py /usr/share/fonts/truetype/arphic/ukai.ttc 0 ukai-cn-gb2312.ttf --keep gb2312 --rename " GB2312" \
  --note "Modified $DATE for the Supervision portal: face 0 (AR PL UKai CN) extracted from ukai.ttc of Debian fonts-arphic-ukai $V_UKAI into a single-face TrueType file; $REDUCED"
python3 extract_ttc_face.py /usr/share/fonts/truetype/wqy/wqy-microhei.ttc 0 wqy-microhei-gb2312.ttf --keep gb2312 --rename " GB2312" \
  --note "Modified $DATE for the Supervision portal: face 0 (WenQuanYi Micro Hei) extracted from wqy-microhei.ttc of Debian fonts-wqy-microhei $V_WQY into a single-face TrueType file; $REDUCED"

cp /usr/share/doc/fonts-arphic-uming/copyright uming-cn.copyright.txt
cp /usr/share/doc/fonts-arphic-ukai/copyright ukai-cn.copyright.txt
cp /usr/share/doc/fonts-wqy-microhei/copyright wqy-microhei.copyright.txt
zcat /usr/share/doc/fonts-arphic-uming/license/english/ARPHICPL.TXT.gz > ARPHICPL.TXT
cp /usr/share/common-licenses/Apache-2.0 Apache-2.0.txt
