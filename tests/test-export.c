/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export draws what the painter draws, where the model says, at the size
 * asked for, in strips that join without a seam; SVG and PDF are real
 * documents; hostile options give clear errors and leave no file. The
 * command line does the same with no display. */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "eb-export.h"
#include "eb-json.h"
#include "eb-painter.h"
#include "eb-test-util.h"

static const GdkRGBA board_background = { 0.965, 0.961, 0.953, 1 };

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("eb-export-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir && g_dir_read_name (dir))
    n++;
  return n;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  eb_test_remove_dir (f->dir);
  g_free (f->dir);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
export_ok (EbBoard               *board,
           const char            *path,
           const EbExportOptions *options)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_export_to_file (board, path, options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* Two cards side by side, linked, 300 units apart. */
static EbBoard *
make_pair (EbCard **a,
           EbCard **b,
           EbLink **link)
{
  EbBoard *board = eb_board_new ();

  *a = eb_test_add_card (board, EB_CARD_KIND_PERSON, "Sergei Lavrov", 100, 100);
  *b = eb_test_add_card (board, EB_CARD_KIND_EVENT, "Doha talks", 620, 100);
  *link = eb_test_add_link (board, *a, *b, EB_LINK_KIND_SUPPORTS);
  return board;
}

static void
test_png_size (Fixture       *f,
               gconstpointer  data)
{
  EbCard *a, *b;
  EbLink *link;
  g_autoptr(EbBoard) board = make_pair (&a, &b, &link);
  g_autoptr(EbExportOptions) options = eb_export_options_new ();
  g_autofree char *one = path_in (f, "one.png");
  g_autofree char *two = path_in (f, "two.PNG");
  g_autofree char *wide = path_in (f, "wide.png");
  g_autoptr(EbTestImage) i1 = NULL;
  g_autoptr(EbTestImage) i2 = NULL;
  g_autoptr(EbTestImage) iw = NULL;
  /* Bounds 100…840 × 100…200, a margin of 40 on each side. */
  int w = 740 + 80, h = 100 + 80;
  EbExportSize size;

  export_ok (board, one, options);
  options->scale = 2;
  export_ok (board, two, options);
  options->width = 410;
  export_ok (board, wide, options);

  i1 = eb_test_image_load_png (one);
  i2 = eb_test_image_load_png (two);
  iw = eb_test_image_load_png (wide);
  g_assert_cmpint (i1->width, ==, w);
  g_assert_cmpint (i1->height, ==, h);
  g_assert_cmpint (i2->width, ==, 2 * w);
  g_assert_cmpint (i2->height, ==, 2 * h);
  g_assert_cmpint (iw->width, ==, 410);
  g_assert_cmpint (iw->height, ==, 90);

  /* What a dialog shows before exporting is what comes out. */
  options->width = 0;
  g_assert_true (eb_export_measure (board, two, options, &size, NULL));
  g_assert_cmpint (size.format, ==, EB_EXPORT_FORMAT_PNG);
  g_assert_cmpint (size.width, ==, 2 * w);
  g_assert_cmpint (size.height, ==, 2 * h);
}

static void
test_png_content (Fixture       *f,
                  gconstpointer  data)
{
  EbCard *a, *b;
  EbLink *link;
  g_autoptr(EbBoard) board = make_pair (&a, &b, &link);
  g_autoptr(EbExportOptions) options = eb_export_options_new ();
  g_autofree char *path = path_in (f, "pair.png");
  g_autoptr(EbTestImage) image = NULL;
  GdkRGBA fill, green, seen;
  guint on_link = 0;
  /* Board point (x, y) is pixel (x - 100 + 40, y - 100 + 40) at 1×. */
  int ox = -60, oy = -60;

  options->scale = 1;
  export_ok (board, path, options);
  image = eb_test_image_load_png (path);

  /* Inside each card, away from its text: its colour. */
  eb_painter_card_color (a, &fill);
  eb_test_image_pixel (image, 100 + 200 + ox, 100 + 90 + oy, &seen);
  g_assert_true (eb_test_color_near (&seen, &fill, 0.02));
  eb_painter_card_color (b, &fill);
  eb_test_image_pixel (image, 620 + 200 + ox, 100 + 90 + oy, &seen);
  g_assert_true (eb_test_color_near (&seen, &fill, 0.02));
  /* The margin: the board's colour. */
  eb_test_image_pixel (image, 5, 5, &seen);
  g_assert_true (eb_test_color_near (&seen, &board_background, 0.01));

  /* Between the cards, on their middle line: the link's colour. */
  eb_painter_link_color (link, &green);
  for (int x = 320 + 10; x < 620 - 10; x++)
    {
      eb_test_image_pixel (image, x + ox, 150 + oy, &seen);
      on_link += eb_test_color_near (&seen, &green, 0.12);
    }
  g_test_message ("%u of 280 pixels on the link", on_link);
  g_assert_cmpuint (on_link, >=, 250);
}

/* The painter's own render of an area, as the screen draws it. */
static GdkTexture *
render_screen (EbBoard      *board,
               const EbRect *area,
               double        scale)
{
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  g_autoptr(EbPainter) painter = eb_painter_new (board, index);
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GError) error = NULL;
  graphene_rect_t viewport = GRAPHENE_RECT_INIT (0, 0, ceil (area->width * scale), ceil (area->height * scale));
  GdkTexture *texture;

  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  gtk_snapshot_append_color (snapshot, &board_background, &viewport);
  gtk_snapshot_scale (snapshot, scale, scale);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-area->x, -area->y));
  eb_painter_snapshot (painter, snapshot, area, scale, NULL);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node, &viewport);
  gsk_renderer_unrealize (renderer);
  return texture;
}

static guint
count_differing (EbTestImage *a,
                 EbTestImage *b,
                 int          y0,
                 int          y1)
{
  guint differing = 0;

  g_assert_cmpint (a->width, ==, b->width);
  for (int y = y0; y < y1; y++)
    for (int x = 0; x < a->width * 4; x++)
      if (abs (a->data[y * a->stride + x] - b->data[y * b->stride + x]) > 24)
        {
          differing++;
          x += 3 - x % 4;
        }
  return differing;
}

static void
test_png_matches_screen (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(EbBoard) board = eb_test_load_sample ();
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  g_autoptr(EbExportOptions) options = eb_export_options_new ();
  g_autofree char *path = path_in (f, "sample.png");
  g_autoptr(GdkTexture) screen = NULL;
  g_autoptr(EbTestImage) exported = NULL;
  g_autoptr(EbTestImage) expected = NULL;
  EbRect bounds;
  guint differing;

  g_assert_true (eb_spatial_index_get_bounds (index, &bounds));
  bounds = (EbRect) { bounds.x - 40, bounds.y - 40, bounds.width + 80, bounds.height + 80 };
  export_ok (board, path, options);
  screen = render_screen (board, &bounds, 1);
  exported = eb_test_image_load_png (path);
  expected = eb_test_image_download (screen);

  g_assert_cmpint (exported->width, ==, expected->width);
  g_assert_cmpint (exported->height, ==, expected->height);
  differing = count_differing (exported, expected, 0, expected->height);
  g_test_message ("%u of %d pixels differ", differing, expected->width * expected->height);
  /* The same drawing, in strips or not: at most 0.1 % may differ. */
  g_assert_cmpuint (differing, <=, expected->width * expected->height / 1000);
}

/* A board taller than a strip (1,024 rows), with a vertical link across
 * the strip boundaries, and one wider than cairo's 32,767 pixels, with a
 * horizontal one across the tiles: every row (column) along the link has
 * its colour, and the rows at the joins are the screen's. */
static void
test_png_strips_join (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbExportOptions) options = eb_export_options_new ();
  g_autofree char *path = path_in (f, "tall.png");
  EbCard *top = eb_test_add_card (board, EB_CARD_KIND_PERSON, "Top", 0, 0);
  EbCard *bottom = eb_test_add_card (board, EB_CARD_KIND_PERSON, "Bottom", 0, 3000);
  EbLink *link = eb_test_add_link (board, top, bottom, EB_LINK_KIND_SUPPORTS);
  g_autoptr(EbTestImage) image = NULL;
  GdkRGBA green;
  /* The link runs down the cards' middle, x = 110 on the board. */
  int x = 110 + 40;

  eb_painter_link_color (link, &green);
  export_ok (board, path, options);
  image = eb_test_image_load_png (path);
  g_assert_cmpint (image->height, ==, 3100 + 80);

  for (int y = 40 + 100 + 20; y < 40 + 3000 - 20; y++)
    {
      gboolean found = FALSE;

      for (int dx = -2; dx <= 2 && !found; dx++)
        {
          GdkRGBA seen;

          eb_test_image_pixel (image, x + dx, y, &seen);
          found = eb_test_color_near (&seen, &green, 0.15);
        }
      if (!found)
        g_error ("row %d has no link colour", y);
    }

  /* Around the joins the export is the screen's drawing exactly. */
  {
    EbRect area = { -40, -40, 220 + 80, 3100 + 80 };
    g_autoptr(GdkTexture) screen = render_screen (board, &area, 1);
    g_autoptr(EbTestImage) expected = eb_test_image_download (screen);

    for (int join = 1024; join < image->height; join += 1024)
      g_assert_cmpuint (count_differing (image, expected, join - 4, join + 4), ==, 0);
  }
}

static void
test_png_tiles_join (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbExportOptions) options = eb_export_options_new ();
  g_autofree char *path = path_in (f, "wide.png");
  EbCard *left = eb_test_add_card (board, EB_CARD_KIND_EVENT, "Left", 0, 0);
  EbCard *right = eb_test_add_card (board, EB_CARD_KIND_EVENT, "Right", 40000, 0);
  EbLink *link = eb_test_add_link (board, left, right, EB_LINK_KIND_RELATED);
  g_autoptr(EbTestImage) image = NULL;
  GdkRGBA color;
  int y = 50 + 40;

  eb_painter_link_color (link, &color);
  export_ok (board, path, options);
  image = eb_test_image_load_png (path);
  g_assert_cmpint (image->width, ==, 40220 + 80);

  for (int x = 40 + 220 + 20; x < 40 + 40000 - 20; x++)
    {
      gboolean found = FALSE;

      for (int dy = -2; dy <= 2 && !found; dy++)
        {
          GdkRGBA seen;

          /* A thin related link is antialiased over two rows: clearly
           * darker than the board, if not its full colour. */
          eb_test_image_pixel (image, x, y + dy, &seen);
          found = !eb_test_color_near (&seen, &board_background, 0.25) && seen.red < color.red + 0.3;
        }
      if (!found)
        g_error ("column %d has no link colour", x);
    }
}

static void
test_frame (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(EbBoard) board = eb_test_load_sample ();
  g_autoptr(EbExportOptions) options = eb_export_options_new ();
  g_autofree char *path = path_in (f, "jaafari.png");
  g_autoptr(EbTestImage) image = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *frames = eb_board_get_frames (board);
  EbFrame *jaafari = NULL;
  EbExportSize size;

  for (guint i = 0; i < g_list_model_get_n_items (frames); i++)
    {
      g_autoptr(EbFrame) frame = g_list_model_get_item (frames, i);

      if (g_strcmp0 (eb_frame_get_label (frame), "The Jaafari affair") == 0)
        jaafari = frame;
    }
  g_assert_nonnull (jaafari);

  /* A part of the label finds it, as on the command line. */
  eb_export_options_set_frame (options, "jaafari");
  export_ok (board, path, options);
  image = eb_test_image_load_png (path);
  g_assert_cmpint (image->width, ==, (int) eb_frame_get_width (jaafari) + 80);
  g_assert_cmpint (image->height, ==, (int) eb_frame_get_height (jaafari) + 80);

  g_assert_true (eb_export_measure (board, path, options, &size, &error));
  g_assert_cmpfloat (size.area.x, ==, eb_frame_get_x (jaafari) - 40);
  g_assert_cmpfloat (size.area.y, ==, eb_frame_get_y (jaafari) - 40);

  /* "The" is in two labels: ambiguous, and said so. */
  eb_export_options_set_frame (options, "the");
  g_assert_false (eb_export_measure (board, path, options, &size, &error));
  g_assert_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_FRAME_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“the”"));
}

static void
test_transparent (Fixture       *f,
                  gconstpointer  data)
{
  EbCard *a, *b;
  EbLink *link;
  g_autoptr(EbBoard) board = make_pair (&a, &b, &link);
  g_autoptr(EbExportOptions) options = eb_export_options_new ();
  g_autofree char *path = path_in (f, "clear.png");
  g_autoptr(EbTestImage) image = NULL;
  GdkRGBA seen, fill;

  options->transparent = TRUE;
  export_ok (board, path, options);
  image = eb_test_image_load_png (path);
  eb_test_image_pixel (image, 3, 3, &seen);
  g_assert_cmpfloat (seen.alpha, ==, 0);
  eb_test_image_pixel (image, image->width - 3, image->height - 3, &seen);
  g_assert_cmpfloat (seen.alpha, ==, 0);
  /* Cards stay opaque, in their colour. */
  eb_painter_card_color (a, &fill);
  eb_test_image_pixel (image, 100 + 200 - 60, 100 + 90 - 60, &seen);
  g_assert_cmpfloat (seen.alpha, ==, 1);
  g_assert_true (eb_test_color_near (&seen, &fill, 0.02));
}

/* SVG: XML whose root has the PNG's size, and the board's title. */
typedef struct
{
  double   width;
  double   height;
  gboolean in_title;
  GString *title;
} SvgInfo;

static void
svg_start (GMarkupParseContext *context,
           const char          *element,
           const char         **names,
           const char         **values,
           gpointer             user_data,
           GError             **error)
{
  SvgInfo *info = user_data;

  if (g_str_equal (element, "svg"))
    for (guint i = 0; names[i]; i++)
      {
        if (g_str_equal (names[i], "width"))
          info->width = g_ascii_strtod (values[i], NULL);
        else if (g_str_equal (names[i], "height"))
          info->height = g_ascii_strtod (values[i], NULL);
      }
  info->in_title = g_str_equal (element, "title");
}

static void
svg_end (GMarkupParseContext *context,
         const char          *element,
         gpointer             user_data,
         GError             **error)
{
  ((SvgInfo *) user_data)->in_title = FALSE;
}

static void
svg_text (GMarkupParseContext *context,
          const char          *text,
          gsize                length,
          gpointer             user_data,
          GError             **error)
{
  SvgInfo *info = user_data;

  if (info->in_title)
    g_string_append_len (info->title, text, length);
}

static void
test_svg (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(EbBoard) board = eb_test_load_sample ();
  g_autoptr(EbExportOptions) options = eb_export_options_new ();
  g_autofree char *svg = path_in (f, "sample.SVG");
  g_autofree char *png = path_in (f, "sample.png");
  g_autofree char *text = NULL;
  g_autoptr(EbTestImage) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) title = g_string_new (NULL);
  GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  SvgInfo info = { 0, 0, FALSE, title };
  GMarkupParseContext *context;
  gsize length;

  export_ok (board, svg, options);
  export_ok (board, png, options);
  image = eb_test_image_load_png (png);

  g_assert_true (g_file_get_contents (svg, &text, &length, &error));
  context = g_markup_parse_context_new (&parser, 0, &info, NULL);
  /* Skip the XML declaration, which GMarkup does not take. */
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_assert_true (g_markup_parse_context_parse (context, strchr (text, '\n') + 1, -1, &error) &&
                 g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);

  g_assert_cmpfloat (info.width, ==, image->width);
  g_assert_cmpfloat (info.height, ==, image->height);
  g_assert_cmpstr (title->str, ==, eb_board_get_title (board));
  /* Vector: paths, no embedded picture of the board. */
  g_assert_nonnull (strstr (text, "<path"));
  g_assert_null (strstr (text, "data:image/png"));
}

static void
test_pdf_text (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(EbBoard) board = eb_test_load_sample ();
  g_autoptr(EbExportOptions) options = eb_export_options_new ();
  g_autofree char *pdf = path_in (f, "sample.pdf");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *head = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *titles[] = { "Bashar al-Jaafari", "Sergei Lavrov", "Vladimir Putin", "Sources" };

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  export_ok (board, pdf, options);
  g_assert_true (g_file_get_contents (pdf, &head, NULL, NULL));
  g_assert_true (g_str_has_prefix (head, "%PDF-"));

  {
    const char *argv[] = { pdftotext, "-enc", "UTF-8", pdf, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (strstr (out, titles[i]) == NULL)
      g_error ("pdftotext does not find “%s”", titles[i]);

  /* Arabic comes out in presentation forms, in reading order:
   * normalised, it is the name as typed. */
  normal = g_utf8_normalize (out, -1, G_NORMALIZE_ALL_COMPOSE);
  g_assert_nonnull (strstr (normal, "بشار الجعفري"));
  g_assert_nonnull (strstr (normal, "أيمن سوسان"));   /* U+0623, composed */
}

static void
assert_error_no_file (Fixture               *f,
                      EbBoard               *board,
                      const char            *name,
                      const EbExportOptions *options,
                      int                    code,
                      const char            *says)
{
  g_autofree char *path = path_in (f, name);
  g_autoptr(GError) error = NULL;

  g_assert_false (eb_export_to_file (board, path, options, NULL, NULL, NULL, &error));
  g_assert_error (error, EB_EXPORT_ERROR, code);
  if (says && strstr (error->message, says) == NULL)
    g_error ("“%s” does not say “%s”", error->message, says);
  g_assert_cmpuint (count_files (f->dir), ==, 0);
}

static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  EbCard *a, *b;
  EbLink *link;
  g_autoptr(EbBoard) board = make_pair (&a, &b, &link);
  g_autoptr(EbBoard) empty = eb_board_new ();
  g_autoptr(EbBoard) huge = eb_board_new ();
  g_autoptr(EbExportOptions) options = eb_export_options_new ();
  g_autofree char *no_dir = g_build_filename (f->dir, "missing", "out.png", NULL);
  g_autofree char *folder = path_in (f, "folder.png");
  g_autoptr(GError) error = NULL;
  static const struct { double scale; const char *says; } scales[] = {
    { 0, "not 0" }, { -1, "not -1" }, { 1e9, "not 1e+09" }, { NAN, "nan" }, { INFINITY, "inf" }, { 16.5, "16.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      options->scale = scales[i].scale;
      assert_error_no_file (f, board, "out.png", options, EB_EXPORT_ERROR_BAD_SCALE, scales[i].says);
      assert_error_no_file (f, board, "out.pdf", options, EB_EXPORT_ERROR_BAD_SCALE, scales[i].says);
    }
  options->scale = 1;

  assert_error_no_file (f, board, "out.xyz", options, EB_EXPORT_ERROR_UNKNOWN_FORMAT, "“.xyz”");
  assert_error_no_file (f, board, "out", options, EB_EXPORT_ERROR_UNKNOWN_FORMAT, "no extension");
  assert_error_no_file (f, empty, "out.png", options, EB_EXPORT_ERROR_EMPTY, "empty");

  eb_export_options_set_frame (options, "Nowhere");
  assert_error_no_file (f, board, "out.png", options, EB_EXPORT_ERROR_FRAME_NOT_FOUND, "“Nowhere”");
  eb_export_options_set_frame (options, NULL);

  {
    const char *ids[] = { "no-such-id", NULL };

    eb_export_options_set_items (options, ids);
    assert_error_no_file (f, board, "out.png", options, EB_EXPORT_ERROR_EMPTY, NULL);
    eb_export_options_set_items (options, NULL);
  }

  /* Too big for a PNG: says how far the scale may go. */
  eb_test_add_card (huge, EB_CARD_KIND_NOTE, "Far west", -400000, 0);
  eb_test_add_card (huge, EB_CARD_KIND_NOTE, "Far east", 400000, 0);
  assert_error_no_file (f, huge, "huge.png", options, EB_EXPORT_ERROR_TOO_BIG, "largest scale that fits is 0.081");

  /* Unwritable: a folder that is not there, a folder in the way. */
  g_assert_false (eb_export_to_file (board, no_dir, options, NULL, NULL, NULL, &error));
  g_assert_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_false (eb_export_to_file (board, folder, options, NULL, NULL, NULL, &error));
  g_assert_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_IO);
  g_assert_cmpuint (count_files (f->dir), ==, 1);
}

static void
cancel_after_first (double   fraction,
                    gpointer user_data)
{
  if (fraction > 0)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = path_in (f, "kept.png");
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  eb_test_add_card (board, EB_CARD_KIND_PERSON, "Top", 0, 0);
  eb_test_add_card (board, EB_CARD_KIND_PERSON, "Bottom", 0, 5000);
  g_assert_true (g_file_set_contents (path, "precious", -1, NULL));

  /* Cancelled after the first strip: nothing new on disk, the old file
   * as it was. */
  g_assert_false (eb_export_to_file (board, path, NULL, cancellable, cancel_after_first, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_files (f->dir), ==, 1);
  g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "precious");
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
  double     last;
  guint      calls;
  GThread   *thread;
} AsyncRun;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  AsyncRun *run = user_data;

  /* In the caller's thread, never going back. */
  g_assert_true (g_thread_self () == run->thread);
  g_assert_cmpfloat (fraction, >=, run->last);
  run->last = fraction;
  run->calls++;
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->ok = eb_export_to_file_finish (result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autofree char *path = path_in (f, "async.png");
  g_autoptr(EbTestImage) image = NULL;
  AsyncRun run = { g_main_loop_new (NULL, FALSE), FALSE, NULL, 0, 0, g_thread_self () };

  eb_test_add_card (board, EB_CARD_KIND_PERSON, "Top", 0, 0);
  eb_test_add_card (board, EB_CARD_KIND_PERSON, "Bottom", 0, 3000);
  eb_export_to_file_async (board, path, NULL, NULL, on_progress, &run, NULL, on_exported, &run);
  /* The worker draws a copy: the board may change meanwhile. */
  eb_test_add_card (board, EB_CARD_KIND_NOTE, "Added after", 5000, 0);
  g_main_loop_run (run.loop);
  /* Progress still queued behind the result. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.calls, >=, 2);
  g_assert_cmpfloat (run.last, ==, 1);
  image = eb_test_image_load_png (path);
  g_assert_cmpint (image->width, ==, 220 + 80);
  g_main_loop_unref (run.loop);
}

static void
test_caption (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(EbBoard) board = eb_test_load_sample ();
  g_autoptr(EbExportOptions) options = eb_export_options_new ();
  g_autofree char *pdf = path_in (f, "caption.pdf");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  EbExportSize plain, with;

  eb_export_options_set_frame (options, "The Jaafari affair");
  g_assert_true (eb_export_measure (board, pdf, options, &plain, NULL));
  options->caption = TRUE;
  g_assert_true (eb_export_measure (board, pdf, options, &with, NULL));
  /* The strip adds height below, not width. */
  g_assert_cmpint (with.width, ==, plain.width);
  g_assert_cmpint (with.height, >, plain.height + 100);

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  export_ok (board, pdf, options);
  {
    const char *argv[] = { pdftotext, "-enc", "UTF-8", pdf, "-", NULL };
    int status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, NULL));
  }
  /* The title, and the sources the frame's cards cite, with grades. */
  g_assert_nonnull (strstr (out, eb_board_get_title (board)));
  g_assert_nonnull (strstr (out, "TASS report that Jaafari had requested asylum"));
}

/* The command line, as a script on a server runs it: no display. */

/* One line on stderr, "evidence-board: FILE: reason", and a failure. */
static void
assert_cli_error (EbTestRun  *r,
                  const char *file,
                  const char *says)
{
  const char *newline = strchr (r->err, '\n');

  if (r->status == 0)
    g_error ("expected a failure; stderr: %s", r->err);
  g_assert_nonnull (newline);
  g_assert_cmpint (newline[1], ==, '\0');
  if (file)
    {
      g_autofree char *prefix = g_strdup_printf ("evidence-board: %s: ", file);

      if (!g_str_has_prefix (r->err, prefix))
        g_error ("stderr does not start with “%s”: %s", prefix, r->err);
    }
  if (strstr (r->err, says) == NULL)
    g_error ("stderr does not say “%s”: %s", says, r->err);
}

static char *
write_board (Fixture *f,
             EbBoard *board,
             const char *name)
{
  char *path = path_in (f, name);
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_json_write_file (board, path, &error));
  return path;
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(EbBoard) sample = eb_test_load_sample ();
  g_autoptr(EbBoard) empty = eb_board_new ();
  g_autofree char *board = write_board (f, sample, "sample.json");
  g_autofree char *nothing = write_board (f, empty, "empty.json");
  g_autofree char *png = path_in (f, "out.png");
  g_autofree char *svg = path_in (f, "jaafari.svg");
  g_autofree char *pdf = path_in (f, "out.pdf");
  g_autofree char *xyz = path_in (f, "out.xyz");
  g_autofree char *no_dir = g_build_filename (f->dir, "missing", "out.png", NULL);
  g_autofree char *opt_png = g_strconcat ("--export=", png, NULL);
  g_autofree char *opt_svg = g_strconcat ("--export=", svg, NULL);
  g_autofree char *opt_pdf = g_strconcat ("--export=", pdf, NULL);
  g_autofree char *opt_xyz = g_strconcat ("--export=", xyz, NULL);
  g_autofree char *new_png = path_in (f, "new.png");
  g_autofree char *opt_new = g_strconcat ("--export=", new_png, NULL);
  g_autofree char *opt_no_dir = g_strconcat ("--export=", no_dir, NULL);
  g_autoptr(EbTestImage) image = NULL;
  g_autoptr(EbTestImage) wide = NULL;

  {
    g_auto(EbTestRun) r = { 0 };

    eb_test_run_binary (&r, opt_png, "--scale=0.5", "--no-background", board, NULL);
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    image = eb_test_image_load_png (png);
    g_assert_cmpint (image->width, ==, 1560);
    g_assert_cmpint (image->height, ==, 840);
  }
  {
    g_auto(EbTestRun) r = { 0 };

    eb_test_run_binary (&r, opt_png, "--width=800", board, NULL);
    g_assert_cmpint (r.status, ==, 0);
    wide = eb_test_image_load_png (png);
    g_assert_cmpint (wide->width, ==, 800);
  }
  {
    g_auto(EbTestRun) r = { 0 };
    g_autofree char *text = NULL;

    eb_test_run_binary (&r, opt_svg, "--frame=The Jaafari affair", board, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "width=\"1040px\" height=\"1200px\""));
  }
  {
    g_auto(EbTestRun) r = { 0 };
    g_autofree char *head = NULL;

    eb_test_run_binary (&r, opt_pdf, board, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_get_contents (pdf, &head, NULL, NULL));
    g_assert_true (g_str_has_prefix (head, "%PDF-"));
  }
  g_assert_cmpuint (count_files (f->dir), ==, 5);

  /* Errors: one line each, nothing written. */
  {
    static const char *scales[] = { "--scale=0", "--scale=-1", "--scale=1e9", "--scale=nan" };

    for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
      {
        g_auto(EbTestRun) r = { 0 };

        eb_test_run_binary (&r, opt_new, scales[i], board, NULL);
        assert_cli_error (&r, NULL, "--scale");
        g_assert_cmpint (r.status, ==, 2);
      }
  }
  {
    g_auto(EbTestRun) r = { 0 };

    eb_test_run_binary (&r, opt_xyz, board, NULL);
    assert_cli_error (&r, xyz, "“.xyz”");
  }
  {
    g_auto(EbTestRun) r = { 0 };

    eb_test_run_binary (&r, opt_no_dir, board, NULL);
    assert_cli_error (&r, no_dir, "No such file");
  }
  {
    g_auto(EbTestRun) r = { 0 };

    eb_test_run_binary (&r, opt_svg, nothing, NULL);
    assert_cli_error (&r, nothing, "empty");
  }
  {
    g_auto(EbTestRun) r = { 0 };

    eb_test_run_binary (&r, opt_svg, "--frame=Nowhere", board, NULL);
    assert_cli_error (&r, board, "“Nowhere”");
  }
  {
    g_auto(EbTestRun) r = { 0 };

    eb_test_run_binary (&r, opt_png, "--scale=16", "--width=100", board, NULL);
    assert_cli_error (&r, NULL, "together");
  }
  g_assert_cmpuint (count_files (f->dir), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* GSK's node types, not a display. */
  gtk_init_check ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/eb/export/png/size", test_png_size);
  ADD ("/eb/export/png/content", test_png_content);
  ADD ("/eb/export/png/matches-screen", test_png_matches_screen);
  ADD ("/eb/export/png/strips-join", test_png_strips_join);
  ADD ("/eb/export/png/tiles-join", test_png_tiles_join);
  ADD ("/eb/export/png/transparent", test_transparent);
  ADD ("/eb/export/frame", test_frame);
  ADD ("/eb/export/svg", test_svg);
  ADD ("/eb/export/pdf/text", test_pdf_text);
  ADD ("/eb/export/caption", test_caption);
  ADD ("/eb/export/hostile", test_hostile);
  ADD ("/eb/export/cancel", test_cancel);
  ADD ("/eb/export/async", test_async);
  ADD ("/eb/export/cli", test_cli);
#undef ADD

  return g_test_run ();
}
