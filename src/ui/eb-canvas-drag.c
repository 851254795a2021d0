/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "eb-canvas-private.h"

/* Primary and middle button drags: panning, moving the selection (a
 * frame with the cards inside it), resizing, the rubber band and the
 * link handle. A drag decides at its start what it does, from what is
 * under the pointer, and is one undo step. */

#define MIN_CARD_WIDTH   80.0
#define MIN_CARD_HEIGHT  40.0
#define MIN_FRAME_SIZE  120.0

static gboolean
rect_inside (double x, double y, double w, double h,
             double fx, double fy, double fw, double fh)
{
  return x >= fx && y >= fy && x + w <= fx + fw && y + h <= fy + fh;
}

static void
add_move_start (EbCanvas   *self,
                GHashTable *seen,
                EbItem     *item)
{
  EbCanvasMoveStart start;

  if (!g_hash_table_add (seen, item))
    return;
  start.item = g_object_ref (item);
  g_object_get (item, "x", &start.x, "y", &start.y, NULL);
  g_array_append_val (self->move_starts, start);
}

static void
clear_move_starts (EbCanvas *self)
{
  for (guint i = 0; i < self->move_starts->len; i++)
    g_object_unref (g_array_index (self->move_starts, EbCanvasMoveStart, i).item);
  g_array_set_size (self->move_starts, 0);
}

/* What a move drags along: the selected cards and frames, and the cards
 * that lie wholly inside a moved frame. The pressed item goes first, so
 * snapping follows it. */
static void
collect_move_starts (EbCanvas *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer item;

  clear_move_starts (self);
  if (self->drag_item != NULL)
    add_move_start (self, seen, self->drag_item);

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    if (!EB_IS_LINK (item))
      add_move_start (self, seen, item);

  for (guint i = 0, n = self->move_starts->len; i < n; i++)
    {
      EbItem *moved = g_array_index (self->move_starts, EbCanvasMoveStart, i).item;
      double fx, fy, fw, fh;
      EbRect area;
      g_autoptr(GPtrArray) cards = NULL;

      if (!EB_IS_FRAME (moved))
        continue;

      g_object_get (moved, "x", &fx, "y", &fy, "width", &fw, "height", &fh, NULL);
      area = (EbRect) { fx, fy, fw, fh };
      cards = eb_spatial_index_query_cards (self->index, &area);
      for (guint j = 0; j < cards->len; j++)
        {
          EbCard *card = g_ptr_array_index (cards, j);

          if (rect_inside (eb_card_get_x (card), eb_card_get_y (card),
                           eb_card_get_width (card), eb_card_get_height (card), fx, fy, fw, fh))
            add_move_start (self, seen, EB_ITEM (card));
        }
    }
}

static void
move_to_offset (EbCanvas *self,
                double    dx,
                double    dy)
{
  double zoom = eb_viewport_get_zoom (self->viewport);
  double bdx = dx / zoom, bdy = dy / zoom;

  if (self->move_starts->len == 0)
    return;

  if (self->snap_to_grid)
    {
      /* The pressed item lands on the grid; the rest keep their places
       * relative to it. */
      EbCanvasMoveStart *lead = &g_array_index (self->move_starts, EbCanvasMoveStart, 0);

      bdx = _eb_canvas_snap (self, lead->x + bdx) - lead->x;
      bdy = _eb_canvas_snap (self, lead->y + bdy) - lead->y;
    }

  for (guint i = 0; i < self->move_starts->len; i++)
    {
      EbCanvasMoveStart *start = &g_array_index (self->move_starts, EbCanvasMoveStart, i);

      eb_history_set (self->history, start->item, "x", start->x + bdx, "y", start->y + bdy, NULL);
    }
}

static void
resize_to_offset (EbCanvas *self,
                  double    dx,
                  double    dy)
{
  double zoom = eb_viewport_get_zoom (self->viewport);
  gboolean frame = EB_IS_FRAME (self->drag_item);
  double min_w = frame ? MIN_FRAME_SIZE : MIN_CARD_WIDTH;
  double min_h = frame ? MIN_FRAME_SIZE : MIN_CARD_HEIGHT;
  double x, y, w, h;

  g_object_get (self->drag_item, "x", &x, "y", &y, NULL);
  w = self->size_w0 + dx / zoom;
  h = self->size_h0 + dy / zoom;
  if (self->snap_to_grid)
    {
      w = _eb_canvas_snap (self, x + w) - x;
      h = _eb_canvas_snap (self, y + h) - y;
    }
  eb_history_set (self->history, self->drag_item,
                  "width", MAX (w, min_w), "height", MAX (h, min_h), NULL);
}

static void
rubber_select (EbCanvas *self)
{
  double x0, y0, x1, y1;
  EbRect area;
  g_autoptr(GPtrArray) cards = NULL;
  EbItem *last = NULL;
  GHashTableIter iter;
  gpointer item;

  eb_viewport_to_board (self->viewport, self->drag_x, self->drag_y, &x0, &y0);
  eb_viewport_to_board (self->viewport, self->drag_x + self->drag_dx, self->drag_y + self->drag_dy, &x1, &y1);
  area = (EbRect) { MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0), fabs (y1 - y0) };

  g_hash_table_remove_all (self->selection);
  if (self->rubber_base != NULL)
    {
      g_hash_table_iter_init (&iter, self->rubber_base);
      while (g_hash_table_iter_next (&iter, &item, NULL))
        g_hash_table_add (self->selection, item);
    }

  cards = eb_spatial_index_query_cards (self->index, &area);
  for (guint i = 0; i < cards->len; i++)
    {
      EbCard *card = g_ptr_array_index (cards, i);

      if (rect_inside (eb_card_get_x (card), eb_card_get_y (card),
                       eb_card_get_width (card), eb_card_get_height (card),
                       area.x, area.y, area.width, area.height))
        {
          g_hash_table_add (self->selection, card);
          last = EB_ITEM (card);
        }
    }

  if (self->primary == NULL || !g_hash_table_contains (self->selection, self->primary))
    {
      self->primary = last;
      g_object_notify (G_OBJECT (self), "selected-item");
    }
  _eb_canvas_selection_changed (self);
}

/**
 * _eb_canvas_drag_begin:
 * @self: a canvas
 * @button: the button pressed
 * @state: the modifiers held
 * @x: where, in the canvas's pixels
 * @y: where
 *
 * A button went down: select what is under it and decide what the drag
 * that may follow will do.
 */
void
_eb_canvas_drag_begin (EbCanvas        *self,
                       guint            button,
                       GdkModifierType  state,
                       double           x,
                       double           y)
{
  gboolean extend = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  EbCanvasHit hit;
  EbItem *item;

  if (self->history == NULL)
    return;

  if (self->drag != EB_CANVAS_DRAG_NONE)
    _eb_canvas_drag_cancel (self);
  if (self->editor != NULL)
    _eb_canvas_edit_finish (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self));

  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = self->drag_dy = 0;
  self->drag_moved = FALSE;
  self->drag_extend = extend;
  self->drag = EB_CANVAS_DRAG_NONE;
  g_clear_object (&self->drag_item);

  if (button == GDK_BUTTON_MIDDLE || (button == GDK_BUTTON_PRIMARY && self->space_held))
    {
      self->drag = EB_CANVAS_DRAG_PAN;
      self->view_x0 = eb_viewport_get_x (self->viewport);
      self->view_y0 = eb_viewport_get_y (self->viewport);
      _eb_canvas_update_cursor (self);
      return;
    }

  if (button != GDK_BUTTON_PRIMARY)
    return;

  hit = _eb_canvas_hit_test (self, x, y, &item);
  switch (hit)
    {
    case EB_CANVAS_HIT_LINK_HANDLE:
      self->drag = EB_CANVAS_DRAG_LINK;
      self->drag_item = g_object_ref (item);
      self->target_card = NULL;
      break;

    case EB_CANVAS_HIT_RESIZE_HANDLE:
      self->drag = EB_CANVAS_DRAG_RESIZE;
      self->drag_item = g_object_ref (item);
      g_object_get (item, "width", &self->size_w0, "height", &self->size_h0, NULL);
      break;

    case EB_CANVAS_HIT_CARD:
    case EB_CANVAS_HIT_FRAME:
      if (EB_IS_CARD (item))
        _eb_canvas_set_focus_card (self, EB_CARD (item));
      if (extend)
        {
          _eb_canvas_toggle_selected (self, item);
          if (!g_hash_table_contains (self->selection, item))
            break;
        }
      else if (!g_hash_table_contains (self->selection, item))
        _eb_canvas_set_selection (self, item);
      self->drag = EB_CANVAS_DRAG_MOVE;
      self->drag_item = g_object_ref (item);
      break;

    case EB_CANVAS_HIT_LINK:
      if (extend)
        _eb_canvas_toggle_selected (self, item);
      else
        _eb_canvas_set_selection (self, item);
      break;

    case EB_CANVAS_HIT_NONE:
    default:
      self->drag = EB_CANVAS_DRAG_RUBBER;
      g_clear_pointer (&self->rubber_base, g_hash_table_unref);
      if (extend)
        {
          GHashTableIter iter;
          gpointer selected;

          self->rubber_base = g_hash_table_new (NULL, NULL);
          g_hash_table_iter_init (&iter, self->selection);
          while (g_hash_table_iter_next (&iter, &selected, NULL))
            g_hash_table_add (self->rubber_base, selected);
        }
      else
        _eb_canvas_set_selection (self, NULL);
      break;
    }

  _eb_canvas_update_cursor (self);
}

/**
 * _eb_canvas_drag_update:
 * @self: a canvas
 * @dx: how far the pointer is from where the drag began, in pixels
 * @dy: how far down
 */
void
_eb_canvas_drag_update (EbCanvas *self,
                        double    dx,
                        double    dy)
{
  if (self->drag == EB_CANVAS_DRAG_NONE)
    return;

  self->drag_dx = dx;
  self->drag_dy = dy;
  self->pointer_x = self->drag_x + dx;
  self->pointer_y = self->drag_y + dy;

  /* A press that wobbles a pixel is a click, not a drag. */
  if (!self->drag_moved)
    {
      if (hypot (dx, dy) < EB_CANVAS_DRAG_THRESHOLD)
        return;
      self->drag_moved = TRUE;

      /* A card of a board that cannot be edited stays where it is; the
       * drag says so once, as it starts, and then does nothing. */
      if (self->drag == EB_CANVAS_DRAG_MOVE && !_eb_canvas_may_edit (self))
        {
          _eb_canvas_update_cursor (self);
          return;
        }
    }

  switch (self->drag)
    {
    case EB_CANVAS_DRAG_PAN:
      {
        double zoom = eb_viewport_get_zoom (self->viewport);

        eb_viewport_set_view (self->viewport, self->view_x0 - dx / zoom, self->view_y0 - dy / zoom, zoom);
      }
      break;

    case EB_CANVAS_DRAG_MOVE:
      if (!self->editable)
        break;
      if (!self->drag_history_open)
        {
          collect_move_starts (self);
          /* Translators: the name of an undo step, as in “Undo Move” (a noun) */
          eb_history_begin (self->history, C_("undo step", "Move"));
          self->drag_history_open = TRUE;
        }
      move_to_offset (self, dx, dy);
      break;

    case EB_CANVAS_DRAG_RESIZE:
      /* Only from a handle, which a board that cannot be edited lacks. */
      if (!self->editable)
        break;
      if (!self->drag_history_open)
        {
          /* Translators: the name of an undo step, as in “Undo Resize” (a noun) */
          eb_history_begin (self->history, C_("undo step", "Resize"));
          self->drag_history_open = TRUE;
        }
      resize_to_offset (self, dx, dy);
      break;

    case EB_CANVAS_DRAG_RUBBER:
      rubber_select (self);
      break;

    case EB_CANVAS_DRAG_LINK:
      {
        double bx, by;
        EbCard *card;

        eb_viewport_to_board (self->viewport, self->pointer_x, self->pointer_y, &bx, &by);
        card = eb_spatial_index_card_at (self->index, bx, by);
        self->target_card = card != (EbCard *) self->drag_item ? card : NULL;
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;

    case EB_CANVAS_DRAG_NONE:
    default:
      break;
    }
}

/**
 * _eb_canvas_drag_end:
 * @self: a canvas
 * @dx: where the pointer was let go, from where the drag began
 * @dy: how far down
 *
 * The button went up: finish the move or resize (one undo step), make
 * the link, or, if the pointer did not move, treat it as a click.
 */
void
_eb_canvas_drag_end (EbCanvas *self,
                     double    dx,
                     double    dy)
{
  EbCanvasDrag drag = self->drag;

  if (drag == EB_CANVAS_DRAG_NONE)
    return;

  _eb_canvas_drag_update (self, dx, dy);
  self->drag = EB_CANVAS_DRAG_NONE;

  switch (drag)
    {
    case EB_CANVAS_DRAG_MOVE:
      if (self->drag_history_open)
        {
          self->drag_history_open = FALSE;
          eb_history_end (self->history);
        }
      else if (!self->drag_moved && !self->drag_extend && self->drag_item != NULL)
        /* A click on a card of a selection selects that card alone. */
        _eb_canvas_set_selection (self, self->drag_item);
      break;

    case EB_CANVAS_DRAG_RESIZE:
      if (self->drag_history_open)
        {
          self->drag_history_open = FALSE;
          eb_history_end (self->history);
        }
      break;

    case EB_CANVAS_DRAG_LINK:
      {
        EbCard *target = self->target_card;

        self->target_card = NULL;
        if (self->drag_moved && target != NULL && EB_IS_CARD (self->drag_item))
          _eb_canvas_create_link (self, EB_CARD (self->drag_item), target);
      }
      break;

    case EB_CANVAS_DRAG_RUBBER:
      g_clear_pointer (&self->rubber_base, g_hash_table_unref);
      break;

    case EB_CANVAS_DRAG_PAN:
    case EB_CANVAS_DRAG_NONE:
    default:
      break;
    }

  clear_move_starts (self);
  g_clear_object (&self->drag_item);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _eb_canvas_update_cursor (self);
}

/* Escape during a drag: put things back where they were. A move or
 * resize gives up its open undo step, so no empty step is left behind;
 * a rubber band gives back the selection it started from. */
void
_eb_canvas_drag_cancel (EbCanvas *self)
{
  EbCanvasDrag drag = self->drag;

  self->drag = EB_CANVAS_DRAG_NONE;

  if (self->drag_history_open)
    {
      self->drag_history_open = FALSE;
      eb_history_cancel (self->history);
    }

  if (drag == EB_CANVAS_DRAG_PAN)
    eb_viewport_set_view (self->viewport, self->view_x0, self->view_y0,
                          eb_viewport_get_zoom (self->viewport));
  else if (drag == EB_CANVAS_DRAG_RUBBER && self->drag_moved)
    {
      GHashTableIter iter;
      gpointer item;

      g_hash_table_remove_all (self->selection);
      if (self->rubber_base != NULL)
        {
          g_hash_table_iter_init (&iter, self->rubber_base);
          while (g_hash_table_iter_next (&iter, &item, NULL))
            g_hash_table_add (self->selection, item);
        }
      if (self->primary != NULL && !g_hash_table_contains (self->selection, self->primary))
        {
          self->primary = NULL;
          g_object_notify (G_OBJECT (self), "selected-item");
        }
      _eb_canvas_selection_changed (self);
    }

  self->target_card = NULL;
  g_clear_pointer (&self->rubber_base, g_hash_table_unref);
  clear_move_starts (self);
  g_clear_object (&self->drag_item);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _eb_canvas_update_cursor (self);
}
