/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pango.h>

#include "eb-painter.h"

G_BEGIN_DECLS

/* Shared by the painter's parts: eb-painter.c (the object, its caches,
 * colours and frames), eb-painter-cards.c, eb-painter-links.c and
 * eb-painter-overview.c (the whole board zoomed out). */

#define PAD           12.0
#define STRIPE         5.0
#define BADGE_RADIUS  11.0
#define CORNER         8.0
#define TITLE_GAP      4.0
#define FRAME_CORNER  14.0
/* Zoomed out, card titles are drawn GLANCE_SIZE units tall, readable from
 * GLANCE_MIN_ZOOM (about 7 pixels) up to EB_PAINTER_TEXT_MIN_ZOOM, where
 * the cards' own text takes over. */
#define GLANCE_SIZE     34.0
#define GLANCE_MIN_ZOOM 0.2

typedef struct
{
  EbItem   *from;    /* borrowed: a card or frame leaves the board only after its links */
  EbItem   *to;
  gboolean  from_frame;   /* the ends' kinds, which never change: type checks */
  gboolean  to_frame;     /* per link per frame showed in the overview's time */
} LinkEnds;

typedef struct
{
  PangoLayout *title;
  PangoLayout *body;
  PangoLayout *glance;   /* the title in big letters, for the overview */
  double       width;    /* card size the layouts were made for */
  double       height;
} CardText;

struct _EbPainter
{
  GObject               parent_instance;
  EbBoard              *board;
  EbSpatialIndex       *index;
  PangoContext         *context;
  PangoFontDescription *title_font;
  PangoFontDescription *body_font;
  PangoFontDescription *label_font;
  PangoFontDescription *frame_font;
  PangoFontDescription *badge_font;
  PangoFontDescription *glance_font;
  GHashTable           *texts;     /* EbCard → CardText; EbLink/EbFrame → PangoLayout */
  GHashTable           *ends;      /* EbLink → LinkEnds, its cards found by id once */
  PangoLayout          *badges[EB_GRADE_F + 1];
};

extern const GdkRGBA _eb_painter_kind_fill[];
extern const GdkRGBA _eb_painter_kind_accent[];
extern const GdkRGBA _eb_painter_grade_fill[];
extern const GdkRGBA _eb_painter_link_stroke[];
extern const GdkRGBA _eb_painter_text_color;
extern const GdkRGBA _eb_painter_muted_color;
extern const GdkRGBA _eb_painter_selection_color;

void         _eb_painter_fill_rounded  (GtkSnapshot                *snapshot,
                                        const GskRoundedRect       *rect,
                                        const GdkRGBA              *color);
PangoLayout *_eb_painter_make_layout   (EbPainter                  *self,
                                        const PangoFontDescription *font,
                                        const char                 *text,
                                        double                      width,
                                        int                         max_lines);
void         _eb_painter_card_text_free (gpointer                  data);
void         _eb_painter_draw_card     (EbPainter                  *self,
                                        GtkSnapshot                *snapshot,
                                        EbCard                     *card,
                                        gboolean                    selected);
void         _eb_painter_draw_glance   (EbPainter                  *self,
                                        GtkSnapshot                *snapshot,
                                        GPtrArray                  *cards,
                                        double                      zoom);
void         _eb_painter_draw_links    (EbPainter                  *self,
                                        GtkSnapshot                *snapshot,
                                        const EbRect               *area,
                                        GPtrArray                  *links,
                                        double                      zoom,
                                        GHashTable                 *selection);
void         _eb_painter_draw_link_labels (EbPainter             *self,
                                           GtkSnapshot           *snapshot,
                                           GPtrArray             *links);
void         _eb_painter_draw_overview (EbPainter                  *self,
                                        GtkSnapshot                *snapshot,
                                        const EbRect               *area,
                                        GPtrArray                  *links,
                                        GPtrArray                  *cards,
                                        double                      zoom,
                                        GHashTable                 *selection);

G_END_DECLS
