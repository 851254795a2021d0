/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>
#include <adwaita.h>

#include "eb-canvas.h"
#include "eb-convert.h"
#include "eb-store.h"
#include "eb-viewport.h"
#include "eb-window.h"
#include "eb-test-util.h"

/* Import Board… in the main window, driven as a user would after picking
 * a file: a colleague's board, in each format, comes in beside the
 * sample board, selected and in view; a toast says how much, a dialog
 * which cards were kept as they were; Undo takes it all back. Runs under
 * Xvfb (see tests/meson.build). */

static char *tmp_dir;
static EbApplication *app;

/* Helpers ------------------------------------------------------------------ */

/* Closes the window, discarding the import if it asks. */
static void
close_window (EbWindow *window)
{
  gboolean dirty = eb_store_get_dirty (eb_window_get_store (window));

  gtk_window_close (GTK_WINDOW (window));
  if (dirty)
    {
      eb_test_wait_for (eb_test_has_message_dialog, NULL, "the save-changes dialog");
      eb_test_click_response (eb_test_find_message_dialog (), "_Discard");
    }
  eb_test_wait_for (eb_test_no_board_windows, NULL, "the window to close");
}

static guint
n_items_in (GListModel *list)
{
  return g_list_model_get_n_items (list);
}

/* A colleague's copy of the sample board: the Jaafari card edited, two
 * new cards (one linked to a card of the sample, one to the other new
 * one) and a frame around them. Written as @name; the extension picks
 * the format. */
static char *
write_colleague_board (const char *name)
{
  g_autoptr(EbBoard) board = eb_test_load_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EbFrame) frame = eb_frame_new ("April 2025", 2980, 2980, 760, 380);
  EbCard *jaafari, *report, *denial;
  char *path = g_build_filename (tmp_dir, name, NULL);

  jaafari = eb_test_find_card_by_title (board, "Bashar al-Jaafari");
  g_object_set (jaafari, "title", "Bashar Jaafari", "notes", "Denies asking for asylum", NULL);
  report = eb_test_add_card (board, EB_CARD_KIND_SOURCE, "Kommersant: Jaafari asks for asylum", 3000, 3040);
  denial = eb_test_add_card (board, EB_CARD_KIND_EVENT, "Jaafari denies the report", 3400, 3040);
  eb_test_add_link (board, report, jaafari, EB_LINK_KIND_REPORTED_BY);
  eb_test_add_link (board, denial, report, EB_LINK_KIND_CONTRADICTS);
  g_assert_true (eb_board_add (board, EB_ITEM (frame), NULL));

  g_assert_true (eb_convert_write (board, path, &error));
  g_assert_no_error (error);
  return path;
}

static EbRect
card_rect (EbCard *card)
{
  return (EbRect) { eb_card_get_x (card), eb_card_get_y (card),
                    eb_card_get_width (card), eb_card_get_height (card) };
}

static gboolean
rect_contains (const EbRect *outer,
               const EbRect *inner)
{
  return inner->x >= outer->x && inner->y >= outer->y &&
         inner->x + inner->width <= outer->x + outer->width &&
         inner->y + inner->height <= outer->y + outer->height;
}

/* Tests -------------------------------------------------------------------- */

/* The main menu offers Import Board… with its shortcut. */
static void
test_menu (void)
{
  g_autofree char *path = eb_test_write_sample_board (tmp_dir, "menu.board");
  EbWindow *window = eb_test_open_in_app (path);
  g_autoptr(GPtrArray) buttons = eb_test_find_all (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  gboolean found = FALSE;

  for (guint b = 0; b < buttons->len && !found; b++)
    {
      GMenuModel *menu = gtk_menu_button_get_menu_model (g_ptr_array_index (buttons, b));

      for (int i = 0; menu != NULL && i < g_menu_model_get_n_items (menu) && !found; i++)
        {
          g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

          for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
            {
              g_autofree char *action = NULL;
              g_autofree char *label = NULL;
              g_autofree char *accel = NULL;

              g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action);
              if (g_strcmp0 (action, "win.import") != 0)
                continue;
              g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s", &label);
              g_menu_model_get_item_attribute (section, j, "accel", "s", &accel);
              g_assert_cmpstr (label, ==, "_Import Board…");
              g_assert_cmpstr (accel, ==, "<Control><Shift>i");
              found = TRUE;
            }
        }
    }
  g_assert_true (found);

  close_window (window);
}

static void
test_import (gconstpointer data)
{
  const char *extension = data;
  g_autofree char *path = eb_test_write_sample_board (tmp_dir, "ours.board");
  g_autofree char *name = g_strconcat ("colleague.", extension, NULL);
  g_autofree char *theirs = write_colleague_board (name);
  g_autofree char *expected_body = NULL;
  g_autoptr(EbBoard) before = NULL;
  g_autoptr(EbBoard) merged = NULL;
  g_autoptr(GPtrArray) selection = NULL;
  EbWindow *window = eb_test_open_in_app (path);
  EbBoard *board = eb_store_get_board (eb_window_get_store (window));
  EbCanvas *canvas = eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CANVAS);
  AdwMessageDialog *dialog;
  EbCard *report, *denial;
  EbViewport *viewport;
  EbRect area, frame_rect, report_rect, denial_rect;
  GtkWidget *extra;
  guint cards, links, frames;

  before = eb_test_copy_board (board);
  cards = n_items_in (eb_board_get_cards (board));
  links = n_items_in (eb_board_get_links (board));
  frames = n_items_in (eb_board_get_frames (board));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", theirs));

  /* What is new came in, once; the sample's cards are not doubled. */
  g_assert_cmpuint (n_items_in (eb_board_get_cards (board)), ==, cards + 2);
  g_assert_cmpuint (n_items_in (eb_board_get_links (board)), ==, links + 2);
  g_assert_cmpuint (n_items_in (eb_board_get_frames (board)), ==, frames + 1);
  /* The edited card was kept as this board has it. */
  g_assert_cmpstr (eb_card_get_notes (eb_test_find_card_by_title (board, "Bashar al-Jaafari")), !=,
                   "Denies asking for asylum");
  report = eb_test_find_card_by_title (board, "Kommersant: Jaafari asks for asylum");
  denial = eb_test_find_card_by_title (board, "Jaafari denies the report");
  g_assert_cmpfloat (eb_card_get_x (denial) - eb_card_get_x (report), ==, 400);

  eb_test_wait_for_toast (GTK_WIDGET (window), "Imported 2 cards, 2 links and 1 frame");

  /* The new items are selected and in view. */
  selection = eb_canvas_dup_selection (canvas);
  g_assert_cmpuint (selection->len, ==, 5);
  g_assert_true (eb_canvas_is_selected (canvas, EB_ITEM (report)));
  g_assert_true (eb_canvas_is_selected (canvas, EB_ITEM (denial)));
  /* In view once the window has settled: selecting them opened the
   * inspector, which narrowed the canvas. */
  eb_test_run_for (500);
  viewport = eb_canvas_get_viewport (canvas);
  eb_viewport_get_area (viewport, &area);
  g_assert_cmpfloat_with_epsilon (area.width * eb_viewport_get_zoom (viewport),
                                  gtk_widget_get_width (GTK_WIDGET (canvas)), 0.5);
  frame_rect = (EbRect) { 2980, 2980, 760, 380 };
  frame_rect.x += eb_card_get_x (report) - 3000;
  frame_rect.y += eb_card_get_y (report) - 3040;
  g_assert_true (rect_contains (&area, &frame_rect));
  report_rect = card_rect (report);
  denial_rect = card_rect (denial);
  g_assert_true (rect_contains (&area, &report_rect));
  g_assert_true (rect_contains (&area, &denial_rect));

  /* The dialog names the card that differs, and how. */
  eb_test_wait_for (eb_test_has_message_dialog, NULL, "the changed-cards dialog");
  dialog = eb_test_find_message_dialog ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Changed Cards Kept");
  expected_body = g_strdup_printf ("1 card in “%s” differs from this board’s and was kept as it is here:", name);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, expected_body);
  extra = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_LABEL (extra));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (extra)), ==, "• Bashar al-Jaafari (title, notes)");

  if (g_str_equal (extension, "board"))
    {
      eb_test_wait_for (eb_test_is_mapped, dialog, "the dialog to be mapped");
      eb_test_run_for (300);
      eb_test_save_screenshot (GTK_WIDGET (window), tmp_dir, "merge-window.png");
      eb_test_save_screenshot (GTK_WIDGET (dialog), tmp_dir, "merge-dialog.png");
    }

  eb_test_click_response (dialog, "_Close");
  eb_test_wait_for (eb_test_has_no_message_dialog, NULL, "the dialog to close");

  /* One Undo takes the whole import back; Redo brings it back. */
  merged = eb_test_copy_board (board);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  eb_test_assert_boards_equal (board, before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  eb_test_assert_boards_equal (board, merged);

  close_window (window);
}

/* A file that is not a board is refused with its name; the board stays
 * as it was. */
static void
test_import_error (void)
{
  g_autofree char *path = eb_test_write_sample_board (tmp_dir, "ours.board");
  g_autofree char *broken = g_build_filename (tmp_dir, "broken.json", NULL);
  g_autoptr(EbBoard) before = NULL;
  EbWindow *window = eb_test_open_in_app (path);
  EbBoard *board = eb_store_get_board (eb_window_get_store (window));
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (broken, "{\"format\": \"evidence-board\", \"cards\": [", -1, NULL));
  before = eb_test_copy_board (board);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", broken));

  eb_test_wait_for (eb_test_has_message_dialog, NULL, "the error dialog");
  dialog = eb_test_find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Import Board");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "broken.json"));
  eb_test_click_response (dialog, "_Close");
  eb_test_wait_for (eb_test_has_no_message_dialog, NULL, "the error dialog to close");

  eb_test_assert_boards_equal (board, before);
  g_assert_false (eb_history_can_undo (eb_window_get_history (window)));

  close_window (window);
}

/* Importing the board's own file adds nothing and says so. */
static void
test_import_self (void)
{
  g_autofree char *path = eb_test_write_sample_board (tmp_dir, "ours.board");
  g_autoptr(EbBoard) before = NULL;
  EbWindow *window = eb_test_open_in_app (path);
  EbBoard *board = eb_store_get_board (eb_window_get_store (window));

  before = eb_test_copy_board (board);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", path));
  eb_test_wait_for_toast (GTK_WIDGET (window), "Nothing new to import from “ours.board”");
  g_assert_null (eb_test_find_message_dialog ());
  eb_test_assert_boards_equal (board, before);
  g_assert_false (eb_history_can_undo (eb_window_get_history (window)));

  close_window (window);
}

/* A board shown read-only takes nothing in. */
static void
test_read_only (void)
{
  g_autofree char *path = eb_test_write_sample_board (tmp_dir, "theirs.board");
  g_autofree char *other = write_colleague_board ("other.json");
  g_autofree char *working_dir = eb_application_dup_working_dir ();
  g_autoptr(EbStore) store = NULL;
  g_autoptr(EbBoard) before = NULL;
  g_autoptr(GError) error = NULL;
  EbWindow *window;

  store = eb_store_open_read_only (path, working_dir, EB_STORE_READ_ONLY_FILE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (eb_store_get_read_only (store), ==, EB_STORE_READ_ONLY_FILE);
  window = eb_window_new (GTK_APPLICATION (app), store);
  gtk_window_present (GTK_WINDOW (window));
  eb_test_wait_for (eb_test_is_mapped, window, "the window to be mapped");

  before = eb_test_copy_board (eb_store_get_board (store));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", other);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  eb_test_run_for (200);

  eb_test_assert_boards_equal (eb_store_get_board (store), before);
  g_assert_false (eb_history_can_undo (eb_window_get_history (window)));
  g_assert_false (eb_test_shows_toast (GTK_WIDGET (window), "Imported 2 cards, 2 links and 1 frame"));
  g_assert_null (eb_test_find_message_dialog ());

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = eb_test_app_init (&argc, &argv, "eb-test-merge-ui", &tmp_dir);

  g_test_add_func ("/eb/merge-ui/menu", test_menu);
  g_test_add_data_func ("/eb/merge-ui/import/board", "board", test_import);
  g_test_add_data_func ("/eb/merge-ui/import/json", "json", test_import);
  g_test_add_data_func ("/eb/merge-ui/import/canvas", "canvas", test_import);
  g_test_add_func ("/eb/merge-ui/import/error", test_import_error);
  g_test_add_func ("/eb/merge-ui/import/self", test_import_self);
  g_test_add_func ("/eb/merge-ui/read-only", test_read_only);

  status = g_test_run ();

  g_clear_object (&app);
  eb_test_remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
