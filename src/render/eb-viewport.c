/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-viewport"

#include "config.h"

#include <math.h>

#include "eb-limits.h"
#include "eb-viewport.h"

/* Which part of the board a view shows: the board point at the view's
 * top-left corner and the zoom (screen pixels per board unit). It knows
 * nothing of widgets, so pan and zoom arithmetic is tested on its own. */

#define FIT_MARGIN 40.0

struct _EbViewport
{
  GObject parent_instance;
  double  x;
  double  y;
  double  zoom;
  double  width;
  double  height;
};

G_DEFINE_FINAL_TYPE (EbViewport, eb_viewport, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
eb_viewport_class_init (EbViewportClass *klass)
{
  /**
   * EbViewport::changed:
   *
   * The view moved, zoomed or was resized.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
eb_viewport_init (EbViewport *self)
{
  self->zoom = 1.0;
}

/**
 * eb_viewport_new:
 *
 * Returns: (transfer full): a view of the board at 100 %, origin at the top-left
 */
EbViewport *
eb_viewport_new (void)
{
  return g_object_new (EB_TYPE_VIEWPORT, NULL);
}

double
eb_viewport_get_zoom (EbViewport *self)
{
  g_return_val_if_fail (EB_IS_VIEWPORT (self), 1);
  return self->zoom;
}

double
eb_viewport_get_x (EbViewport *self)
{
  g_return_val_if_fail (EB_IS_VIEWPORT (self), 0);
  return self->x;
}

double
eb_viewport_get_y (EbViewport *self)
{
  g_return_val_if_fail (EB_IS_VIEWPORT (self), 0);
  return self->y;
}

/**
 * eb_viewport_set_size:
 * @self: a viewport
 * @width: the view's width in screen pixels
 * @height: its height
 */
void
eb_viewport_set_size (EbViewport *self,
                      double      width,
                      double      height)
{
  g_return_if_fail (EB_IS_VIEWPORT (self));

  if (self->width == width && self->height == height)
    return;
  self->width = width;
  self->height = height;
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * eb_viewport_set_view:
 * @self: a viewport
 * @x: board x at the view's left edge
 * @y: board y at the view's top edge
 * @zoom: screen pixels per board unit; clamped to the fit range
 */
void
eb_viewport_set_view (EbViewport *self,
                      double      x,
                      double      y,
                      double      zoom)
{
  g_return_if_fail (EB_IS_VIEWPORT (self));

  if (!isfinite (x) || !isfinite (y) || !isfinite (zoom))
    return;

  zoom = CLAMP (zoom, EB_VIEWPORT_FIT_ZOOM_MIN, EB_VIEWPORT_ZOOM_MAX);
  /* No further than the board can reach, plus a view's width. */
  x = CLAMP (x, -2 * EB_COORD_MAX - self->width / zoom, 2 * EB_COORD_MAX);
  y = CLAMP (y, -2 * EB_COORD_MAX - self->height / zoom, 2 * EB_COORD_MAX);
  if (self->x == x && self->y == y && self->zoom == zoom)
    return;

  self->x = x;
  self->y = y;
  self->zoom = zoom;
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * eb_viewport_to_board:
 * @self: a viewport
 * @screen_x: a point in the view, in pixels
 * @screen_y: a point in the view, in pixels
 * @board_x: (out): the board point shown there
 * @board_y: (out): the board point shown there
 */
void
eb_viewport_to_board (EbViewport *self,
                      double      screen_x,
                      double      screen_y,
                      double     *board_x,
                      double     *board_y)
{
  g_return_if_fail (EB_IS_VIEWPORT (self));

  *board_x = self->x + screen_x / self->zoom;
  *board_y = self->y + screen_y / self->zoom;
}

/**
 * eb_viewport_to_screen:
 * @self: a viewport
 * @board_x: a board point
 * @board_y: a board point
 * @screen_x: (out): where it shows in the view, in pixels
 * @screen_y: (out): where it shows in the view, in pixels
 */
void
eb_viewport_to_screen (EbViewport *self,
                       double      board_x,
                       double      board_y,
                       double     *screen_x,
                       double     *screen_y)
{
  g_return_if_fail (EB_IS_VIEWPORT (self));

  *screen_x = (board_x - self->x) * self->zoom;
  *screen_y = (board_y - self->y) * self->zoom;
}

/**
 * eb_viewport_get_area:
 * @self: a viewport
 * @area: (out): the part of the board the view shows
 */
void
eb_viewport_get_area (EbViewport *self,
                      EbRect     *area)
{
  g_return_if_fail (EB_IS_VIEWPORT (self));

  *area = (EbRect) { self->x, self->y, self->width / self->zoom, self->height / self->zoom };
}

/**
 * eb_viewport_zoom_at:
 * @self: a viewport
 * @zoom: the new zoom; clamped to the allowed range
 * @screen_x: the point that stays put, in view pixels (the pointer)
 * @screen_y: the point that stays put
 *
 * Zooms around a point, so what is under the pointer stays under it.
 */
void
eb_viewport_zoom_at (EbViewport *self,
                     double      zoom,
                     double      screen_x,
                     double      screen_y)
{
  double bx, by;

  g_return_if_fail (EB_IS_VIEWPORT (self));

  /* Below 5 % only after fitting a huge board: zoom in from there, or
   * stay, but do not go further out. */
  zoom = CLAMP (zoom, MIN (EB_VIEWPORT_ZOOM_MIN, self->zoom), EB_VIEWPORT_ZOOM_MAX);
  eb_viewport_to_board (self, screen_x, screen_y, &bx, &by);
  eb_viewport_set_view (self, bx - screen_x / zoom, by - screen_y / zoom, zoom);
}

/**
 * eb_viewport_scroll:
 * @self: a viewport
 * @screen_dx: how far to move the view, in screen pixels
 * @screen_dy: how far to move the view, in screen pixels
 */
void
eb_viewport_scroll (EbViewport *self,
                    double      screen_dx,
                    double      screen_dy)
{
  g_return_if_fail (EB_IS_VIEWPORT (self));

  eb_viewport_set_view (self, self->x + screen_dx / self->zoom,
                        self->y + screen_dy / self->zoom, self->zoom);
}

/**
 * eb_viewport_fit:
 * @self: a viewport
 * @bounds: the board area to show whole, e.g. the board's bounds
 *
 * Zooms and centres so @bounds fills the view with a margin, never
 * zooming in past 100 %, and out as far as a huge board needs.
 */
void
eb_viewport_fit (EbViewport   *self,
                 const EbRect *bounds)
{
  double zoom;

  g_return_if_fail (EB_IS_VIEWPORT (self));

  if (self->width <= 2 * FIT_MARGIN || self->height <= 2 * FIT_MARGIN ||
      bounds->width <= 0 || bounds->height <= 0)
    {
      eb_viewport_set_view (self, bounds->x - FIT_MARGIN, bounds->y - FIT_MARGIN, self->zoom);
      return;
    }

  zoom = MIN ((self->width - 2 * FIT_MARGIN) / bounds->width,
              (self->height - 2 * FIT_MARGIN) / bounds->height);
  zoom = CLAMP (zoom, EB_VIEWPORT_FIT_ZOOM_MIN, 1.0);

  eb_viewport_set_view (self,
                        bounds->x + bounds->width / 2 - self->width / zoom / 2,
                        bounds->y + bounds->height / 2 - self->height / zoom / 2,
                        zoom);
}

/**
 * eb_viewport_show:
 * @self: a viewport
 * @rect: a board area, e.g. a card
 *
 * Scrolls just enough to bring @rect into view, keeping the zoom; does
 * nothing if it is in view already.
 */
void
eb_viewport_show (EbViewport   *self,
                  const EbRect *rect)
{
  EbRect area;
  double x, y;

  g_return_if_fail (EB_IS_VIEWPORT (self));

  eb_viewport_get_area (self, &area);
  x = area.x;
  y = area.y;

  if (rect->x < area.x || rect->width > area.width)
    x = rect->x - FIT_MARGIN / self->zoom;
  else if (rect->x + rect->width > area.x + area.width)
    x = rect->x + rect->width - area.width + FIT_MARGIN / self->zoom;

  if (rect->y < area.y || rect->height > area.height)
    y = rect->y - FIT_MARGIN / self->zoom;
  else if (rect->y + rect->height > area.y + area.height)
    y = rect->y + rect->height - area.height + FIT_MARGIN / self->zoom;

  eb_viewport_set_view (self, x, y, self->zoom);
}
