/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "eb-spatial-index.h"

static EbCard *
add_card (EbBoard *board,
          double   x,
          double   y,
          double   width,
          double   height)
{
  g_autoptr(EbCard) card = eb_card_new (EB_CARD_KIND_NOTE);

  g_object_set (card, "x", x, "y", y, "width", width, "height", height, NULL);
  g_assert_true (eb_board_add (board, EB_ITEM (card), NULL));
  return card;
}

static gboolean
contains (GPtrArray *array,
          gpointer   item)
{
  return g_ptr_array_find (array, item, NULL);
}

static void
test_query_and_move (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbSpatialIndex) index = NULL;
  EbCard *a, *b, *far;
  EbRect view = { 0, 0, 1280, 720 };
  g_autoptr(GPtrArray) in_view = NULL;
  g_autoptr(GPtrArray) after_move = NULL;

  a = add_card (board, 100, 100, 220, 100);
  index = eb_spatial_index_new (board);
  /* Cards added after the index was made are indexed too. */
  b = add_card (board, 1000, 600, 220, 100);
  far = add_card (board, 50000, 50000, 220, 100);

  in_view = eb_spatial_index_query_cards (index, &view);
  g_assert_cmpuint (in_view->len, ==, 2);
  g_assert_true (g_ptr_array_index (in_view, 0) == a);
  g_assert_true (g_ptr_array_index (in_view, 1) == b);

  /* A card dragged off-screen leaves the view; the far one comes in. */
  eb_card_set_position (a, -5000, -5000);
  eb_card_set_position (far, 10, 10);
  after_move = eb_spatial_index_query_cards (index, &view);
  g_assert_cmpuint (after_move->len, ==, 2);
  g_assert_false (contains (after_move, a));
  g_assert_true (contains (after_move, far));

  eb_board_remove (board, EB_ITEM (b));
  g_clear_pointer (&after_move, g_ptr_array_unref);
  after_move = eb_spatial_index_query_cards (index, &view);
  g_assert_cmpuint (after_move->len, ==, 1);
  g_assert_true (g_ptr_array_index (after_move, 0) == far);

  /* Views far off the board, or nonsense, find nothing and do not crash. */
  {
    EbRect nowhere = { -1e300, 1e300, 1e300, 1e300 };
    EbRect nan_area = { NAN, NAN, NAN, NAN };
    g_autoptr(GPtrArray) none = eb_spatial_index_query_cards (index, &nowhere);
    g_autoptr(GPtrArray) none_either = eb_spatial_index_query_cards (index, &nan_area);

    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (none_either->len, ==, 0);
    g_assert_null (eb_spatial_index_card_at (index, NAN, 1e300));
  }
}

static void
test_card_at_topmost (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  EbCard *below = add_card (board, 0, 0, 300, 200);
  EbCard *above = add_card (board, 100, 100, 300, 200);
  EbCard *huge = add_card (board, -400000, -400000, 1000, 1000);

  g_assert_true (eb_spatial_index_card_at (index, 50, 50) == below);
  g_assert_true (eb_spatial_index_card_at (index, 150, 150) == above);
  g_assert_null (eb_spatial_index_card_at (index, 450, 150));
  g_assert_true (eb_spatial_index_card_at (index, -399500, -399500) == huge);
  g_assert_cmpuint (eb_spatial_index_card_order (index, above), ==, 1);

  /* A huge card is found anywhere over it without filling the grid. */
  g_object_set (huge, "width", 900000.0, "height", 900000.0, NULL);
  g_assert_true (eb_spatial_index_card_at (index, 400000, 400000) == huge);
  g_assert_true (eb_spatial_index_card_at (index, 150, 150) == huge);
}

static void
test_links_follow_cards (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbSpatialIndex) index = eb_spatial_index_new (board);
  EbCard *a = add_card (board, 0, 0, 200, 100);
  EbCard *b = add_card (board, 400, 0, 200, 100);
  g_autoptr(EbLink) link = eb_link_new (eb_item_get_id (EB_ITEM (a)), eb_item_get_id (EB_ITEM (b)),
                                        EB_LINK_KIND_SUPPORTS, NULL);
  EbRect between = { 250, 40, 50, 20 };
  EbRect bounds;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) moved = NULL;

  g_assert_true (eb_board_add (board, EB_ITEM (link), NULL));
  links = eb_spatial_index_query_links (index, &between);
  g_assert_cmpuint (links->len, ==, 1);

  eb_card_set_position (b, -4000, 5000);
  moved = eb_spatial_index_query_links (index, &between);
  g_assert_cmpuint (moved->len, ==, 0);

  g_assert_true (eb_spatial_index_get_bounds (index, &bounds));
  g_assert_cmpfloat (bounds.x, ==, -4000);
  g_assert_cmpfloat (bounds.width, ==, 4200);
  g_assert_cmpfloat (bounds.height, ==, 5100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/eb/spatial/query-and-move", test_query_and_move);
  g_test_add_func ("/eb/spatial/card-at-topmost", test_card_at_topmost);
  g_test_add_func ("/eb/spatial/links-follow-cards", test_links_follow_cards);

  return g_test_run ();
}
