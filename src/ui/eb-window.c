/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "eb-application.h"
#include "eb-window-private.h"

/* One window per open board. The window owns the board's EbStore (the
 * board, its working copy and the file it is saved to) and the board's
 * EbHistory; every edit made in the window goes through the history, and
 * the store writes it to the working copy at once. The title shows the
 * board's name and a mark while the file is behind the working copy;
 * closing asks before throwing changes away. A board opened read-only
 * is shown with a bar that says why, and edits are refused until it is
 * saved as a copy. Actions live in eb-window-actions.c, the read-only
 * mode in eb-window-read-only.c, dropped files in eb-window-dnd.c. */

G_DEFINE_FINAL_TYPE (EbWindow, eb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_HISTORY,
  PROP_SNAP_TO_GRID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Returns: (transfer full): the name the board goes by in titles and
 * dialogs: its title, else its file's name, else "Untitled Board". */
char *
_eb_window_dup_display_name (EbWindow *self)
{
  EbBoard *board = eb_store_get_board (self->store);
  const char *title = eb_board_get_title (board);
  const char *path = eb_store_get_path (self->store);

  if (title != NULL && title[0] != '\0')
    return g_strdup (title);

  if (path != NULL)
    {
      g_autofree char *basename = g_path_get_basename (path);
      g_autofree char *display = g_filename_display_name (basename);

      if (g_str_has_suffix (display, ".board") && strlen (display) > strlen (".board"))
        display[strlen (display) - strlen (".board")] = '\0';
      return g_steal_pointer (&display);
    }

  return g_strdup (_("Untitled Board"));
}

static char *
dup_display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (home_len > 1 && g_str_has_prefix (path, home) && path[home_len] == G_DIR_SEPARATOR)
    {
      g_autofree char *rest = g_filename_display_name (path + home_len);
      return g_strconcat ("~", rest, NULL);
    }

  return g_filename_display_name (path);
}

void
_eb_window_update_title (EbWindow *self)
{
  g_autofree char *name = _eb_window_dup_display_name (self);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *path = eb_store_get_path (self->store);

  if (eb_store_get_read_only (self->store) != EB_STORE_READ_ONLY_NONE)
    /* Translators: the window title of a board opened read-only */
    title = g_strdup_printf (_("%s (Read-Only)"), name);
  else if (eb_store_get_dirty (self->store))
    /* Translators: a window title while the board has unsaved changes; keep the mark */
    title = g_strdup_printf (_("• %s"), name);
  else
    title = g_strdup (name);

  if (path != NULL)
    subtitle = dup_display_path (path);
  else
    /* Translators: window subtitle of a board that was never saved to a file */
    subtitle = g_strdup (_("Unsaved board"));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* The inspector keeps its width as the window grows: the canvas takes
 * the rest. Its position can only be set once the paned has a width. */
static void
place_side_panel (EbWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->side_paned));

  if (width > 0)
    gtk_paned_set_position (self->side_paned, MAX (width - MAX (self->inspector_width, 320), 200));
}

/* The inspector shows only while something is selected: with nothing to
 * edit it would take a third of the window from the board, which then
 * opens too small to read. Hidden, it keeps its width for next time. The
 * canvas's fitted view follows the change of size. */
static void
set_inspector_shown (EbWindow *self,
                     gboolean  shown)
{
  GtkWidget *inspector = GTK_WIDGET (self->details_stack);
  int width = gtk_widget_get_width (GTK_WIDGET (self->side_paned));

  if (gtk_widget_get_visible (inspector) == shown)
    return;

  if (!shown && width > 0 && gtk_widget_get_width (inspector) > 0)
    self->inspector_width = width - gtk_paned_get_position (self->side_paned);

  gtk_widget_set_visible (inspector, shown);
  if (shown)
    place_side_panel (self);
}

/* Shows a selected link in the side panel's link inspector. */
void
_eb_window_show_link (EbWindow *self,
                      EbLink   *link)
{
  eb_link_details_set_link (self->link_details, link);
  gtk_stack_set_visible_child_name (self->details_stack, "link");
}

/* The side panel shows what the canvas selected: a card's fields, a
 * link, or a hint. */
static void
update_details_page (EbWindow *self)
{
  EbBoard *board = eb_store_get_board (self->store);
  EbItem *item = eb_canvas_get_selected_item (self->canvas);
  gboolean empty = g_list_model_get_n_items (eb_board_get_cards (board)) == 0;

  gtk_widget_set_visible (self->empty_hint, empty);

  eb_card_details_set_card (self->details, EB_IS_CARD (item) ? EB_CARD (item) : NULL);
  if (!EB_IS_LINK (item))
    eb_link_details_set_link (self->link_details, NULL);

  if (EB_IS_CARD (item))
    gtk_stack_set_visible_child_name (self->details_stack, "details");
  else if (EB_IS_LINK (item))
    _eb_window_show_link (self, EB_LINK (item));
  else
    gtk_stack_set_visible_child_name (self->details_stack, "none");

  /* Frames have no inspector: they are renamed on the canvas. */
  set_inspector_shown (self, EB_IS_CARD (item) || EB_IS_LINK (item));
}

/* A row chosen in the list selects its card on the canvas and brings it
 * into view. */
static void
on_selected_card_notify (EbWindow *self)
{
  EbCard *card;

  if (self->store == NULL || self->syncing_selection)
    return;

  card = eb_card_list_get_selected_card (self->card_list);
  if (card == NULL)
    return;

  self->syncing_selection = TRUE;
  eb_canvas_select_item (self->canvas, EB_ITEM (card), FALSE);
  eb_canvas_reveal_item (self->canvas, EB_ITEM (card));
  self->syncing_selection = FALSE;
  update_details_page (self);
}

/* A card selected on the canvas is selected, and scrolled to, in the list. */
static void
on_canvas_selection_changed (EbWindow *self)
{
  EbItem *item;

  if (self->store == NULL)
    return;

  item = eb_canvas_get_selected_item (self->canvas);
  if (!self->syncing_selection)
    {
      self->syncing_selection = TRUE;
      if (EB_IS_CARD (item))
        eb_card_list_select_card (self->card_list, EB_CARD (item));
      else
        eb_card_list_unselect (self->card_list);
      self->syncing_selection = FALSE;
    }
  update_details_page (self);
}

static void
on_canvas_zoom_notify (EbWindow *self)
{
  g_autofree char *label = NULL;

  /* Translators: the zoom level, e.g. "100 %" */
  label = g_strdup_printf (_("%.0f %%"), eb_canvas_get_zoom (self->canvas) * 100);
  gtk_button_set_label (self->zoom_button, label);
}

static void
on_canvas_snap_notify (EbWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_GRID]);
}

/* A card named in the inspector (a link's end, a card's link) is
 * selected on the canvas, and so in the list, and scrolled to in both. */
static void
on_card_activated (EbWindow *self,
                   EbCard   *card)
{
  eb_canvas_select_item (self->canvas, EB_ITEM (card), FALSE);
  eb_canvas_reveal_item (self->canvas, EB_ITEM (card));
}

static void
on_board_items_changed (EbWindow *self)
{
  update_details_page (self);
}

/* The working copy fell behind the board (disk full, read-only home):
 * a crash now would lose the changes since. The bar says so until the
 * board is saved, which brings the working copy up to date first. The
 * store tells of the failure once, not for each later change while it
 * lasts, so the bar cannot go away on a later change. */
static void
on_store_write_failed (EbWindow     *self,
                       const GError *error)
{
  /* Failing to note a save in the working copy, after the file was
   * written: the file holds every change, nothing is only in memory. */
  if (!eb_store_get_dirty (self->store))
    return;

  self->working_copy_behind = TRUE;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->write_failed_label), error ? error->message : NULL);
  gtk_revealer_set_reveal_child (self->write_failed_bar, TRUE);
  g_debug ("The working copy is behind the board: %s", error ? error->message : "");
}

/* Undo or redo came back to the saved board: the file holds it all. */
static void
on_history_at_saved (EbWindow *self)
{
  if (eb_history_is_at_saved (self->history))
    eb_store_mark_clean (self->store);
}

static void
on_store_notify (EbWindow *self)
{
  if (self->working_copy_behind && !eb_store_get_dirty (self->store))
    {
      self->working_copy_behind = FALSE;
      gtk_revealer_set_reveal_child (self->write_failed_bar, FALSE);
    }

  _eb_window_update_title (self);
  _eb_window_update_actions (self);
}

static void
save_window_state (EbWindow *self)
{
  gboolean maximized;
  int width, height;

  if (self->settings == NULL)
    return;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  g_settings_set_int (self->settings, "list-width", gtk_paned_get_position (self->paned));
  if (gtk_widget_get_visible (GTK_WIDGET (self->details_stack)) &&
      gtk_widget_get_width (GTK_WIDGET (self->details_stack)) > 0)
    self->inspector_width = gtk_widget_get_width (GTK_WIDGET (self->side_paned)) -
                            gtk_paned_get_position (self->side_paned);
  g_settings_set_int (self->settings, "inspector-width", self->inspector_width);
}

static void
restore_window_state (EbWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               MAX (g_settings_get_int (self->settings, "window-width"), 560),
                               MAX (g_settings_get_int (self->settings, "window-height"), 400));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_paned_set_position (self->paned, MAX (g_settings_get_int (self->settings, "list-width"), 200));
  self->inspector_width = g_settings_get_int (self->settings, "inspector-width");
}

static gboolean
place_side_panel_idle (gpointer data)
{
  EbWindow *self = data;

  if (self->side_paned != NULL)
    place_side_panel (self);
  return G_SOURCE_REMOVE;
}

static void
on_window_mapped (EbWindow *self)
{
  /* After the first layout, so the paned knows its width. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, place_side_panel_idle, g_object_ref (self), g_object_unref);
}

/* The window's size, its panes and the snap-to-grid toggle are kept in
 * the application's settings. GtkWindow:application is not a construct
 * property: g_object_new() sets it after constructed(), so the settings
 * are taken up when it is set. */
static void
on_application_notify (EbWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->settings != NULL || !EB_IS_APPLICATION (app))
    return;

  self->settings = eb_application_dup_settings (EB_APPLICATION (app));
  if (self->settings == NULL)
    return;

  restore_window_state (self);
  g_settings_bind (self->settings, "snap-to-grid", self->canvas, "snap-to-grid", G_SETTINGS_BIND_DEFAULT);
}

static void
on_save_changes_response (EbWindow   *self,
                          const char *response,
                          AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "save"))
    _eb_window_save (self, TRUE);
  else if (g_str_equal (response, "discard"))
    _eb_window_close_confirmed (self);
}

static void
ask_save_changes (EbWindow *self)
{
  g_autofree char *name = _eb_window_dup_display_name (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: the question when a window with unsaved changes closes */
  heading = g_strdup_printf (_("Save Changes to “%s”?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   eb_store_get_path (self->store) != NULL
                                   ? _("The changes since the board was last saved will be lost if you close without saving.")
                                   : _("This board was never saved. It will be lost if you close without saving."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_changes_response),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
close_in_idle (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Closes the window without asking: the board was saved, or its changes
 * are to be thrown away. This is called from dialog responses; the window
 * closes once the dialog, which it is the parent of, has finished. */
void
_eb_window_close_confirmed (EbWindow *self)
{
  self->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_in_idle, g_object_ref (self), g_object_unref);
}

static gboolean
eb_window_close_request (GtkWindow *window)
{
  EbWindow *self = EB_WINDOW (window);

  if (self->store != NULL && !self->close_confirmed &&
      (eb_store_get_dirty (self->store) || self->working_copy_behind))
    {
      ask_save_changes (self);
      return TRUE;
    }

  /* The working copy is kept only when the program dies; a window that
   * closes normally has saved or given up its changes. */
  if (self->store != NULL)
    eb_store_discard (self->store);
  save_window_state (self);

  return GTK_WINDOW_CLASS (eb_window_parent_class)->close_request (window);
}

static void
eb_window_constructed (GObject *object)
{
  EbWindow *self = EB_WINDOW (object);
  EbBoard *board;

  G_OBJECT_CLASS (eb_window_parent_class)->constructed (object);

  g_assert (EB_IS_STORE (self->store));

  board = eb_store_get_board (self->store);
  self->history = eb_history_new (board);
  /* A board just read from its file (or new and empty) is the saved one;
   * a recovered or imported one is not, until saved. */
  if (!eb_store_get_dirty (self->store))
    eb_history_mark_saved (self->history);

  eb_card_list_set_history (self->card_list, self->history);
  eb_card_details_set_history (self->details, self->history);
  eb_link_details_set_history (self->link_details, self->history);
  eb_canvas_set_history (self->canvas, self->history);
  on_canvas_zoom_notify (self);

  g_signal_connect_object (self->store, "notify::dirty",
                           G_CALLBACK (on_store_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::path",
                           G_CALLBACK (on_store_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "write-failed",
                           G_CALLBACK (on_store_write_failed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (board, "notify::title",
                           G_CALLBACK (_eb_window_update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (eb_board_get_cards (board), "items-changed",
                           G_CALLBACK (on_board_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::at-saved",
                           G_CALLBACK (on_history_at_saved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-undo",
                           G_CALLBACK (_eb_window_update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-redo",
                           G_CALLBACK (_eb_window_update_actions), self, G_CONNECT_SWAPPED);
  _eb_window_read_only_init (self);

  _eb_window_actions_init (self);

  _eb_window_update_title (self);
  update_details_page (self);
  _eb_window_update_read_only (self);
  _eb_window_update_actions (self);
}

static void
eb_window_dispose (GObject *object)
{
  EbWindow *self = EB_WINDOW (object);

  if (self->save_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
      g_clear_object (&self->save_chooser);
    }
  if (self->copy_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->copy_chooser));
      g_clear_object (&self->copy_chooser);
    }

  if (self->card_list != NULL)
    eb_card_list_set_history (self->card_list, NULL);
  if (self->details != NULL)
    eb_card_details_set_history (self->details, NULL);
  if (self->link_details != NULL)
    eb_link_details_set_history (self->link_details, NULL);
  if (self->canvas != NULL)
    eb_canvas_set_history (self->canvas, NULL);

  g_clear_weak_pointer (&self->read_only_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), EB_TYPE_WINDOW);

  /* Dropping the store without eb_store_discard() keeps the working
   * copy; only a confirmed close discards it. */
  g_clear_object (&self->history);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (eb_window_parent_class)->dispose (object);
}

static void
eb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  EbWindow *self = EB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_SNAP_TO_GRID:
      /* Asked for by the action before the template is built. */
      g_value_set_boolean (value, self->canvas != NULL && eb_canvas_get_snap_to_grid (self->canvas));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  EbWindow *self = EB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SNAP_TO_GRID:
      if (self->canvas != NULL)
        eb_canvas_set_snap_to_grid (self->canvas, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_window_class_init (EbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = eb_window_constructed;
  object_class->dispose = eb_window_dispose;
  object_class->get_property = eb_window_get_property;
  object_class->set_property = eb_window_set_property;

  window_class->close_request = eb_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, EB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, EB_TYPE_HISTORY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The canvas's, for the win.snap-to-grid toggle in the menu. */
  properties[PROP_SNAP_TO_GRID] =
    g_param_spec_boolean ("snap-to-grid", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (EB_TYPE_CANVAS);
  g_type_ensure (EB_TYPE_CARD_LIST);
  g_type_ensure (EB_TYPE_CARD_DETAILS);
  g_type_ensure (EB_TYPE_LINK_DETAILS);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/evidenceboard/EvidenceBoard/eb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EbWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, add_menu_button);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, write_failed_bar);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, write_failed_label);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, side_paned);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, card_list);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, empty_hint);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, details_stack);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, details);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, link_details);
  gtk_widget_class_bind_template_child (widget_class, EbWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_card_notify);
  gtk_widget_class_bind_template_callback (widget_class, on_card_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_zoom_notify);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_snap_notify);

  _eb_window_class_actions_init (klass);
}

static void
eb_window_init (EbWindow *self)
{
  self->inspector_width = 340;
  gtk_widget_init_template (GTK_WIDGET (self));
  _eb_window_dnd_init (self);
  g_signal_connect (self, "map", G_CALLBACK (on_window_mapped), NULL);
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_notify), NULL);
}

/**
 * eb_window_new:
 * @application: the application
 * @store: the open board to show and edit
 *
 * Returns: (transfer full): a new window for @store, with an empty undo history
 */
EbWindow *
eb_window_new (GtkApplication *application,
               EbStore        *store)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (EB_IS_STORE (store), NULL);

  return g_object_new (EB_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

/**
 * eb_window_get_store:
 * @self: a window
 *
 * Returns: (transfer none): the board's store
 */
EbStore *
eb_window_get_store (EbWindow *self)
{
  g_return_val_if_fail (EB_IS_WINDOW (self), NULL);
  return self->store;
}

/**
 * eb_window_get_history:
 * @self: a window
 *
 * Returns: (transfer none): the undo history every edit goes through
 */
EbHistory *
eb_window_get_history (EbWindow *self)
{
  g_return_val_if_fail (EB_IS_WINDOW (self), NULL);
  return self->history;
}

/**
 * eb_window_has_file:
 * @self: a window
 * @file: a board file
 *
 * Tells whether the window shows the board saved in @file, so opening it
 * again presents this window instead of a second copy.
 *
 * Returns: %TRUE if @file is the window's board file
 */
gboolean
eb_window_has_file (EbWindow *self,
                    GFile    *file)
{
  g_autoptr(GFile) mine = NULL;
  const char *path;

  g_return_val_if_fail (EB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = self->store ? eb_store_get_path (self->store) : NULL;
  if (path == NULL)
    return FALSE;

  mine = g_file_new_for_path (path);
  return g_file_equal (mine, file);
}

/**
 * eb_window_show_error:
 * @self: a window
 * @heading: what failed, e.g. "Could Not Save Board"
 * @message: why, one line from the #GError
 *
 * Tells the user about a failure that needs their attention.
 */
void
eb_window_show_error (EbWindow   *self,
                      const char *heading,
                      const char *message)
{
  GtkWidget *dialog;

  g_return_if_fail (EB_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * eb_window_add_toast:
 * @self: a window
 * @title: a short message, plain text (it may quote file names)
 *
 * Shows passing information, such as "Board saved".
 */
void
eb_window_add_toast (EbWindow   *self,
                     const char *title)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (EB_IS_WINDOW (self));

  /* A toast's title is markup in libadwaita 1.2: a file called "A&B"
   * would otherwise show nothing. */
  markup = g_markup_escape_text (title, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}
