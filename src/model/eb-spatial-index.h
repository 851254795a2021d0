/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-board.h"

G_BEGIN_DECLS

/**
 * EbRect:
 *
 * A rectangle in board units; the model does not depend on graphene.
 */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} EbRect;

#define EB_TYPE_SPATIAL_INDEX (eb_spatial_index_get_type ())
G_DECLARE_FINAL_TYPE (EbSpatialIndex, eb_spatial_index, EB, SPATIAL_INDEX, GObject)

EbSpatialIndex *eb_spatial_index_new         (EbBoard        *board);
GPtrArray      *eb_spatial_index_query_cards (EbSpatialIndex *self,
                                              const EbRect   *area);
GPtrArray      *eb_spatial_index_query_links (EbSpatialIndex *self,
                                              const EbRect   *area);
EbCard         *eb_spatial_index_card_at     (EbSpatialIndex *self,
                                              double          x,
                                              double          y);
guint           eb_spatial_index_card_order  (EbSpatialIndex *self,
                                              EbCard         *card);
gboolean        eb_spatial_index_get_bounds  (EbSpatialIndex *self,
                                              EbRect         *bounds);

G_END_DECLS
