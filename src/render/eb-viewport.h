/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "eb-spatial-index.h"

G_BEGIN_DECLS

/* The zoom range people zoom in (5 % to 400 %); fitting a board bigger
 * than 5 % can show goes further out, down to the fit minimum. */
#define EB_VIEWPORT_ZOOM_MIN     0.05
#define EB_VIEWPORT_ZOOM_MAX     4.0
#define EB_VIEWPORT_FIT_ZOOM_MIN 0.002

#define EB_TYPE_VIEWPORT (eb_viewport_get_type ())
G_DECLARE_FINAL_TYPE (EbViewport, eb_viewport, EB, VIEWPORT, GObject)

EbViewport *eb_viewport_new          (void);
double      eb_viewport_get_zoom     (EbViewport   *self);
double      eb_viewport_get_x        (EbViewport   *self);
double      eb_viewport_get_y        (EbViewport   *self);
void        eb_viewport_set_size     (EbViewport   *self,
                                      double        width,
                                      double        height);
void        eb_viewport_set_view     (EbViewport   *self,
                                      double        x,
                                      double        y,
                                      double        zoom);
void        eb_viewport_to_board     (EbViewport   *self,
                                      double        screen_x,
                                      double        screen_y,
                                      double       *board_x,
                                      double       *board_y);
void        eb_viewport_to_screen    (EbViewport   *self,
                                      double        board_x,
                                      double        board_y,
                                      double       *screen_x,
                                      double       *screen_y);
void        eb_viewport_get_area     (EbViewport   *self,
                                      EbRect       *area);
void        eb_viewport_zoom_at      (EbViewport   *self,
                                      double        zoom,
                                      double        screen_x,
                                      double        screen_y);
void        eb_viewport_scroll       (EbViewport   *self,
                                      double        screen_dx,
                                      double        screen_dy);
void        eb_viewport_fit          (EbViewport   *self,
                                      const EbRect *bounds);
void        eb_viewport_show         (EbViewport   *self,
                                      const EbRect *rect);

G_END_DECLS
