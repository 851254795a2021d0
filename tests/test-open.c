/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <gtk/gtk.h>
#include <adwaita.h>

#include "eb-application.h"
#include "eb-canvas-private.h"
#include "eb-card-details.h"
#include "eb-card-list.h"
#include "eb-link-details.h"
#include "eb-clipboard.h"
#include "eb-store.h"
#include "eb-window-private.h"
#include "eb-test-util.h"

/* Opening files by every route (the application's open, as the Open
 * dialog, Open Recent, the command line and the file manager reach it;
 * files dropped on a window), and boards that open read-only: a file
 * nobody may write, one another program has open; files a reader could
 * not take whole say what it left out. Runs under Xvfb. */

static char *tmp_dir;
static char *self_path;
static EbApplication *app;

/* Helpers ------------------------------------------------------------------ */

/* The window whose store has @path (canonical), or with no path: NULL. */
static EbWindow *
find_board_window (const char *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (EB_IS_WINDOW (l->data) &&
        g_strcmp0 (eb_store_get_path (eb_window_get_store (l->data)), path) == 0)
      return l->data;
  return NULL;
}

/* Closes every board window, throwing away unsaved changes. */
static void
close_all (void)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  while (eb_test_has_message_dialog (NULL))
    {
      eb_test_click_response (eb_test_find_message_dialog (), "_Discard");
      eb_test_wait_for (eb_test_has_no_message_dialog, NULL, "the dialog to close");
    }
  eb_test_wait_for (eb_test_no_board_windows, NULL, "the windows to close");
}

static guint
n_cards (EbWindow *window)
{
  return g_list_model_get_n_items (eb_board_get_cards (eb_store_get_board (eb_window_get_store (window))));
}

static guint
sample_n_cards (void)
{
  g_autoptr(EbBoard) board = eb_test_load_sample ();

  return g_list_model_get_n_items (eb_board_get_cards (board));
}

static EbWindow *
open_and_wait (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  EbWindow *window;

  g_application_open (G_APPLICATION (app), &file, 1, "");
  window = find_board_window (canonical);
  g_assert_nonnull (window);
  eb_test_wait_for (eb_test_is_mapped, window, "the window to be mapped");
  eb_test_run_for (200);
  return window;
}

/* Any mapped label in @root whose text contains @text. */
static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = eb_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (labels, i)) &&
        strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), text) != NULL)
      return TRUE;
  return FALSE;
}

typedef struct {
  GtkWidget  *root;
  const char *text;
} TextWait;

static gboolean
text_shown (gpointer data)
{
  TextWait *wait = data;

  return shows_text (wait->root, wait->text);
}

static GtkButton *
find_button_by_action (GtkWidget  *root,
                       const char *action)
{
  g_autoptr(GPtrArray) buttons = eb_test_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), action) == 0)
      return g_ptr_array_index (buttons, i);

  g_error ("No button for %s", action);
  return NULL;
}

static const char *
window_title_text (GtkWidget *window)
{
  return adw_window_title_get_title (eb_test_find_one (window, ADW_TYPE_WINDOW_TITLE));
}

/* Where the middle of @card shows on @canvas, brought into view. */
static void
card_on_screen (EbCanvas *canvas,
                EbCard   *card,
                double   *x,
                double   *y)
{
  eb_canvas_reveal_item (canvas, EB_ITEM (card));
  eb_viewport_to_screen (eb_canvas_get_viewport (canvas),
                         eb_card_get_x (card) + eb_card_get_width (card) / 2,
                         eb_card_get_y (card) + eb_card_get_height (card) / 2, x, y);
}

/* A click on @card, through the handlers the canvas's gestures call. */
static void
click_card (EbCanvas *canvas,
            EbCard   *card)
{
  double x, y;

  card_on_screen (canvas, card, &x, &y);
  _eb_canvas_drag_begin (canvas, GDK_BUTTON_PRIMARY, 0, x, y);
  _eb_canvas_press (canvas, 1, GDK_BUTTON_PRIMARY, 0, x, y);
  _eb_canvas_drag_end (canvas, 0, 0);
}

/* Drags @card by (@dx, @dy) pixels as a pointer would, in steps. */
static void
drag_card (EbCanvas *canvas,
           EbCard   *card,
           double    dx,
           double    dy)
{
  double x, y;

  card_on_screen (canvas, card, &x, &y);
  _eb_canvas_drag_begin (canvas, GDK_BUTTON_PRIMARY, 0, x, y);
  g_assert_true (eb_canvas_get_selected_item (canvas) == EB_ITEM (card));
  for (int i = 1; i <= 4; i++)
    _eb_canvas_drag_update (canvas, dx * i / 4, dy * i / 4);
  _eb_canvas_drag_end (canvas, dx, dy);
}

static gboolean
text_gone (gpointer data)
{
  return !text_shown (data);
}

/* The first card with links, so the inspector has rows to follow. */
static EbCard *
dup_linked_card (EbBoard *board)
{
  GListModel *cards = eb_board_get_cards (board);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (cards, i);
      g_autoptr(GPtrArray) links = eb_board_dup_links_of_card (board, eb_item_get_id (EB_ITEM (card)));

      if (links->len > 0)
        return g_steal_pointer (&card);
    }

  g_error ("No card with links on the board");
  return NULL;
}

static gpointer
details_child (GtkWidget  *details,
               GType       type,
               const char *name)
{
  GObject *object = gtk_widget_get_template_child (details, type, name);

  g_assert_nonnull (object);
  return object;
}

/* On a read-only board the inspector's fields cannot be edited, but its
 * Links rows still lead along each link: a card's row to the card at the
 * other end, a link's ends to its cards. */
static void
assert_read_only_inspector (EbWindow   *window,
                            EbCard     *card,
                            const char *screenshot)
{
  GtkWidget *widget = GTK_WIDGET (window);
  EbCanvas *canvas = eb_test_find_one (widget, EB_TYPE_CANVAS);
  EbBoard *board = eb_store_get_board (eb_window_get_store (window));
  GtkWidget *details = GTK_WIDGET (eb_test_find_one (widget, EB_TYPE_CARD_DETAILS));
  GtkWidget *link_details = GTK_WIDGET (eb_test_find_one (widget, EB_TYPE_LINK_DETAILS));
  g_autoptr(GPtrArray) links = eb_board_dup_links_of_card (board, eb_item_get_id (EB_ITEM (card)));
  g_autoptr(GPtrArray) rows = NULL;
  EbLink *link = g_ptr_array_index (links, 0);
  const char *other_id = g_strcmp0 (eb_link_get_from_id (link), eb_item_get_id (EB_ITEM (card))) == 0
                         ? eb_link_get_to_id (link) : eb_link_get_from_id (link);
  EbItem *other = eb_board_lookup_link_end (board, other_id);
  g_autofree char *link_screenshot = NULL;

  g_assert_true (eb_canvas_get_selected_item (canvas) == EB_ITEM (card));
  g_assert_true (eb_card_details_get_card (EB_CARD_DETAILS (details)) == card);
  g_assert_false (eb_card_details_get_editable (EB_CARD_DETAILS (details)));

  /* The fields show the card but take no typing. */
  g_assert_cmpstr (gtk_editable_get_text (details_child (details, EB_TYPE_CARD_DETAILS, "title_row")), ==,
                   eb_card_get_title (card) ? eb_card_get_title (card) : "");
  g_assert_false (gtk_widget_is_sensitive (details_child (details, EB_TYPE_CARD_DETAILS, "title_row")));
  g_assert_false (gtk_widget_is_sensitive (details_child (details, EB_TYPE_CARD_DETAILS, "notes_view")));
  g_assert_false (gtk_widget_is_sensitive (details_child (details, EB_TYPE_CARD_DETAILS, "grade_row")));
  g_assert_false (gtk_widget_is_sensitive (details_child (details, EB_TYPE_CARD_DETAILS, "aliases_view")));

  /* One Links row per link, each one that works. */
  rows = eb_test_find_all (details_child (details, EB_TYPE_CARD_DETAILS, "links_group"), ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (rows->len, ==, links->len);
  for (guint i = 0; i < rows->len; i++)
    {
      g_assert_true (gtk_widget_is_sensitive (g_ptr_array_index (rows, i)));
      g_assert_true (gtk_widget_get_mapped (g_ptr_array_index (rows, i)));
    }

  /* Following the first selects the card at its other end. */
  g_assert_true (gtk_widget_activate (g_ptr_array_index (rows, 0)));
  eb_test_run_for (100);
  g_assert_true (eb_canvas_get_selected_item (canvas) == other);
  if (EB_IS_CARD (other))
    g_assert_true (eb_card_details_get_card (EB_CARD_DETAILS (details)) == EB_CARD (other));

  /* A link's inspector: the fields are off, its ends lead on. */
  eb_canvas_select_item (canvas, EB_ITEM (link), FALSE);
  eb_test_run_for (200);
  g_assert_true (eb_link_details_get_link (EB_LINK_DETAILS (link_details)) == link);
  g_assert_true (gtk_widget_get_mapped (link_details));
  g_assert_false (gtk_widget_is_sensitive (details_child (link_details, EB_TYPE_LINK_DETAILS, "label_row")));
  g_assert_false (gtk_widget_is_sensitive (details_child (link_details, EB_TYPE_LINK_DETAILS, "kind_row")));
  g_assert_false (gtk_widget_is_sensitive (details_child (link_details, EB_TYPE_LINK_DETAILS, "delete_button")));
  g_assert_true (gtk_widget_is_sensitive (details_child (link_details, EB_TYPE_LINK_DETAILS, "from_row")));
  link_screenshot = g_strdup_printf ("%.*s-link.png", (int) strlen (screenshot) - 4, screenshot);
  eb_test_save_screenshot (widget, tmp_dir, link_screenshot);
  g_assert_true (gtk_widget_activate (details_child (link_details, EB_TYPE_LINK_DETAILS, "from_row")));
  eb_test_run_for (100);
  g_assert_true (eb_canvas_get_selected_item (canvas) == eb_board_lookup_link_end (board, eb_link_get_from_id (link)));

  /* Nothing of that changed the board. */
  g_assert_false (eb_history_can_undo (eb_window_get_history (window)));
}

/* Checks what a user sees of a read-only board: the bar with @why and
 * its button, the title, and that every way to edit is refused before
 * it changes anything. */
static void
assert_read_only_window (EbWindow   *window,
                         const char *why,
                         const char *screenshot)
{
  GtkWidget *widget = GTK_WIDGET (window);
  EbCanvas *canvas = eb_test_find_one (widget, EB_TYPE_CANVAS);
  EbBoard *board = eb_store_get_board (eb_window_get_store (window));
  GtkRevealer *bar = eb_test_find_bar (widget, "eb-read-only-bar");
  GtkButton *copy_button;
  g_autoptr(EbCard) first = dup_linked_card (board);
  EbCardList *card_list = eb_test_find_one (widget, EB_TYPE_CARD_LIST);
  GtkWidget *details = GTK_WIDGET (eb_test_find_one (widget, EB_TYPE_CARD_DETAILS));
  EbHistory *history = eb_window_get_history (window);
  g_autoptr(EbBoard) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *difference = NULL;
  g_autofree char *refused_screenshot = NULL;
  guint cards = n_cards (window);
  TextWait toast = { widget, "This board is read-only" };
  double x, y;

  /* What is on the disk, to compare with after every try. */
  before = eb_store_read_file (eb_store_get_path (eb_window_get_store (window)), &error);
  g_assert_no_error (error);
  if (!eb_board_equal (before, board, &difference))
    g_error ("The board shown differs from its file: %s", difference);

  g_assert_true (gtk_revealer_get_reveal_child (bar));
  eb_test_wait_for (eb_test_is_child_revealed, bar, "the read-only bar to show");
  g_assert_true (shows_text (GTK_WIDGET (bar), why));
  copy_button = find_button_by_action (GTK_WIDGET (bar), "win.save-to-edit");
  g_assert_cmpstr (gtk_button_get_label (copy_button), ==, "Save a Copy to _Edit…");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (copy_button)));
  g_assert_true (g_str_has_suffix (window_title_text (widget), "(Read-Only)"));
  g_assert_true (g_str_has_suffix (gtk_window_get_title (GTK_WINDOW (window)), "(Read-Only)"));

  /* The canvas and the list only show the board. */
  g_assert_false (eb_canvas_get_editable (canvas));
  g_assert_false (eb_card_list_get_editable (card_list));
  {
    g_autoptr(GPtrArray) entries = eb_test_find_all (GTK_WIDGET (card_list), GTK_TYPE_ENTRY);
    gboolean found_title = FALSE;

    for (guint i = 0; i < entries->len; i++)
      if (gtk_widget_has_css_class (g_ptr_array_index (entries, i), "eb-board-title"))
        {
          g_assert_false (gtk_editable_get_editable (g_ptr_array_index (entries, i)));
          found_title = TRUE;
        }
    g_assert_true (found_title);
  }

  /* Looking works: a click selects a card, with no handles to move or
   * link it, and the inspector shows it, greyed out and styled as text
   * to read. */
  eb_canvas_zoom_in (canvas);
  click_card (canvas, first);
  eb_test_run_for (100);
  g_assert_true (eb_canvas_get_selected_item (canvas) == EB_ITEM (first));
  g_assert_false (_eb_canvas_resize_handle (canvas, NULL, &x, &y));
  g_assert_false (_eb_canvas_link_handle (canvas, NULL, &x, &y));
  g_assert_true (gtk_widget_get_mapped (details));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (details), "eb-read-only-inspector"));
  eb_test_save_screenshot (widget, tmp_dir, screenshot);
  assert_read_only_inspector (window, first, screenshot);
  click_card (canvas, first);
  eb_test_run_for (100);
  g_assert_true (eb_canvas_get_selected_item (canvas) == EB_ITEM (first));

  /* The add-card menu and keys are off; undo too. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (find_button_by_action (widget, "win.undo"))));
  {
    g_autoptr(GPtrArray) menu_buttons = eb_test_find_all (widget, GTK_TYPE_MENU_BUTTON);
    gboolean found_add = FALSE;

    for (guint i = 0; i < menu_buttons->len; i++)
      if (g_strcmp0 (gtk_menu_button_get_icon_name (g_ptr_array_index (menu_buttons, i)), "list-add-symbolic") == 0)
        {
          g_assert_false (gtk_widget_is_sensitive (g_ptr_array_index (menu_buttons, i)));
          found_add = TRUE;
        }
    g_assert_true (found_add);
  }
  gtk_widget_activate_action (widget, "win.add-person", NULL);
  eb_test_run_for (50);
  g_assert_cmpuint (n_cards (window), ==, cards);

  /* Edits on the canvas are refused before they change anything, and
   * the window says why: a drag, a double-click on the title, Delete,
   * a nudge, a paste of what Copy (which works) put on the clipboard,
   * a new card. */
  drag_card (canvas, first, 80, 40);
  card_on_screen (canvas, first, &x, &y);
  _eb_canvas_press (canvas, 2, GDK_BUTTON_PRIMARY, 0, x, y);
  g_assert_false (eb_canvas_is_editing (canvas));
  eb_canvas_delete_selection (canvas);
  _eb_canvas_nudge (canvas, EB_CANVAS_GRID, 0);
  eb_canvas_copy_selection (canvas);
  g_assert_true (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (gtk_widget_get_clipboard (widget)),
                                                        EB_CLIPBOARD_MIME_TYPE));
  eb_canvas_paste (canvas);
  g_assert_null (eb_canvas_add_card_at_center (canvas, EB_CARD_KIND_NOTE));
  eb_test_wait_for (text_shown, &toast, "the read-only notice");
  eb_test_run_for (200);
  refused_screenshot = g_strdup_printf ("%.*s-refused.png", (int) strlen (screenshot) - 4, screenshot);
  eb_test_save_screenshot (widget, tmp_dir, refused_screenshot);

  g_assert_cmpuint (n_cards (window), ==, cards);
  if (!eb_board_equal (before, board, &difference))
    g_error ("A read-only board changed: %s", difference);
  g_assert_false (eb_history_can_undo (history));
  g_assert_false (eb_store_get_dirty (eb_window_get_store (window)));

  /* One notice for all those tries, not one queued behind another. */
  g_assert_nonnull (window->read_only_toast);
  adw_toast_dismiss (window->read_only_toast);
  eb_test_wait_for (text_gone, &toast, "the read-only notice to go");
  eb_test_run_for (500);
  g_assert_false (text_shown (&toast));
  g_assert_null (window->read_only_toast);
}

static void
assert_same_bytes (const char *path,
                   const char *before,
                   gsize       before_len)
{
  g_autofree char *after = NULL;
  gsize after_len = 0;

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

/* Tests ---------------------------------------------------------------------- */

/* A board file nobody may write opens read-only: shown whole, with the
 * bar that says why, and nothing ever written to it. */
static void
test_read_only_file (void)
{
  g_autofree char *path = eb_test_write_sample_board (tmp_dir, "read-only.board");
  g_autofree char *before = NULL;
  gsize before_len;
  EbWindow *window;

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  window = open_and_wait (path);
  g_assert_cmpint (eb_store_get_read_only (eb_window_get_store (window)), ==, EB_STORE_READ_ONLY_FILE);
  g_assert_cmpuint (n_cards (window), ==, sample_n_cards ());
  assert_read_only_window (window, "This file is read-only", "open-read-only-file.png");

  /* No working copy and no lock were made for it. */
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);

  /* Opening it again shows the same window. */
  g_assert_true (open_and_wait (path) == window);
  g_assert_cmpuint (eb_test_count_board_windows (), ==, 1);

  /* It closes without asking: there is nothing unsaved. */
  gtk_window_close (GTK_WINDOW (window));
  eb_test_wait_for (eb_test_no_board_windows, NULL, "the window to close");
  g_assert_false (eb_test_has_message_dialog (NULL));
  assert_same_bytes (path, before, before_len);
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);
}

/* A board another program has open (here a store of the test's own,
 * which holds the same lock) opens read-only instead of failing. */
static void
test_read_only_busy (void)
{
  g_autofree char *path = eb_test_write_sample_board (tmp_dir, "busy.board");
  g_autofree char *working_dir = eb_application_dup_working_dir ();
  g_autoptr(EbStore) owner = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gsize before_len;
  EbWindow *window;

  owner = eb_store_open (path, working_dir, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  window = open_and_wait (path);
  g_assert_false (eb_test_has_message_dialog (NULL));
  g_assert_cmpint (eb_store_get_read_only (eb_window_get_store (window)), ==, EB_STORE_READ_ONLY_BUSY);
  g_assert_cmpuint (n_cards (window), ==, sample_n_cards ());
  assert_read_only_window (window, "This board is open in another window", "open-read-only-busy.png");

  /* Ctrl+S cannot write the file the other program has. */
  g_assert_false (_eb_window_save_to (window, path));
  eb_test_wait_for (eb_test_has_message_dialog, NULL, "the error dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (eb_test_find_message_dialog ()), "busy.board"));
  eb_test_click_response (eb_test_find_message_dialog (), "_Close");
  eb_test_wait_for (eb_test_has_no_message_dialog, NULL, "the error dialog to close");

  close_all ();
  assert_same_bytes (path, before, before_len);
  eb_store_discard (owner);
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);
}

/* Save a Copy to Edit: the copy is written, the window goes on with it,
 * editable, and the shared file stays as it was. */
static void
test_save_copy_to_edit (void)
{
  g_autofree char *path = eb_test_write_sample_board (tmp_dir, "colleague.board");
  g_autofree char *copy = g_build_filename (tmp_dir, "my-copy.board", NULL);
  g_autoptr(EbBoard) original = NULL;
  g_autoptr(EbBoard) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gsize before_len;
  g_autofree char *difference = NULL;
  g_autoptr(EbCard) card = NULL;
  EbWindow *window;
  EbCanvas *canvas;
  GtkRevealer *bar;
  guint cards;
  double x0, y0;

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  original = eb_store_read_file (path, &error);
  g_assert_no_error (error);

  window = open_and_wait (path);
  bar = eb_test_find_bar (GTK_WIDGET (window), "eb-read-only-bar");
  g_assert_true (gtk_revealer_get_reveal_child (bar));
  cards = n_cards (window);
  canvas = eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CANVAS);
  card = g_list_model_get_item (eb_board_get_cards (eb_store_get_board (eb_window_get_store (window))), 0);

  /* Read-only, a drag leaves the card where it is. */
  x0 = eb_card_get_x (card);
  y0 = eb_card_get_y (card);
  drag_card (canvas, card, 80, 40);
  g_assert_cmpfloat (eb_card_get_x (card), ==, x0);
  g_assert_cmpfloat (eb_card_get_y (card), ==, y0);
  g_assert_false (eb_history_can_undo (eb_window_get_history (window)));

  g_assert_true (_eb_window_save_to (window, copy));
  g_assert_false (eb_test_has_message_dialog (NULL));

  /* The copy holds the board; the window is on it, editable. */
  saved = eb_store_read_file (copy, &error);
  g_assert_no_error (error);
  if (!eb_board_equal (original, saved, &difference))
    g_error ("The copy differs: %s", difference);
  g_assert_cmpint (eb_store_get_read_only (eb_window_get_store (window)), ==, EB_STORE_READ_ONLY_NONE);
  g_assert_cmpstr (eb_store_get_path (eb_window_get_store (window)), ==, copy);
  g_assert_false (gtk_revealer_get_reveal_child (bar));
  g_assert_false (g_str_has_suffix (window_title_text (GTK_WIDGET (window)), "(Read-Only)"));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CARD_DETAILS))));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (find_button_by_action (GTK_WIDGET (window), "win.undo"))) == FALSE);
  g_assert_true (eb_canvas_get_editable (canvas));
  g_assert_true (eb_card_list_get_editable (eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CARD_LIST)));
  g_assert_false (gtk_widget_has_css_class (gtk_widget_get_parent (GTK_WIDGET (eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CARD_DETAILS))),
                                            "eb-read-only-inspector"));
  eb_test_run_for (300);

  /* Now the same drag moves the card, as one undo step. */
  drag_card (canvas, card, 80, 40);
  g_assert_cmpfloat_with_epsilon (eb_card_get_x (card), x0 + 80 / eb_canvas_get_zoom (canvas), 1e-6);
  g_assert_cmpfloat_with_epsilon (eb_card_get_y (card), y0 + 40 / eb_canvas_get_zoom (canvas), 1e-6);
  g_assert_true (eb_history_can_undo (eb_window_get_history (window)));
  g_assert_true (eb_history_undo (eb_window_get_history (window)));
  g_assert_cmpfloat (eb_card_get_x (card), ==, x0);
  g_assert_false (eb_history_can_undo (eb_window_get_history (window)));
  eb_test_run_for (100);
  eb_test_save_screenshot (GTK_WIDGET (window), tmp_dir, "open-copy-to-edit.png");

  /* An edit now stays, and is unsaved. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-person", NULL);
  eb_test_run_for (200);
  g_assert_cmpuint (n_cards (window), ==, cards + 1);
  g_assert_true (eb_store_get_dirty (eb_window_get_store (window)));
  g_assert_true (g_str_has_prefix (window_title_text (GTK_WIDGET (window)), "• "));

  close_all ();
  assert_same_bytes (path, before, before_len);
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);
}

/* A board on a read-only file system. Mounting one needs root, so the
 * test runs itself again in a mount namespace of its own (unshare), on a
 * tmpfs mounted there and made read-only; nothing is mounted outside. */
static void
test_read_only_medium_inside (void)
{
  const char *dir = g_getenv ("EB_TEST_RO_DIR");
  g_autofree char *path = g_build_filename (dir, "on-a-cd.board", NULL);
  g_autofree char *before = NULL;
  gsize before_len;
  EbWindow *window;

  /* Really read-only: not even root may write there. */
  g_assert_false (g_file_set_contents (path, "x", 1, NULL));
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  window = open_and_wait (path);
  g_assert_cmpint (eb_store_get_read_only (eb_window_get_store (window)), ==, EB_STORE_READ_ONLY_MEDIUM);
  g_assert_cmpuint (n_cards (window), ==, sample_n_cards ());
  assert_read_only_window (window, "This file is on a read-only disk", "open-read-only-medium.png");
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);

  close_all ();
  assert_same_bytes (path, before, before_len);
}

static void
test_read_only_medium (void)
{
  g_autofree char *board = eb_test_write_sample_board (tmp_dir, "for-the-cd.board");
  g_autofree char *mount_point = g_build_filename (tmp_dir, "cd", NULL);
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = NULL;
  const char *script =
    "mount -t tmpfs none \"$1\" || exit 77; "
    "cp \"$2\" \"$1/on-a-cd.board\" && mount -o remount,ro \"$1\" || exit 1; "
    "exec \"$3\" --tap -p /eb/open/read-only/medium-inside";
  int status = 0;

  if (geteuid () != 0 || unshare == NULL)
    {
      g_test_skip ("mounting a read-only file system needs root and unshare");
      return;
    }

  /* Containers may forbid new mount namespaces. */
  if (!g_spawn_sync (NULL, (char *[]) { unshare, (char *) "--mount", (char *) "true", NULL }, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("no permission to make a mount namespace here");
      return;
    }

  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "EB_TEST_RO_DIR", mount_point, TRUE);
  g_spawn_sync (NULL,
                (char *[]) { unshare, (char *) "--mount", (char *) "--propagation", (char *) "private",
                             (char *) "sh", (char *) "-c", (char *) script, (char *) "sh",
                             mount_point, board, self_path, NULL },
                envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("inside the mount namespace:\n%s%s", out, err);
  g_rmdir (mount_point);

  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    {
      g_test_skip ("no permission to mount a file system here");
      return;
    }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "ok 1 /eb/open/read-only/medium-inside"));
  g_assert_null (strstr (out, "not ok"));
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  g_error ("No drop target on the window");
  return NULL;
}

static gboolean
drop_files (GtkWidget  *window,
            const char *first,
            ...)
{
  GtkDropTarget *target = find_drop_target (window);
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;
  va_list args;

  g_assert_true (gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (target),
                                                    GDK_TYPE_FILE_LIST));
  va_start (args, first);
  for (const char *path = first; path != NULL; path = va_arg (args, const char *))
    files = g_slist_append (files, g_file_new_for_path (path));
  va_end (args);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 40.0, 40.0, &handled);
  g_value_unset (&value);
  g_slist_free_full (files, g_object_unref);
  return handled;
}

/* Files dropped on a window open as from the Open dialog: a board in a
 * window of its own, a JSON board imported, anything else refused with
 * the usual message naming it. */
static void
test_drop (void)
{
  g_autofree char *path = eb_test_write_sample_board (tmp_dir, "dropped.board");
  const char *root = g_getenv ("EB_SOURCE_ROOT");
  g_autofree char *json = g_build_filename (root, "data", "samples", "assad-asylum.json", NULL);
  g_autofree char *text = g_build_filename (tmp_dir, "notes.txt", NULL);
  GtkWindow *first;
  EbWindow *dropped;
  AdwMessageDialog *dialog;

  first = eb_application_new_board (app);
  eb_test_wait_for (eb_test_is_mapped, first, "the first window to be mapped");

  g_assert_true (drop_files (GTK_WIDGET (first), path, json, NULL));
  eb_test_run_for (200);
  g_assert_cmpuint (eb_test_count_board_windows (), ==, 3);
  dropped = find_board_window (path);
  g_assert_nonnull (dropped);
  eb_test_wait_for (eb_test_is_mapped, dropped, "the dropped board's window to be mapped");
  g_assert_cmpuint (n_cards (dropped), ==, sample_n_cards ());
  g_assert_cmpint (eb_store_get_read_only (eb_window_get_store (dropped)), ==, EB_STORE_READ_ONLY_NONE);
  /* The JSON board: imported into a new board without a file. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (EB_IS_WINDOW (l->data) && l->data != (gpointer) first && l->data != (gpointer) dropped)
      {
        g_assert_null (eb_store_get_path (eb_window_get_store (l->data)));
        g_assert_cmpuint (n_cards (l->data), ==, sample_n_cards ());
      }

  /* Dropping the same board again only brings its window forward. */
  g_assert_true (drop_files (GTK_WIDGET (first), path, NULL));
  g_assert_cmpuint (eb_test_count_board_windows (), ==, 3);

  g_assert_true (g_file_set_contents (text, "Call notes, not a board.", -1, NULL));
  g_assert_true (drop_files (GTK_WIDGET (first), text, NULL));
  eb_test_wait_for (eb_test_has_message_dialog, NULL, "the error dialog");
  dialog = eb_test_find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open Board");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "notes.txt"));
  g_assert_cmpuint (eb_test_count_board_windows (), ==, 3);
  eb_test_click_response (dialog, "_Close");
  eb_test_wait_for (eb_test_has_no_message_dialog, NULL, "the error dialog to close");

  close_all ();
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);
}

/* What the file manager, the command line and Open Recent do: the
 * application's open with several files at once. */
static void
test_application_open (void)
{
  g_autofree char *path = eb_test_write_sample_board (tmp_dir, "opened.board");
  const char *root = g_getenv ("EB_SOURCE_ROOT");
  g_autofree char *json = g_build_filename (root, "data", "samples", "assad-asylum.json", NULL);
  GFile *files[2];
  EbWindow *board_window;
  guint imported = 0;

  files[0] = g_file_new_for_path (path);
  files[1] = g_file_new_for_path (json);
  g_application_open (G_APPLICATION (app), files, 2, "");
  g_object_unref (files[0]);
  g_object_unref (files[1]);

  g_assert_cmpuint (eb_test_count_board_windows (), ==, 2);
  board_window = find_board_window (path);
  g_assert_nonnull (board_window);
  g_assert_cmpuint (n_cards (board_window), ==, sample_n_cards ());
  g_assert_cmpint (eb_store_get_read_only (eb_window_get_store (board_window)), ==, EB_STORE_READ_ONLY_NONE);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (EB_IS_WINDOW (l->data) && l->data != (gpointer) board_window)
      {
        g_assert_null (eb_store_get_path (eb_window_get_store (l->data)));
        g_assert_cmpuint (n_cards (l->data), ==, sample_n_cards ());
        imported++;
      }
  g_assert_cmpuint (imported, ==, 1);
  eb_test_wait_for (eb_test_is_mapped, board_window, "the window to be mapped");

  close_all ();
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);
}

/* A JSON Canvas file whose reader leaves something out (an edge to a
 * node that is not there) opens, and the new window says what was left
 * out; imported into a board, the notice says it too. The file's name
 * has an "&", which a toast (markup) must show as it is. */
static void
test_left_out (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "notes & leads.canvas", NULL);
  const char *content =
    "{\"nodes\": ["
    "  {\"id\": \"assad\", \"type\": \"text\", \"text\": \"Bashar al-Assad\", \"x\": 0, \"y\": 0, \"width\": 250, \"height\": 60},"
    "  {\"id\": \"moscow\", \"type\": \"text\", \"text\": \"Asylum in Moscow\", \"x\": 400, \"y\": 0, \"width\": 250, \"height\": 60},"
    "  {\"id\": \"russia\", \"type\": \"group\", \"label\": \"Russia\", \"x\": 350, \"y\": -60, \"width\": 400, \"height\": 200}"
    "], \"edges\": ["
    "  {\"id\": \"fled\", \"fromNode\": \"assad\", \"toNode\": \"moscow\", \"label\": \"fled to\"},"
    "  {\"id\": \"hosted\", \"fromNode\": \"russia\", \"toNode\": \"assad\", \"label\": \"hosts\"},"
    "  {\"id\": \"gone\", \"fromNode\": \"assad\", \"toNode\": \"deleted-node\"}"
    "]}";
  g_autoptr(GFile) file = g_file_new_for_path (path);
  EbWindow *opened;
  GtkWindow *empty;
  EbBoard *board;
  EbCanvas *canvas;
  GtkWidget *link_details;
  EbItem *hosts;
  EbItem *russia;

  g_assert_true (g_file_set_contents (path, content, -1, NULL));

  g_application_open (G_APPLICATION (app), &file, 1, "");
  opened = eb_test_only_board_window ();
  g_assert_false (eb_test_has_message_dialog (NULL));
  board = eb_store_get_board (eb_window_get_store (opened));
  g_assert_cmpuint (n_cards (opened), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (board)), ==, 2);
  eb_test_wait_for_toast (GTK_WIDGET (opened),
                          "Opened “notes & leads.canvas”, but left out 1 edge to a missing node");
  eb_test_run_for (200);
  eb_test_save_screenshot (GTK_WIDGET (opened), tmp_dir, "open-left-out.png");

  /* The link from the group: its inspector names the frame, and its row
   * selects the frame on the canvas. */
  canvas = eb_test_find_one (GTK_WIDGET (opened), EB_TYPE_CANVAS);
  link_details = GTK_WIDGET (eb_test_find_one (GTK_WIDGET (opened), EB_TYPE_LINK_DETAILS));
  hosts = eb_board_lookup (board, "hosted");
  russia = eb_board_lookup (board, "russia");
  g_assert_true (EB_IS_LINK (hosts));
  g_assert_true (EB_IS_FRAME (russia));
  eb_canvas_select_item (canvas, hosts, FALSE);
  eb_test_run_for (300);
  g_assert_true (gtk_widget_get_mapped (link_details));
  g_assert_cmpstr (adw_preferences_row_get_title (details_child (link_details, EB_TYPE_LINK_DETAILS, "from_row")), ==,
                   "Russia");
  g_assert_true (shows_text (link_details, "\u2068Russia\u2069 → \u2068Bashar al-Assad\u2069"));
  eb_test_save_screenshot (GTK_WIDGET (opened), tmp_dir, "open-link-to-frame.png");
  g_assert_true (gtk_widget_activate (details_child (link_details, EB_TYPE_LINK_DETAILS, "from_row")));
  eb_test_run_for (100);
  g_assert_true (eb_canvas_get_selected_item (canvas) == russia);

  /* Import Board into another board says it too, after what it added. */
  empty = eb_application_new_board (app);
  eb_test_wait_for (eb_test_is_mapped, empty, "the new board's window to be mapped");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (empty), "win.import-file", "s", path));
  eb_test_wait_for_toast (GTK_WIDGET (empty),
                          "Imported 2 cards, 2 links and 1 frame; left out 1 edge to a missing node");
  g_assert_cmpuint (n_cards (EB_WINDOW (empty)), ==, 2);

  /* A file read whole says nothing of the kind. One window at a time:
   * both boards ask before their changes are thrown away. */
  gtk_window_close (GTK_WINDOW (opened));
  if (eb_test_has_message_dialog (NULL))
    {
      eb_test_click_response (eb_test_find_message_dialog (), "_Discard");
      eb_test_wait_for (eb_test_has_no_message_dialog, NULL, "the dialog to close");
    }
  close_all ();
  {
    g_autofree char *json = g_build_filename (g_getenv ("EB_SOURCE_ROOT"), "data", "samples", "assad-asylum.json", NULL);
    g_autoptr(GFile) whole = g_file_new_for_path (json);

    g_application_open (G_APPLICATION (app), &whole, 1, "");
    g_assert_cmpuint (eb_test_count_board_windows (), ==, 1);
    eb_test_run_for (500);
    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
      if (EB_IS_WINDOW (l->data))
        g_assert_false (shows_text (l->data, "left out"));
  }

  close_all ();
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  self_path = g_canonicalize_filename (argv[0], NULL);
  app = eb_test_app_init (&argc, &argv, "eb-test-open", &tmp_dir);

  g_test_add_func ("/eb/open/application-open", test_application_open);
  g_test_add_func ("/eb/open/drop", test_drop);
  g_test_add_func ("/eb/open/left-out", test_left_out);
  g_test_add_func ("/eb/open/read-only/file", test_read_only_file);
  g_test_add_func ("/eb/open/read-only/busy", test_read_only_busy);
  g_test_add_func ("/eb/open/read-only/save-copy-to-edit", test_save_copy_to_edit);
  g_test_add_func ("/eb/open/read-only/medium", test_read_only_medium);
  /* Run by the test above, in its mount namespace. */
  if (g_getenv ("EB_TEST_RO_DIR") != NULL)
    g_test_add_func ("/eb/open/read-only/medium-inside", test_read_only_medium_inside);

  status = g_test_run ();

  g_clear_object (&app);
  g_free (self_path);
  return status;
}
