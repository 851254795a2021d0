/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

#include <fcntl.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "eb-hostile-corpus.h"
#include "eb-json.h"
#include "eb-limits.h"
#include "eb-store-private.h"
#include "eb-test-util.h"

/* ------------------------------------------------------------------ */
/* A good board to damage                                              */
/* ------------------------------------------------------------------ */

/**
 * eb_hostile_sample_board:
 *
 * A good board for the generators to damage: one card of each kind with
 * every field set (rows 1 to 4 of “cards”), two links (rows 1 and 2 of
 * “links”) and two frames (rows 1 and 2 of “frames”), so that each
 * hostile file differs from a good one by exactly its damage.
 *
 * Returns: (transfer full): the board
 */
EbBoard *
eb_hostile_sample_board (void)
{
  EbBoard *board = eb_board_new ();
  const char *ids[4];

  eb_board_set_title (board, "Assad asylum — بشار الأسد");

  for (EbCardKind kind = EB_CARD_KIND_PERSON; kind <= EB_CARD_KIND_NOTE; kind++)
    {
      EbCard *card = g_object_new (EB_TYPE_CARD,
                                   "kind", kind,
                                   "created", (gint64) 1733650000000000 + kind,
                                   "modified", (gint64) 1733660000000000 + kind,
                                   "x", 300.0 * kind, "y", -50.5 * kind,
                                   "width", 240.5, "height", 130.25,
                                   "grade", EB_GRADE_B,
                                   "color", "#a1b2c3",
                                   "title", "Bashar al-Assad",
                                   "aliases", "بشار الأسد; Bashar Hafez al-Assad",
                                   "role", "Former president of Syria",
                                   "notes", "Fled to Moscow on 8 December 2024.\nGranted asylum.",
                                   "date", "2024-12-08",
                                   "end-date", "2024-12-09T14:30",
                                   "place", "Moscow",
                                   "publisher", "Reuters",
                                   "url", "https://example.org/assad-moscow",
                                   NULL);

      ids[kind] = eb_item_get_id (EB_ITEM (card));
      eb_test_take_item (board, card);
    }

  for (guint i = 0; i < 2; i++)
    eb_test_take_item (board, g_object_new (EB_TYPE_LINK,
                              "from-id", ids[i],
                              "to-id", ids[i + 2],
                              "kind", i == 0 ? EB_LINK_KIND_REPORTED_BY : EB_LINK_KIND_CONTRADICTS,
                              "direction", EB_LINK_DIRECTION_FORWARD,
                              "label", "granted asylum to — منح اللجوء",
                              "color", "#ff0080",
                              "credibility", 3,
                              NULL));

  eb_test_take_item (board, g_object_new (EB_TYPE_FRAME, "label", "The Jaafari affair", "color", "#00ff00",
                            "x", -100.0, "y", 250.75, "width", 900.0, "height", 450.0,
                            NULL));
  eb_test_take_item (board, eb_frame_new (NULL, 1e6, -1e6, EB_SIZE_MIN, EB_SIZE_MAX));

  return board;
}

/* ------------------------------------------------------------------ */
/* Generators                                                          */
/* ------------------------------------------------------------------ */

static void
set_contents (const char *path,
              const char *contents,
              gssize      length)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, contents, length, &error))
    g_error ("%s", error->message);
}

static char *
get_contents (const char *path,
              gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, length, &error))
    g_error ("%s", error->message);
  return contents;
}

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
      sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message ? message : sqlite3_errmsg (db));
  sqlite3_close (db);
}

static void
write_board (const char *path)
{
  g_autoptr(EbBoard) board = eb_hostile_sample_board ();
  g_autoptr(GError) error = NULL;

  if (!eb_store_write_file (board, path, &error))
    g_error ("%s", error->message);
}

/* The sample board as the app writes it in JSON. */
static char *
sample_json (gsize *length)
{
  g_autoptr(EbBoard) board = eb_hostile_sample_board ();

  return eb_json_write (board, length);
}

/* Grows @path to @size without writing: the file takes no disk, but
 * every reader sees its size before it reads a byte. */
static void
make_sparse (const char *path,
             goffset     size)
{
  int fd = g_open (path, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  close (fd);
}

static void
make_bytes (const EbHostile *h,
            const char      *path)
{
  set_contents (path, h->data, -1);
}

static void
make_random (const EbHostile *h,
             const char      *path)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int (rand);
  set_contents (path, (char *) bytes, sizeof bytes);
}

static void
make_magic_without_nul (const EbHostile *h,
                        const char      *path)
{
  set_contents (path, "SQLite format 3", 15);
}

static void
make_sql (const EbHostile *h,
          const char      *path)
{
  write_board (path);
  sql_exec (path, h->data);
}

/* One schema version past this build's, whatever that is. */
static void
make_too_new (const EbHostile *h,
              const char      *path)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", EB_STORE_SCHEMA_VERSION + 1);

  write_board (path);
  sql_exec (path, sql);
}

static void
make_other_app (const EbHostile *h,
                const char      *path)
{
  sql_exec (path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hi');");
}

/* Cut at a page boundary (data non-NULL) or in the middle of a page. */
static void
make_truncated (const EbHostile *h,
                const char      *path)
{
  g_autofree char *contents = NULL;
  gsize length;
  gsize keep;

  write_board (path);
  contents = get_contents (path, &length);
  keep = h->data ? (length / 2 / 4096) * 4096 : length / 2 + 1000;
  g_assert_cmpuint (keep, >, 0);
  set_contents (path, contents, keep);
}

static void
make_corrupt_pages (const EbHostile *h,
                    const char      *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  write_board (path);
  contents = get_contents (path, &length);
  g_assert_cmpuint (length, >=, 3 * 4096);
  /* Scribble over the b-tree pages after the schema. */
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char) (i * 37 + 11);
  set_contents (path, contents, length);
}

static void
make_wal_header (const EbHostile *h,
                 const char      *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  write_board (path);
  contents = get_contents (path, &length);
  /* File format write and read versions: 2 means WAL. */
  contents[18] = contents[19] = 2;
  set_contents (path, contents, length);
}

static void
make_side_file (const EbHostile *h,
                const char      *path)
{
  g_autofree char *side = g_strconcat (path, h->data, NULL);

  write_board (path);
  set_contents (side, "", 0);
}

static void
make_huge_board (const EbHostile *h,
                 const char      *path)
{
  write_board (path);
  make_sparse (path, EB_STORE_FILE_MAX + 4096);
}

/* Binds @title as the board title, bypassing every check. */
static void
set_title (const char *path,
           const char *title,
           gsize       length)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  write_board (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE board SET value = ?1 WHERE key = 'title'", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, title, length, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
make_long_title (const EbHostile *h,
                 const char      *path)
{
  gsize length = GPOINTER_TO_SIZE (h->data);
  g_autofree char *title = g_strnfill (length, 'a');

  set_title (path, title, length);
}

static void
make_title (const EbHostile *h,
            const char      *path)
{
  /* Holds a NUL, so not a C string: the length is the literal's. */
  static const char bad_utf8[] = "Assad \xff\xfe flight";
  static const char nul[] = "Assad\0flight";

  if (g_strcmp0 (h->data, "nul") == 0)
    set_title (path, nul, sizeof nul - 1);
  else
    set_title (path, bad_utf8, sizeof bad_utf8 - 1);
}

/* More cards than a board may hold. Ten million would take minutes to
 * write; the store counts rows before it reads one, so one card over the
 * limit is refused by the same check, and quickly. The rows are bare:
 * the count must refuse the file before any row is looked at. */
static void
make_too_many_cards (const EbHostile *h,
                     const char      *path)
{
  g_autofree char *sql = g_strdup_printf (
    "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
    "BEGIN;"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
    " INSERT INTO cards (id, sort_key) SELECT printf('x%%x', i), i FROM n;"
    "COMMIT;", EB_ITEMS_MAX + 1);

  write_board (path);
  sql_exec (path, sql);
}

/* JSON ------------------------------------------------------------- */

/* A document nested 100,000 deep: json-glib 1.6 would overflow its stack
 * on it. data is what opens one level. */
static void
make_deep (const EbHostile *h,
           const char      *path)
{
  g_autofree char *text = eb_test_nest (h->data, 100000);

  set_contents (path, text, -1);
}

/* The sample board in JSON with members changed: data holds lines
 * "list/index/member=literal" (or "member=literal" for the board), the
 * literal written as is, so that it can be JSON no parser keeps
 * (1e400, 2^63). */
static void
make_json_edit (const EbHostile *h,
                const char      *path)
{
  g_auto(GStrv) edits = g_strsplit (h->data, "\n", -1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = sample_json (NULL);
  g_autofree char *out = NULL;
  JsonObject *root;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));

  for (guint i = 0; edits[i] != NULL; i++)
    {
      g_auto(GStrv) sides = g_strsplit (edits[i], "=", 2);
      g_auto(GStrv) where = g_strsplit (sides[0], "/", 3);
      g_autofree char *mark = g_strdup_printf ("@@edit%u@@", i);
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", mark);
      JsonObject *object = root;
      const char *member = where[0];

      if (where[1] != NULL)
        {
          JsonArray *list = json_object_get_array_member (root, where[0]);

          object = json_array_get_object_element (list, atoi (where[1]));
          member = where[2];
        }
      json_object_set_string_member (object, member, mark);

      json_generator_set_root (generator, json_parser_get_root (parser));
      g_free (out);
      out = json_generator_to_data (generator, NULL);
      g_assert_nonnull (strstr (out, quoted));
    }

  for (guint i = 0; edits[i] != NULL; i++)
    {
      g_autofree char *quoted = g_strdup_printf ("\"@@edit%u@@\"", i);
      g_autoptr(GString) s = g_string_new (out);

      g_string_replace (s, quoted, strchr (edits[i], '=') + 1, 1);
      g_free (out);
      out = g_string_free (g_steal_pointer (&s), FALSE);
    }

  set_contents (path, out, -1);
}

static void
make_json_truncated (const EbHostile *h,
                     const char      *path)
{
  gsize length;
  g_autofree char *text = sample_json (&length);

  set_contents (path, text, length * 2 / 3);
}

/* A title 1 GB long that takes no disk: the start of a board, then
 * nothing (a hole) up to 1 GB. The size alone refuses it. */
static void
make_gigabyte_string (const EbHostile *h,
                      const char      *path)
{
  set_contents (path, h->data, -1);
  make_sparse (path, (goffset) 1 << 30);
}

/* The whole text in UTF-16, with its byte order mark, as some Windows
 * tools write it. */
static void
make_utf16 (const EbHostile *h,
            const char      *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = h->data ? g_strdup (h->data) : sample_json (NULL);
  gsize length = 0;
  g_autofree char *utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &length, &error);
  g_autoptr(GString) out = g_string_new_len ("\xff\xfe", 2);

  g_assert_no_error (error);
  g_string_append_len (out, utf16, length);
  set_contents (path, out->str, out->len);
}

static void
make_json_too_large_title (const EbHostile *h,
                           const char      *path)
{
  g_autofree char *title = g_strnfill (EB_TEXT_MAX + 1, 'a');
  g_autofree char *text = g_strdup_printf ("{\"format\":\"evidence-board\",\"version\":1,"
                                           "\"title\":\"%s\",\"cards\":[]}", title);

  set_contents (path, text, -1);
}

/* ------------------------------------------------------------------ */
/* The corpus                                                          */
/* ------------------------------------------------------------------ */

#define BOARD(file, code, make, data, ...) \
  { file, EB_HOSTILE_BOARD, make, data, EB_STORE_ERROR_##code, { __VA_ARGS__ }, FALSE }
#define OTHER(family, file, make, data, ...) \
  { file, EB_HOSTILE_##family, make, data, -1, { __VA_ARGS__ }, FALSE }
#define GIGABYTE(family, file, data, ...) \
  { file, EB_HOSTILE_##family, make_gigabyte_string, data, -1, { __VA_ARGS__ }, TRUE }

#define HEAD "{\"format\":\"evidence-board\",\"version\":1,"
#define NOT_UTF8 "\"title\":\"Assad \xc3\x28 flight\""
#define CANVAS_HEAD "{\"nodes\":[{\"id\":\"n1\",\"type\":\"text\",\"x\":0,\"y\":0,\"width\":250,\"height\":60,"
#define FTM_LINE "{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Bashar al-Assad\"]}}\n"

static const EbHostile corpus[] = {
  /* Not a board at all. */
  BOARD ("empty.board", NOT_SQLITE, make_bytes, "", "empty"),
  BOARD ("text.board", NOT_SQLITE, make_bytes, "Assad fled to Moscow on 8 December 2024.\n", "not an Evidence Board"),
  BOARD ("random.board", NOT_SQLITE, make_random, NULL, "not"),
  /* The app sees the start of an SQLite header and calls it cut short;
   * the store alone, a file that is not SQLite. */
  BOARD ("magic-without-nul.board", NOT_SQLITE, make_magic_without_nul, NULL, "truncated|not an SQLite database"),
  BOARD ("other-app.board", NOT_A_BOARD, make_other_app, NULL, "not an Evidence Board"),
  BOARD ("wrong-app-id.board", NOT_A_BOARD, make_sql, "PRAGMA application_id = 42", "not an Evidence Board"),
  /* Damaged. */
  BOARD ("truncated-half.board", CORRUPT, make_truncated, GUINT_TO_POINTER (1), "truncated"),
  BOARD ("truncated-mid-page.board", CORRUPT, make_truncated, NULL, "truncated"),
  BOARD ("corrupt-pages.board", CORRUPT, make_corrupt_pages, NULL, "damaged"),
  /* Versions. */
  BOARD ("too-new.board", TOO_NEW, make_too_new, NULL, "newer version"),
  BOARD ("no-version.board", CORRUPT, make_sql, "PRAGMA user_version = 0", "version"),
  BOARD ("negative-version.board", CORRUPT, make_sql, "PRAGMA user_version = -1", "version"),
  /* Our schema and more. */
  BOARD ("extra-trigger.board", UNSAFE, make_sql,
         "CREATE TRIGGER evil AFTER INSERT ON cards BEGIN DELETE FROM links; END", "trigger", "evil"),
  BOARD ("extra-view.board", UNSAFE, make_sql, "CREATE VIEW evil AS SELECT * FROM cards", "view", "evil"),
  BOARD ("extra-table.board", UNSAFE, make_sql, "CREATE TABLE evil (a)", "table", "evil"),
  BOARD ("extra-index.board", UNSAFE, make_sql, "CREATE INDEX evil ON cards (title)", "index", "evil"),
  BOARD ("changed-table.board", UNSAFE, make_sql,
         "DROP TABLE frames; CREATE TABLE frames (id TEXT PRIMARY KEY NOT NULL, sort_key REAL NOT NULL, "
         "created, modified, label, color, x, y, width, height, extra)", "frames"),
  BOARD ("missing-table.board", INVALID, make_sql, "DROP TABLE frames", "frames"),
  /* Left open, or by another mode of SQLite. */
  BOARD ("wal-header.board", UNSAFE, make_wal_header, NULL, "write-ahead-log"),
  BOARD ("stray-journal.board", UNSAFE, make_side_file, "-journal", "-journal"),
  BOARD ("stray-wal.board", UNSAFE, make_side_file, "-wal", "-wal"),
  /* Absurd sizes. */
  { "huge-file.board", EB_HOSTILE_BOARD, make_huge_board, NULL, EB_STORE_ERROR_TOO_LARGE, { "larger than" }, TRUE },
  BOARD ("title-too-long.board", TOO_LARGE, make_long_title, GSIZE_TO_POINTER (EB_TEXT_MAX + 1), "title"),
  BOARD ("title-100mb.board", TOO_LARGE, make_long_title, GSIZE_TO_POINTER (100 * 1024 * 1024), "larger than"),
  BOARD ("notes-beyond-row-limit.board", TOO_LARGE, make_sql,
         "UPDATE cards SET notes = replace(hex(zeroblob(6500000)), '00', 'ab') WHERE rowid = 1", "larger than"),
  BOARD ("too-many-cards.board", TOO_LARGE, make_too_many_cards, NULL, "items", "at most"),
  /* Absurd values. */
  BOARD ("x-1e300.board", INVALID, make_sql, "UPDATE cards SET x = 1e300 WHERE rowid = 3", "“x”"),
  BOARD ("x-null.board", INVALID, make_sql, "UPDATE cards SET x = NULL WHERE rowid = 3", "“x”"),
  BOARD ("x-text-nan.board", INVALID, make_sql, "UPDATE cards SET x = 'NaN' WHERE rowid = 3", "“x”"),
  BOARD ("y-inf.board", INVALID, make_sql, "UPDATE frames SET y = -9e999 WHERE rowid = 1", "“y”"),
  BOARD ("width-zero.board", INVALID, make_sql, "UPDATE cards SET width = 0", "“width”"),
  BOARD ("sort-key-text.board", INVALID, make_sql, "UPDATE links SET sort_key = 'first'", "order"),
  BOARD ("created-negative.board", INVALID, make_sql, "UPDATE cards SET created = -5", "“created”"),
  BOARD ("created-real.board", INVALID, make_sql, "UPDATE frames SET modified = 1.5", "“modified”"),
  BOARD ("title-invalid-utf8.board", INVALID, make_title, "utf8", "title"),
  BOARD ("title-nul.board", INVALID, make_title, "nul", "title"),
  BOARD ("notes-blob.board", INVALID, make_sql, "UPDATE cards SET notes = x'0102' WHERE rowid = 2", "“notes”"),
  BOARD ("notes-invalid-utf8.board", INVALID, make_sql,
         "UPDATE cards SET notes = CAST(x'41c328' AS TEXT) WHERE rowid = 2", "“notes”"),
  BOARD ("unknown-setting.board", INVALID, make_sql, "INSERT INTO board VALUES ('owner', 'me')", "setting"),
  BOARD ("link-to-missing-card.board", INVALID, make_sql,
         "UPDATE links SET to_id = 'nowhere' WHERE rowid = 2", "not on the board", "nowhere"),
  BOARD ("link-from-link.board", INVALID, make_sql,
         "UPDATE links SET from_id = (SELECT id FROM links WHERE rowid = 1) WHERE rowid = 2", "link", "not on the board"),
  BOARD ("duplicate-id-card-link.board", INVALID, make_sql,
         "UPDATE links SET id = (SELECT id FROM cards WHERE rowid = 1) WHERE rowid = 1", "two items", "id"),
  BOARD ("duplicate-id-card-frame.board", INVALID, make_sql,
         "UPDATE frames SET id = (SELECT id FROM cards WHERE rowid = 1) WHERE rowid = 1", "two items", "id"),
  BOARD ("id-empty.board", INVALID, make_sql, "UPDATE cards SET id = '' WHERE rowid = 4", "card", "id"),
  BOARD ("id-control-chars.board", INVALID, make_sql,
         "UPDATE frames SET id = char(10, 27) WHERE rowid = 2", "frame", "id"),
  BOARD ("id-blob.board", INVALID, make_sql, "UPDATE frames SET id = x'35' WHERE rowid = 2", "frame", "id"),
  BOARD ("card-kind.board", INVALID, make_sql, "UPDATE cards SET kind = 9 WHERE rowid = 1", "“kind”"),
  BOARD ("card-kind-text.board", INVALID, make_sql, "UPDATE cards SET kind = 'person' WHERE rowid = 1", "“kind”"),
  BOARD ("grade.board", INVALID, make_sql, "UPDATE cards SET grade = 7 WHERE rowid = 1", "“grade”"),
  BOARD ("link-kind.board", INVALID, make_sql, "UPDATE links SET kind = -1 WHERE rowid = 1", "“kind”"),
  BOARD ("direction.board", INVALID, make_sql, "UPDATE links SET direction = 3 WHERE rowid = 1", "“direction”"),
  BOARD ("credibility.board", INVALID, make_sql, "UPDATE links SET credibility = 7 WHERE rowid = 1", "“credibility”"),
  BOARD ("colour.board", INVALID, make_sql, "UPDATE cards SET color = 'red' WHERE rowid = 1", "“color”"),
  BOARD ("colour-link.board", INVALID, make_sql, "UPDATE links SET color = '#12345g' WHERE rowid = 1", "“color”"),
  BOARD ("date.board", INVALID, make_sql, "UPDATE cards SET date = '2024-13-01' WHERE rowid = 1", "“date”"),
  BOARD ("end-date.board", INVALID, make_sql, "UPDATE cards SET end_date = 'yesterday' WHERE rowid = 1", "“end-date”"),

  /* JSON board exports. */
  OTHER (JSON, "deep-arrays.json", make_deep, "[", "nested"),
  OTHER (JSON, "deep-objects.json", make_deep, "{\"a\":", "nested"),
  OTHER (JSON, "integer-past-2-63.json", make_json_edit, "cards/0/x=9223372036854775808", "integer"),
  OTHER (JSON, "number-1e400.json", make_json_edit, "cards/0/x=1e400", "too large"),
  OTHER (JSON, "coordinate-1e300.json", make_json_edit, "cards/2/x=1e300", "“x”", "outside"),
  OTHER (JSON, "single-quotes.json", make_bytes, "{'format':'evidence-board','version':1,'cards':[]}", "single-quoted"),
  OTHER (JSON, "comment.json", make_bytes, "// a board\n" HEAD "\"cards\":[]}", "comment"),
  OTHER (JSON, "block-comment.json", make_bytes, HEAD "/* cards */\"cards\":[]}", "comment"),
  GIGABYTE (JSON, "gigabyte-string.json", HEAD "\"title\":\"", "too large"),
  OTHER (JSON, "utf16-bom.json", make_utf16, NULL, "UTF-16", "UTF-8"),
  OTHER (JSON, "bom-after-space.json", make_bytes, " \xef\xbb\xbf" HEAD "\"cards\":[]}", "U+FEFF"),
  OTHER (JSON, "invalid-utf8.json", make_bytes, HEAD NOT_UTF8 ",\"cards\":[]}", "UTF-8"),
  OTHER (JSON, "truncated.json", make_json_truncated, NULL, "truncated"),
  OTHER (JSON, "too-new.json", make_bytes, "{\"format\":\"evidence-board\",\"version\":99,\"cards\":[]}", "newer"),
  OTHER (JSON, "title-too-long.json", make_json_too_large_title, NULL, "title", "longer"),
  OTHER (JSON, "link-to-missing-card.json", make_json_edit, "links/1/to=\"nowhere\"", "not on the board", "nowhere"),
  OTHER (JSON, "duplicate-id.json", make_json_edit, "links/0/id=\"twin\"\nframes/1/id=\"twin\"", "two items", "twin"),

  /* JSON Canvas: the same damage, reached through the .canvas reader. */
  OTHER (CANVAS, "deep.canvas", make_deep, "{\"nodes\":[", "nested"),
  OTHER (CANVAS, "integer-past-2-63.canvas", make_bytes, CANVAS_HEAD "\"x\":9223372036854775808}],\"edges\":[]}", "integer"),
  OTHER (CANVAS, "number-1e400.canvas", make_bytes, CANVAS_HEAD "\"y\":1e400}],\"edges\":[]}", "too large"),
  OTHER (CANVAS, "single-quotes.canvas", make_bytes, "{'nodes':[],'edges':[]}", "single-quoted"),
  OTHER (CANVAS, "comment.canvas", make_bytes, "{\"nodes\":[] /* none */,\"edges\":[]}", "comment"),
  GIGABYTE (CANVAS, "gigabyte-string.canvas", CANVAS_HEAD "\"text\":\"", "too large"),
  OTHER (CANVAS, "invalid-utf8.canvas", make_bytes, CANVAS_HEAD "\"text\":\"\xff\"}],\"edges\":[]}", "UTF-8"),
  OTHER (CANVAS, "utf16-bom.canvas", make_utf16, CANVAS_HEAD "\"text\":\"Assad\"}],\"edges\":[]}", "UTF-16", "UTF-8"),
  OTHER (CANVAS, "truncated.canvas", make_bytes, CANVAS_HEAD "\"text\":\"Assad\"}],\"edges\":[{\"id\":", "truncated"),

  /* FollowTheMoney: entities one per line, and an Aleph diagram. */
  OTHER (FTM, "deep.jsonl", make_deep, "{\"properties\":", "nested"),
  OTHER (FTM, "integer-past-2-63.jsonl", make_bytes,
         FTM_LINE "{\"id\":\"p2\",\"schema\":\"Person\",\"properties\":{\"weight\":99999999999999999999}}\n", "integer"),
  OTHER (FTM, "single-quotes.jsonl", make_bytes, FTM_LINE "{'id':'p2','schema':'Person'}\n", "single-quoted"),
  OTHER (FTM, "comment.jsonl", make_bytes, "// exported from Aleph\n" FTM_LINE, "comment"),
  GIGABYTE (FTM, "gigabyte-string.jsonl", "{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"",
         "too large|larger than"),
  OTHER (FTM, "invalid-utf8.jsonl", make_bytes, "{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"\xc3\x28\"]}}\n", "UTF-8"),
  OTHER (FTM, "number-1e400.jsonl", make_bytes,
         FTM_LINE "{\"id\":\"p2\",\"schema\":\"Person\",\"properties\":{\"weight\":1e400}}\n", "too large"),
  OTHER (FTM, "truncated.jsonl", make_bytes, FTM_LINE "{\"id\":\"p2\",\"schema\":\"Person\",\"prop", "truncated"),
  OTHER (FTM, "utf16-bom.jsonl", make_utf16, FTM_LINE, "UTF-16", "UTF-8"),
  OTHER (FTM, "deep.ftm", make_deep, "{\"entities\":[", "nested"),
  OTHER (FTM, "number-1e400.ftm", make_bytes, "{\"entities\":[],\"layout\":{\"vertices\":[{\"position\":{\"x\":1e400}}]}}", "too large"),
  OTHER (FTM, "integer-past-2-63.ftm", make_bytes,
         "{\"entities\":[],\"layout\":{\"vertices\":[{\"position\":{\"x\":-9223372036854775809}}]}}", "integer"),
  OTHER (FTM, "single-quotes.ftm", make_bytes, "{'entities':[]}", "single-quoted"),
  OTHER (FTM, "comment.ftm", make_bytes, "{\"entities\":[] // none\n}", "comment"),
  OTHER (FTM, "invalid-utf8.ftm", make_bytes, "{\"entities\":[{\"id\":\"\xff\"}]}", "UTF-8"),
  GIGABYTE (FTM, "gigabyte-string.ftm", "{\"entities\":[{\"id\":\"", "too large|larger than"),
  OTHER (FTM, "utf16-bom.ftm", make_utf16, "{\"entities\":[]}", "UTF-16", "UTF-8"),
  OTHER (FTM, "truncated.ftm", make_bytes, "{\"entities\":[" FTM_LINE, "truncated"),
};

/**
 * eb_hostile_corpus:
 * @n_entries: (out): how many entries there are
 *
 * Returns: (transfer none): every hostile file the tests refuse
 */
const EbHostile *
eb_hostile_corpus (guint *n_entries)
{
  *n_entries = G_N_ELEMENTS (corpus);
  return corpus;
}

/**
 * eb_hostile_corpus_lookup:
 * @file: a file name from the corpus
 *
 * Returns: (transfer none): its entry; a missing name is a bug in a test
 */
const EbHostile *
eb_hostile_corpus_lookup (const char *file)
{
  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    if (g_str_equal (corpus[i].file, file))
      return &corpus[i];

  g_error ("No hostile file “%s” in the corpus", file);
}

/**
 * eb_hostile_write:
 * @hostile: an entry of the corpus
 * @dir: an existing folder
 *
 * Writes @hostile into a folder of its own inside @dir (so what lies
 * beside it, a stray journal for one, is its own), named after it.
 *
 * Returns: (transfer full): the path of the hostile file
 */
char *
eb_hostile_write (const EbHostile *hostile,
                  const char      *dir)
{
  g_autofree char *folder = g_build_filename (dir, hostile->file, NULL);
  char *path;

  /* Not x.board: a folder named like a board is a hostile file of its
   * own, and not what this one is about. */
  *strrchr (folder, '.') = '-';
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  path = g_build_filename (folder, hostile->file, NULL);
  hostile->make (hostile, path);
  return path;
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *h = g_utf8_casefold (haystack, -1);
  g_autofree char *n = g_utf8_casefold (needle, -1);

  return strstr (h, n) != NULL;
}

/**
 * eb_hostile_message_matches:
 * @hostile: an entry of the corpus
 * @message: the error a reader gave for it
 * @missing: (out) (optional): the first word @message lacks
 *
 * Whether @message names the file and holds every word expected of it,
 * on one line.
 */
gboolean
eb_hostile_message_matches (const EbHostile  *hostile,
                            const char       *message,
                            char            **missing)
{
  const char *what = NULL;

  if (strchr (message, '\n') != NULL)
    what = "(one line)";
  else if (strstr (message, hostile->file) == NULL)
    what = hostile->file;
  else
    for (guint i = 0; i < G_N_ELEMENTS (hostile->words) && hostile->words[i] != NULL; i++)
      {
        g_auto(GStrv) alternatives = g_strsplit (hostile->words[i], "|", -1);
        gboolean found = FALSE;

        for (guint j = 0; alternatives[j] != NULL && !found; j++)
          found = contains_casefold (message, alternatives[j]);
        if (!found)
          {
            what = hostile->words[i];
            break;
          }
      }

  if (missing != NULL)
    *missing = g_strdup (what);
  return what == NULL;
}
