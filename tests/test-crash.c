/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

/* Kills real processes with SIGKILL at random moments while they edit a
 * board or save it, then checks what a user would find afterwards: every
 * acknowledged edit recovered, and a board file that is one complete
 * version or the other. The seed is logged; set EB_CRASH_SEED to replay. */

#include <gio/gio.h>
#include <glib/gstdio.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "eb-store-private.h"

#define N_KILLS 25

#define SAVE_CHILD_ARG "--save-child"

/* This executable, run again as the saving child. */
static char *self_exe;

static guint32
get_seed (void)
{
  const char *env = g_getenv ("EB_CRASH_SEED");
  guint32 seed = env ? (guint32) g_ascii_strtoull (env, NULL, 10) : g_random_int ();

  g_test_message ("seed %u (set EB_CRASH_SEED=%u to replay)", seed, seed);
  return seed;
}

static const char *
child_path (void)
{
  const char *path = g_getenv ("EB_CRASH_CHILD");

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return NULL;
  return path;
}

/* The lines the child finished writing; a cut-off last line is not one. */
static char **
read_lines (const char *path)
{
  g_autofree char *contents = NULL;
  char *end;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_new0 (char *, 1);
  end = strrchr (contents, '\n');
  if (end == NULL)
    return g_new0 (char *, 1);
  *end = '\0';
  return g_strsplit (contents, "\n", -1);
}

static gboolean
wait_for_ready (const char   *ack_path,
                GSubprocess  *child)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_auto(GStrv) lines = read_lines (ack_path);

      if (lines[0] != NULL)
        {
          if (!g_str_equal (lines[0], "ready"))
            g_error ("child: %s", lines[0]);
          return TRUE;
        }
      g_usleep (1000);
    }
  return FALSE;
}

static GSubprocess *
spawn (const char          *ack_path,
       const char * const  *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  g_subprocess_launcher_set_stdout_file_path (launcher, ack_path);
  child = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  if (!wait_for_ready (ack_path, child))
    g_error ("the child did not start");
  return child;
}

static void
kill_child (GSubprocess *child)
{
  g_subprocess_send_signal (child, SIGKILL);
  g_assert_true (g_subprocess_wait (child, NULL, NULL));
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
}

/* ------------------------------------------------------------------ */
/* Killed while editing                                                */
/* ------------------------------------------------------------------ */

typedef struct
{
  GHashTable *cards;  /* id → "x y" */
  char       *title;
} State;

static void
state_clear (State *state)
{
  g_clear_pointer (&state->cards, g_hash_table_unref);
  g_clear_pointer (&state->title, g_free);
}

static void
state_copy (State       *to,
            const State *from)
{
  GHashTableIter iter;
  gpointer key, value;

  to->cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, from->cards);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (to->cards, g_strdup (key), g_strdup (value));
  to->title = g_strdup (from->title);
}

/* Applies "add ID X Y", "move ID X Y" or "title T". */
static void
state_apply (State      *state,
             const char *step)
{
  g_auto(GStrv) words = g_strsplit (step, " ", 4);

  if (g_str_equal (words[0], "title"))
    {
      g_free (state->title);
      state->title = g_strdup (words[1]);
      return;
    }
  g_assert_true (g_str_equal (words[0], "add") || g_str_equal (words[0], "move"));
  g_assert_nonnull (words[3]);
  if (g_str_equal (words[0], "move"))
    g_assert_true (g_hash_table_contains (state->cards, words[1]));
  g_hash_table_insert (state->cards, g_strdup (words[1]), g_strdup_printf ("%s %s", words[2], words[3]));
}

static gboolean
state_matches (const State  *state,
               EbBoard      *board,
               char        **why)
{
  GListModel *cards = eb_board_get_cards (board);
  guint n = g_list_model_get_n_items (cards);

  if (g_strcmp0 (state->title, eb_board_get_title (board)) != 0)
    {
      *why = g_strdup_printf ("title %s, expected %s", eb_board_get_title (board), state->title);
      return FALSE;
    }
  if (n != g_hash_table_size (state->cards))
    {
      *why = g_strdup_printf ("%u cards, expected %u", n, g_hash_table_size (state->cards));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (cards, i);
      const char *want = g_hash_table_lookup (state->cards, eb_item_get_id (EB_ITEM (card)));
      g_autofree char *have = g_strdup_printf ("%.0f %.0f", eb_card_get_x (card), eb_card_get_y (card));

      if (g_strcmp0 (want, have) != 0)
        {
          *why = g_strdup_printf ("card %s at %s, expected %s", eb_item_get_id (EB_ITEM (card)), have, want);
          return FALSE;
        }
    }
  return TRUE;
}

static void
test_crash_editing (void)
{
  const char *child_exe = child_path ();
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "crash-edit", NULL);
  g_autofree char *wdir = g_build_filename (g_get_user_data_dir (), "evidence-board", "working", NULL);
  g_autofree char *working_path = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GError) error = NULL;
  State state = { 0 };
  guint acked = 0, pending_applied = 0, pending_lost = 0;
  guint32 seed;

  if (child_exe == NULL)
    {
      g_test_skip ("EB_CRASH_CHILD is not set");
      return;
    }
  seed = get_seed ();
  rand = g_rand_new_with_seed (seed);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  /* A board with one card, left behind unsaved. */
  {
    g_autoptr(EbStore) store = eb_store_new (wdir, &error);
    g_autoptr(EbCard) card = g_object_new (EB_TYPE_CARD, "id", "first", NULL);

    g_assert_no_error (error);
    g_assert_true (eb_board_add (eb_store_get_board (store), EB_ITEM (card), &error));
    eb_board_set_title (eb_store_get_board (store), "start");
    working_path = g_strdup (eb_store_get_working_path (store));
  }
  state.cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (state.cards, g_strdup ("first"), g_strdup ("0 0"));
  state.title = g_strdup ("start");

  for (guint kill = 0; kill < N_KILLS; kill++)
    {
      g_autofree char *ack_path = g_strdup_printf ("%s/ack-%u.txt", dir, kill);
      g_autofree char *prefix = g_strdup_printf ("k%u", kill);
      g_autofree char *child_seed = g_strdup_printf ("%u", g_rand_int (rand));
      const char *argv[] = { child_exe, "edit", working_path, prefix, child_seed, NULL };
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GPtrArray) recoverable = NULL;
      g_autoptr(EbStore) recovered = NULL;
      g_auto(GStrv) lines = NULL;
      g_autofree char *why = NULL;
      g_autofree char *why_pending = NULL;
      const char *pending = NULL;
      State with_pending = { 0 };

      child = spawn (ack_path, argv);

      /* While the child has it open, nobody else may take it. */
      if (kill % 5 == 0)
        {
          g_autoptr(EbStore) intruder = eb_store_recover (working_path, &error);

          g_assert_null (intruder);
          g_assert_error (error, EB_STORE_ERROR, EB_STORE_ERROR_IO);
          g_clear_error (&error);
        }

      g_usleep (g_rand_int_range (rand, 2000, 60000));
      kill_child (child);

      lines = read_lines (ack_path);
      g_assert_cmpstr (lines[0], ==, "ready");
      for (guint i = 1; lines[i] != NULL; i++)
        {
          if (g_str_has_prefix (lines[i], "begin "))
            {
              g_assert_null (pending);
              pending = lines[i] + strlen ("begin ");
            }
          else
            {
              g_assert_cmpstr (lines[i], ==, "ok");
              g_assert_nonnull (pending);
              state_apply (&state, pending);
              pending = NULL;
              acked++;
            }
        }

      /* What the user sees at the next start: the working copy is offered… */
      recoverable = eb_store_list_recoverable (wdir);
      g_assert_cmpuint (recoverable->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (recoverable, 0), ==, working_path);

      /* …and holds every acknowledged edit; the one under way when the
       * kill came may or may not be there. */
      recovered = eb_store_recover (working_path, &error);
      g_assert_no_error (error);
      g_assert_true (eb_store_get_dirty (recovered));

      if (!state_matches (&state, eb_store_get_board (recovered), &why))
        {
          if (pending == NULL)
            g_error ("kill %u: %s", kill, why);
          state_copy (&with_pending, &state);
          state_apply (&with_pending, pending);
          if (!state_matches (&with_pending, eb_store_get_board (recovered), &why_pending))
            g_error ("kill %u: %s; with “%s”: %s", kill, why, pending, why_pending);
          state_clear (&state);
          state = with_pending;
          pending_applied++;
        }
      else if (pending != NULL)
        pending_lost++;

      g_unlink (ack_path);
      /* Released without a discard, for the next child to recover. */
    }

  g_test_message ("%u kills, %u acknowledged edits recovered; the edit under way was "
                  "kept %u times and not yet written %u times",
                  N_KILLS, acked, pending_applied, pending_lost);
  g_assert_cmpuint (acked, >=, 10);

  {
    g_autoptr(EbStore) last = eb_store_recover (working_path, &error);

    g_assert_no_error (error);
    eb_store_discard (last);
  }
  state_clear (&state);
}

/* ------------------------------------------------------------------ */
/* Killed while saving                                                 */
/* ------------------------------------------------------------------ */

static EbBoard *
make_version (const char *title,
              guint       n_cards)
{
  EbBoard *board = eb_board_new ();
  g_autofree char *notes = g_strnfill (300, 'n');

  eb_board_set_title (board, title);
  for (guint i = 0; i < n_cards; i++)
    {
      g_autoptr(EbCard) card = g_object_new (EB_TYPE_CARD,
                                             "kind", (EbCardKind) (i % 4),
                                             "x", (double) i * 3, "y", (double) i * -2,
                                             "title", title, "notes", notes, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (eb_board_add (board, EB_ITEM (card), &error));
    }
  return board;
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static guint
count_temps (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint n = 0;

  while ((entry = g_dir_read_name (d)))
    if (g_str_has_suffix (entry, ".tmp") || g_str_has_suffix (entry, "-journal"))
      n++;
  return n;
}

/* The saving child, run from this test's own executable: two stores, the
 * board files a and b opened, each Saving As @target in turn, forever.
 * They work in two working folders: the lock that keeps a second store
 * in one folder from opening or saving over a board another has open
 * would otherwise refuse the second store's saves. Two folders share no
 * lock, which is how two installations (or users) could still race. */
static void
say (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static void
say (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

static int
run_save_child (const char *target,
                const char *a_path,
                const char *b_path,
                const char *working_dir)
{
  g_autofree char *a_dir = g_build_filename (working_dir, "a", NULL);
  g_autofree char *b_dir = g_build_filename (working_dir, "b", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EbStore) a = eb_store_open (a_path, a_dir, &error);
  g_autoptr(EbStore) b = a ? eb_store_open (b_path, b_dir, &error) : NULL;

  if (b == NULL)
    {
      say ("error %s", error->message);
      return 2;
    }
  say ("ready");

  for (guint n = 0; ; n++)
    {
      EbStore *store = n % 2 ? b : a;
      gboolean ok;

      say ("begin %c", n % 2 ? 'B' : 'A');
      /* Mostly through the store (Save As), sometimes as the CLI does. */
      if (n % 3 == 2)
        ok = eb_store_write_file (eb_store_get_board (store), target, &error);
      else
        ok = eb_store_save (store, target, &error);
      if (!ok)
        {
          say ("error %s", error->message);
          return 3;
        }
      say ("ok");
    }

  return 0;
}

static void
test_crash_saving (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "crash-save", NULL);
  g_autofree char *wdir = g_build_filename (g_get_user_data_dir (), "evidence-board", "working", NULL);
  g_autofree char *target = g_build_filename (dir, "target.board", NULL);
  g_autofree char *a_path = g_build_filename (g_get_user_cache_dir (), "a.board", NULL);
  g_autofree char *b_path = g_build_filename (g_get_user_cache_dir (), "b.board", NULL);
  g_autoptr(EbBoard) a = NULL;
  g_autoptr(EbBoard) b = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GError) error = NULL;
  guint mid_save = 0, temps_left = 0, saves = 0;
  guint32 seed;

  g_assert_nonnull (self_exe);
  seed = get_seed ();
  rand = g_rand_new_with_seed (seed);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  /* Two versions that differ in size, so a save takes a while. */
  a = make_version ("Version A", 10);
  b = make_version ("Version B", 3000);
  g_assert_true (eb_store_write_file (a, a_path, &error));
  g_assert_true (eb_store_write_file (b, b_path, &error));
  g_assert_no_error (error);

  for (guint kill = 0; kill < N_KILLS; kill++)
    {
      g_autofree char *ack_path = g_strdup_printf ("%s/ack-%u.txt", g_get_user_cache_dir (), kill);
      const char *argv[] = { self_exe, SAVE_CHILD_ARG, target, a_path, b_path, wdir, NULL };
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(EbBoard) read = NULL;
      g_auto(GStrv) lines = NULL;
      const char *pending = NULL;
      const char *last_ok = NULL;
      gboolean is_a, is_b;

      child = spawn (ack_path, argv);
      g_usleep (g_rand_int_range (rand, 0, 60000));
      kill_child (child);

      lines = read_lines (ack_path);
      for (guint i = 1; lines[i] != NULL; i++)
        {
          if (g_str_has_prefix (lines[i], "begin "))
            pending = lines[i] + strlen ("begin ");
          else
            {
              g_assert_cmpstr (lines[i], ==, "ok");
              last_ok = pending;
              pending = NULL;
              saves++;
            }
        }
      if (pending)
        mid_save++;

      if (!g_file_test (target, G_FILE_TEST_EXISTS))
        {
          /* Only before the very first save has finished. */
          g_assert_null (last_ok);
          continue;
        }

      /* The board file is one whole version, never a mix or a torn file. */
      read = eb_store_read_file (target, &error);
      g_assert_no_error (error);
      is_a = eb_board_equal (read, a, NULL);
      is_b = eb_board_equal (read, b, NULL);
      g_assert_true (is_a || is_b);
      if (last_ok != NULL && pending == NULL)
        g_assert_true (g_str_equal (last_ok, "A") ? is_a : is_b);
      else if (last_ok != NULL)
        g_assert_true ((g_str_equal (last_ok, "A") && is_a) || (g_str_equal (last_ok, "B") && is_b) ||
                       (g_str_equal (pending, "A") && is_a) || (g_str_equal (pending, "B") && is_b));
      assert_integrity (target);

      temps_left += count_temps (dir);
    }

  g_test_message ("%u kills (%u during a save), %u saves completed, %u temporary files left by kills",
                  N_KILLS, mid_save, saves, temps_left);
  g_assert_cmpuint (saves, >, 0);

  /* The next save clears what the killed ones left and succeeds. */
  g_assert_true (eb_store_write_file (a, target, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_temps (dir), ==, 0);
  {
    g_autoptr(EbBoard) read = eb_store_read_file (target, &error);

    g_assert_no_error (error);
    g_assert_true (eb_board_equal (read, a, NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 6 && g_str_equal (argv[1], SAVE_CHILD_ARG))
    return run_save_child (argv[2], argv[3], argv[4], argv[5]);

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/eb/crash/editing", test_crash_editing);
  g_test_add_func ("/eb/crash/saving", test_crash_saving);

  return g_test_run ();
}
