/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "eb-application.h"
#include "eb-board-merge.h"
#include "eb-convert.h"
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
  gboolean was_read_only = eb_store_get_read_only (self->store) != EB_STORE_READ_ONLY_NONE;

  if (!eb_store_save (self->store, path, &error))
    {
      eb_window_show_error (self, _("Could Not Save Board"), error->message);
      return FALSE;
    }
  /* Undo back to here clears the unsaved mark again. */
  eb_history_mark_saved (self->history);

  path = eb_store_get_path (self->store);
  eb_application_add_recent (path);
  remember_folder (self, path);

  if (close_after)
    _eb_window_close_confirmed (self);
  else if (was_read_only)
    /* Translators: a short notice after Save a Copy to Edit of a read-only board */
    eb_window_add_toast (self, _("Copy saved: you are editing it now"));
  else
    /* Translators: a short notice after Save */
    eb_window_add_toast (self, _("Board saved"));

  return TRUE;
}

/* Where the Save As chooser's answer leads, once it has a file name. */
gboolean
_eb_window_save_to (EbWindow   *self,
                    const char *path)
{
  return save_to (self, path, FALSE);
}

/* Saves to the board's file, or asks for one if it has none. With
 * @close_after the window closes once the board is saved. */
void
_eb_window_save (EbWindow *self,
                 gboolean  close_after)
{
  /* A read-only board is saved only as a copy, under another name. */
  if (eb_store_get_path (self->store) == NULL ||
      eb_store_get_read_only (self->store) != EB_STORE_READ_ONLY_NONE)
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

  /* A copy of a board nobody may write goes elsewhere. */
  if (path != NULL &&
      eb_store_get_read_only (self->store) != EB_STORE_READ_ONLY_FILE &&
      eb_store_get_read_only (self->store) != EB_STORE_READ_ONLY_MEDIUM)
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
  gboolean read_only;

  self->close_after_save = close_after;

  if (self->save_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
      return;
    }

  read_only = eb_store_get_read_only (self->store) != EB_STORE_READ_ONLY_NONE;
  self->save_chooser = gtk_file_chooser_native_new (read_only ? _("Save a Copy to Edit") : _("Save Board"),
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
  if (read_only)
    /* Translators: the suggested file name of a copy; %s is the board's name */
    file_name = g_strdup_printf (_("%s (copy).board"), name);
  else
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
save_to_edit_action (GtkWidget  *widget,
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
  g_autofree char *name = g_markup_escape_text (display, -1);
  AdwToast *toast;

  /* Translators: a notice after an export; %s is the file name, e.g. “Board.png” */
  toast = adw_toast_new_format (_("Exported “%s”"), name);
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

/* Importing another board into this one ----------------------------------- */

static gboolean
is_read_only (EbWindow *self)
{
  return eb_store_get_read_only (self->store) != EB_STORE_READ_ONLY_NONE;
}

/* "Imported 12 cards, 8 links and 1 frame", naming only what there was. */
static char *
dup_import_summary (EbBoardMergeResult *result)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  /* Translators: these three are the parts of “Imported 12 cards, 8 links and 1 frame” */
  if (result->n_cards > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u card", "%u cards", result->n_cards),
                                             result->n_cards));
  if (result->n_links > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u link", "%u links", result->n_links),
                                             result->n_links));
  if (result->n_frames > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u frame", "%u frames", result->n_frames),
                                             result->n_frames));

  switch (parts->len)
    {
    case 1:
      /* Translators: a notice after Import Board; %s is e.g. “12 cards” */
      return g_strdup_printf (_("Imported %s"), (char *) parts->pdata[0]);
    case 2:
      /* Translators: a notice after Import Board, e.g. “Imported 12 cards and 8 links” */
      return g_strdup_printf (_("Imported %s and %s"), (char *) parts->pdata[0], (char *) parts->pdata[1]);
    case 3:
      /* Translators: a notice after Import Board, e.g. “Imported 12 cards, 8 links and 1 frame” */
      return g_strdup_printf (_("Imported %s, %s and %s"), (char *) parts->pdata[0],
                              (char *) parts->pdata[1], (char *) parts->pdata[2]);
    default:
      g_assert_not_reached ();
    }
}

/* Tells what was kept as it was on this board rather than imported. */
static void
show_import_changes (EbWindow           *self,
                     EbBoardMergeResult *result,
                     const char         *display)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *list = NULL;
  const char *heading;
  GtkWidget *dialog;
  guint n = result->changed->len;
  gboolean only_cards = TRUE;

  for (guint i = 0; i < n; i++)
    only_cards &= ((EbBoardMergeChange *) g_ptr_array_index (result->changed, i))->type == EB_TYPE_CARD;

  if (n > 0)
    {
      list = eb_board_merge_result_describe_changes (result);

      if (only_cards)
        g_string_append_printf (body,
                                /* Translators: %u is a number of cards, %s a file name; a list of the cards follows */
                                ngettext ("%u card in “%s” differs from this board’s and was kept as it is here:",
                                          "%u cards in “%s” differ from this board’s and were kept as they are here:",
                                          n),
                                n, display);
      else
        g_string_append_printf (body,
                                /* Translators: %u is a number of cards, links and frames, %s a file name; a list follows */
                                ngettext ("%u item in “%s” differs from this board’s and was kept as it is here:",
                                          "%u items in “%s” differ from this board’s and were kept as they are here:",
                                          n),
                                n, display);
    }

  if (result->n_dropped_links > 0)
    {
      if (body->len > 0)
        g_string_append_c (body, ' ');
      g_string_append_printf (body,
                              ngettext ("%u link was left out: a card it joins is not on this board.",
                                        "%u links were left out: cards they join are not on this board.",
                                        result->n_dropped_links),
                              result->n_dropped_links);
    }

  heading = n > 0 ? (only_cards ? _("Changed Cards Kept") : _("Changed Items Kept"))
                  : _("Some Links Left Out");
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body->str);
  if (list != NULL)
    {
      /* A list reads down its left edge, not centred like the body. */
      GtkWidget *label = gtk_label_new (list);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Keeps the imported items fitted in the view while the window settles:
 * selecting them opens the inspector, which narrows the canvas only at
 * the next layout. Lets go as soon as the view is moved, or after a
 * moment. */
typedef struct
{
  EbViewport *viewport;
  EbRect      bounds;
  double      x, y, zoom;
  double      width, height;  /* of the view, in pixels */
  gulong      handler;
  guint       timeout;
  gboolean    applying;   /* our own fit's "changed" is not the user moving */
} ImportFit;

#define IMPORT_FIT_MSEC 2000

static void
import_fit_free (gpointer  data,
                 GClosure *closure)
{
  ImportFit *fit = data;

  g_clear_handle_id (&fit->timeout, g_source_remove);
  g_free (fit);
}

static void
import_fit_apply (ImportFit *fit)
{
  EbRect area;

  fit->applying = TRUE;
  eb_viewport_fit (fit->viewport, &fit->bounds);
  fit->applying = FALSE;
  fit->x = eb_viewport_get_x (fit->viewport);
  fit->y = eb_viewport_get_y (fit->viewport);
  fit->zoom = eb_viewport_get_zoom (fit->viewport);
  eb_viewport_get_area (fit->viewport, &area);
  fit->width = area.width * fit->zoom;
  fit->height = area.height * fit->zoom;
}

static void
on_import_view_changed (EbViewport *viewport,
                        ImportFit  *fit)
{
  double zoom = eb_viewport_get_zoom (viewport);
  EbRect area;

  if (fit->applying)
    return;
  if (eb_viewport_get_x (viewport) != fit->x || eb_viewport_get_y (viewport) != fit->y || zoom != fit->zoom)
    {
      /* Moved by someone: their view now. Frees @fit. */
      g_signal_handler_disconnect (viewport, fit->handler);
      return;
    }

  eb_viewport_get_area (viewport, &area);
  if (fabs (area.width * zoom - fit->width) >= 0.5 || fabs (area.height * zoom - fit->height) >= 0.5)
    import_fit_apply (fit);
}

static gboolean
import_fit_expired (gpointer data)
{
  ImportFit *fit = data;

  fit->timeout = 0;
  g_signal_handler_disconnect (fit->viewport, fit->handler);
  return G_SOURCE_REMOVE;
}

static void
fit_imported (EbWindow     *self,
              const EbRect *bounds)
{
  ImportFit *fit = g_new0 (ImportFit, 1);

  fit->viewport = eb_canvas_get_viewport (self->canvas);
  fit->bounds = *bounds;
  import_fit_apply (fit);
  fit->handler = g_signal_connect_data (fit->viewport, "changed", G_CALLBACK (on_import_view_changed),
                                        fit, import_fit_free, 0);
  fit->timeout = g_timeout_add (IMPORT_FIT_MSEC, import_fit_expired, fit);
}

/* Reads @path, adds what it holds to this board as one undo step, shows
 * it selected, and says what happened. */
static void
import_file (EbWindow   *self,
             const char *path)
{
  g_autoptr(EbBoard) source = NULL;
  g_autoptr(EbBoardMergeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *left_out = NULL;
  g_autofree char *notice = NULL;

  /* A lenient reader (JSON Canvas) may leave out what it cannot show;
   * the notice says what. */
  source = eb_convert_read_full (path, NULL, &left_out, &error);
  if (source != NULL)
    result = eb_board_merge (self->history, source, &error);

  if (result == NULL)
    {
      g_autofree char *message = NULL;

      /* The readers name the file; say which one if the message does not. */
      if (strstr (error->message, display) != NULL)
        message = g_strdup (error->message);
      else
        /* Translators: %s is a file name, then why it could not be imported */
        message = g_strdup_printf (_("Could not import “%s”: %s"), display, error->message);
      eb_window_show_error (self, _("Could Not Import Board"), message);
      return;
    }

  remember_folder (self, path);

  if (eb_board_merge_result_get_n_added (result) > 0)
    {
      notice = dup_import_summary (result);

      eb_canvas_select_items (self->canvas, result->added);
      if (result->bounds.width > 0)
        fit_imported (self, &result->bounds);
    }
  else
    /* Translators: a notice after Import Board; %s is the file name */
    notice = g_strdup_printf (_("Nothing new to import from “%s”"), display);

  if (left_out != NULL)
    {
      char *whole =
        /* Translators: a notice after Import Board: what was imported, then what could
         * not be read, e.g. "Imported 12 cards; left out 2 edges to missing nodes" */
        g_strdup_printf (_("%s; %s"), notice, left_out);

      g_free (notice);
      notice = whole;
    }

  eb_window_add_toast (self, notice);

  if (result->changed->len > 0 || result->n_dropped_links > 0)
    show_import_changes (self, result, display);
}

static void
import_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  EbWindow *self = EB_WINDOW (widget);

  if (is_read_only (self))
    return;
  import_file (self, g_variant_get_string (param, NULL));
}

static void
on_import_response (GtkNativeDialog *native,
                    int              response,
                    EbWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_object_unref (native);

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message =
        /* Translators: %s is a location such as an sftp:// address */
        g_strdup_printf (_("Cannot import “%s”: only local files can be imported"), uri);

      eb_window_show_error (self, _("Could Not Import Board"), message);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.import-file", "s", path);
}

static void
add_import_filter (GtkFileChooser *chooser,
                   const char     *name,
                   const char     *mime_type,
                   const char     *suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (chooser, filter);
}

/* Asks for a board file of any format we read, then imports it. */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  EbWindow *self = EB_WINDOW (widget);
  static const char *suffixes[] = { "board", "json", "canvas", "jsonl", "ftm" };
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;
  GtkFileChooserNative *chooser;

  if (is_read_only (self))
    return;

  chooser = gtk_file_chooser_native_new (_("Import Board"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         /* Translators: the button of the Import Board file chooser */
                                         _("_Import"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (all, _("All supported boards"));
  gtk_file_filter_add_mime_type (all, EB_BOARD_MIME_TYPE);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (all, suffixes[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  add_import_filter (GTK_FILE_CHOOSER (chooser), _("Evidence Boards"), EB_BOARD_MIME_TYPE, "board");
  /* Translators: a file type in the Import Board chooser */
  add_import_filter (GTK_FILE_CHOOSER (chooser), _("Evidence Boards as JSON"), NULL, "json");
  /* Translators: a file type in the Import Board chooser (Obsidian's canvas files) */
  add_import_filter (GTK_FILE_CHOOSER (chooser), _("JSON Canvas"), NULL, "canvas");
  /* Translators: a file type in the Import Board chooser: entities from OCCRP Aleph or OpenSanctions, one a line */
  add_import_filter (GTK_FILE_CHOOSER (chooser), _("FollowTheMoney entities"), NULL, "jsonl");
  /* Translators: a file type in the Import Board chooser: an OCCRP Aleph network diagram */
  add_import_filter (GTK_FILE_CHOOSER (chooser), _("Aleph network diagrams"), NULL, "ftm");
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), all);

  folder = dup_initial_folder (self);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);

  /* The chooser holds the only reference; the response drops it. */
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The one place that decides which actions can run. */
void
_eb_window_update_actions (EbWindow *self)
{
  gboolean dirty = eb_store_get_dirty (self->store);
  gboolean named = eb_store_get_path (self->store) != NULL;
  gboolean read_only = eb_store_get_read_only (self->store) != EB_STORE_READ_ONLY_NONE;
  static const char * const edits[] = { "win.add-person", "win.add-event", "win.add-source", "win.add-note" };

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", !read_only && eb_history_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", !read_only && eb_history_can_redo (self->history));
  /* Ctrl+S on a read-only board offers to save a copy to edit. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", dirty || !named || read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-to-edit", read_only);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), edits[i], !read_only);
  /* A read-only board takes nothing in. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", !is_read_only (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-file", !is_read_only (self));
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
  gtk_widget_class_install_action (widget_class, "win.save-to-edit", NULL, save_to_edit_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-file", "s", import_file_action);
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.import", NULL);

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
