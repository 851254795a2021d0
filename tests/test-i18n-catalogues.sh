#!/bin/sh
# Every catalogue in po/LINGUAS is complete: each message of a template
# extracted afresh from po/POTFILES (so a string added since the .pot was
# last made counts) is translated, none is fuzzy, msgfmt --check is clean,
# the plural forms are the language's, and the desktop file and metainfo
# come out translated.
#
# Usage: test-i18n-catalogues.sh SOURCE_ROOT
src=${1:?source root}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0

fail () {
  echo "FAIL: $*"
  status=1
}

# The arguments of meson's i18n.gettext(preset: 'glib'), which makes
# po/evidence-board.pot (meson compile evidence-board-pot).
xgettext --package-name=evidence-board -f "$src/po/POTFILES" -D "$src" -k_ \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
  -o "$tmp/fresh.pot" || { echo "FAIL: xgettext could not extract the template"; exit 1; }

total=$(msgattrib --no-obsolete "$tmp/fresh.pot" | grep -c '^msgid ')
total=$((total - 1))   # the header
echo "template: $total messages"
[ "$total" -gt 100 ] || fail "the fresh template has only $total messages"

langs=$(sed -e 's/#.*//' "$src/po/LINGUAS" | tr -s ' \n' ' ')
[ -n "$(echo $langs)" ] || fail "po/LINGUAS lists no language"

desktop="$tmp/app.desktop"
metainfo="$tmp/app.metainfo.xml"
msgfmt --desktop --template "$src/data/org.evidenceboard.EvidenceBoard.desktop.in" -d "$src/po" -o "$desktop" ||
  fail "msgfmt cannot merge the translations into the desktop file"
msgfmt --xml --template "$src/data/org.evidenceboard.EvidenceBoard.metainfo.xml.in" -d "$src/po" -o "$metainfo" ||
  fail "msgfmt cannot merge the translations into the metainfo"

for lang in $langs; do
  po="$src/po/$lang.po"
  [ -f "$po" ] || { fail "$lang: po/$lang.po is missing"; continue; }

  # Format strings, plural forms, header, accelerators: all consistent.
  if ! msgfmt --check --check-accelerators=_ -o /dev/null "$po" 2>"$tmp/check"; then
    fail "$lang: msgfmt --check reports:"
    sed 's/^/    /' "$tmp/check"
  fi

  expected=
  case $lang in
    ar) expected=6 ;;
    ru) expected=3 ;;
    de|fr) expected=2 ;;
  esac
  nplurals=$(sed -n 's/.*Plural-Forms:.*nplurals= *\([0-9]*\).*/\1/p' "$po" | head -n 1)
  if [ -n "$expected" ] && [ "$nplurals" != "$expected" ]; then
    fail "$lang: Plural-Forms has nplurals=$nplurals, the language has $expected"
  fi

  msgmerge --quiet --no-wrap -o "$tmp/$lang.po" "$po" "$tmp/fresh.pot" || {
    fail "$lang: msgmerge failed"; continue; }
  stats=$(msgfmt --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  translated=$(echo "$stats" | sed -n 's/^\([0-9]*\) translated message.*/\1/p')
  echo "$lang: $stats"
  if [ "${translated:-0}" != "$total" ]; then
    fail "$lang: ${translated:-0} of $total messages translated"
    for kind in --untranslated --only-fuzzy; do
      msgattrib --no-obsolete $kind --no-wrap "$tmp/$lang.po" |
        sed -n 's/^msgid "\(..*\)"$/    '"${kind#--}"': \1/p' | head -n 20
    done
  fi

  # The desktop file and metainfo as the build merges them (i18n.merge_file
  # runs these msgfmt commands), from the catalogues as they are now.
  for key in Name Comment Keywords; do
    grep -q "^$key\[$lang\]=" "$desktop" || fail "$lang: the desktop file has no $key[$lang]"
  done
  grep -q "xml:lang=\"$lang\"" "$metainfo" || fail "$lang: the metainfo has no xml:lang=\"$lang\" text"
done

# The schema's summaries and descriptions are looked up in our domain.
grep -q '<schemalist[^>]*gettext-domain="evidence-board"' "$src"/data/*.gschema.xml ||
  fail "the GSettings schema does not name the gettext domain"

[ $status = 0 ] && echo "all catalogues complete"
exit $status
