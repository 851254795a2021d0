/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "eb-canvas-private.h"

/* Pointer input on the canvas. Each GTK gesture only reads what it knows
 * (button, modifiers, position) and calls one of the _eb_canvas_*()
 * handlers here, which tests call the same way. A primary-button drag
 * decides at its start what it does, from what is under the pointer:
 * link handle, resize handle, card (move), link (select), frame label
 * (move the frame with its cards) or empty space (rubber band). */

#define MIN_CARD_WIDTH   80.0
#define MIN_CARD_HEIGHT  40.0
#define MIN_FRAME_SIZE  120.0

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

  if (!EB_IS_CARD (item) || self->viewport == NULL)
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

  if (selected == NULL || EB_IS_LINK (selected))
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
  /* The index boxes links between their cards' centres; a curve bows
   * out past that box, so look a little further. */
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

/* Drags ------------------------------------------------------------------------ */

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

static void
update_cursor (EbCanvas *self)
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
      set_cursor (self, "move");
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
      update_cursor (self);
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

  update_cursor (self);
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
      if (!self->drag_history_open)
        {
          collect_move_starts (self);
          eb_history_begin (self->history, _("Move"));
          self->drag_history_open = TRUE;
        }
      move_to_offset (self, dx, dy);
      break;

    case EB_CANVAS_DRAG_RESIZE:
      if (!self->drag_history_open)
        {
          eb_history_begin (self->history, _("Resize"));
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
      else if (!self->drag_extend && self->drag_item != NULL)
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
  update_cursor (self);
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
  update_cursor (self);
}

/**
 * _eb_canvas_press:
 * @self: a canvas
 * @n_press: 1 for a click, 2 for a double-click
 * @button: the button
 * @state: the modifiers held
 * @x: where, in the canvas's pixels
 * @y: where
 *
 * Clicks that are not drags: a double-click edits a card or adds a note
 * on empty space; the secondary button opens the context menu.
 */
void
_eb_canvas_press (EbCanvas        *self,
                  int              n_press,
                  guint            button,
                  GdkModifierType  state,
                  double           x,
                  double           y)
{
  EbCanvasHit hit;
  EbItem *item;

  if (self->history == NULL)
    return;

  self->pointer_x = x;
  self->pointer_y = y;

  if (button == GDK_BUTTON_SECONDARY && n_press == 1)
    {
      if (self->editor != NULL)
        _eb_canvas_edit_finish (self, TRUE);
      hit = _eb_canvas_hit_test (self, x, y, &item);
      if (item != NULL && hit != EB_CANVAS_HIT_LINK_HANDLE && hit != EB_CANVAS_HIT_RESIZE_HANDLE &&
          !g_hash_table_contains (self->selection, item))
        _eb_canvas_set_selection (self, item);
      if (EB_IS_CARD (item))
        _eb_canvas_set_focus_card (self, EB_CARD (item));
      gtk_widget_grab_focus (GTK_WIDGET (self));
      _eb_canvas_open_context_menu (self, x, y);
      return;
    }

  if (button == GDK_BUTTON_PRIMARY && n_press == 2 && !self->space_held)
    {
      hit = _eb_canvas_hit_test (self, x, y, &item);
      if (hit == EB_CANVAS_HIT_CARD)
        eb_canvas_edit_card (self, EB_CARD (item));
      else if (hit == EB_CANVAS_HIT_FRAME)
        eb_canvas_edit_frame (self, EB_FRAME (item));
      else if (hit == EB_CANVAS_HIT_NONE)
        {
          double bx, by;

          eb_viewport_to_board (self->viewport, x, y, &bx, &by);
          eb_canvas_add_card (self, EB_CARD_KIND_NOTE, bx, by);
        }
    }
}

void
_eb_canvas_motion (EbCanvas *self,
                   double    x,
                   double    y)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  if (self->drag == EB_CANVAS_DRAG_NONE && self->board != NULL)
    update_cursor (self);
}

/**
 * _eb_canvas_scroll:
 * @self: a canvas
 * @unit: wheel steps or pixels (touchpads)
 * @state: the modifiers held: with Ctrl the wheel zooms at the pointer
 * @dx: how far to scroll
 * @dy: how far down
 *
 * Returns: %TRUE: the canvas used the scroll
 */
gboolean
_eb_canvas_scroll (EbCanvas        *self,
                   GdkScrollUnit    unit,
                   GdkModifierType  state,
                   double           dx,
                   double           dy)
{
  double zoom = eb_viewport_get_zoom (self->viewport);

  if (state & GDK_CONTROL_MASK)
    {
      double factor = unit == GDK_SCROLL_UNIT_WHEEL ? pow (1.2, -dy) : exp (-dy * 0.01);

      eb_viewport_zoom_at (self->viewport, zoom * factor, self->pointer_x, self->pointer_y);
      return TRUE;
    }

  if (unit == GDK_SCROLL_UNIT_WHEEL)
    {
      dx *= 48;
      dy *= 48;
      /* Shift turns a plain wheel sideways. */
      if ((state & GDK_SHIFT_MASK) && dx == 0)
        {
          dx = dy;
          dy = 0;
        }
    }

  eb_viewport_scroll (self->viewport, dx, dy);
  return TRUE;
}

void
_eb_canvas_pinch (EbCanvas *self,
                  double    scale,
                  double    x,
                  double    y)
{
  eb_viewport_zoom_at (self->viewport, self->pinch_zoom0 * scale, x, y);
}

/* GTK controllers ------------------------------------------------------------- */

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               EbCanvas       *self)
{
  GtkGestureSingle *single = GTK_GESTURE_SINGLE (gesture);
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  _eb_canvas_drag_begin (self, gtk_gesture_single_get_current_button (single), state, x, y);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                EbCanvas       *self)
{
  _eb_canvas_drag_update (self, dx, dy);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             EbCanvas       *self)
{
  _eb_canvas_drag_end (self, dx, dy);
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            EbCanvas        *self)
{
  GtkGestureSingle *single = GTK_GESTURE_SINGLE (gesture);
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  _eb_canvas_press (self, n_press, gtk_gesture_single_get_current_button (single), state, x, y);
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           EbCanvas                 *self)
{
  _eb_canvas_motion (self, x, y);
}

static void
on_leave (GtkEventControllerMotion *motion,
          EbCanvas                 *self)
{
  self->pointer_inside = FALSE;
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           EbCanvas                 *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));

  return _eb_canvas_scroll (self, gtk_event_controller_scroll_get_unit (scroll), state, dx, dy);
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               EbCanvas         *self)
{
  self->pinch_zoom0 = eb_viewport_get_zoom (self->viewport);
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture,
                       double          scale,
                       EbCanvas       *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  _eb_canvas_pinch (self, scale, x, y);
}

static gboolean
on_key_pressed (GtkEventControllerKey *key,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                EbCanvas              *self)
{
  /* Space held turns a primary drag into panning. */
  if (keyval == GDK_KEY_space && self->editor == NULL && gtk_widget_is_focus (GTK_WIDGET (self)))
    {
      if (!self->space_held)
        {
          self->space_held = TRUE;
          update_cursor (self);
        }
      return TRUE;
    }
  return FALSE;
}

static void
on_key_released (GtkEventControllerKey *key,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 EbCanvas              *self)
{
  if (keyval == GDK_KEY_space && self->space_held)
    {
      self->space_held = FALSE;
      update_cursor (self);
    }
}

static void
on_focus_changed (EbCanvas *self)
{
  self->space_held = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_eb_canvas_input_init (EbCanvas *self)
{
  GtkGesture *drag, *click, *zoom;
  GtkEventController *controller;

  /* The drag comes first: a press selects before a double-click acts. */
  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
