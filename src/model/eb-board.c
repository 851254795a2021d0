/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-board"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "eb-board.h"
#include "eb-limits.h"

/* A board holds its cards, links and frames in three list stores (their
 * order is the drawing order) and an index by id. It re-emits every
 * change of an item it holds as one signal, so storage can mirror the
 * board without watching each item itself. */
struct _EbBoard
{
  GObject      parent_instance;
  char        *title;
  GListStore  *cards;
  GListStore  *links;
  GListStore  *frames;
  GHashTable  *by_id;       /* id → EbItem (borrowed from the stores) */
  GHashTable  *links_of;    /* card or frame id → GPtrArray of the EbLinks at it */
  /* Each list's order again, as GSequences whose iterators know their
   * position in logarithmic time: GListStore only finds an item by
   * walking the list, which made undoing a 20,000-item import (each
   * removal asking where its item is) take seconds. */
  GSequence   *card_order;
  GSequence   *link_order;
  GSequence   *frame_order;
  GHashTable  *places;      /* EbItem → its GSequenceIter in its list's order */
  guint        batch_depth;
};

G_DEFINE_FINAL_TYPE (EbBoard, eb_board, G_TYPE_OBJECT)

G_DEFINE_QUARK (eb-board-error-quark, eb_board_error)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

enum {
  ITEM_ADDED,
  ITEM_REMOVED,
  ITEM_CHANGED,
  ITEM_REORDERED,
  BATCH_BEGUN,
  BATCH_ENDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GListStore *
store_for_item (EbBoard *self,
                EbItem  *item)
{
  if (EB_IS_CARD (item))
    return self->cards;
  if (EB_IS_LINK (item))
    return self->links;
  return self->frames;
}

static GSequence *
order_for_item (EbBoard *self,
                EbItem  *item)
{
  if (EB_IS_CARD (item))
    return self->card_order;
  if (EB_IS_LINK (item))
    return self->link_order;
  return self->frame_order;
}

/* Keeps the order index in step with g_list_store_insert (). */
static void
place_item (EbBoard *self,
            EbItem  *item,
            guint    position)
{
  GSequence *order = order_for_item (self, item);
  GSequenceIter *place;

  /* Most items go on top (opening, importing): no need to find where. */
  if (position >= (guint) g_sequence_get_length (order))
    place = g_sequence_append (order, item);
  else
    place = g_sequence_insert_before (g_sequence_get_iter_at_pos (order, position), item);
  g_hash_table_insert (self->places, item, place);
}

/* Links are indexed by the cards and frames they join, so that removing
 * one or drawing the links of the cards in view does not walk every link. */
static void
index_link_end (EbBoard    *self,
                const char *card_id,
                EbLink     *link,
                gboolean    add)
{
  GPtrArray *links;

  if (card_id == NULL)
    return;

  links = g_hash_table_lookup (self->links_of, card_id);
  if (add)
    {
      if (links == NULL)
        {
          links = g_ptr_array_new ();
          g_hash_table_insert (self->links_of, g_strdup (card_id), links);
        }
      g_ptr_array_add (links, link);
    }
  else if (links != NULL)
    {
      g_ptr_array_remove_fast (links, link);
      if (links->len == 0)
        g_hash_table_remove (self->links_of, card_id);
    }
}

static void
index_link (EbBoard  *self,
            EbLink   *link,
            gboolean  add)
{
  const char *from = eb_link_get_from_id (link);
  const char *to = eb_link_get_to_id (link);

  index_link_end (self, from, link, add);
  if (g_strcmp0 (from, to) != 0)
    index_link_end (self, to, link, add);
}

static void
on_item_notify (EbItem     *item,
                GParamSpec *pspec,
                EbBoard    *self)
{
  if (!eb_item_is_field (pspec))
    return;

  /* "modified" follows every other field; its own notify is re-emitted
   * like any field so storage writes it too. */
  if (g_strcmp0 (pspec->name, "modified") != 0)
    eb_item_set_modified (item, g_get_real_time ());

  g_signal_emit (self, signals[ITEM_CHANGED], g_param_spec_get_name_quark (pspec), item, pspec);
}

static void
eb_board_dispose (GObject *object)
{
  EbBoard *self = EB_BOARD (object);
  GListStore *stores[] = { self->cards, self->links, self->frames };

  for (guint s = 0; s < G_N_ELEMENTS (stores); s++)
    {
      guint n = stores[s] ? g_list_model_get_n_items (G_LIST_MODEL (stores[s])) : 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(EbItem) item = g_list_model_get_item (G_LIST_MODEL (stores[s]), i);
          g_signal_handlers_disconnect_by_func (item, on_item_notify, self);
        }
    }

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->links_of, g_hash_table_unref);
  g_clear_pointer (&self->places, g_hash_table_unref);
  g_clear_pointer (&self->card_order, g_sequence_free);
  g_clear_pointer (&self->link_order, g_sequence_free);
  g_clear_pointer (&self->frame_order, g_sequence_free);
  g_clear_object (&self->cards);
  g_clear_object (&self->links);
  g_clear_object (&self->frames);

  G_OBJECT_CLASS (eb_board_parent_class)->dispose (object);
}

static void
eb_board_finalize (GObject *object)
{
  EbBoard *self = EB_BOARD (object);

  g_free (self->title);

  G_OBJECT_CLASS (eb_board_parent_class)->finalize (object);
}

static void
eb_board_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  EbBoard *self = EB_BOARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_board_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  EbBoard *self = EB_BOARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      eb_board_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_board_class_init (EbBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eb_board_dispose;
  object_class->finalize = eb_board_finalize;
  object_class->get_property = eb_board_get_property;
  object_class->set_property = eb_board_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EbBoard::item-added:
   * @item: the card, link or frame now on the board
   */
  signals[ITEM_ADDED] =
    g_signal_new ("item-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, EB_TYPE_ITEM);
  /**
   * EbBoard::item-removed:
   * @item: the card, link or frame just taken off the board
   */
  signals[ITEM_REMOVED] =
    g_signal_new ("item-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, EB_TYPE_ITEM);
  /**
   * EbBoard::item-changed:
   * @item: an item on the board
   * @pspec: the field that changed; the signal is detailed by its name
   */
  signals[ITEM_CHANGED] =
    g_signal_new ("item-changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, EB_TYPE_ITEM, G_TYPE_PARAM);
  /**
   * EbBoard::item-reordered:
   * @item: a card, link or frame that moved within its list
   *
   * The item is now at eb_board_get_position() in the drawing order; the
   * items between its old and new place moved by one. The list has
   * already emitted #GListModel::items-changed.
   */
  signals[ITEM_REORDERED] =
    g_signal_new ("item-reordered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, EB_TYPE_ITEM);
  /**
   * EbBoard::batch-begun:
   *
   * Changes that belong together (a drag, an undo step) follow, until
   * #EbBoard::batch-ended. Storage writes them in one transaction.
   */
  signals[BATCH_BEGUN] =
    g_signal_new ("batch-begun", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[BATCH_ENDED] =
    g_signal_new ("batch-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
eb_board_init (EbBoard *self)
{
  self->cards = g_list_store_new (EB_TYPE_CARD);
  self->links = g_list_store_new (EB_TYPE_LINK);
  self->frames = g_list_store_new (EB_TYPE_FRAME);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->links_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  self->card_order = g_sequence_new (NULL);
  self->link_order = g_sequence_new (NULL);
  self->frame_order = g_sequence_new (NULL);
  self->places = g_hash_table_new (NULL, NULL);
}

/**
 * eb_board_new:
 *
 * Returns: (transfer full): an empty, untitled board
 */
EbBoard *
eb_board_new (void)
{
  return g_object_new (EB_TYPE_BOARD, NULL);
}

const char *
eb_board_get_title (EbBoard *self)
{
  g_return_val_if_fail (EB_IS_BOARD (self), NULL);
  return self->title;
}

/**
 * eb_board_set_title:
 * @self: a board
 * @title: (nullable): what the board is about
 */
void
eb_board_set_title (EbBoard    *self,
                    const char *title)
{
  g_return_if_fail (EB_IS_BOARD (self));
  g_return_if_fail (eb_text_is_valid (title, -1));

  if (title != NULL && title[0] == '\0')
    title = NULL;
  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * eb_board_get_cards:
 * @self: a board
 *
 * Returns: (transfer none): the cards, in drawing order, as #EbCard
 */
GListModel *
eb_board_get_cards (EbBoard *self)
{
  g_return_val_if_fail (EB_IS_BOARD (self), NULL);
  return G_LIST_MODEL (self->cards);
}

/**
 * eb_board_get_links:
 * @self: a board
 *
 * Returns: (transfer none): the links, as #EbLink
 */
GListModel *
eb_board_get_links (EbBoard *self)
{
  g_return_val_if_fail (EB_IS_BOARD (self), NULL);
  return G_LIST_MODEL (self->links);
}

/**
 * eb_board_get_frames:
 * @self: a board
 *
 * Returns: (transfer none): the frames, as #EbFrame
 */
GListModel *
eb_board_get_frames (EbBoard *self)
{
  g_return_val_if_fail (EB_IS_BOARD (self), NULL);
  return G_LIST_MODEL (self->frames);
}

/**
 * eb_board_get_n_items:
 * @self: a board
 *
 * Returns: cards, links and frames together
 */
guint
eb_board_get_n_items (EbBoard *self)
{
  g_return_val_if_fail (EB_IS_BOARD (self), 0);
  return g_hash_table_size (self->by_id);
}

/**
 * eb_board_lookup:
 * @self: a board
 * @id: an item id
 *
 * Returns: (transfer none) (nullable): the card, link or frame with @id
 */
EbItem *
eb_board_lookup (EbBoard    *self,
                 const char *id)
{
  g_return_val_if_fail (EB_IS_BOARD (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

/**
 * eb_board_lookup_card:
 * @self: a board
 * @id: a card id
 *
 * Returns: (transfer none) (nullable): the card with @id, if it is a card
 */
EbCard *
eb_board_lookup_card (EbBoard    *self,
                      const char *id)
{
  EbItem *item = eb_board_lookup (self, id);

  return EB_IS_CARD (item) ? EB_CARD (item) : NULL;
}

/**
 * eb_board_lookup_link_end:
 * @self: a board
 * @id: (nullable): the id at one end of a link
 *
 * Links join cards and frames (a JSON Canvas edge may end at a group),
 * never other links.
 *
 * Returns: (transfer none) (nullable): the card or frame with @id
 */
EbItem *
eb_board_lookup_link_end (EbBoard    *self,
                          const char *id)
{
  EbItem *item = eb_board_lookup (self, id);

  return item != NULL && !EB_IS_LINK (item) ? item : NULL;
}

/**
 * eb_board_add:
 * @self: a board
 * @item: a card, link or frame in no board
 * @error: where to say why it cannot be added
 *
 * Adds @item at the end of its list (on top of the others).
 *
 * Returns: %FALSE if the id is taken or a link's card is missing
 */
gboolean
eb_board_add (EbBoard  *self,
              EbItem   *item,
              GError  **error)
{
  return eb_board_insert (self, item, G_MAXUINT, error);
}

/**
 * eb_board_insert:
 * @self: a board
 * @item: a card, link or frame in no board
 * @position: where in its list, or %G_MAXUINT for the end
 * @error: where to say why it cannot be added
 *
 * Returns: %FALSE if the id is taken, a link's card is missing, or the
 *   board is full
 */
gboolean
eb_board_insert (EbBoard  *self,
                 EbItem   *item,
                 guint     position,
                 GError  **error)
{
  GListStore *store;
  const char *id;

  g_return_val_if_fail (EB_IS_BOARD (self), FALSE);
  g_return_val_if_fail (EB_IS_ITEM (item), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = eb_item_get_id (item);

  if (g_hash_table_contains (self->by_id, id))
    {
      g_set_error (error, EB_BOARD_ERROR, EB_BOARD_ERROR_DUPLICATE_ID,
                   _("Two items have the id “%s”"), id);
      return FALSE;
    }

  if (g_hash_table_size (self->by_id) >= EB_ITEMS_MAX)
    {
      g_set_error (error, EB_BOARD_ERROR, EB_BOARD_ERROR_TOO_MANY_ITEMS,
                   _("A board can hold at most %d items"), EB_ITEMS_MAX);
      return FALSE;
    }

  if (EB_IS_LINK (item))
    {
      const char *ends[] = { eb_link_get_from_id (EB_LINK (item)), eb_link_get_to_id (EB_LINK (item)) };

      for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
        if (eb_board_lookup_link_end (self, ends[i]) == NULL)
          {
            g_set_error (error, EB_BOARD_ERROR, EB_BOARD_ERROR_MISSING_CARD,
                         _("Link “%s” points to a card or frame that is not on the board (“%s”)"),
                         id, ends[i] ? ends[i] : "");
            return FALSE;
          }
    }

  store = store_for_item (self, item);
  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (store)));

  g_hash_table_insert (self->by_id, (char *) id, item);
  /* The order index first: listeners to items-changed may ask where it is. */
  place_item (self, item, position);
  g_list_store_insert (store, position, item);
  /* Plain connections: the board holds its items and disconnects them
   * when they leave, and a weak reference per item (connect_object) makes
   * disposing a large board quadratic. */
  g_signal_connect (item, "notify", G_CALLBACK (on_item_notify), self);
  if (EB_IS_LINK (item))
    index_link (self, EB_LINK (item), TRUE);

  g_signal_emit (self, signals[ITEM_ADDED], 0, item);

  return TRUE;
}

/**
 * eb_board_remove:
 * @self: a board
 * @item: an item on the board
 *
 * Takes @item off the board. A card or frame takes its links with it,
 * all in one batch.
 */
void
eb_board_remove (EbBoard *self,
                 EbItem  *item)
{
  g_autoptr(EbItem) hold = NULL;
  GListStore *store;
  GSequenceIter *place;
  guint position;

  g_return_if_fail (EB_IS_BOARD (self));
  g_return_if_fail (EB_IS_ITEM (item));
  g_return_if_fail (g_hash_table_lookup (self->by_id, eb_item_get_id (item)) == item);

  hold = g_object_ref (item);
  eb_board_begin_batch (self);

  if (!EB_IS_LINK (item))
    {
      g_autoptr(GPtrArray) links = eb_board_dup_links_of_card (self, eb_item_get_id (item));

      for (guint i = 0; i < links->len; i++)
        eb_board_remove (self, g_ptr_array_index (links, i));
    }

  store = store_for_item (self, item);
  place = g_hash_table_lookup (self->places, item);
  position = g_sequence_iter_get_position (place);
  g_sequence_remove (place);
  g_hash_table_remove (self->places, item);

  g_signal_handlers_disconnect_by_func (item, on_item_notify, self);
  if (EB_IS_LINK (item))
    index_link (self, EB_LINK (item), FALSE);
  g_hash_table_remove (self->by_id, eb_item_get_id (item));
  g_list_store_remove (store, position);

  g_signal_emit (self, signals[ITEM_REMOVED], 0, item);

  eb_board_end_batch (self);
}

/**
 * eb_board_get_position:
 * @self: a board
 * @item: an item on the board
 *
 * Costs the logarithm of the list's length, so callers need not avoid it
 * for items added on top.
 *
 * Returns: the index of @item in its list, so undo can put it back there,
 *   or %G_MAXUINT if it is not on the board
 */
guint
eb_board_get_position (EbBoard *self,
                       EbItem  *item)
{
  GSequenceIter *place;

  g_return_val_if_fail (EB_IS_BOARD (self), G_MAXUINT);

  place = g_hash_table_lookup (self->places, item);
  return place ? (guint) g_sequence_iter_get_position (place) : G_MAXUINT;
}

/**
 * eb_board_reorder:
 * @self: a board
 * @item: an item on the board
 * @position: its new index in its list (cards among cards, frames among
 *   frames), or %G_MAXUINT for the top
 *
 * Moves @item in the drawing order: the end of a list is drawn last, on
 * top. Emits #GListModel::items-changed on the list, then
 * #EbBoard::item-reordered.
 */
void
eb_board_reorder (EbBoard *self,
                  EbItem  *item,
                  guint    position)
{
  GListStore *store;
  guint old_position, n, first, count;
  g_autofree gpointer *moved = NULL;

  g_return_if_fail (EB_IS_BOARD (self));
  g_return_if_fail (EB_IS_ITEM (item));
  g_return_if_fail (g_hash_table_lookup (self->by_id, eb_item_get_id (item)) == item);

  store = store_for_item (self, item);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  old_position = eb_board_get_position (self, item);
  position = MIN (position, n - 1);

  if (position == old_position)
    return;

  /* One splice of the range between the two places, rather than a remove
   * and an insert: list views then see a single change in which the item
   * is still present, so GtkSingleSelection and GtkMultiSelection keep it
   * selected, and no listener ever sees the board without it. */
  first = MIN (old_position, position);
  count = MAX (old_position, position) - first + 1;
  moved = g_new (gpointer, count);
  for (guint i = 0; i < count; i++)
    moved[i] = g_list_model_get_item (G_LIST_MODEL (store), first + i);

  if (position > old_position)
    {
      /* [item, a, b, c] → [a, b, c, item] */
      gpointer held = moved[0];

      memmove (&moved[0], &moved[1], (count - 1) * sizeof (gpointer));
      moved[count - 1] = held;
    }
  else
    {
      /* [a, b, c, item] → [item, a, b, c] */
      gpointer held = moved[count - 1];

      memmove (&moved[1], &moved[0], (count - 1) * sizeof (gpointer));
      moved[0] = held;
    }

  g_sequence_remove (g_hash_table_lookup (self->places, item));
  place_item (self, item, position);
  g_list_store_splice (store, first, count, moved, count);
  for (guint i = 0; i < count; i++)
    g_object_unref (moved[i]);

  g_signal_emit (self, signals[ITEM_REORDERED], 0, item);
}

/**
 * eb_board_dup_links_of_card:
 * @self: a board
 * @card_id: the id of a card or frame
 *
 * Returns: (transfer full) (element-type EbLink): the links that start or
 *   end at the card or frame
 */
GPtrArray *
eb_board_dup_links_of_card (EbBoard    *self,
                            const char *card_id)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *links;

  g_return_val_if_fail (EB_IS_BOARD (self), result);

  links = card_id ? g_hash_table_lookup (self->links_of, card_id) : NULL;
  for (guint i = 0; links != NULL && i < links->len; i++)
    g_ptr_array_add (result, g_object_ref (g_ptr_array_index (links, i)));

  return result;
}

/**
 * eb_board_begin_batch:
 * @self: a board
 *
 * Starts a group of changes that belong together; batches nest. Storage
 * writes a batch in one transaction when the outermost one ends.
 */
void
eb_board_begin_batch (EbBoard *self)
{
  g_return_if_fail (EB_IS_BOARD (self));

  if (self->batch_depth++ == 0)
    g_signal_emit (self, signals[BATCH_BEGUN], 0);
}

/**
 * eb_board_end_batch:
 * @self: a board
 *
 * Ends the batch begun by the matching eb_board_begin_batch().
 */
void
eb_board_end_batch (EbBoard *self)
{
  g_return_if_fail (EB_IS_BOARD (self));
  g_return_if_fail (self->batch_depth > 0);

  if (--self->batch_depth == 0)
    g_signal_emit (self, signals[BATCH_ENDED], 0);
}

/**
 * eb_board_in_batch:
 * @self: a board
 *
 * Returns: %TRUE between eb_board_begin_batch() and its eb_board_end_batch()
 */
gboolean
eb_board_in_batch (EbBoard *self)
{
  g_return_val_if_fail (EB_IS_BOARD (self), FALSE);
  return self->batch_depth > 0;
}

static gboolean
lists_equal (GListModel  *a,
             GListModel  *b,
             const char  *what,
             char       **difference)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    {
      *difference = g_strdup_printf ("%s: %u against %u", what, n, g_list_model_get_n_items (b));
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbItem) ia = g_list_model_get_item (a, i);
      g_autoptr(EbItem) ib = g_list_model_get_item (b, i);

      if (!eb_item_equal (ia, ib))
        {
          *difference = g_strdup_printf ("%s %u (%s) differs", what, i, eb_item_get_id (ia));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * eb_board_equal:
 * @a: a board
 * @b: another board
 * @difference: (out) (optional) (transfer full): the first difference found
 *
 * Compares title and every field of every item, in order. Round-trip
 * tests use it.
 *
 * Returns: %TRUE if the boards hold the same data
 */
gboolean
eb_board_equal (EbBoard  *a,
                EbBoard  *b,
                char    **difference)
{
  g_autofree char *diff = NULL;
  gboolean equal;

  g_return_val_if_fail (EB_IS_BOARD (a), FALSE);
  g_return_val_if_fail (EB_IS_BOARD (b), FALSE);

  if (g_strcmp0 (a->title, b->title) != 0)
    {
      diff = g_strdup_printf ("title: “%s” against “%s”", a->title, b->title);
      equal = FALSE;
    }
  else
    equal = lists_equal (G_LIST_MODEL (a->cards), G_LIST_MODEL (b->cards), "card", &diff) &&
            lists_equal (G_LIST_MODEL (a->links), G_LIST_MODEL (b->links), "link", &diff) &&
            lists_equal (G_LIST_MODEL (a->frames), G_LIST_MODEL (b->frames), "frame", &diff);

  if (difference)
    *difference = g_steal_pointer (&diff);

  return equal;
}
