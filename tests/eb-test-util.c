/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "eb-json.h"
#include "eb-store.h"
#include "eb-test-util.h"

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * eb_test_wait_for_full:
 * @condition: what to wait for
 * @data: passed to @condition
 * @timeout_ms: how long to wait at most
 * @what: what is waited for, for the failure message
 *
 * Runs the main loop until @condition holds, or fails the test after
 * @timeout_ms.
 */
void
eb_test_wait_for_full (EbTestCondition  condition,
                       gpointer         data,
                       guint            timeout_ms,
                       const char      *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (id);
}

/* As eb_test_wait_for_full(), for five seconds. */
void
eb_test_wait_for (EbTestCondition  condition,
                  gpointer         data,
                  const char      *what)
{
  eb_test_wait_for_full (condition, data, 5000, what);
}

/**
 * eb_test_run_for:
 * @ms: how long
 *
 * Lets the main loop run for @ms, so that frames are drawn and delayed
 * handlers (idle placement of panes, search entries) run.
 */
void
eb_test_run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
eb_test_is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* Mapped and given its size: a dialog is mapped a moment before it has
 * its size. */
gboolean
eb_test_is_allocated (gpointer widget)
{
  return gtk_widget_get_mapped (widget) &&
         gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0;
}

/* Adds @root and its descendants of @type to @out, in tree order. */
void
eb_test_collect (GtkWidget *root,
                 GType      type,
                 GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    eb_test_collect (child, type, out);
}

/**
 * eb_test_find_all:
 * @root: where to look
 * @type: what to look for
 *
 * Returns: (transfer container): @root and its descendants of @type, in
 *   tree order
 */
GPtrArray *
eb_test_find_all (GtkWidget *root,
                  GType      type)
{
  GPtrArray *out = g_ptr_array_new ();

  eb_test_collect (root, type, out);
  return out;
}

/* Returns: (transfer none): the first widget of @type under @root; fails
 * the test if there is none. */
gpointer
eb_test_find_one (GtkWidget *root,
                  GType      type)
{
  g_autoptr(GPtrArray) all = eb_test_find_all (root, type);

  g_assert_cmpuint (all->len, >=, 1);
  return g_ptr_array_index (all, 0);
}

/* The widget's last drawn frame; after a change it has none until it is
 * drawn again, so this waits up to 2 s for the next frame. A widget the
 * window system never drew (a dialog not shown) is drawn here instead. */
static GskRenderNode *
dup_drawn_node (GtkWidget *widget,
                int        width,
                int        height)
{
  GtkSnapshot *snapshot;

  for (guint tries = 0; tries < 100; tries++)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
      GskRenderNode *node;

      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL)
        return node;
      eb_test_run_for (20);
    }

  g_test_message ("%s was not drawn on screen; drawn off-screen instead", G_OBJECT_TYPE_NAME (widget));
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

/**
 * eb_test_render:
 * @widget: a widget on screen
 *
 * Renders @widget as it was last drawn, once it has its size.
 *
 * Returns: (transfer full): its pixels, one per logical pixel
 */
GdkTexture *
eb_test_render (GtkWidget *widget)
{
  g_autoptr(GskRenderNode) node = NULL;
  GtkNative *native;
  GskRenderer *renderer = NULL;
  g_autoptr(GskRenderer) own_renderer = NULL;
  GdkTexture *texture;
  int width, height;

  eb_test_wait_for (eb_test_is_allocated, widget, "the widget to be shown with its size");
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  node = dup_drawn_node (widget, width, height);
  g_assert_nonnull (node);

  native = gtk_widget_get_native (widget);
  if (native != NULL)
    renderer = gtk_native_get_renderer (native);
  if (renderer == NULL)
    {
      own_renderer = gsk_cairo_renderer_new ();
      g_assert_true (gsk_renderer_realize (own_renderer, NULL, NULL));
      renderer = own_renderer;
    }

  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (own_renderer != NULL)
    gsk_renderer_unrealize (own_renderer);

  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  return texture;
}

/**
 * eb_test_save_texture:
 * @texture: rendered pixels
 * @dir: the test's folder
 * @name: a file name ending in .png
 *
 * Saves @texture as a PNG in @dir and, if EB_SCREENSHOT_DIR is set,
 * there too, for a person to look at.
 */
void
eb_test_save_texture (GdkTexture *texture,
                      const char *dir,
                      const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  const char *copy_dir = g_getenv ("EB_SCREENSHOT_DIR");

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);

  if (copy_dir != NULL && copy_dir[0] != '\0')
    {
      g_autofree char *copy = g_build_filename (copy_dir, name, NULL);

      g_mkdir_with_parents (copy_dir, 0755);
      g_assert_true (gdk_texture_save_to_png (texture, copy));
    }
}

/**
 * eb_test_save_screenshot:
 * @widget: a widget on screen
 * @dir: the test's folder
 * @name: a file name ending in .png
 *
 * Renders @widget as it is on screen and saves it with
 * eb_test_save_texture().
 */
void
eb_test_save_screenshot (GtkWidget  *widget,
                         const char *dir,
                         const char *name)
{
  g_autoptr(GdkTexture) texture = eb_test_render (widget);

  eb_test_save_texture (texture, dir, name);
}

/**
 * eb_test_texture_pixel:
 * @texture: rendered pixels
 * @x: a column
 * @y: a row
 * @rgb: (out): the pixel's red, green and blue
 *
 * Returns: %FALSE if (@x, @y) is outside @texture
 */
gboolean
eb_test_texture_pixel (GdkTexture *texture,
                       int         x,
                       int         y,
                       guint8      rgb[3])
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guint8 *data = NULL;
  guint32 pixel;

  if (x < 0 || y < 0 || x >= width || y >= height)
    return FALSE;

  /* Downloaded as premultiplied ARGB in native-endian 32-bit words. */
  data = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, data, (gsize) width * 4);
  memcpy (&pixel, data + ((gsize) y * width + x) * 4, sizeof pixel);
  rgb[0] = (pixel >> 16) & 0xff;
  rgb[1] = (pixel >> 8) & 0xff;
  rgb[2] = pixel & 0xff;
  return TRUE;
}

/**
 * eb_test_image_download:
 * @texture: rendered or loaded pixels
 *
 * Returns: (transfer full): @texture's pixels, to read one by one
 */
EbTestImage *
eb_test_image_download (GdkTexture *texture)
{
  EbTestImage *image = g_new0 (EbTestImage, 1);

  image->width = gdk_texture_get_width (texture);
  image->height = gdk_texture_get_height (texture);
  image->stride = image->width * 4;
  image->data = g_malloc (image->stride * image->height);
  gdk_texture_download (texture, image->data, image->stride);
  return image;
}

/**
 * eb_test_image_load_png:
 * @path: a PNG file, which must load
 *
 * Returns: (transfer full): its pixels
 */
EbTestImage *
eb_test_image_load_png (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);

  g_assert_no_error (error);
  return eb_test_image_download (texture);
}

/**
 * eb_test_image_snapshot:
 * @widget: a widget with its size
 *
 * Draws @widget as its snapshot() does, with the cairo renderer, whether
 * or not it is on screen.
 *
 * Returns: (transfer full): its pixels, one per logical pixel
 */
EbTestImage *
eb_test_image_snapshot (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  EbTestImage *image = g_new0 (EbTestImage, 1);

  image->width = gtk_widget_get_width (widget);
  image->height = gtk_widget_get_height (widget);
  image->stride = image->width * 4;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, image->width, image->height));
  gsk_renderer_unrealize (renderer);

  image->data = g_malloc (image->stride * image->height);
  gdk_texture_download (texture, image->data, image->stride);
  return image;
}

void
eb_test_image_free (EbTestImage *image)
{
  g_free (image->data);
  g_free (image);
}

/**
 * eb_test_image_pixel:
 * @image: pixels
 * @x: a column, which must be inside @image
 * @y: a row, which must be inside @image
 * @rgba: (out): the pixel's colour, premultiplied
 */
void
eb_test_image_pixel (EbTestImage *image,
                     int          x,
                     int          y,
                     GdkRGBA     *rgba)
{
  const guchar *p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, image->width);
  g_assert_cmpint (y, <, image->height);
  p = image->data + y * image->stride + x * 4;
  *rgba = (GdkRGBA) { p[2] / 255.0, p[1] / 255.0, p[0] / 255.0, p[3] / 255.0 };
}

/* Whether @a and @b differ by at most @tolerance in each colour channel;
 * alpha is not compared. */
gboolean
eb_test_color_near (const GdkRGBA *a,
                    const GdkRGBA *b,
                    double         tolerance)
{
  return fabs (a->red - b->red) <= tolerance && fabs (a->green - b->green) <= tolerance &&
         fabs (a->blue - b->blue) <= tolerance;
}

/**
 * eb_test_load_sample:
 *
 * Returns: (transfer full): the sample board data/samples/assad-asylum.json
 */
EbBoard *
eb_test_load_sample (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("EB_SOURCE_ROOT"), "data", "samples",
                                            "assad-asylum.json", NULL);
  g_autoptr(GError) error = NULL;
  EbBoard *board = eb_json_read_file (path, &error);

  g_assert_no_error (error);
  return board;
}

/**
 * eb_test_add_card:
 * @board: a board
 * @kind: the card's kind
 * @title: its title
 * @x: its left edge
 * @y: its top edge
 *
 * Returns: (transfer none): a new card on @board
 */
EbCard *
eb_test_add_card (EbBoard    *board,
                  EbCardKind  kind,
                  const char *title,
                  double      x,
                  double      y)
{
  g_autoptr(EbCard) card = eb_card_new (kind);

  g_object_set (card, "title", title, "x", x, "y", y, NULL);
  g_assert_true (eb_board_add (board, EB_ITEM (card), NULL));
  return card;
}

/**
 * eb_test_add_link:
 * @board: a board
 * @from: a card on it
 * @to: another card on it
 * @kind: the link's kind
 *
 * Returns: (transfer none): a new link on @board from @from to @to
 */
EbLink *
eb_test_add_link (EbBoard    *board,
                  EbCard     *from,
                  EbCard     *to,
                  EbLinkKind  kind)
{
  g_autoptr(EbLink) link = eb_link_new (eb_item_get_id (EB_ITEM (from)), eb_item_get_id (EB_ITEM (to)),
                                        kind, NULL);

  g_assert_true (eb_board_add (board, EB_ITEM (link), NULL));
  return link;
}

/**
 * eb_test_remove_dir:
 * @dir: a test's temporary folder
 *
 * Removes @dir with its files and its empty subfolders.
 */
void
eb_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        g_rmdir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

void
eb_test_run_clear (EbTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/**
 * eb_test_run_argv:
 * @run: (out caller-allocates): its exit status and output
 * @args: (array zero-terminated=1): the arguments after the program name
 *
 * Runs the evidence-board binary (EB_BINARY) the way scripts do, with no
 * display; fails the test if it crashes.
 */
void
eb_test_run_argv (EbTestRun   *run,
                  const char **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *binary = g_getenv ("EB_BINARY");
  int wait_status = 0;

  if (binary == NULL)
    g_error ("EB_BINARY is not set; run the tests with meson test");

  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  /* No display: --check and --export must not need one. */
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  /* A critical in the binary is a crash, not a message. */
  envp = g_environ_setenv (envp, "G_DEBUG", "fatal-criticals", TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);

  if (!WIFEXITED (wait_status))
    g_error ("evidence-board crashed (wait status %d); stderr: %s", wait_status, run->err);
  run->status = WEXITSTATUS (wait_status);
}

/* As eb_test_run_argv(), with the arguments listed, %NULL-terminated. */
void
eb_test_run_binary (EbTestRun  *run,
                    const char *first,
                    ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  eb_test_run_argv (run, (const char **) args->pdata);
}

/* The start of every UI test program: a private home for the whole run
 * (recent files, settings and working copies are written there, also from
 * idle handlers that outlive a single case), GTK and libadwaita, and a
 * registered, non-unique application. */
EbApplication *
eb_test_app_init (int         *argc,
                  char      ***argv,
                  const char  *name,
                  char       **tmp_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", name);
  EbApplication *app;

  *tmp_dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", *tmp_dir, TRUE);
  g_setenv ("XDG_CONFIG_HOME", *tmp_dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", *tmp_dir, TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  app = eb_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

/* The application's windows and dialogs --------------------------------------
 *
 * For the tests that drive the whole application: they start one (see
 * eb_test_app_init()), the process's default application. */

static GtkApplication *
default_app (void)
{
  GApplication *app = g_application_get_default ();

  g_assert_true (GTK_IS_APPLICATION (app));
  return GTK_APPLICATION (app);
}

/* How many board windows the application has open. */
guint
eb_test_count_board_windows (void)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (default_app ()); l; l = l->next)
    n += EB_IS_WINDOW (l->data);
  return n;
}

/* An #EbTestCondition: every board window has closed. */
gboolean
eb_test_no_board_windows (gpointer data)
{
  return eb_test_count_board_windows () == 0;
}

/* The board window; fails the test unless there is exactly one. */
EbWindow *
eb_test_only_board_window (void)
{
  EbWindow *found = NULL;

  for (GList *l = gtk_application_get_windows (default_app ()); l; l = l->next)
    if (EB_IS_WINDOW (l->data))
      {
        g_assert_null (found);
        found = l->data;
      }

  g_assert_nonnull (found);
  return found;
}

/* The message dialog on screen (a question or an error), or %NULL. */
AdwMessageDialog *
eb_test_find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* #EbTestConditions for eb_test_wait_for(). */
gboolean
eb_test_has_message_dialog (gpointer data)
{
  return eb_test_find_message_dialog () != NULL;
}

gboolean
eb_test_has_no_message_dialog (gpointer data)
{
  return eb_test_find_message_dialog () == NULL;
}

/* Clicks the dialog's button labelled @label (with its mnemonic, as in
 * "_Discard"), as a user would; the dialog responds and closes. */
void
eb_test_click_response (AdwMessageDialog *dialog,
                        const char       *label)
{
  g_autoptr(GPtrArray) buttons = eb_test_find_all (GTK_WIDGET (dialog), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      {
        g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
        return;
      }

  g_error ("No button “%s” in the dialog", label);
}

/* How many working copies the private data folder holds: none once every
 * board is closed, whether saved or discarded. */
guint
eb_test_count_working_copies (void)
{
  g_autofree char *dir = eb_application_dup_working_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* Whether a toast in @window says exactly @message. */
gboolean
eb_test_shows_toast (GtkWidget  *window,
                     const char *message)
{
  g_autoptr(GPtrArray) labels = eb_test_find_all (window, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (gtk_label_get_text (g_ptr_array_index (labels, i)), message) &&
        gtk_widget_get_ancestor (g_ptr_array_index (labels, i), ADW_TYPE_TOAST_OVERLAY) != NULL)
      return TRUE;
  return FALSE;
}

typedef struct {
  GtkWidget  *window;
  const char *message;
} ToastWait;

static gboolean
toast_shown (gpointer data)
{
  ToastWait *wait = data;

  return eb_test_shows_toast (wait->window, wait->message);
}

/* Waits for a toast in @window that says @message. A toast waits for
 * the one before it to time out (5 s), hence the longer wait. */
void
eb_test_wait_for_toast (GtkWidget  *window,
                        const char *message)
{
  ToastWait wait = { window, message };
  g_autofree char *what = g_strdup_printf ("the toast “%s”", message);

  eb_test_wait_for_full (toast_shown, &wait, 15000, what);
}

/* Boards ------------------------------------------------------------------- */

/**
 * eb_test_copy_board:
 * @board: a board
 *
 * A detached copy of @board: its title and every item, with its id and
 * times, in drawing order; to compare with after undo, a merge or a
 * round trip.
 *
 * Returns: (transfer full): the copy
 */
EbBoard *
eb_test_copy_board (EbBoard *board)
{
  EbBoard *copy = eb_board_new ();
  GListModel *lists[] = { eb_board_get_cards (board), eb_board_get_links (board), eb_board_get_frames (board) };

  eb_board_set_title (copy, eb_board_get_title (board));
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(EbItem) item = g_list_model_get_item (lists[l], i);
        g_autoptr(EbItem) item_copy = eb_item_copy (item);
        g_autoptr(GError) error = NULL;

        g_assert_true (eb_board_add (copy, item_copy, &error));
        g_assert_no_error (error);
      }
  return copy;
}

/* Fails the test, saying where, unless @a and @b are equal field by field
 * (eb_board_equal()). */
void
eb_test_assert_boards_equal (EbBoard *a,
                             EbBoard *b)
{
  g_autofree char *difference = NULL;

  if (!eb_board_equal (a, b, &difference))
    g_error ("The boards differ: %s", difference);
}

/* Writes the sample board to a board file @name in @dir; returns its path. */
char *
eb_test_write_sample_board (const char *dir,
                            const char *name)
{
  g_autoptr(EbBoard) board = eb_test_load_sample ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (eb_store_write_file (board, path, &error));
  g_assert_no_error (error);
  return path;
}

/* The card titled @title (the board holds the reference), or %NULL. */
EbCard *
eb_test_find_card_by_title (EbBoard    *board,
                            const char *title)
{
  GListModel *cards = eb_board_get_cards (board);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (cards, i);

      if (g_strcmp0 (eb_card_get_title (card), title) == 0)
        return card;
    }
  return NULL;
}

/* Opens @path in the application, as the file manager does, and returns
 * its window once it is on screen; fails unless it is the only one. */
EbWindow *
eb_test_open_in_app (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  EbWindow *window;

  g_application_open (g_application_get_default (), &file, 1, "");
  window = eb_test_only_board_window ();
  eb_test_wait_for (eb_test_is_mapped, window, "the window to be mapped");
  eb_test_run_for (200);
  return window;
}

/* The revealer in @window whose child has the style class @css_class: a
 * bar under the header bar ("eb-read-only-bar"). Fails if there is none. */
GtkRevealer *
eb_test_find_bar (GtkWidget  *window,
                  const char *css_class)
{
  g_autoptr(GPtrArray) revealers = eb_test_find_all (window, GTK_TYPE_REVEALER);

  for (guint i = 0; i < revealers->len; i++)
    {
      GtkWidget *child = gtk_revealer_get_child (g_ptr_array_index (revealers, i));

      if (child != NULL && gtk_widget_has_css_class (child, css_class))
        return g_ptr_array_index (revealers, i);
    }

  g_error ("No bar “%s”", css_class);
  return NULL;
}

/* An #EbTestCondition: the revealer has shown its child on screen. */
gboolean
eb_test_is_child_revealed (gpointer revealer)
{
  return gtk_revealer_get_child_revealed (revealer) &&
         gtk_widget_get_mapped (gtk_revealer_get_child (revealer));
}

/* Adds @item to @board, taking its reference: for building boards item
 * by item with g_object_new(). Fails the test if the board refuses it. */
void
eb_test_take_item (EbBoard  *board,
                   gpointer  item)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_board_add (board, item, &error));
  g_assert_no_error (error);
  g_object_unref (item);
}

/* How many cards, links and frames @board holds. */
guint
eb_test_n_cards (EbBoard *board)
{
  return g_list_model_get_n_items (eb_board_get_cards (board));
}

guint
eb_test_n_links (EbBoard *board)
{
  return g_list_model_get_n_items (eb_board_get_links (board));
}

guint
eb_test_n_frames (EbBoard *board)
{
  return g_list_model_get_n_items (eb_board_get_frames (board));
}

/* @open repeated @depth times: deeply nested JSON for the readers to
 * refuse. */
char *
eb_test_nest (const char *open,
              guint       depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  return g_string_free (s, FALSE);
}
