/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-canvas"

#include "config.h"

#include <glib/gi18n.h>

#include "eb-canvas-private.h"

/* Arranging the selection: bringing it in front of the items it overlaps
 * or sending it behind them, and drawing a frame around it. Each is one
 * undo step through EbHistory; the frame's label opens for typing at
 * once, as a new card's title does. */

/* Space between the framed items and the frame's edges, in board units. */
#define FRAME_MARGIN 40.0

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

  if (self->history == NULL || g_hash_table_size (self->selection) == 0)
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

  if (self->history == NULL || g_hash_table_size (self->selection) == 0)
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

  if (self->history == NULL || !_eb_canvas_selection_has_place (self))
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
