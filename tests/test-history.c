/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "eb-history.h"
#include "eb-store.h"
#include "eb-test-util.h"

typedef struct
{
  EbBoard   *board;
  EbHistory *history;
  EbCard    *assad;
  EbCard    *putin;
  EbCard    *tass;
  EbLink    *asylum;
  EbLink    *reported;
  guint      batches;
} Fixture;

static EbCard *
add_card (EbBoard    *board,
          EbCardKind  kind,
          const char *title,
          double      x)
{
  g_autoptr(EbCard) card = eb_card_new (kind);

  g_object_set (card, "title", title, "x", x, NULL);
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
on_batch_ended (EbBoard *board,
                Fixture *f)
{
  f->batches++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->board = eb_board_new ();
  f->assad = add_card (f->board, EB_CARD_KIND_PERSON, "Bashar al-Assad", 0);
  f->putin = add_card (f->board, EB_CARD_KIND_PERSON, "Vladimir Putin", 300);
  f->tass = add_card (f->board, EB_CARD_KIND_SOURCE, "TASS", 600);
  f->asylum = add_link (f->board, f->putin, f->assad, EB_LINK_KIND_RELATED, "granted asylum to");
  f->reported = add_link (f->board, f->assad, f->tass, EB_LINK_KIND_REPORTED_BY, NULL);
  f->history = eb_history_new (f->board);
  g_signal_connect (f->board, "batch-ended", G_CALLBACK (on_batch_ended), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->history);
  g_clear_object (&f->board);
}

/* Undo compares fields except "modified", which records when the undo
 * happened; put it back so eb_board_equal() checks everything else. */
static void
copy_modified_times (EbBoard *from,
                     EbBoard *to)
{
  GListModel *lists[] = { eb_board_get_cards (to), eb_board_get_links (to), eb_board_get_frames (to) };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(EbItem) item = g_list_model_get_item (lists[l], i);
        EbItem *original = eb_board_lookup (from, eb_item_get_id (item));

        if (original)
          eb_item_set_modified (item, eb_item_get_modified (original));
      }
}

static void
assert_boards_equal (EbBoard *expected,
                     EbBoard *actual)
{
  g_autofree char *difference = NULL;

  copy_modified_times (expected, actual);
  if (!eb_board_equal (expected, actual, &difference))
    g_error ("boards differ: %s", difference);
}

static void
test_set_undo_redo (Fixture       *f,
                    gconstpointer  data)
{
  g_assert_false (eb_history_can_undo (f->history));

  eb_history_set (f->history, f->assad, "x", 40.0, "y", 80.0, NULL);
  g_assert_cmpfloat (eb_card_get_x (f->assad), ==, 40);
  g_assert_cmpfloat (eb_card_get_y (f->assad), ==, 80);
  g_assert_true (eb_history_can_undo (f->history));
  g_assert_false (eb_history_can_redo (f->history));
  g_assert_cmpuint (f->batches, ==, 1);

  /* Both fields of the move come back in one step. */
  g_assert_true (eb_history_undo (f->history));
  g_assert_cmpfloat (eb_card_get_x (f->assad), ==, 0);
  g_assert_cmpfloat (eb_card_get_y (f->assad), ==, 0);
  g_assert_false (eb_history_can_undo (f->history));
  g_assert_true (eb_history_can_redo (f->history));
  g_assert_cmpuint (f->batches, ==, 2);

  g_assert_true (eb_history_redo (f->history));
  g_assert_cmpfloat (eb_card_get_x (f->assad), ==, 40);
  g_assert_cmpfloat (eb_card_get_y (f->assad), ==, 80);
  g_assert_false (eb_history_redo (f->history));

  /* A new edit forgets what could be redone. */
  g_assert_true (eb_history_undo (f->history));
  eb_history_set (f->history, f->tass, "grade", EB_GRADE_C, NULL);
  g_assert_false (eb_history_can_redo (f->history));
  g_assert_cmpint (eb_card_get_grade (f->tass), ==, EB_GRADE_C);

  /* Setting a field to the value it has is no step at all. */
  eb_history_set (f->history, f->tass, "grade", EB_GRADE_C, NULL);
  g_assert_true (eb_history_undo (f->history));
  g_assert_cmpint (eb_card_get_grade (f->tass), ==, EB_GRADE_NONE);
  g_assert_false (eb_history_can_undo (f->history));
}

static void
test_group_is_one_step (Fixture       *f,
                        gconstpointer  data)
{
  guint before = f->batches;

  eb_history_begin (f->history, "Move");
  for (guint i = 1; i <= 30; i++)
    eb_history_set (f->history, f->putin, "x", 300.0 + i, NULL);
  eb_history_set (f->history, f->assad, "x", 5.0, NULL);
  g_assert_false (eb_history_can_undo (f->history));
  eb_history_end (f->history);

  /* The whole drag was one transaction and is one undo step. */
  g_assert_cmpuint (f->batches, ==, before + 1);
  g_assert_cmpstr (eb_history_get_undo_label (f->history), ==, "Move");
  g_assert_true (eb_history_undo (f->history));
  g_assert_cmpfloat (eb_card_get_x (f->putin), ==, 300);
  g_assert_cmpfloat (eb_card_get_x (f->assad), ==, 0);
  g_assert_false (eb_history_can_undo (f->history));
  g_assert_cmpstr (eb_history_get_redo_label (f->history), ==, "Move");

  /* An empty step leaves no trace. */
  eb_history_begin (f->history, "Nothing");
  eb_history_end (f->history);
  g_assert_false (eb_history_can_undo (f->history));
  g_assert_true (eb_history_can_redo (f->history));
}

static void
test_typing_merges (Fixture       *f,
                    gconstpointer  data)
{
  const char *typed[] = { "R", "Ro", "Rol", "Role" };

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, typed[i]);
      eb_history_set_value (f->history, f->putin, "role", &value);
    }
  g_assert_cmpstr (eb_card_get_role (f->putin), ==, "Role");

  /* Another field is another step. */
  {
    g_auto(GValue) value = G_VALUE_INIT;

    g_value_init (&value, G_TYPE_STRING);
    g_value_set_string (&value, "Putin");
    eb_history_set_value (f->history, f->putin, "title", &value);
  }

  g_assert_true (eb_history_undo (f->history));
  g_assert_cmpstr (eb_card_get_title (f->putin), ==, "Vladimir Putin");
  g_assert_cmpstr (eb_card_get_role (f->putin), ==, "Role");
  g_assert_true (eb_history_undo (f->history));
  g_assert_null (eb_card_get_role (f->putin));
  g_assert_false (eb_history_can_undo (f->history));
}

static void
test_invalid_value_is_refused (Fixture       *f,
                               gconstpointer  data)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, 1e300);
  eb_history_set_value (f->history, f->assad, "x", &value);
  g_assert_cmpfloat (eb_card_get_x (f->assad), ==, 0);
  g_assert_false (eb_history_can_undo (f->history));
}

static void
test_remove_card_with_links (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(EbBoard) before = eb_test_copy_board (f->board);
  g_autofree char *assad_id = g_strdup (eb_item_get_id (EB_ITEM (f->assad)));
  guint batches = f->batches;

  eb_history_remove (f->history, EB_ITEM (f->assad));
  g_assert_null (eb_board_lookup (f->board, assad_id));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (f->board)), ==, 0);
  g_assert_cmpuint (f->batches, ==, batches + 1);

  /* Assad comes back first in the list, with both links, every field as before. */
  g_assert_true (eb_history_undo (f->history));
  assert_boards_equal (before, f->board);

  g_assert_true (eb_history_redo (f->history));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_cards (f->board)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (f->board)), ==, 0);
  g_assert_true (eb_history_undo (f->history));
  assert_boards_equal (before, f->board);
}

static void
test_ids_not_pointers (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = g_strdup (eb_item_get_id (EB_ITEM (f->tass)));
  EbCard *restored;

  eb_history_set (f->history, f->tass, "title", "TASS report", NULL);
  eb_history_remove (f->history, EB_ITEM (f->tass));
  g_assert_true (eb_history_undo (f->history));

  /* The card now on the board is a new object; the older step finds it by id. */
  restored = eb_board_lookup_card (f->board, id);
  g_assert_nonnull (restored);
  g_assert_cmpstr (eb_card_get_title (restored), ==, "TASS report");
  g_assert_true (eb_history_undo (f->history));
  g_assert_cmpstr (eb_card_get_title (restored), ==, "TASS");
  g_assert_true (eb_history_redo (f->history));
  g_assert_true (eb_history_redo (f->history));
  g_assert_null (eb_board_lookup (f->board, id));
}

static void
test_add_undo (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(EbCard) note = eb_card_new (EB_CARD_KIND_NOTE);
  g_autoptr(EbLink) link = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note_id = g_strdup (eb_item_get_id (EB_ITEM (note)));

  g_object_set (note, "notes", "Did he ask?", NULL);
  g_assert_true (eb_history_add (f->history, EB_ITEM (note), &error));
  g_assert_no_error (error);
  link = eb_link_new (note_id, eb_item_get_id (EB_ITEM (f->tass)), EB_LINK_KIND_SUPPORTS, NULL);
  g_assert_true (eb_history_add (f->history, EB_ITEM (link), NULL));

  /* A refused add records nothing. */
  g_assert_false (eb_history_add (f->history, EB_ITEM (link), &error));
  g_assert_error (error, EB_BOARD_ERROR, EB_BOARD_ERROR_DUPLICATE_ID);

  g_assert_true (eb_history_undo (f->history));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (f->board)), ==, 2);
  g_assert_true (eb_history_undo (f->history));
  g_assert_null (eb_board_lookup (f->board, note_id));
  g_assert_true (eb_history_redo (f->history));
  g_assert_true (eb_history_redo (f->history));
  g_assert_cmpstr (eb_card_get_notes (eb_board_lookup_card (f->board, note_id)), ==, "Did he ask?");
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (f->board)), ==, 3);
}

static void
test_board_title (Fixture       *f,
                  gconstpointer  data)
{
  eb_history_set (f->history, f->board, "title", "Assad in Moscow", NULL);
  g_assert_cmpstr (eb_board_get_title (f->board), ==, "Assad in Moscow");
  g_assert_true (eb_history_undo (f->history));
  g_assert_null (eb_board_get_title (f->board));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_clear_and_notify (Fixture       *f,
                       gconstpointer  data)
{
  guint can_undo_changes = 0;

  g_signal_connect (f->history, "notify::can-undo", G_CALLBACK (count_notify), &can_undo_changes);
  eb_history_set (f->history, f->assad, "place", "Moscow", NULL);
  g_assert_cmpuint (can_undo_changes, ==, 1);
  eb_history_set (f->history, f->assad, "notes", "Fled on 8 December", NULL);
  g_assert_cmpuint (can_undo_changes, ==, 1);
  eb_history_clear (f->history);
  g_assert_cmpuint (can_undo_changes, ==, 2);
  g_assert_false (eb_history_can_undo (f->history));
  g_assert_false (eb_history_undo (f->history));
  g_assert_cmpstr (eb_card_get_notes (f->assad), ==, "Fled on 8 December");
}

/* Escape during a drag: the moves made so far are put back, the board's
 * batch closes once, and neither an undo step nor the redo stack is
 * touched. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(EbBoard) before = NULL;
  g_autoptr(EbCard) card = eb_card_new (EB_CARD_KIND_NOTE);
  guint batches;

  /* Something to undo and something to redo, to see they are kept. */
  eb_history_set (f->history, f->tass, "grade", EB_GRADE_B, NULL);
  eb_history_set (f->history, f->assad, "notes", "Fled", NULL);
  g_assert_true (eb_history_undo (f->history));
  g_assert_true (eb_history_can_undo (f->history));
  g_assert_true (eb_history_can_redo (f->history));
  g_assert_cmpstr (eb_history_get_undo_label (f->history), ==, NULL);

  before = eb_test_copy_board (f->board);
  batches = f->batches;

  eb_history_begin (f->history, "Move");
  for (guint i = 1; i <= 10; i++)
    {
      eb_history_set (f->history, f->putin, "x", 300.0 + 10 * i, "y", 5.0 * i, NULL);
      eb_history_set (f->history, f->assad, "x", 2.0 * i, NULL);
    }
  g_assert_true (eb_history_add (f->history, EB_ITEM (card), NULL));
  eb_history_reorder (f->history, EB_ITEM (f->putin), 0);
  eb_history_remove (f->history, EB_ITEM (f->asylum));
  g_assert_cmpfloat (eb_card_get_x (f->putin), ==, 400);
  g_assert_cmpuint (f->batches, ==, batches);

  eb_history_cancel (f->history);

  /* Everything is back where it was, in one closed batch. */
  g_assert_cmpfloat (eb_card_get_x (f->putin), ==, 300);
  g_assert_cmpfloat (eb_card_get_y (f->putin), ==, 0);
  g_assert_cmpfloat (eb_card_get_x (f->assad), ==, 0);
  g_assert_null (eb_board_lookup (f->board, eb_item_get_id (EB_ITEM (card))));
  assert_boards_equal (before, f->board);
  g_assert_cmpuint (f->batches, ==, batches + 1);
  g_assert_false (eb_board_in_batch (f->board));

  /* No step was added: undo still undoes the grade, redo the notes. */
  g_assert_true (eb_history_can_undo (f->history));
  g_assert_true (eb_history_can_redo (f->history));
  g_assert_true (eb_history_redo (f->history));
  g_assert_cmpstr (eb_card_get_notes (f->assad), ==, "Fled");
  g_assert_true (eb_history_undo (f->history));
  g_assert_true (eb_history_undo (f->history));
  g_assert_cmpint (eb_card_get_grade (f->tass), ==, EB_GRADE_NONE);
  g_assert_false (eb_history_can_undo (f->history));

  /* A step cancelled before it recorded anything is fine too. */
  batches = f->batches;
  eb_history_begin (f->history, "Resize");
  eb_history_cancel (f->history);
  g_assert_cmpuint (f->batches, ==, batches + 1);
  g_assert_false (eb_history_can_undo (f->history));
}

/* ------------------------------------------------------------------ */
/* The save point                                                      */
/* ------------------------------------------------------------------ */

/* Edit, save, edit, undo: the board is the saved one again, as the
 * window's unsaved mark shows. Redo leaves it; undo past the save and an
 * edit there start another branch, from which nothing leads back. */
static void
test_saved_point (Fixture       *f,
                  gconstpointer  data)
{
  guint notified = 0;

  g_signal_connect (f->history, "notify::at-saved", G_CALLBACK (count_notify), &notified);

  /* Nothing is the saved board until someone says so. */
  g_assert_false (eb_history_is_at_saved (f->history));
  eb_history_mark_saved (f->history);
  g_assert_true (eb_history_is_at_saved (f->history));
  g_assert_cmpuint (notified, ==, 1);

  eb_history_set (f->history, f->assad, "role", "Former president", NULL);
  g_assert_false (eb_history_is_at_saved (f->history));
  eb_history_mark_saved (f->history);                     /* save */
  g_assert_true (eb_history_is_at_saved (f->history));

  eb_history_set (f->history, f->putin, "x", 420.0, NULL);  /* edit */
  g_assert_false (eb_history_is_at_saved (f->history));
  notified = 0;
  g_assert_true (eb_history_undo (f->history));            /* undo */
  g_assert_true (eb_history_is_at_saved (f->history));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (eb_history_redo (f->history));            /* redo */
  g_assert_false (eb_history_is_at_saved (f->history));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_true (eb_history_undo (f->history));
  g_assert_true (eb_history_is_at_saved (f->history));

  /* Undo past the save, and back. */
  g_assert_true (eb_history_undo (f->history));
  g_assert_false (eb_history_is_at_saved (f->history));
  g_assert_null (eb_card_get_role (f->assad));
  g_assert_true (eb_history_redo (f->history));
  g_assert_true (eb_history_is_at_saved (f->history));

  /* Undo past it, then edit: another branch. Undo and redo can no longer
   * reach the saved board, whose "Former president" role is gone from
   * every state the history holds. */
  g_assert_true (eb_history_undo (f->history));
  eb_history_set (f->history, f->tass, "title", "TASS agency", NULL);
  g_assert_false (eb_history_is_at_saved (f->history));
  g_assert_false (eb_history_can_redo (f->history));
  while (eb_history_undo (f->history))
    g_assert_false (eb_history_is_at_saved (f->history));
  while (eb_history_redo (f->history))
    g_assert_false (eb_history_is_at_saved (f->history));
  g_assert_null (eb_card_get_role (f->assad));

  /* Saving there makes it the saved board. */
  eb_history_mark_saved (f->history);
  g_assert_true (eb_history_is_at_saved (f->history));
}

/* Typing merges into the last step; if that step was saved, the board it
 * leaves is no longer the saved one, and undo goes back past the save. */
static void
test_saved_point_typing (Fixture       *f,
                         gconstpointer  data)
{
  {
    g_auto(GValue) value = G_VALUE_INIT;

    g_value_init (&value, G_TYPE_STRING);
    g_value_set_string (&value, "Bashar");
    eb_history_set_value (f->history, f->assad, "notes", &value);
    eb_history_mark_saved (f->history);
    g_assert_true (eb_history_is_at_saved (f->history));

    /* Within the merge interval: the same undo step. */
    g_value_set_string (&value, "Bashar al");
    eb_history_set_value (f->history, f->assad, "notes", &value);
  }
  g_assert_cmpstr (eb_card_get_notes (f->assad), ==, "Bashar al");
  g_assert_false (eb_history_is_at_saved (f->history));
  g_assert_true (eb_history_undo (f->history));
  g_assert_null (eb_card_get_notes (f->assad));
  g_assert_false (eb_history_is_at_saved (f->history));
  g_assert_true (eb_history_redo (f->history));
  g_assert_false (eb_history_is_at_saved (f->history));
}

/* A change that does not go through the history is in every state it can
 * reach: none is the saved board. A step that changed nothing (a
 * cancelled drag) leaves the board saved; clearing keeps it saved. */
static void
test_saved_point_outside (Fixture       *f,
                          gconstpointer  data)
{
  guint notified = 0;

  eb_history_mark_saved (f->history);
  g_signal_connect (f->history, "notify::at-saved", G_CALLBACK (count_notify), &notified);

  /* A drag, cancelled: not saved while it lasts, saved after. */
  eb_history_begin (f->history, "Move");
  eb_history_set (f->history, f->assad, "x", 50.0, NULL);
  g_assert_false (eb_history_is_at_saved (f->history));
  eb_history_cancel (f->history);
  g_assert_true (eb_history_is_at_saved (f->history));
  g_assert_cmpuint (notified, ==, 2);

  eb_history_clear (f->history);
  g_assert_true (eb_history_is_at_saved (f->history));

  eb_history_set (f->history, f->putin, "x", 1.0, NULL);
  g_object_set (f->assad, "role", "set directly", NULL);
  g_assert_false (eb_history_is_at_saved (f->history));
  g_assert_true (eb_history_undo (f->history));
  g_assert_false (eb_history_is_at_saved (f->history));
  g_assert_cmpstr (eb_card_get_role (f->assad), ==, "set directly");

  /* Adding directly counts too. */
  eb_history_mark_saved (f->history);
  g_assert_true (eb_history_is_at_saved (f->history));
  add_card (f->board, EB_CARD_KIND_NOTE, "added directly", 900);
  g_assert_false (eb_history_is_at_saved (f->history));
}

/* The working copy of a board undone back to its file is not offered
 * for recovery after a crash; one with an edit the file lacks is. */
static void
test_saved_point_recovery (void)
{
  g_autofree char *dir = g_dir_make_tmp ("eb-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "board.board", NULL);
  g_autofree char *working_dir = g_build_filename (dir, "working", NULL);
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(GError) error = NULL;

  add_card (board, EB_CARD_KIND_PERSON, "Bashar al-Jaafari", 0);
  g_assert_true (eb_store_write_file (board, path, &error));
  g_assert_no_error (error);

  for (guint undo = 0; undo < 2; undo++)
    {
      g_autoptr(EbStore) store = eb_store_open (path, working_dir, &error);
      g_autoptr(EbHistory) history = NULL;
      g_autoptr(GPtrArray) recoverable = NULL;
      EbCard *card;

      g_assert_no_error (error);
      history = eb_history_new (eb_store_get_board (store));
      eb_history_mark_saved (history);
      card = g_list_model_get_item (eb_board_get_cards (eb_store_get_board (store)), 0);
      g_object_unref (card);

      eb_history_set (history, card, "role", "Ambassador", NULL);
      g_assert_true (eb_store_get_dirty (store));
      if (undo)
        {
          g_assert_true (eb_history_undo (history));
          /* What the window does when the history is back at the save. */
          g_assert_true (eb_history_is_at_saved (history));
          eb_store_mark_clean (store);
          g_assert_false (eb_store_get_dirty (store));
        }

      /* A crash: the store goes without discarding its working copy. */
      g_clear_object (&history);
      g_clear_object (&store);
      recoverable = eb_store_list_recoverable (working_dir);
      g_assert_cmpuint (recoverable->len, ==, undo ? 0 : 1);

      /* Recovering gives back the edit; then throw it away. */
      for (guint i = 0; i < recoverable->len; i++)
        {
          g_autoptr(EbStore) recovered = eb_store_recover (g_ptr_array_index (recoverable, i), &error);
          g_autoptr(EbCard) recovered_card = NULL;

          g_assert_no_error (error);
          recovered_card = g_list_model_get_item (eb_board_get_cards (eb_store_get_board (recovered)), 0);
          g_assert_cmpstr (eb_card_get_role (recovered_card), ==, "Ambassador");
          eb_store_discard (recovered);
        }
    }
}

/* Undoing the delete of many cards puts their links back one by one at
 * the same place in the drawing order, more often than the working
 * copy's order keys can be halved there: the saved file still has every
 * item in the order the board shows. */
static void
test_undo_delete_order_saved (void)
{
  g_autofree char *dir = g_dir_make_tmp ("eb-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "board.board", NULL);
  g_autofree char *working_dir = g_build_filename (dir, "working", NULL);
  g_autoptr(EbStore) store = eb_store_new (working_dir, NULL);
  g_autoptr(EbHistory) history = NULL;
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  g_autoptr(EbBoard) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *difference = NULL;
  EbBoard *board;
  EbCard *previous = NULL;

  g_assert_nonnull (store);
  board = eb_store_get_board (store);
  history = eb_history_new (board);
  /* A link that stays, below those that go. */
  add_link (board, add_card (board, EB_CARD_KIND_PERSON, "Bashar al-Assad", 0),
            add_card (board, EB_CARD_KIND_PERSON, "Vladimir Putin", 0), EB_LINK_KIND_RELATED, NULL);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *title = g_strdup_printf ("Card %u", i);
      EbCard *card = add_card (board, EB_CARD_KIND_NOTE, title, i * 10.0);

      if (previous != NULL)
        add_link (board, previous, card, EB_LINK_KIND_RELATED, NULL);
      if (i % 2 == 0)
        g_ptr_array_add (doomed, card);
      previous = card;
    }

  eb_history_begin (history, "Delete");
  for (guint i = 0; i < doomed->len; i++)
    eb_history_remove (history, g_ptr_array_index (doomed, i));
  eb_history_end (history);
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (board)), ==, 1);
  g_assert_true (eb_history_undo (history));
  g_assert_cmpuint (g_list_model_get_n_items (eb_board_get_links (board)), ==, 300);

  g_assert_true (eb_store_save (store, path, &error));
  g_assert_no_error (error);
  saved = eb_store_read_file (path, &error);
  g_assert_no_error (error);
  if (!eb_board_equal (board, saved, &difference))
    g_error ("The saved board differs: %s", difference);
  eb_store_discard (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/eb/history/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("set-undo-redo", test_set_undo_redo);
  ADD ("group-is-one-step", test_group_is_one_step);
  ADD ("typing-merges", test_typing_merges);
  ADD ("invalid-value-is-refused", test_invalid_value_is_refused);
  ADD ("remove-card-with-links", test_remove_card_with_links);
  ADD ("ids-not-pointers", test_ids_not_pointers);
  ADD ("add-undo", test_add_undo);
  ADD ("board-title", test_board_title);
  ADD ("clear-and-notify", test_clear_and_notify);
  ADD ("cancel", test_cancel);
  ADD ("saved-point", test_saved_point);
  ADD ("saved-point/typing", test_saved_point_typing);
  ADD ("saved-point/outside", test_saved_point_outside);
  g_test_add_func ("/eb/history/saved-point/recovery", test_saved_point_recovery);
  g_test_add_func ("/eb/history/undo-delete-order-saved", test_undo_delete_order_saved);

#undef ADD

  return g_test_run ();
}
