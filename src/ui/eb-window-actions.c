/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "eb-application.h"
#include "eb-export-dialog.h"
#include "eb-window-private.h"

/* The window's actions (win.save, win.undo, …), their key bindings, the
 * one function that decides which of them can run, and the Open Recent
 * menu. */

#define MAX_RECENT 10

static void
remember_folder (EbWindow   *self,
                 const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *uri = NULL;

  if (self->settings == NULL || path == NULL)
    return;

  dir = g_path_get_dirname (path);
  uri = g_filename_to_uri (dir, NULL, NULL);
  if (uri != NULL)
    g_settings_set_string (self->settings, "last-folder", uri);
}

static gboolean
save_to (EbWindow   *self,
         const char *path,
         gboolean    close_after)
{
  g_autoptr(GError) error = NULL;

  if (!eb_store_save (self->store, path, &error))
    {
      eb_window_show_error (self, _("Could Not Save Board"), error->message);
      return FALSE;
    }

  path = eb_store_get_path (self->store);
  eb_application_add_recent (path);
  remember_folder (self, path);

  if (close_after)
    _eb_window_close_confirmed (self);
  else
    /* Translators: a short notice after Save */
    eb_window_add_toast (self, _("Board saved"));

  return TRUE;
}

/* Saves to the board's file, or asks for one if it has none. With
 * @close_after the window closes once the board is saved. */
void
_eb_window_save (EbWindow *self,
                 gboolean  close_after)
{
  if (eb_store_get_path (self->store) == NULL)
    _eb_window_save_as (self, close_after);
  else
    save_to (self, NULL, close_after);
}

static void
on_replace_response (EbWindow         *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "eb-path");

  if (g_str_equal (response, "replace"))
    save_to (self, path, self->close_after_save);
  self->close_after_save = FALSE;
}

static void
confirm_replace (EbWindow   *self,
                 const char *path)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *display = g_filename_display_name (basename);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  heading = g_strdup_printf (_("Replace “%s”?"), display);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("A file with this name already exists. Replacing it overwrites its contents."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "eb-path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_response),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_save_as_response (GtkNativeDialog *native,
                     int              response,
                     EbWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  gboolean close_after = self->close_after_save;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  g_clear_object (&self->save_chooser);

  if (file == NULL)
    {
      self->close_after_save = FALSE;
      return;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = NULL;

      /* Translators: %s is a location such as an sftp:// address */
      message = g_strdup_printf (_("Cannot save to “%s”: boards are saved to local folders only"), uri);
      eb_window_show_error (self, _("Could Not Save Board"), message);
      self->close_after_save = FALSE;
      return;
    }

  /* The chooser confirmed replacing the name it was given; a name we
   * complete with ".board" is confirmed here. */
  if (!g_str_has_suffix (path, ".board"))
    {
      g_autofree char *completed = g_strconcat (path, ".board", NULL);

      if (g_file_test (completed, G_FILE_TEST_EXISTS))
        {
          confirm_replace (self, completed);
          return;
        }
      g_free (path);
      path = g_steal_pointer (&completed);
    }

  self->close_after_save = FALSE;
  save_to (self, path, close_after);
}

static GFile *
dup_initial_folder (EbWindow *self)
{
  const char *path = eb_store_get_path (self->store);
  const char *documents;

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      return g_file_get_parent (file);
    }

  if (self->settings != NULL)
    {
      g_autofree char *uri = g_settings_get_string (self->settings, "last-folder");

      if (uri[0] != '\0')
        {
          g_autoptr(GFile) folder = g_file_new_for_uri (uri);

          if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
            return g_steal_pointer (&folder);
        }
    }

  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);

  return NULL;
}

/* Asks where to save the board, then saves it there. With @close_after
 * the window closes once the board is saved. */
void
_eb_window_save_as (EbWindow *self,
                    gboolean  close_after)
{
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;

  self->close_after_save = close_after;

  if (self->save_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
      return;
    }

  self->save_chooser = gtk_file_chooser_native_new (_("Save Board"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Evidence Boards"));
  gtk_file_filter_add_mime_type (filter, EB_BOARD_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "board");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->save_chooser), filter);

  /* A file name cannot hold a slash; the rest of a title is fine. */
  name = _eb_window_dup_display_name (self);
  g_strdelimit (name, "/\\", '-');
  file_name = g_strconcat (name, ".board", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser), file_name);

  folder = dup_initial_folder (self);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->save_chooser), folder, NULL);

  g_signal_connect (self->save_chooser, "response", G_CALLBACK (on_save_as_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

static void
on_save_copy_response (GtkNativeDialog *native,
                       int              response,
                       EbWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *notice = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_clear_object (&self->copy_chooser);

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = NULL;

      /* Translators: %s is a location such as an sftp:// address */
      message = g_strdup_printf (_("Cannot save to “%s”: boards are saved to local folders only"), uri);
      eb_window_show_error (self, _("Could Not Save a Copy"), message);
      return;
    }

  if (!g_str_has_suffix (path, ".board"))
    {
      char *completed = g_strconcat (path, ".board", NULL);

      g_free (path);
      path = completed;
    }

  /* Written from the board in memory, not through the working copy,
   * which is what could not be written. */
  if (!eb_store_write_file (eb_store_get_board (self->store), path, &error))
    {
      eb_window_show_error (self, _("Could Not Save a Copy"), error->message);
      return;
    }

  eb_application_add_recent (path);
  remember_folder (self, path);
  display = g_filename_display_basename (path);
  /* Translators: a short notice after Save a Copy; %s is the file name */
  notice = g_strdup_printf (_("Copy saved as “%s”"), display);
  eb_window_add_toast (self, notice);
}

/* Saves the board as it is in memory to a file of the user's choosing,
 * leaving the window on its own file. Offered when the working copy
 * cannot be written: saving the board itself goes through the working
 * copy, a copy does not. */
static void
save_copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  EbWindow *self = EB_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;

  if (self->copy_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->copy_chooser));
      return;
    }

  self->copy_chooser = gtk_file_chooser_native_new (_("Save a Copy"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->copy_chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Evidence Boards"));
  gtk_file_filter_add_mime_type (filter, EB_BOARD_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "board");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->copy_chooser), filter);

  name = _eb_window_dup_display_name (self);
  g_strdelimit (name, "/\\", '-');
  /* Translators: the suggested file name of a copy; %s is the board's name */
  file_name = g_strdup_printf (_("%s (copy).board"), name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->copy_chooser), file_name);

  folder = dup_initial_folder (self);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->copy_chooser), folder, NULL);

  g_signal_connect (self->copy_chooser, "response", G_CALLBACK (on_save_copy_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->copy_chooser));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  _eb_window_save (EB_WINDOW (widget), FALSE);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  _eb_window_save_as (EB_WINDOW (widget), FALSE);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  eb_history_undo (EB_WINDOW (widget)->history);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  eb_history_redo (EB_WINDOW (widget)->history);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  if (app != NULL)
    g_application_open (G_APPLICATION (app), &file, 1, "");
}

/* New cards go in the middle of the view, selected, with their title
 * open for typing. */
static void
add_card_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  EbWindow *self = EB_WINDOW (widget);
  EbCardKind kind = EB_CARD_KIND_NOTE;

  if (g_str_equal (action_name, "win.add-person"))
    kind = EB_CARD_KIND_PERSON;
  else if (g_str_equal (action_name, "win.add-event"))
    kind = EB_CARD_KIND_EVENT;
  else if (g_str_equal (action_name, "win.add-source"))
    kind = EB_CARD_KIND_SOURCE;

  if (eb_canvas_add_card_at_center (self->canvas, kind) == NULL)
    eb_window_show_error (self, _("Could Not Add Card"), _("The board is full."));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  EbWindow *self = EB_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    eb_canvas_zoom_in (self->canvas);
  else if (g_str_equal (action_name, "win.zoom-out"))
    eb_canvas_zoom_out (self->canvas);
  else if (g_str_equal (action_name, "win.zoom-fit"))
    eb_canvas_zoom_to_fit (self->canvas);
  else
    eb_canvas_zoom_reset (self->canvas);
}

static void
on_open_folder_clicked (AdwToast *toast,
                        EbWindow *self)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "eb-folder-uri");

  if (uri != NULL)
    gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* The image is written: say so, with a way to find it. */
static void
on_exported (EbWindow *self,
             GFile    *file)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (basename);
  AdwToast *toast;

  /* Translators: a notice after an export; %s is the file name, e.g. “Board.png” */
  toast = adw_toast_new_format (_("Exported “%s”"), display);
  if (folder != NULL)
    {
      /* Translators: button in the notice after an export; opens the folder of the image */
      adw_toast_set_button_label (toast, _("Open Folder"));
      g_object_set_data_full (G_OBJECT (toast), "eb-folder-uri", g_file_get_uri (folder), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_folder_clicked), self, 0);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  EbWindow *self = EB_WINDOW (widget);
  g_autofree char *name = _eb_window_dup_display_name (self);
  EbExportDialog *dialog;

  dialog = eb_export_dialog_new (GTK_WINDOW (self), eb_store_get_board (self->store),
                                 self->canvas, self->settings, name);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The one place that decides which actions can run. */
void
_eb_window_update_actions (EbWindow *self)
{
  gboolean dirty = eb_store_get_dirty (self->store);
  gboolean named = eb_store_get_path (self->store) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", eb_history_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", eb_history_can_redo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", dirty || !named);
}

static char *
escape_mnemonic (const char *text)
{
  GString *escaped = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '_')
        g_string_append_c (escaped, '_');
      g_string_append_c (escaped, *p);
    }
  return g_string_free (escaped, FALSE);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  /* Most recently used first. */
  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

/* Rebuilds Open Recent from the recent manager: our boards that still
 * exist, most recent first. */
void
_eb_window_update_recent (EbWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  g_autoptr(GPtrArray) boards = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  GList *items = gtk_recent_manager_get_items (manager);

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (g_strcmp0 (gtk_recent_info_get_mime_type (info), EB_BOARD_MIME_TYPE) == 0 &&
          gtk_recent_info_is_local (info) &&
          gtk_recent_info_exists (info))
        g_ptr_array_add (boards, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  g_ptr_array_sort (boards, compare_recent);

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; i < boards->len && i < MAX_RECENT; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (boards, i);
      g_autofree char *label = escape_mnemonic (gtk_recent_info_get_display_name (info));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
    }

  if (boards->len == 0)
    /* An action nobody installs: the item shows, greyed out. */
    g_menu_append (self->recent_menu, _("No Recent Boards"), "win.no-recent-boards");
}

void
_eb_window_class_actions_init (EbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.add-person", NULL, add_card_action);
  gtk_widget_class_install_action (widget_class, "win.add-event", NULL, add_card_action);
  gtk_widget_class_install_action (widget_class, "win.add-source", NULL, add_card_action);
  gtk_widget_class_install_action (widget_class, "win.add-note", NULL, add_card_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_property_action (widget_class, "win.snap-to-grid", "snap-to-grid");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);

  /* Ctrl+Shift and the first letter; R for a source ("report"), as S is Save As. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.add-person", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.add-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.add-source", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.add-note", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1, GDK_CONTROL_MASK, "win.zoom-reset", NULL);
}

void
_eb_window_actions_init (EbWindow *self)
{
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (_eb_window_update_recent), self, G_CONNECT_SWAPPED);
  _eb_window_update_recent (self);
}
