/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "eb-canvas-private.h"

/* The canvas's selection: the set of selected items and the primary one
 * the inspector shows, the card with the keyboard focus ring, Tab through
 * the cards in reading order, and deleting what is selected. */

/* Makes @item (or nothing) the whole selection. */
void
_eb_canvas_set_selection (EbCanvas *self,
                          EbItem   *item)
{
  if (item != NULL && g_hash_table_size (self->selection) == 1 &&
      g_hash_table_contains (self->selection, item) && self->primary == item)
    return;
  if (item == NULL && g_hash_table_size (self->selection) == 0 && self->primary == NULL)
    return;

  g_hash_table_remove_all (self->selection);
  if (item != NULL)
    g_hash_table_add (self->selection, item);
  _eb_canvas_set_primary (self, item);
  _eb_canvas_selection_changed (self);
}

/* Adds @item to the selection, or takes it out if it is in it. */
void
_eb_canvas_toggle_selected (EbCanvas *self,
                            EbItem   *item)
{
  if (g_hash_table_remove (self->selection, item))
    {
      if (self->primary == item)
        {
          GHashTableIter iter;
          gpointer other = NULL;

          g_hash_table_iter_init (&iter, self->selection);
          if (!g_hash_table_iter_next (&iter, &other, NULL))
            other = NULL;
          _eb_canvas_set_primary (self, other);
        }
    }
  else
    {
      g_hash_table_add (self->selection, item);
      _eb_canvas_set_primary (self, item);
    }
  _eb_canvas_selection_changed (self);
}

void
_eb_canvas_set_focus_card (EbCanvas *self,
                           EbCard   *card)
{
  if (self->focus_card == card)
    return;
  self->focus_card = card;
  _eb_canvas_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static int
compare_top (gconstpointer a,
             gconstpointer b)
{
  EbCard *ca = *(EbCard **) a, *cb = *(EbCard **) b;
  double ya = eb_card_get_y (ca), yb = eb_card_get_y (cb);

  if (ya != yb)
    return ya < yb ? -1 : 1;
  return (eb_card_get_x (ca) > eb_card_get_x (cb)) - (eb_card_get_x (ca) < eb_card_get_x (cb));
}

static int
compare_left (gconstpointer a,
              gconstpointer b)
{
  EbCard *ca = *(EbCard **) a, *cb = *(EbCard **) b;
  double xa = eb_card_get_x (ca), xb = eb_card_get_x (cb);

  if (xa != xb)
    return xa < xb ? -1 : 1;
  return compare_top (a, b);
}

/* Returns: (transfer container): the board's cards as one reads them:
 * rows from top to bottom, a card joining the row its top overlaps
 * vertically, and each row left to right. */
GPtrArray *
_eb_canvas_reading_order (EbCanvas *self)
{
  GListModel *cards = eb_board_get_cards (self->board);
  guint n = g_list_model_get_n_items (cards);
  g_autoptr(GPtrArray) by_top = g_ptr_array_new_full (n, g_object_unref);
  GPtrArray *order = g_ptr_array_new_full (n, g_object_unref);
  guint row_start = 0;
  double row_bottom = -G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (by_top, g_list_model_get_item (cards, i));
  g_ptr_array_sort (by_top, compare_top);

  for (guint i = 0; i <= by_top->len; i++)
    {
      EbCard *card = i < by_top->len ? g_ptr_array_index (by_top, i) : NULL;

      if (card == NULL || eb_card_get_y (card) >= row_bottom)
        {
          /* The row ends: put it in order and start the next. */
          g_autoptr(GPtrArray) row = g_ptr_array_new ();

          for (guint j = row_start; j < i; j++)
            g_ptr_array_add (row, g_ptr_array_index (by_top, j));
          g_ptr_array_sort (row, compare_left);
          for (guint j = 0; j < row->len; j++)
            g_ptr_array_add (order, g_object_ref (g_ptr_array_index (row, j)));

          row_start = i;
          if (card != NULL)
            row_bottom = eb_card_get_y (card) + eb_card_get_height (card);
        }
      else
        row_bottom = MAX (row_bottom, eb_card_get_y (card) + eb_card_get_height (card) / 2);
    }

  return order;
}

/* Tab and Shift+Tab walk the cards in reading order, selecting each and
 * scrolling it into view; past the last card focus leaves the canvas. */
gboolean
_eb_canvas_focus (GtkWidget        *widget,
                  GtkDirectionType  direction)
{
  EbCanvas *self = EB_CANVAS (widget);
  g_autoptr(GPtrArray) order = NULL;
  gboolean forward;
  guint index = G_MAXUINT;
  EbCard *next;

  if (self->editor != NULL && gtk_widget_get_focus_child (widget) == self->editor)
    return FALSE;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    {
      if (gtk_widget_is_focus (widget))
        return FALSE;
      return gtk_widget_grab_focus (widget);
    }

  if (self->board == NULL)
    return FALSE;

  forward = direction == GTK_DIR_TAB_FORWARD;
  order = _eb_canvas_reading_order (self);
  if (order->len == 0)
    {
      if (gtk_widget_is_focus (widget))
        return FALSE;
      return gtk_widget_grab_focus (widget);
    }

  if (gtk_widget_is_focus (widget) && self->focus_card != NULL)
    g_ptr_array_find (order, self->focus_card, &index);

  if (index == G_MAXUINT)
    next = g_ptr_array_index (order, forward ? 0 : order->len - 1);
  else if (forward && index + 1 < order->len)
    next = g_ptr_array_index (order, index + 1);
  else if (!forward && index > 0)
    next = g_ptr_array_index (order, index - 1);
  else
    {
      _eb_canvas_set_focus_card (self, NULL);
      return FALSE;
    }

  if (!gtk_widget_is_focus (widget))
    gtk_widget_grab_focus (widget);
  _eb_canvas_set_focus_card (self, next);
  _eb_canvas_set_selection (self, EB_ITEM (next));
  eb_canvas_reveal_item (self, EB_ITEM (next));
  return TRUE;
}

/* Public API ------------------------------------------------------------------- */

/**
 * eb_canvas_dup_selection:
 * @self: a canvas
 *
 * Returns: (transfer container) (element-type EbItem): the selected
 *   cards, links and frames, in no particular order
 */
GPtrArray *
eb_canvas_dup_selection (EbCanvas *self)
{
  GPtrArray *items = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer item;

  g_return_val_if_fail (EB_IS_CANVAS (self), items);

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    g_ptr_array_add (items, item);
  return items;
}

/**
 * eb_canvas_get_selected_item:
 * @self: a canvas
 *
 * Returns: (transfer none) (nullable): the item last selected, which the
 *   inspector shows: an #EbCard, #EbLink or #EbFrame
 */
EbItem *
eb_canvas_get_selected_item (EbCanvas *self)
{
  g_return_val_if_fail (EB_IS_CANVAS (self), NULL);
  return self->primary;
}

gboolean
eb_canvas_is_selected (EbCanvas *self,
                       EbItem   *item)
{
  g_return_val_if_fail (EB_IS_CANVAS (self), FALSE);
  return item != NULL && g_hash_table_contains (self->selection, item);
}

/**
 * eb_canvas_select_item:
 * @self: a canvas
 * @item: a card, link or frame of the board
 * @extend: add @item to the selection instead of replacing it
 *
 * Selects @item, as a click (or Shift+click) on it would.
 */
void
eb_canvas_select_item (EbCanvas *self,
                       EbItem   *item,
                       gboolean  extend)
{
  g_return_if_fail (EB_IS_CANVAS (self));
  g_return_if_fail (EB_IS_ITEM (item));
  g_return_if_fail (self->board != NULL && eb_board_lookup (self->board, eb_item_get_id (item)) == item);

  if (!extend)
    _eb_canvas_set_selection (self, item);
  else if (!g_hash_table_contains (self->selection, item))
    _eb_canvas_toggle_selected (self, item);

  if (EB_IS_CARD (item))
    _eb_canvas_set_focus_card (self, EB_CARD (item));
}

/**
 * eb_canvas_select_items:
 * @self: a canvas
 * @items: (element-type EbItem): cards, links and frames of the board
 *
 * Makes @items the selection, as after a paste; the first card among
 * them (else the first item) is the one the inspector shows.
 */
void
eb_canvas_select_items (EbCanvas  *self,
                        GPtrArray *items)
{
  EbItem *primary = NULL;

  g_return_if_fail (EB_IS_CANVAS (self));
  g_return_if_fail (items != NULL);

  g_hash_table_remove_all (self->selection);
  for (guint i = 0; i < items->len; i++)
    {
      EbItem *item = g_ptr_array_index (items, i);

      g_return_if_fail (EB_IS_ITEM (item));
      if (self->board == NULL || eb_board_lookup (self->board, eb_item_get_id (item)) != item)
        continue;
      g_hash_table_add (self->selection, item);
      if (primary == NULL || (EB_IS_CARD (item) && !EB_IS_CARD (primary)))
        primary = item;
    }

  _eb_canvas_set_primary (self, primary);
  if (EB_IS_CARD (primary))
    _eb_canvas_set_focus_card (self, EB_CARD (primary));
  _eb_canvas_selection_changed (self);
}

void
eb_canvas_unselect_all (EbCanvas *self)
{
  g_return_if_fail (EB_IS_CANVAS (self));
  _eb_canvas_set_selection (self, NULL);
}

/**
 * eb_canvas_get_focus_card:
 * @self: a canvas
 *
 * Returns: (transfer none) (nullable): the card with the keyboard focus
 *   ring, which Enter edits
 */
EbCard *
eb_canvas_get_focus_card (EbCanvas *self)
{
  g_return_val_if_fail (EB_IS_CANVAS (self), NULL);
  return self->focus_card;
}

static int
removal_rank (EbItem *item)
{
  return EB_IS_LINK (item) ? 0 : EB_IS_CARD (item) ? 1 : 2;
}

static int
compare_removal (gconstpointer a,
                 gconstpointer b)
{
  return removal_rank (*(EbItem **) a) - removal_rank (*(EbItem **) b);
}

/**
 * eb_canvas_delete_selection:
 * @self: a canvas
 *
 * Removes the selected items as one undo step; cards take their links
 * with them (and undo brings them back together).
 */
void
eb_canvas_delete_selection (EbCanvas *self)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_if_fail (EB_IS_CANVAS (self));

  if (self->history == NULL || g_hash_table_size (self->selection) == 0 ||
      !_eb_canvas_may_edit (self))
    return;

  items = eb_canvas_dup_selection (self);
  g_ptr_array_set_free_func (items, g_object_unref);
  for (guint i = 0; i < items->len; i++)
    g_object_ref (g_ptr_array_index (items, i));
  g_ptr_array_sort (items, compare_removal);

  /* Translators: the name of an undo step, as in “Undo Delete” (a noun) */
  eb_history_begin (self->history, C_("undo step", "Delete"));
  for (guint i = 0; i < items->len; i++)
    {
      EbItem *item = g_ptr_array_index (items, i);

      /* A selected link may have gone with its card already. */
      if (eb_board_lookup (self->board, eb_item_get_id (item)) == item)
        eb_history_remove (self->history, item);
    }
  eb_history_end (self->history);
}
