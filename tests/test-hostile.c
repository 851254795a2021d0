/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include <string.h>
#include <sys/stat.h>

#include "eb-application.h"
#include "eb-ftm.h"
#include "eb-hostile-corpus.h"
#include "eb-json.h"
#include "eb-jsoncanvas.h"
#include "eb-store.h"
#include "eb-test-util.h"
#include "eb-window.h"

/* Every file of the hostile corpus, through the two ways a user meets
 * it: `evidence-board --check FILE` and opening it in the app (the Open
 * dialog, the file manager and the command line all end in
 * g_application_open()). Each is refused with one line naming the file
 * and the problem, and nothing else happens: no window, no working copy,
 * not one byte changed or added beside the file. */

static EbApplication *app;
static char *tmp_dir;
static char *corpus_dir;
static GHashTable *paths;   /* file name → path of the written file */

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* What a folder holds: every name with its size, time and (for files
 * small enough to read) checksum, so a test can tell nothing changed. */
static char *
describe_folder (const char *dir,
                 gboolean    sparse)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *checksum = NULL;
      struct stat st;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      if (!sparse && S_ISREG (st.st_mode))
        {
          g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);

          g_assert_nonnull (mapped);
          checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                  (const guchar *) g_mapped_file_get_contents (mapped),
                                                  g_mapped_file_get_length (mapped));
        }
      g_ptr_array_add (lines, g_strdup_printf ("%s %lld %lld.%09ld %o %s", name,
                                               (long long) st.st_size,
                                               (long long) st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                                               st.st_mode, checksum ? checksum : "-"));
    }

  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
assert_refused_words (const EbHostile *h,
                      const char      *message)
{
  g_autofree char *missing = NULL;

  g_test_message ("%s: %s", h->file, message);
  if (!eb_hostile_message_matches (h, message, &missing))
    g_error ("%s: the error “%s” lacks “%s”", h->file, message, missing);
}

/* evidence-board --check FILE: exit 1, nothing on stdout, one line on
 * stderr naming the file and the problem. */
static void
test_check (gconstpointer data)
{
  const EbHostile *h = data;
  const char *path = g_hash_table_lookup (paths, h->file);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *before = describe_folder (folder, h->sparse);
  g_autofree char *after = NULL;
  g_autofree char *line = NULL;
  g_auto(EbTestRun) run = { 0 };

  eb_test_run_binary (&run, "--check", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_suffix (run.err, "\n"));
  line = g_strndup (run.err, strlen (run.err) - 1);
  assert_refused_words (h, line);

  after = describe_folder (folder, h->sparse);
  g_assert_cmpstr (before, ==, after);
}

/* Opening it in the app: an error dialog of its own naming the file and
 * the problem; no board window, no working copy, the folder untouched. */
static void
test_open (gconstpointer data)
{
  const EbHostile *h = data;
  const char *path = g_hash_table_lookup (paths, h->file);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *before = describe_folder (folder, h->sparse);
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;

  g_assert_cmpuint (eb_test_count_board_windows (), ==, 0);
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);

  g_application_open (G_APPLICATION (app), &file, 1, "");
  eb_test_wait_for (eb_test_has_message_dialog, NULL, "the error dialog");
  dialog = eb_test_find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open Board");
  assert_refused_words (h, adw_message_dialog_get_body (dialog));
  g_assert_cmpuint (eb_test_count_board_windows (), ==, 0);
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);

  /* EB_HOSTILE_KEEP=DIR keeps a picture of each dialog there too. */
  if (g_getenv ("EB_HOSTILE_KEEP") != NULL)
    {
      g_autofree char *png = g_strconcat (h->file, ".png", NULL);

      eb_test_wait_for (eb_test_is_mapped, dialog, "the error dialog to be mapped");
      eb_test_run_for (100);
      eb_test_save_screenshot (GTK_WIDGET (dialog), corpus_dir, png);
    }

  /* Read and dismissed, as a user would. */
  eb_test_click_response (dialog, "_Close");
  eb_test_wait_for (eb_test_has_no_message_dialog, NULL, "the error dialog to close");

  g_assert_cmpuint (eb_test_count_board_windows (), ==, 0);
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);
  after = describe_folder (folder, h->sparse);
  g_assert_cmpstr (before, ==, after);
}

/* The corpus holds every kind of damage the issue lists, for every
 * format: a new reader cannot slip in without its hostile files. */
static void
test_corpus_complete (void)
{
  guint n;
  const EbHostile *corpus = eb_hostile_corpus (&n);
  guint per_family[4] = { 0 };

  for (guint i = 0; i < n; i++)
    {
      per_family[corpus[i].family]++;
      g_assert_nonnull (corpus[i].words[0]);
      g_assert_true (g_file_test (g_hash_table_lookup (paths, corpus[i].file), G_FILE_TEST_EXISTS));
    }

  g_assert_cmpuint (per_family[EB_HOSTILE_BOARD], >=, 40);
  g_assert_cmpuint (per_family[EB_HOSTILE_JSON], >=, 15);
  g_assert_cmpuint (per_family[EB_HOSTILE_CANVAS], >=, 8);
  g_assert_cmpuint (per_family[EB_HOSTILE_FTM], >=, 8);
}

typedef EbBoard *(*ReadFunc) (const char *data, gsize length, GError **error);

static EbBoard *
read_board_bytes (const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autofree char *path = g_build_filename (tmp_dir, "regression.board", NULL);
  EbBoard *board;

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  board = eb_store_read_file (path, error);
  g_unlink (path);
  return board;
}

/* Every reader of other people's files, by the name of its fuzzer. */
static const struct {
  const char *name;
  ReadFunc read;
} readers[] = {
  { "json", eb_json_read },
  { "canvas", eb_jsoncanvas_read },
  { "ftm", eb_ftm_read },
  { "board", read_board_bytes },
};

/* Inputs the fuzzers crashed a reader with (tests/fuzz/regressions/),
 * minimised, through every reader: each gives a board or an error, and
 * an error is one line. */
static void
test_fuzz_regressions (void)
{
  const char *root = g_getenv ("EB_SOURCE_ROOT");
  g_autofree char *dir = g_build_filename (root ? root : "..", "tests", "fuzz", "regressions", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize length;

      if (g_str_has_suffix (name, ".md"))
        continue;
      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(EbBoard) board = readers[i].read (data, length, &error);

          g_test_message ("%s through %s: %s", name, readers[i].name,
                          error ? error->message : "a board");
          g_assert_true ((board == NULL) != (error == NULL));
          if (error != NULL)
            g_assert_null (strchr (error->message, '\n'));
        }
      n++;
    }
  g_test_message ("%u regression inputs", n);
}

/* The fuzzers' seeds are good files, each read by its reader: a seed
 * the reader refuses would only teach the fuzzer the first check. */
static void
test_fuzz_seeds (void)
{
  const char *root = g_getenv ("EB_SOURCE_ROOT");

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_autofree char *dir = g_build_filename (root ? root : "..", "tests", "fuzz", "corpus", readers[i].name, NULL);
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;
      guint n = 0;

      g_assert_nonnull (d);
      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autofree char *data = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(EbBoard) board = NULL;
          gsize length;

          g_assert_true (g_file_get_contents (path, &data, &length, NULL));
          board = readers[i].read (data, length, &error);
          if (board == NULL)
            g_error ("Seed %s/%s is refused: %s", readers[i].name, name, error->message);
          n++;
        }
      g_assert_cmpuint (n, >=, 2);
    }
}

static void
write_corpus (void)
{
  const char *keep = g_getenv ("EB_HOSTILE_KEEP");
  gint64 start = g_get_monotonic_time ();
  const EbHostile *corpus;
  guint n;

  /* EB_HOSTILE_KEEP=DIR leaves the files there to look at. */
  corpus_dir = keep ? g_strdup (keep) : g_build_filename (tmp_dir, "corpus", NULL);
  g_assert_cmpint (g_mkdir_with_parents (corpus_dir, 0700), ==, 0);

  paths = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  corpus = eb_hostile_corpus (&n);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (paths, (gpointer) corpus[i].file, eb_hostile_write (&corpus[i], corpus_dir));

  g_test_message ("Wrote %u hostile files in %.1f s", n, (g_get_monotonic_time () - start) / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  const EbHostile *corpus;
  guint n;
  int status;

  app = eb_test_app_init (&argc, &argv, "eb-test-hostile", &tmp_dir);
  write_corpus ();

  g_test_add_func ("/eb/hostile/corpus-complete", test_corpus_complete);
  g_test_add_func ("/eb/hostile/fuzz-seeds", test_fuzz_seeds);
  g_test_add_func ("/eb/hostile/fuzz-regressions", test_fuzz_regressions);
  corpus = eb_hostile_corpus (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *check = g_strdup_printf ("/eb/hostile/check/%s", corpus[i].file);
      g_autofree char *open = g_strdup_printf ("/eb/hostile/open/%s", corpus[i].file);

      g_test_add_data_func (check, &corpus[i], test_check);
      g_test_add_data_func (open, &corpus[i], test_open);
    }

  status = g_test_run ();

  g_clear_object (&app);
  if (g_getenv ("EB_HOSTILE_KEEP") == NULL)
    eb_test_remove_dir (tmp_dir);
  g_hash_table_unref (paths);
  return status;
}
