/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-item.h"

G_BEGIN_DECLS

/**
 * EbLinkKind:
 * @EB_LINK_KIND_RELATED: any relation, named by the label
 * @EB_LINK_KIND_REPORTED_BY: the information on one card comes from a source
 * @EB_LINK_KIND_SUPPORTS: a source or event supports a claim
 * @EB_LINK_KIND_CONTRADICTS: a source or event contradicts a claim
 */
typedef enum {
  EB_LINK_KIND_RELATED,
  EB_LINK_KIND_REPORTED_BY,
  EB_LINK_KIND_SUPPORTS,
  EB_LINK_KIND_CONTRADICTS,
} EbLinkKind;

/**
 * EbLinkDirection:
 * @EB_LINK_DIRECTION_NONE: no arrowhead
 * @EB_LINK_DIRECTION_FORWARD: an arrow from the first card to the second
 * @EB_LINK_DIRECTION_BOTH: arrows at both ends
 */
typedef enum {
  EB_LINK_DIRECTION_NONE,
  EB_LINK_DIRECTION_FORWARD,
  EB_LINK_DIRECTION_BOTH,
} EbLinkDirection;

/**
 * EbLinkSide:
 * @EB_LINK_SIDE_NONE: chosen from where the other end lies
 * @EB_LINK_SIDE_TOP: the middle of the top side
 * @EB_LINK_SIDE_RIGHT: the middle of the right side
 * @EB_LINK_SIDE_BOTTOM: the middle of the bottom side
 * @EB_LINK_SIDE_LEFT: the middle of the left side
 *
 * Where a link meets the card or frame at one of its ends (JSON Canvas's
 * fromSide and toSide).
 */
typedef enum {
  EB_LINK_SIDE_NONE,
  EB_LINK_SIDE_TOP,
  EB_LINK_SIDE_RIGHT,
  EB_LINK_SIDE_BOTTOM,
  EB_LINK_SIDE_LEFT,
} EbLinkSide;

#define EB_TYPE_LINK (eb_link_get_type ())
G_DECLARE_FINAL_TYPE (EbLink, eb_link, EB, LINK, EbItem)

EbLink          *eb_link_new             (const char *from_id,
                                          const char *to_id,
                                          EbLinkKind  kind,
                                          const char *label);
const char      *eb_link_get_from_id     (EbLink     *self);
const char      *eb_link_get_to_id       (EbLink     *self);
const char      *eb_link_get_label       (EbLink     *self);
EbLinkKind       eb_link_get_kind        (EbLink     *self);
EbLinkDirection  eb_link_get_direction   (EbLink     *self);
const char      *eb_link_get_color       (EbLink     *self);
guint            eb_link_get_credibility (EbLink     *self);
EbLinkSide       eb_link_get_from_side   (EbLink     *self);
EbLinkSide       eb_link_get_to_side     (EbLink     *self);

void             eb_link_end_get_bounds  (EbItem     *end,
                                          double     *x,
                                          double     *y,
                                          double     *width,
                                          double     *height);

const char      *eb_link_kind_describe   (EbLinkKind kind);
const char      *eb_credibility_describe (guint      credibility);

G_END_DECLS
