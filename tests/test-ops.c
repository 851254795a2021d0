/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "eb-history.h"
#include "eb-spatial-index.h"

/* Drawing order and frames: bring forward / send back, reorder with undo
 * and redo, the spatial index following the new order, and a frame drawn
 * around a selection. */

typedef struct
{
  EbBoard        *board;
  EbHistory      *history;
  EbSpatialIndex *index;
  EbCard         *cards[5];     /* A … E, bottom to top, all overlapping */
  guint           reordered;
  guint           changes;
  guint           last_position, last_removed, last_added;
} Fixture;

static const char *names[] = { "A", "B", "C", "D", "E" };

static void
on_item_reordered (EbBoard *board,
                   EbItem  *item,
                   Fixture *f)
{
  f->reordered++;
}

static void
on_items_changed (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->changes++;
  f->last_position = position;
  f->last_removed = removed;
  f->last_added = added;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->board = eb_board_new ();
  for (guint i = 0; i < G_N_ELEMENTS (f->cards); i++)
    {
      g_autoptr(EbCard) card = eb_card_new (EB_CARD_KIND_PERSON);

      /* Each card 40 units right of the one below: all cover (190, 50). */
      g_object_set (card, "title", names[i], "x", 40.0 * i, "y", 0.0, NULL);
      g_assert_true (eb_board_add (f->board, EB_ITEM (card), NULL));
      f->cards[i] = card;
    }
  f->history = eb_history_new (f->board);
  f->index = eb_spatial_index_new (f->board);
  g_signal_connect (f->board, "item-reordered", G_CALLBACK (on_item_reordered), f);
  g_signal_connect (eb_board_get_cards (f->board), "items-changed", G_CALLBACK (on_items_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (eb_board_get_cards (f->board), f);
  g_clear_object (&f->index);
  g_clear_object (&f->history);
  g_clear_object (&f->board);
}

/* The cards' titles in drawing order, bottom first, e.g. "ACDEB". */
static char *
card_order (EbBoard *board)
{
  GListModel *cards = eb_board_get_cards (board);
  GString *order = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (cards, i);

      g_string_append (order, eb_card_get_title (card));
    }
  return g_string_free (order, FALSE);
}

#define assert_order(f, expected) G_STMT_START { \
  g_autofree char *order_ = card_order ((f)->board); \
  g_assert_cmpstr (order_, ==, (expected)); \
  assert_index_follows (f); \
} G_STMT_END

/* The index's drawing order is the list's, for every card. */
static void
assert_index_follows (Fixture *f)
{
  GListModel *cards = eb_board_get_cards (f->board);

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (cards, i);

      g_assert_cmpuint (eb_spatial_index_card_order (f->index, card), ==, i);
    }
}

static const char *
title_at (Fixture *f,
          double   x,
          double   y)
{
  EbCard *card = eb_spatial_index_card_at (f->index, x, y);

  g_assert_nonnull (card);
  return eb_card_get_title (card);
}

static GPtrArray *
pick (Fixture    *f,
      const char *which)
{
  GPtrArray *items = g_ptr_array_new ();

  for (const char *c = which; *c != '\0'; c++)
    g_ptr_array_add (items, f->cards[*c - 'A']);
  return items;
}

static void
test_reorder_undo_redo (Fixture       *f,
                        gconstpointer  data)
{
  /* Up: one change to the list, over the range that moved, with the
   * card still in it. */
  eb_history_reorder (f->history, EB_ITEM (f->cards[1]), 3);
  assert_order (f, "ACDBE");
  g_assert_cmpuint (f->reordered, ==, 1);
  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_cmpuint (f->last_position, ==, 1);
  g_assert_cmpuint (f->last_removed, ==, 3);
  g_assert_cmpuint (f->last_added, ==, 3);
  g_assert_cmpuint (eb_board_get_position (f->board, EB_ITEM (f->cards[1])), ==, 3);

  /* Down, to the very bottom. */
  eb_history_reorder (f->history, EB_ITEM (f->cards[4]), 0);
  assert_order (f, "EACDB");

  /* Past the end means the top. */
  eb_history_reorder (f->history, EB_ITEM (f->cards[0]), G_MAXUINT);
  assert_order (f, "ECDBA");

  g_assert_true (eb_history_undo (f->history));
  assert_order (f, "EACDB");
  g_assert_true (eb_history_undo (f->history));
  assert_order (f, "ACDBE");
  g_assert_true (eb_history_undo (f->history));
  assert_order (f, "ABCDE");
  g_assert_false (eb_history_can_undo (f->history));

  g_assert_true (eb_history_redo (f->history));
  g_assert_true (eb_history_redo (f->history));
  g_assert_true (eb_history_redo (f->history));
  assert_order (f, "ECDBA");
}

static void
test_reorder_no_change (Fixture       *f,
                        gconstpointer  data)
{
  /* The top card to the top, the bottom one to the bottom: nothing to
   * undo, nothing for storage to write. */
  eb_history_reorder (f->history, EB_ITEM (f->cards[4]), G_MAXUINT);
  eb_history_reorder (f->history, EB_ITEM (f->cards[0]), 0);
  g_assert_false (eb_history_can_undo (f->history));
  g_assert_cmpuint (f->reordered, ==, 0);
  g_assert_cmpuint (f->changes, ==, 0);
  assert_order (f, "ABCDE");
}

static void
test_bring_forward (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) items = pick (f, "DB");

  /* All five cover (170, 50); E is on top. */
  g_assert_cmpstr (title_at (f, 170, 50), ==, "E");

  eb_history_bring_forward (f->history, items);
  /* B and D on top, still B below D, whatever order they were given in. */
  assert_order (f, "ACEBD");
  g_assert_cmpstr (title_at (f, 170, 50), ==, "D");
  /* Left of D (x < 120) only A, B and C: B is now above C. */
  g_assert_cmpstr (title_at (f, 110, 50), ==, "B");

  /* One undo step. */
  g_assert_cmpstr (eb_history_get_undo_label (f->history), ==, "Bring to Front");
  g_assert_true (eb_history_undo (f->history));
  assert_order (f, "ABCDE");
  g_assert_cmpstr (title_at (f, 170, 50), ==, "E");
  g_assert_false (eb_history_can_undo (f->history));

  g_assert_true (eb_history_redo (f->history));
  assert_order (f, "ACEBD");
  g_assert_cmpstr (title_at (f, 170, 50), ==, "D");
}

static void
test_send_backward (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) items = pick (f, "EC");
  g_autoptr(GPtrArray) top = pick (f, "E");

  eb_history_send_backward (f->history, items);
  assert_order (f, "CEABD");
  /* D is the topmost card at (170, 50) now; E, sent back, shows only
   * where nothing else is. */
  g_assert_cmpstr (title_at (f, 170, 50), ==, "D");
  g_assert_cmpstr (title_at (f, 350, 50), ==, "E");
  g_assert_cmpstr (eb_history_get_undo_label (f->history), ==, "Send to Back");

  g_assert_true (eb_history_undo (f->history));
  assert_order (f, "ABCDE");
  g_assert_false (eb_history_can_undo (f->history));

  /* Bringing forward what is already on top is no step at all. */
  eb_history_bring_forward (f->history, top);
  g_assert_false (eb_history_can_undo (f->history));
  g_assert_true (eb_history_can_redo (f->history));
}

static void
test_reorder_random (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *start = NULL;
  GRand *rand = g_rand_new_with_seed (3);
  guint steps = 0;

  /* More cards, so that moves cross each other. */
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(EbCard) card = eb_card_new (EB_CARD_KIND_NOTE);
      char title[2] = { (char) ('a' + i), '\0' };

      g_object_set (card, "title", title, "x", (double) g_rand_int_range (rand, 0, 2000), NULL);
      g_assert_true (eb_board_add (f->board, EB_ITEM (card), NULL));
    }
  start = card_order (f->board);

  for (guint i = 0; i < 200; i++)
    {
      GListModel *cards = eb_board_get_cards (f->board);
      guint n = g_list_model_get_n_items (cards);
      g_autoptr(EbCard) card = g_list_model_get_item (cards, g_rand_int_range (rand, 0, n));
      guint before = eb_board_get_position (f->board, EB_ITEM (card));
      guint to = g_rand_int_range (rand, 0, n);

      eb_history_reorder (f->history, EB_ITEM (card), to);
      g_assert_cmpuint (eb_board_get_position (f->board, EB_ITEM (card)), ==, to);
      assert_index_follows (f);
      if (to != before)
        steps++;
    }

  for (guint i = 0; i < steps; i++)
    g_assert_true (eb_history_undo (f->history));
  g_assert_false (eb_history_can_undo (f->history));
  assert_order (f, start);

  g_rand_free (rand);
}

static void
test_reorder_frames (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(EbFrame) low = eb_frame_new ("Moscow", 0, 0, 100, 100);
  g_autoptr(EbFrame) high = eb_frame_new ("Damascus", 50, 50, 100, 100);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  GListModel *frames = eb_board_get_frames (f->board);
  g_autoptr(EbFrame) first = NULL;

  g_assert_true (eb_board_add (f->board, EB_ITEM (low), NULL));
  g_assert_true (eb_board_add (f->board, EB_ITEM (high), NULL));

  /* Frames move among frames; the cards keep their order. */
  g_ptr_array_add (items, low);
  g_ptr_array_add (items, f->cards[0]);
  eb_history_bring_forward (f->history, items);
  first = g_list_model_get_item (frames, 0);
  g_assert_true (first == high);
  assert_order (f, "BCDEA");
  g_assert_cmpuint (f->reordered, ==, 2);

  g_assert_true (eb_history_undo (f->history));
  g_clear_object (&first);
  first = g_list_model_get_item (frames, 0);
  g_assert_true (first == low);
  assert_order (f, "ABCDE");
}

static void
test_reorder_after_remove (Fixture       *f,
                           gconstpointer  data)
{
  /* Undo finds the card by id even after it was removed and restored (a
   * new object), and puts it back where it was. */
  eb_history_reorder (f->history, EB_ITEM (f->cards[0]), 4);
  eb_history_remove (f->history, EB_ITEM (f->cards[0]));
  assert_order (f, "BCDE");
  g_assert_true (eb_history_undo (f->history));
  assert_order (f, "BCDEA");
  g_assert_true (eb_history_undo (f->history));
  assert_order (f, "ABCDE");
  g_assert_true (eb_history_redo (f->history));
  assert_order (f, "BCDEA");
}

static void
test_frame_around (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) items = pick (f, "BD");
  g_autoptr(EbFrame) other = eb_frame_new ("Far away", 5000, 5000, 100, 100);
  g_autoptr(EbLink) link = eb_link_new (eb_item_get_id (EB_ITEM (f->cards[1])),
                                        eb_item_get_id (EB_ITEM (f->cards[3])),
                                        EB_LINK_KIND_RELATED, NULL);
  g_autoptr(GError) error = NULL;
  GListModel *frames = eb_board_get_frames (f->board);
  g_autofree char *id = NULL;
  EbFrame *frame;

  g_assert_true (eb_board_add (f->board, EB_ITEM (other), NULL));
  g_assert_true (eb_board_add (f->board, EB_ITEM (link), NULL));
  /* A link in the selection has no box of its own. */
  g_ptr_array_add (items, link);
  g_object_set (f->cards[3], "y", 300.0, "height", 150.0, NULL);

  /* B: (40, 0) 220×100; D: (120, 300) 220×150 → box (40, 0)–(340, 450). */
  frame = eb_history_frame_items (f->history, items, "Embassy", 24, &error);
  g_assert_no_error (error);
  g_assert_nonnull (frame);
  g_assert_cmpstr (eb_frame_get_label (frame), ==, "Embassy");
  g_assert_cmpfloat (eb_frame_get_x (frame), ==, 40 - 24);
  g_assert_cmpfloat (eb_frame_get_y (frame), ==, 0 - 24 - EB_FRAME_LABEL_HEIGHT);
  g_assert_cmpfloat (eb_frame_get_width (frame), ==, 300 + 48);
  g_assert_cmpfloat (eb_frame_get_height (frame), ==, 450 + 48 + EB_FRAME_LABEL_HEIGHT);

  /* Behind the other frames: the bottom of the list. */
  g_assert_cmpuint (eb_board_get_position (f->board, EB_ITEM (frame)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (frames), ==, 2);
  id = g_strdup (eb_item_get_id (EB_ITEM (frame)));

  g_assert_cmpstr (eb_history_get_undo_label (f->history), ==, "Frame Selection");
  g_assert_true (eb_history_undo (f->history));
  g_assert_null (eb_board_lookup (f->board, id));
  g_assert_cmpuint (g_list_model_get_n_items (frames), ==, 1);
  g_assert_false (eb_history_can_undo (f->history));

  g_assert_true (eb_history_redo (f->history));
  frame = EB_FRAME (eb_board_lookup (f->board, id));
  g_assert_nonnull (frame);
  g_assert_cmpuint (eb_board_get_position (f->board, EB_ITEM (frame)), ==, 0);
}

static void
test_frame_nested (Fixture       *f,
                   gconstpointer  data)
{
  /* A big frame around everything, and a small one inside the cards' box. */
  g_autoptr(EbFrame) big = eb_frame_new ("Syria", -1000, -1000, 4000, 4000);
  g_autoptr(EbFrame) small = eb_frame_new ("Family", 50, 10, 100, 50);
  g_autoptr(GPtrArray) items = pick (f, "ABCDE");
  EbFrame *frame;

  g_assert_true (eb_board_add (f->board, EB_ITEM (big), NULL));
  g_assert_true (eb_board_add (f->board, EB_ITEM (small), NULL));
  g_ptr_array_add (items, small);

  /* Painted opaque: at the very bottom the new frame would vanish under
   * the big one. It goes above the frame it lies in, below the one it
   * holds. */
  frame = eb_history_frame_items (f->history, items, NULL, 16, NULL);
  g_assert_nonnull (frame);
  g_assert_null (eb_frame_get_label (frame));
  g_assert_cmpuint (eb_board_get_position (f->board, EB_ITEM (big)), ==, 0);
  g_assert_cmpuint (eb_board_get_position (f->board, EB_ITEM (frame)), ==, 1);
  g_assert_cmpuint (eb_board_get_position (f->board, EB_ITEM (small)), ==, 2);
}

static void
test_frame_nothing (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_assert_null (eb_history_frame_items (f->history, items, "Empty", 24, NULL));
  g_assert_false (eb_history_can_undo (f->history));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_frames (f->board)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/eb/ops/reorder/undo-redo", test_reorder_undo_redo);
  ADD ("/eb/ops/reorder/no-change", test_reorder_no_change);
  ADD ("/eb/ops/reorder/random", test_reorder_random);
  ADD ("/eb/ops/reorder/frames", test_reorder_frames);
  ADD ("/eb/ops/reorder/after-remove", test_reorder_after_remove);
  ADD ("/eb/ops/bring-forward", test_bring_forward);
  ADD ("/eb/ops/send-backward", test_send_backward);
  ADD ("/eb/ops/frame/around", test_frame_around);
  ADD ("/eb/ops/frame/nested", test_frame_nested);
  ADD ("/eb/ops/frame/nothing", test_frame_nothing);

#undef ADD

  return g_test_run ();
}
