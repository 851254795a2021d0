/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "eb-clipboard.h"
#include "eb-json.h"
#include "eb-test-util.h"

/* Copy, cut, paste and duplicate: what is copied (cards, frames, and only
 * the links among the copied cards), fresh ids, the offset, one undo
 * step, pasting into another board, plain text and web addresses, and
 * hostile clipboard data refused with the board left as it was. */

typedef struct
{
  EbBoard   *board;
  EbHistory *history;
  EbCard    *assad;
  EbCard    *putin;
  EbCard    *tass;       /* selected, linked to no other selected card */
  EbCard    *lavrov;     /* not selected */
  EbLink    *asylum;     /* putin → assad: both ends selected */
  EbLink    *met;        /* assad → lavrov: one end selected */
  EbFrame   *moscow;
  GPtrArray *selection;
} Fixture;

static EbCard *
add_card (EbBoard    *board,
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

static EbLink *
add_link (EbBoard    *board,
          EbCard     *from,
          EbCard     *to,
          EbLinkKind  kind,
          const char *label)
{
  g_autoptr(EbLink) link = eb_link_new (eb_item_get_id (EB_ITEM (from)),
                                        eb_item_get_id (EB_ITEM (to)), kind, label);

  g_assert_true (eb_board_add (board, EB_ITEM (link), NULL));
  return link;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(EbFrame) frame = eb_frame_new ("Moscow", 40, 80, 900, 700);

  f->board = eb_board_new ();
  eb_board_set_title (f->board, "Assad's asylum");
  f->assad = add_card (f->board, EB_CARD_KIND_PERSON, "Bashar al-Assad", 100, 200);
  g_object_set (f->assad,
                "aliases", "بشار الأسد\nBashar Assad",
                "role", "President of Syria until 8 December 2024",
                "color", "#fde68a",
                "width", 260.0,
                NULL);
  f->putin = add_card (f->board, EB_CARD_KIND_PERSON, "Vladimir Putin", 500, 150);
  f->tass = add_card (f->board, EB_CARD_KIND_SOURCE, "Assad and family in Moscow", 300, 600);
  g_object_set (f->tass,
                "publisher", "TASS",
                "url", "https://tass.com/world/1886361",
                "date", "2024-12-09",
                "grade", EB_GRADE_B,
                NULL);
  f->lavrov = add_card (f->board, EB_CARD_KIND_PERSON, "Sergei Lavrov", 900, 150);
  f->asylum = add_link (f->board, f->putin, f->assad, EB_LINK_KIND_RELATED, "granted asylum to");
  g_object_set (f->asylum, "credibility", 1u, "color", "#b91c1c", NULL);
  f->met = add_link (f->board, f->assad, f->lavrov, EB_LINK_KIND_RELATED, "met");
  g_assert_true (eb_board_add (f->board, EB_ITEM (frame), NULL));
  f->moscow = frame;

  f->history = eb_history_new (f->board);

  /* The link to the unselected card is selected too: it is not copied. */
  f->selection = g_ptr_array_new ();
  g_ptr_array_add (f->selection, f->tass);
  g_ptr_array_add (f->selection, f->assad);
  g_ptr_array_add (f->selection, f->met);
  g_ptr_array_add (f->selection, f->putin);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->selection, g_ptr_array_unref);
  g_clear_object (&f->history);
  g_clear_object (&f->board);
}

/* @copy rebuilt with @original's id and times, moved back by (@dx, @dy),
 * its link ends mapped back through @back (new id → old id): equal to
 * @original field for field if the paste kept every field. */
static void
assert_same_but_moved (EbItem     *original,
                       EbItem     *copy,
                       double      dx,
                       double      dy,
                       GHashTable *back)
{
  g_autofree GParamSpec **pspecs = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_autoptr(EbItem) rebuilt = NULL;
  guint n_pspecs;

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
  g_assert_cmpstr (eb_item_get_id (original), !=, eb_item_get_id (copy));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (copy), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      const char *name = pspecs[i]->name;
      GValue value = G_VALUE_INIT;

      if (!eb_item_is_field (pspecs[i]))
        continue;

      g_value_init (&value, pspecs[i]->value_type);
      if (g_str_equal (name, "id") || g_str_equal (name, "created") || g_str_equal (name, "modified"))
        g_object_get_property (G_OBJECT (original), name, &value);
      else
        {
          g_object_get_property (G_OBJECT (copy), name, &value);
          if (g_str_equal (name, "x"))
            g_value_set_double (&value, g_value_get_double (&value) - dx);
          else if (g_str_equal (name, "y"))
            g_value_set_double (&value, g_value_get_double (&value) - dy);
          else if (g_str_equal (name, "from-id") || g_str_equal (name, "to-id"))
            g_value_set_string (&value, g_hash_table_lookup (back, g_value_get_string (&value)));
        }
      g_ptr_array_add (names, (gpointer) name);
      g_array_append_val (values, value);
    }

  rebuilt = EB_ITEM (g_object_new_with_properties (G_OBJECT_TYPE (copy), names->len,
                                                   (const char **) names->pdata,
                                                   (GValue *) values->data));
  g_assert_true (eb_item_equal (original, rebuilt));
}

/* Finds the pasted card with @title. */
static EbCard *
find_card (GPtrArray  *items,
           const char *title)
{
  for (guint i = 0; i < items->len; i++)
    {
      EbItem *item = g_ptr_array_index (items, i);

      if (EB_IS_CARD (item) && g_strcmp0 (eb_card_get_title (EB_CARD (item)), title) == 0)
        return EB_CARD (item);
    }
  g_error ("No pasted card “%s”", title);
  return NULL;
}

static guint
count_type (GPtrArray *items,
            GType      type)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    if (G_TYPE_CHECK_INSTANCE_TYPE (g_ptr_array_index (items, i), type))
      n++;
  return n;
}

/* Checks that @pasted are copies of the fixture's three selected cards and
 * their one link, moved so that their top-left corner (100, 150) is at
 * (@at_x, @at_y), and that they are on @board. */
static void
assert_pasted (Fixture   *f,
               EbBoard   *board,
               GPtrArray *pasted,
               double     at_x,
               double     at_y)
{
  g_autoptr(GHashTable) back = g_hash_table_new (g_str_hash, g_str_equal);
  EbCard *originals[] = { f->assad, f->putin, f->tass };
  double dx = at_x - 100, dy = at_y - 150;
  EbLink *link = NULL;

  g_assert_cmpuint (pasted->len, ==, 4);
  g_assert_cmpuint (count_type (pasted, EB_TYPE_CARD), ==, 3);
  g_assert_cmpuint (count_type (pasted, EB_TYPE_LINK), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (originals); i++)
    {
      EbCard *copy = find_card (pasted, eb_card_get_title (originals[i]));

      g_assert_true (eb_board_lookup (board, eb_item_get_id (EB_ITEM (copy))) == EB_ITEM (copy));
      g_hash_table_insert (back, (gpointer) eb_item_get_id (EB_ITEM (copy)),
                           (gpointer) eb_item_get_id (EB_ITEM (originals[i])));
      assert_same_but_moved (EB_ITEM (originals[i]), EB_ITEM (copy), dx, dy, back);
    }

  for (guint i = 0; i < pasted->len; i++)
    if (EB_IS_LINK (g_ptr_array_index (pasted, i)))
      link = g_ptr_array_index (pasted, i);

  /* Exactly the link between two copied cards, now between the copies. */
  g_assert_cmpstr (eb_link_get_from_id (link), ==, eb_item_get_id (EB_ITEM (find_card (pasted, "Vladimir Putin"))));
  g_assert_cmpstr (eb_link_get_to_id (link), ==, eb_item_get_id (EB_ITEM (find_card (pasted, "Bashar al-Assad"))));
  assert_same_but_moved (EB_ITEM (f->asylum), EB_ITEM (link), 0, 0, back);
}

static void
test_copy_paste (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(EbBoard) before = eb_test_copy_board (f->board);
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *data_copy = NULL;
  gint64 start = g_get_real_time ();
  gsize length = 0;
  char *json;

  json = eb_clipboard_serialize (f->board, f->selection, &length);
  data_copy = json;
  g_assert_nonnull (json);
  g_assert_cmpuint (strlen (json), ==, length);
  /* Copying changes nothing. */
  g_assert_false (eb_history_can_undo (f->history));

  g_assert_true (eb_clipboard_paste (f->history, json, length, 1000, 2000, &pasted, &error));
  g_assert_no_error (error);
  assert_pasted (f, f->board, pasted, 1000, 2000);
  g_assert_cmpuint (eb_board_get_n_items (f->board), ==, eb_board_get_n_items (before) + 4);

  /* New items are new: created now, all ids unique. */
  for (guint i = 0; i < pasted->len; i++)
    {
      EbItem *item = g_ptr_array_index (pasted, i);

      g_assert_cmpint (eb_item_get_created (item), >=, start);
      g_assert_true (g_hash_table_add (ids, (gpointer) eb_item_get_id (item)));
      g_assert_null (eb_board_lookup (before, eb_item_get_id (item)));
    }

  /* Pasted on top of the drawing order. */
  g_assert_cmpuint (eb_board_get_position (f->board, EB_ITEM (find_card (pasted, "Assad and family in Moscow"))),
                    ==, 6);

  /* One undo step takes it all away. */
  g_assert_cmpstr (eb_history_get_undo_label (f->history), ==, "Paste");
  g_assert_true (eb_history_undo (f->history));
  eb_test_assert_boards_equal (f->board, before);
  g_assert_false (eb_history_can_undo (f->history));

  /* Pasting twice gives two sets of ids. */
  g_assert_true (eb_history_redo (f->history));
  g_assert_true (eb_clipboard_paste (f->history, json, length, -50, -50, &again, NULL));
  assert_pasted (f, f->board, again, -50, -50);
  for (guint i = 0; i < again->len; i++)
    g_assert_true (g_hash_table_add (ids, (gpointer) eb_item_get_id (g_ptr_array_index (again, i))));
}

/* A paste the board refuses halfway is taken back whole, and the step
 * the user could redo is still there to redo. Ids are random, from GLib's
 * generator, so the same seed gives a second paste the same ids as a
 * first one into another board: a card that takes the second pasted
 * item's id beforehand makes the board refuse the paste at that item. */
static void
test_paste_failed_keeps_redo (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(EbBoard) scratch = eb_board_new ();
  g_autoptr(EbHistory) scratch_history = eb_history_new (scratch);
  g_autoptr(GPtrArray) foreseen = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(EbBoard) before = NULL;
  g_autoptr(EbCard) squatter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const guint32 seed = 20241208;
  gsize length = 0;

  json = eb_clipboard_serialize (f->board, f->selection, &length);

  g_random_set_seed (seed);
  g_assert_true (eb_clipboard_paste (scratch_history, json, length, 0, 0, &foreseen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (foreseen->len, >=, 2);

  squatter = g_object_new (EB_TYPE_CARD, "id", eb_item_get_id (g_ptr_array_index (foreseen, 1)),
                           "title", "Squatter", NULL);
  g_assert_true (eb_board_add (f->board, EB_ITEM (squatter), NULL));

  /* Something to redo. */
  eb_history_set (f->history, f->assad, "title", "Bashar Hafez al-Assad", NULL);
  g_assert_true (eb_history_undo (f->history));
  g_assert_true (eb_history_can_redo (f->history));
  before = eb_test_copy_board (f->board);

  g_random_set_seed (seed);
  g_assert_false (eb_clipboard_paste (f->history, json, length, 0, 0, &pasted, &error));
  g_assert_error (error, EB_CLIPBOARD_ERROR, EB_CLIPBOARD_ERROR_TOO_LARGE);
  g_assert_null (pasted);

  /* Nothing of it on the board, nothing to undo, the redo intact. */
  eb_test_assert_boards_equal (f->board, before);
  g_assert_false (eb_history_can_undo (f->history));
  g_assert_true (eb_history_can_redo (f->history));
  g_assert_true (eb_history_redo (f->history));
  g_assert_cmpstr (eb_card_get_title (f->assad), ==, "Bashar Hafez al-Assad");
  g_assert_cmpuint (eb_board_get_n_items (f->board), ==, eb_board_get_n_items (before));
}

static void
test_paste_other_board (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(EbBoard) other = eb_board_new ();
  g_autoptr(EbHistory) history = eb_history_new (other);
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gsize length;

  /* The other board has a card already, at the paste point. */
  add_card (other, EB_CARD_KIND_NOTE, "Other story", 0, 0);

  json = eb_clipboard_serialize (f->board, f->selection, &length);
  g_assert_true (eb_clipboard_paste (history, json, length, 0, 0, &pasted, &error));
  g_assert_no_error (error);
  assert_pasted (f, other, pasted, 0, 0);
  g_assert_cmpuint (eb_board_get_n_items (other), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (other)), ==, 1);
  /* The title is the receiving board's. */
  g_assert_null (eb_board_get_title (other));

  g_assert_true (eb_history_undo (history));
  g_assert_cmpuint (eb_board_get_n_items (other), ==, 1);
}

static void
test_frames (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) pasted = NULL;
  g_autofree char *json = NULL;
  EbFrame *frame = NULL;
  gsize length;

  g_ptr_array_add (f->selection, f->moscow);
  json = eb_clipboard_serialize (f->board, f->selection, &length);
  /* The frame's corner (40, 80) is now the group's top-left. */
  g_assert_true (eb_clipboard_paste (f->history, json, length, 0, 0, &pasted, NULL));
  g_assert_cmpuint (pasted->len, ==, 5);
  for (guint i = 0; i < pasted->len; i++)
    if (EB_IS_FRAME (g_ptr_array_index (pasted, i)))
      frame = g_ptr_array_index (pasted, i);
  g_assert_nonnull (frame);
  g_assert_cmpstr (eb_frame_get_label (frame), ==, "Moscow");
  g_assert_cmpfloat (eb_frame_get_x (frame), ==, 0);
  g_assert_cmpfloat (eb_frame_get_y (frame), ==, 0);
  g_assert_cmpfloat (eb_frame_get_width (frame), ==, 900);
  g_assert_cmpfloat (eb_card_get_x (find_card (pasted, "Bashar al-Assad")), ==, 60);
  g_assert_cmpfloat (eb_card_get_y (find_card (pasted, "Bashar al-Assad")), ==, 120);
}

/* A link to a frame goes with the frame and its card, and is pasted
 * joining the pasted frame, with its sides; without the frame, it stays. */
static void
test_link_to_frame (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(EbLink) fled = eb_link_new (eb_item_get_id (EB_ITEM (f->assad)), eb_item_get_id (EB_ITEM (f->moscow)),
                                        EB_LINK_KIND_RELATED, "fled to");
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GPtrArray) alone = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_alone = NULL;
  EbFrame *frame = NULL;
  EbLink *link = NULL;
  gsize length;

  g_object_set (fled, "to-side", EB_LINK_SIDE_LEFT, NULL);
  g_object_set (f->moscow, "background", "moscow.png", NULL);
  g_assert_true (eb_board_add (f->board, EB_ITEM (fled), NULL));

  g_ptr_array_add (f->selection, f->moscow);
  json = eb_clipboard_serialize (f->board, f->selection, &length);
  g_assert_true (eb_clipboard_paste (f->history, json, length, 2000, 2000, &pasted, NULL));
  for (guint i = 0; i < pasted->len; i++)
    {
      EbItem *item = g_ptr_array_index (pasted, i);

      if (EB_IS_FRAME (item))
        frame = EB_FRAME (item);
      else if (EB_IS_LINK (item) && g_strcmp0 (eb_link_get_label (EB_LINK (item)), "fled to") == 0)
        link = EB_LINK (item);
    }
  g_assert_nonnull (frame);
  g_assert_nonnull (link);
  g_assert_cmpstr (eb_frame_get_background (frame), ==, "moscow.png");
  g_assert_cmpstr (eb_link_get_to_id (link), ==, eb_item_get_id (EB_ITEM (frame)));
  g_assert_cmpstr (eb_link_get_from_id (link), ==, eb_item_get_id (EB_ITEM (find_card (pasted, "Bashar al-Assad"))));
  g_assert_cmpint (eb_link_get_to_side (link), ==, EB_LINK_SIDE_LEFT);

  /* The card alone: the link has nothing to join in the copy. */
  g_ptr_array_set_size (f->selection, 0);
  g_ptr_array_add (f->selection, f->assad);
  json_alone = eb_clipboard_serialize (f->board, f->selection, &length);
  g_assert_true (eb_clipboard_paste (f->history, json_alone, length, -2000, -2000, &alone, NULL));
  for (guint i = 0; i < alone->len; i++)
    g_assert_false (EB_IS_LINK (g_ptr_array_index (alone, i)));
}

static void
test_cut (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(EbBoard) before = eb_test_copy_board (f->board);
  g_autoptr(EbBoard) after_cut = NULL;
  g_autoptr(GPtrArray) pasted = NULL;
  g_autofree char *json = NULL;
  g_autofree char *lavrov_id = g_strdup (eb_item_get_id (EB_ITEM (f->lavrov)));
  g_autofree char *assad_id = g_strdup (eb_item_get_id (EB_ITEM (f->assad)));
  gsize length;

  json = eb_clipboard_cut (f->history, f->selection, &length);
  g_assert_nonnull (json);

  /* The three cards and both links of Assad's are gone, Lavrov stays. */
  g_assert_null (eb_board_lookup (f->board, assad_id));
  g_assert_nonnull (eb_board_lookup (f->board, lavrov_id));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (f->board)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (f->board)), ==, 0);
  g_assert_cmpstr (eb_history_get_undo_label (f->history), ==, "Cut");
  after_cut = eb_test_copy_board (f->board);

  /* One undo step brings everything back, where it was. */
  g_assert_true (eb_history_undo (f->history));
  eb_test_assert_boards_equal (f->board, before);
  g_assert_false (eb_history_can_undo (f->history));

  g_assert_true (eb_history_redo (f->history));
  eb_test_assert_boards_equal (f->board, after_cut);

  /* What was cut pastes back: the cards and the link among them. */
  g_assert_true (eb_clipboard_paste (f->history, json, length, 100, 150, &pasted, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (f->board)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (f->board)), ==, 1);
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(EbBoard) before = eb_test_copy_board (f->board);
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (eb_clipboard_duplicate (f->history, f->selection, 24, 24, &copies, &error));
  g_assert_no_error (error);
  assert_pasted (f, f->board, copies, 124, 174);
  g_assert_cmpstr (eb_history_get_undo_label (f->history), ==, "Duplicate");

  g_assert_true (eb_history_undo (f->history));
  eb_test_assert_boards_equal (f->board, before);
}

static void
test_paste_text (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  EbCard *card = NULL;
  guint n = eb_board_get_n_items (f->board);

  g_assert_true (eb_clipboard_paste_text (f->history,
                                          "  Jaafari denied asking for asylum.\r\nSource: SANA, 2025-04-08 \n\n",
                                          320, 480, &card, &error));
  g_assert_no_error (error);
  g_assert_nonnull (card);
  g_assert_cmpint (eb_card_get_kind (card), ==, EB_CARD_KIND_NOTE);
  g_assert_cmpstr (eb_card_get_notes (card), ==, "Jaafari denied asking for asylum.\nSource: SANA, 2025-04-08");
  g_assert_null (eb_card_get_url (card));
  g_assert_cmpfloat (eb_card_get_x (card), ==, 320);
  g_assert_cmpfloat (eb_card_get_y (card), ==, 480);
  g_assert_true (eb_board_lookup (f->board, eb_item_get_id (EB_ITEM (card))) == EB_ITEM (card));
  id = g_strdup (eb_item_get_id (EB_ITEM (card)));

  g_assert_true (eb_history_undo (f->history));
  g_assert_null (eb_board_lookup (f->board, id));
  g_assert_cmpuint (eb_board_get_n_items (f->board), ==, n);
}

static void
test_paste_url (Fixture       *f,
                gconstpointer  data)
{
  const char *notes[] = {
    "ftp://example.com/file",
    "https://www.reuters.com/world/ two words",
    "https://",
    "javascript:alert(1)",
    "https://reuters.com/a\nhttps://tass.com/b",
    "www.reuters.com",
  };
  EbCard *card = NULL;

  g_assert_true (eb_clipboard_paste_text (f->history,
                                          " https://www.reuters.com/world/middle-east/assad-moscow-2024-12-09/?utm=x#top\n",
                                          0, 0, &card, NULL));
  g_assert_cmpint (eb_card_get_kind (card), ==, EB_CARD_KIND_SOURCE);
  g_assert_cmpstr (eb_card_get_url (card), ==,
                   "https://www.reuters.com/world/middle-east/assad-moscow-2024-12-09/?utm=x#top");
  g_assert_cmpstr (eb_card_get_title (card), ==, eb_card_get_url (card));
  g_assert_cmpstr (eb_card_get_publisher (card), ==, "reuters.com");

  g_assert_true (eb_clipboard_paste_text (f->history, "HTTP://tass.com/world/1886361", 0, 0, &card, NULL));
  g_assert_cmpint (eb_card_get_kind (card), ==, EB_CARD_KIND_SOURCE);
  g_assert_cmpstr (eb_card_get_publisher (card), ==, "tass.com");

  /* Anything else that looks a bit like an address is a note. */
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_assert_true (eb_clipboard_paste_text (f->history, notes[i], 0, 0, &card, NULL));
      g_assert_cmpint (eb_card_get_kind (card), ==, EB_CARD_KIND_NOTE);
      g_assert_cmpstr (eb_card_get_notes (card), ==, notes[i]);
      g_assert_null (eb_card_get_url (card));
    }
}

/* Hostile or useless clipboard data: a clear error, the board as it was,
 * nothing to undo. */
static void
assert_refused (Fixture    *f,
                EbBoard    *before,
                const char *data,
                gsize       length,
                int         code)
{
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (eb_clipboard_paste (f->history, data, length, 0, 0, &pasted, &error));
  g_assert_error (error, EB_CLIPBOARD_ERROR, code);
  g_assert_null (pasted);
  g_assert_cmpuint (strlen (error->message), >, 0);
  g_assert_null (strchr (error->message, '\n'));
  g_test_message ("refused: %s", error->message);
  eb_test_assert_boards_equal (f->board, before);
  g_assert_false (eb_history_can_undo (f->history));
}

static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(EbBoard) before = eb_test_copy_board (f->board);
  g_autoptr(GString) deep = g_string_new ("{\"format\": \"evidence-board\", \"version\": 1, \"cards\": [");
  g_autoptr(GString) huge = g_string_new ("{\"format\": \"evidence-board\", \"version\": 1, \"cards\": "
                                          "[{\"id\": \"a\", \"kind\": \"note\", \"x\": 0, \"y\": 0, \"notes\": \"");
  g_autofree char *big_text = NULL;
  g_autoptr(GError) error = NULL;
  EbCard *card = NULL;
  const char *dangling =
    "{\"format\": \"evidence-board\", \"version\": 1,"
    " \"cards\": [{\"id\": \"a\", \"kind\": \"person\", \"x\": 0, \"y\": 0, \"title\": \"A\"}],"
    " \"links\": [{\"id\": \"l\", \"from\": \"a\", \"to\": \"nowhere\", \"kind\": \"related\"}]}";
  const char *duplicate =
    "{\"format\": \"evidence-board\", \"version\": 1,"
    " \"cards\": [{\"id\": \"a\", \"kind\": \"person\", \"x\": 0, \"y\": 0},"
    "             {\"id\": \"a\", \"kind\": \"note\", \"x\": 5, \"y\": 5}]}";
  const char *out_of_range =
    "{\"format\": \"evidence-board\", \"version\": 1,"
    " \"cards\": [{\"id\": \"a\", \"kind\": \"person\", \"x\": 1e300, \"y\": 0}]}";
  const char *empty = "{\"format\": \"evidence-board\", \"version\": 1, \"cards\": []}";
  static const char with_nul[] = "{\"format\": \"evidence-board\",\0 \"version\": 1, \"cards\": []}";
  static const char not_utf8[] = "{\"format\": \"evidence-board\", \"version\": 1, \"cards\": [\"\xff\"]}";

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (gsize i = 0; i < 2 * 1024 * 1024; i++)
    g_string_append_c (huge, 'x');
  g_string_append (huge, "\"}]}");

  assert_refused (f, before, "", 0, EB_CLIPBOARD_ERROR_EMPTY);
  assert_refused (f, before, "not json", 8, EB_CLIPBOARD_ERROR_INVALID);
  assert_refused (f, before, "Bashar al-Assad", 15, EB_CLIPBOARD_ERROR_INVALID);
  assert_refused (f, before, "[1, 2, 3]", 9, EB_CLIPBOARD_ERROR_INVALID);
  assert_refused (f, before, "{\"nodes\": [], \"edges\": []}", 26, EB_CLIPBOARD_ERROR_INVALID);
  assert_refused (f, before, deep->str, deep->len, EB_CLIPBOARD_ERROR_INVALID);
  assert_refused (f, before, dangling, strlen (dangling), EB_CLIPBOARD_ERROR_INVALID);
  assert_refused (f, before, duplicate, strlen (duplicate), EB_CLIPBOARD_ERROR_INVALID);
  assert_refused (f, before, out_of_range, strlen (out_of_range), EB_CLIPBOARD_ERROR_INVALID);
  assert_refused (f, before, with_nul, sizeof with_nul - 1, EB_CLIPBOARD_ERROR_INVALID);
  assert_refused (f, before, not_utf8, sizeof not_utf8 - 1, EB_CLIPBOARD_ERROR_INVALID);
  assert_refused (f, before, huge->str, huge->len, EB_CLIPBOARD_ERROR_TOO_LARGE);
  assert_refused (f, before, empty, strlen (empty), EB_CLIPBOARD_ERROR_EMPTY);

  /* Plain text: 2 MB is more than a card holds; a whole text of spaces is
   * nothing; bytes that are not UTF-8 are refused. */
  big_text = g_strnfill (2 * 1024 * 1024, 'a');
  g_assert_false (eb_clipboard_paste_text (f->history, big_text, 0, 0, &card, &error));
  g_assert_error (error, EB_CLIPBOARD_ERROR, EB_CLIPBOARD_ERROR_TOO_LARGE);
  g_assert_null (card);
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);

  g_assert_false (eb_clipboard_paste_text (f->history, " \r\n\t ", 0, 0, &card, &error));
  g_assert_error (error, EB_CLIPBOARD_ERROR, EB_CLIPBOARD_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_false (eb_clipboard_paste_text (f->history, "caf\xe9", 0, 0, &card, &error));
  g_assert_error (error, EB_CLIPBOARD_ERROR, EB_CLIPBOARD_ERROR_INVALID);
  g_clear_error (&error);

  eb_test_assert_boards_equal (f->board, before);
  g_assert_false (eb_history_can_undo (f->history));

  /* Exactly as much as a card holds is fine. */
  big_text[EB_TEXT_MAX] = '\0';
  g_assert_true (eb_clipboard_paste_text (f->history, big_text, 0, 0, &card, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (eb_card_get_notes (card)), ==, EB_TEXT_MAX);
}

static void
test_edge_of_board (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) pasted = NULL;
  g_autofree char *json = NULL;
  EbCard *card = NULL;
  gsize length;

  /* Pasted at the far edge of the coordinate range, the group moves just
   * as far as it fits, keeping its shape. */
  json = eb_clipboard_serialize (f->board, f->selection, &length);
  g_assert_true (eb_clipboard_paste (f->history, json, length, EB_COORD_MAX, EB_COORD_MAX, &pasted, NULL));
  g_assert_cmpfloat (eb_card_get_x (find_card (pasted, "Vladimir Putin")), ==, EB_COORD_MAX);
  g_assert_cmpfloat (eb_card_get_x (find_card (pasted, "Bashar al-Assad")), ==, EB_COORD_MAX - 400);
  g_assert_cmpfloat (eb_card_get_y (find_card (pasted, "Assad and family in Moscow")), ==, EB_COORD_MAX);

  g_assert_true (eb_clipboard_paste_text (f->history, "x", -1e9, 1e9, &card, NULL));
  g_assert_cmpfloat (eb_card_get_x (card), ==, -EB_COORD_MAX);
  g_assert_cmpfloat (eb_card_get_y (card), ==, EB_COORD_MAX);
}

static void
test_mime_type (void)
{
  g_assert_cmpstr (EB_CLIPBOARD_MIME_TYPE, ==, "application/x-evidence-board+json");
  g_assert_true (g_utf8_validate (EB_CLIPBOARD_MIME_TYPE, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/eb/clipboard/copy-paste", test_copy_paste);
  ADD ("/eb/clipboard/failed-paste-keeps-redo", test_paste_failed_keeps_redo);
  ADD ("/eb/clipboard/other-board", test_paste_other_board);
  ADD ("/eb/clipboard/frames", test_frames);
  ADD ("/eb/clipboard/link-to-frame", test_link_to_frame);
  ADD ("/eb/clipboard/cut", test_cut);
  ADD ("/eb/clipboard/duplicate", test_duplicate);
  ADD ("/eb/clipboard/text/note", test_paste_text);
  ADD ("/eb/clipboard/text/url", test_paste_url);
  ADD ("/eb/clipboard/hostile", test_hostile);
  ADD ("/eb/clipboard/edge-of-board", test_edge_of_board);
  g_test_add_func ("/eb/clipboard/mime-type", test_mime_type);

#undef ADD

  return g_test_run ();
}
