/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-board.h"
#include "eb-spatial-index.h"

G_BEGIN_DECLS

/* Below this zoom cards lose their text and links their labels: the
 * level of detail that keeps a whole-board view fast. */
#define EB_PAINTER_TEXT_MIN_ZOOM 0.3

#define EB_TYPE_PAINTER (eb_painter_get_type ())
G_DECLARE_FINAL_TYPE (EbPainter, eb_painter, EB, PAINTER, GObject)

EbPainter      *eb_painter_new        (EbBoard          *board,
                                       EbSpatialIndex   *index);
EbBoard        *eb_painter_get_board  (EbPainter        *self);
EbSpatialIndex *eb_painter_get_index  (EbPainter        *self);
void            eb_painter_snapshot   (EbPainter        *self,
                                       GtkSnapshot      *snapshot,
                                       const EbRect     *area,
                                       double            zoom,
                                       GHashTable       *selection);
void            eb_painter_card_color (EbCard           *card,
                                       GdkRGBA          *fill);
void            eb_painter_link_color (EbLink           *link,
                                       GdkRGBA          *stroke);
void            eb_painter_link_ends  (EbPainter        *self,
                                       EbLink           *link,
                                       graphene_point_t  points[4]);

G_END_DECLS
