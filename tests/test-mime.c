/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "eb-card.h"
#include "eb-store.h"

/* What the file manager knows of boards, from what we install: the
 * shared-mime-info type recognises a board by its SQLite application_id
 * whatever it is called, and the desktop file is its default handler.
 * The MIME package and the desktop file are installed into a folder of
 * the test's own, which a child process (this program, run with
 * --guess) sees as its only data folder besides the system's. No display
 * needed. */

#define BOARD_TYPE "application/x-evidence-board"

static char *self_path;

/* The child: prints "name<TAB>type" for each file, guessed from its name
 * and content as the file manager does, then the default handler. */
static int
guess_main (int   argc,
            char *argv[])
{
  g_autoptr(GAppInfo) handler = NULL;

  for (int i = 2; i < argc; i++)
    {
      g_autofree char *data = NULL;
      g_autofree char *type = NULL;
      g_autofree char *name = g_path_get_basename (argv[i]);
      gsize length = 0;

      if (!g_file_get_contents (argv[i], &data, &length, NULL))
        return 2;
      type = g_content_type_guess (argv[i], (const guchar *) data, MIN (length, 4096), NULL);
      g_print ("%s\t%s\n", name, type);
    }

  handler = g_app_info_get_default_for_type (BOARD_TYPE, FALSE);
  g_print ("default\t%s\n", handler ? g_app_info_get_id (handler) : "none");
  return 0;
}

static void
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
}

static void
write_sqlite (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
test_by_content (void)
{
  const char *source_root = g_getenv ("EB_SOURCE_ROOT");
  const char *build_root = g_getenv ("EB_BUILD_ROOT");
  const char *binary = g_getenv ("EB_BINARY");
  g_autofree char *tmp = NULL;
  g_autofree char *mime_xml = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *packages = NULL;
  g_autofree char *applications = NULL;
  g_autofree char *bin = NULL;
  g_autofree char *link = NULL;
  g_autofree char *mime_dir = NULL;
  g_autofree char *installed = NULL;
  g_autofree char *data_dirs = NULL;
  g_autofree char *path_env = NULL;
  g_autofree char *shared = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *other_app = NULL;
  g_autofree char *named = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) envp = NULL;
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbCard) card = eb_card_new (EB_CARD_KIND_PERSON);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (source_root);
  g_assert_nonnull (build_root);
  g_assert_nonnull (binary);

  if (g_find_program_in_path ("update-mime-database") == NULL ||
      g_find_program_in_path ("update-desktop-database") == NULL)
    {
      g_test_skip ("update-mime-database (shared-mime-info) or update-desktop-database (desktop-file-utils) is not installed");
      return;
    }

  tmp = g_dir_make_tmp ("eb-mime-XXXXXX", &error);
  g_assert_no_error (error);

  /* Installed as data/meson.build installs them. */
  mime_xml = g_build_filename (source_root, "data", APP_ID ".mime.xml", NULL);
  desktop = g_build_filename (build_root, "data", APP_ID ".desktop", NULL);
  mime_dir = g_build_filename (tmp, "mime", NULL);
  packages = g_build_filename (mime_dir, "packages", NULL);
  applications = g_build_filename (tmp, "applications", NULL);
  bin = g_build_filename (tmp, "bin", NULL);
  g_assert_cmpint (g_mkdir_with_parents (packages, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (bin, 0700), ==, 0);

  g_assert_true (g_file_get_contents (mime_xml, &contents, NULL, NULL));
  installed = g_build_filename (packages, APP_ID ".xml", NULL);
  g_assert_true (g_file_set_contents (installed, contents, -1, NULL));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (desktop, &contents, NULL, NULL));
  g_clear_pointer (&installed, g_free);
  installed = g_build_filename (applications, APP_ID ".desktop", NULL);
  g_assert_true (g_file_set_contents (installed, contents, -1, NULL));
  /* GLib lists a desktop file only if its Exec program is in the PATH. */
  link = g_build_filename (bin, "evidence-board", NULL);
  g_assert_cmpint (symlink (binary, link), ==, 0);

  run_tool ((const char *[]) { "update-mime-database", mime_dir, NULL });
  run_tool ((const char *[]) { "update-desktop-database", applications, NULL });

  /* A board with a name that says nothing; the same board as .board; a
   * plain SQLite database; one of another program that sets its own
   * application_id. */
  g_object_set (card, "title", "Bashar al-Jaafari", NULL);
  g_assert_true (eb_board_add (board, EB_ITEM (card), &error));
  shared = g_build_filename (tmp, "from-a-colleague", NULL);
  named = g_build_filename (tmp, "story.board", NULL);
  g_assert_true (eb_store_write_file (board, shared, &error));
  g_assert_no_error (error);
  g_assert_true (eb_store_write_file (board, named, &error));
  g_assert_no_error (error);
  plain = g_build_filename (tmp, "x.db", NULL);
  write_sqlite (plain, "CREATE TABLE cards (id TEXT); INSERT INTO cards VALUES ('a');");
  other_app = g_build_filename (tmp, "other-app", NULL);
  write_sqlite (other_app, "PRAGMA application_id = 305419896; CREATE TABLE t (a);");

  envp = g_get_environ ();
  data_dirs = g_strdup_printf ("%s:/usr/local/share:/usr/share", tmp);
  path_env = g_strdup_printf ("%s:%s", bin, g_getenv ("PATH"));
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", tmp, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_DIRS", data_dirs, TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", tmp, TRUE);
  envp = g_environ_unsetenv (envp, "XDG_CONFIG_DIRS");
  envp = g_environ_setenv (envp, "PATH", path_env, TRUE);

  g_spawn_sync (NULL,
                (char *[]) { self_path, (char *) "--guess", shared, named, plain, other_app, NULL },
                envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("child says:\n%s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* By content, without a name to go by. */
  g_assert_nonnull (strstr (out, "from-a-colleague\t" BOARD_TYPE "\n"));
  g_assert_nonnull (strstr (out, "story.board\t" BOARD_TYPE "\n"));
  /* Other SQLite files are not ours. */
  g_assert_nonnull (strstr (out, "x.db\tapplication/vnd.sqlite3\n"));
  g_assert_null (strstr (out, "other-app\t" BOARD_TYPE));
  g_assert_nonnull (strstr (out, "other-app\tapplication/vnd.sqlite3\n"));
  /* Double-clicking a board opens Evidence Board. */
  g_assert_nonnull (strstr (out, "default\t" APP_ID ".desktop\n"));

  remove_tree (tmp);
}

/* The desktop file opens files (several at once, %F, so the application
 * gets them all in one open), names our type, and uses the icon
 * installed under the application id. */
static void
test_desktop_file (void)
{
  const char *source_root = g_getenv ("EB_SOURCE_ROOT");
  const char *build_root = g_getenv ("EB_BUILD_ROOT");
  g_autofree char *desktop = g_build_filename (build_root, "data", APP_ID ".desktop", NULL);
  g_autofree char *icon = g_build_filename (source_root, "data", "icons", "hicolor", "scalable",
                                            "apps", APP_ID ".svg", NULL);
  g_autofree char *symbolic = g_build_filename (source_root, "data", "icons", "hicolor", "symbolic",
                                                "apps", APP_ID "-symbolic.svg", NULL);
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *icon_name = NULL;
  g_auto(GStrv) types = NULL;

  g_assert_true (g_key_file_load_from_file (keys, desktop, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (keys, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, "evidence-board %F");
  types = g_key_file_get_string_list (keys, "Desktop Entry", "MimeType", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) types, BOARD_TYPE));
  icon_name = g_key_file_get_string (keys, "Desktop Entry", "Icon", &error);
  g_assert_cmpstr (icon_name, ==, APP_ID);
  g_assert_true (g_file_test (icon, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (symbolic, G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 2 && g_str_equal (argv[1], "--guess"))
    return guess_main (argc, argv);

  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/eb/mime/by-content", test_by_content);
  g_test_add_func ("/eb/mime/desktop-file", test_desktop_file);

  return g_test_run ();
}
