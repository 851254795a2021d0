/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "eb-limits.h"
#include "eb-viewport.h"

static void
test_round_trip (void)
{
  g_autoptr(EbViewport) view = eb_viewport_new ();
  double bx, by, sx, sy;

  eb_viewport_set_size (view, 1280, 720);
  eb_viewport_set_view (view, 100, -50, 2.0);
  eb_viewport_to_board (view, 640, 360, &bx, &by);
  g_assert_cmpfloat_with_epsilon (bx, 420, 1e-9);
  g_assert_cmpfloat_with_epsilon (by, 130, 1e-9);
  eb_viewport_to_screen (view, bx, by, &sx, &sy);
  g_assert_cmpfloat_with_epsilon (sx, 640, 1e-9);
  g_assert_cmpfloat_with_epsilon (sy, 360, 1e-9);
}

static void
test_zoom_keeps_pointer (void)
{
  g_autoptr(EbViewport) view = eb_viewport_new ();
  double before_x, before_y, after_x, after_y;

  eb_viewport_set_size (view, 1280, 720);
  eb_viewport_to_board (view, 300, 200, &before_x, &before_y);
  eb_viewport_zoom_at (view, 2.5, 300, 200);
  eb_viewport_to_board (view, 300, 200, &after_x, &after_y);
  g_assert_cmpfloat_with_epsilon (before_x, after_x, 1e-9);
  g_assert_cmpfloat_with_epsilon (before_y, after_y, 1e-9);

  /* 5 % to 400 %, no further. */
  eb_viewport_zoom_at (view, 100, 0, 0);
  g_assert_cmpfloat (eb_viewport_get_zoom (view), ==, EB_VIEWPORT_ZOOM_MAX);
  eb_viewport_zoom_at (view, 0.0001, 0, 0);
  g_assert_cmpfloat (eb_viewport_get_zoom (view), ==, EB_VIEWPORT_ZOOM_MIN);
}

static void
test_fit_and_show (void)
{
  g_autoptr(EbViewport) view = eb_viewport_new ();
  EbRect board = { -1000, -500, 12000, 4000 };
  EbRect area, card = { 20000, 300, 220, 100 };

  eb_viewport_set_size (view, 1280, 720);
  eb_viewport_fit (view, &board);
  eb_viewport_get_area (view, &area);
  g_assert_cmpfloat (area.x, <=, board.x);
  g_assert_cmpfloat (area.x + area.width, >=, board.x + board.width);
  g_assert_cmpfloat (area.y, <=, board.y);
  g_assert_cmpfloat (area.y + area.height, >=, board.y + board.height);
  g_assert_cmpfloat (eb_viewport_get_zoom (view), <, 0.11);

  /* A board too big for 5 % still fits whole; zooming out stops there. */
  {
    EbRect huge = { 0, 0, 200000, 50000 };
    double fitted;

    eb_viewport_fit (view, &huge);
    fitted = eb_viewport_get_zoom (view);
    g_assert_cmpfloat (fitted, <, EB_VIEWPORT_ZOOM_MIN);
    eb_viewport_get_area (view, &area);
    g_assert_cmpfloat (area.width, >=, huge.width);
    eb_viewport_zoom_at (view, fitted / 2, 0, 0);
    g_assert_cmpfloat (eb_viewport_get_zoom (view), ==, fitted);
    eb_viewport_zoom_at (view, fitted * 2, 0, 0);
    g_assert_cmpfloat (eb_viewport_get_zoom (view), ==, fitted * 2);
  }

  eb_viewport_show (view, &card);
  eb_viewport_get_area (view, &area);
  g_assert_cmpfloat (area.x, <=, card.x);
  g_assert_cmpfloat (area.x + area.width, >=, card.x + card.width);
  g_assert_cmpfloat (area.y, <=, card.y);
  g_assert_cmpfloat (area.y + area.height, >=, card.y + card.height);
}

static void
test_rejects_nonsense (void)
{
  g_autoptr(EbViewport) view = eb_viewport_new ();

  /* Scrolling on and on stops a view's width past the farthest a card can be. */
  for (guint i = 0; i < 1000; i++)
    eb_viewport_scroll (view, 1e9, -1e9);
  g_assert_cmpfloat (eb_viewport_get_x (view), <=, 2 * EB_COORD_MAX);
  g_assert_cmpfloat (eb_viewport_get_y (view), >=, -2 * EB_COORD_MAX - 1);
  eb_viewport_set_view (view, 0, 0, 1);

  eb_viewport_set_view (view, NAN, 0, 1);
  eb_viewport_set_view (view, 0, 0, INFINITY);
  g_assert_cmpfloat (eb_viewport_get_x (view), ==, 0);
  g_assert_cmpfloat (eb_viewport_get_zoom (view), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/eb/viewport/round-trip", test_round_trip);
  g_test_add_func ("/eb/viewport/zoom-keeps-pointer", test_zoom_keeps_pointer);
  g_test_add_func ("/eb/viewport/fit-and-show", test_fit_and_show);
  g_test_add_func ("/eb/viewport/rejects-nonsense", test_rejects_nonsense);

  return g_test_run ();
}
