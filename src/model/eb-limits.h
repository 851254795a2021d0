/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bounds every reader enforces before it builds a model object, so that a
 * hostile file is refused with a message rather than turned into a board
 * nobody can draw. The property specs use the same numbers. */
#define EB_COORD_MAX      1.0e7     /* |x|, |y| of any item, in board units */
#define EB_SIZE_MIN       1.0
#define EB_SIZE_MAX       1.0e6     /* width, height */
#define EB_TEXT_MAX       (1 << 20) /* bytes in any one text field */
#define EB_ID_MAX         128       /* bytes in an id */
#define EB_ITEMS_MAX      1000000   /* cards + links + frames in one board */

gboolean eb_text_is_valid  (const char *text,
                            gssize      length);
gboolean eb_color_is_valid (const char *color);
gboolean eb_id_is_valid    (const char *id);

G_END_DECLS
