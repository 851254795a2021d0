/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "eb-application.h"
#include "eb-canvas.h"
#include "eb-canvas-private.h"
#include "eb-card-details.h"
#include "eb-card-list.h"
#include "eb-card-row.h"
#include "eb-json.h"
#include "eb-export-dialog.h"
#include "eb-link-details.h"
#include "eb-store.h"
#include "eb-window.h"
#include "eb-test-util.h"

/* The main window, driven as a user would: open the sample board, find
 * its cards in the list, select one, edit it, undo, save, close. Runs
 * under Xvfb (see tests/meson.build). */

static char *tmp_dir;
static EbApplication *app;

/* Widget tree helpers ------------------------------------------------------ */

/* The texts of the labels of the card rows the list shows on screen. */
static GPtrArray *
shown_row_titles (GtkWidget *window)
{
  g_autoptr(GPtrArray) rows = eb_test_find_all (window, EB_TYPE_CARD_ROW);
  GPtrArray *titles = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) labels = NULL;

      if (!gtk_widget_get_mapped (row) || eb_card_row_get_card (EB_CARD_ROW (row)) == NULL)
        continue;

      labels = eb_test_find_all (row, GTK_TYPE_LABEL);
      g_assert_cmpuint (labels->len, >=, 1);
      /* The first label is the title. */
      g_ptr_array_add (titles, (gpointer) gtk_label_get_text (g_ptr_array_index (labels, 0)));
    }

  return titles;
}

static gboolean
shows_title (GtkWidget  *window,
             const char *title)
{
  g_autoptr(GPtrArray) titles = shown_row_titles (window);

  for (guint i = 0; i < titles->len; i++)
    if (g_str_equal (g_ptr_array_index (titles, i), title))
      return TRUE;
  return FALSE;
}

typedef struct {
  GtkWidget  *window;
  const char *title;
  gboolean    shown;
} RowWait;

static gboolean
row_shown_as_expected (gpointer data)
{
  RowWait *wait = data;

  return shows_title (wait->window, wait->title) == wait->shown;
}

/* The visible entry row of the details pane with the given title. */
static AdwEntryRow *
find_entry_row (GtkWidget  *window,
                const char *title)
{
  g_autoptr(GPtrArray) rows = eb_test_find_all (window, ADW_TYPE_ENTRY_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (rows, i);

      if (gtk_widget_get_visible (GTK_WIDGET (row)) &&
          g_strcmp0 (adw_preferences_row_get_title (row), title) == 0)
        return ADW_ENTRY_ROW (row);
    }

  g_error ("No entry row “%s”", title);
  return NULL;
}

/* Waits until the list shows (or no longer shows) a row with @title: the
 * list view makes and binds its rows when it next lays out. */
static void
wait_for_row (GtkWidget  *window,
              const char *title,
              gboolean    shown)
{
  RowWait wait = { window, title, shown };
  g_autofree char *what = g_strdup_printf ("the list %s “%s”", shown ? "to show" : "to stop showing", title);

  eb_test_wait_for (row_shown_as_expected, &wait, what);
}

static GtkWidget *
find_undo_button (GtkWidget *window)
{
  g_autoptr(GPtrArray) buttons = eb_test_find_all (window, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), "win.undo") == 0)
      return g_ptr_array_index (buttons, i);

  g_error ("No Undo button");
  return NULL;
}

static const char *
window_title_text (GtkWidget *window)
{
  return adw_window_title_get_title (eb_test_find_one (window, ADW_TYPE_WINDOW_TITLE));
}

/* The Open Recent submenu of the window's primary menu (the header bar
 * has the add-card menu button too). */
static GMenuModel *
find_recent_menu (GtkWidget *window)
{
  g_autoptr(GPtrArray) buttons = eb_test_find_all (window, GTK_TYPE_MENU_BUTTON);

  for (guint b = 0; b < buttons->len; b++)
    {
      GMenuModel *menu = gtk_menu_button_get_menu_model (g_ptr_array_index (buttons, b));

      for (int i = 0; menu != NULL && i < g_menu_model_get_n_items (menu); i++)
        {
          g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

          for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
            {
              GMenuModel *submenu = g_menu_model_get_item_link (section, j, G_MENU_LINK_SUBMENU);

              if (submenu != NULL)
                {
                  g_object_unref (submenu);   /* the menu keeps it */
                  return submenu;
                }
            }
        }
    }

  g_error ("No Open Recent submenu");
  return NULL;
}

typedef struct {
  GtkWidget  *window;
  const char *uri;
} RecentWait;

static gboolean
recent_menu_starts_with (gpointer data)
{
  RecentWait *wait = data;
  GMenuModel *recent = find_recent_menu (wait->window);
  g_autoptr(GVariant) target = NULL;

  if (g_menu_model_get_n_items (recent) == 0)
    return FALSE;
  target = g_menu_model_get_item_attribute_value (recent, 0, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
  return target != NULL && g_str_equal (g_variant_get_string (target, NULL), wait->uri);
}

/* The sample board ---------------------------------------------------------- */

static void
close_window (EbWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  eb_test_wait_for (eb_test_no_board_windows, NULL, "the window to close");
}

/* The hint the canvas of an empty board shows. */
static GtkWidget *
find_empty_hint (GtkWidget *window)
{
  g_autoptr(GPtrArray) boxes = eb_test_find_all (window, GTK_TYPE_BOX);

  for (guint i = 0; i < boxes->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (boxes, i), "eb-empty-hint"))
      return g_ptr_array_index (boxes, i);

  g_error ("No empty-board hint");
  return NULL;
}

/* Tests ---------------------------------------------------------------------- */

static void
test_templates (void)
{
  g_autofree char *working_dir = eb_application_dup_working_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EbStore) store = eb_store_new (working_dir, &error);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *widgets[5];
  EbWindow *window;
  GObject *overlay;

  g_assert_no_error (error);

  widgets[0] = g_object_ref_sink (eb_card_row_new ());
  widgets[1] = g_object_ref_sink (eb_card_list_new ());
  widgets[2] = g_object_ref_sink (eb_card_details_new ());
  widgets[3] = g_object_ref_sink (eb_canvas_new ());
  widgets[4] = g_object_ref_sink (eb_link_details_new ());
  g_assert_true (EB_IS_CARD_ROW (widgets[0]));
  g_assert_true (EB_IS_CARD_LIST (widgets[1]));
  g_assert_true (EB_IS_CARD_DETAILS (widgets[2]));
  g_assert_true (EB_IS_CANVAS (widgets[3]));
  g_assert_true (EB_IS_LINK_DETAILS (widgets[4]));
  g_assert_null (eb_link_details_get_link (EB_LINK_DETAILS (widgets[4])));
  g_assert_null (eb_card_list_get_selected_card (EB_CARD_LIST (widgets[1])));
  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    g_object_unref (widgets[i]);

  window = eb_window_new (GTK_APPLICATION (app), store);
  g_assert_true (EB_IS_WINDOW (window));
  g_assert_true (eb_window_get_store (window) == store);
  g_assert_nonnull (eb_window_get_history (window));
  /* The side panel's link inspector edits through the window's history. */
  g_assert_true (eb_link_details_get_history (eb_test_find_one (GTK_WIDGET (window), EB_TYPE_LINK_DETAILS)) ==
                 eb_window_get_history (window));
  /* GtkApplication found the shortcuts window in our resources. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  /* The export dialog's template builds, for this board. */
  {
    EbExportDialog *dialog = eb_export_dialog_new (GTK_WINDOW (window), eb_store_get_board (store),
                                                   NULL, NULL, "Untitled");

    g_assert_true (EB_IS_EXPORT_DIALOG (dialog));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  gtk_window_destroy (GTK_WINDOW (window));

  builder = gtk_builder_new_from_resource ("/org/evidenceboard/EvidenceBoard/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));

  eb_store_discard (store);
}

/* The unsaved mark follows the board, not the count of changes: undo
 * back to the save clears it, redo brings it back, and after undoing past
 * the save and editing (another branch) it stays until the next save. */
static void
test_saved_mark (void)
{
  g_autofree char *path = eb_test_write_sample_board (tmp_dir, "saved-mark.board");
  EbWindow *window = eb_test_open_in_app (path);
  GtkWidget *widget = GTK_WIDGET (window);
  EbStore *store = eb_window_get_store (window);
  EbHistory *history = eb_window_get_history (window);
  EbCard *jaafari = eb_test_find_card_by_title (eb_store_get_board (store), "Bashar al-Jaafari");
  g_autofree char *role = NULL;

  g_assert_nonnull (jaafari);
  role = g_strdup (eb_card_get_role (jaafari));
  g_assert_false (g_str_has_prefix (window_title_text (widget), "•"));

  eb_history_set (history, jaafari, "role", "Ambassador to Russia", NULL);    /* edit */
  g_assert_true (g_str_has_prefix (window_title_text (widget), "• "));
  gtk_widget_activate_action (widget, "win.save", NULL);                     /* save */
  g_assert_false (g_str_has_prefix (window_title_text (widget), "•"));

  eb_history_set (history, jaafari, "place", "Moscow", NULL);                 /* edit */
  g_assert_true (g_str_has_prefix (window_title_text (widget), "• "));
  /* The edit that made the board dirty again left Undo on. */
  g_assert_true (gtk_widget_is_sensitive (find_undo_button (widget)));
  gtk_widget_activate_action (widget, "win.undo", NULL);                     /* undo */
  g_assert_false (g_str_has_prefix (window_title_text (widget), "•"));
  eb_test_run_for (50);
  eb_test_save_screenshot (widget, tmp_dir, "ui-undone-to-saved.png");
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  g_assert_false (eb_store_get_dirty (store));
  gtk_widget_activate_action (widget, "win.redo", NULL);                     /* redo */
  g_assert_true (g_str_has_prefix (window_title_text (widget), "• "));
  eb_test_run_for (50);
  eb_test_save_screenshot (widget, tmp_dir, "ui-redone-past-saved.png");
  gtk_widget_activate_action (widget, "win.undo", NULL);
  g_assert_false (g_str_has_prefix (window_title_text (widget), "•"));

  /* Undo past the save, then edit: nothing leads back to the saved board. */
  gtk_widget_activate_action (widget, "win.undo", NULL);
  g_assert_cmpstr (eb_card_get_role (jaafari), ==, role);
  g_assert_true (g_str_has_prefix (window_title_text (widget), "• "));
  eb_history_set (history, jaafari, "notes", "Denied asking for asylum", NULL);
  g_assert_true (g_str_has_prefix (window_title_text (widget), "• "));
  while (eb_history_can_undo (history))
    {
      gtk_widget_activate_action (widget, "win.undo", NULL);
      g_assert_true (g_str_has_prefix (window_title_text (widget), "• "));
    }
  while (eb_history_can_redo (history))
    {
      gtk_widget_activate_action (widget, "win.redo", NULL);
      g_assert_true (g_str_has_prefix (window_title_text (widget), "• "));
    }

  /* Until saved; then the window closes without asking. */
  gtk_widget_activate_action (widget, "win.save", NULL);
  g_assert_false (g_str_has_prefix (window_title_text (widget), "•"));
  close_window (window);
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);
}

/* Clicking a card on the fitted board opens the inspector, which narrows
 * the canvas: the card stays under the pointer rather than the view
 * re-fitting to the narrower canvas. */
static void
test_click_keeps_card_in_place (void)
{
  g_autofree char *path = eb_test_write_sample_board (tmp_dir, "click-in-place.board");
  EbWindow *window = eb_test_open_in_app (path);
  EbCanvas *canvas = eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CANVAS);
  EbCard *jaafari = eb_test_find_card_by_title (eb_store_get_board (eb_window_get_store (window)),
                                                "Bashar al-Jaafari");
  int width_before;
  double x, y, x_after, y_after;

  eb_test_run_for (100);
  width_before = gtk_widget_get_width (GTK_WIDGET (canvas));
  eb_viewport_to_screen (eb_canvas_get_viewport (canvas),
                         eb_card_get_x (jaafari) + eb_card_get_width (jaafari) / 2,
                         eb_card_get_y (jaafari) + eb_card_get_height (jaafari) / 2, &x, &y);

  _eb_canvas_drag_begin (canvas, GDK_BUTTON_PRIMARY, 0, x, y);
  _eb_canvas_press (canvas, 1, GDK_BUTTON_PRIMARY, 0, x, y);
  _eb_canvas_drag_end (canvas, 0, 0);
  eb_test_run_for (300);

  g_assert_true (eb_canvas_get_selected_item (canvas) == EB_ITEM (jaafari));
  /* The inspector did open and take width from the canvas … */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (canvas)), <, width_before);
  /* … and the card's centre is still where it was clicked. */
  eb_viewport_to_screen (eb_canvas_get_viewport (canvas),
                         eb_card_get_x (jaafari) + eb_card_get_width (jaafari) / 2,
                         eb_card_get_y (jaafari) + eb_card_get_height (jaafari) / 2, &x_after, &y_after);
  g_assert_cmpfloat (fabs (x_after - x), <, 1);
  g_assert_cmpfloat (fabs (y_after - y), <, 1);
  close_window (window);
}

static void
test_sample (void)
{
  g_autofree char *path = eb_test_write_sample_board (tmp_dir, "assad-asylum.board");
  g_autoptr(EbBoard) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  GtkWidget *window;
  EbStore *store;
  EbBoard *board;
  EbCard *jaafari;
  GtkEditable *search;
  GtkSingleSelection *selection;
  AdwEntryRow *name_row;
  guint position = G_MAXUINT;
  EbCard *saved_card;

  window = GTK_WIDGET (eb_test_open_in_app (path));
  store = eb_window_get_store (EB_WINDOW (window));
  board = eb_store_get_board (store);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (board)), >, 10);

  /* The title names the board, the subtitle the file; nothing unsaved. */
  g_assert_cmpstr (window_title_text (window), ==, eb_board_get_title (board));
  g_assert_false (g_str_has_prefix (window_title_text (window), "•"));
  g_assert_false (gtk_widget_is_sensitive (find_undo_button (window)));

  /* The list shows rows for the first cards. */
  wait_for_row (window, "Bashar al-Assad", TRUE);
  titles = shown_row_titles (window);
  g_assert_cmpuint (titles->len, >=, 5);
  g_assert_true (shows_title (window, "Bashar al-Assad"));
  eb_test_save_screenshot (window, tmp_dir, "ui-sample.png");

  /* Filtering brings a card from further down into view. */
  search = GTK_EDITABLE (eb_test_find_one (window, GTK_TYPE_SEARCH_ENTRY));
  gtk_editable_set_text (search, "Jaafari");
  wait_for_row (window, "Bashar al-Jaafari", TRUE);
  wait_for_row (window, "Bashar al-Assad", FALSE);

  /* Selecting the row shows the card's details. */
  jaafari = eb_test_find_card_by_title (board, "Bashar al-Jaafari");
  g_assert_nonnull (jaafari);
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (eb_test_find_one (window, GTK_TYPE_LIST_VIEW)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (G_LIST_MODEL (selection), i);
      if (card == jaafari)
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), position, TRUE);
  eb_test_run_for (50);

  g_assert_true (eb_card_details_get_card (eb_test_find_one (window, EB_TYPE_CARD_DETAILS)) == jaafari);
  name_row = find_entry_row (window, "Name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Bashar al-Jaafari");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (find_entry_row (window, "Role"))));

  /* Typing in the name field changes the card through the history; the
   * list and the unsaved mark follow. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Bashar al-Jaafari (ambassador)");
  g_assert_cmpstr (eb_card_get_title (jaafari), ==, "Bashar al-Jaafari (ambassador)");
  g_assert_true (eb_history_can_undo (eb_window_get_history (EB_WINDOW (window))));
  g_assert_true (gtk_widget_is_sensitive (find_undo_button (window)));
  g_assert_true (eb_store_get_dirty (store));
  g_assert_true (g_str_has_prefix (window_title_text (window), "• "));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  wait_for_row (window, "Bashar al-Jaafari (ambassador)", TRUE);
  eb_test_save_screenshot (window, tmp_dir, "ui-edited.png");

  /* Undo puts it back, in the card, the field and the list. */
  gtk_widget_activate_action (window, "win.undo", NULL);
  g_assert_cmpstr (eb_card_get_title (jaafari), ==, "Bashar al-Jaafari");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Bashar al-Jaafari");
  wait_for_row (window, "Bashar al-Jaafari", TRUE);
  g_assert_true (eb_history_can_redo (eb_window_get_history (EB_WINDOW (window))));
  gtk_widget_activate_action (window, "win.redo", NULL);
  g_assert_cmpstr (eb_card_get_title (jaafari), ==, "Bashar al-Jaafari (ambassador)");

  /* Save writes the file; reading it back finds the edit. */
  gtk_widget_activate_action (window, "win.save", NULL);
  g_assert_false (eb_store_get_dirty (store));
  g_assert_false (g_str_has_prefix (window_title_text (window), "•"));
  saved = eb_store_read_file (path, &error);
  g_assert_no_error (error);
  saved_card = eb_board_lookup_card (saved, eb_item_get_id (EB_ITEM (jaafari)));
  g_assert_nonnull (saved_card);
  g_assert_cmpstr (eb_card_get_title (saved_card), ==, "Bashar al-Jaafari (ambassador)");

  /* Opened and saved boards are in Open Recent, the latest first. */
  {
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
    RecentWait wait = { window, uri };

    eb_test_wait_for (recent_menu_starts_with, &wait, "the board to be first in Open Recent");
  }

  /* Opening the same file again presents this window, not a second one. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_application_open (G_APPLICATION (app), &file, 1, "");
    g_assert_cmpuint (eb_test_count_board_windows (), ==, 1);
  }

  /* A clean close removes the working copy. */
  g_assert_cmpuint (eb_test_count_working_copies (), >=, 1);
  close_window (EB_WINDOW (window));
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);
}

static void
test_dates (void)
{
  g_autofree char *path = eb_test_write_sample_board (tmp_dir, "dates.board");
  EbWindow *window = eb_test_open_in_app (path);
  EbBoard *board = eb_store_get_board (eb_window_get_store (window));
  EbCard *event = eb_test_find_card_by_title (board, "Assad flies out of Damascus");
  g_autofree char *date = NULL;
  AdwEntryRow *date_row;

  g_assert_nonnull (event);
  date = g_strdup (eb_card_get_date (event));
  g_assert_nonnull (date);

  g_assert_true (eb_card_list_select_card (eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CARD_LIST), event));
  eb_test_run_for (50);
  date_row = find_entry_row (GTK_WIDGET (window), "Date");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, date);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (find_entry_row (GTK_WIDGET (window), "End Date"))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (find_entry_row (GTK_WIDGET (window), "Place"))));

  /* Not a date: shown as an error, not applied. */
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2024-13-45");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (date_row), "error"));
  g_assert_cmpstr (eb_card_get_date (event), ==, date);
  g_assert_false (eb_store_get_dirty (eb_window_get_store (window)));

  /* A date to the month is one. */
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2024-12");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (date_row), "error"));
  g_assert_cmpstr (eb_card_get_date (event), ==, "2024-12");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpstr (eb_card_get_date (event), ==, date);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, date);

  /* A source: publisher, address and the grade as a choice of A–F; the
   * list row carries the grade letter, explained in its tooltip. */
  {
    EbCard *source = eb_test_find_card_by_title (board, "ISW: 'Assad regime forces have collapsed'");
    g_autoptr(GPtrArray) rows = NULL;
    AdwComboRow *grade_row;
    GtkLabel *badge = NULL;

    g_assert_nonnull (source);
    g_assert_cmpint (eb_card_get_grade (source), ==, EB_GRADE_B);
    g_assert_true (eb_card_list_select_card (eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CARD_LIST), source));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (window), "Publisher"))),
                     ==, "Institute for the Study of War");
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (find_entry_row (GTK_WIDGET (window), "Address (URL)"))));
    grade_row = eb_test_find_one (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (grade_row)));
    g_assert_cmpuint (adw_combo_row_get_selected (grade_row), ==, EB_GRADE_B);

    wait_for_row (GTK_WIDGET (window), "ISW: 'Assad regime forces have collapsed'", TRUE);
    rows = eb_test_find_all (GTK_WIDGET (window), EB_TYPE_CARD_ROW);
    for (guint i = 0; i < rows->len; i++)
      if (eb_card_row_get_card (g_ptr_array_index (rows, i)) == source)
        {
          g_autoptr(GPtrArray) labels = eb_test_find_all (g_ptr_array_index (rows, i), GTK_TYPE_LABEL);

          for (guint j = 0; j < labels->len; j++)
            if (gtk_widget_has_css_class (g_ptr_array_index (labels, j), "eb-grade-badge"))
              badge = g_ptr_array_index (labels, j);
        }
    g_assert_nonnull (badge);
    g_assert_cmpstr (gtk_label_get_text (badge), ==, "B");
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (badge)));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (badge)), ==, "Grade B: Usually reliable");

    /* Choosing another grade is an undoable edit, and the badge follows. */
    adw_combo_row_set_selected (grade_row, EB_GRADE_D);
    g_assert_cmpint (eb_card_get_grade (source), ==, EB_GRADE_D);
    g_assert_cmpstr (gtk_label_get_text (badge), ==, "D");
    eb_test_save_screenshot (GTK_WIDGET (window), tmp_dir, "ui-source.png");
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
    g_assert_cmpint (eb_card_get_grade (source), ==, EB_GRADE_B);
    g_assert_cmpuint (adw_combo_row_get_selected (grade_row), ==, EB_GRADE_B);
  }

  /* The undo left the board as saved, but the store counts changes, not
   * contents: closing asks. Discard closes without saving. */
  if (eb_store_get_dirty (eb_window_get_store (window)))
    {
      AdwMessageDialog *dialog;

      gtk_window_close (GTK_WINDOW (window));
      eb_test_wait_for (eb_test_has_message_dialog, NULL, "the save-changes dialog");
      dialog = eb_test_find_message_dialog ();
      g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
      eb_test_click_response (dialog, "_Discard");
      eb_test_wait_for (eb_test_no_board_windows, NULL, "the window to close");
    }
  else
    close_window (window);

  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);
}

static void
test_empty_board (void)
{
  GtkWidget *window = GTK_WIDGET (eb_application_new_board (app));
  EbStore *store;
  EbBoard *board;
  GtkStack *stack;
  g_autoptr(GPtrArray) stacks = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *hint;

  g_assert_true (EB_IS_WINDOW (window));
  eb_test_wait_for (eb_test_is_mapped, window, "the window to be mapped");
  store = eb_window_get_store (EB_WINDOW (window));
  board = eb_store_get_board (store);

  g_assert_cmpstr (window_title_text (window), ==, "Untitled Board");
  g_assert_cmpstr (adw_window_title_get_subtitle (eb_test_find_one (window, ADW_TYPE_WINDOW_TITLE)), ==, "Unsaved board");
  g_assert_false (gtk_widget_is_sensitive (find_undo_button (window)));

  /* The canvas says the board is empty and how to start; the side
   * panel has nothing to show. */
  stacks = eb_test_find_all (window, GTK_TYPE_STACK);
  stack = NULL;
  for (guint i = 0; i < stacks->len; i++)
    if (gtk_stack_get_child_by_name (g_ptr_array_index (stacks, i), "none") &&
        gtk_stack_get_child_by_name (g_ptr_array_index (stacks, i), "details"))
      stack = g_ptr_array_index (stacks, i);
  g_assert_nonnull (stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "none");
  hint = find_empty_hint (window);
  g_assert_true (gtk_widget_get_visible (hint));
  eb_test_run_for (100);
  eb_test_save_screenshot (window, tmp_dir, "ui-empty.png");

  /* Add Note adds a note through the history, on the canvas, selected
   * and shown in the side panel. */
  gtk_widget_activate_action (window, "win.add-note", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (board)), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "details");
  g_assert_false (gtk_widget_get_visible (hint));
  g_assert_true (g_str_has_prefix (window_title_text (window), "• "));

  /* The board title entry goes through the history too. */
  {
    g_autoptr(GPtrArray) entries = eb_test_find_all (window, GTK_TYPE_ENTRY);
    GtkEditable *title_entry = NULL;

    for (guint i = 0; i < entries->len; i++)
      if (gtk_widget_has_css_class (g_ptr_array_index (entries, i), "eb-board-title"))
        title_entry = g_ptr_array_index (entries, i);
    g_assert_nonnull (title_entry);
    gtk_editable_set_text (title_entry, "Working notes");
    g_assert_cmpstr (eb_board_get_title (board), ==, "Working notes");
    g_assert_cmpstr (window_title_text (window), ==, "• Working notes");
    gtk_widget_activate_action (window, "win.undo", NULL);
    g_assert_null (eb_board_get_title (board));
    g_assert_cmpstr (gtk_editable_get_text (title_entry), ==, "");
  }

  gtk_widget_activate_action (window, "win.undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (board)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "none");
  g_assert_true (gtk_widget_get_visible (hint));
  gtk_widget_activate_action (window, "win.redo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (board)), ==, 1);

  /* Closing with unsaved changes asks; Cancel keeps the window. */
  gtk_window_close (GTK_WINDOW (window));
  eb_test_wait_for (eb_test_has_message_dialog, NULL, "the save-changes dialog");
  dialog = eb_test_find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes to “Untitled Board”?");
  eb_test_click_response (dialog, "_Cancel");
  eb_test_wait_for (eb_test_has_no_message_dialog, NULL, "the dialog to close");
  g_assert_cmpuint (eb_test_count_board_windows (), ==, 1);

  /* Quit asks too; Discard closes the window and drops its working copy. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  eb_test_wait_for (eb_test_has_message_dialog, NULL, "the save-changes dialog");
  eb_test_click_response (eb_test_find_message_dialog (), "_Discard");
  eb_test_wait_for (eb_test_no_board_windows, NULL, "the window to close");
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);
}

static void
test_import_json (void)
{
  const char *root = g_getenv ("EB_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root ? root : ".", "data", "samples", "assad-asylum.json", NULL);
  EbWindow *window = eb_test_open_in_app (path);
  EbStore *store = eb_window_get_store (window);

  /* Imported into a new working copy: no file yet, so Save asks where. */
  g_assert_null (eb_store_get_path (store));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (eb_store_get_board (store))), >, 10);
  g_assert_cmpstr (adw_window_title_get_subtitle (eb_test_find_one (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE)), ==, "Unsaved board");
  wait_for_row (GTK_WIDGET (window), "Bashar al-Assad", TRUE);

  if (eb_store_get_dirty (store))
    {
      gtk_window_close (GTK_WINDOW (window));
      eb_test_wait_for (eb_test_has_message_dialog, NULL, "the save-changes dialog");
      eb_test_click_response (eb_test_find_message_dialog (), "_Discard");
      eb_test_wait_for (eb_test_no_board_windows, NULL, "the window to close");
    }
  else
    close_window (window);
}

static void
test_open_error (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "not-a-board.board", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (path, "this is not a board", -1, NULL));
  g_application_open (G_APPLICATION (app), &file, 1, "");

  /* No crash: a dialog of its own with the one-line reason, naming the
   * file; no board is made to hold it. */
  eb_test_wait_for (eb_test_has_message_dialog, NULL, "the error dialog");
  dialog = eb_test_find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open Board");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not-a-board.board"));
  g_assert_null (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  g_assert_cmpuint (eb_test_count_board_windows (), ==, 0);
  eb_test_wait_for (eb_test_is_mapped, dialog, "the error dialog to be mapped");
  eb_test_run_for (100);
  eb_test_save_screenshot (GTK_WIDGET (dialog), tmp_dir, "ui-open-error.png");
  eb_test_click_response (dialog, "_Close");
  eb_test_wait_for (eb_test_has_no_message_dialog, NULL, "the error dialog to close");

  g_assert_cmpuint (eb_test_count_board_windows (), ==, 0);
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);
}

/* The store could not write its working copy: the window says so until
 * the board is saved, and asks before closing meanwhile. */
static void
test_write_failed (void)
{
  g_autofree char *working_dir = eb_application_dup_working_dir ();
  g_autofree char *path = g_build_filename (tmp_dir, "write-failed.board", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) disk_full = g_error_new_literal (EB_STORE_ERROR, EB_STORE_ERROR_IO, "database or disk is full");
  g_autoptr(EbStore) store = eb_store_new (working_dir, &error);
  g_autoptr(EbCard) note = eb_card_new (EB_CARD_KIND_NOTE);
  g_autoptr(GPtrArray) labels = NULL;
  GtkRevealer *bar;
  EbWindow *window;
  gboolean says_working_copy = FALSE;

  g_assert_no_error (error);
  window = eb_window_new (GTK_APPLICATION (app), store);
  gtk_window_present (GTK_WINDOW (window));
  eb_test_wait_for (eb_test_is_mapped, window, "the window to be mapped");
  bar = eb_test_find_bar (GTK_WIDGET (window), "eb-write-failed-bar");
  g_assert_false (gtk_revealer_get_reveal_child (bar));

  /* A change, whose writing fails. */
  g_object_set (note, "title", "Written while the disk was full", NULL);
  g_assert_true (eb_board_add (eb_store_get_board (store), EB_ITEM (note), &error));
  g_signal_emit_by_name (store, "write-failed", disk_full);

  g_assert_true (gtk_revealer_get_reveal_child (bar));
  eb_test_wait_for (eb_test_is_child_revealed, bar, "the write-failed bar to show");
  labels = eb_test_find_all (GTK_WIDGET (bar), GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    says_working_copy |= strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), "working copy") != NULL;
  g_assert_true (says_working_copy);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (bar)));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (bar)), >, 20);
  eb_test_run_for (100);
  eb_test_save_screenshot (GTK_WIDGET (window), tmp_dir, "ui-write-failed.png");

  /* Still there after another change: only a save brings the working
   * copy up to date. */
  g_object_set (note, "notes", "More", NULL);
  eb_test_run_for (50);
  g_assert_true (gtk_revealer_get_reveal_child (bar));

  /* Closing asks; cancelling keeps the window and the warning. */
  gtk_window_close (GTK_WINDOW (window));
  eb_test_wait_for (eb_test_has_message_dialog, NULL, "the save-changes dialog");
  eb_test_click_response (eb_test_find_message_dialog (), "_Cancel");
  eb_test_wait_for (eb_test_has_no_message_dialog, NULL, "the save-changes dialog to close");
  g_assert_cmpuint (eb_test_count_board_windows (), ==, 1);
  g_assert_true (gtk_revealer_get_reveal_child (bar));

  /* Saving rewrites the working copy and the file: the warning goes. */
  g_assert_true (eb_store_save (store, path, &error));
  g_assert_no_error (error);
  g_assert_false (gtk_revealer_get_reveal_child (bar));

  close_window (window);
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);
}

/* Starting where no working copy can be made (the data folder is a file,
 * the disk is full, the home read-only): the error is shown in a dialog
 * of its own, once. It used to make an empty board to show the error
 * over, whose failure showed an error again, until the stack ran out. */
static void
test_no_working_dir (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "evidence-board", NULL);
      g_autoptr(GPtrArray) dialogs = NULL;
      g_autoptr(GList) toplevels = NULL;
      AdwMessageDialog *dialog;

      /* A file where the folder of the working copies should be. */
      g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));

      g_application_activate (G_APPLICATION (app));
      eb_test_wait_for (eb_test_has_message_dialog, NULL, "the error dialog");
      eb_test_run_for (200);

      dialog = eb_test_find_message_dialog ();
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Create Board");
      g_assert_null (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
      g_assert_true (gtk_window_get_application (GTK_WINDOW (dialog)) == GTK_APPLICATION (app));
      g_assert_cmpuint (eb_test_count_board_windows (), ==, 0);

      toplevels = gtk_window_list_toplevels ();
      dialogs = g_ptr_array_new ();
      for (GList *l = toplevels; l; l = l->next)
        if (ADW_IS_MESSAGE_DIALOG (l->data))
          g_ptr_array_add (dialogs, l->data);
      g_assert_cmpuint (dialogs->len, ==, 1);

      eb_test_click_response (dialog, "_Close");
      eb_test_wait_for (eb_test_has_no_message_dialog, NULL, "the error dialog to close");
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static gboolean
subprocess_done (gpointer data)
{
  return g_subprocess_get_identifier (data) == NULL;
}

static gboolean
on_binary_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The real program, started with XDG_DATA_HOME pointing at a file: it
 * must not crash. It either shows the error and waits for it to be read
 * (it is still running after a while, and is stopped here) or exits with
 * a failure status. */
static void
test_binary_no_working_dir (void)
{
  const char *binary = g_getenv ("EB_BINARY");
  g_autofree char *file = g_build_filename (tmp_dir, "data-home-is-a-file", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean timed_out = FALSE;
  guint timeout_id;

  if (binary == NULL)
    {
      g_test_skip ("EB_BINARY is not set; run the tests with meson test");
      return;
    }

  g_assert_true (g_file_set_contents (file, "not a folder", -1, NULL));
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", file, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, binary, NULL);
  g_assert_no_error (error);

  timeout_id = g_timeout_add (3000, on_binary_timeout, &timed_out);
  while (!timed_out && !subprocess_done (process))
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);

  if (subprocess_done (process))
    {
      g_assert_true (g_subprocess_wait (process, NULL, NULL));
      g_assert_false (g_subprocess_get_if_signaled (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 0);
      return;
    }

  /* Still running, with its error on screen: stop it. */
  g_subprocess_force_exit (process);
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
}

static gboolean
recovered_window_only (gpointer data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  return eb_test_count_board_windows () == 1 && EB_IS_WINDOW (windows->data) &&
         eb_board_get_n_items (eb_store_get_board (eb_window_get_store (windows->data))) == 1;
}

static void
test_recovery (void)
{
  g_autofree char *working_dir = eb_application_dup_working_dir ();
  g_autoptr(GError) error = NULL;
  EbStore *store = eb_store_new (working_dir, &error);
  g_autoptr(EbCard) note = eb_card_new (EB_CARD_KIND_NOTE);
  AdwMessageDialog *dialog;
  EbWindow *window;

  g_assert_no_error (error);
  g_object_set (note, "notes", "Written before the crash", NULL);
  g_assert_true (eb_board_add (eb_store_get_board (store), EB_ITEM (note), &error));
  g_assert_true (eb_store_get_dirty (store));

  /* Dropped without a discard, as when the program dies: the working
   * copy stays. */
  g_object_unref (store);
  g_assert_cmpuint (eb_test_count_working_copies (), >=, 1);

  /* Starting without files offers it back, over an empty board. */
  g_application_activate (G_APPLICATION (app));
  eb_test_wait_for (eb_test_has_message_dialog, NULL, "the recovery dialog");
  dialog = eb_test_find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Recover Unsaved Work?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "never saved"));
  eb_test_wait_for (eb_test_is_mapped, dialog, "the recovery dialog to be mapped");
  eb_test_save_screenshot (GTK_WIDGET (dialog), tmp_dir, "ui-recover.png");

  /* Recover opens it; the empty board that held the question goes. */
  eb_test_click_response (dialog, "_Recover");
  eb_test_wait_for (recovered_window_only, NULL, "the recovered board alone");
  window = eb_test_only_board_window ();
  g_assert_true (eb_store_get_dirty (eb_window_get_store (window)));
  g_assert_true (g_str_has_prefix (window_title_text (GTK_WIDGET (window)), "• "));
  wait_for_row (GTK_WIDGET (window), "Written before the crash", TRUE);

  gtk_window_close (GTK_WINDOW (window));
  eb_test_wait_for (eb_test_has_message_dialog, NULL, "the save-changes dialog");
  eb_test_click_response (eb_test_find_message_dialog (), "_Discard");
  eb_test_wait_for (eb_test_no_board_windows, NULL, "the window to close");
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = eb_test_app_init (&argc, &argv, "eb-test-ui", &tmp_dir);

  g_test_add_func ("/eb/ui/templates", test_templates);
  /* First: recovery is offered once a run, at the first start or open. */
  g_test_add_func ("/eb/ui/recovery", test_recovery);
  g_test_add_func ("/eb/ui/window/sample", test_sample);
  g_test_add_func ("/eb/ui/window/saved-mark", test_saved_mark);
  g_test_add_func ("/eb/ui/window/click-keeps-card-in-place", test_click_keeps_card_in_place);
  g_test_add_func ("/eb/ui/window/dates", test_dates);
  g_test_add_func ("/eb/ui/window/empty-board", test_empty_board);
  g_test_add_func ("/eb/ui/window/import-json", test_import_json);
  g_test_add_func ("/eb/ui/window/open-error", test_open_error);
  g_test_add_func ("/eb/ui/window/write-failed", test_write_failed);
  g_test_add_func ("/eb/ui/startup/no-working-dir", test_no_working_dir);
  g_test_add_func ("/eb/ui/startup/binary-no-working-dir", test_binary_no_working_dir);

  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
