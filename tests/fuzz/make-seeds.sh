#!/bin/sh
# Writes the fuzzers' seed corpora under tests/fuzz/corpus/<reader>/:
# boards written by the app itself (corpus/board/v1-*.board were written
# by schema version 1 and are kept, so the migrations are fuzzed too), the JSON Canvas files in
# ../shared/testdata/jsoncanvas/, and small FollowTheMoney files written
# from the public schema. Run it again after a format change:
#   tests/fuzz/make-seeds.sh BUILD_DIR/src/evidence-board [SHARED_TESTDATA]
set -eu
app=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
testdata=${2:-$root/../shared/testdata}
out=$here/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$out/json" "$out/board" "$out/canvas" "$out/ftm"

# A small board with one card of each kind, a link and a frame, then the
# sample story; each goes through the app to .board and back to .json,
# so the seeds are exactly what the app writes.
cat >"$tmp/small-src.json" <<'JSON'
{"format":"evidence-board","version":1,"title":"Seed",
 "cards":[{"id":"p1","kind":"person","x":0,"y":0,"width":200,"height":100,"title":"Bashar al-Assad","aliases":"بشار الأسد","role":"President","grade":"B"},
          {"id":"e1","kind":"event","x":300,"y":0,"width":200,"height":100,"title":"Flight to Moscow","date":"2024-12-08","end_date":"2024-12-09","place":"Moscow"},
          {"id":"s1","kind":"source","x":0,"y":200,"width":200,"height":100,"title":"Reuters","publisher":"Reuters","url":"https://example.org/a","date":"2024-12-09"},
          {"id":"n1","kind":"note","x":300,"y":200,"width":200,"height":100,"notes":"Denied.\nTwice.","color":"#aabbcc"}],
 "links":[{"id":"l1","from":"p1","to":"e1","label":"fled","kind":"supports","direction":"forward","credibility":2}],
 "frames":[{"id":"f1","label":"December","x":-50,"y":-50,"width":700,"height":450}]}
JSON
printf '{"format":"evidence-board","version":1,"cards":[]}\n' >"$tmp/empty-src.json"

for name in small empty; do
  "$app" --export="$out/board/$name.board" "$tmp/$name-src.json"
  "$app" --export="$out/json/$name.json" "$out/board/$name.board"
done
"$app" --export="$out/board/sample.board" "$root/data/samples/assad-asylum.json"
"$app" --export="$out/json/sample.json" "$out/board/sample.board"

# JSON Canvas: the files from Obsidian users, plus one spec example.
if [ -d "$testdata/jsoncanvas" ]; then
  for f in "$testdata"/jsoncanvas/*.canvas; do
    dest="$out/canvas/$(basename "$f" | tr -c 'A-Za-z0-9._\n-' '_')"
    cp "$f" "$dest"
    chmod 644 "$dest"
  done
fi
cat >"$out/canvas/spec-example.canvas" <<'JSON'
{"nodes":[
  {"id":"t1","type":"text","x":0,"y":0,"width":250,"height":60,"text":"# Assad\n**fled** to [Moscow](https://example.org)","color":"1"},
  {"id":"f1","type":"file","x":300,"y":0,"width":400,"height":400,"file":"notes/jaafari.md","subpath":"#denial"},
  {"id":"u1","type":"link","x":0,"y":100,"width":400,"height":300,"url":"https://example.org/report","color":"#ff8800"},
  {"id":"g1","type":"group","x":-20,"y":-20,"width":800,"height":500,"label":"December 2024","background":"bg.png","backgroundStyle":"cover"}],
 "edges":[
  {"id":"e1","fromNode":"t1","fromSide":"right","fromEnd":"none","toNode":"f1","toSide":"left","toEnd":"arrow","color":"4","label":"reported by"},
  {"id":"e2","fromNode":"u1","toNode":"t1"}]}
JSON

# FollowTheMoney: entities as JSON lines, and an Aleph network diagram.
cat >"$out/ftm/entities.jsonl" <<'JSON'
{"id":"p-assad","schema":"Person","properties":{"name":["Bashar al-Assad"],"alias":["بشار الأسد"],"nationality":["sy"],"position":["President of Syria"]}}
{"id":"p-jaafari","schema":"Person","properties":{"name":["Bashar al-Jaafari"],"position":["Ambassador to Russia"]}}
{"id":"ev-flight","schema":"Event","properties":{"name":["Flight to Moscow"],"startDate":["2024-12-08"],"endDate":["2024-12-09"],"location":["Moscow"]}}
{"id":"a-reuters","schema":"Article","properties":{"title":["Assad in Moscow"],"publisher":["Reuters"],"publishedAt":["2024-12-09"],"sourceUrl":["https://example.org/a"]}}
{"id":"o-kremlin","schema":"Organization","properties":{"name":["Kremlin"],"country":["ru"]}}
{"id":"rel-1","schema":"UnknownLink","properties":{"subject":["p-assad"],"object":["ev-flight"],"role":["took part in"]}}
{"id":"rel-2","schema":"Associate","properties":{"person":["p-assad"],"associate":["p-jaafari"],"relationship":["ambassador of"]}}
{"id":"rel-3","schema":"Documentation","properties":{"document":["a-reuters"],"entity":["ev-flight"],"role":["reports"]}}
JSON
cat >"$out/ftm/diagram.ftm" <<'JSON'
{"entities":[
  {"id":"p-assad","schema":"Person","properties":{"name":["Bashar al-Assad"]}},
  {"id":"e-asylum","schema":"Event","properties":{"name":["Asylum granted"],"date":["2024-12"]}},
  {"id":"l-1","schema":"UnknownLink","properties":{"subject":["p-assad"],"object":["e-asylum"],"role":["granted"]}}],
 "layout":{"entities":[],"vertices":[
  {"id":"v1","entityId":"p-assad","position":{"x":1,"y":2},"label":"Bashar al-Assad"},
  {"id":"v2","entityId":"e-asylum","position":{"x":5,"y":2},"label":"Asylum granted"}],
  "edges":[{"id":"x1","sourceId":"v1","targetId":"v2","entityId":"l-1","directed":true}],"groupings":[]}}
JSON
echo "Seeds written to $out"
