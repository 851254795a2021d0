/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

#include <string.h>

#include "eb-board.h"
#include "eb-convert.h"
#include "eb-json.h"
#include "eb-jsoncanvas.h"
#include "eb-store.h"
#include "eb-test-util.h"

/* Runs the real evidence-board binary the way scripts do, with no display,
 * and holds it to the command-line contract in ARCHITECTURE.md. */

typedef struct
{
  char *dir;   /* a fresh directory for the files of one test */
} Fixture;

/* The error contract: a non-zero status, nothing on stdout, and exactly
 * one line on stderr, "evidence-board: FILE: reason". */
static void
assert_file_error (EbTestRun  *r,
                   const char *file,
                   const char *reason_part)
{
  g_autofree char *prefix = g_strdup_printf ("evidence-board: %s: ", file);
  const char *newline;

  if (r->status == 0)
    g_error ("expected a failure for %s; stdout: %s", file, r->out);
  g_assert_cmpstr (r->out, ==, "");

  if (!g_str_has_prefix (r->err, prefix))
    g_error ("stderr does not start with “%s”: %s", prefix, r->err);

  newline = strchr (r->err, '\n');
  g_assert_nonnull (newline);
  g_assert_cmpint (newline[1], ==, '\0');
  g_assert_cmpuint (newline - r->err, >, strlen (prefix) + 5);

  if (reason_part != NULL && strstr (r->err, reason_part) == NULL)
    g_error ("stderr does not say “%s”: %s", reason_part, r->err);
}

static void
assert_usage_error (EbTestRun  *r,
                    const char *reason_part)
{
  const char *newline;

  g_assert_cmpint (r->status, ==, 2);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_prefix (r->err, "evidence-board: "));
  newline = strchr (r->err, '\n');
  g_assert_nonnull (newline);
  g_assert_cmpint (newline[1], ==, '\0');
  if (reason_part != NULL && strstr (r->err, reason_part) == NULL)
    g_error ("stderr does not say “%s”: %s", reason_part, r->err);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("eb-cli-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  eb_test_remove_dir (f->dir);
  g_free (f->dir);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* 2 people, 1 event, 1 source, 1 note, 2 links, 1 frame. */
static char *
write_good_json (Fixture    *f,
                 const char *name)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(GError) error = NULL;
  char *path = path_in (f, name);
  gint64 t = G_GINT64_CONSTANT (1733668205123456);

  eb_board_set_title (board, "Assad’s asylum");
  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "assad", "kind", EB_CARD_KIND_PERSON,
                            "title", "Bashar al-Assad", "aliases", "Bashar al-Assad\tبشار الأسد",
                            "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "putin", "kind", EB_CARD_KIND_PERSON,
                            "title", "Vladimir Putin", "x", 300.0, "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "flight", "kind", EB_CARD_KIND_EVENT,
                            "title", "Flight to Moscow", "date", "2024-12-08", "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "tass", "kind", EB_CARD_KIND_SOURCE,
                            "title", "Kremlin source", "grade", EB_GRADE_B, "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "note", "kind", EB_CARD_KIND_NOTE,
                            "notes", "Check the date.", "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_LINK, "id", "granted", "from-id", "putin", "to-id", "assad",
                            "label", "granted asylum to", "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_LINK, "id", "reported", "from-id", "flight", "to-id", "tass",
                            "kind", EB_LINK_KIND_REPORTED_BY, "credibility", 2u,
                            "created", t, "modified", t, NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_FRAME, "id", "frame", "label", "December 2024",
                            "created", t, "modified", t, NULL));

  g_assert_true (eb_json_write_file (board, path, &error));
  g_assert_no_error (error);

  return path;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* ------------------------------------------------------------------ */

static void
test_check_json (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = write_good_json (f, "good.json");
  g_autofree char *expected = NULL;
  g_auto(EbTestRun) r = { 0 };

  eb_test_run_binary (&r, "--check", path, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);

  expected = g_strdup_printf ("%s: Evidence Board JSON file, “Assad’s asylum”, 5 cards "
                              "(2 people, 1 event, 1 source, 1 note), 2 links, 1 frame\n", path);
  g_assert_cmpstr (r.out, ==, expected);
}

static void
test_check_board (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *json = write_good_json (f, "good.json");
  g_autofree char *board = path_in (f, "good.board");
  g_autofree char *expected = NULL;
  g_auto(EbTestRun) r = { 0 };
  g_auto(EbTestRun) check = { 0 };

  eb_test_run_binary (&r, "--export", board, json, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (board, G_FILE_TEST_IS_REGULAR));

  eb_test_run_binary (&check, "--check", board, NULL);
  g_assert_cmpstr (check.err, ==, "");
  g_assert_cmpint (check.status, ==, 0);
  expected = g_strdup_printf ("%s: Evidence Board file, “Assad’s asylum”, 5 cards "
                              "(2 people, 1 event, 1 source, 1 note), 2 links, 1 frame\n", board);
  g_assert_cmpstr (check.out, ==, expected);
}

static void
test_check_hostile (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *json = write_good_json (f, "good.json");
  g_autofree char *board = path_in (f, "good.board");
  g_autofree char *json_text = read_text (json);
  g_autofree char *board_bytes = NULL;
  g_autofree char *deep_arrays = eb_test_nest ("[", 100000);
  g_autofree char *deep_objects = eb_test_nest ("{\"a\":", 100000);
  gsize board_length = 0;
  g_auto(EbTestRun) r = { 0 };
  struct {
    const char *name;
    const char *contents;
    gssize length;
    const char *reason;
  } files[] = {
    { "notes.txt", "Assad fled to Moscow.\n", -1, "Not an Evidence Board file" },
    { "random.bin", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL },
    /* Cut between two members, so it is the end that is wrong. */
    { "truncated.json", json_text, strstr (json_text, "\"links\"") - json_text, "truncated" },
    { "truncated.board", NULL, 0, NULL },
    { "header-only.board", "SQLite format 3", 16, NULL },
    { "short.board", "SQLite for", -1, "truncated" },
    { "not-sqlite.board", "hello\n", -1, NULL },
    { "deep-arrays.json", deep_arrays, -1, "nested" },
    { "deep-objects.json", deep_objects, -1, "nested" },
    { "empty.json", "", 0, "empty" },
    { "empty.board", "", 0, NULL },
    { "other.json", "{\"format\":\"something-else\",\"version\":1,\"cards\":[]}", -1, "not an Evidence Board file" },
    { "too-new.json", "{\"format\":\"evidence-board\",\"version\":99,\"cards\":[]}", -1, "newer" },
    { "comment.json", "// hi\n{}", -1, "comment" },
    { "huge-int.json", "{\"format\":\"evidence-board\",\"version\":1,\"cards\":[{\"id\":\"c\",\"x\":99999999999999999999}]}", -1, NULL },
    /* Read as what it is, a canvas, whatever its name; and refused as one. */
    { "canvas.json", "{\"nodes\":[{\"id\":\"a\",\"type\":\"text\",\"x\":1e300,\"y\":0,\"width\":1,\"height\":1}]}", -1,
      "Node “a”: “x” is 1e+300" },
  };

  eb_test_run_binary (&r, "--export", board, json, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (board, &board_bytes, &board_length, NULL));
  files[3].contents = board_bytes;
  files[3].length = board_length / 2;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = path_in (f, files[i].name);
      g_auto(EbTestRun) check = { 0 };

      g_assert_true (g_file_set_contents (path, files[i].contents, files[i].length, NULL));
      eb_test_run_binary (&check, "--check", path, NULL);
      assert_file_error (&check, path, files[i].reason);
      g_assert_cmpint (check.status, ==, 1);
    }

  /* A folder is not a board either. */
  {
    g_auto(EbTestRun) check = { 0 };

    eb_test_run_binary (&check, "--check", f->dir, NULL);
    assert_file_error (&check, f->dir, NULL);
  }
}

static void
test_check_missing (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = path_in (f, "missing.board");
  g_auto(EbTestRun) r = { 0 };

  eb_test_run_binary (&r, "--check", path, NULL);
  assert_file_error (&r, path, "No such file");
  g_assert_cmpint (r.status, ==, 1);
}

/* Several files: one line each, and a failure if any fails. */
static void
test_check_several (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *good = write_good_json (f, "good.json");
  g_autofree char *bad = path_in (f, "bad.json");
  g_auto(EbTestRun) r = { 0 };
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_set_contents (bad, "{", -1, NULL));
  eb_test_run_binary (&r, "--check", good, bad, good, NULL);
  g_assert_cmpint (r.status, ==, 1);

  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], good));
  g_assert_true (g_str_has_prefix (lines[1], good));
  g_assert_cmpstr (lines[2], ==, "");
  g_assert_true (g_str_has_prefix (r.err, "evidence-board: "));
  g_assert_nonnull (strstr (r.err, bad));
  g_assert_true (strchr (r.err, '\n') == r.err + strlen (r.err) - 1);
}

static void
export_ok (const char *out,
           const char *in)
{
  g_autofree char *option = g_strconcat ("--export=", out, NULL);
  g_auto(EbTestRun) r = { 0 };

  eb_test_run_binary (&r, option, in, NULL);
  if (r.status != 0)
    g_error ("export %s → %s failed: %s", in, out, r.err);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpstr (r.out, ==, "");
}

static void
test_export_roundtrip (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *json = write_good_json (f, "good.json");
  g_autofree char *board = path_in (f, "a.board");
  g_autofree char *board2 = path_in (f, "b.board");
  g_autofree char *json2 = path_in (f, "back.json");
  g_autofree char *json3 = path_in (f, "again.json");
  g_autofree char *json4 = path_in (f, "via-b.json");
  g_autofree char *renamed = path_in (f, "renamed.json");
  g_autofree char *json5 = path_in (f, "from-renamed.json");
  g_autofree char *original = read_text (json);
  g_autofree char *text = NULL;

  /* json → board → json gives the same bytes. */
  export_ok (board, json);
  export_ok (json2, board);
  text = read_text (json2);
  g_assert_cmpstr (text, ==, original);
  g_clear_pointer (&text, g_free);

  /* json → json, board → board → json. */
  export_ok (json3, json);
  text = read_text (json3);
  g_assert_cmpstr (text, ==, original);
  g_clear_pointer (&text, g_free);

  export_ok (board2, board);
  export_ok (json4, board2);
  text = read_text (json4);
  g_assert_cmpstr (text, ==, original);
  g_clear_pointer (&text, g_free);

  /* The content picks the reader, not the name: a .board renamed .json. */
  g_assert_cmpint (g_rename (board2, renamed), ==, 0);
  export_ok (json5, renamed);
  text = read_text (json5);
  g_assert_cmpstr (text, ==, original);
  g_clear_pointer (&text, g_free);

  /* Exporting over an existing file replaces it. */
  export_ok (json3, board);
  text = read_text (json3);
  g_assert_cmpstr (text, ==, original);
}

static void
test_export_unknown (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *json = write_good_json (f, "good.json");
  static const struct {
    const char *name;
    const char *reason;
  } outputs[] = {
    { "out.xyz", "Unknown export format “.xyz”" },
    { "out.txt", "Unknown export format “.txt”" },
    { "out", "no extension" },
    { "out.", "no extension" },
    { ".json", "no extension" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *out = path_in (f, outputs[i].name);
      g_autofree char *option = g_strconcat ("--export=", out, NULL);
      g_auto(EbTestRun) r = { 0 };

      eb_test_run_binary (&r, option, json, NULL);
      assert_file_error (&r, out, outputs[i].reason);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
}

static void
test_export_missing_input (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *in = path_in (f, "missing.json");
  g_autofree char *out = path_in (f, "out.board");
  g_autofree char *option = g_strconcat ("--export=", out, NULL);
  g_auto(EbTestRun) r = { 0 };

  eb_test_run_binary (&r, option, in, NULL);
  assert_file_error (&r, in, "No such file");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* A bad input never touches an existing output. */
static void
test_export_bad_input (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *in = path_in (f, "bad.json");
  g_autofree char *out = path_in (f, "keep.json");
  g_autofree char *option = g_strconcat ("--export=", out, NULL);
  g_autofree char *kept = NULL;
  g_auto(EbTestRun) r = { 0 };

  g_assert_true (g_file_set_contents (in, "{\"format\":\"evidence-board\",\"version\":1,"
                                      "\"cards\":[{\"id\":\"c\",\"x\":\"12\"}]}", -1, NULL));
  g_assert_true (g_file_set_contents (out, "precious", -1, NULL));

  eb_test_run_binary (&r, option, in, NULL);
  assert_file_error (&r, in, "“x” must be a number");
  kept = read_text (out);
  g_assert_cmpstr (kept, ==, "precious");
}

static void
test_export_unwritable (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *json = write_good_json (f, "good.json");
  g_autofree char *no_dir_json = g_build_filename (f->dir, "no-such-dir", "out.json", NULL);
  g_autofree char *no_dir_board = g_build_filename (f->dir, "no-such-dir", "out.board", NULL);
  g_autofree char *under_file = g_build_filename (json, "out.json", NULL);
  g_autofree char *is_dir = path_in (f, "folder.json");
  const char *outputs[] = { no_dir_json, no_dir_board, under_file, is_dir };

  g_assert_cmpint (g_mkdir (is_dir, 0755), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *option = g_strconcat ("--export=", outputs[i], NULL);
      g_auto(EbTestRun) r = { 0 };

      eb_test_run_binary (&r, option, json, NULL);
      assert_file_error (&r, outputs[i], NULL);
      g_assert_cmpint (r.status, ==, 1);
    }

  /* Nothing left behind in the folder (no temporary files). */
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (dir) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 2);
  }
}

static void
test_scale (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *json = write_good_json (f, "good.json");
  g_autofree char *png = path_in (f, "out.png");
  g_autofree char *export_png = g_strconcat ("--export=", png, NULL);
  g_autofree char *out_json = path_in (f, "out.json");
  g_autofree char *export_json = g_strconcat ("--export=", out_json, NULL);
  static const char *bad[] = { "--scale=0", "--scale=-1", "--scale=1e9", "--scale=nan", "--scale=inf",
                               "--scale=abc", "--scale=", "--scale=2x", "--scale=16.5", "--scale=-0" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(EbTestRun) r = { 0 };

      eb_test_run_binary (&r, bad[i], export_png, json, NULL);
      assert_usage_error (&r, "--scale");
    }

  /* Valid scales draw the board. */
  {
    static const char *good[] = { "--scale=2", "--scale=0.5", "--scale=16" };

    for (guint i = 0; i < G_N_ELEMENTS (good); i++)
      {
        g_auto(EbTestRun) r = { 0 };

        eb_test_run_binary (&r, good[i], export_png, json, NULL);
        g_assert_cmpstr (r.err, ==, "");
        g_assert_cmpint (r.status, ==, 0);
        g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
        g_unlink (png);
      }
  }

  /* A scale means nothing for a board file. */
  {
    g_auto(EbTestRun) r = { 0 };

    eb_test_run_binary (&r, "--scale=2", export_json, json, NULL);
    assert_usage_error (&r, "image");
    g_assert_false (g_file_test (out_json, G_FILE_TEST_EXISTS));
  }
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *json = write_good_json (f, "good.json");
  g_autofree char *out = path_in (f, "out.board");
  g_autofree char *export = g_strconcat ("--export=", out, NULL);
  g_auto(EbTestRun) a = { 0 };
  g_auto(EbTestRun) b = { 0 };
  g_auto(EbTestRun) c = { 0 };
  g_auto(EbTestRun) d = { 0 };
  g_auto(EbTestRun) e = { 0 };
  g_auto(EbTestRun) g = { 0 };
  g_auto(EbTestRun) h = { 0 };

  eb_test_run_binary (&a, "--check", export, json, NULL);
  assert_usage_error (&a, "together");
  eb_test_run_binary (&b, export, NULL);
  assert_usage_error (&b, "FILE");
  eb_test_run_binary (&c, export, json, json, NULL);
  assert_usage_error (&c, "FILE");
  eb_test_run_binary (&d, "--check", NULL);
  assert_usage_error (&d, "FILE");
  eb_test_run_binary (&e, "--check", "--no-such-option", json, NULL);
  assert_usage_error (&e, "--no-such-option");
  eb_test_run_binary (&g, "--export=", json, NULL);
  assert_usage_error (&g, "--export");
  eb_test_run_binary (&h, "--scale=2", json, NULL);
  assert_usage_error (&h, "--scale");

  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* ------------------------------------------------------------------ */
/* JSON Canvas and choosing the reader                                 */
/* ------------------------------------------------------------------ */

static void
assert_same_boards (EbBoard *a,
                    EbBoard *b)
{
  g_autofree char *difference = NULL;

  if (!eb_board_equal (a, b, &difference))
    g_error ("the boards differ: %s", difference);
}

static void
export_quietly (const char *output,
                const char *input)
{
  g_autofree char *option = g_strconcat ("--export=", output, NULL);
  g_auto(EbTestRun) r = { 0 };

  eb_test_run_binary (&r, option, input, NULL);
  if (r.status != 0)
    g_error ("--export=%s %s failed: %s", output, input, r.err);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpstr (r.err, ==, "");
}

/* evidence-board --export=out.canvas in.board, and back: nothing lost. */
static void
test_canvas_both_ways (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (g_getenv ("EB_SOURCE_ROOT"), "data", "samples",
                                              "assad-asylum.json", NULL);
  g_autofree char *board_path = path_in (f, "sample.board");
  g_autofree char *canvas_path = path_in (f, "sample.canvas");
  g_autofree char *back_path = path_in (f, "back.board");
  g_autoptr(EbBoard) original = NULL;
  g_autoptr(EbBoard) canvas = NULL;
  g_autoptr(EbBoard) back = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(EbTestRun) check = { 0 };
  g_autofree char *expected = NULL;

  /* The sample has no times, so each read of it is "now": compare with
   * the .board that fixed them. */
  export_quietly (board_path, sample);
  original = eb_store_read_file (board_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (eb_board_get_n_items (original), >, 40);
  export_quietly (canvas_path, board_path);
  export_quietly (back_path, canvas_path);

  canvas = eb_jsoncanvas_read_file (canvas_path, &error);
  g_assert_no_error (error);
  assert_same_boards (original, canvas);

  back = eb_store_read_file (back_path, &error);
  g_assert_no_error (error);
  assert_same_boards (original, back);

  eb_test_run_binary (&check, "--check", canvas_path, NULL);
  g_assert_cmpint (check.status, ==, 0);
  expected = g_strdup_printf ("%s: JSON Canvas file, ", canvas_path);
  g_assert_true (g_str_has_prefix (check.out, expected));
}

/* Every real canvas checks, converts to a board and back. */
static void
test_canvas_obsidian (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_getenv ("EB_SOURCE_ROOT"), "tests", "data", "jsoncanvas", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *board_path = path_in (f, "x.board");
      g_autofree char *canvas_path = path_in (f, "y.canvas");
      g_autofree char *expected = NULL;
      g_autofree char *cards = NULL;
      g_autoptr(EbBoard) direct = NULL;
      g_autoptr(EbBoard) via_board = NULL;
      g_autoptr(EbBoard) via_canvas = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(EbTestRun) check = { 0 };
      EbJsonCanvasReport report;
      g_autofree char *left_out = NULL;
      guint n_cards;

      if (!g_str_has_suffix (name, ".canvas"))
        continue;
      n_files++;
      path = g_build_filename (dir, name, NULL);
      direct = eb_jsoncanvas_read_file_full (path, &report, &error);
      g_assert_no_error (error);
      n_cards = g_list_model_get_n_items (eb_board_get_cards (direct));

      /* One line: what it is, its counts, and what was left out. */
      eb_test_run_binary (&check, "--check", path, NULL);
      g_assert_cmpint (check.status, ==, 0);
      g_assert_cmpstr (check.err, ==, "");
      cards = g_strdup_printf (n_cards == 1 ? "%u card " : "%u cards ", n_cards);
      expected = g_strdup_printf ("%s: JSON Canvas file, untitled, %s", path, cards);
      if (!g_str_has_prefix (check.out, expected))
        g_error ("“%s” does not start with “%s”", check.out, expected);
      left_out = eb_jsoncanvas_report_describe (&report);
      if (left_out != NULL)
        g_assert_nonnull (strstr (check.out, left_out));
      g_assert_cmpint (strchr (check.out, '\n')[1], ==, '\0');

      export_quietly (board_path, path);
      export_quietly (canvas_path, board_path);
      via_board = eb_store_read_file (board_path, &error);
      g_assert_no_error (error);
      via_canvas = eb_jsoncanvas_read_file (canvas_path, &error);
      g_assert_no_error (error);
      assert_same_boards (via_board, via_canvas);
      g_assert_cmpuint (eb_board_get_n_items (via_board), ==, eb_board_get_n_items (direct));
    }
  g_assert_cmpuint (n_files, >=, 7);
}

static char *
deep (const char *open,
      guint       depth)
{
  GString *s = g_string_new ("{\"nodes\":");

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  return g_string_free (s, FALSE);
}

/* Hostile canvases: exit 1 and one line naming the file and the problem. */
static void
test_canvas_hostile (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *nested = deep ("[", 100000);
  static const char node[] = "{\"id\":\"n\",\"type\":\"text\",\"x\":0,\"y\":0,\"width\":10,\"height\":10";
  g_autofree char *huge_x = g_strdup_printf ("{\"nodes\":[%s,\"x\":1e300}]}", node);
  g_autofree char *inf_x = g_strdup_printf ("{\"nodes\":[%s,\"y\":1e400}]}", node);
  g_autofree char *big_int = g_strdup_printf ("{\"nodes\":[%s,\"width\":18446744073709551616}]}", node);
  g_autofree char *nan_x = g_strdup_printf ("{\"nodes\":[%s,\"x\":\"NaN\"}]}", node);
  g_autofree char *zero = g_strdup_printf ("{\"nodes\":[%s,\"width\":0}]}", node);
  g_autofree char *dup = g_strdup_printf ("{\"nodes\":[%s},%s}]}", node, node);
  g_autofree char *no_id = g_strdup ("{\"nodes\":[{\"type\":\"text\",\"x\":0,\"y\":0,\"width\":1,\"height\":1}]}");
  g_autofree char *bad_utf8 = g_strdup_printf ("\xef\xbb\xbf{\"nodes\":[%s,\"text\":\"\xc3\x28\"}]}", node);
  struct {
    const char *name;
    const char *contents;
    gssize length;
    const char *reason;
  } files[] = {
    { "empty.canvas", "", 0, "empty" },
    { "deep.canvas", nested, -1, "nested" },
    { "huge-x.canvas", huge_x, -1, "“x” is 1e+300" },
    { "inf.canvas", inf_x, -1, "too large" },
    { "big-int.canvas", big_int, -1, "more than 18 digits" },
    { "nan.canvas", nan_x, -1, "must be a number" },
    { "zero-width.canvas", zero, -1, "“width” is 0" },
    { "duplicate.canvas", dup, -1, "“n”" },
    { "no-id.canvas", no_id, -1, "“id” is missing" },
    { "bad-utf8.canvas", bad_utf8, -1, "UTF-8" },
    { "quotes.canvas", "{'nodes':[]}", -1, "single-quoted" },
    { "text.canvas", "Louis Campau Sr.\n", -1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = path_in (f, files[i].name);
      g_autofree char *out = path_in (f, "out.board");
      g_autofree char *option = g_strconcat ("--export=", out, NULL);
      g_auto(EbTestRun) check = { 0 };
      g_auto(EbTestRun) export = { 0 };

      g_assert_true (g_file_set_contents (path, files[i].contents, files[i].length, NULL));
      eb_test_run_binary (&check, "--check", path, NULL);
      assert_file_error (&check, path, files[i].reason);
      g_assert_cmpint (check.status, ==, 1);

      /* And nothing is written from it. */
      eb_test_run_binary (&export, option, path, NULL);
      assert_file_error (&export, path, files[i].reason);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
}

/* The content picks the reader; the name only when the content says
 * nothing. */
static void
test_routing (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *json = write_good_json (f, "good.json");
  g_autofree char *json_text = read_text (json);
  g_autofree char *board = path_in (f, "good.board");
  g_autofree char *renamed = path_in (f, "board.canvas");
  g_autofree char *json_as_canvas = path_in (f, "ours.canvas");
  g_autofree char *canvas_as_json = path_in (f, "theirs.json");
  g_autofree char *empty_canvas = path_in (f, "empty.canvas");
  g_autofree char *empty_json = path_in (f, "empty.json");
  g_autofree char *lines = path_in (f, "entities.txt");
  g_autofree char *diagram = path_in (f, "diagram.json");
  g_autofree char *edges_first = path_in (f, "edges-first.data");
  g_auto(EbTestRun) r1 = { 0 };
  g_auto(EbTestRun) r2 = { 0 };
  g_auto(EbTestRun) r3 = { 0 };
  g_auto(EbTestRun) r4 = { 0 };
  g_autofree char *expected = NULL;

  export_quietly (board, json);
  g_assert_true (g_file_set_contents (renamed, NULL, 0, NULL));
  {
    g_autofree char *bytes = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (board, &bytes, &length, NULL));
    g_assert_true (g_file_set_contents (renamed, bytes, length, NULL));
  }
  g_assert_true (g_file_set_contents (json_as_canvas, json_text, -1, NULL));
  g_assert_true (g_file_set_contents (canvas_as_json, "{\"nodes\":[],\"edges\":[]}", -1, NULL));
  g_assert_true (g_file_set_contents (empty_canvas, "{}", -1, NULL));
  g_assert_true (g_file_set_contents (empty_json, "{}", -1, NULL));
  g_assert_true (g_file_set_contents (lines, "{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Bashar al-Assad\"]}}\n"
                                             "{\"id\":\"p2\",\"schema\":\"Person\",\"properties\":{}}\n", -1, NULL));
  g_assert_true (g_file_set_contents (diagram, "{\"layout\":{\"vertices\":[]},\"entities\":[]}", -1, NULL));
  g_assert_true (g_file_set_contents (edges_first, "{\"edges\":[],\"metadata\":{},\"nodes\":[]}", -1, NULL));

  g_assert_cmpint (eb_convert_detect (renamed), ==, EB_FILE_FORMAT_BOARD);
  g_assert_cmpint (eb_convert_detect (json_as_canvas), ==, EB_FILE_FORMAT_JSON);
  g_assert_cmpint (eb_convert_detect (canvas_as_json), ==, EB_FILE_FORMAT_CANVAS);
  g_assert_cmpint (eb_convert_detect (empty_canvas), ==, EB_FILE_FORMAT_CANVAS);
  g_assert_cmpint (eb_convert_detect (empty_json), ==, EB_FILE_FORMAT_JSON);
  g_assert_cmpint (eb_convert_detect (lines), ==, EB_FILE_FORMAT_JSONL);
  g_assert_cmpint (eb_convert_detect (diagram), ==, EB_FILE_FORMAT_FTM);
  g_assert_cmpint (eb_convert_detect (edges_first), ==, EB_FILE_FORMAT_CANVAS);

  eb_test_run_binary (&r1, "--check", canvas_as_json, NULL);
  expected = g_strdup_printf ("%s: JSON Canvas file, untitled, 0 cards", canvas_as_json);
  g_assert_true (g_str_has_prefix (r1.out, expected));
  g_clear_pointer (&expected, g_free);

  eb_test_run_binary (&r2, "--check", json_as_canvas, NULL);
  expected = g_strdup_printf ("%s: Evidence Board JSON file, “Assad’s asylum”, 5 cards", json_as_canvas);
  g_assert_true (g_str_has_prefix (r2.out, expected));
  g_clear_pointer (&expected, g_free);

  eb_test_run_binary (&r3, "--check", empty_canvas, NULL);
  expected = g_strdup_printf ("%s: JSON Canvas file, untitled, 0 cards", empty_canvas);
  g_assert_true (g_str_has_prefix (r3.out, expected));

  eb_test_run_binary (&r4, "--check", empty_json, NULL);
  assert_file_error (&r4, empty_json, "format");
}

static void
test_version_help (void)
{
  g_auto(EbTestRun) version = { 0 };
  g_auto(EbTestRun) help = { 0 };

  eb_test_run_binary (&version, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "evidence-board " PACKAGE_VERSION "\n");
  g_assert_cmpstr (version.err, ==, "");

  eb_test_run_binary (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--check"));
  g_assert_nonnull (strstr (help.out, "--export=OUT"));
  g_assert_nonnull (strstr (help.out, "--scale=S"));
  g_assert_nonnull (strstr (help.out, "--version"));
  g_assert_nonnull (strstr (help.out, ".canvas"));
  g_assert_nonnull (strstr (help.out, ".jsonl"));
  g_assert_nonnull (strstr (help.out, ".ftm"));
}

static guint
count_of (const char *summary,
          const char *what)
{
  g_autofree char *pattern = g_strdup_printf ("([0-9]+) %s", what);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;

  if (!g_regex_match (regex, summary, 0, &match))
    g_error ("no “%s” in “%s”", what, summary);
  number = g_match_info_fetch (match, 1);
  return (guint) g_ascii_strtoull (number, NULL, 10);
}

/* The sample board that ships with the app is a usable board and tells
 * the story: enough people, events and sources. */
static void
test_sample (Fixture       *f,
             gconstpointer  data)
{
  const char *root = g_getenv ("EB_SOURCE_ROOT");
  g_autofree char *sample = NULL;
  g_autofree char *board = path_in (f, "sample.board");
  g_autofree char *back = path_in (f, "sample.json");
  g_auto(EbTestRun) r = { 0 };
  g_auto(EbTestRun) check = { 0 };

  if (root == NULL)
    {
      g_test_skip ("EB_SOURCE_ROOT is not set");
      return;
    }

  /* The sample is part of the source tree: missing, it is a failure. */
  sample = g_build_filename (root, "data", "samples", "assad-asylum.json", NULL);
  g_assert_true (g_file_test (sample, G_FILE_TEST_IS_REGULAR));

  eb_test_run_binary (&r, "--check", sample, NULL);
  if (r.status != 0)
    g_error ("the sample board is not usable: %s", r.err);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpuint (count_of (r.out, "(people|person)"), >=, 12);
  g_assert_cmpuint (count_of (r.out, "events?"), >=, 10);
  g_assert_cmpuint (count_of (r.out, "sources?"), >=, 8);

  /* And it survives a trip through a .board file. */
  export_ok (board, sample);
  export_ok (back, board);
  eb_test_run_binary (&check, "--check", back, NULL);
  g_assert_cmpint (check.status, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/eb/cli/check/json", test_check_json);
  ADD ("/eb/cli/check/board", test_check_board);
  ADD ("/eb/cli/check/hostile", test_check_hostile);
  ADD ("/eb/cli/check/missing", test_check_missing);
  ADD ("/eb/cli/check/several", test_check_several);
  ADD ("/eb/cli/check/sample", test_sample);
  ADD ("/eb/cli/export/roundtrip", test_export_roundtrip);
  ADD ("/eb/cli/export/unknown-extension", test_export_unknown);
  ADD ("/eb/cli/export/missing-input", test_export_missing_input);
  ADD ("/eb/cli/export/bad-input", test_export_bad_input);
  ADD ("/eb/cli/export/unwritable", test_export_unwritable);
  ADD ("/eb/cli/options/scale", test_scale);
  ADD ("/eb/cli/options/usage", test_usage);
  ADD ("/eb/cli/canvas/both-ways", test_canvas_both_ways);
  ADD ("/eb/cli/canvas/obsidian", test_canvas_obsidian);
  ADD ("/eb/cli/canvas/hostile", test_canvas_hostile);
  ADD ("/eb/cli/routing", test_routing);
  g_test_add_func ("/eb/cli/options/version-help", test_version_help);

#undef ADD

  return g_test_run ();
}
