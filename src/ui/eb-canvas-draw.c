/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-canvas"

#include "config.h"

#include <math.h>

#include "eb-canvas-private.h"

/* Drawing the canvas: a plain background with a dot grid when zoomed in,
 * the board through EbPainter (the same painter export uses) for the
 * part in view only, then what belongs to the screen and not to the
 * board: the focus ring, frame selection, handles, the rubber band and
 * the line of a link being drawn. snapshot() only reads state; nothing
 * here changes the board or the view. */

static const GdkRGBA background = { 0.965, 0.961, 0.953, 1 };
static const GdkRGBA grid_dot = { 0.55, 0.55, 0.60, 0.35 };
static const GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };
static const GdkRGBA focus_color = { 0.10, 0.37, 0.71, 1 };
static const GdkRGBA white = { 1, 1, 1, 1 };

/* A filled circle, as a border whose widths meet in the middle (cheaper
 * than a rounded clip with the cairo renderer). */
static void
append_disc (GtkSnapshot   *snapshot,
             double         cx,
             double         cy,
             double         radius,
             const GdkRGBA *color)
{
  GskRoundedRect disc;
  float r = radius;

  gsk_rounded_rect_init_from_rect (&disc, &GRAPHENE_RECT_INIT (cx - r, cy - r, 2 * r, 2 * r), r);
  gtk_snapshot_append_border (snapshot, &disc, (float[4]) { r, r, r, r },
                              (GdkRGBA[4]) { *color, *color, *color, *color });
}

static void
append_ring (GtkSnapshot     *snapshot,
             graphene_rect_t *rect,
             double           corner,
             float            width,
             const GdkRGBA   *color)
{
  GskRoundedRect ring;

  gsk_rounded_rect_init_from_rect (&ring, rect, corner);
  gtk_snapshot_append_border (snapshot, &ring, (float[4]) { width, width, width, width },
                              (GdkRGBA[4]) { *color, *color, *color, *color });
}

/* The screen rectangle of a board rectangle. */
static graphene_rect_t
to_screen (EbCanvas *self,
           double    x,
           double    y,
           double    width,
           double    height)
{
  double sx, sy, zoom = eb_viewport_get_zoom (self->viewport);

  eb_viewport_to_screen (self->viewport, x, y, &sx, &sy);
  return GRAPHENE_RECT_INIT (sx, sy, width * zoom, height * zoom);
}

/* Dots on the snapping grid, one tile repeated, so the grid costs the
 * same at any size. Zoomed out they would only be noise. */
static void
draw_grid (EbCanvas    *self,
           GtkSnapshot *snapshot,
           int          width,
           int          height)
{
  double zoom = eb_viewport_get_zoom (self->viewport);
  double step = zoom >= 1.0 ? EB_CANVAS_GRID : 2 * EB_CANVAS_GRID;
  double spacing = step * zoom;
  double ox, oy;
  EbRect area;

  if (zoom < 0.5)
    return;

  eb_viewport_get_area (self->viewport, &area);
  ox = (ceil (area.x / step) * step - area.x) * zoom;
  oy = (ceil (area.y / step) * step - area.y) * zoom;

  gtk_snapshot_push_repeat (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height),
                            &GRAPHENE_RECT_INIT (ox, oy, spacing, spacing));
  gtk_snapshot_append_color (snapshot, &grid_dot, &GRAPHENE_RECT_INIT (ox, oy, 1.5, 1.5));
  gtk_snapshot_pop (snapshot);
}

static void
draw_frame_selection (EbCanvas    *self,
                      GtkSnapshot *snapshot)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      graphene_rect_t rect;

      if (!EB_IS_FRAME (item))
        continue;
      rect = to_screen (self, eb_frame_get_x (item), eb_frame_get_y (item),
                        eb_frame_get_width (item), eb_frame_get_height (item));
      graphene_rect_inset (&rect, -3, -3);
      append_ring (snapshot, &rect, 14 * eb_viewport_get_zoom (self->viewport) + 3, 3, &accent);
    }
}

static void
draw_card_ring (EbCanvas      *self,
                GtkSnapshot   *snapshot,
                EbCard        *card,
                double         outset,
                float          width,
                const GdkRGBA *color)
{
  graphene_rect_t rect = to_screen (self, eb_card_get_x (card), eb_card_get_y (card),
                                    eb_card_get_width (card), eb_card_get_height (card));

  graphene_rect_inset (&rect, -outset, -outset);
  append_ring (snapshot, &rect, 8 * eb_viewport_get_zoom (self->viewport) + outset, width, color);
}

static void
draw_link_line (EbCanvas    *self,
                GtkSnapshot *snapshot)
{
  double x0, y0, x1 = self->pointer_x, y1 = self->pointer_y;
  graphene_rect_t bounds;
  cairo_t *cr;

  if (!_eb_canvas_link_handle (self, NULL, &x0, &y0))
    return;

  graphene_rect_init (&bounds, MIN (x0, x1) - 4, MIN (y0, y1) - 4,
                      fabs (x1 - x0) + 8, fabs (y1 - y0) + 8);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_set_line_width (cr, 2);
  cairo_set_dash (cr, (double[2]) { 6, 4 }, 2, 0);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
draw_handles (EbCanvas    *self,
              GtkSnapshot *snapshot)
{
  double x, y;

  if (_eb_canvas_resize_handle (self, NULL, &x, &y))
    {
      graphene_rect_t square = GRAPHENE_RECT_INIT (x - 5, y - 5, 10, 10);

      gtk_snapshot_append_color (snapshot, &white, &square);
      append_ring (snapshot, &square, 0, 2, &accent);
    }

  if (_eb_canvas_link_handle (self, NULL, &x, &y))
    {
      append_disc (snapshot, x, y, EB_CANVAS_HANDLE_RADIUS, &accent);
      append_disc (snapshot, x, y, EB_CANVAS_HANDLE_RADIUS - 3, &white);
    }
}

void
_eb_canvas_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  EbCanvas *self = EB_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double zoom;
  EbRect area;

  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->board == NULL || width <= 0 || height <= 0)
    return;

  draw_grid (self, snapshot, width, height);

  zoom = eb_viewport_get_zoom (self->viewport);
  eb_viewport_get_area (self->viewport, &area);

  /* GTK 4.8's gtk_snapshot_append_cairo() scales the translation of a
   * transform that both scales and translates (it sets up its cairo
   * context as scale, then translate in device units), so the painter's
   * curves would land away from its cards. The board is drawn into a
   * snapshot of its own that only scales, and the finished nodes are
   * moved into place, which GTK does right. */
  {
    GtkSnapshot *board = gtk_snapshot_new ();
    GskRenderNode *node;

    gtk_snapshot_scale (board, zoom, zoom);
    eb_painter_snapshot (self->painter, board, &area, zoom, self->selection);
    node = gtk_snapshot_free_to_node (board);
    if (node != NULL)
      {
        gtk_snapshot_save (snapshot);
        gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-area.x * zoom, -area.y * zoom));
        gtk_snapshot_append_node (snapshot, node);
        gtk_snapshot_restore (snapshot);
        gsk_render_node_unref (node);
      }
  }

  draw_frame_selection (self, snapshot);

  if (self->focus_card != NULL && gtk_widget_has_focus (widget))
    draw_card_ring (self, snapshot, self->focus_card, 8, 2, &focus_color);

  if (self->drag == EB_CANVAS_DRAG_LINK && self->drag_moved)
    {
      if (self->target_card != NULL)
        draw_card_ring (self, snapshot, self->target_card, 3, 3, &accent);
      draw_link_line (self, snapshot);
    }

  if (self->drag == EB_CANVAS_DRAG_RUBBER && self->drag_moved)
    {
      graphene_rect_t band = GRAPHENE_RECT_INIT (MIN (self->drag_x, self->drag_x + self->drag_dx),
                                                 MIN (self->drag_y, self->drag_y + self->drag_dy),
                                                 fabs (self->drag_dx), fabs (self->drag_dy));

      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { accent.red, accent.green, accent.blue, 0.12 }, &band);
      append_ring (snapshot, &band, 0, 1, &accent);
    }

  draw_handles (self, snapshot);

  if (self->editor != NULL)
    gtk_widget_snapshot_child (widget, self->editor, snapshot);
}
