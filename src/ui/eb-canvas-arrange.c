/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "eb-canvas-private.h"
#include "eb-limits.h"

/* Arranging the selection: bringing it in front of the items it overlaps
 * or sending it behind them, and drawing a frame around it. Each is one
 * undo step through EbHistory; the frame's label opens for typing at
 * once, as a new card's title does. And placing a new card where it
 * hides no other. */

/* Space between the framed items and the frame's edges, in board units. */
#define FRAME_MARGIN 40.0

/* A new card is placed on this grid of offsets from where it was asked
 * for, at most this many steps away in each direction (1,000 units at
 * 50 steps): past that the board is crowded around the view and the card
 * goes where it was asked for. */
#define ROOM_STEP      EB_CANVAS_GRID
#define ROOM_MAX_STEPS 50
/* Space kept free around a new card, so it does not touch its neighbours. */
#define ROOM_GAP       10.0

typedef struct
{
  int dx;
  int dy;
  int distance;   /* squared, in steps */
} RoomOffset;

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  const RoomOffset *oa = a, *ob = b;

  if (oa->distance != ob->distance)
    return oa->distance - ob->distance;
  /* Among places as near, beside before above or below, then below and
   * to the right, where one reads on. */
  if (abs (oa->dy) != abs (ob->dy))
    return abs (oa->dy) - abs (ob->dy);
  if (oa->dy != ob->dy)
    return ob->dy - oa->dy;
  return ob->dx - oa->dx;
}

/* The grid offsets, nearest first; made once. */
static const RoomOffset *
get_offsets (guint *n_offsets)
{
  static GArray *offsets;

  if (g_once_init_enter (&offsets))
    {
      GArray *array = g_array_new (FALSE, FALSE, sizeof (RoomOffset));

      for (int dy = -ROOM_MAX_STEPS; dy <= ROOM_MAX_STEPS; dy++)
        for (int dx = -ROOM_MAX_STEPS; dx <= ROOM_MAX_STEPS; dx++)
          {
            RoomOffset offset = { dx, dy, dx * dx + dy * dy };

            if (offset.distance <= ROOM_MAX_STEPS * ROOM_MAX_STEPS)
              g_array_append_val (array, offset);
          }
      g_array_sort (array, compare_offsets);
      g_once_init_leave (&offsets, array);
    }

  *n_offsets = offsets->len;
  return (const RoomOffset *) offsets->data;
}

static gboolean
has_room (EbCanvas     *self,
          const EbRect *rect,
          EbCard       *ignore)
{
  EbRect area = {
    rect->x - ROOM_GAP, rect->y - ROOM_GAP,
    rect->width + 2 * ROOM_GAP, rect->height + 2 * ROOM_GAP,
  };
  g_autoptr(GPtrArray) cards = eb_spatial_index_query_cards (self->index, &area);

  for (guint i = 0; i < cards->len; i++)
    if (g_ptr_array_index (cards, i) != ignore)
      return FALSE;
  return TRUE;
}

/**
 * _eb_canvas_find_room:
 * @self: a canvas showing a board
 * @rect: (inout): a card's place, in board units; moved to the nearest
 *   place on the grid of 20-unit steps around it where it overlaps no
 *   other card
 * @ignore: (nullable): a card not to avoid: the one being placed
 *
 * New cards added in the middle of the view would land on the cards
 * already there, hiding them. This finds them room nearby instead.
 *
 * Returns: %TRUE if room was found; otherwise @rect is left as it was
 */
gboolean
_eb_canvas_find_room (EbCanvas *self,
                      EbRect   *rect,
                      EbCard   *ignore)
{
  const RoomOffset *offsets;
  guint n_offsets;

  if (self->index == NULL)
    return FALSE;

  offsets = get_offsets (&n_offsets);
  for (guint i = 0; i < n_offsets; i++)
    {
      EbRect candidate = *rect;

      candidate.x += offsets[i].dx * ROOM_STEP;
      candidate.y += offsets[i].dy * ROOM_STEP;
      /* Only where a card may be: near the edge of the board's range,
       * the nearer side. */
      if (fabs (candidate.x) > EB_COORD_MAX || fabs (candidate.y) > EB_COORD_MAX)
        continue;
      if (has_room (self, &candidate, ignore))
        {
          *rect = candidate;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * eb_canvas_bring_forward:
 * @self: a canvas
 *
 * Draws the selected items on top of the others of their kind (cards
 * over cards, frames over frames), as one undo step.
 */
void
eb_canvas_bring_forward (EbCanvas *self)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_if_fail (EB_IS_CANVAS (self));

  if (self->history == NULL || g_hash_table_size (self->selection) == 0 ||
      !_eb_canvas_may_edit (self))
    return;

  items = eb_canvas_dup_selection (self);
  eb_history_bring_forward (self->history, items);
}

/**
 * eb_canvas_send_backward:
 * @self: a canvas
 *
 * Draws the selected items beneath the others of their kind, as one undo
 * step.
 */
void
eb_canvas_send_backward (EbCanvas *self)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_if_fail (EB_IS_CANVAS (self));

  if (self->history == NULL || g_hash_table_size (self->selection) == 0 ||
      !_eb_canvas_may_edit (self))
    return;

  items = eb_canvas_dup_selection (self);
  eb_history_send_backward (self->history, items);
}

/**
 * eb_canvas_frame_selection:
 * @self: a canvas
 *
 * Draws a frame around the selected cards and frames, as one undo step,
 * selects it and opens its label for typing.
 *
 * Returns: (transfer none) (nullable): the new frame, held by the board;
 *   %NULL if nothing with a place on the board was selected or the board
 *   is full (which is shown to the user)
 */
EbFrame *
eb_canvas_frame_selection (EbCanvas *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  EbFrame *frame;

  g_return_val_if_fail (EB_IS_CANVAS (self), NULL);

  if (self->history == NULL || !_eb_canvas_selection_has_place (self) ||
      !_eb_canvas_may_edit (self))
    return NULL;

  if (self->editor != NULL)
    _eb_canvas_edit_finish (self, TRUE);

  items = eb_canvas_dup_selection (self);
  /* Translators: the label a frame drawn around cards starts with */
  frame = eb_history_frame_items (self->history, items, _("New frame"), FRAME_MARGIN, &error);
  if (frame == NULL)
    {
      if (error != NULL)
        _eb_canvas_show_message (self, error->message);
      return NULL;
    }

  eb_canvas_select_item (self, EB_ITEM (frame), FALSE);
  eb_canvas_edit_frame (self, frame);
  return frame;
}
