#!/usr/bin/env bash
# Rebuilds the fonts the kiosk embeds (all SIL Open Font License 1.1) from Debian's
# Noto packages, subset to the scripts our locales use so the binary stays small.
# Needs: apt-get (to download, not install, the packages) and Python 3 for fonttools.
# Usage: kiosk-core/fonts/make-fonts.sh   (writes into kiosk-core/fonts/)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download fonts-noto-core fonts-noto-cjk >/dev/null
for deb in *.deb; do dpkg-deb -x "$deb" root; done
python3 -m pip install --quiet --user fonttools 2>/dev/null || python3 -m pip install --quiet fonttools
noto=root/usr/share/fonts/truetype/noto
cjk=root/usr/share/fonts/opentype/noto

# Latin (with Vietnamese and African extensions), Cyrillic, punctuation and currency.
latin="U+0000-024F,U+0250-02FF,U+0300-036F,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2212,U+25A0-25FF,U+FEFF,U+FFFD"
for w in Regular Bold; do
  python3 -m fontTools.subset "$noto/NotoSans-$w.ttf" --unicodes="$latin" \
    --layout-features='*' --output-file="$here/NotoSans-$w.ttf"
  # Arabic is kept whole: its shaping tables are what make it readable.
  cp "$noto/NotoSansArabic-$w.ttf" "$here/NotoSansArabic-$w.ttf"
done

# Simplified Chinese: the 6,763 hanzi of GB 2312 plus CJK punctuation and full-width forms.
python3 - <<'PY' > hanzi.txt
chars = []
for hi in range(0xB0, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.append(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
print("".join(chars))
PY
# Face 2 of the collection is Noto Sans CJK SC.
python3 -m fontTools.subset "$cjk/NotoSansCJK-Regular.ttc" --font-number=2 \
  --text-file=hanzi.txt --unicodes="U+0020-007E,U+3000-303F,U+FF00-FFEF,U+2010-2027,U+00B7" \
  --layout-features='*' --output-file="$here/NotoSansCJKsc-Regular.otf"
ls -l "$here"/*.ttf "$here"/*.otf
