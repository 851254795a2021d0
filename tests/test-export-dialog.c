/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "eb-application.h"
#include "eb-canvas.h"
#include "eb-export.h"
#include "eb-export-dialog.h"
#include "eb-json.h"
#include "eb-store.h"
#include "eb-window.h"
#include "eb-test-util.h"

/* The Export dialog, driven through the real window: Ctrl+E's action
 * opens it over the sample board; the tests change its rows as a user
 * does, read the size it shows, export through the function Export…
 * calls once a file is chosen, and check the files written. Runs under
 * Xvfb (see tests/meson.build). */

#define JAAFARI_FRAME "The Jaafari affair"

static char *tmp_dir;
static EbApplication *app;

static const char * const export_keys[] = {
  "export-format", "export-region", "export-scale", "export-width",
  "export-transparent", "export-caption", "export-folder",
};

/* The sample board and its window ----------------------------------------- */

typedef struct
{
  char      *dir;       /* this test's own folder */
  EbWindow  *window;
  EbCanvas  *canvas;
  EbBoard   *board;
  GSettings *settings;
} Fixture;

static gboolean
window_settled (gpointer data)
{
  EbWindow *window = data;
  EbCanvas *canvas = eb_test_find_one (GTK_WIDGET (window), EB_TYPE_CANVAS);

  return gtk_widget_get_mapped (GTK_WIDGET (window)) && eb_test_is_allocated (canvas);
}

/* Opens the sample board as the analyst does: its JSON made into a board
 * file, opened in the application. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char *root = g_getenv ("EB_SOURCE_ROOT");
  g_autofree char *json = g_build_filename (root ? root : ".", "data", "samples", "assad-asylum.json", NULL);
  g_autofree char *path = NULL;
  g_autoptr(EbBoard) board = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("eb-export-dialog-XXXXXX", &error);
  g_assert_no_error (error);

  board = eb_json_read_file (json, &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "sample.board", NULL);
  g_assert_true (eb_store_write_file (board, path, &error));
  g_assert_no_error (error);

  fixture->settings = eb_application_dup_settings (app);
  g_assert_nonnull (fixture->settings);
  for (guint i = 0; i < G_N_ELEMENTS (export_keys); i++)
    g_settings_reset (fixture->settings, export_keys[i]);

  file = g_file_new_for_path (path);
  g_application_open (G_APPLICATION (app), &file, 1, "");
  fixture->window = eb_test_only_board_window ();
  eb_test_wait_for (window_settled, fixture->window, "the board window to be shown");
  eb_test_run_for (200);
  fixture->canvas = eb_test_find_one (GTK_WIDGET (fixture->window), EB_TYPE_CANVAS);
  fixture->board = eb_store_get_board (eb_window_get_store (fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (fixture->board)), >, 0);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_close (GTK_WINDOW (fixture->window));
  eb_test_wait_for (eb_test_no_board_windows, NULL, "the board window to close");
  for (guint i = 0; i < G_N_ELEMENTS (export_keys); i++)
    g_settings_reset (fixture->settings, export_keys[i]);
  g_clear_object (&fixture->settings);
  remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* The dialog --------------------------------------------------------------- */

static EbExportDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (EB_IS_EXPORT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  EbExportDialog *dialog = find_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

/* Opens the dialog as Ctrl+E and the menu item do. */
static EbExportDialog *
open_dialog (Fixture *fixture)
{
  EbExportDialog *dialog;

  g_assert_null (find_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export", NULL));
  eb_test_wait_for (dialog_shown, NULL, "the export dialog to be shown");
  dialog = find_dialog ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  return dialog;
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
close_dialog (EbExportDialog *dialog)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  eb_test_wait_for (pointer_is_null, &dialog, "the export dialog to go");
}

static gpointer
find_row (gpointer    root,
          GType       type,
          const char *title)
{
  g_autoptr(GPtrArray) rows = eb_test_find_all (GTK_WIDGET (root), type);

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        return row;
    }
  g_error ("No row “%s”", title);
  return NULL;
}

/* The radio button of the Area row titled @title. */
static GtkCheckButton *
region_check (EbExportDialog *dialog,
              const char     *title)
{
  return eb_test_find_one (find_row (dialog, ADW_TYPE_ACTION_ROW, title), GTK_TYPE_CHECK_BUTTON);
}

static void
choose_region (EbExportDialog *dialog,
               const char     *title)
{
  GtkCheckButton *check = region_check (dialog, title);

  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (check)));
  gtk_check_button_set_active (check, TRUE);
}

static void
choose (EbExportDialog *dialog,
        const char     *title,
        guint           position)
{
  adw_combo_row_set_selected (find_row (dialog, ADW_TYPE_COMBO_ROW, title), position);
}

static GtkSwitch *
find_switch (EbExportDialog *dialog,
             const char     *title)
{
  return eb_test_find_one (find_row (dialog, ADW_TYPE_ACTION_ROW, title), GTK_TYPE_SWITCH);
}

static GtkSpinButton *
width_spin (EbExportDialog *dialog)
{
  return eb_test_find_one (find_row (dialog, ADW_TYPE_ACTION_ROW, "Width"), GTK_TYPE_SPIN_BUTTON);
}

/* The label that says how big the export will be, or why it cannot be. */
static GtkLabel *
size_label (EbExportDialog *dialog)
{
  g_autoptr(GPtrArray) labels = eb_test_find_all (GTK_WIDGET (dialog), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (label);

      if (gtk_widget_get_visible (GTK_WIDGET (label)) &&
          (g_str_has_prefix (text, "Size: ") || gtk_widget_has_css_class (GTK_WIDGET (label), "error")))
        return label;
    }
  g_error ("No size line in the export dialog");
  return NULL;
}

/* Reads "Size: 6,240 × 3,360 px" (any digit grouping). */
static void
shown_size (EbExportDialog *dialog,
            int            *width,
            int            *height,
            const char    **unit)
{
  const char *text = gtk_label_get_text (size_label (dialog));
  const char *times = strstr (text, "×");
  int values[2] = { 0, 0 };

  g_assert_true (g_str_has_prefix (text, "Size: "));
  g_assert_nonnull (times);
  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p))
      {
        int *value = &values[p > times];

        *value = *value * 10 + (*p - '0');
      }
  *width = values[0];
  *height = values[1];
  if (unit)
    *unit = g_str_has_suffix (text, " px") ? "px" : g_str_has_suffix (text, " pt") ? "pt" : "?";
}

static void
assert_shows (EbExportDialog        *dialog,
              EbBoard               *board,
              const EbExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  EbExportSize size;
  int width, height;
  const char *unit;

  g_assert_true (eb_export_measure (board, NULL, options, &size, &error));
  g_assert_no_error (error);
  shown_size (dialog, &width, &height, &unit);
  g_test_message ("region %d: shown %d × %d %s, measured %d × %d", options->region,
                  width, height, unit, size.width, size.height);
  g_assert_cmpint (width, ==, size.width);
  g_assert_cmpint (height, ==, size.height);
  g_assert_cmpstr (unit, ==, options->format == EB_EXPORT_FORMAT_PNG ? "px" : "pt");
}

static gboolean
is_exported (gpointer data)
{
  return *(GFile **) data != NULL;
}

static void
on_exported (EbExportDialog *dialog,
             GFile          *file,
             GFile         **out)
{
  g_assert_null (*out);
  *out = g_object_ref (file);
}

/* Exports to @path as Export… does once the file is chosen, and waits
 * for the dialog to close. */
static void
export_and_wait (EbExportDialog *dialog,
                 const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) exported = NULL;
  GtkWidget *button = GTK_WIDGET (find_row (dialog, ADW_TYPE_COMBO_ROW, "Format"));

  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), &exported);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  eb_export_dialog_export_to_file (dialog, file);
  g_assert_true (eb_export_dialog_get_busy (dialog));
  /* The choices wait while it runs. */
  g_assert_false (gtk_widget_is_sensitive (button));

  eb_test_wait_for_full (is_exported, &exported, 60000, "the export to finish");
  g_assert_true (g_file_equal (exported, file));
  eb_test_wait_for (pointer_is_null, &dialog, "the export dialog to close");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static GdkTexture *
load_png (const char *path)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = gdk_texture_new_from_filename (path, &error);

  g_assert_no_error (error);
  return texture;
}

static gboolean
window_shows_text (EbWindow   *window,
                   const char *text)
{
  g_autoptr(GPtrArray) labels = eb_test_find_all (GTK_WIDGET (window), GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
no_part_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".part"))
      return FALSE;
  return TRUE;
}

/* Tests -------------------------------------------------------------------- */

/* The size line says what eb_export_measure() says for every choice, and
 * the choices that make no sense here cannot be made. */
static void
test_size (Fixture       *fixture,
           gconstpointer  data)
{
  EbExportDialog *dialog = open_dialog (fixture);
  g_autoptr(EbExportOptions) options = eb_export_options_new ();
  int w1, h1, w2, h2;

  eb_test_save_screenshot (GTK_WIDGET (dialog), fixture->dir, "export-dialog.png");

  /* The defaults: a PNG of the whole board at 1×, and nothing selected. */
  options->format = EB_EXPORT_FORMAT_PNG;
  assert_shows (dialog, fixture->board, options);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (find_row (dialog, ADW_TYPE_COMBO_ROW, "Scale"))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (region_check (dialog, "Selection"))));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (find_row (dialog, ADW_TYPE_COMBO_ROW, "Frame"))));

  /* 1× to 2× doubles both sides. */
  shown_size (dialog, &w1, &h1, NULL);
  choose (dialog, "Scale", 1);
  options->scale = 2;
  assert_shows (dialog, fixture->board, options);
  shown_size (dialog, &w2, &h2, NULL);
  g_assert_cmpint (abs (w2 - 2 * w1), <=, 1);
  g_assert_cmpint (abs (h2 - 2 * h1), <=, 1);
  /* The whole sample at 2×, margins included. */
  g_assert_cmpint (w2, ==, 6240);
  g_assert_cmpint (h2, ==, 3360);

  choose (dialog, "Scale", 2);
  options->scale = 3;
  assert_shows (dialog, fixture->board, options);

  /* A width in pixels. */
  choose (dialog, "Scale", 3);
  g_assert_true (gtk_widget_get_visible (find_row (dialog, ADW_TYPE_ACTION_ROW, "Width")));
  gtk_spin_button_set_value (width_spin (dialog), 1000);
  options->width = 1000;
  assert_shows (dialog, fixture->board, options);
  shown_size (dialog, &w1, &h1, NULL);
  g_assert_cmpint (w1, ==, 1000);

  /* The caption adds its strip. */
  gtk_switch_set_active (find_switch (dialog, "Caption and Sources"), TRUE);
  options->caption = TRUE;
  assert_shows (dialog, fixture->board, options);
  shown_size (dialog, &w2, &h2, NULL);
  g_assert_cmpint (h2, >, h1);

  /* The visible area, exactly as the canvas shows it. */
  choose_region (dialog, "Visible Area");
  options->region = EB_EXPORT_REGION_AREA;
  options->margin = 0;
  eb_viewport_get_area (eb_canvas_get_viewport (fixture->canvas), &options->area);
  assert_shows (dialog, fixture->board, options);

  /* A frame. */
  choose (dialog, "Frame", 2);
  g_assert_true (gtk_check_button_get_active (region_check (dialog, "Frame")));
  options->margin = EB_EXPORT_MARGIN;
  eb_export_options_set_frame (options, JAAFARI_FRAME);
  assert_shows (dialog, fixture->board, options);

  /* Vector formats are measured in points, at one a board unit. */
  choose (dialog, "Format", 2);
  g_assert_false (gtk_widget_is_visible (find_row (dialog, ADW_TYPE_COMBO_ROW, "Scale")));
  options->format = EB_EXPORT_FORMAT_PDF;
  options->width = 0;
  options->scale = 1;
  assert_shows (dialog, fixture->board, options);
  choose (dialog, "Format", 1);
  options->format = EB_EXPORT_FORMAT_SVG;
  assert_shows (dialog, fixture->board, options);

  close_dialog (dialog);

  /* With a selection, it can be exported: its bounding box. */
  {
    GListModel *cards = eb_board_get_cards (fixture->board);
    g_autoptr(EbItem) first = g_list_model_get_item (cards, 0);
    g_autoptr(EbItem) second = g_list_model_get_item (cards, 5);
    const char *ids[] = { eb_item_get_id (first), eb_item_get_id (second), NULL };
    AdwActionRow *row;

    eb_canvas_select_item (fixture->canvas, first, FALSE);
    eb_canvas_select_item (fixture->canvas, second, TRUE);
    dialog = open_dialog (fixture);
    row = find_row (dialog, ADW_TYPE_ACTION_ROW, "Selection");
    g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "2 items");
    choose_region (dialog, "Selection");

    g_clear_pointer (&options, eb_export_options_free);
    options = eb_export_options_new ();
    /* SVG with the caption, as chosen last time. */
    options->format = EB_EXPORT_FORMAT_SVG;
    options->caption = TRUE;
    eb_export_options_set_items (options, ids);
    assert_shows (dialog, fixture->board, options);
    close_dialog (dialog);
    eb_canvas_unselect_all (fixture->canvas);
  }
}

/* Export… writes a PNG of the size shown, closes the dialog and says so
 * in a toast. */
static void
test_export_png (Fixture       *fixture,
                 gconstpointer  data)
{
  EbExportDialog *dialog = open_dialog (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "board.png", NULL);
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  choose (dialog, "Scale", 1);
  shown_size (dialog, &width, &height, NULL);
  export_and_wait (dialog, path);

  texture = load_png (path);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
  g_assert_true (no_part_files (fixture->dir));
  g_assert_true (window_shows_text (fixture->window, "Exported “board.png”"));
  g_assert_true (window_shows_text (fixture->window, "Open Folder"));

  /* The file chooser will open where this one went. */
  {
    g_autofree char *folder = g_settings_get_string (fixture->settings, "export-folder");
    g_autoptr(GFile) dir = g_file_new_for_path (fixture->dir);
    g_autofree char *uri = g_file_get_uri (dir);

    g_assert_cmpstr (folder, ==, uri);
  }
}

static gboolean
progress_shown (gpointer data)
{
  GtkProgressBar *bar = data;

  return gtk_widget_get_mapped (GTK_WIDGET (bar)) && gtk_progress_bar_get_fraction (bar) > 0;
}

static gboolean
not_busy (gpointer data)
{
  return !eb_export_dialog_get_busy (data);
}

/* The progress bar's Cancel stops the export and leaves no file. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  EbExportDialog *dialog = open_dialog (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "huge.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkProgressBar *bar = eb_test_find_one (GTK_WIDGET (dialog), GTK_TYPE_PROGRESS_BAR);
  GtkWidget *cancel;
  GtkWidget *export_button = NULL;

  /* Large enough to take seconds. */
  choose (dialog, "Scale", 3);
  gtk_spin_button_set_value (width_spin (dialog), 40000);
  {
    int width, height;

    shown_size (dialog, &width, &height, NULL);
    g_assert_cmpint (width, ==, 40000);
  }

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)) && gtk_widget_get_mapped (GTK_WIDGET (bar)));
  eb_export_dialog_export_to_file (dialog, file);
  eb_test_wait_for_full (progress_shown, bar, 60000, "the export to make progress");
  eb_test_save_screenshot (GTK_WIDGET (dialog), fixture->dir, "export-dialog-progress.png");

  cancel = gtk_widget_get_next_sibling (GTK_WIDGET (bar));
  g_assert_true (GTK_IS_BUTTON (cancel));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (cancel)), ==, "_Cancel");
  g_signal_emit_by_name (cancel, "clicked");
  eb_test_wait_for_full (not_busy, dialog, 60000, "the export to stop");

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (no_part_files (fixture->dir));
  /* The dialog stays, ready to try again, with no error to show. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)) && gtk_widget_get_mapped (GTK_WIDGET (bar)));
  {
    g_autoptr(GPtrArray) buttons = eb_test_find_all (GTK_WIDGET (dialog), GTK_TYPE_BUTTON);

    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Export…") == 0)
        export_button = g_ptr_array_index (buttons, i);
  }
  g_assert_nonnull (export_button);
  g_assert_true (gtk_widget_is_sensitive (export_button));
  close_dialog (dialog);
}

/* Closing the dialog (Escape) during an export stops it too. */
static void
test_close_while_exporting (Fixture       *fixture,
                            gconstpointer  data)
{
  EbExportDialog *dialog = open_dialog (fixture);
  g_autofree char *path = g_build_filename (fixture->dir, "closed.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkProgressBar *bar = eb_test_find_one (GTK_WIDGET (dialog), GTK_TYPE_PROGRESS_BAR);

  choose (dialog, "Scale", 3);
  gtk_spin_button_set_value (width_spin (dialog), 40000);
  eb_export_dialog_export_to_file (dialog, file);
  eb_test_wait_for_full (progress_shown, bar, 60000, "the export to make progress");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  eb_test_wait_for_full (pointer_is_null, &dialog, 60000, "the dialog and its export to go");
  eb_test_run_for (100);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (no_part_files (fixture->dir));
  g_assert_false (window_shows_text (fixture->window, "Exported “closed.png”"));
}

/* The frame row lists the sample's frames; exporting one gives an image
 * of that frame, with the margin. */
static void
test_frame (Fixture       *fixture,
            gconstpointer  data)
{
  EbExportDialog *dialog = open_dialog (fixture);
  AdwComboRow *row = find_row (dialog, ADW_TYPE_COMBO_ROW, "Frame");
  GListModel *model = adw_combo_row_get_model (row);
  GListModel *frames = eb_board_get_frames (fixture->board);
  g_autofree char *path = g_build_filename (fixture->dir, "jaafari.png", NULL);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(EbFrame) frame = NULL;
  guint jaafari = GTK_INVALID_LIST_POSITION;
  int width, height;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, g_list_model_get_n_items (frames));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(EbFrame) f = g_list_model_get_item (frames, i);
      const char *label = gtk_string_list_get_string (GTK_STRING_LIST (model), i);

      g_assert_cmpstr (label, ==, eb_frame_get_label (f));
      if (g_str_equal (label, JAAFARI_FRAME))
        {
          jaafari = i;
          frame = g_object_ref (f);
        }
    }
  g_assert_cmpuint (jaafari, !=, GTK_INVALID_LIST_POSITION);

  adw_combo_row_set_selected (row, jaafari);
  g_assert_true (gtk_check_button_get_active (region_check (dialog, "Frame")));
  shown_size (dialog, &width, &height, NULL);
  g_assert_cmpint (width, ==, (int) ceil (eb_frame_get_width (frame) + 2 * EB_EXPORT_MARGIN));
  g_assert_cmpint (height, ==, (int) ceil (eb_frame_get_height (frame) + 2 * EB_EXPORT_MARGIN));

  export_and_wait (dialog, path);
  texture = load_png (path);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
}

static guint8 *
download (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  guint8 *data = g_malloc ((gsize) width * gdk_texture_get_height (texture) * 4);

  gdk_texture_download (texture, data, (gsize) width * 4);
  return data;
}

/* The visible area at 1× is what the canvas shows, pixel for pixel, but
 * for what belongs to the screen (the grid dots under the board). */
static void
test_visible_area (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "visible.png", NULL);
  g_autoptr(GdkTexture) screen = NULL;
  g_autoptr(GdkTexture) image = NULL;
  g_autofree guint8 *a = NULL;
  g_autofree guint8 *b = NULL;
  EbExportDialog *dialog;
  int width, height;
  guint64 off = 0, content = 0, total;
  double sum = 0;

  /* 100 %, so one board unit is one pixel, nothing selected, and the
   * focus out of the canvas so no focus ring is drawn. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.zoom-reset", NULL));
  eb_canvas_unselect_all (fixture->canvas);
  gtk_window_set_focus (GTK_WINDOW (fixture->window), NULL);
  eb_test_run_for (200);
  g_assert_cmpfloat (eb_canvas_get_zoom (fixture->canvas), ==, 1.0);
  screen = eb_test_render (GTK_WIDGET (fixture->canvas));
  eb_test_save_texture (screen, fixture->dir, "canvas.png");

  dialog = open_dialog (fixture);
  choose_region (dialog, "Visible Area");
  shown_size (dialog, &width, &height, NULL);
  g_assert_cmpint (width, ==, gtk_widget_get_width (GTK_WIDGET (fixture->canvas)));
  g_assert_cmpint (height, ==, gtk_widget_get_height (GTK_WIDGET (fixture->canvas)));
  export_and_wait (dialog, path);

  image = load_png (path);
  g_assert_cmpint (gdk_texture_get_width (image), ==, gdk_texture_get_width (screen));
  g_assert_cmpint (gdk_texture_get_height (image), ==, gdk_texture_get_height (screen));

  a = download (screen);
  b = download (image);
  total = (guint64) width * height;
  for (guint64 i = 0; i < total; i++)
    {
      int diff = 0;

      for (int c = 0; c < 3; c++)
        diff = MAX (diff, abs (a[i * 4 + c] - b[i * 4 + c]));
      sum += diff;
      off += diff > 24;
      /* Not the board's background colour (0.965, 0.961, 0.953). */
      content += abs (b[i * 4 + 2] - 246) + abs (b[i * 4 + 1] - 245) + abs (b[i * 4] - 243) > 24;
    }
  g_test_message ("visible area: %.3f %% of pixels differ, mean difference %.3f, %.1f %% not background",
                  100.0 * off / total, sum / total, 100.0 * content / total);
  /* The view shows cards, not only background. */
  g_assert_cmpfloat ((double) content / total, >, 0.2);
  /* Grid dots (on the background between frames) may differ; everything
   * else matches. */
  g_assert_cmpfloat ((double) off / total, <, 0.01);
  g_assert_cmpfloat (sum / total, <, 0.5);
}

/* A picture too big for PNG is explained, with the largest scale that
 * fits offered; taking it gives a size that can be exported. */
static void
test_too_big (Fixture       *fixture,
              gconstpointer  data)
{
  EbExportDialog *dialog = open_dialog (fixture);
  GtkLabel *label;
  GtkWidget *fit = NULL;
  int width, height;

  choose (dialog, "Scale", 3);
  gtk_spin_button_set_value (width_spin (dialog), 65535);
  label = size_label (dialog);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "largest scale that fits"));
  eb_test_save_screenshot (GTK_WIDGET (dialog), fixture->dir, "export-dialog-too-big.png");

  fit = gtk_widget_get_next_sibling (GTK_WIDGET (label));
  g_assert_true (GTK_IS_BUTTON (fit));
  g_assert_true (gtk_widget_get_visible (fit));
  /* In pixels, as the width was asked for in pixels. */
  g_assert_true (g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (fit)), "Use "));
  g_assert_true (g_str_has_suffix (gtk_button_get_label (GTK_BUTTON (fit)), " px"));
  g_signal_emit_by_name (fit, "clicked");

  shown_size (dialog, &width, &height, NULL);
  g_assert_false (gtk_widget_get_visible (fit));
  g_assert_cmpint (width, <=, EB_EXPORT_PNG_MAX_SIDE);
  g_assert_cmpint (height, <=, EB_EXPORT_PNG_MAX_SIDE);
  g_assert_cmpint ((gint64) width * height, <=, EB_EXPORT_PNG_MAX_PIXELS);
  /* Not much smaller than what was asked for. */
  g_assert_cmpint (width, >, 60000);
  close_dialog (dialog);
}

/* The choices come back the next time the dialog opens. */
static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  EbExportDialog *dialog = open_dialog (fixture);

  choose (dialog, "Scale", 2);
  choose (dialog, "Frame", 2);
  gtk_switch_set_active (find_switch (dialog, "Transparent Background"), TRUE);
  gtk_switch_set_active (find_switch (dialog, "Caption and Sources"), TRUE);
  choose (dialog, "Format", 2);
  close_dialog (dialog);

  dialog = open_dialog (fixture);
  g_assert_cmpuint (adw_combo_row_get_selected (find_row (dialog, ADW_TYPE_COMBO_ROW, "Format")), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (find_row (dialog, ADW_TYPE_COMBO_ROW, "Scale")), ==, 2);
  g_assert_true (gtk_check_button_get_active (region_check (dialog, "Frame")));
  g_assert_true (gtk_switch_get_active (find_switch (dialog, "Transparent Background")));
  g_assert_true (gtk_switch_get_active (find_switch (dialog, "Caption and Sources")));

  /* The visible area and a width, with the background back on. */
  choose (dialog, "Format", 0);
  choose_region (dialog, "Visible Area");
  choose (dialog, "Scale", 3);
  gtk_spin_button_set_value (width_spin (dialog), 2500);
  gtk_switch_set_active (find_switch (dialog, "Transparent Background"), FALSE);
  close_dialog (dialog);

  dialog = open_dialog (fixture);
  g_assert_cmpuint (adw_combo_row_get_selected (find_row (dialog, ADW_TYPE_COMBO_ROW, "Format")), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (find_row (dialog, ADW_TYPE_COMBO_ROW, "Scale")), ==, 3);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (width_spin (dialog)), ==, 2500);
  g_assert_true (gtk_check_button_get_active (region_check (dialog, "Visible Area")));
  g_assert_false (gtk_switch_get_active (find_switch (dialog, "Transparent Background")));
  {
    int width, height;

    shown_size (dialog, &width, &height, NULL);
    g_assert_cmpint (width, ==, 2500);
  }

  /* A remembered selection with nothing selected falls back to the
   * whole board, without forgetting the choice. */
  g_settings_set_string (fixture->settings, "export-region", "selection");
  close_dialog (dialog);
  dialog = open_dialog (fixture);
  g_assert_true (gtk_check_button_get_active (region_check (dialog, "Whole Board")));
  {
    g_autofree char *region = g_settings_get_string (fixture->settings, "export-region");

    g_assert_cmpstr (region, ==, "selection");
  }
  close_dialog (dialog);
}

/* An empty board: no frames to choose and a clear reason not to export. */
static void
test_empty_board (void)
{
  EbWindow *window;
  EbExportDialog *dialog;
  GtkLabel *label;
  GtkWidget *export_button = NULL;
  g_autoptr(GPtrArray) buttons = NULL;

  window = EB_WINDOW (eb_application_new_board (app));
  eb_test_wait_for (window_settled, window, "the board window to be shown");

  {
    Fixture fixture = { .window = window };

    dialog = open_dialog (&fixture);
  }
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (find_row (dialog, ADW_TYPE_COMBO_ROW, "Frame"))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (region_check (dialog, "Selection"))));
  label = size_label (dialog);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "error"));
  g_assert_cmpstr (gtk_label_get_text (label), ==, "The board is empty; there is nothing to export");

  buttons = eb_test_find_all (GTK_WIDGET (dialog), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Export…") == 0)
      export_button = g_ptr_array_index (buttons, i);
  g_assert_nonnull (export_button);
  g_assert_false (gtk_widget_is_sensitive (export_button));

  close_dialog (dialog);
  gtk_window_close (GTK_WINDOW (window));
  eb_test_wait_for (eb_test_no_board_windows, NULL, "the board window to close");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = eb_test_app_init (&argc, &argv, "eb-test-export-dialog", &tmp_dir);

  g_test_add ("/eb/export-dialog/size", Fixture, NULL, fixture_setup, test_size, fixture_teardown);
  g_test_add ("/eb/export-dialog/export-png", Fixture, NULL, fixture_setup, test_export_png, fixture_teardown);
  g_test_add ("/eb/export-dialog/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/eb/export-dialog/close-while-exporting", Fixture, NULL, fixture_setup, test_close_while_exporting, fixture_teardown);
  g_test_add ("/eb/export-dialog/frame", Fixture, NULL, fixture_setup, test_frame, fixture_teardown);
  g_test_add ("/eb/export-dialog/visible-area", Fixture, NULL, fixture_setup, test_visible_area, fixture_teardown);
  g_test_add ("/eb/export-dialog/too-big", Fixture, NULL, fixture_setup, test_too_big, fixture_teardown);
  g_test_add ("/eb/export-dialog/settings", Fixture, NULL, fixture_setup, test_settings, fixture_teardown);
  g_test_add_func ("/eb/export-dialog/empty-board", test_empty_board);

  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
