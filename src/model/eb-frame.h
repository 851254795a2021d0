/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-item.h"

G_BEGIN_DECLS

/**
 * EbFrameBackgroundStyle:
 * @EB_FRAME_BACKGROUND_STYLE_NONE: not given (JSON Canvas's default)
 * @EB_FRAME_BACKGROUND_STYLE_COVER: the image fills the frame
 * @EB_FRAME_BACKGROUND_STYLE_RATIO: the image keeps its aspect ratio
 * @EB_FRAME_BACKGROUND_STYLE_REPEAT: the image is tiled
 *
 * How a frame's background image is laid out (JSON Canvas's
 * backgroundStyle for groups).
 */
typedef enum {
  EB_FRAME_BACKGROUND_STYLE_NONE,
  EB_FRAME_BACKGROUND_STYLE_COVER,
  EB_FRAME_BACKGROUND_STYLE_RATIO,
  EB_FRAME_BACKGROUND_STYLE_REPEAT,
} EbFrameBackgroundStyle;

#define EB_TYPE_FRAME (eb_frame_get_type ())
G_DECLARE_FINAL_TYPE (EbFrame, eb_frame, EB, FRAME, EbItem)

EbFrame                *eb_frame_new                  (const char *label,
                                                       double      x,
                                                       double      y,
                                                       double      width,
                                                       double      height);
const char             *eb_frame_get_label            (EbFrame    *self);
const char             *eb_frame_get_color            (EbFrame    *self);
double                  eb_frame_get_x                (EbFrame    *self);
double                  eb_frame_get_y                (EbFrame    *self);
double                  eb_frame_get_width            (EbFrame    *self);
double                  eb_frame_get_height           (EbFrame    *self);
const char             *eb_frame_get_background       (EbFrame    *self);
EbFrameBackgroundStyle  eb_frame_get_background_style (EbFrame    *self);

G_END_DECLS
