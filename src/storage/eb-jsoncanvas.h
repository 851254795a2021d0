/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-board.h"

G_BEGIN_DECLS

/* The key under which each node and edge carries the fields JSON Canvas
 * cannot say (card kind, dates, grade, link kind, times…), so that a
 * board → .canvas → board round trip loses nothing. Other tools keep
 * unknown keys or drop them; either way the canvas stays valid. */
#define EB_JSONCANVAS_KEY "evidenceboard"

/**
 * EbJsonCanvasReport:
 * @n_dangling_edges: edges to or from a node the file does not have
 * @n_unknown_nodes: nodes of a type JSON Canvas 1.0 does not define
 *
 * What a lenient read left out. Nothing here makes the file unusable;
 * eb_jsoncanvas_report_describe() says it in one sentence.
 */
typedef struct
{
  guint n_dangling_edges;
  guint n_unknown_nodes;
} EbJsonCanvasReport;

EbBoard  *eb_jsoncanvas_read             (const char          *data,
                                          gsize                length,
                                          GError             **error);
EbBoard  *eb_jsoncanvas_read_full        (const char          *data,
                                          gsize                length,
                                          EbJsonCanvasReport  *report,
                                          GError             **error);
EbBoard  *eb_jsoncanvas_read_file        (const char          *path,
                                          GError             **error);
EbBoard  *eb_jsoncanvas_read_file_full   (const char          *path,
                                          EbJsonCanvasReport  *report,
                                          GError             **error);
char     *eb_jsoncanvas_report_describe  (const EbJsonCanvasReport *report);
char     *eb_jsoncanvas_write            (EbBoard             *board,
                                          gsize               *length);
gboolean  eb_jsoncanvas_write_file       (EbBoard             *board,
                                          const char          *path,
                                          GError             **error);

G_END_DECLS
