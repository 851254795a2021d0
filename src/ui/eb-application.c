/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <string.h>

#include "data/eb-resources.h"
#include "eb-application.h"
#include "eb-convert.h"
#include "eb-store.h"
#include "eb-window.h"

/* The application: one window per open board. It opens files (a board,
 * or a JSON board imported into a new working copy), presents the window
 * of a board that is already open, and offers back the working copies a
 * crash left behind. */
struct _EbApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  /* Recovery is offered once per run, at the first activation or open. */
  guint           recovery_offered : 1;
};

G_DEFINE_FINAL_TYPE (EbApplication, eb_application, ADW_TYPE_APPLICATION)

static EbWindow *
get_active_board_window (EbApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (EB_IS_WINDOW (active))
    return EB_WINDOW (active);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (EB_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

/* Tells the user about a failure: over a board window if there is one,
 * else in a dialog of its own. It never makes a board to show the
 * message over: making one is what fails when the working copies cannot
 * be written (a full disk, a read-only home), and its error would come
 * back here. */
static void
show_error (EbApplication *self,
            const char    *heading,
            const char    *message)
{
  EbWindow *window = get_active_board_window (self);
  GtkWidget *dialog;

  if (window != NULL)
    {
      eb_window_show_error (window, heading, message);
      return;
    }

  /* The dialog alone keeps the application running until it is read. */
  dialog = adw_message_dialog_new (NULL, heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
close_in_idle (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static gboolean
is_untouched (EbWindow *window)
{
  EbStore *store = eb_window_get_store (window);

  return eb_store_get_path (store) == NULL &&
         !eb_store_get_dirty (store) &&
         eb_board_get_n_items (eb_store_get_board (store)) == 0;
}

static GtkWindow *
present_store (EbApplication *self,
               EbStore       *store)
{
  EbWindow *window = eb_window_new (GTK_APPLICATION (self), store);

  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static EbWindow *
find_window_for_file (EbApplication *self,
                      GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (EB_IS_WINDOW (l->data) && eb_window_has_file (l->data, file))
      return l->data;

  return NULL;
}

static void
remember_folder (EbApplication *self,
                 GFile         *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *uri = NULL;

  if (self->settings == NULL || parent == NULL)
    return;

  uri = g_file_get_uri (parent);
  g_settings_set_string (self->settings, "last-folder", uri);
}

static void
open_file (EbApplication *self,
           GFile         *file)
{
  g_autoptr(EbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *working_dir = NULL;
  g_autofree char *left_out = NULL;
  EbWindow *window;

  window = find_window_for_file (self, file);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = NULL;

      /* Translators: %s is a location such as an sftp:// address */
      message = g_strdup_printf (_("Cannot open “%s”: only local files can be opened"), uri);
      show_error (self, _("Could Not Open Board"), message);
      return;
    }

  working_dir = eb_application_dup_working_dir ();

  /* By content, not by name: a board file is opened in place, anything
   * else (JSON, however it is called) imported into a new board that has
   * no file yet. */
  if (eb_convert_detect (path) == EB_FILE_FORMAT_BOARD)
    {
      /* A board that cannot be saved where it is, or that another
       * window or program has open, is shown read-only rather than
       * refused: the window offers to save a copy to edit. */
      EbStoreReadOnly read_only = eb_store_query_read_only (path);

      if (read_only == EB_STORE_READ_ONLY_NONE)
        {
          store = eb_store_open (path, working_dir, &error);
          if (g_error_matches (error, EB_STORE_ERROR, EB_STORE_ERROR_BUSY))
            {
              g_clear_error (&error);
              read_only = EB_STORE_READ_ONLY_BUSY;
            }
        }
      if (read_only != EB_STORE_READ_ONLY_NONE)
        store = eb_store_open_read_only (path, working_dir, read_only, &error);
      if (store != NULL)
        eb_application_add_recent (path);
    }
  else
    {
      /* A lenient reader (JSON Canvas) may leave out what it cannot
       * show; the new window says what. */
      g_autoptr(EbBoard) board = eb_convert_read_full (path, NULL, &left_out, &error);

      if (board != NULL)
        store = eb_store_new_for_board (board, working_dir, &error);
      else
        {
          /* The readers' words, with the file named once and as the
           * board store names it ("Cannot open “x.board”: …"). */
          g_autofree char *line = eb_convert_error_line (path, error);
          g_autofree char *display = g_filename_display_name (path);
          g_autofree char *name = g_filename_display_basename (path);

          g_free (error->message);
          /* Translators: the first %s is a file name, the second what is wrong with it */
          error->message = g_strdup_printf (_("Cannot open “%s”: %s"), name, line + strlen (display) + 2);
        }
    }

  if (store == NULL)
    {
      show_error (self, _("Could Not Open Board"), error->message);
      return;
    }

  remember_folder (self, file);
  window = EB_WINDOW (present_store (self, store));

  if (left_out != NULL)
    {
      g_autofree char *display = g_filename_display_basename (path);
      g_autofree char *notice =
        /* Translators: a notice after opening a file; %s is its name, then what
         * could not be read from it, e.g. "left out 2 edges to missing nodes" */
        g_strdup_printf (_("Opened “%s”, but %s"), display, left_out);

      eb_window_add_toast (window, notice);
    }
}

static char *
dup_store_summary (EbStore *store)
{
  const char *title = eb_board_get_title (eb_store_get_board (store));
  const char *path = eb_store_get_path (store);
  g_autofree char *display_path = path ? g_filename_display_name (path) : NULL;

  if (title == NULL)
    title = _("Untitled Board");

  if (display_path != NULL)
    /* Translators: a line in the list of boards to recover: title, then file */
    return g_strdup_printf (_("• %s (%s)"), title, display_path);
  /* Translators: a line in the list of boards to recover that were never saved */
  return g_strdup_printf (_("• %s (never saved)"), title);
}

static void
on_recover_response (EbApplication    *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  GPtrArray *stores = g_object_get_data (G_OBJECT (dialog), "eb-stores");
  GtkWindow *placeholder = g_object_get_data (G_OBJECT (dialog), "eb-placeholder");

  if (g_str_equal (response, "recover"))
    {
      for (guint i = 0; i < stores->len; i++)
        present_store (self, g_ptr_array_index (stores, i));

      /* The empty board opened to hold the question is not wanted now,
       * unless it was used meanwhile. It closes after the dialog, its
       * child, is gone. */
      if (EB_IS_WINDOW (placeholder) && is_untouched (EB_WINDOW (placeholder)))
        g_idle_add_full (G_PRIORITY_DEFAULT, close_in_idle,
                         g_object_ref (placeholder), g_object_unref);
      return;
    }

  if (g_str_equal (response, "discard"))
    for (guint i = 0; i < stores->len; i++)
      eb_store_discard (g_ptr_array_index (stores, i));

  /* Otherwise ("later", the dialog closed) the working copies stay on
   * disk and are offered again next time. */
}

static gboolean
is_open_working_copy (EbApplication *self,
                      const char    *working_path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (EB_IS_WINDOW (l->data) &&
        g_strcmp0 (eb_store_get_working_path (eb_window_get_store (l->data)), working_path) == 0)
      return TRUE;

  return FALSE;
}

/* Offers back the working copies a crash left behind. Returns %TRUE if
 * it asks. The question belongs to a window: with no board open, it is
 * asked over a new empty board, closed again if the user recovers. */
static gboolean
offer_recovery (EbApplication *self)
{
  GtkWindow *placeholder = NULL;
  g_autofree char *working_dir = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) stores = NULL;
  g_autoptr(GString) body = NULL;
  EbWindow *parent;
  GtkWidget *dialog;

  if (self->recovery_offered)
    return FALSE;
  self->recovery_offered = TRUE;

  working_dir = eb_application_dup_working_dir ();
  paths = eb_store_list_recoverable (working_dir);
  stores = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GError) error = NULL;
      EbStore *store;

      if (is_open_working_copy (self, path))
        continue;

      store = eb_store_recover (path, &error);
      if (store == NULL)
        {
          /* Left on disk untouched; nothing the user can do about it here. */
          g_debug ("Cannot recover %s: %s", path, error->message);
          continue;
        }
      g_ptr_array_add (stores, store);
    }

  if (stores->len == 0)
    return FALSE;

  body = g_string_new (g_dngettext (GETTEXT_PACKAGE,
                                    "Evidence Board stopped before this board was saved:",
                                    "Evidence Board stopped before these boards were saved:",
                                    stores->len));
  g_string_append_c (body, '\n');
  for (guint i = 0; i < stores->len; i++)
    {
      g_autofree char *line = dup_store_summary (g_ptr_array_index (stores, i));

      g_string_append_printf (body, "\n%s", line);
    }

  parent = get_active_board_window (self);
  if (parent == NULL)
    {
      placeholder = eb_application_new_board (self);
      parent = placeholder ? EB_WINDOW (placeholder) : NULL;
    }
  dialog = adw_message_dialog_new (parent ? GTK_WINDOW (parent) : NULL,
                                   _("Recover Unsaved Work?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  /* Closing the dialog decides nothing: the work stays for next time. */
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  if (parent == NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));

  g_object_set_data_full (G_OBJECT (dialog), "eb-stores",
                          g_steal_pointer (&stores), (GDestroyNotify) g_ptr_array_unref);
  if (placeholder != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "eb-placeholder",
                            g_object_ref (placeholder), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_recover_response),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
new_action (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  eb_application_new_board (EB_APPLICATION (user_data));
}

static void
on_open_response (GtkNativeDialog *native,
                  int              response,
                  EbApplication   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      guint n = g_list_model_get_n_items (files);
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      if (n > 0)
        g_application_open (G_APPLICATION (self), (GFile **) array->pdata, n, "");
    }

  g_object_unref (native);
  g_application_release (G_APPLICATION (self));
}

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  EbApplication *self = user_data;
  EbWindow *parent = get_active_board_window (self);
  GtkFileChooserNative *native;
  GtkFileFilter *filter;

  native = gtk_file_chooser_native_new (_("Open Board"),
                                        parent ? GTK_WINDOW (parent) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All Boards"));
  gtk_file_filter_add_mime_type (filter, EB_BOARD_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "board");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "canvas");
  gtk_file_filter_add_suffix (filter, "jsonl");
  gtk_file_filter_add_suffix (filter, "ftm");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Evidence Boards"));
  gtk_file_filter_add_mime_type (filter, EB_BOARD_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "board");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  /* Translators: boards exported as JSON, opened as new unsaved boards */
  gtk_file_filter_set_name (filter, _("JSON Boards"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);

  if (self->settings != NULL)
    {
      g_autofree char *uri = g_settings_get_string (self->settings, "last-folder");

      if (uri[0] != '\0')
        {
          g_autoptr(GFile) folder = g_file_new_for_uri (uri);

          if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
            gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
        }
    }

  /* Without a window the chooser alone keeps the application running. */
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (native, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  EbApplication *self = user_data;
  EbWindow *parent = get_active_board_window (self);
  /* Shown on the credits page: the same words as the developer name. */
  const char *developers[] = { _("The Evidence Board authors"), NULL };

  adw_show_about_window (parent ? GTK_WINDOW (parent) : NULL,
                         "application-name", _("Evidence Board"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Evidence Board authors"),
                         "developers", developers,
                         "comments", _("Lay out who did what, when, and who says so: people, events and sources as cards, with labelled links between them."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: put your name here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  EbApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Each window asks about its own unsaved changes; the application
   * ends when the last one has closed. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "new", new_action },
  { "open", open_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
eb_application_startup (GApplication *application)
{
  EbApplication *self = EB_APPLICATION (application);
  GtkApplication *app = GTK_APPLICATION (application);
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (eb_application_parent_class)->startup (application);

  if (g_get_application_name () == NULL)
    g_set_application_name (_("Evidence Board"));
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  gtk_application_set_accels_for_action (app, "app.new", (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (app, "app.open", (const char *[]) { "<Control>o", NULL });
  gtk_application_set_accels_for_action (app, "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (app, "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", "<Control>slash", NULL });

  /* Run from the build tree without the schema installed, the app still
   * works; it only forgets window sizes. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  else
    g_debug ("GSettings schema %s is not installed; window sizes are not remembered", APP_ID);
}

static void
eb_application_activate (GApplication *application)
{
  EbApplication *self = EB_APPLICATION (application);
  EbWindow *window = get_active_board_window (self);

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  if (!offer_recovery (self))
    eb_application_new_board (self);
}

static void
eb_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  EbApplication *self = EB_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    open_file (self, files[i]);

  offer_recovery (self);
}

static void
eb_application_dispose (GObject *object)
{
  EbApplication *self = EB_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (eb_application_parent_class)->dispose (object);
}

static void
eb_application_class_init (EbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = eb_application_dispose;

  app_class->startup = eb_application_startup;
  app_class->activate = eb_application_activate;
  app_class->open = eb_application_open;

  /* The resources register themselves when linked; naming them here is
   * what links them from the static library into every program that
   * uses the application. */
  g_assert (eb_get_resource () != NULL);
}

static void
eb_application_init (EbApplication *self)
{
}

/**
 * eb_application_new:
 *
 * Returns: (transfer full): the application, to run with g_application_run()
 */
EbApplication *
eb_application_new (void)
{
  return g_object_new (EB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

/**
 * eb_application_dup_settings:
 * @self: the application
 *
 * Returns: (transfer full) (nullable): the app's settings, or %NULL when
 *   the schema is not installed
 */
GSettings *
eb_application_dup_settings (EbApplication *self)
{
  g_return_val_if_fail (EB_IS_APPLICATION (self), NULL);
  return self->settings ? g_object_ref (self->settings) : NULL;
}

/**
 * eb_application_dup_working_dir:
 *
 * Returns: (transfer full): the folder of the boards' private working
 *   copies, created if missing
 */
char *
eb_application_dup_working_dir (void)
{
  char *dir = g_build_filename (g_get_user_data_dir (), "evidence-board", "working", NULL);

  g_mkdir_with_parents (dir, 0700);
  return dir;
}

/**
 * eb_application_new_board:
 * @self: the application
 *
 * Opens a window with a new, empty board.
 *
 * Returns: (transfer none) (nullable): the window, or %NULL if the
 *   working copy could not be made (the user has been told)
 */
GtkWindow *
eb_application_new_board (EbApplication *self)
{
  g_autofree char *working_dir = eb_application_dup_working_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EbStore) store = NULL;

  g_return_val_if_fail (EB_IS_APPLICATION (self), NULL);

  store = eb_store_new (working_dir, &error);
  if (store == NULL)
    {
      show_error (self, _("Could Not Create Board"), error->message);
      return NULL;
    }

  return present_store (self, store);
}

/**
 * eb_application_add_recent:
 * @path: a board file just opened or saved
 *
 * Lists @path among the recently used files, where Open Recent finds it.
 */
void
eb_application_add_recent (const char *path)
{
  g_autofree char *uri = NULL;
  GtkRecentData data = {
    .mime_type = (char *) EB_BOARD_MIME_TYPE,
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "evidence-board %u",
  };

  g_return_if_fail (path != NULL);

  uri = g_filename_to_uri (path, NULL, NULL);
  if (uri != NULL && data.app_name != NULL)
    gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}
