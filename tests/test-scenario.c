/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>
#include <math.h>

#include "eb-application.h"
#include "eb-canvas-private.h"
#include "eb-card-details.h"
#include "eb-card-list.h"
#include "eb-card-row.h"
#include "eb-json.h"
#include "eb-store.h"
#include "eb-window.h"
#include "eb-test-util.h"

/* The story of issue 3, played end to end through the real window: an
 * analyst opens the sample board, reads it whole, drags a card, adds a
 * person, links them to an event with a label, grades a source down,
 * undoes and redoes all of it, saves, closes, reopens and finds the board
 * as they left it. Every step goes through what the user's gesture or
 * shortcut reaches: the application's open path, the window's actions,
 * the canvas's drag and key handlers, the link popover and the
 * inspector's rows. Runs under Xvfb (see tests/meson.build). */

static char *tmp_dir;
static EbApplication *app;

/* Widget tree helpers ------------------------------------------------------ */

/* The visible row of the inspector titled @title. */
static gpointer
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  eb_test_collect (root, type, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (gtk_widget_get_visible (row) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        return row;
    }
  g_error ("No row “%s”", title);
  return NULL;
}

static const char *
window_title_text (EbWindow *window)
{
  return adw_window_title_get_title (eb_test_find_one (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE));
}

static gboolean
shows_unsaved_mark (EbWindow *window)
{
  return g_str_has_prefix (window_title_text (window), "• ") &&
         g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• ");
}

static GtkWidget *
find_undo_button (EbWindow *window)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  eb_test_collect (GTK_WIDGET (window), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), "win.undo") == 0)
      return g_ptr_array_index (buttons, i);

  g_error ("No Undo button");
  return NULL;
}

/* Boards ------------------------------------------------------------------- */

static char *
dup_sample_json_path (void)
{
  const char *root = g_getenv ("EB_SOURCE_ROOT");

  return g_build_filename (root ? root : ".", "data", "samples", "assad-asylum.json", NULL);
}

/* Makes the board file the analyst starts from, as they would: the
 * sample's JSON converted with `evidence-board --export`. */
static char *
export_sample_board (const char *name)
{
  g_autofree char *json = dup_sample_json_path ();
  char *path = g_build_filename (tmp_dir, name, NULL);
  const char *binary = g_getenv ("EB_BINARY");
  g_autoptr(GError) error = NULL;

  if (binary != NULL && binary[0] != '\0')
    {
      g_autofree char *option = g_strconcat ("--export=", path, NULL);
      const char *argv[] = { binary, option, json, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &out, &err, &status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, &error))
        g_error ("evidence-board --export failed: %s: %s", error->message, err);
    }
  else
    {
      g_autoptr(EbBoard) board = eb_json_read_file (json, &error);

      g_assert_no_error (error);
      g_assert_true (eb_store_write_file (board, path, &error));
      g_assert_no_error (error);
    }

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

static EbBoard *
read_board (const char *path)
{
  g_autoptr(GError) error = NULL;
  EbBoard *board = eb_store_read_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (board);
  return board;
}

/* A copy of @board that later edits do not touch (every field, through
 * the JSON form, which keeps them all). */
static EbBoard *
copy_board (EbBoard *board)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *json = eb_json_write (board, &length);
  EbBoard *copy = eb_json_read (json, length, &error);

  g_assert_no_error (error);
  return copy;
}

static EbCard *
find_card_by_title (EbBoard    *board,
                    const char *title)
{
  GListModel *cards = eb_board_get_cards (board);
  EbCard *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (cards, i);

      if (g_strcmp0 (eb_card_get_title (card), title) == 0)
        {
          g_assert_null (found);   /* titles in this story are unique */
          found = card;            /* the board holds a reference */
        }
    }
  return found;
}

static EbLink *
find_link (EbBoard *board,
           EbCard  *from,
           EbCard  *to)
{
  g_autoptr(GPtrArray) links = eb_board_dup_links_of_card (board, eb_item_get_id (EB_ITEM (from)));

  for (guint i = 0; i < links->len; i++)
    {
      EbLink *link = g_ptr_array_index (links, i);

      if (g_strcmp0 (eb_link_get_to_id (link), eb_item_get_id (EB_ITEM (to))) == 0)
        return link;
    }
  return NULL;
}

/* Names the first field in which @a and @b differ, for a failure that
 * says what went wrong (eb_board_equal() names only the item). */
static char *
describe_difference (EbBoard *a,
                     EbBoard *b)
{
  GListModel *lists[] = { eb_board_get_cards (a), eb_board_get_links (a), eb_board_get_frames (a) };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(EbItem) item = g_list_model_get_item (lists[l], i);
        EbItem *other = eb_board_lookup (b, eb_item_get_id (item));
        g_autofree GParamSpec **pspecs = NULL;
        guint n_pspecs;

        if (other == NULL)
          return g_strdup_printf ("%s is missing", eb_item_get_id (item));

        pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (item), &n_pspecs);
        for (guint p = 0; p < n_pspecs; p++)
          {
            g_auto(GValue) va = G_VALUE_INIT;
            g_auto(GValue) vb = G_VALUE_INIT;

            if (!eb_item_is_field (pspecs[p]))
              continue;
            g_value_init (&va, pspecs[p]->value_type);
            g_value_init (&vb, pspecs[p]->value_type);
            g_object_get_property (G_OBJECT (item), pspecs[p]->name, &va);
            g_object_get_property (G_OBJECT (other), pspecs[p]->name, &vb);
            if (g_param_values_cmp (pspecs[p], &va, &vb) != 0)
              {
                g_autofree char *sa = g_strdup_value_contents (&va);
                g_autofree char *sb = g_strdup_value_contents (&vb);

                return g_strdup_printf ("%s.%s: %s against %s", eb_item_get_id (item), pspecs[p]->name, sa, sb);
              }
          }
      }
  return g_strdup ("items in another order, or more of them");
}

static void
assert_boards_equal (EbBoard *expected,
                     EbBoard *actual)
{
  g_autofree char *difference = NULL;

  if (!eb_board_equal (expected, actual, &difference))
    {
      g_autofree char *field = describe_difference (expected, actual);

      g_error ("boards differ: %s; %s", difference, field);
    }
}

/* Undo and redo stamp the items they touch with the time they ran; every
 * other field must match. Copies @actual's "modified" times into
 * @expected (a board of the test's own) before comparing. */
static void
assert_boards_equal_but_modified (EbBoard *expected,
                                  EbBoard *actual)
{
  GListModel *lists[] = { eb_board_get_cards (expected), eb_board_get_links (expected), eb_board_get_frames (expected) };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(EbItem) item = g_list_model_get_item (lists[l], i);
        EbItem *other = eb_board_lookup (actual, eb_item_get_id (item));

        if (other != NULL)
          eb_item_set_modified (item, eb_item_get_modified (other));
      }

  assert_boards_equal (expected, actual);
}


/* The application and its window -------------------------------------------- */

static gboolean
window_settled (gpointer data)
{
  EbWindow *window = data;
  EbCanvas *canvas = eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CANVAS);

  return gtk_widget_get_mapped (GTK_WIDGET (window)) && eb_test_is_allocated (canvas);
}

/* Opens @path as a double click in Files or `evidence-board FILE` does. */
static EbWindow *
open_in_app (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  EbWindow *window;

  g_application_open (G_APPLICATION (app), &file, 1, "");
  g_assert_null (eb_test_find_message_dialog ());
  window = eb_test_only_board_window ();
  eb_test_wait_for (window_settled, window, "the board window to be shown");
  /* The side panel takes its width after the first layout. */
  eb_test_run_for (300);
  return window;
}

/* Pixels ------------------------------------------------------------------- */

static gboolean
pixel_near (EbTestImage   *pixels,
            int            px,
            int            py,
            const GdkRGBA *color)
{
  const guchar *q;

  if (px < 0 || py < 0 || px >= pixels->width || py >= pixels->height)
    return FALSE;

  /* CAIRO_FORMAT_ARGB32 in memory order on little-endian: B G R A. */
  q = pixels->data + py * pixels->stride + px * 4;
  return abs (q[2] - (int) (color->red * 255 + 0.5)) <= 6 &&
         abs (q[1] - (int) (color->green * 255 + 0.5)) <= 6 &&
         abs (q[0] - (int) (color->blue * 255 + 0.5)) <= 6;
}

/* Whether the card's fill colour shows inside its rectangle on screen,
 * inside its border (a card drawn where the model puts it). */
static gboolean
card_shows (EbTestImage *pixels,
            EbCanvas    *canvas,
            EbCard      *card)
{
  EbViewport *viewport = eb_canvas_get_viewport (canvas);
  GdkRGBA fill;
  double x0, y0, x1, y1;

  eb_painter_card_color (card, &fill);
  eb_viewport_to_screen (viewport, eb_card_get_x (card), eb_card_get_y (card), &x0, &y0);
  eb_viewport_to_screen (viewport, eb_card_get_x (card) + eb_card_get_width (card),
                         eb_card_get_y (card) + eb_card_get_height (card), &x1, &y1);

  /* Anywhere inside: zoomed out, a frame's label is drawn over the top
   * of the cards under it. */
  for (double y = y0 + 1; y <= y1 - 1; y += 1)
    for (double x = x0 + 1; x <= x1 - 1; x += 1)
      if (pixel_near (pixels, (int) x, (int) y, &fill))
        return TRUE;
  return FALSE;
}

/* Whether @link's curve shows @color between @t0 and @t1 along it. */
static gboolean
curve_shows (EbTestImage   *pixels,
             EbCanvas      *canvas,
             EbLink        *link,
             double         t0,
             double         t1,
             const GdkRGBA *color)
{
  graphene_point_t p[4];

  eb_painter_link_ends (canvas->painter, link, p);
  for (double t = t0; t <= t1; t += 0.005)
    {
      double u = 1 - t;
      double bx = u * u * u * p[0].x + 3 * u * u * t * p[1].x + 3 * u * t * t * p[2].x + t * t * t * p[3].x;
      double by = u * u * u * p[0].y + 3 * u * u * t * p[1].y + 3 * u * t * t * p[2].y + t * t * t * p[3].y;
      double x, y;

      eb_viewport_to_screen (eb_canvas_get_viewport (canvas), bx, by, &x, &y);
      for (int dx = -1; dx <= 1; dx++)
        for (int dy = -1; dy <= 1; dy++)
          if (pixel_near (pixels, (int) x + dx, (int) y + dy, color))
            return TRUE;
    }
  return FALSE;
}

/* The side panel: the card, link or nothing-selected page. */
static GtkWidget *
find_inspector (EbWindow *window)
{
  GtkWidget *details = eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CARD_DETAILS);

  return gtk_widget_get_ancestor (details, GTK_TYPE_STACK);
}

/* Checks the canvas shows the whole board: every card inside the visible
 * area. */
static void
assert_board_in_view (EbCanvas *canvas,
                      EbBoard  *board)
{
  GListModel *cards = eb_board_get_cards (board);
  EbRect area;

  eb_viewport_get_area (eb_canvas_get_viewport (canvas), &area);
  g_assert_cmpfloat (area.width, >, 0);
  g_assert_cmpfloat_with_epsilon (area.width * eb_canvas_get_zoom (canvas),
                                  gtk_widget_get_width (GTK_WIDGET (canvas)), 1e-6);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (cards, i);

      if (eb_card_get_x (card) < area.x || eb_card_get_y (card) < area.y ||
          eb_card_get_x (card) + eb_card_get_width (card) > area.x + area.width ||
          eb_card_get_y (card) + eb_card_get_height (card) > area.y + area.height)
        {
          g_autofree char *title = eb_card_dup_display_title (card);

          g_error ("“%s” (%g, %g, %g × %g) is outside the view (%g, %g, %g × %g)", title,
                   eb_card_get_x (card), eb_card_get_y (card),
                   eb_card_get_width (card), eb_card_get_height (card),
                   area.x, area.y, area.width, area.height);
        }
    }
}

/* Checks @card is drawn where the model puts it. */
static void
assert_card_drawn (EbCanvas *canvas,
                   EbCard   *card)
{
  g_autoptr(EbTestImage) pixels = eb_test_image_snapshot (GTK_WIDGET (canvas));

  if (!card_shows (pixels, canvas, card))
    g_error ("“%s” is not drawn where the model puts it", eb_card_get_title (card));
}

/* Gestures, as the canvas's gesture controllers report them ---------------- */

static void
card_center_on_screen (EbCanvas *canvas,
                       EbCard   *card,
                       double   *x,
                       double   *y)
{
  eb_viewport_to_screen (eb_canvas_get_viewport (canvas),
                         eb_card_get_x (card) + eb_card_get_width (card) / 2,
                         eb_card_get_y (card) + eb_card_get_height (card) / 2, x, y);
}

/* A click: press and release in place. */
static void
click_card (EbCanvas *canvas,
            EbCard   *card)
{
  double x, y;

  card_center_on_screen (canvas, card, &x, &y);
  _eb_canvas_drag_begin (canvas, GDK_BUTTON_PRIMARY, 0, x, y);
  _eb_canvas_press (canvas, 1, GDK_BUTTON_PRIMARY, 0, x, y);
  _eb_canvas_drag_end (canvas, 0, 0);
}

/* A primary-button drag from (@x, @y) by (@dx, @dy) pixels, in steps. */
static void
drag (EbCanvas *canvas,
      double    x,
      double    y,
      double    dx,
      double    dy)
{
  _eb_canvas_drag_begin (canvas, GDK_BUTTON_PRIMARY, 0, x, y);
  _eb_canvas_press (canvas, 1, GDK_BUTTON_PRIMARY, 0, x, y);
  for (int i = 1; i <= 8; i++)
    _eb_canvas_drag_update (canvas, dx * i / 8, dy * i / 8);
  _eb_canvas_drag_end (canvas, dx, dy);
}

/* The story ----------------------------------------------------------------- */

#define MOVED_TITLE   "Bashar al-Jaafari"
#define NEW_PERSON    "Ayman Sousan II"
#define EVENT_TITLE   "Jaafari denies requesting asylum"
#define SOURCE_TITLE  "TASS report that Jaafari had requested asylum"
#define LINK_LABEL    "disputes"
#define MOVE_BY       200.0

typedef struct {
  char      *path;
  EbBoard   *original;       /* read from the file before it was opened */
  EbBoard   *edited;         /* the board once all the edits were made */
  EbBoard   *before_close;   /* the board as saved, at close */
  char      *person_id;
  char      *link_id;
} Story;

/* Opens the file, checks the whole board is in view and nothing is
 * selected or unsaved. */
static EbWindow *
open_and_read (Story      *story,
               const char *screenshot)
{
  EbWindow *window = open_in_app (story->path);
  EbCanvas *canvas = eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CANVAS);
  EbStore *store = eb_window_get_store (window);
  EbBoard *board = eb_store_get_board (store);
  g_autofree char *basename = g_path_get_basename (story->path);

  g_assert_cmpstr (eb_store_get_path (store), ==, story->path);
  g_assert_false (eb_store_get_dirty (store));
  g_assert_false (shows_unsaved_mark (window));
  g_assert_cmpstr (window_title_text (window), ==, eb_board_get_title (board));
  g_assert_true (g_str_has_suffix (adw_window_title_get_subtitle (eb_test_find_one (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE)),
                                   basename));
  g_assert_false (gtk_widget_is_sensitive (find_undo_button (window)));
  g_assert_null (eb_canvas_get_selected_item (canvas));
  g_assert_false (eb_history_can_undo (eb_window_get_history (window)));

  /* Read at a glance: the board fills the canvas, whole. With nothing
   * selected the inspector is out of the way, so in the default
   * 1200 × 800 window the board opens large enough for its cards' text
   * to be drawn (the painter leaves it out below 30 %). */
  g_assert_false (gtk_widget_get_visible (find_inspector (window)));
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 1200);
    g_assert_cmpint (height, ==, 800);
  }
  g_test_message ("The sample board opens at %.0f %%", eb_canvas_get_zoom (canvas) * 100);
  g_assert_cmpfloat (eb_canvas_get_zoom (canvas), >=, 0.20);
  g_assert_cmpfloat (eb_canvas_get_zoom (canvas), <, 1.0);
  eb_test_save_screenshot (GTK_WIDGET (window), tmp_dir, screenshot);
  assert_board_in_view (canvas, board);

  return window;
}

static void
test_story (void)
{
  Story story = { 0 };
  g_autofree char *json = dup_sample_json_path ();
  g_autoptr(EbBoard) from_json = NULL;
  g_autoptr(EbBoard) reopened_expected = NULL;
  g_autoptr(GError) error = NULL;
  EbWindow *window;
  EbCanvas *canvas;
  EbCardList *list;
  EbCardDetails *details;
  EbHistory *history;
  EbStore *store;
  EbBoard *board;
  EbCard *jaafari, *person, *event, *source;
  EbLink *link;
  double x0, y0, zoom;
  guint steps;

  /* The file, from the sample's JSON, holds all of it. */
  story.path = export_sample_board ("story.board");
  story.original = read_board (story.path);
  from_json = eb_json_read_file (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (eb_board_get_title (story.original), ==, eb_board_get_title (from_json));
  g_assert_cmpuint (eb_test_n_cards (story.original), ==, eb_test_n_cards (from_json));
  g_assert_cmpuint (eb_test_n_links (story.original), ==, eb_test_n_links (from_json));
  g_assert_nonnull (find_card_by_title (story.original, MOVED_TITLE));
  g_assert_nonnull (find_card_by_title (story.original, EVENT_TITLE));
  g_assert_cmpint (eb_card_get_grade (find_card_by_title (story.original, SOURCE_TITLE)), ==, EB_GRADE_C);
  g_assert_null (find_card_by_title (story.original, NEW_PERSON));

  /* 1. Open it: the whole board in view. */
  window = open_and_read (&story, "scenario-1-opened.png");
  canvas = eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CANVAS);
  list = eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CARD_LIST);
  details = eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CARD_DETAILS);
  history = eb_window_get_history (window);
  store = eb_window_get_store (window);
  board = eb_store_get_board (store);
  assert_boards_equal (story.original, board);
  jaafari = find_card_by_title (board, MOVED_TITLE);
  event = find_card_by_title (board, EVENT_TITLE);
  source = find_card_by_title (board, SOURCE_TITLE);
  x0 = eb_card_get_x (jaafari);
  y0 = eb_card_get_y (jaafari);
  zoom = eb_canvas_get_zoom (canvas);
  assert_card_drawn (canvas, jaafari);

  /* 2. Drag al-Jaafari 200 units right: one undo step; the title bar
   * marks the board unsaved. */
  {
    double x, y;

    card_center_on_screen (canvas, jaafari, &x, &y);
    drag (canvas, x, y, MOVE_BY * zoom, 0);
  }
  g_assert_cmpfloat_with_epsilon (eb_card_get_x (jaafari), x0 + MOVE_BY, 1e-6);
  g_assert_cmpfloat_with_epsilon (eb_card_get_y (jaafari), y0, 1e-6);
  assert_card_drawn (canvas, jaafari);
  g_assert_true (eb_canvas_get_selected_item (canvas) == EB_ITEM (jaafari));
  g_assert_true (eb_card_list_get_selected_card (list) == jaafari);
  g_assert_true (eb_card_details_get_card (details) == jaafari);
  g_assert_true (eb_store_get_dirty (store));
  g_assert_true (shows_unsaved_mark (window));
  g_assert_true (gtk_widget_is_sensitive (find_undo_button (window)));
  /* The view did not move under the pointer. */
  g_assert_cmpfloat_with_epsilon (eb_canvas_get_zoom (canvas), zoom, 1e-9);

  /* 3. Add a person from the header (Ctrl+Shift+P): it lands in the
   * middle of the view, selected, its name open for typing; Enter keeps
   * the name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-person", NULL));
  g_assert_true (EB_IS_CARD (eb_canvas_get_selected_item (canvas)));
  person = EB_CARD (eb_canvas_get_selected_item (canvas));
  g_assert_cmpint (eb_card_get_kind (person), ==, EB_CARD_KIND_PERSON);
  g_assert_true (eb_canvas_is_editing (canvas));
  g_assert_true (eb_card_details_get_card (details) == person);
  g_assert_cmpuint (eb_test_n_cards (board), ==, eb_test_n_cards (story.original) + 1);
  eb_test_run_for (100);
  eb_test_save_screenshot (GTK_WIDGET (window), tmp_dir, "scenario-2-new-person.png");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (canvas->editor)), NEW_PERSON, -1);
  g_assert_true (_eb_canvas_editor_key (canvas, GDK_KEY_Return, 0));
  g_assert_false (eb_canvas_is_editing (canvas));
  g_assert_cmpstr (eb_card_get_title (person), ==, NEW_PERSON);
  g_assert_true (eb_canvas_get_selected_item (canvas) == EB_ITEM (person));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (details), ADW_TYPE_ENTRY_ROW, "Name"))),
                   ==, NEW_PERSON);
  g_assert_true (eb_card_list_get_selected_card (list) == person);
  assert_card_drawn (canvas, person);
  story.person_id = g_strdup (eb_item_get_id (EB_ITEM (person)));

  /* 4. Link the person to the event: drag the person's link handle onto
   * the event, choose "contradicts", type the label, Enter. */
  {
    double hx, hy, tx, ty;
    EbCard *handle_card;
    EbItem *hit;

    eb_canvas_reveal_item (canvas, EB_ITEM (event));
    g_assert_true (_eb_canvas_link_handle (canvas, &handle_card, &hx, &hy));
    g_assert_true (handle_card == person);
    g_assert_cmpint (_eb_canvas_hit_test (canvas, hx, hy, &hit), ==, EB_CANVAS_HIT_LINK_HANDLE);
    card_center_on_screen (canvas, event, &tx, &ty);

    _eb_canvas_drag_begin (canvas, GDK_BUTTON_PRIMARY, 0, hx, hy);
    for (int i = 1; i <= 8; i++)
      _eb_canvas_drag_update (canvas, (tx - hx) * i / 8, (ty - hy) * i / 8);
    g_assert_true (canvas->target_card == event);
    _eb_canvas_drag_end (canvas, tx - hx, ty - hy);
  }
  g_assert_cmpuint (eb_test_n_links (board), ==, eb_test_n_links (story.original) + 1);
  g_assert_true (EB_IS_LINK (eb_canvas_get_selected_item (canvas)));
  link = EB_LINK (eb_canvas_get_selected_item (canvas));
  g_assert_true (find_link (board, person, event) == link);
  eb_test_wait_for (eb_test_is_allocated, canvas->link_popover, "the link popover");
  gtk_toggle_button_set_active (canvas->kind_contradicts, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (canvas->link_label_entry), LINK_LABEL);
  eb_test_run_for (100);
  eb_test_save_screenshot (GTK_WIDGET (canvas->link_popover), tmp_dir, "scenario-3-link-popover.png");
  g_signal_emit_by_name (canvas->link_label_entry, "activate");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (canvas->link_popover)));
  g_assert_cmpint (eb_link_get_kind (link), ==, EB_LINK_KIND_CONTRADICTS);
  g_assert_cmpstr (eb_link_get_label (link), ==, LINK_LABEL);
  g_assert_cmpint (eb_link_get_direction (link), ==, EB_LINK_DIRECTION_FORWARD);
  g_assert_cmpstr (eb_link_get_from_id (link), ==, story.person_id);
  g_assert_cmpstr (eb_link_get_to_id (link), ==, eb_item_get_id (EB_ITEM (event)));
  story.link_id = g_strdup (eb_item_get_id (EB_ITEM (link)));

  /* 5. Select the TASS report on the canvas; grade it E in the
   * inspector. */
  eb_canvas_reveal_item (canvas, EB_ITEM (source));
  click_card (canvas, source);
  g_assert_true (eb_canvas_get_selected_item (canvas) == EB_ITEM (source));
  g_assert_true (eb_card_details_get_card (details) == source);
  {
    AdwComboRow *grade_row = find_row (GTK_WIDGET (details), ADW_TYPE_COMBO_ROW, "Reliability");

    g_assert_cmpuint (adw_combo_row_get_selected (grade_row), ==, EB_GRADE_C);
    adw_combo_row_set_selected (grade_row, EB_GRADE_E);
  }
  g_assert_cmpint (eb_card_get_grade (source), ==, EB_GRADE_E);

  /* The edits, all on the canvas: close up at 100 % (Ctrl+1), the new
   * person with the new link leaving it in its kind's colour; then the
   * whole board (Ctrl+0). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL));
  eb_canvas_reveal_item (canvas, EB_ITEM (person));
  eb_test_run_for (100);
  eb_test_save_screenshot (GTK_WIDGET (window), tmp_dir, "scenario-4-edited-100.png");
  {
    g_autoptr(EbTestImage) pixels = eb_test_image_snapshot (GTK_WIDGET (canvas));
    GdkRGBA red;

    eb_painter_link_color (link, &red);
    g_assert_true (curve_shows (pixels, canvas, link, 0.0, 0.15, &red));
    assert_card_drawn (canvas, person);
  }
  {
    g_autoptr(EbTestImage) pixels = NULL;
    GdkRGBA red;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL));
    assert_board_in_view (canvas, board);
    pixels = eb_test_image_snapshot (GTK_WIDGET (canvas));
    eb_painter_link_color (link, &red);
    g_assert_true (curve_shows (pixels, canvas, link, 0.2, 0.8, &red));
    eb_test_run_for (100);
    eb_test_save_screenshot (GTK_WIDGET (window), tmp_dir, "scenario-4-edited.png");
  }
  story.edited = copy_board (board);

  /* 6. Undo, one step at a time, newest first, each through win.undo
   * (Ctrl+Z), back to the board as it was opened. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (eb_card_get_grade (source), ==, EB_GRADE_C);
  g_assert_cmpuint (adw_combo_row_get_selected (find_row (GTK_WIDGET (details), ADW_TYPE_COMBO_ROW, "Reliability")),
                    ==, EB_GRADE_C);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_null (eb_board_lookup (board, story.link_id));
  g_assert_cmpuint (eb_test_n_links (board), ==, eb_test_n_links (story.original));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (eb_board_lookup_card (board, story.person_id) == person);
  g_assert_null (eb_card_get_title (person));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_null (eb_board_lookup (board, story.person_id));
  g_assert_cmpuint (eb_test_n_cards (board), ==, eb_test_n_cards (story.original));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpfloat (eb_card_get_x (jaafari), ==, x0);
  g_assert_cmpfloat (eb_card_get_y (jaafari), ==, y0);

  /* Nothing more to undo, and the board is the file's again, field by
   * field. */
  g_assert_false (eb_history_can_undo (history));
  g_assert_false (gtk_widget_is_sensitive (find_undo_button (window)));
  {
    g_autoptr(EbBoard) expected = copy_board (story.original);

    assert_boards_equal_but_modified (expected, board);
  }
  eb_test_save_screenshot (GTK_WIDGET (window), tmp_dir, "scenario-5-undone.png");

  /* 7. Redo it all (Ctrl+Shift+Z): the edited board again. */
  for (steps = 0; eb_history_can_redo (history); steps++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (steps, ==, 5);
  person = eb_board_lookup_card (board, story.person_id);
  g_assert_nonnull (person);
  link = EB_LINK (eb_board_lookup (board, story.link_id));
  g_assert_nonnull (link);
  assert_boards_equal_but_modified (story.edited, board);
  g_assert_cmpint (eb_card_get_grade (source), ==, EB_GRADE_E);
  g_assert_true (shows_unsaved_mark (window));

  /* 8. Save (Ctrl+S): the mark goes; the file holds the board. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_false (eb_store_get_dirty (store));
  g_assert_false (shows_unsaved_mark (window));
  story.before_close = copy_board (board);
  {
    g_autoptr(EbBoard) saved = read_board (story.path);

    assert_boards_equal (story.before_close, saved);
  }

  /* 9. Close (Ctrl+W): saved, so no question; the working copy goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL));
  eb_test_wait_for (eb_test_no_board_windows, NULL, "the window to close");
  g_assert_null (eb_test_find_message_dialog ());
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);

  /* 10. Reopen: everything as it was left. */
  window = open_and_read (&story, "scenario-6-reopened.png");
  canvas = eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CANVAS);
  board = eb_store_get_board (eb_window_get_store (window));
  assert_boards_equal (story.before_close, board);

  jaafari = find_card_by_title (board, MOVED_TITLE);
  g_assert_cmpfloat (eb_card_get_x (jaafari), ==, x0 + MOVE_BY);
  g_assert_cmpfloat (eb_card_get_y (jaafari), ==, y0);

  person = find_card_by_title (board, NEW_PERSON);
  g_assert_nonnull (person);
  g_assert_cmpstr (eb_item_get_id (EB_ITEM (person)), ==, story.person_id);
  g_assert_cmpint (eb_card_get_kind (person), ==, EB_CARD_KIND_PERSON);

  event = find_card_by_title (board, EVENT_TITLE);
  link = find_link (board, person, event);
  g_assert_nonnull (link);
  g_assert_cmpstr (eb_item_get_id (EB_ITEM (link)), ==, story.link_id);
  g_assert_cmpint (eb_link_get_kind (link), ==, EB_LINK_KIND_CONTRADICTS);
  g_assert_cmpstr (eb_link_get_label (link), ==, LINK_LABEL);
  g_assert_cmpint (eb_link_get_direction (link), ==, EB_LINK_DIRECTION_FORWARD);
  g_assert_null (find_link (board, event, person));

  source = find_card_by_title (board, SOURCE_TITLE);
  g_assert_cmpint (eb_card_get_grade (source), ==, EB_GRADE_E);

  assert_card_drawn (canvas, jaafari);
  assert_card_drawn (canvas, person);
  assert_card_drawn (canvas, event);
  assert_card_drawn (canvas, source);

  /* Nothing else changed: the original with just these edits made is
   * the reopened board, every field (but the times the edits ran). */
  reopened_expected = copy_board (story.original);
  {
    EbCard *moved = find_card_by_title (reopened_expected, MOVED_TITLE);
    g_autoptr(EbItem) person_copy = eb_item_copy (EB_ITEM (person));
    g_autoptr(EbItem) link_copy = eb_item_copy (EB_ITEM (link));

    eb_card_set_position (moved, x0 + MOVE_BY, y0);
    g_object_set (find_card_by_title (reopened_expected, SOURCE_TITLE), "grade", EB_GRADE_E, NULL);
    g_assert_true (eb_board_add (reopened_expected, person_copy, &error));
    g_assert_no_error (error);
    g_assert_true (eb_board_add (reopened_expected, link_copy, &error));
    g_assert_no_error (error);
  }
  assert_boards_equal_but_modified (reopened_expected, board);

  /* The link is drawn, in its kind's colour. */
  {
    g_autoptr(EbTestImage) pixels = eb_test_image_snapshot (GTK_WIDGET (canvas));
    GdkRGBA red;

    eb_painter_link_color (link, &red);
    g_assert_true (curve_shows (pixels, canvas, link, 0.2, 0.8, &red));
  }

  /* Nothing to save: it closes without asking. */
  gtk_window_close (GTK_WINDOW (window));
  eb_test_wait_for (eb_test_no_board_windows, NULL, "the reopened window to close");
  g_assert_null (eb_test_find_message_dialog ());
  g_assert_cmpuint (eb_test_count_working_copies (), ==, 0);

  g_free (story.path);
  g_free (story.person_id);
  g_free (story.link_id);
  g_clear_object (&story.original);
  g_clear_object (&story.edited);
  g_clear_object (&story.before_close);
}

/* The analyst had widened the inspector last time: the board still
 * opens whole in the narrower canvas. */
static void
test_open_wide_inspector (void)
{
  g_autofree char *path = export_sample_board ("wide-inspector.board");
  g_autoptr(GSettings) settings = eb_application_dup_settings (app);
  EbWindow *window;
  EbCanvas *canvas;
  EbBoard *board;
  EbCard *card;
  double zoom_closed;

  g_assert_nonnull (settings);
  g_settings_set_int (settings, "inspector-width", 560);

  window = open_in_app (path);
  canvas = eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CANVAS);
  board = eb_store_get_board (eb_window_get_store (window));

  /* Nothing is selected: the inspector is hidden, the board whole. */
  g_assert_false (gtk_widget_get_visible (find_inspector (window)));
  assert_board_in_view (canvas, board);
  zoom_closed = eb_canvas_get_zoom (canvas);

  /* A card selected, the inspector opens as wide as it was left: the
   * canvas is what gives, and still shows the whole board. */
  card = find_card_by_title (board, MOVED_TITLE);
  eb_canvas_select_item (canvas, EB_ITEM (card), FALSE);
  eb_test_run_for (300);
  eb_test_save_screenshot (GTK_WIDGET (window), tmp_dir, "scenario-wide-inspector.png");
  {
    GtkPaned *side_paned = GTK_PANED (gtk_widget_get_ancestor (find_inspector (window), GTK_TYPE_PANED));

    g_assert_true (gtk_widget_get_visible (find_inspector (window)));
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (side_paned)) - gtk_paned_get_position (side_paned), ==, 560);
  }
  assert_board_in_view (canvas, board);
  g_assert_cmpfloat (eb_canvas_get_zoom (canvas), <, zoom_closed);

  /* Unselected, it goes again and the board takes the room back. */
  eb_canvas_unselect_all (canvas);
  eb_test_run_for (300);
  g_assert_false (gtk_widget_get_visible (find_inspector (window)));
  assert_board_in_view (canvas, board);
  g_assert_cmpfloat_with_epsilon (eb_canvas_get_zoom (canvas), zoom_closed, 1e-9);

  gtk_window_close (GTK_WINDOW (window));
  eb_test_wait_for (eb_test_no_board_windows, NULL, "the window to close");
  g_settings_reset (settings, "inspector-width");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = eb_test_app_init (&argc, &argv, "eb-test-scenario", &tmp_dir);

  g_test_add_func ("/eb/scenario/story", test_story);
  g_test_add_func ("/eb/scenario/open-wide-inspector", test_open_wide_inspector);

  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
