/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long drawing a view of a board takes: snapshot plus render of a
 * 1280×720 view to a texture with the cairo renderer, at 100 % and with
 * the whole board in view; a bare-cairo baseline drawing the same visible
 * cards; and hit-testing. Prints "name value unit" lines. */
#include "config.h"

#include <pango/pangocairo.h>
#include <stdio.h>

#include "bench-common.h"
#include "eb-painter.h"
#include "eb-viewport.h"

#define WIDTH  1280
#define HEIGHT 720

static double
time_view (EbPainter   *painter,
           GskRenderer *renderer,
           EbViewport  *view,
           guint        runs)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      EbRect area;
      double ms;

      eb_viewport_get_area (view, &area);
      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.97, 0.97, 0.96, 1 },
                                 &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
      gtk_snapshot_scale (snapshot, eb_viewport_get_zoom (view), eb_viewport_get_zoom (view));
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-area.x, -area.y));
      eb_painter_snapshot (painter, snapshot, &area, eb_viewport_get_zoom (view), NULL);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }

  return bench_median (samples);
}

/* The same visible cards drawn with cairo alone: rounded rectangles and
 * layouts made once, nothing else. What our code around it costs is the
 * difference. */
static double
time_baseline (EbBoard    *board,
               EbViewport *view,
               guint       runs)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) visible = g_ptr_array_new ();
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 12px");
  GListModel *cards = eb_board_get_cards (board);
  EbRect area;

  eb_viewport_get_area (view, &area);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (cards, i);

      if (eb_card_get_x (card) <= area.x + area.width && eb_card_get_x (card) + eb_card_get_width (card) >= area.x &&
          eb_card_get_y (card) <= area.y + area.height && eb_card_get_y (card) + eb_card_get_height (card) >= area.y)
        {
          PangoLayout *layout = pango_layout_new (context);
          g_autofree char *text = g_strdup_printf ("%s\n%s", eb_card_get_title (card), eb_card_get_role (card));

          pango_layout_set_font_description (layout, font);
          pango_layout_set_width (layout, (int) (eb_card_get_width (card) - 24) * PANGO_SCALE);
          pango_layout_set_text (layout, text, -1);
          g_ptr_array_add (visible, card);
          g_ptr_array_add (layouts, layout);
        }
    }

  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (surface);
      double ms;

      cairo_set_source_rgb (cr, 0.97, 0.97, 0.96);
      cairo_paint (cr);
      cairo_translate (cr, -area.x, -area.y);
      for (guint i = 0; i < visible->len; i++)
        {
          EbCard *card = g_ptr_array_index (visible, i);
          double x = eb_card_get_x (card), y = eb_card_get_y (card);
          double w = eb_card_get_width (card), h = eb_card_get_height (card), c = 8;

          cairo_new_sub_path (cr);
          cairo_arc (cr, x + w - c, y + c, c, -G_PI / 2, 0);
          cairo_arc (cr, x + w - c, y + h - c, c, 0, G_PI / 2);
          cairo_arc (cr, x + c, y + h - c, c, G_PI / 2, G_PI);
          cairo_arc (cr, x + c, y + c, c, G_PI, 3 * G_PI / 2);
          cairo_close_path (cr);
          cairo_set_source_rgb (cr, 0.86, 0.92, 1.0);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0.15, 0.39, 0.92);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          cairo_move_to (cr, x + 12, y + 10);
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          pango_cairo_show_layout (cr, g_ptr_array_index (layouts, i));
        }
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      cairo_surface_destroy (surface);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }

  pango_font_description_free (font);
  g_object_unref (context);
  return bench_median (samples);
}

typedef struct
{
  EbBoard        *board;
  EbSpatialIndex *index;
  EbPainter      *painter;
  EbViewport     *view;
} Scene;

static void
scene_init (Scene *scene,
            guint  n_cards)
{
  scene->board = bench_make_board (n_cards, 2);
  scene->index = eb_spatial_index_new (scene->board);
  scene->painter = eb_painter_new (scene->board, scene->index);
  scene->view = eb_viewport_new ();
  /* The same spot of every board: its top-left corner, at 100 %. */
  eb_viewport_set_size (scene->view, WIDTH, HEIGHT);
  eb_viewport_set_view (scene->view, -20, -20, 1.0);
}

static void
scene_clear (Scene *scene)
{
  g_clear_object (&scene->view);
  g_clear_object (&scene->painter);
  g_clear_object (&scene->index);
  g_clear_object (&scene->board);
}

/* The 1,000- and 100,000-card views and the bare-cairo baseline take
 * turns, run by run, so a busy machine slows all three alike and their
 * ratios hold. */
static void
measure_100pct (GskRenderer *renderer)
{
  Scene small, large;
  g_autoptr(GArray) small_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) large_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baseline_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint rounds = g_getenv ("BENCH_VIEW_QUICK") ? 15 : 40;

  scene_init (&small, 1000);
  scene_init (&large, 100000);
  /* Warm the layout caches and the glyph cache. */
  time_view (small.painter, renderer, small.view, 3);
  time_view (large.painter, renderer, large.view, 3);

  for (guint i = 0; i < rounds; i++)
    {
      double ms;

      ms = time_view (small.painter, renderer, small.view, 3);
      g_array_append_val (small_ms, ms);
      ms = time_view (large.painter, renderer, large.view, 3);
      g_array_append_val (large_ms, ms);
      ms = time_baseline (small.board, small.view, 3);
      g_array_append_val (baseline_ms, ms);
    }

  printf ("view_100pct_1k_ms %.2f ms\n", bench_median (small_ms));
  printf ("view_100pct_100k_ms %.2f ms\n", bench_median (large_ms));
  printf ("baseline_cairo_100pct_ms %.2f ms\n", bench_median (baseline_ms));
  printf ("view_100pct_100k_over_1k %.2f ratio\n", bench_median (large_ms) / bench_median (small_ms));
  printf ("view_100pct_1k_over_baseline %.2f ratio\n", bench_median (small_ms) / bench_median (baseline_ms));
  fflush (stdout);

  scene_clear (&small);
  scene_clear (&large);
}

static void
measure_fit (guint        n_cards,
             const char  *name,
             GskRenderer *renderer)
{
  g_autoptr(EbBoard) board = bench_make_board (n_cards, 2);
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  g_autoptr(EbPainter) painter = eb_painter_new (board, index);
  g_autoptr(EbViewport) view = eb_viewport_new ();
  EbRect bounds;

  eb_viewport_set_size (view, WIDTH, HEIGHT);
  eb_spatial_index_get_bounds (index, &bounds);
  eb_viewport_fit (view, &bounds);
  time_view (painter, renderer, view, 2);
  printf ("%s %.2f ms\n", name, time_view (painter, renderer, view, 15));
  printf ("%s_links %u count\n", name, g_list_model_get_n_items (eb_board_get_links (board)));
  fflush (stdout);
}

static void
measure_hit_test (void)
{
  g_autoptr(EbBoard) board = bench_make_board (100000, 0);
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  EbRect bounds;
  GRand *rand = g_rand_new_with_seed (42);
  const guint n = 200000;
  guint found = 0;
  gint64 start;

  eb_spatial_index_get_bounds (index, &bounds);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      double x = g_rand_double_range (rand, bounds.x, bounds.x + bounds.width);
      double y = g_rand_double_range (rand, bounds.y, bounds.y + bounds.height);

      found += eb_spatial_index_card_at (index, x, y) != NULL;
    }
  printf ("hit_test_100k_us %.3f us\n", (g_get_monotonic_time () - start) / (double) n);
  printf ("hit_test_100k_found %.1f percent\n", 100.0 * found / n);
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GskRenderer) renderer = NULL;

  gtk_init_check ();
  renderer = bench_renderer ();

  if (!g_getenv ("BENCH_VIEW_FIT_ONLY"))
    measure_100pct (renderer);
  if (!g_getenv ("BENCH_VIEW_QUICK"))
    {
      measure_fit (10000, "view_fit_10k_ms", renderer);
      measure_fit (50000, "view_fit_50k_ms", renderer);
      measure_hit_test ();
    }

  gsk_renderer_unrealize (renderer);
  return 0;
}
