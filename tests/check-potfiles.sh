#!/bin/sh
# Every source file with translatable strings is listed in po/POTFILES,
# and every listed file exists, so nothing is left out of translation.
cd "${1:-.}" || exit 1
status=0
for f in $(grep -lE '\b(_|N_|C_|NC_|g_dngettext|ngettext)\s*\(' src/*.c src/*/*.c 2>/dev/null) \
         $(grep -l 'translatable="yes"' ui/*.ui ui/*/*.ui 2>/dev/null) \
         data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml; do
  if ! grep -qx "$f" po/POTFILES; then
    echo "not in po/POTFILES: $f"
    status=1
  fi
done
for f in $(grep -v '^#' po/POTFILES); do
  [ -f "$f" ] || { echo "listed in po/POTFILES but missing: $f"; status=1; }
done
[ $status = 0 ] && echo "po/POTFILES complete"
exit $status
