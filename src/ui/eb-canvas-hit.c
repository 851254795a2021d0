/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "eb-canvas-private.h"

/* What is under the pointer: the handles of the selected item, cards,
 * links and frame labels, in that order, and the cursor that says so. */

/* Hit-testing ------------------------------------------------------------------ */

static EbItem *
single_selected (EbCanvas *self)
{
  if (g_hash_table_size (self->selection) != 1 || self->primary == NULL)
    return NULL;
  return self->primary;
}

/* The link handle: a circle just right of the middle of the right edge
 * of the one selected card. Positions are in screen pixels. */
gboolean
_eb_canvas_link_handle (EbCanvas  *self,
                        EbCard   **card,
                        double    *x,
                        double    *y)
{
  EbItem *item = single_selected (self);

  /* A board that cannot be edited shows no handles, which would promise
   * a link or a new size. */
  if (!self->editable || !EB_IS_CARD (item) || self->viewport == NULL)
    return FALSE;

  eb_viewport_to_screen (self->viewport,
                         eb_card_get_x (EB_CARD (item)) + eb_card_get_width (EB_CARD (item)),
                         eb_card_get_y (EB_CARD (item)) + eb_card_get_height (EB_CARD (item)) / 2,
                         x, y);
  *x += EB_CANVAS_HANDLE_RADIUS + 5;
  if (card != NULL)
    *card = EB_CARD (item);
  return TRUE;
}

/* The resize handle: on the bottom-right corner of the one selected card
 * or frame. */
gboolean
_eb_canvas_resize_handle (EbCanvas  *self,
                          EbItem   **item,
                          double    *x,
                          double    *y)
{
  EbItem *selected = single_selected (self);
  double bx, by, bw, bh;

  if (!self->editable || selected == NULL || EB_IS_LINK (selected))
    return FALSE;

  g_object_get (selected, "x", &bx, "y", &by, "width", &bw, "height", &bh, NULL);
  eb_viewport_to_screen (self->viewport, bx + bw, by + bh, x, y);
  if (item != NULL)
    *item = selected;
  return TRUE;
}

static double
segment_distance (const graphene_point_t *a,
                  const graphene_point_t *b,
                  double                  x,
                  double                  y)
{
  double vx = b->x - a->x, vy = b->y - a->y;
  double len2 = vx * vx + vy * vy;
  double t = len2 > 0 ? ((x - a->x) * vx + (y - a->y) * vy) / len2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (a->x + t * vx - x, a->y + t * vy - y);
}

/* How far the point is from the link's curve, in board units. */
static double
link_distance (EbCanvas *self,
               EbLink   *link,
               double    x,
               double    y)
{
  graphene_point_t p[4], prev, cur;
  double best = G_MAXDOUBLE;

  eb_painter_link_ends (self->painter, link, p);
  prev = p[0];
  for (guint i = 1; i <= 32; i++)
    {
      double t = i / 32.0, u = 1 - t;

      cur.x = u * u * u * p[0].x + 3 * u * u * t * p[1].x + 3 * u * t * t * p[2].x + t * t * t * p[3].x;
      cur.y = u * u * u * p[0].y + 3 * u * u * t * p[1].y + 3 * u * t * t * p[2].y + t * t * t * p[3].y;
      best = MIN (best, segment_distance (&prev, &cur, x, y));
      prev = cur;
    }
  return best;
}

static EbLink *
link_at (EbCanvas *self,
         double    bx,
         double    by)
{
  double zoom = eb_viewport_get_zoom (self->viewport);
  double tolerance = EB_CANVAS_LINK_TOLERANCE / zoom;
  /* The index boxes links between their cards' centres (or a frame's
   * whole rectangle); a curve bows out past that box, so look a little
   * further. */
  double reach = MAX (tolerance, 160.0);
  EbRect area = { bx - reach, by - reach, 2 * reach, 2 * reach };
  g_autoptr(GPtrArray) links = eb_spatial_index_query_links (self->index, &area);
  EbLink *best = NULL;
  double best_distance = tolerance;

  /* Topmost first: the last drawn wins a tie. */
  for (guint i = links->len; i > 0; i--)
    {
      EbLink *link = g_ptr_array_index (links, i - 1);
      double d = link_distance (self, link, bx, by);

      if (d <= best_distance)
        {
          best = link;
          best_distance = d;
        }
    }
  return best;
}

/* A frame is grabbed by its label strip or its border; inside it the
 * pointer reaches the board, for rubber bands. */
static EbFrame *
frame_at (EbCanvas *self,
          double    bx,
          double    by)
{
  GListModel *frames = eb_board_get_frames (self->board);
  double tolerance = EB_CANVAS_LINK_TOLERANCE / eb_viewport_get_zoom (self->viewport);

  for (guint i = g_list_model_get_n_items (frames); i > 0; i--)
    {
      g_autoptr(EbFrame) frame = g_list_model_get_item (frames, i - 1);
      double x = eb_frame_get_x (frame), y = eb_frame_get_y (frame);
      double w = eb_frame_get_width (frame), h = eb_frame_get_height (frame);
      gboolean in_outer = bx >= x - tolerance && bx <= x + w + tolerance &&
                          by >= y - tolerance && by <= y + h + tolerance;
      gboolean in_inner = bx > x + tolerance && bx < x + w - tolerance &&
                          by > y + MAX (tolerance, EB_CANVAS_FRAME_STRIP) && by < y + h - tolerance;

      if (in_outer && !in_inner)
        return frame;
    }
  return NULL;
}

/* What is under the screen point (@x, @y), topmost first. */
EbCanvasHit
_eb_canvas_hit_test (EbCanvas  *self,
                     double     x,
                     double     y,
                     EbItem   **item)
{
  double hx, hy, bx, by;
  EbCard *card;
  EbLink *link;
  EbFrame *frame;
  EbItem *handle_item;

  *item = NULL;
  if (self->board == NULL)
    return EB_CANVAS_HIT_NONE;

  if (_eb_canvas_link_handle (self, &card, &hx, &hy) &&
      hypot (x - hx, y - hy) <= EB_CANVAS_HANDLE_RADIUS + 3)
    {
      *item = EB_ITEM (card);
      return EB_CANVAS_HIT_LINK_HANDLE;
    }

  if (_eb_canvas_resize_handle (self, &handle_item, &hx, &hy) &&
      fabs (x - hx) <= EB_CANVAS_HANDLE_RADIUS + 2 && fabs (y - hy) <= EB_CANVAS_HANDLE_RADIUS + 2)
    {
      *item = handle_item;
      return EB_CANVAS_HIT_RESIZE_HANDLE;
    }

  eb_viewport_to_board (self->viewport, x, y, &bx, &by);

  card = eb_spatial_index_card_at (self->index, bx, by);
  if (card != NULL)
    {
      *item = EB_ITEM (card);
      return EB_CANVAS_HIT_CARD;
    }

  link = link_at (self, bx, by);
  if (link != NULL)
    {
      *item = EB_ITEM (link);
      return EB_CANVAS_HIT_LINK;
    }

  frame = frame_at (self, bx, by);
  if (frame != NULL)
    {
      *item = EB_ITEM (frame);
      return EB_CANVAS_HIT_FRAME;
    }

  return EB_CANVAS_HIT_NONE;
}

/* The cursor ------------------------------------------------------------------ */

static void
set_cursor (EbCanvas   *self,
            const char *name)
{
  if (g_strcmp0 (self->cursor_name, name) == 0)
    return;
  g_free (self->cursor_name);
  self->cursor_name = g_strdup (name);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

/* Shows what a press would do here, or what the drag is doing. */
void
_eb_canvas_update_cursor (EbCanvas *self)
{
  EbItem *item;

  switch (self->drag)
    {
    case EB_CANVAS_DRAG_PAN:
      set_cursor (self, "grabbing");
      return;
    case EB_CANVAS_DRAG_LINK:
      set_cursor (self, "crosshair");
      return;
    case EB_CANVAS_DRAG_RESIZE:
      set_cursor (self, "nwse-resize");
      return;
    case EB_CANVAS_DRAG_MOVE:
      /* Dragging a card of a board that cannot be edited: it stays. */
      if (!self->editable && self->drag_moved)
        {
          set_cursor (self, "not-allowed");
          return;
        }
      break;
    case EB_CANVAS_DRAG_RUBBER:
    case EB_CANVAS_DRAG_NONE:
    default:
      break;
    }

  if (self->space_held)
    {
      set_cursor (self, "grab");
      return;
    }

  switch (_eb_canvas_hit_test (self, self->pointer_x, self->pointer_y, &item))
    {
    case EB_CANVAS_HIT_LINK_HANDLE:
      set_cursor (self, "crosshair");
      break;
    case EB_CANVAS_HIT_RESIZE_HANDLE:
      set_cursor (self, "nwse-resize");
      break;
    case EB_CANVAS_HIT_FRAME:
      set_cursor (self, self->editable ? "move" : "default");
      break;
    case EB_CANVAS_HIT_LINK:
      set_cursor (self, "pointer");
      break;
    case EB_CANVAS_HIT_CARD:
    case EB_CANVAS_HIT_NONE:
    default:
      set_cursor (self, "default");
      break;
    }
}
