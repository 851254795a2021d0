/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-history"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "eb-history.h"
#include "eb-limits.h"

/* Arranging as undoable steps: bring to front, send to back, a frame
 * around cards. Built on the history's public calls; each is one step. */

typedef struct
{
  EbItem *item;
  guint   position;
} Placed;

static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const Placed *pa = a;
  const Placed *pb = b;

  return (pa->position > pb->position) - (pa->position < pb->position);
}

/* The distinct items of @items that are on the board, bottom first. Items
 * of different lists are never compared by the board, so sorting them
 * together by position still keeps each list's order. */
static GArray *
sort_by_position (EbHistory *self,
                  GPtrArray *items)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GArray *placed = g_array_sized_new (FALSE, FALSE, sizeof (Placed), items->len);

  for (guint i = 0; i < items->len; i++)
    {
      EbItem *item = g_ptr_array_index (items, i);
      Placed p;

      g_return_val_if_fail (EB_IS_ITEM (item), placed);
      if (eb_board_lookup (eb_history_get_board (self), eb_item_get_id (item)) != item ||
          !g_hash_table_add (seen, item))
        continue;

      p.item = item;
      p.position = eb_board_get_position (eb_history_get_board (self), item);
      g_array_append_val (placed, p);
    }

  g_array_sort (placed, compare_placed);
  return placed;
}

/**
 * eb_history_bring_forward:
 * @self: a history
 * @items: (element-type EbItem): cards, links or frames on the board
 *
 * Brings @items to the top of the drawing order (each within its own
 * list), keeping their order among themselves, as one undoable step.
 */
void
eb_history_bring_forward (EbHistory *self,
                          GPtrArray *items)
{
  g_autoptr(GArray) placed = NULL;

  g_return_if_fail (EB_IS_HISTORY (self));
  g_return_if_fail (items != NULL);

  placed = sort_by_position (self, items);

  /* Lowest first: each goes above the ones already moved. */
  /* Translators: the name of an undo step that puts cards on top of others */
  eb_history_begin (self, _("Bring to Front"));
  for (guint i = 0; i < placed->len; i++)
    eb_history_reorder (self, g_array_index (placed, Placed, i).item, G_MAXUINT);
  eb_history_end (self);
}

/**
 * eb_history_send_backward:
 * @self: a history
 * @items: (element-type EbItem): cards, links or frames on the board
 *
 * Sends @items to the bottom of the drawing order (each within its own
 * list), keeping their order among themselves, as one undoable step.
 */
void
eb_history_send_backward (EbHistory *self,
                          GPtrArray *items)
{
  g_autoptr(GArray) placed = NULL;

  g_return_if_fail (EB_IS_HISTORY (self));
  g_return_if_fail (items != NULL);

  placed = sort_by_position (self, items);

  /* Highest first: each goes below the ones already moved. */
  /* Translators: the name of an undo step that puts cards beneath others */
  eb_history_begin (self, _("Send to Back"));
  for (guint i = placed->len; i > 0; i--)
    eb_history_reorder (self, g_array_index (placed, Placed, i - 1).item, 0);
  eb_history_end (self);
}

static gboolean
item_rect (EbItem *item,
           double *x,
           double *y,
           double *width,
           double *height)
{
  if (EB_IS_CARD (item))
    {
      *x = eb_card_get_x (EB_CARD (item));
      *y = eb_card_get_y (EB_CARD (item));
      *width = eb_card_get_width (EB_CARD (item));
      *height = eb_card_get_height (EB_CARD (item));
      return TRUE;
    }
  if (EB_IS_FRAME (item))
    {
      *x = eb_frame_get_x (EB_FRAME (item));
      *y = eb_frame_get_y (EB_FRAME (item));
      *width = eb_frame_get_width (EB_FRAME (item));
      *height = eb_frame_get_height (EB_FRAME (item));
      return TRUE;
    }
  return FALSE;
}

/* Where a new frame goes among the others. Frames are painted opaque, so
 * at the very bottom it would vanish under a larger frame it lies in; it
 * goes above every frame it overlaps without enclosing, but below every
 * frame it encloses (a frame drawn around groups must not hide them). On a
 * board where it overlaps nothing, that is the bottom. */
static guint
frame_position (EbBoard *board,
                double   x,
                double   y,
                double   width,
                double   height)
{
  GListModel *frames = eb_board_get_frames (board);
  guint n = g_list_model_get_n_items (frames);
  guint above = 0;
  guint below = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbFrame) frame = g_list_model_get_item (frames, i);
      double fx = eb_frame_get_x (frame), fy = eb_frame_get_y (frame);
      double fw = eb_frame_get_width (frame), fh = eb_frame_get_height (frame);

      if (fx >= x && fy >= y && fx + fw <= x + width && fy + fh <= y + height)
        below = MIN (below, i);
      else if (fx < x + width && fx + fw > x && fy < y + height && fy + fh > y)
        above = i + 1;
    }

  return MIN (above, below);
}

/**
 * eb_history_frame_items:
 * @self: a history
 * @items: (element-type EbItem): the cards (and frames) to enclose; links
 *   are ignored
 * @label: (nullable): the frame's label
 * @margin: space left around the items, in board units
 * @error: where to say why no frame can be added
 *
 * Draws a frame around @items: their bounding box plus @margin on every
 * side and %EB_FRAME_LABEL_HEIGHT more at the top for the label. The
 * frame goes behind the frames it encloses and in front of the ones it
 * only overlaps, at the bottom if none. One undoable step.
 *
 * Returns: (transfer none) (nullable): the new frame, now on the board;
 *   %NULL if @items holds no card or frame, or the board is full
 */
EbFrame *
eb_history_frame_items (EbHistory   *self,
                        GPtrArray   *items,
                        const char  *label,
                        double       margin,
                        GError     **error)
{
  g_autoptr(EbFrame) frame = NULL;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double x, y, width, height;

  g_return_val_if_fail (EB_IS_HISTORY (self), NULL);
  g_return_val_if_fail (items != NULL, NULL);
  g_return_val_if_fail (eb_text_is_valid (label, -1), NULL);
  g_return_val_if_fail (isfinite (margin) && margin >= 0 && margin <= EB_SIZE_MAX, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < items->len; i++)
    {
      EbItem *item = g_ptr_array_index (items, i);

      if (!item_rect (item, &x, &y, &width, &height))
        continue;
      x0 = MIN (x0, x);
      y0 = MIN (y0, y);
      x1 = MAX (x1, x + width);
      y1 = MAX (y1, y + height);
    }

  if (x0 > x1)
    return NULL;

  /* Items sit within the model's limits, but their box plus the margin
   * may not: keep the frame a valid one, if a little tight. */
  x = CLAMP (x0 - margin, -EB_COORD_MAX, EB_COORD_MAX);
  y = CLAMP (y0 - margin - EB_FRAME_LABEL_HEIGHT, -EB_COORD_MAX, EB_COORD_MAX);
  width = CLAMP (x1 + margin - x, EB_SIZE_MIN, EB_SIZE_MAX);
  height = CLAMP (y1 + margin - y, EB_SIZE_MIN, EB_SIZE_MAX);

  frame = eb_frame_new (label, x, y, width, height);

  /* Translators: the name of an undo step that draws a frame around cards */
  eb_history_begin (self, _("Frame Selection"));
  if (!eb_history_insert (self, EB_ITEM (frame),
                          frame_position (eb_history_get_board (self), x, y, width, height), error))
    g_clear_object (&frame);
  eb_history_end (self);

  return frame;
}
