/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "eb-board-merge.h"
#include "eb-limits.h"
#include "eb-test-util.h"

/* Importing one board into another (eb_board_merge()): what a user sees
 * on the board after Import Board…, and after Undo and Redo. */

/* @source's item with @id as it should be after a move by (@dx, @dy):
 * every other field, id and times included, as it was. */
static EbItem *
expected_item (EbBoard    *source,
               const char *id,
               double      dx,
               double      dy)
{
  EbItem *item = eb_item_copy (eb_board_lookup (source, id));

  if (!EB_IS_LINK (item))
    {
      double x, y;

      g_object_get (item, "x", &x, "y", &y, NULL);
      g_object_set (item, "x", x + dx, "y", y + dy, NULL);
    }
  return item;
}

static void
assert_added_as (EbBoard    *board,
                 EbBoard    *source,
                 const char *id,
                 double      dx,
                 double      dy)
{
  g_autoptr(EbItem) expected = expected_item (source, id, dx, dy);
  EbItem *item = eb_board_lookup (board, id);

  g_assert_nonnull (item);
  g_assert_true (eb_item_equal (item, expected));
}

/* A card as a colleague would have it: same id, moved, and with @title
 * and @notes (NULL: as it was). */
static EbCard *
add_copy_of_card (EbBoard    *board,
                  EbCard     *card,
                  double      x,
                  double      y,
                  const char *title,
                  const char *notes)
{
  g_autoptr(EbItem) copy = eb_item_copy (EB_ITEM (card));
  g_autoptr(GError) error = NULL;

  g_object_set (copy, "x", x, "y", y, NULL);
  if (title != NULL)
    g_object_set (copy, "title", title, NULL);
  if (notes != NULL)
    g_object_set (copy, "notes", notes, NULL);
  g_assert_true (eb_board_add (board, copy, &error));
  g_assert_no_error (error);
  return EB_CARD (copy);
}

static EbFrame *
add_frame (EbBoard    *board,
           const char *label,
           double      x,
           double      y)
{
  g_autoptr(EbFrame) frame = eb_frame_new (label, x, y, 500, 300);

  g_assert_true (eb_board_add (board, EB_ITEM (frame), NULL));
  return frame;
}

/* Imports @source through @history, which must succeed. */
static EbBoardMergeResult *
merge (EbHistory *history,
       EbBoard   *source)
{
  g_autoptr(GError) error = NULL;
  EbBoardMergeResult *result = eb_board_merge (history, source, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* New content goes to the right of the board's, tops aligned, with a gap;
 * everything else about it is as it was in the file. */
static void
test_beside (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbHistory) history = eb_history_new (board);
  g_autoptr(EbBoard) source = eb_board_new ();
  g_autoptr(EbBoardMergeResult) result = NULL;
  EbCard *a1, *a2, *b1, *b2, *b3;
  EbLink *l1, *l2;
  EbFrame *f1;
  double right, top, dx, dy;

  a1 = eb_test_add_card (board, EB_CARD_KIND_PERSON, "Bashar al-Assad", -100, 40);
  a2 = eb_test_add_card (board, EB_CARD_KIND_EVENT, "Assad flies out of Damascus", 300, 500);
  eb_test_add_link (board, a1, a2, EB_LINK_KIND_RELATED);
  right = eb_card_get_x (a2) + eb_card_get_width (a2);
  top = eb_card_get_y (a1);

  b1 = eb_test_add_card (source, EB_CARD_KIND_PERSON, "Sergei Lavrov", 1000, -300);
  b2 = eb_test_add_card (source, EB_CARD_KIND_SOURCE, "TASS, 9 December 2024", 1400, -200);
  b3 = eb_test_add_card (source, EB_CARD_KIND_NOTE, "Asylum granted on humanitarian grounds", 900, 100);
  g_object_set (b2, "url", "https://tass.com/", "grade", EB_GRADE_B, "notes", "Quotes a Kremlin source", NULL);
  l1 = eb_test_add_link (source, b2, b1, EB_LINK_KIND_REPORTED_BY);
  l2 = eb_test_add_link (source, b3, b1, EB_LINK_KIND_SUPPORTS);
  g_object_set (l2, "label", "says", NULL);
  f1 = add_frame (source, "Moscow", 850, -350);

  result = merge (history, source);

  g_assert_cmpuint (result->n_cards, ==, 3);
  g_assert_cmpuint (result->n_links, ==, 2);
  g_assert_cmpuint (result->n_frames, ==, 1);
  g_assert_cmpuint (eb_board_merge_result_get_n_added (result), ==, 6);
  g_assert_cmpuint (result->n_unchanged, ==, 0);
  g_assert_cmpuint (result->n_dropped_links, ==, 0);
  g_assert_cmpuint (result->changed->len, ==, 0);
  g_assert_cmpuint (result->added->len, ==, 6);
  g_assert_cmpuint (eb_test_n_cards (board), ==, 5);
  g_assert_cmpuint (eb_test_n_links (board), ==, 3);
  g_assert_cmpuint (eb_test_n_frames (board), ==, 1);

  /* The block's left edge (the frame, at 850) sits a gap right of the
   * board's right edge; its top (the frame, at -350) at the board's top. */
  dx = right + EB_BOARD_MERGE_GAP - 850;
  dy = top - (-350);
  g_assert_cmpfloat (result->dx, ==, dx);
  g_assert_cmpfloat (result->dy, ==, dy);
  assert_added_as (board, source, eb_item_get_id (EB_ITEM (b1)), dx, dy);
  assert_added_as (board, source, eb_item_get_id (EB_ITEM (b2)), dx, dy);
  assert_added_as (board, source, eb_item_get_id (EB_ITEM (b3)), dx, dy);
  assert_added_as (board, source, eb_item_get_id (EB_ITEM (l1)), 0, 0);
  assert_added_as (board, source, eb_item_get_id (EB_ITEM (l2)), 0, 0);
  assert_added_as (board, source, eb_item_get_id (EB_ITEM (f1)), dx, dy);

  /* Nothing new covers what was there; the old cards did not move. */
  g_assert_cmpfloat (result->bounds.x, ==, right + EB_BOARD_MERGE_GAP);
  g_assert_cmpfloat (result->bounds.y, ==, top);
  g_assert_cmpfloat (result->bounds.width, ==, 1400 + 220 - 850);
  g_assert_cmpfloat (eb_card_get_x (a1), ==, -100);
  g_assert_cmpfloat (eb_card_get_y (a2), ==, 500);

  /* What was added is what the result lists, on the board. */
  for (guint i = 0; i < result->added->len; i++)
    {
      EbItem *item = g_ptr_array_index (result->added, i);

      g_assert_true (eb_board_lookup (board, eb_item_get_id (item)) == item);
    }

  g_assert_cmpstr (eb_history_get_undo_label (history), ==, "Import Board");
}

/* Into an empty board, the imported board arrives as it was. */
static void
test_empty_target (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbHistory) history = eb_history_new (board);
  g_autoptr(EbBoard) source = eb_test_load_sample ();
  g_autoptr(EbBoardMergeResult) result = NULL;

  eb_board_set_title (board, eb_board_get_title (source));
  result = merge (history, source);

  g_assert_cmpfloat (result->dx, ==, 0);
  g_assert_cmpfloat (result->dy, ==, 0);
  g_assert_cmpuint (result->n_cards, ==, eb_test_n_cards (source));
  g_assert_cmpuint (result->n_links, ==, eb_test_n_links (source));
  g_assert_cmpuint (result->n_frames, ==, eb_test_n_frames (source));
  eb_test_assert_boards_equal (board, source);
}

/* A card on both boards is not added twice and does not move; the
 * colleague's links to it join the card already there. */
static void
test_same_card (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbHistory) history = eb_history_new (board);
  g_autoptr(EbBoard) source = eb_board_new ();
  g_autoptr(EbBoardMergeResult) result = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(EbItem) before = NULL;
  EbCard *assad, *jaafari, *their_assad, *their_jaafari, *denial;
  EbLink *known, *denies, *between_old;

  assad = eb_test_add_card (board, EB_CARD_KIND_PERSON, "Bashar al-Assad", 0, 0);
  jaafari = eb_test_add_card (board, EB_CARD_KIND_PERSON, "Bashar al-Jaafari", 400, 0);
  g_object_set (jaafari, "role", "Ambassador to Russia", NULL);
  before = eb_item_copy (EB_ITEM (jaafari));

  /* Same fields, elsewhere on their board: layout is not content. */
  their_assad = add_copy_of_card (source, assad, 5000, 5000, NULL, NULL);
  g_object_set (their_assad, "width", 300.0, NULL);
  their_jaafari = add_copy_of_card (source, jaafari, 5400, 5000, NULL, NULL);
  denial = eb_test_add_card (source, EB_CARD_KIND_SOURCE, "Jaafari denies asylum request", 5200, 5300);
  denies = eb_test_add_link (source, denial, their_jaafari, EB_LINK_KIND_CONTRADICTS);
  /* A new link between two cards the board had. */
  between_old = eb_test_add_link (source, their_assad, their_jaafari, EB_LINK_KIND_RELATED);
  /* A link on both boards, the same. */
  known = eb_test_add_link (board, assad, jaafari, EB_LINK_KIND_SUPPORTS);
  {
    g_autoptr(EbItem) copy = eb_item_copy (EB_ITEM (known));

    g_assert_true (eb_board_add (source, copy, NULL));
  }

  result = merge (history, source);

  g_assert_cmpuint (result->n_cards, ==, 1);
  g_assert_cmpuint (result->n_links, ==, 2);
  g_assert_cmpuint (result->n_unchanged, ==, 3);
  g_assert_cmpuint (result->changed->len, ==, 0);
  g_assert_cmpuint (eb_test_n_cards (board), ==, 3);
  g_assert_cmpuint (eb_test_n_links (board), ==, 3);

  /* The cards already there stayed where they were, as they were. */
  g_assert_true (eb_board_lookup_card (board, eb_item_get_id (EB_ITEM (jaafari))) == jaafari);
  g_assert_true (eb_item_equal (EB_ITEM (jaafari), before));
  g_assert_cmpfloat (eb_card_get_x (assad), ==, 0);
  g_assert_cmpfloat (eb_card_get_width (assad), ==, 220);

  /* The new source is beside them, and its link joins the old card. */
  g_assert_cmpfloat (eb_card_get_x (eb_board_lookup_card (board, eb_item_get_id (EB_ITEM (denial)))), ==,
                     400 + 220 + EB_BOARD_MERGE_GAP);
  links = eb_board_dup_links_of_card (board, eb_item_get_id (EB_ITEM (jaafari)));
  g_assert_cmpuint (links->len, ==, 3);
  assert_added_as (board, source, eb_item_get_id (EB_ITEM (denies)), 0, 0);
  assert_added_as (board, source, eb_item_get_id (EB_ITEM (between_old)), 0, 0);
  g_assert_cmpstr (eb_link_get_from_id (EB_LINK (eb_board_lookup (board, eb_item_get_id (EB_ITEM (between_old))))),
                   ==, eb_item_get_id (EB_ITEM (assad)));
}

static EbBoardMergeChange *
find_change (EbBoardMergeResult *result,
             const char         *id)
{
  for (guint i = 0; i < result->changed->len; i++)
    {
      EbBoardMergeChange *change = g_ptr_array_index (result->changed, i);

      if (g_str_equal (change->id, id))
        return change;
    }
  g_error ("No change reported for %s", id);
  return NULL;
}

/* A card edited on the other board is not overwritten: the board keeps
 * its version and the card is reported with the fields that differ. Same
 * for links and frames. */
static void
test_changed (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbHistory) history = eb_history_new (board);
  g_autoptr(EbBoard) source = eb_board_new ();
  g_autoptr(EbBoard) before = NULL;
  g_autoptr(EbBoardMergeResult) result = NULL;
  g_autofree char *text = NULL;
  const char *title_notes[] = { "title", "notes", NULL };
  const char *label[] = { "label", NULL };
  EbCard *jaafari, *lavrov, *their_jaafari, *their_lavrov;
  EbLink *link;
  EbFrame *frame;
  EbBoardMergeChange *change;

  jaafari = eb_test_add_card (board, EB_CARD_KIND_PERSON, "Bashar Jaafari", 0, 0);
  g_object_set (jaafari, "notes", "Ambassador in Moscow", "place", "Moscow", NULL);
  lavrov = eb_test_add_card (board, EB_CARD_KIND_PERSON, "Sergei Lavrov", 400, 0);
  link = eb_test_add_link (board, jaafari, lavrov, EB_LINK_KIND_RELATED);
  g_object_set (link, "label", "met", NULL);
  frame = add_frame (board, "Diplomats", -50, -50);
  before = eb_test_copy_board (board);

  their_jaafari = add_copy_of_card (source, jaafari, 900, 900, "Bashar al-Jaafari", "Asked for asylum, denies it");
  their_lavrov = add_copy_of_card (source, lavrov, 1300, 900, NULL, NULL);
  {
    g_autoptr(EbItem) their_link = eb_item_copy (EB_ITEM (link));
    g_autoptr(EbItem) their_frame = eb_item_copy (EB_ITEM (frame));

    g_object_set (their_link, "label", "met in April 2025", NULL);
    g_object_set (their_frame, "label", "Russia", "x", 700.0, NULL);
    g_assert_true (eb_board_add (source, their_link, NULL));
    g_assert_true (eb_board_add (source, their_frame, NULL));
  }
  g_assert_nonnull (their_lavrov);

  result = merge (history, source);

  /* Nothing was added or changed: no undo step either. */
  g_assert_cmpuint (eb_board_merge_result_get_n_added (result), ==, 0);
  g_assert_false (eb_history_can_undo (history));
  eb_test_assert_boards_equal (board, before);
  g_assert_cmpstr (eb_card_get_title (jaafari), ==, "Bashar Jaafari");
  g_assert_cmpstr (eb_card_get_notes (jaafari), ==, "Ambassador in Moscow");

  g_assert_cmpuint (result->n_unchanged, ==, 1);
  g_assert_cmpuint (result->changed->len, ==, 3);

  change = find_change (result, eb_item_get_id (EB_ITEM (their_jaafari)));
  g_assert_true (change->type == EB_TYPE_CARD);
  /* Named as this board names it. */
  g_assert_cmpstr (change->title, ==, "Bashar Jaafari");
  g_assert_cmpstrv (change->fields, title_notes);

  change = find_change (result, eb_item_get_id (EB_ITEM (link)));
  g_assert_true (change->type == EB_TYPE_LINK);
  g_assert_cmpstrv (change->fields, label);
  g_assert_cmpstr (change->title, ==, "“met” (Bashar Jaafari – Sergei Lavrov)");

  change = find_change (result, eb_item_get_id (EB_ITEM (frame)));
  g_assert_true (change->type == EB_TYPE_FRAME);
  g_assert_cmpstrv (change->fields, label);
  g_assert_cmpstr (change->title, ==, "Diplomats");

  text = eb_board_merge_result_describe_changes (result);
  g_assert_cmpstr (text, ==,
                   "• Bashar Jaafari (title, notes)\n"
                   "• “met” (Bashar Jaafari – Sergei Lavrov) (label)\n"
                   "• Diplomats (label)");
}

/* Links to frames come in with their frames, new or already on the
 * board; a link to a frame whose id is a card here is left out. */
static void
test_links_to_frames (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbHistory) history = eb_history_new (board);
  g_autoptr(EbBoard) source = eb_board_new ();
  g_autoptr(EbBoardMergeResult) result = NULL;
  g_autoptr(EbFrame) kremlin = g_object_new (EB_TYPE_FRAME, "id", "kremlin", "label", "Kremlin", NULL);
  g_autoptr(EbFrame) kremlin_too = NULL;
  g_autoptr(EbFrame) damascus = g_object_new (EB_TYPE_FRAME, "id", "damascus", "label", "Damascus", NULL);
  g_autoptr(EbFrame) clash = g_object_new (EB_TYPE_FRAME, "id", "shared-id", "label", "Clash", NULL);
  g_autoptr(EbCard) card_here = g_object_new (EB_TYPE_CARD, "id", "shared-id", NULL);
  EbCard *assad;
  const char *ends[][2] = { { NULL, "kremlin" }, { NULL, "damascus" }, { "damascus", "kremlin" }, { NULL, "shared-id" } };

  g_assert_true (eb_board_add (board, EB_ITEM (kremlin), NULL));
  eb_test_add_card (board, EB_CARD_KIND_PERSON, "Someone else", 0, 0);
  g_assert_true (eb_board_add (board, EB_ITEM (card_here), NULL));

  assad = eb_test_add_card (source, EB_CARD_KIND_PERSON, "Bashar al-Assad", 0, 0);
  kremlin_too = EB_FRAME (eb_item_copy (EB_ITEM (kremlin)));
  g_assert_true (eb_board_add (source, EB_ITEM (kremlin_too), NULL));
  g_assert_true (eb_board_add (source, EB_ITEM (damascus), NULL));
  g_assert_true (eb_board_add (source, EB_ITEM (clash), NULL));
  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      g_autoptr(EbLink) link = eb_link_new (ends[i][0] ? ends[i][0] : eb_item_get_id (EB_ITEM (assad)),
                                            ends[i][1], EB_LINK_KIND_RELATED, NULL);

      g_object_set (link, "to-side", EB_LINK_SIDE_TOP, NULL);
      g_assert_true (eb_board_add (source, EB_ITEM (link), NULL));
    }

  result = merge (history, source);
  g_assert_cmpuint (result->n_cards, ==, 1);
  g_assert_cmpuint (result->n_frames, ==, 1);
  g_assert_cmpuint (result->n_links, ==, 3);
  g_assert_cmpuint (result->n_dropped_links, ==, 1);
  g_assert_cmpuint (eb_test_n_links (board), ==, 3);
  /* Joined to the frame the board had, and to the one that came in. */
  g_assert_cmpuint (eb_board_get_n_items (board), ==, 3 + 1 + 1 + 3);
  {
    g_autoptr(GPtrArray) at_kremlin = eb_board_dup_links_of_card (board, "kremlin");
    g_autoptr(GPtrArray) at_damascus = eb_board_dup_links_of_card (board, "damascus");

    g_assert_cmpuint (at_kremlin->len, ==, 2);
    g_assert_cmpuint (at_damascus->len, ==, 2);
    g_assert_cmpint (eb_link_get_to_side (g_ptr_array_index (at_kremlin, 0)), ==, EB_LINK_SIDE_TOP);
  }
  g_assert_true (eb_history_undo (history));
  g_assert_cmpuint (eb_test_n_links (board), ==, 0);
}

/* A link whose card is missing after the merge (its id is another kind
 * of item on this board) is left out and counted; the rest comes in. */
static void
test_dangling (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbHistory) history = eb_history_new (board);
  g_autoptr(EbBoard) source = eb_board_new ();
  g_autoptr(EbBoardMergeResult) result = NULL;
  g_autoptr(EbFrame) frame = NULL;
  g_autoptr(EbCard) clash = NULL;
  g_autofree char *text = NULL;
  EbCard *putin, *other;

  frame = g_object_new (EB_TYPE_FRAME, "id", "shared-id", "label", "Kremlin", NULL);
  g_assert_true (eb_board_add (board, EB_ITEM (frame), NULL));

  clash = g_object_new (EB_TYPE_CARD, "id", "shared-id", "kind", EB_CARD_KIND_PERSON,
                        "title", "Vladimir Putin", NULL);
  g_assert_true (eb_board_add (source, EB_ITEM (clash), NULL));
  putin = eb_test_add_card (source, EB_CARD_KIND_EVENT, "Putin grants asylum", 300, 0);
  other = eb_test_add_card (source, EB_CARD_KIND_NOTE, "Humanitarian grounds", 600, 0);
  eb_test_add_link (source, putin, clash, EB_LINK_KIND_RELATED);
  eb_test_add_link (source, clash, other, EB_LINK_KIND_RELATED);
  eb_test_add_link (source, putin, other, EB_LINK_KIND_SUPPORTS);

  result = merge (history, source);

  g_assert_cmpuint (result->n_cards, ==, 2);
  g_assert_cmpuint (result->n_links, ==, 1);
  g_assert_cmpuint (result->n_dropped_links, ==, 2);
  g_assert_cmpuint (eb_test_n_links (board), ==, 1);
  /* The frame stays a frame, and is reported. */
  g_assert_true (eb_board_lookup (board, "shared-id") == EB_ITEM (frame));
  g_assert_cmpuint (result->changed->len, ==, 1);
  text = eb_board_merge_result_describe_changes (result);
  g_assert_cmpstr (text, ==, "• Kremlin (a different kind of item)");
}

/* One undo step takes everything back; redo brings back the same. */
static void
test_undo_redo (void)
{
  g_autoptr(EbBoard) board = eb_test_load_sample ();
  g_autoptr(EbHistory) history = eb_history_new (board);
  g_autoptr(EbBoard) source = eb_board_new ();
  g_autoptr(EbBoard) before = eb_test_copy_board (board);
  g_autoptr(EbBoard) merged = NULL;
  g_autoptr(EbBoardMergeResult) result = NULL;
  g_autoptr(EbItem) first = g_list_model_get_item (eb_board_get_cards (board), 0);
  g_autoptr(EbItem) second = g_list_model_get_item (eb_board_get_cards (board), 1);
  EbCard *their_first, *news;

  /* Their board: the first card changed, the second as is, some new. */
  their_first = add_copy_of_card (source, EB_CARD (first), 0, 0, "Bashar Hafez al-Assad", NULL);
  add_copy_of_card (source, EB_CARD (second), 100, 0, NULL, NULL);
  news = eb_test_add_card (source, EB_CARD_KIND_SOURCE, "Reuters, 22 April 2025", 0, 300);
  eb_test_add_link (source, news, their_first, EB_LINK_KIND_REPORTED_BY);
  eb_test_add_link (source, news, EB_CARD (eb_board_lookup (source, eb_item_get_id (second))), EB_LINK_KIND_SUPPORTS);
  add_frame (source, "April 2025", -20, 280);

  result = merge (history, source);
  g_assert_cmpuint (eb_board_merge_result_get_n_added (result), ==, 4);
  g_assert_cmpuint (result->changed->len, ==, 1);
  merged = eb_test_copy_board (board);

  g_assert_true (eb_history_undo (history));
  eb_test_assert_boards_equal (board, before);
  /* It was one step. */
  g_assert_false (eb_history_can_undo (history));

  g_assert_true (eb_history_redo (history));
  eb_test_assert_boards_equal (board, merged);
  g_assert_false (eb_history_can_redo (history));
}

/* A board imported into itself adds nothing and reports nothing. */
static void
test_self (void)
{
  g_autoptr(EbBoard) board = eb_test_load_sample ();
  g_autoptr(EbHistory) history = eb_history_new (board);
  g_autoptr(EbBoard) before = eb_test_copy_board (board);
  g_autoptr(EbBoardMergeResult) result = NULL;

  result = merge (history, board);

  g_assert_cmpuint (eb_board_merge_result_get_n_added (result), ==, 0);
  g_assert_cmpuint (result->n_unchanged, ==, eb_board_get_n_items (board));
  g_assert_cmpuint (result->changed->len, ==, 0);
  g_assert_cmpuint (result->n_dropped_links, ==, 0);
  g_assert_cmpuint (result->added->len, ==, 0);
  g_assert_false (eb_history_can_undo (history));
  eb_test_assert_boards_equal (board, before);

  /* And so does a copy of it. */
  g_clear_pointer (&result, eb_board_merge_result_free);
  result = merge (history, before);
  g_assert_cmpuint (eb_board_merge_result_get_n_added (result), ==, 0);
  g_assert_cmpuint (result->changed->len, ==, 0);
  eb_test_assert_boards_equal (board, before);
}

/* Near the edge of the coordinate range the new items overlap rather
 * than fall off the board. */
static void
test_edge (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbHistory) history = eb_history_new (board);
  g_autoptr(EbBoard) source = eb_board_new ();
  g_autoptr(EbBoardMergeResult) result = NULL;

  eb_test_add_card (board, EB_CARD_KIND_NOTE, "far right", EB_COORD_MAX - 100, EB_COORD_MAX - 50);
  eb_test_add_card (source, EB_CARD_KIND_NOTE, "a", -500, 0);
  eb_test_add_card (source, EB_CARD_KIND_NOTE, "b", 500, 1000);

  result = merge (history, source);
  g_assert_cmpuint (result->n_cards, ==, 2);

  for (guint i = 0; i < result->added->len; i++)
    {
      EbCard *card = g_ptr_array_index (result->added, i);

      g_assert_cmpfloat (eb_card_get_x (card), <=, EB_COORD_MAX);
      g_assert_cmpfloat (eb_card_get_y (card), <=, EB_COORD_MAX);
    }
  /* Moved together: they keep their places relative to each other. */
  g_assert_cmpfloat (eb_card_get_x (g_ptr_array_index (result->added, 1)) -
                     eb_card_get_x (g_ptr_array_index (result->added, 0)), ==, 1000);
  g_assert_cmpfloat (eb_card_get_x (g_ptr_array_index (result->added, 1)), ==, EB_COORD_MAX);
  g_assert_cmpfloat (eb_card_get_y (g_ptr_array_index (result->added, 1)), ==, EB_COORD_MAX);
}

/* A large board comes in whole, in one step, in a time a user waits for. */
static void
test_large (void)
{
  g_autoptr(EbBoard) board = eb_test_load_sample ();
  g_autoptr(EbHistory) history = eb_history_new (board);
  g_autoptr(EbBoard) source = eb_board_new ();
  g_autoptr(EbBoard) before = eb_test_copy_board (board);
  g_autoptr(EbBoardMergeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  const guint n = 5000;
  EbCard *previous = NULL;
  double merge_time, undo_time, redo_time;

  eb_board_begin_batch (source);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Card %u", i);
      EbCard *card = eb_test_add_card (source, EB_CARD_KIND_NOTE, title, (i % 100) * 260.0, (i / 100) * 140.0);

      if (previous != NULL)
        eb_test_add_link (source, previous, card, EB_LINK_KIND_RELATED);
      previous = card;
    }
  eb_board_end_batch (source);

  timer = g_timer_new ();
  result = eb_board_merge (history, source, &error);
  merge_time = g_timer_elapsed (timer, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_cards, ==, n);
  g_assert_cmpuint (result->n_links, ==, n - 1);
  g_assert_cmpuint (eb_board_get_n_items (board), ==, eb_board_get_n_items (before) + 2 * n - 1);

  g_timer_start (timer);
  g_assert_true (eb_history_undo (history));
  undo_time = g_timer_elapsed (timer, NULL);
  eb_test_assert_boards_equal (board, before);
  g_assert_false (eb_history_can_undo (history));

  g_timer_start (timer);
  g_assert_true (eb_history_redo (history));
  redo_time = g_timer_elapsed (timer, NULL);
  g_assert_cmpuint (eb_board_get_n_items (board), ==, eb_board_get_n_items (before) + 2 * n - 1);

  g_test_message ("Merging %u cards and %u links: %.0f ms; undo %.0f ms; redo %.0f ms",
                  n, n - 1, merge_time * 1000, undo_time * 1000, redo_time * 1000);
}

/* A board with no room for what is new refuses it all, with a reason. */
static void
test_too_many (void)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(EbHistory) history = NULL;
  g_autoptr(EbBoard) source = eb_board_new ();
  g_autoptr(EbBoardMergeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  EbCard *card;

  if (!g_test_slow ())
    {
      g_test_skip ("Builds a board of a million items (15 s, 540 MB here); run with -m slow");
      return;
    }

  /* Frames are the lightest items; fill the board to one short of full. */
  eb_board_begin_batch (board);
  for (guint i = 0; i < EB_ITEMS_MAX - 1; i++)
    {
      g_autoptr(EbFrame) frame = eb_frame_new (NULL, 0, 0, 10, 10);

      eb_board_add (board, EB_ITEM (frame), NULL);
    }
  eb_board_end_batch (board);
  g_assert_cmpuint (eb_board_get_n_items (board), ==, EB_ITEMS_MAX - 1);
  history = eb_history_new (board);

  card = eb_test_add_card (source, EB_CARD_KIND_NOTE, "one", 0, 0);
  eb_test_add_link (source, card, eb_test_add_card (source, EB_CARD_KIND_NOTE, "two", 0, 0),
                    EB_LINK_KIND_RELATED);

  result = eb_board_merge (history, source, &error);
  g_assert_null (result);
  g_assert_error (error, EB_BOARD_MERGE_ERROR, EB_BOARD_MERGE_ERROR_TOO_MANY_ITEMS);
  g_assert_cmpstr (error->message, ==, "The board has no room for 3 more items (a board holds at most 1000000)");
  g_assert_cmpuint (eb_board_get_n_items (board), ==, EB_ITEMS_MAX - 1);
  g_assert_false (eb_history_can_undo (history));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/eb/merge/beside", test_beside);
  g_test_add_func ("/eb/merge/empty-target", test_empty_target);
  g_test_add_func ("/eb/merge/same-card", test_same_card);
  g_test_add_func ("/eb/merge/changed", test_changed);
  g_test_add_func ("/eb/merge/dangling", test_dangling);
  g_test_add_func ("/eb/merge/links-to-frames", test_links_to_frames);
  g_test_add_func ("/eb/merge/undo-redo", test_undo_redo);
  g_test_add_func ("/eb/merge/self", test_self);
  g_test_add_func ("/eb/merge/edge", test_edge);
  g_test_add_func ("/eb/merge/large", test_large);
  g_test_add_func ("/eb/merge/too-many", test_too_many);

  return g_test_run ();
}
