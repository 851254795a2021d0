/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-jsoncanvas.h"

G_BEGIN_DECLS

/* Shared by eb-jsoncanvas-read.c and eb-jsoncanvas-write.c. */

/**
 * EbJsonCanvasShape:
 * @EB_JSONCANVAS_SHAPE_MARKDOWN: a text node whose Markdown is made from
 *   the card's fields; the fields travel under %EB_JSONCANVAS_KEY
 * @EB_JSONCANVAS_SHAPE_TEXT: a note with nothing but notes: a text node
 *   whose text is the notes, byte for byte
 * @EB_JSONCANVAS_SHAPE_LINK: a source with nothing but a URL with a
 *   scheme (and a title that is the URL, or none): a link node
 * @EB_JSONCANVAS_SHAPE_FILE: a source with nothing but a vault path
 *   ("Notes/Asylum.md#Reports", and a title that is the path, or none):
 *   a file node with its subpath
 *
 * Which node a card becomes. The last three are what Obsidian's own
 * text, link and file nodes become on import, so they go back the same.
 */
typedef enum {
  EB_JSONCANVAS_SHAPE_MARKDOWN,
  EB_JSONCANVAS_SHAPE_TEXT,
  EB_JSONCANVAS_SHAPE_LINK,
  EB_JSONCANVAS_SHAPE_FILE,
} EbJsonCanvasShape;

EbJsonCanvasShape  _eb_jsoncanvas_card_shape     (EbCard     *card);
char              *_eb_jsoncanvas_card_markdown  (EbCard     *card);
char              *_eb_jsoncanvas_digest         (const char *text);
gboolean           _eb_jsoncanvas_has_scheme     (const char *url);

G_END_DECLS
