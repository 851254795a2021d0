/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-item.h"

G_BEGIN_DECLS

#define EB_TYPE_FRAME (eb_frame_get_type ())
G_DECLARE_FINAL_TYPE (EbFrame, eb_frame, EB, FRAME, EbItem)

EbFrame     *eb_frame_new        (const char *label,
                                  double      x,
                                  double      y,
                                  double      width,
                                  double      height);
const char  *eb_frame_get_label  (EbFrame    *self);
const char  *eb_frame_get_color  (EbFrame    *self);
double       eb_frame_get_x      (EbFrame    *self);
double       eb_frame_get_y      (EbFrame    *self);
double       eb_frame_get_width  (EbFrame    *self);
double       eb_frame_get_height (EbFrame    *self);

G_END_DECLS
