/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eb-convert.h"
#include "eb-history.h"
#include "eb-hostile-corpus.h"
#include "eb-json.h"
#include "eb-limits.h"
#include "eb-store-private.h"
#include "eb-test-util.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static char *
test_dir (const char *name)
{
  /* Under G_TEST_OPTION_ISOLATE_DIRS, a fresh directory per test. */
  char *dir = g_build_filename (g_get_user_cache_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static char *
working_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "evidence-board", "working", NULL);
}

static GPtrArray *
items_of (gpointer first,
          ...)
{
  GPtrArray *items = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (gpointer item = first; item != NULL; item = va_arg (args, gpointer))
    g_ptr_array_add (items, item);
  va_end (args);
  return items;
}

static EbItem *
item_at (GListModel *list,
         guint       position)
{
  EbItem *item = g_list_model_get_item (list, position);

  /* The board holds it. */
  g_object_unref (item);
  return item;
}

static EbCard *
full_card (EbCardKind  kind,
           EbGrade     grade,
           const char *date,
           const char *end_date,
           double      x)
{
  return g_object_new (EB_TYPE_CARD,
                       "kind", kind,
                       "created", (gint64) 1733650000000000 + (gint64) x,
                       "modified", (gint64) 1733660000000000 + (gint64) x,
                       "x", x, "y", -x / 3.0,
                       "width", 240.5, "height", 130.25,
                       "grade", grade,
                       "color", "#a1b2c3",
                       "title", "Bashar al-Assad",
                       "aliases", "بشار الأسد; Bashar Hafez al-Assad",
                       "role", "Former president of Syria",
                       "notes", "Fled to Moscow on 8 December 2024.\nGranted asylum.",
                       "date", date,
                       "end-date", end_date,
                       "place", "Moscow",
                       "publisher", "Reuters",
                       "url", "https://example.org/assad-moscow",
                       NULL);
}

/* A board with every card kind, every field set, every link kind,
 * direction and credibility, frames and a title. */
static EbBoard *
full_board (void)
{
  EbBoard *board = eb_board_new ();
  const char *dates[] = { "2024", "2024-12", "2024-12-08", "2024-12-08T14:30" };
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  eb_board_set_title (board, "Assad asylum — بشار الأسد");

  for (EbCardKind kind = EB_CARD_KIND_PERSON; kind <= EB_CARD_KIND_NOTE; kind++)
    for (EbGrade grade = EB_GRADE_NONE; grade <= EB_GRADE_F; grade++)
      {
        EbCard *card = full_card (kind, grade, dates[n % 4], dates[(n + 1) % 4], 10.5 * n - 300);

        g_ptr_array_add (ids, g_strdup (eb_item_get_id (EB_ITEM (card))));
        eb_test_take_item (board, card);
        n++;
      }

  n = 0;
  for (EbLinkKind kind = EB_LINK_KIND_RELATED; kind <= EB_LINK_KIND_CONTRADICTS; kind++)
    for (EbLinkDirection dir = EB_LINK_DIRECTION_NONE; dir <= EB_LINK_DIRECTION_BOTH; dir++)
      {
        EbLink *link = g_object_new (EB_TYPE_LINK,
                                     "from-id", g_ptr_array_index (ids, n % ids->len),
                                     "to-id", g_ptr_array_index (ids, (n * 7 + 3) % ids->len),
                                     "kind", kind,
                                     "direction", dir,
                                     "label", "granted asylum to — منح اللجوء",
                                     "color", "#ff0080",
                                     "credibility", n % 7,
                                     "created", (gint64) 1733650000000000 + n,
                                     "modified", (gint64) 1733670000000000 + n,
                                     NULL);
        eb_test_take_item (board, link);
        n++;
      }

  eb_test_take_item (board, g_object_new (EB_TYPE_FRAME, "label", "The Jaafari affair", "color", "#00ff00",
                            "x", -100.0, "y", 250.75, "width", 900.0, "height", 450.0,
                            "created", (gint64) 1700000000000000, "modified", (gint64) 1700000000000001,
                            NULL));
  eb_test_take_item (board, eb_frame_new (NULL, 1e6, -1e6, EB_SIZE_MIN, EB_SIZE_MAX));

  g_ptr_array_unref (ids);
  return board;
}

static char *
sql_get_text (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* Lists a directory, sorted, so tests can tell nothing was left behind. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *entry;

  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)))
    g_ptr_array_add (names, (gpointer) entry);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
assert_board_file_clean (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *integrity = sql_get_text (path, "PRAGMA integrity_check");
  g_autofree char *working = sql_get_text (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'working'");
  g_autofree char *contents = NULL;
  g_autofree char *entries = list_dir (dir);
  gsize length;

  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpstr (working, ==, "0");

  /* Rollback-journal mode in the header (bytes 18/19 are 1, not 2 = WAL). */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 100);
  g_assert_cmpint (contents[18], ==, 1);
  g_assert_cmpint (contents[19], ==, 1);

  /* Nothing beside it: no journal, WAL or temporary file. */
  g_assert_null (strstr (entries, ".tmp"));
  g_assert_null (strstr (entries, "-journal"));
  g_assert_null (strstr (entries, "-wal"));
}

/* ------------------------------------------------------------------ */
/* Round trips                                                         */
/* ------------------------------------------------------------------ */

static void
test_roundtrip_file (void)
{
  g_autofree char *dir = test_dir ("rt");
  g_autofree char *path = g_build_filename (dir, "assad.board", NULL);
  g_autoptr(EbBoard) board = full_board ();
  g_autoptr(EbBoard) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_store_write_file (board, path, &error));
  g_assert_no_error (error);
  assert_board_file_clean (path);

  read = eb_store_read_file (path, &error);
  g_assert_no_error (error);
  eb_test_assert_boards_equal (board, read);
  g_assert_cmpuint (eb_board_get_n_items (read), ==, 28 + 12 + 2);

  /* Written again over itself: still equal, still clean. */
  g_assert_true (eb_store_write_file (read, path, &error));
  g_assert_no_error (error);
  g_clear_object (&read);
  read = eb_store_read_file (path, &error);
  g_assert_no_error (error);
  eb_test_assert_boards_equal (board, read);
  assert_board_file_clean (path);
}

static void
test_roundtrip_empty (void)
{
  g_autofree char *dir = test_dir ("empty");
  g_autofree char *path = g_build_filename (dir, "empty.board", NULL);
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbBoard) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_store_write_file (board, path, &error));
  read = eb_store_read_file (path, &error);
  g_assert_no_error (error);
  eb_test_assert_boards_equal (board, read);
  g_assert_null (eb_board_get_title (read));
}

static void
test_roundtrip_store (void)
{
  g_autofree char *dir = test_dir ("store");
  g_autofree char *wdir = working_dir ();
  g_autofree char *path = g_build_filename (dir, "saved.board", NULL);
  g_autoptr(EbBoard) source = full_board ();
  g_autoptr(EbStore) store = NULL;
  g_autoptr(EbStore) opened = NULL;
  g_autoptr(EbBoard) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GListModel *lists[3];
  struct stat st;

  store = eb_store_new (wdir, &error);
  g_assert_no_error (error);
  g_assert_null (eb_store_get_path (store));
  g_assert_false (eb_store_get_dirty (store));
  g_assert_true (g_file_test (eb_store_get_working_path (store), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (stat (wdir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* Copy the full board in, item by item, through the store's board. */
  eb_board_set_title (eb_store_get_board (store), eb_board_get_title (source));
  lists[0] = eb_board_get_cards (source);
  lists[1] = eb_board_get_links (source);
  lists[2] = eb_board_get_frames (source);
  for (guint l = 0; l < 3; l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(EbItem) item = g_list_model_get_item (lists[l], i);
        eb_test_take_item (eb_store_get_board (store), eb_item_copy (item));
      }
  g_assert_true (eb_store_get_dirty (store));

  g_assert_true (eb_store_save (store, path, &error));
  g_assert_no_error (error);
  g_assert_false (eb_store_get_dirty (store));
  g_assert_true (g_path_is_absolute (eb_store_get_path (store)));
  assert_board_file_clean (path);

  read = eb_store_read_file (path, &error);
  g_assert_no_error (error);
  eb_test_assert_boards_equal (source, read);

  /* Opening copies it into a new working copy without touching it, once
   * the store that saved it has let it go. */
  eb_store_discard (store);
  g_file_get_contents (path, &before, NULL, NULL);
  opened = eb_store_open (path, wdir, &error);
  g_assert_no_error (error);
  eb_test_assert_boards_equal (source, eb_store_get_board (opened));
  g_assert_false (eb_store_get_dirty (opened));
  g_assert_cmpstr (eb_store_get_path (opened), ==, eb_store_get_path (store));
  g_assert_cmpstr (eb_store_get_working_path (opened), !=, eb_store_get_working_path (store));
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);

  /* Saving to the current path. */
  eb_board_set_title (eb_store_get_board (opened), "Changed");
  g_assert_true (eb_store_get_dirty (opened));
  g_assert_true (eb_store_save (opened, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&read);
  read = eb_store_read_file (path, &error);
  g_assert_cmpstr (eb_board_get_title (read), ==, "Changed");
  assert_board_file_clean (path);

  eb_store_discard (store);
  eb_store_discard (opened);
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_dirty_notify (void)
{
  g_autofree char *dir = test_dir ("notify");
  g_autofree char *wdir = working_dir ();
  g_autofree char *path = g_build_filename (dir, "n.board", NULL);
  g_autoptr(EbStore) store = eb_store_new (wdir, NULL);
  EbBoard *board = eb_store_get_board (store);
  g_autoptr(GError) error = NULL;
  guint dirty_count = 0, path_count = 0;
  EbCard *card;

  g_signal_connect (store, "notify::dirty", G_CALLBACK (on_notify_count), &dirty_count);
  g_signal_connect (store, "notify::path", G_CALLBACK (on_notify_count), &path_count);

  card = eb_card_new (EB_CARD_KIND_PERSON);
  eb_test_take_item (board, card);
  eb_card_set_position (card, 10, 20);
  eb_board_set_title (board, "x");
  g_assert_cmpuint (dirty_count, ==, 1);

  g_assert_true (eb_store_save (store, path, &error));
  g_assert_cmpuint (dirty_count, ==, 2);
  g_assert_cmpuint (path_count, ==, 1);
  g_assert_true (eb_store_save (store, NULL, &error));
  g_assert_cmpuint (dirty_count, ==, 2);
  g_assert_cmpuint (path_count, ==, 1);

  eb_store_discard (store);
  g_assert_null (eb_store_get_working_path (store));
}

/* ------------------------------------------------------------------ */
/* The working copy                                                    */
/* ------------------------------------------------------------------ */

static gboolean
ptr_array_has_str (GPtrArray  *array,
                   const char *str)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), str) == 0)
      return TRUE;
  return FALSE;
}

static EbBoard *
recover_and_check (const char *working_path,
                   EbBoard    *expected)
{
  g_autoptr(EbStore) recovered = NULL;
  g_autoptr(GError) error = NULL;

  recovered = eb_store_recover (working_path, &error);
  g_assert_no_error (error);
  g_assert_true (eb_store_get_dirty (recovered));
  if (expected)
    eb_test_assert_boards_equal (expected, eb_store_get_board (recovered));
  return g_object_ref (eb_store_get_board (recovered));
}

static void
test_working_history (void)
{
  g_autofree char *wdir = working_dir ();
  g_autoptr(EbStore) store = eb_store_new (wdir, NULL);
  g_autoptr(EbBoard) board = g_object_ref (eb_store_get_board (store));
  g_autoptr(EbHistory) history = eb_history_new (board);
  g_autoptr(GPtrArray) recoverable = NULL;
  g_autoptr(EbBoard) recovered = NULL;
  g_autofree char *working_path = g_strdup (eb_store_get_working_path (store));
  g_autoptr(GError) error = NULL;
  EbCard *a, *b, *c;
  EbLink *ab, *bc;

  a = eb_card_new (EB_CARD_KIND_PERSON);
  b = eb_card_new (EB_CARD_KIND_EVENT);
  c = eb_card_new (EB_CARD_KIND_SOURCE);
  g_assert_true (eb_history_add (history, EB_ITEM (a), &error));
  g_assert_true (eb_history_add (history, EB_ITEM (b), &error));
  g_assert_true (eb_history_add (history, EB_ITEM (c), &error));
  ab = eb_link_new (eb_item_get_id (EB_ITEM (a)), eb_item_get_id (EB_ITEM (b)), EB_LINK_KIND_SUPPORTS, "supports");
  bc = eb_link_new (eb_item_get_id (EB_ITEM (b)), eb_item_get_id (EB_ITEM (c)), EB_LINK_KIND_REPORTED_BY, NULL);
  g_assert_true (eb_history_add (history, EB_ITEM (ab), &error));
  g_assert_true (eb_history_add (history, EB_ITEM (bc), &error));
  g_assert_no_error (error);

  eb_history_set (history, a, "x", 120.0, "y", -40.5, NULL);
  eb_history_set (history, b, "title", "Flight to Moscow", "date", "2024-12-08", NULL);
  eb_history_set (history, board, "title", "Assad", NULL);
  eb_history_set (history, c, "grade", EB_GRADE_B, "url", "https://example.org", NULL);

  /* Remove a card with its links, undo, redo, undo again. */
  eb_history_remove (history, EB_ITEM (b));
  g_assert_cmpuint (eb_board_get_n_items (board), ==, 2);
  g_assert_true (eb_history_undo (history));
  g_assert_cmpuint (eb_board_get_n_items (board), ==, 5);
  g_assert_true (eb_history_redo (history));
  g_assert_true (eb_history_undo (history));
  g_assert_true (eb_history_undo (history)); /* grade + url */
  g_assert_true (eb_history_redo (history));

  g_object_unref (a);
  g_object_unref (b);
  g_object_unref (c);
  g_object_unref (ab);
  g_object_unref (bc);

  /* The store goes without a discard, as in a crash. */
  g_clear_object (&store);
  recoverable = eb_store_list_recoverable (wdir);
  g_assert_true (ptr_array_has_str (recoverable, working_path));

  recovered = recover_and_check (working_path, board);
  g_assert_cmpuint (eb_board_get_n_items (recovered), ==, 5);
}

static void
test_working_locked (void)
{
  g_autofree char *wdir = working_dir ();
  g_autoptr(EbStore) store = eb_store_new (wdir, NULL);
  g_autoptr(EbStore) second = NULL;
  g_autoptr(GPtrArray) recoverable = NULL;
  g_autoptr(GError) error = NULL;

  eb_test_take_item (eb_store_get_board (store), eb_card_new (EB_CARD_KIND_NOTE));
  g_assert_true (eb_store_get_dirty (store));

  /* In use: neither listed nor recoverable. */
  recoverable = eb_store_list_recoverable (wdir);
  g_assert_cmpuint (recoverable->len, ==, 0);
  second = eb_store_recover (eb_store_get_working_path (store), &error);
  g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_IO);
  g_assert_null (second);
  g_assert_nonnull (strstr (error->message, ".ebwork"));

  eb_store_discard (store);
  g_clear_pointer (&recoverable, g_ptr_array_unref);
  recoverable = eb_store_list_recoverable (wdir);
  g_assert_cmpuint (recoverable->len, ==, 0);
  g_clear_object (&store);
  {
    g_autofree char *entries = list_dir (wdir);
    g_assert_cmpstr (entries, ==, "");
  }
}

static void
test_working_saved_not_listed (void)
{
  g_autofree char *dir = test_dir ("saved");
  g_autofree char *wdir = working_dir ();
  g_autofree char *path = g_build_filename (dir, "s.board", NULL);
  g_autofree char *changed_path = g_build_filename (dir, "c.board", NULL);
  g_autoptr(EbStore) store = eb_store_new (wdir, NULL);
  g_autoptr(EbStore) fresh = eb_store_new (wdir, NULL);
  g_autoptr(EbStore) changed = eb_store_new (wdir, NULL);
  g_autoptr(GPtrArray) recoverable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *working_path = g_strdup (eb_store_get_working_path (changed));
  g_autofree char *working_name = g_path_get_basename (working_path);
  g_autofree char *expected = g_strdup_printf ("%s %s.lock", working_name, working_name);
  g_autofree char *entries = NULL;
  EbCard *card = eb_card_new (EB_CARD_KIND_NOTE);

  eb_test_take_item (eb_store_get_board (store), eb_card_new (EB_CARD_KIND_NOTE));
  g_assert_true (eb_store_save (store, path, &error));
  eb_test_take_item (eb_store_get_board (changed), g_object_ref (card));
  g_assert_true (eb_store_save (changed, changed_path, &error));
  g_assert_no_error (error);
  eb_card_set_position (card, 5, 5);
  g_clear_object (&store);
  g_clear_object (&fresh);
  g_clear_object (&changed);

  /* Saved and unchanged, or new and untouched: nothing to recover, and
   * nothing left of them. Changed after the save: recoverable. */
  recoverable = eb_store_list_recoverable (wdir);
  g_assert_cmpuint (recoverable->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (recoverable, 0), ==, working_path);
  entries = list_dir (wdir);
  g_assert_cmpstr (entries, ==, expected);

  /* With its path and the change. */
  changed = eb_store_recover (working_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (eb_store_get_path (changed), ==, changed_path);
  g_assert_cmpfloat (eb_card_get_x (EB_CARD (item_at (eb_board_get_cards (eb_store_get_board (changed)), 0))), ==, 5);
  eb_store_discard (changed);
  g_object_unref (card);
}

/* What else lies in the working directory: copies in use are left alone
 * whatever they hold, as are files that cannot be read; copies that never
 * finished being made hold nothing and go. */
static void
test_working_leftovers (void)
{
  g_autofree char *dir = test_dir ("leftovers");
  g_autofree char *wdir = working_dir ();
  g_autofree char *path = g_build_filename (dir, "l.board", NULL);
  g_autofree char *copy = g_build_filename (dir, "l-copy.board", NULL);
  g_autoptr(EbStore) open_saved = eb_store_new (wdir, NULL);
  g_autoptr(EbStore) opened = NULL;
  g_autoptr(GPtrArray) recoverable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_build_filename (wdir, "0123456789abcdef0123456789abcdef.ebwork", NULL);
  g_autofree char *junk = g_build_filename (wdir, "fedcba9876543210fedcba9876543210.ebwork", NULL);
  g_autofree char *made_only = g_build_filename (wdir, "00000000000000000000000000000000.ebwork", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  eb_test_take_item (eb_store_get_board (open_saved), eb_card_new (EB_CARD_KIND_EVENT));
  g_assert_true (eb_store_save (open_saved, path, &error));
  g_assert_no_error (error);
  /* A copy: the saved file is open_saved's. */
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  }
  opened = eb_store_open (copy, wdir, &error);
  g_assert_no_error (error);

  /* Killed while the copy was being made: an empty file, or the schema
   * without the bookkeeping. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  sql_exec (made_only, "CREATE TABLE cards (id TEXT PRIMARY KEY NOT NULL)");
  g_assert_true (g_file_set_contents (junk, "not a database, not ours to delete", -1, NULL));
  before = list_dir (wdir);

  recoverable = eb_store_list_recoverable (wdir);
  g_assert_cmpuint (recoverable->len, ==, 0);
  g_assert_false (g_file_test (empty, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (made_only, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (junk, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (eb_store_get_working_path (open_saved), G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (eb_store_get_working_path (opened), G_FILE_TEST_EXISTS));
  after = list_dir (wdir);
  g_assert_nonnull (strstr (before, "00000000000000000000000000000000.ebwork"));
  g_assert_null (strstr (after, "00000000000000000000000000000000.ebwork"));
  g_assert_null (strstr (after, "0123456789abcdef0123456789abcdef.ebwork"));

  /* Both still work. */
  eb_board_set_title (eb_store_get_board (opened), "Still here");
  g_assert_true (eb_store_save (opened, NULL, &error));
  g_assert_no_error (error);
  eb_store_discard (open_saved);
  eb_store_discard (opened);
}

static void
test_working_order (void)
{
  g_autofree char *wdir = working_dir ();
  g_autoptr(EbStore) store = eb_store_new (wdir, NULL);
  g_autoptr(EbBoard) board = g_object_ref (eb_store_get_board (store));
  g_autoptr(EbHistory) history = eb_history_new (board);
  g_autofree char *working_path = g_strdup (eb_store_get_working_path (store));
  g_autoptr(EbBoard) recovered = NULL;
  g_autoptr(GError) error = NULL;
  EbCard *cards[4];

  for (guint i = 0; i < 4; i++)
    {
      cards[i] = eb_card_new (EB_CARD_KIND_NOTE);
      g_assert_true (eb_history_add (history, EB_ITEM (cards[i]), &error));
    }

  /* Delete the second card and undo: it comes back second. */
  eb_history_remove (history, EB_ITEM (cards[1]));
  g_assert_true (eb_history_undo (history));
  g_assert_cmpuint (eb_board_get_position (board, eb_board_lookup (board, eb_item_get_id (EB_ITEM (cards[1])))), ==, 1);

  /* Many inserts at the front and in one middle gap, more than a double
   * can halve: the keys must be renumbered, not collide. */
  for (guint i = 0; i < 80; i++)
    {
      g_autoptr(EbCard) front = eb_card_new (EB_CARD_KIND_PERSON);
      g_autoptr(EbCard) middle = eb_card_new (EB_CARD_KIND_EVENT);

      g_assert_true (eb_board_insert (board, EB_ITEM (front), 0, &error));
      g_assert_true (eb_board_insert (board, EB_ITEM (middle), 2, &error));
    }
  g_assert_no_error (error);

  for (guint i = 0; i < 4; i++)
    g_object_unref (cards[i]);
  g_clear_object (&store);

  recovered = recover_and_check (working_path, board);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (recovered)), ==, 164);
}

/* Recovers @working_path, saves it as a board file and reads that back:
 * both must have @expected's drawing order. */
static void
assert_order_persists (const char *working_path,
                       EbBoard    *expected,
                       const char *path)
{
  g_autoptr(EbStore) recovered = NULL;
  g_autoptr(EbBoard) read = NULL;
  g_autoptr(GError) error = NULL;

  recovered = eb_store_recover (working_path, &error);
  g_assert_no_error (error);
  eb_test_assert_boards_equal (expected, eb_store_get_board (recovered));

  g_assert_true (eb_store_save (recovered, path, &error));
  g_assert_no_error (error);
  read = eb_store_read_file (path, &error);
  g_assert_no_error (error);
  eb_test_assert_boards_equal (expected, read);
}

static void
test_working_reorder (void)
{
  g_autofree char *dir = test_dir ("reorder");
  g_autofree char *wdir = working_dir ();
  g_autofree char *path = g_build_filename (dir, "z.board", NULL);
  g_autoptr(EbStore) store = eb_store_new (wdir, NULL);
  g_autoptr(EbBoard) board = g_object_ref (eb_store_get_board (store));
  g_autoptr(EbHistory) history = eb_history_new (board);
  g_autofree char *working_path = g_strdup (eb_store_get_working_path (store));
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *cards = eb_board_get_cards (board);
  GListModel *links = eb_board_get_links (board);
  GListModel *frames = eb_board_get_frames (board);
  EbItem *top;

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(EbCard) card = eb_card_new (EB_CARD_KIND_NOTE);

      g_assert_true (eb_history_add (history, EB_ITEM (card), &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 3; i++)
    eb_test_take_item (board, eb_link_new (eb_item_get_id (item_at (cards, i)), eb_item_get_id (item_at (cards, i + 3)),
                             EB_LINK_KIND_RELATED, NULL));
  eb_test_take_item (board, eb_frame_new ("one", 0, 0, 400, 300));
  eb_test_take_item (board, eb_frame_new ("two", 50, 50, 400, 300));

  /* Bring two cards to the front, send one to the back, put one in the
   * middle; the same for links and frames. */
  items = items_of (item_at (cards, 0), item_at (cards, 2), NULL);
  eb_history_bring_forward (history, items);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = items_of (item_at (cards, 4), item_at (links, 2), NULL);
  eb_history_send_backward (history, items);
  g_clear_pointer (&items, g_ptr_array_unref);
  eb_history_reorder (history, item_at (cards, 5), 2);
  items = items_of (item_at (links, 1), item_at (frames, 0), NULL);
  eb_history_bring_forward (history, items);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Undo and redo of a reorder are reorders too. */
  eb_history_reorder (history, item_at (cards, 0), 4);
  g_assert_true (eb_history_undo (history));
  g_assert_true (eb_history_undo (history));
  g_assert_true (eb_history_redo (history));

  /* The top card slipped under the bottom one again and again: more
   * times than a double can halve the gap, so the keys are renumbered. */
  for (guint i = 0; i < 80; i++)
    eb_history_reorder (history, item_at (cards, 5), 1);
  top = item_at (cards, 5);
  eb_history_reorder (history, item_at (cards, 1), 0);
  g_assert_true (item_at (cards, 5) == top);

  g_clear_object (&store);
  assert_order_persists (working_path, board, path);
}

/* The keys of an opened file come from its rows: a reorder there still
 * lands between the right neighbours. */
static void
test_working_reorder_opened (void)
{
  g_autofree char *dir = test_dir ("reorder-open");
  g_autofree char *wdir = working_dir ();
  g_autofree char *path = g_build_filename (dir, "o.board", NULL);
  g_autofree char *saved = g_build_filename (dir, "saved.board", NULL);
  g_autoptr(EbBoard) source = full_board ();
  g_autoptr(EbStore) store = NULL;
  g_autoptr(EbBoard) board = NULL;
  g_autoptr(EbHistory) history = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *working_path = NULL;
  GListModel *cards, *links;

  g_assert_true (eb_store_write_file (source, path, &error));
  store = eb_store_open (path, wdir, &error);
  g_assert_no_error (error);
  board = g_object_ref (eb_store_get_board (store));
  history = eb_history_new (board);
  working_path = g_strdup (eb_store_get_working_path (store));
  cards = eb_board_get_cards (board);
  links = eb_board_get_links (board);

  eb_history_reorder (history, item_at (cards, 20), 3);
  eb_history_reorder (history, item_at (cards, 0), 10);
  items = items_of (item_at (cards, 7), item_at (links, 5), NULL);
  eb_history_send_backward (history, items);
  eb_history_reorder (history, item_at (links, 0), G_MAXUINT);
  g_assert_true (eb_history_undo (history));
  g_assert_false (eb_board_equal (source, board, NULL));

  g_clear_object (&store);
  assert_order_persists (working_path, board, saved);
}

static void
test_working_open_recover (void)
{
  g_autofree char *dir = test_dir ("openrec");
  g_autofree char *wdir = working_dir ();
  g_autofree char *path = g_build_filename (dir, "o.board", NULL);
  g_autoptr(EbBoard) source = full_board ();
  g_autoptr(EbStore) store = NULL;
  g_autoptr(EbStore) recovered = NULL;
  g_autoptr(EbBoard) board = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *working_path = NULL;
  g_autoptr(EbItem) first = NULL;

  g_assert_true (eb_store_write_file (source, path, &error));
  store = eb_store_open (path, wdir, &error);
  g_assert_no_error (error);
  board = g_object_ref (eb_store_get_board (store));
  working_path = g_strdup (eb_store_get_working_path (store));

  /* Removing a card takes its links, in one transaction. */
  first = g_list_model_get_item (eb_board_get_cards (board), 0);
  eb_board_remove (board, first);
  g_clear_object (&store);

  recovered = eb_store_recover (working_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (eb_store_get_path (recovered), ==, path);
  g_assert_true (eb_store_get_dirty (recovered));
  eb_test_assert_boards_equal (board, eb_store_get_board (recovered));

  /* The file was not touched by any of this. */
  g_clear_object (&board);
  board = eb_store_read_file (path, &error);
  eb_test_assert_boards_equal (source, board);

  eb_store_discard (recovered);
}

/* A file in drawing order by its keys, not by its rows: opening it keeps
 * that order, and later edits land between the right neighbours. */
/* A file another tool wrote may keep deleted content in its free pages;
 * opening must not carry it into the working copy or our saves. */
static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_working_open_scrubs (void)
{
  g_autofree char *dir = test_dir ("open-scrubs");
  g_autofree char *wdir = working_dir ();
  g_autofree char *path = g_build_filename (dir, "foreign.board", NULL);
  g_autofree char *saved = g_build_filename (dir, "saved.board", NULL);
  g_autoptr(EbBoard) source = full_board ();
  g_autoptr(EbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *working_path = NULL;
  const char *secret = "SECRET-INFORMANT-Q7X";

  g_assert_true (eb_store_write_file (source, path, &error));
  /* What a careless tool leaves: a card deleted without scrubbing. */
  sql_exec (path, "PRAGMA secure_delete = OFF;"
                  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)"
                  " INSERT INTO cards (id, sort_key, created, modified, kind, x, y, width, height, grade, title)"
                  " SELECT 'gone' || i, 99, 1, 1, 0, 0, 0, 220, 100, 0, 'SECRET-INFORMANT-Q7X ' || i FROM n;"
                  "DELETE FROM cards WHERE id LIKE 'gone%';");
  g_assert_true (file_contains (path, secret));

  store = eb_store_open (path, wdir, &error);
  g_assert_no_error (error);
  working_path = g_strdup (eb_store_get_working_path (store));
  g_assert_false (file_contains (working_path, secret));
  g_assert_true (eb_store_save (store, saved, &error));
  g_assert_no_error (error);
  g_assert_false (file_contains (saved, secret));
  /* The file that was opened is not touched. */
  g_assert_true (file_contains (path, secret));
  eb_store_discard (store);
}

static void
test_working_open_keys (void)
{
  g_autofree char *dir = test_dir ("open-keys");
  g_autofree char *wdir = working_dir ();
  g_autofree char *path = g_build_filename (dir, "k.board", NULL);
  g_autofree char *saved = g_build_filename (dir, "saved.board", NULL);
  g_autoptr(EbBoard) source = full_board ();
  g_autoptr(EbBoard) read = NULL;
  g_autoptr(EbStore) store = NULL;
  g_autoptr(EbBoard) board = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *working_path = NULL;
  g_autofree char *first_row = NULL;
  g_autofree char *last_row = NULL;
  GListModel *cards, *links;

  g_assert_true (eb_store_write_file (source, path, &error));
  /* Cards backwards; links in two ties, each in row order. */
  sql_exec (path, "UPDATE cards SET sort_key = -rowid * 0.5;"
                  "UPDATE links SET sort_key = rowid % 2;");
  first_row = sql_get_text (path, "SELECT id FROM cards ORDER BY rowid LIMIT 1");
  last_row = sql_get_text (path, "SELECT id FROM cards ORDER BY rowid DESC LIMIT 1");

  read = eb_store_read_file (path, &error);
  g_assert_no_error (error);
  store = eb_store_open (path, wdir, &error);
  g_assert_no_error (error);
  board = g_object_ref (eb_store_get_board (store));
  working_path = g_strdup (eb_store_get_working_path (store));
  eb_test_assert_boards_equal (read, board);

  cards = eb_board_get_cards (board);
  links = eb_board_get_links (board);
  g_assert_cmpstr (eb_item_get_id (item_at (cards, 0)), ==, last_row);
  g_assert_cmpstr (eb_item_get_id (item_at (cards, g_list_model_get_n_items (cards) - 1)), ==, first_row);
  for (guint i = 1; i < g_list_model_get_n_items (links); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT rowid %% 2, rowid FROM links WHERE id = '%s'",
                                              eb_item_get_id (item_at (links, i)));
      g_autofree char *previous = g_strdup_printf ("SELECT rowid %% 2, rowid FROM links WHERE id = '%s'",
                                                   eb_item_get_id (item_at (links, i - 1)));
      g_autofree char *parity = sql_get_text (path, sql);
      g_autofree char *previous_parity = sql_get_text (path, previous);

      g_assert_cmpstr (previous_parity, <=, parity);
    }

  /* Edits of all kinds among those keys. */
  eb_board_reorder (board, item_at (cards, 3), 0);
  eb_board_reorder (board, item_at (links, 0), 7);
  eb_board_reorder (board, item_at (cards, 0), G_MAXUINT);
  eb_test_take_item (board, eb_card_new (EB_CARD_KIND_EVENT));
  {
    g_autoptr(EbCard) middle = eb_card_new (EB_CARD_KIND_SOURCE);

    g_assert_true (eb_board_insert (board, EB_ITEM (middle), 5, &error));
    g_assert_no_error (error);
  }
  eb_card_set_position (EB_CARD (item_at (cards, 2)), 12, 34);
  eb_board_remove (board, item_at (cards, 1));

  g_clear_object (&store);
  assert_order_persists (working_path, board, saved);
}

/* Swaps where two indexes keep their entries: each is still a sound
 * b-tree, so quick_check passes, but neither matches its table. */
static void
swap_index_roots (const char *path,
                  const char *a,
                  const char *b)
{
  g_autofree char *sql_a = g_strdup_printf ("SELECT rootpage FROM sqlite_schema WHERE name = '%s'", a);
  g_autofree char *sql_b = g_strdup_printf ("SELECT rootpage FROM sqlite_schema WHERE name = '%s'", b);
  g_autofree char *root_a = sql_get_text (path, sql_a);
  g_autofree char *root_b = sql_get_text (path, sql_b);
  g_autofree char *swap = NULL;

  g_assert_nonnull (root_a);
  g_assert_nonnull (root_b);
  swap = g_strdup_printf ("PRAGMA writable_schema = ON;"
                          "UPDATE sqlite_schema SET rootpage = %s WHERE name = '%s';"
                          "UPDATE sqlite_schema SET rootpage = %s WHERE name = '%s';",
                          root_b, a, root_a, b);
  sql_exec (path, swap);
}

/* The working copy finds rows by id through the indexes, which
 * quick_check does not compare with the tables: they are rebuilt from the
 * rows when a file is opened, or edits would miss their rows. */
static void
test_working_open_bad_index (void)
{
  g_autofree char *dir = test_dir ("bad-index");
  g_autofree char *wdir = working_dir ();
  g_autofree char *path = g_build_filename (dir, "i.board", NULL);
  g_autoptr(EbBoard) source = full_board ();
  g_autoptr(EbStore) store = NULL;
  g_autoptr(EbBoard) board = NULL;
  g_autoptr(EbBoard) recovered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *working_path = NULL;
  EbItem *card;

  g_assert_true (eb_store_write_file (source, path, &error));
  swap_index_roots (path, "sqlite_autoindex_cards_1", "sqlite_autoindex_frames_1");
  swap_index_roots (path, "links_from_id", "links_to_id");

  store = eb_store_open (path, wdir, &error);
  g_assert_no_error (error);
  board = g_object_ref (eb_store_get_board (store));
  working_path = g_strdup (eb_store_get_working_path (store));
  eb_test_assert_boards_equal (source, board);

  card = item_at (eb_board_get_cards (board), 4);
  eb_card_set_position (EB_CARD (card), -77, 88);
  g_object_set (card, "title", "Moved", NULL);
  eb_board_remove (board, item_at (eb_board_get_cards (board), 0));
  eb_board_reorder (board, item_at (eb_board_get_frames (board), 0), 1);
  g_clear_object (&store);

  recovered = recover_and_check (working_path, board);
}

static void
on_write_failed (EbStore *store,
                 GError  *error,
                 guint   *count)
{
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, ".ebwork"));
  (*count)++;
}

/* A full disk, played by RLIMIT_FSIZE in a child process. */
static void
test_working_write_failed (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *wdir = working_dir ();
      g_autoptr(EbStore) store = eb_store_new (wdir, NULL);
      g_autoptr(EbBoard) board = g_object_ref (eb_store_get_board (store));
      g_autofree char *working_path = g_strdup (eb_store_get_working_path (store));
      g_autofree char *big = g_strnfill (400000, 'n');
      g_autoptr(EbBoard) recovered = NULL;
      struct rlimit old, low;
      struct stat st;
      guint failures = 0;
      EbCard *card = eb_card_new (EB_CARD_KIND_NOTE);

      signal (SIGXFSZ, SIG_IGN);
      g_signal_connect (store, "write-failed", G_CALLBACK (on_write_failed), &failures);
      eb_test_take_item (board, g_object_ref (card));

      g_assert_cmpint (stat (working_path, &st), ==, 0);
      g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
      low = old;
      low.rlim_cur = st.st_size + 8192;
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &low), ==, 0);

      g_object_set (card, "notes", big, NULL);
      g_assert_cmpuint (failures, ==, 1);
      g_assert_cmpstr (eb_card_get_notes (card), ==, big);   /* memory unharmed */
      eb_card_set_position (card, 1, 2);
      g_assert_cmpuint (failures, ==, 1);                    /* once per failure */

      /* Space again: the next change brings the whole working copy up
       * to date. */
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);
      eb_card_set_position (card, 3, 4);
      g_assert_cmpuint (failures, ==, 1);
      g_object_unref (card);
      g_clear_object (&store);

      recovered = recover_and_check (working_path, board);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The disk stays full: the rewrite that should bring the working copy up
 * to date fails too, again and again. Each failure's error is freed once
 * (it was freed twice: a crash that lost the unsaved work). The child
 * runs with G_SLICE=always-malloc so that the C library sees a double free. */
static void
test_working_write_failed_twice (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *wdir = working_dir ();
      g_autoptr(EbStore) store = eb_store_new (wdir, NULL);
      EbBoard *board = eb_store_get_board (store);
      EbCard *cards[12];
      struct rlimit old, low;
      guint failures = 0;

      signal (SIGXFSZ, SIG_IGN);
      g_signal_connect (store, "write-failed", G_CALLBACK (on_write_failed), &failures);
      for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
        {
          g_autofree char *notes = g_strnfill (900000, 'a' + i);

          cards[i] = eb_card_new (EB_CARD_KIND_NOTE);
          g_object_set (cards[i], "notes", notes, NULL);
          eb_test_take_item (board, cards[i]);
        }

      g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
      low = old;
      low.rlim_cur = 3 * 1024 * 1024;
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &low), ==, 0);

      eb_board_begin_batch (board);
      for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
        {
          g_autofree char *notes = g_strnfill (900000, 'A' + i);

          g_object_set (cards[i], "notes", notes, NULL);
        }
      eb_board_end_batch (board);
      g_assert_cmpuint (failures, ==, 1);

      g_object_set (cards[0], "title", "Still full", NULL);
      g_object_set (cards[0], "title", "Still full, again", NULL);
      g_assert_cmpuint (failures, ==, 1);
      g_assert_cmpstr (eb_card_get_title (cards[0]), ==, "Still full, again");
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);
      return;
    }

  g_setenv ("G_SLICE", "always-malloc", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("G_SLICE");
  g_test_trap_assert_passed ();
}

/* ------------------------------------------------------------------ */
/* Migrations                                                          */
/* ------------------------------------------------------------------ */

static gint64
pragma_int (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
test_migrate_fresh (void)
{
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (eb_store_migrate (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pragma_int (db, "PRAGMA user_version"), ==, EB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (pragma_int (db, "PRAGMA application_id"), ==, EB_STORE_APPLICATION_ID);
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"), ==, 4);
  /* Links may end at frames: the board checks their ends, not a key. */
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM pragma_foreign_key_list('links')"), ==, 0);
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM pragma_table_info('links')"
                                   " WHERE name IN ('from_side', 'to_side')"), ==, 2);
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM pragma_table_info('frames')"
                                   " WHERE name IN ('background', 'background_style')"), ==, 2);
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                   " AND name IN ('links_from_id', 'links_to_id')"), ==, 2);
  sqlite3_close (db);
}

/* The version-1 schema as released, byte for byte, and a small board in
 * it: what a file saved by that version holds. Frozen here on purpose:
 * the migrations may not change, and this is what they must upgrade. */
static const char v1_board_sql[] =
  "BEGIN;"
  "CREATE TABLE board ("
  " key TEXT PRIMARY KEY NOT NULL,"
  " value TEXT"
  ");"
  "CREATE TABLE cards ("
  " id TEXT PRIMARY KEY NOT NULL,"
  " sort_key REAL NOT NULL,"
  " created INTEGER, modified INTEGER,"
  " kind INTEGER, x REAL, y REAL, width REAL, height REAL, grade INTEGER,"
  " color TEXT, title TEXT, aliases TEXT, role TEXT, notes TEXT,"
  " date TEXT, end_date TEXT, place TEXT, publisher TEXT, url TEXT"
  ");"
  "CREATE TABLE links ("
  " id TEXT PRIMARY KEY NOT NULL,"
  " sort_key REAL NOT NULL,"
  " created INTEGER, modified INTEGER,"
  " from_id TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,"
  " to_id TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,"
  " label TEXT, kind INTEGER, direction INTEGER, color TEXT, credibility INTEGER"
  ");"
  "CREATE INDEX links_from_id ON links (from_id);"
  "CREATE INDEX links_to_id ON links (to_id);"
  "CREATE TABLE frames ("
  " id TEXT PRIMARY KEY NOT NULL,"
  " sort_key REAL NOT NULL,"
  " created INTEGER, modified INTEGER,"
  " label TEXT, color TEXT, x REAL, y REAL, width REAL, height REAL"
  ");"
  "PRAGMA application_id = 1163280964;"
  "PRAGMA user_version = 1;"
  "INSERT INTO board VALUES ('title', 'Saved by version 1');"
  "INSERT INTO cards (id, sort_key, created, modified, kind, x, y, width, height, grade, title)"
  " VALUES ('assad', 1, 1733650000000000, 1733650000000001, 0, 0, 0, 220, 100, 0, 'Bashar al-Assad'),"
  " ('putin', 2, 1733650000000000, 1733650000000000, 0, 400, 0, 220, 100, 0, 'Vladimir Putin');"
  /* Rowids against the keys, so the drawing order must come from the keys. */
  "INSERT INTO links (rowid, id, sort_key, created, modified, from_id, to_id, label, kind, direction, color, credibility)"
  " VALUES (7, 'granted', 2, 1733650000000000, 1733650000000000, 'putin', 'assad', 'granted asylum to', 0, 1, '#c01c28', 2),"
  " (3, 'met', 1, 1733650000000000, 1733650000000000, 'assad', 'putin', NULL, 0, 0, NULL, 0);"
  "INSERT INTO frames (id, sort_key, created, modified, label, color, x, y, width, height)"
  " VALUES ('moscow', 1, 1733650000000000, 1733650000000000, 'Moscow', '#f6d32d', -50, -50, 800, 300);"
  "COMMIT;";

/* A board saved by version 1 opens: it is read, migrated in memory and
 * in the working copy, while the file itself stays as it was; saved, it
 * becomes a version-2 file that holds links to frames and sides. */
static void
test_migrate_from_v1 (void)
{
  g_autofree char *dir = test_dir ("v1");
  g_autofree char *wdir = working_dir ();
  g_autofree char *path = g_build_filename (dir, "old.board", NULL);
  g_autofree char *saved = g_build_filename (dir, "saved.board", NULL);
  g_autofree char *before = NULL, *after = NULL, *version = NULL;
  g_autofree char *entries_before = NULL, *entries_after = NULL;
  g_autoptr(EbBoard) board = NULL;
  g_autoptr(EbBoard) read = NULL;
  g_autoptr(EbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EbLink) to_frame = NULL;
  gsize len_before = 0, len_after = 0;
  struct stat st_before, st_after;
  EbLink *granted;
  EbFrame *moscow;

  sql_exec (path, v1_board_sql);
  g_assert_true (g_file_get_contents (path, &before, &len_before, NULL));
  g_assert_cmpint (stat (path, &st_before), ==, 0);
  entries_before = list_dir (dir);

  board = eb_store_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (eb_board_get_title (board), ==, "Saved by version 1");
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (board)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (board)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_frames (board)), ==, 1);
  granted = EB_LINK (eb_board_lookup (board, "granted"));
  g_assert_cmpstr (eb_link_get_from_id (granted), ==, "putin");
  g_assert_cmpstr (eb_link_get_label (granted), ==, "granted asylum to");
  g_assert_cmpstr (eb_link_get_color (granted), ==, "#c01c28");
  g_assert_cmpuint (eb_link_get_credibility (granted), ==, 2);
  g_assert_cmpint (eb_link_get_from_side (granted), ==, EB_LINK_SIDE_NONE);
  g_assert_cmpint (eb_link_get_to_side (granted), ==, EB_LINK_SIDE_NONE);
  /* The keys' order, not the rowids'. */
  g_assert_true (item_at (eb_board_get_links (board), 0) == eb_board_lookup (board, "met"));
  moscow = EB_FRAME (eb_board_lookup (board, "moscow"));
  g_assert_cmpstr (eb_frame_get_label (moscow), ==, "Moscow");
  g_assert_null (eb_frame_get_background (moscow));
  g_assert_cmpint (eb_frame_get_background_style (moscow), ==, EB_FRAME_BACKGROUND_STYLE_NONE);

  /* Opened as a store too, and the file was written by neither. */
  store = eb_store_open (path, wdir, &error);
  g_assert_no_error (error);
  eb_test_assert_boards_equal (board, eb_store_get_board (store));
  g_assert_true (g_file_get_contents (path, &after, &len_after, NULL));
  g_assert_cmpmem (before, len_before, after, len_after);
  g_assert_cmpint (stat (path, &st_after), ==, 0);
  g_assert_cmpint (st_before.st_mtim.tv_sec, ==, st_after.st_mtim.tv_sec);
  g_assert_cmpint (st_before.st_mtim.tv_nsec, ==, st_after.st_mtim.tv_nsec);
  entries_after = list_dir (dir);
  g_assert_cmpstr (entries_before, ==, entries_after);
  version = sql_get_text (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "1");
  g_clear_pointer (&version, g_free);

  /* What version 2 adds goes into the migrated working copy. */
  to_frame = eb_link_new ("assad", "moscow", EB_LINK_KIND_RELATED, "fled to");
  g_object_set (to_frame, "from-side", EB_LINK_SIDE_BOTTOM, "to-side", EB_LINK_SIDE_TOP, NULL);
  g_assert_true (eb_board_add (eb_store_get_board (store), EB_ITEM (to_frame), NULL));
  g_object_set (eb_board_lookup (eb_store_get_board (store), "moscow"),
                "background", "Attachments/moscow.png", "background-style", EB_FRAME_BACKGROUND_STYLE_COVER, NULL);
  g_object_set (eb_board_lookup (eb_store_get_board (store), "granted"), "to-side", EB_LINK_SIDE_LEFT, NULL);

  g_assert_true (eb_store_save (store, saved, &error));
  g_assert_no_error (error);
  assert_board_file_clean (saved);
  version = sql_get_text (saved, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "2");
  read = eb_store_read_file (saved, &error);
  g_assert_no_error (error);
  eb_test_assert_boards_equal (eb_store_get_board (store), read);
  g_assert_cmpint (eb_link_get_to_side (EB_LINK (eb_board_lookup (read, "granted"))), ==, EB_LINK_SIDE_LEFT);
  g_assert_cmpstr (eb_link_get_to_id (EB_LINK (eb_board_lookup (read, eb_item_get_id (EB_ITEM (to_frame))))), ==, "moscow");

  /* The original is still the version-1 file it was. */
  g_clear_pointer (&after, g_free);
  g_assert_true (g_file_get_contents (path, &after, &len_after, NULL));
  g_assert_cmpmem (before, len_before, after, len_after);
}

/* A frame takes its links with it in the file too, and a link to a frame
 * that is not there, a side that is not one, or a background that is
 * not bounded text is refused in one line naming the item. */
static void
test_links_to_frames_hostile (void)
{
  static const struct {
    const char *name;
    const char *sql;
    int code;
    const char *words[2];
  } cases[] = {
    { "missing frame", "UPDATE links SET to_id = 'gone-frame' WHERE id = 'to-frame'",
      EB_STORE_ERROR_INVALID, { "not on the board", "gone-frame" } },
    { "side 9", "UPDATE links SET from_side = 9 WHERE id = 'to-frame'",
      EB_STORE_ERROR_INVALID, { "“from-side”", "to-frame" } },
    { "side text", "UPDATE links SET to_side = 'top' WHERE id = 'to-frame'",
      EB_STORE_ERROR_INVALID, { "“to-side”", "to-frame" } },
    { "background style", "UPDATE frames SET background_style = 4 WHERE id = 'moscow'",
      EB_STORE_ERROR_INVALID, { "“background-style”", "moscow" } },
    { "background too long", "UPDATE frames SET background = printf('%.*c', 1048577, 'x') WHERE id = 'moscow'",
      EB_STORE_ERROR_TOO_LARGE, { "“background”", "longer" } },
    { "background not UTF-8", "UPDATE frames SET background = CAST(x'ff2e706e67' AS TEXT) WHERE id = 'moscow'",
      EB_STORE_ERROR_INVALID, { "“background”", "UTF-8" } },
    { "background a blob", "UPDATE frames SET background = x'00' WHERE id = 'moscow'",
      EB_STORE_ERROR_INVALID, { "“background”", "moscow" } },
  };
  g_autofree char *dir = test_dir ("frame-links");
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(GError) error = NULL;

  eb_test_take_item (board, g_object_new (EB_TYPE_CARD, "id", "assad", "title", "Bashar al-Assad", NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_FRAME, "id", "moscow", "label", "Moscow",
                            "background", "Attachments/moscow.png", NULL));
  eb_test_take_item (board, g_object_new (EB_TYPE_LINK, "id", "to-frame", "from-id", "assad", "to-id", "moscow",
                            "to-side", EB_LINK_SIDE_RIGHT, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("case-%u.board", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(EbBoard) read = NULL;

      g_test_message ("%s", cases[i].name);
      g_assert_true (eb_store_write_file (board, path, &error));
      g_assert_no_error (error);
      read = eb_store_read_file (path, &error);
      g_assert_no_error (error);
      eb_test_assert_boards_equal (board, read);
      g_clear_object (&read);

      sql_exec (path, cases[i].sql);
      read = eb_store_read_file (path, &error);
      g_assert_null (read);
      g_assert_error (error, EB_STORE_ERROR, cases[i].code);
      g_test_message ("%s: %s", cases[i].name, error->message);
      g_assert_null (strchr (error->message, '\n'));
      g_assert_nonnull (strstr (error->message, name));
      for (guint w = 0; w < G_N_ELEMENTS (cases[i].words); w++)
        if (strstr (error->message, cases[i].words[w]) == NULL)
          g_error ("%s: “%s” lacks “%s”", cases[i].name, error->message, cases[i].words[w]);
      g_clear_error (&error);
    }

  /* Removing the frame takes its link; undoing it would bring both back
   * (tests/test-history.c); the file holds neither. */
  {
    g_autofree char *path = g_build_filename (dir, "removed.board", NULL);
    g_autoptr(EbBoard) read = NULL;

    eb_board_remove (board, eb_board_lookup (board, "moscow"));
    g_assert_null (eb_board_lookup (board, "to-frame"));
    g_assert_true (eb_store_write_file (board, path, &error));
    g_assert_no_error (error);
    read = eb_store_read_file (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (eb_board_get_n_items (read), ==, 1);
  }
}

static void
test_migrate_idempotent (void)
{
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 objects;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (eb_store_migrate (db, &error));
  objects = pragma_int (db, "SELECT count(*) FROM sqlite_schema");
  g_assert_true (eb_store_migrate (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM sqlite_schema"), ==, objects);
  g_assert_cmpint (pragma_int (db, "PRAGMA user_version"), ==, EB_STORE_SCHEMA_VERSION);
  sqlite3_close (db);
}

static void
test_migrate_too_new (void)
{
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (eb_store_migrate (db, &error));
  g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM sqlite_schema"), ==, 0);
  sqlite3_close (db);
}

/* A negative version is refused, not used as an index into the
 * migrations: any file, or a database handed to us, can hold one. */
static void
test_migrate_negative (void)
{
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = -1", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (eb_store_migrate (db, &error));
  g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_NOT_A_BOARD);
  g_assert_cmpint (pragma_int (db, "SELECT count(*) FROM sqlite_schema"), ==, 0);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = -2147483648", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (eb_store_migrate (db, &error));
  g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_NOT_A_BOARD);
  sqlite3_close (db);
}

/* A board read from elsewhere becomes a store's board as it is: written
 * whole into the working copy, unsaved, followed from then on. */
static void
test_new_for_board (void)
{
  g_autofree char *wdir = working_dir ();
  g_autoptr(EbBoard) board = full_board ();
  g_autoptr(EbBoard) expected = NULL;
  g_autoptr(EbStore) store = NULL;
  g_autoptr(EbStore) recovered = NULL;
  g_autoptr(GPtrArray) recoverable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *working_path = NULL;

  store = eb_store_new_for_board (board, wdir, &error);
  g_assert_no_error (error);
  g_assert_true (eb_store_get_board (store) == board);
  g_assert_null (eb_store_get_path (store));
  g_assert_true (eb_store_get_dirty (store));

  eb_board_set_title (board, "Imported, then renamed");
  working_path = g_strdup (eb_store_get_working_path (store));
  g_clear_object (&store);

  /* A crash now: the whole import is there to recover. */
  recoverable = eb_store_list_recoverable (wdir);
  g_assert_cmpuint (recoverable->len, ==, 1);
  recovered = eb_store_recover (working_path, &error);
  g_assert_no_error (error);
  eb_test_assert_boards_equal (board, eb_store_get_board (recovered));
  eb_store_discard (recovered);
}

/* Board files are told from JSON by their content, whatever their name. */
static void
test_detect (void)
{
  g_autofree char *dir = test_dir ("detect");
  g_autofree char *renamed = g_build_filename (dir, "board.JSON", NULL);
  g_autofree char *json = g_build_filename (dir, "export.JSON", NULL);
  g_autofree char *other = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(EbBoard) board = full_board ();
  g_autoptr(EbBoard) read = NULL;
  g_autoptr(GError) error = NULL;
  EbFileFormat format = EB_FILE_FORMAT_UNKNOWN;

  g_assert_true (eb_store_write_file (board, renamed, &error));
  g_assert_true (eb_json_write_file (board, json, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (other, "shopping list", -1, NULL));

  g_assert_cmpint (eb_convert_detect (renamed), ==, EB_FILE_FORMAT_BOARD);
  g_assert_cmpint (eb_convert_detect (json), ==, EB_FILE_FORMAT_JSON);
  g_assert_cmpint (eb_convert_detect (other), ==, EB_FILE_FORMAT_UNKNOWN);

  read = eb_convert_read (json, &format, &error);
  g_assert_no_error (error);
  g_assert_cmpint (format, ==, EB_FILE_FORMAT_JSON);
  eb_test_assert_boards_equal (board, read);
}

/* ------------------------------------------------------------------ */
/* The board file's lock                                               */
/* ------------------------------------------------------------------ */

static guint
count_entries (const char *dir,
               const char *suffix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint n = 0;

  while (d && (entry = g_dir_read_name (d)))
    if (g_str_has_suffix (entry, suffix))
      n++;
  return n;
}

/* A board open in one store cannot be opened by a second, however it is
 * named; each store locks the file by its own open(), as two windows or
 * two processes would. */
static void
test_lock_second_open (void)
{
  g_autofree char *dir = test_dir ("lock");
  g_autofree char *wdir = working_dir ();
  g_autofree char *path = g_build_filename (dir, "busy.board", NULL);
  g_autofree char *link_path = g_build_filename (dir, "alias.board", NULL);
  g_autofree char *odd_path = g_build_filename (dir, ".", "busy.board", NULL);
  g_autoptr(EbBoard) board = full_board ();
  g_autoptr(EbStore) first = NULL;
  g_autoptr(EbStore) second = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { path, link_path, odd_path };

  g_assert_true (eb_store_write_file (board, path, &error));
  g_assert_cmpint (symlink ("busy.board", link_path), ==, 0);
  first = eb_store_open (path, wdir, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      second = eb_store_open (names[i], wdir, &error);
      g_assert_null (second);
      g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_BUSY);
      g_assert_nonnull (strstr (error->message, "already open in another window or program"));
      g_assert_null (strchr (error->message, '\n'));
      g_clear_error (&error);
    }
  /* The refused opens made no working copy. */
  g_assert_cmpuint (count_entries (wdir, EB_STORE_WORKING_SUFFIX), ==, 1);

  /* Closed (the working copy kept for recovery) or discarded, the file
   * is free again, and no lock file of it is left. */
  g_clear_object (&first);
  second = eb_store_open (link_path, wdir, &error);
  g_assert_no_error (error);
  eb_store_discard (second);
  g_clear_object (&second);
  first = eb_store_open (path, wdir, &error);
  g_assert_no_error (error);
  eb_store_discard (first);
  g_assert_cmpuint (count_entries (wdir, ".lock"), ==, 1);  /* the closed store's working copy's */
}

/* Save As takes the new file's lock and gives up the old one; a file
 * open elsewhere is not saved over. */
static void
test_lock_save_as (void)
{
  g_autofree char *dir = test_dir ("lock-save-as");
  g_autofree char *wdir = working_dir ();
  g_autofree char *one = g_build_filename (dir, "one.board", NULL);
  g_autofree char *two = g_build_filename (dir, "two.board", NULL);
  g_autofree char *three = g_build_filename (dir, "three.board", NULL);
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbBoard) read = NULL;
  g_autoptr(EbStore) opened = NULL;
  g_autoptr(EbStore) fresh = NULL;
  g_autoptr(EbStore) other = NULL;
  g_autoptr(GError) error = NULL;

  eb_board_set_title (board, "One");
  g_assert_true (eb_store_write_file (board, one, &error));
  opened = eb_store_open (one, wdir, &error);
  g_assert_no_error (error);

  fresh = eb_store_new (wdir, &error);
  eb_board_set_title (eb_store_get_board (fresh), "Fresh");
  g_assert_false (eb_store_save (fresh, one, &error));
  g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_true (eb_store_get_dirty (fresh));
  g_assert_null (eb_store_get_path (fresh));
  read = eb_store_read_file (one, &error);
  g_assert_cmpstr (eb_board_get_title (read), ==, "One");

  /* Saved as a new file, the store has that one. */
  g_assert_true (eb_store_save (fresh, two, &error));
  g_assert_no_error (error);
  other = eb_store_open (two, wdir, &error);
  g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_true (eb_store_save (fresh, NULL, &error));
  g_assert_no_error (error);

  /* Saved elsewhere, the old file is free. */
  g_assert_true (eb_store_save (opened, three, &error));
  g_assert_no_error (error);
  other = eb_store_open (one, wdir, &error);
  g_assert_no_error (error);
  g_assert_false (eb_store_save (other, three, &error));
  g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_BUSY);

  eb_store_discard (opened);
  eb_store_discard (fresh);
  eb_store_discard (other);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *entry;

  while (d && (entry = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (path, entry, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Another process: refused while this one has the board, and the lock
 * goes with a process that dies without closing anything. The files live
 * outside the isolated folders, which a subprocess deletes as it ends. */
static void
test_lock_other_process (void)
{
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wdir = NULL;
  g_autoptr(EbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      const char *expect = g_getenv ("EB_TEST_LOCK_EXPECT");

      base = g_strdup (g_getenv ("EB_TEST_LOCK_DIR"));
      path = g_build_filename (base, "shared.board", NULL);
      wdir = g_build_filename (base, "working", NULL);
      store = eb_store_open (path, wdir, &error);
      if (g_strcmp0 (expect, "busy") == 0)
        {
          g_assert_null (store);
          g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_BUSY);
          return;
        }
      g_assert_no_error (error);
      /* Dies holding it, without a word to anyone. */
      kill (getpid (), SIGKILL);
    }

  base = g_dir_make_tmp ("eb-lock-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (base, "shared.board", NULL);
  wdir = g_build_filename (base, "working", NULL);
  g_setenv ("EB_TEST_LOCK_DIR", base, TRUE);
  {
    g_autoptr(EbBoard) board = full_board ();

    g_assert_true (eb_store_write_file (board, path, &error));
  }

  store = eb_store_open (path, wdir, &error);
  g_assert_no_error (error);
  g_setenv ("EB_TEST_LOCK_EXPECT", "busy", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  eb_store_discard (store);
  g_clear_object (&store);

  g_setenv ("EB_TEST_LOCK_EXPECT", "die", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();

  store = eb_store_open (path, wdir, &error);
  g_assert_no_error (error);
  eb_store_discard (store);

  g_unsetenv ("EB_TEST_LOCK_DIR");
  g_unsetenv ("EB_TEST_LOCK_EXPECT");
  remove_tree (base);
}

/* Listing what a crash left behind leaves no lock files of its own: not
 * beside a working copy it cannot read, nor of boards whose store died. */
static void
test_lock_listing_leaves_none (void)
{
  g_autofree char *wdir = working_dir ();
  g_autofree char *junk = g_build_filename (wdir, "fedcba9876543210fedcba9876543210.ebwork", NULL);
  g_autofree char *stale = g_build_filename (wdir, "board-0123.lock", NULL);
  g_autoptr(GPtrArray) recoverable = NULL;
  g_autofree char *entries = NULL;

  g_assert_cmpint (g_mkdir_with_parents (wdir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (junk, "not a database, not ours to delete", -1, NULL));
  g_assert_true (g_file_set_contents (stale, "", 0, NULL));

  recoverable = eb_store_list_recoverable (wdir);
  g_assert_cmpuint (recoverable->len, ==, 0);
  entries = list_dir (wdir);
  g_assert_cmpstr (entries, ==, "fedcba9876543210fedcba9876543210.ebwork");
}

/* ------------------------------------------------------------------ */
/* Hardening                                                           */
/* ------------------------------------------------------------------ */

static int
db_config_get (sqlite3 *db,
               int      op)
{
  int value = -1;

  g_assert_cmpint (sqlite3_db_config (db, op, -1, &value), ==, SQLITE_OK);
  return value;
}

static void
assert_hardened (sqlite3 *db)
{
  g_assert_cmpint (pragma_int (db, "PRAGMA trusted_schema"), ==, 0);
  g_assert_cmpint (pragma_int (db, "PRAGMA cell_size_check"), ==, 1);
  g_assert_cmpint (pragma_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (db_config_get (db, SQLITE_DBCONFIG_DEFENSIVE), ==, 1);
  g_assert_cmpint (db_config_get (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA), ==, 0);
  g_assert_cmpint (db_config_get (db, SQLITE_DBCONFIG_ENABLE_TRIGGER), ==, 0);
  g_assert_cmpint (db_config_get (db, SQLITE_DBCONFIG_ENABLE_VIEW), ==, 0);
  g_assert_cmpint (db_config_get (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION), ==, 0);
  g_assert_cmpint (sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, -1), ==, 0);
}

/* The connections that read a file from elsewhere, and the working copy,
 * have every protection on. */
static void
test_harden_connections (void)
{
  g_autofree char *dir = test_dir ("harden");
  g_autofree char *path = g_build_filename (dir, "h.board", NULL);
  g_autofree char *wdir = working_dir ();
  g_autoptr(EbBoard) board = full_board ();
  g_autoptr(EbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_true (eb_store_write_file (board, path, &error));
  db = _eb_store_open_untrusted (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  assert_hardened (db);
  sqlite3_close (db);

  store = eb_store_open (path, wdir, &error);
  g_assert_no_error (error);
  assert_hardened (store->db);
  eb_store_discard (store);
}

static int
deny_trusted_schema (void       *data,
                     int         action,
                     const char *arg1,
                     const char *arg2,
                     const char *db_name,
                     const char *trigger)
{
  if (action == SQLITE_PRAGMA && g_strcmp0 (arg1, "trusted_schema") == 0)
    return SQLITE_DENY;
  return SQLITE_OK;
}

static int
deny_on_open (sqlite3                     *db,
              char                       **message,
              const sqlite3_api_routines  *api)
{
  sqlite3_set_authorizer (db, deny_trusted_schema, NULL);
  return SQLITE_OK;
}

/* When a protection cannot be turned on, the file is not read. Forced
 * here by an authorizer, which every new connection gets. */
static void
test_harden_failure (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = test_dir ("harden-fail");
      g_autofree char *path = g_build_filename (dir, "h.board", NULL);
      g_autofree char *wdir = working_dir ();
      g_autoptr(EbBoard) board = full_board ();
      g_autoptr(EbBoard) read = NULL;
      g_autoptr(EbStore) store = NULL;
      g_autoptr(GError) error = NULL;
      sqlite3 *db = NULL;

      g_assert_true (eb_store_write_file (board, path, &error));
      g_assert_no_error (error);

      /* Directly: the failure is reported. */
      g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
      sqlite3_set_authorizer (db, deny_trusted_schema, NULL);
      g_assert_false (_eb_store_harden (db, &error));
      g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_UNSAFE);
      g_clear_error (&error);
      sqlite3_close (db);

      /* And heeded by every reader. */
      sqlite3_auto_extension ((void (*) (void)) deny_on_open);
      read = eb_store_read_file (path, &error);
      g_assert_null (read);
      g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_UNSAFE);
      g_assert_nonnull (strstr (error->message, "h.board"));
      g_clear_error (&error);

      store = eb_store_open (path, wdir, &error);
      g_assert_null (store);
      g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_UNSAFE);
      sqlite3_reset_auto_extension ();
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ------------------------------------------------------------------ */
/* Hostile files                                                       */
/* ------------------------------------------------------------------ */

/* The files themselves, and the words their errors must hold, are the
 * shared corpus in eb-hostile-corpus.c; here the store's own checks:
 * the error code, and that neither reading nor opening writes. */

static void
test_hostile (gconstpointer data)
{
  const EbHostile *h = data;
  g_autofree char *top = test_dir ("hostile");
  g_autofree char *path = eb_hostile_write (h, top);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *missing = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *entries_before = NULL;
  g_autofree char *entries_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(EbBoard) board = NULL;
  g_autoptr(EbStore) store = NULL;
  g_autofree char *wdir = working_dir ();
  struct stat st_before, st_after;
  gsize len_before = 0, len_after = 0;
  gboolean huge = h->sparse;

  g_assert_cmpint (stat (path, &st_before), ==, 0);
  if (!huge)
    g_file_get_contents (path, &before, &len_before, NULL);
  entries_before = list_dir (dir);

  board = eb_store_read_file (path, &error);
  g_assert_null (board);
  g_assert_error (error, EB_STORE_ERROR, h->store_code);
  g_test_message ("%s: %s", h->file, error->message);
  if (!eb_hostile_message_matches (h, error->message, &missing))
    g_error ("%s: “%s” lacks “%s”", h->file, error->message, missing);

  /* Opening as a store fails the same way and leaves no working copy. */
  store = eb_store_open (path, wdir, &open_error);
  g_assert_null (store);
  g_assert_error (open_error, EB_STORE_ERROR, h->store_code);

  /* Reading did not write: same bytes, same mtime, nothing beside it. */
  g_assert_cmpint (stat (path, &st_after), ==, 0);
  g_assert_cmpint (st_before.st_mtim.tv_sec, ==, st_after.st_mtim.tv_sec);
  g_assert_cmpint (st_before.st_mtim.tv_nsec, ==, st_after.st_mtim.tv_nsec);
  g_assert_cmpint (st_before.st_size, ==, st_after.st_size);
  if (!huge)
    {
      g_file_get_contents (path, &after, &len_after, NULL);
      g_assert_cmpmem (before, len_before, after, len_after);
    }
  entries_after = list_dir (dir);
  g_assert_cmpstr (entries_before, ==, entries_after);
  if (g_file_test (wdir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *working = list_dir (wdir);
      g_assert_cmpstr (working, ==, "");
    }
}

static void
test_hostile_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = eb_store_read_file ("/nonexistent/dir/gone.board", &error);

  g_assert_null (board);
  g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "gone.board"));
}

static void
test_hostile_directory (void)
{
  g_autofree char *dir = test_dir ("adir.board");
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = eb_store_read_file (dir, &error);

  g_assert_null (board);
  g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "adir.board"));
}

/* ------------------------------------------------------------------ */
/* Saving                                                              */
/* ------------------------------------------------------------------ */

static void
test_save_failed_rlimit (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = test_dir ("fail");
      g_autofree char *wdir = working_dir ();
      g_autofree char *path = g_build_filename (dir, "keep.board", NULL);
      g_autoptr(EbStore) store = NULL;
      g_autoptr(EbBoard) old = eb_board_new ();
      g_autoptr(EbBoard) read = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *big = g_strnfill (300000, 'z');
      g_autofree char *entries = NULL;
      struct rlimit limit;
      gsize len_before, len_after;
      EbCard *card;

      signal (SIGXFSZ, SIG_IGN);
      eb_board_set_title (old, "Old version");
      g_assert_true (eb_store_write_file (old, path, &error));
      g_file_get_contents (path, &before, &len_before, NULL);

      store = eb_store_open (path, wdir, &error);
      g_assert_no_error (error);
      card = eb_card_new (EB_CARD_KIND_NOTE);
      g_object_set (card, "notes", big, NULL);
      eb_test_take_item (eb_store_get_board (store), card);

      /* The disk "fills up" before the new file fits. */
      g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      limit.rlim_cur = 100000;
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      g_assert_false (eb_store_save (store, NULL, &error));
      g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "keep.board"));
      g_test_message ("%s", error->message);
      g_assert_true (eb_store_get_dirty (store));

      g_file_get_contents (path, &after, &len_after, NULL);
      g_assert_cmpmem (before, len_before, after, len_after);
      read = eb_store_read_file (path, NULL);
      g_assert_cmpstr (eb_board_get_title (read), ==, "Old version");
      entries = list_dir (dir);
      g_assert_cmpstr (entries, ==, "keep.board");
      eb_store_discard (store);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_save_failed_unwritable (void)
{
  g_autofree char *dir = test_dir ("ro");
  g_autofree char *path = g_build_filename (dir, "keep.board", NULL);
  g_autoptr(EbBoard) old = eb_board_new ();
  g_autoptr(EbBoard) now = full_board ();
  g_autoptr(EbBoard) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *entries = NULL;

  eb_board_set_title (old, "Old version");
  g_assert_true (eb_store_write_file (old, path, &error));

  /* Also for root: a target in a directory that is not there. */
  {
    g_autofree char *gone = g_build_filename (dir, "gone", "new.board", NULL);

    g_assert_false (eb_store_write_file (now, gone, &error));
    g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "new.board"));
    g_clear_error (&error);
  }

  /* Also for root: a target whose folder is a file (ENOTDIR). */
  {
    g_autofree char *plain = g_build_filename (dir, "plain", NULL);
    g_autofree char *under = g_build_filename (plain, "new.board", NULL);

    g_assert_true (g_file_set_contents (plain, "a file, not a folder", -1, NULL));
    g_assert_false (eb_store_write_file (now, under, &error));
    g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "new.board"));
    g_assert_nonnull (strstr (error->message, g_strerror (ENOTDIR)));
    g_clear_error (&error);
    g_assert_cmpint (g_unlink (plain), ==, 0);
  }

  /* A read-only folder, which root can write to all the same. */
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
      g_assert_false (eb_store_write_file (now, path, &error));
      g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
      g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "keep.board"));
      g_clear_error (&error);
    }

  read = eb_store_read_file (path, NULL);
  g_assert_cmpstr (eb_board_get_title (read), ==, "Old version");
  entries = list_dir (dir);
  g_assert_cmpstr (entries, ==, "keep.board");
}

static void
test_save_stale_temp (void)
{
  g_autofree char *dir = test_dir ("stale");
  g_autofree char *path = g_build_filename (dir, "b.board", NULL);
  g_autofree char *stale = g_build_filename (dir, ".b.board.Ab12Cd.tmp", NULL);
  g_autofree char *other = g_build_filename (dir, ".other.board.Ab12Cd.tmp", NULL);
  g_autofree char *entries = NULL;
  g_autoptr(EbBoard) board = full_board ();
  g_autoptr(GError) error = NULL;

  /* What a save killed halfway leaves behind. */
  g_assert_true (g_file_set_contents (stale, "SQLite format 3", -1, NULL));
  g_assert_true (g_file_set_contents (other, "x", -1, NULL));

  g_assert_true (eb_store_write_file (board, path, &error));
  g_assert_no_error (error);
  entries = list_dir (dir);
  g_assert_cmpstr (entries, ==, ".other.board.Ab12Cd.tmp b.board");
}

/* A board reached through a symbolic link (into a synced folder, say):
 * saving replaces the file it points to, beside that file, and the link
 * stays a link. */
static void
test_save_symlink (void)
{
  g_autofree char *dir = test_dir ("link");
  g_autofree char *real_dir = g_build_filename (dir, "synced", NULL);
  g_autofree char *real_path = g_build_filename (real_dir, "real.board", NULL);
  g_autofree char *link_path = g_build_filename (dir, "link.board", NULL);
  g_autofree char *wdir = working_dir ();
  g_autofree char *entries = NULL;
  g_autofree char *real_entries = NULL;
  g_autoptr(EbBoard) old = eb_board_new ();
  g_autoptr(EbBoard) read = NULL;
  g_autoptr(EbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_cmpint (g_mkdir_with_parents (real_dir, 0700), ==, 0);
  eb_board_set_title (old, "Old version");
  g_assert_true (eb_store_write_file (old, real_path, &error));
  g_assert_cmpint (g_chmod (real_path, 0640), ==, 0);
  /* Relative, as links into a synced folder often are. */
  g_assert_cmpint (symlink ("synced/real.board", link_path), ==, 0);

  store = eb_store_open (link_path, wdir, &error);
  g_assert_no_error (error);
  eb_board_set_title (eb_store_get_board (store), "Saved through the link");
  g_assert_true (eb_store_save (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (eb_store_get_dirty (store));

  g_assert_cmpint (lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (lstat (real_path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  read = eb_store_read_file (real_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (eb_board_get_title (read), ==, "Saved through the link");
  assert_board_file_clean (real_path);
  entries = list_dir (dir);
  g_assert_cmpstr (entries, ==, "link.board synced");
  real_entries = list_dir (real_dir);
  g_assert_cmpstr (real_entries, ==, "real.board");

  /* The one-shot writer (the command line's export) follows it too. */
  g_clear_object (&read);
  eb_board_set_title (old, "Exported through the link");
  g_assert_true (eb_store_write_file (old, link_path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  read = eb_store_read_file (real_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (eb_board_get_title (read), ==, "Exported through the link");

  eb_store_discard (store);
}

/* ------------------------------------------------------------------ */
/* Read-only opening                                                   */
/* ------------------------------------------------------------------ */

static guint
count_dir_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
on_read_only_notify (GObject    *object,
                     GParamSpec *pspec,
                     gpointer    data)
{
  (*(guint *) data)++;
}

/* A file nobody may write (0444: root may still write it, but someone
 * made it so on purpose), a folder saves cannot be renamed into, and a
 * read-only file system each make a board read-only. */
static void
test_read_only_query (void)
{
  g_autofree char *dir = test_dir ("read-only-query");
  g_autofree char *path = g_build_filename (dir, "shared.board", NULL);
  g_autoptr(EbBoard) board = full_board ();
  g_autoptr(GError) error = NULL;
  g_autofree char *mounts = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean found_ro = FALSE;

  g_assert_true (eb_store_write_file (board, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (eb_store_query_read_only (path), ==, EB_STORE_READ_ONLY_NONE);

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (eb_store_query_read_only (path), ==, EB_STORE_READ_ONLY_FILE);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  /* access() lets root write any folder, so this holds for others only. */
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      g_assert_cmpint (eb_store_query_read_only (path), ==, EB_STORE_READ_ONLY_FILE);
      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
    }

  /* A missing file is not read-only: opening it says what is wrong. */
  g_assert_cmpint (eb_store_query_read_only ("/nonexistent/x.board"), ==, EB_STORE_READ_ONLY_NONE);

  /* Any read-only mount there is (containers have /proc/sys, say). */
  g_assert_true (g_file_get_contents ("/proc/self/mounts", &mounts, NULL, NULL));
  lines = g_strsplit (mounts, "\n", -1);
  for (guint i = 0; lines[i] != NULL && !found_ro; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);
      g_auto(GStrv) options = NULL;

      if (g_strv_length (fields) < 4 || strchr (fields[1], '\\') != NULL)
        continue;
      options = g_strsplit (fields[3], ",", -1);
      if (g_strv_contains ((const char * const *) options, "ro") &&
          g_file_test (fields[1], G_FILE_TEST_IS_DIR))
        {
          g_test_message ("read-only mount: %s", fields[1]);
          g_assert_cmpint (eb_store_query_read_only (fields[1]), ==, EB_STORE_READ_ONLY_MEDIUM);
          found_ro = TRUE;
        }
    }
  if (!found_ro)
    g_test_message ("no read-only mount here: the read-only medium case is not checked");
}

/* A read-only board is the whole board, checked as any other, shown
 * without a working copy or a lock; nothing ever writes its file. Saving
 * it under another name makes it an ordinary store of that file. */
static void
test_read_only_open_and_copy (void)
{
  g_autofree char *dir = test_dir ("read-only-open");
  g_autofree char *path = g_build_filename (dir, "shared.board", NULL);
  g_autofree char *copy = g_build_filename (dir, "mine.board", NULL);
  g_autofree char *wdir = working_dir ();
  g_autoptr(EbBoard) board = full_board ();
  g_autoptr(EbStore) store = NULL;
  g_autoptr(EbStore) second = NULL;
  g_autoptr(EbBoard) read_back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  guint notified = 0;
  gboolean read_only;

  g_assert_true (eb_store_write_file (board, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  store = eb_store_open_read_only (path, wdir, EB_STORE_READ_ONLY_FILE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  eb_test_assert_boards_equal (board, eb_store_get_board (store));
  g_assert_cmpint (eb_store_get_read_only (store), ==, EB_STORE_READ_ONLY_FILE);
  g_object_get (store, "read-only", &read_only, NULL);
  g_assert_true (read_only);
  g_assert_cmpstr (eb_store_get_path (store), ==, path);
  g_assert_null (eb_store_get_working_path (store));
  g_assert_false (eb_store_get_dirty (store));
  /* No working copy, no lock: nothing in the working folder. */
  g_assert_cmpuint (count_dir_entries (wdir), ==, 0);
  g_signal_connect (store, "notify::read-only", G_CALLBACK (on_read_only_notify), &notified);

  /* A change in memory is written nowhere and does not count as unsaved. */
  eb_test_take_item (eb_store_get_board (store), eb_card_new (EB_CARD_KIND_NOTE));
  g_assert_false (eb_store_get_dirty (store));
  g_assert_cmpuint (count_dir_entries (wdir), ==, 0);

  /* Not to its own file, by either name. */
  g_assert_false (eb_store_save (store, NULL, &error));
  g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "shared.board"));
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  g_assert_false (eb_store_save (store, path, &error));
  g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpint (eb_store_get_read_only (store), ==, EB_STORE_READ_ONLY_FILE);
  g_assert_cmpuint (count_dir_entries (wdir), ==, 0);
  g_assert_cmpuint (notified, ==, 0);

  /* Save a copy to edit: the copy has the board as shown, change included. */
  g_assert_true (eb_store_save (store, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (eb_store_get_read_only (store), ==, EB_STORE_READ_ONLY_NONE);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (eb_store_get_path (store), ==, copy);
  g_assert_false (eb_store_get_dirty (store));
  g_assert_nonnull (eb_store_get_working_path (store));
  read_back = eb_store_read_file (copy, &error);
  g_assert_no_error (error);
  eb_test_assert_boards_equal (eb_store_get_board (store), read_back);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (read_back)), ==,
                    g_list_model_get_n_items (eb_board_get_cards (board)) + 1);

  /* From now on an ordinary store: edits reach the working copy, and the
   * copy is locked against a second store. */
  eb_board_set_title (eb_store_get_board (store), "Mine now");
  g_assert_true (eb_store_get_dirty (store));
  g_assert_true (eb_store_save (store, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&read_back);
  read_back = eb_store_read_file (copy, &error);
  g_assert_cmpstr (eb_board_get_title (read_back), ==, "Mine now");
  second = eb_store_open (copy, wdir, &error);
  g_assert_null (second);
  g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_BUSY);
  g_clear_error (&error);

  /* The shared file, byte for byte as it was. */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  eb_store_discard (store);
  g_assert_cmpuint (count_dir_entries (wdir), ==, 0);
}

/* A board another store has open: it can still be shown read-only, and
 * its copy saved, while the first store keeps the file and its lock. */
static void
test_read_only_busy (void)
{
  g_autofree char *dir = test_dir ("read-only-busy");
  g_autofree char *path = g_build_filename (dir, "shared.board", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.board", NULL);
  g_autofree char *wdir = working_dir ();
  g_autoptr(EbBoard) board = full_board ();
  g_autoptr(EbStore) owner = NULL;
  g_autoptr(EbStore) viewer = NULL;
  g_autoptr(EbStore) refused = NULL;
  g_autoptr(EbBoard) read_back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_store_write_file (board, path, &error));
  owner = eb_store_open (path, wdir, &error);
  g_assert_no_error (error);

  refused = eb_store_open (path, wdir, &error);
  g_assert_null (refused);
  g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_BUSY);
  g_clear_error (&error);

  viewer = eb_store_open_read_only (path, wdir, EB_STORE_READ_ONLY_BUSY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (eb_store_get_read_only (viewer), ==, EB_STORE_READ_ONLY_BUSY);
  eb_test_assert_boards_equal (board, eb_store_get_board (viewer));

  /* The owner goes on saving its file; the viewer never writes there. */
  eb_board_set_title (eb_store_get_board (owner), "The owner's");
  g_assert_true (eb_store_save (owner, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (eb_store_save (viewer, path, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  read_back = eb_store_read_file (path, &error);
  g_assert_cmpstr (eb_board_get_title (read_back), ==, "The owner's");

  g_assert_true (eb_store_save (viewer, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (eb_store_get_path (viewer), ==, copy);
  g_clear_object (&read_back);
  read_back = eb_store_read_file (copy, &error);
  g_assert_no_error (error);
  eb_test_assert_boards_equal (board, read_back);

  eb_store_discard (viewer);
  eb_store_discard (owner);
  g_assert_cmpuint (count_dir_entries (wdir), ==, 0);
}

/* Read-only opening keeps every check of an ordinary open. */
static void
test_read_only_hostile (void)
{
  g_autofree char *dir = test_dir ("read-only-hostile");
  g_autofree char *path = g_build_filename (dir, "text.board", NULL);
  g_autofree char *wdir = working_dir ();
  g_autoptr(EbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) open_error = NULL;

  g_assert_true (g_file_set_contents (path, "SQLite format 3 but not really", -1, NULL));
  store = eb_store_open_read_only (path, wdir, EB_STORE_READ_ONLY_MEDIUM, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_null (eb_store_open (path, wdir, &open_error));
  g_assert_error (error, open_error->domain, open_error->code);
  g_assert_cmpstr (error->message, ==, open_error->message);
}

int
main (int   argc,
      char *argv[])
{
  const EbHostile *hostiles;
  guint n_hostiles;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/eb/store/roundtrip/file", test_roundtrip_file);
  g_test_add_func ("/eb/store/roundtrip/empty", test_roundtrip_empty);
  g_test_add_func ("/eb/store/roundtrip/store", test_roundtrip_store);
  g_test_add_func ("/eb/store/notify", test_dirty_notify);
  g_test_add_func ("/eb/store/working/history", test_working_history);
  g_test_add_func ("/eb/store/working/locked", test_working_locked);
  g_test_add_func ("/eb/store/working/saved-not-listed", test_working_saved_not_listed);
  g_test_add_func ("/eb/store/working/leftovers", test_working_leftovers);
  g_test_add_func ("/eb/store/working/order", test_working_order);
  g_test_add_func ("/eb/store/working/reorder", test_working_reorder);
  g_test_add_func ("/eb/store/working/reorder-opened", test_working_reorder_opened);
  g_test_add_func ("/eb/store/working/open-recover", test_working_open_recover);
  g_test_add_func ("/eb/store/working/open-keys", test_working_open_keys);
  g_test_add_func ("/eb/store/working/open-scrubs", test_working_open_scrubs);
  g_test_add_func ("/eb/store/working/open-bad-index", test_working_open_bad_index);
  g_test_add_func ("/eb/store/working/write-failed", test_working_write_failed);
  g_test_add_func ("/eb/store/working/write-failed-twice", test_working_write_failed_twice);
  g_test_add_func ("/eb/store/migrate/fresh", test_migrate_fresh);
  g_test_add_func ("/eb/store/migrate/idempotent", test_migrate_idempotent);
  g_test_add_func ("/eb/store/migrate/too-new", test_migrate_too_new);
  g_test_add_func ("/eb/store/migrate/negative", test_migrate_negative);
  g_test_add_func ("/eb/store/migrate/from-v1", test_migrate_from_v1);
  g_test_add_func ("/eb/store/hostile/links-to-frames", test_links_to_frames_hostile);
  g_test_add_func ("/eb/store/new-for-board", test_new_for_board);
  g_test_add_func ("/eb/store/detect", test_detect);
  g_test_add_func ("/eb/store/lock/second-open", test_lock_second_open);
  g_test_add_func ("/eb/store/lock/save-as", test_lock_save_as);
  g_test_add_func ("/eb/store/lock/other-process", test_lock_other_process);
  g_test_add_func ("/eb/store/lock/listing-leaves-none", test_lock_listing_leaves_none);
  g_test_add_func ("/eb/store/harden/connections", test_harden_connections);
  g_test_add_func ("/eb/store/harden/failure", test_harden_failure);
  hostiles = eb_hostile_corpus (&n_hostiles);
  for (guint i = 0; i < n_hostiles; i++)
    if (hostiles[i].family == EB_HOSTILE_BOARD)
      {
        g_autofree char *name = g_strdup_printf ("/eb/store/hostile/%s", hostiles[i].file);
        g_test_add_data_func (name, &hostiles[i], test_hostile);
      }
  g_test_add_func ("/eb/store/hostile/missing", test_hostile_missing);
  g_test_add_func ("/eb/store/hostile/directory", test_hostile_directory);
  g_test_add_func ("/eb/store/save/failed-disk-full", test_save_failed_rlimit);
  g_test_add_func ("/eb/store/save/failed-unwritable", test_save_failed_unwritable);
  g_test_add_func ("/eb/store/save/stale-temp", test_save_stale_temp);
  g_test_add_func ("/eb/store/save/symlink", test_save_symlink);
  g_test_add_func ("/eb/store/read-only/query", test_read_only_query);
  g_test_add_func ("/eb/store/read-only/open-and-copy", test_read_only_open_and_copy);
  g_test_add_func ("/eb/store/read-only/busy", test_read_only_busy);
  g_test_add_func ("/eb/store/read-only/hostile", test_read_only_hostile);

  return g_test_run ();
}
