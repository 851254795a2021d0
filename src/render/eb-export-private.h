/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>

#include "eb-export.h"
#include "eb-painter-private.h"

G_BEGIN_DECLS

/* Shared by export's parts: eb-export.c (options, the region, measuring,
 * the public API), eb-export-picture.c (the picture every format draws,
 * and its caption), eb-export-file.c (the temporary file renamed over the
 * target), eb-export-png.c (strips, the drawing thread, libpng) and
 * eb-export-vector.c (SVG and PDF streams). */

/* Board units around a strip that the painter is asked for, so that what
 * reaches over a strip's edge (arrowheads, label backgrounds) is drawn in
 * both strips; the image's edges clip it exactly. */
#define STRIP_OVERLAP   64.0

#define CAPTION_PAD     24.0

/* Everything one export needs, worked out before a pixel is drawn. */
typedef struct
{
  EbBoard        *board;
  EbSpatialIndex *index;
  EbPainter      *painter;
  EbExportFormat  format;
  EbRect          area;        /* the board part, margins included */
  double          scale;
  int             width;       /* pixels (points) */
  int             height;
  gboolean        transparent;
  PangoLayout    *caption;     /* in board units, below area; NULL for none */
  double          caption_height;
  char           *title;
} Job;

typedef struct
{
  FILE   *file;
  char   *tmp_path;
  int     errsv;      /* errno of the first failed write */
} Output;

PangoLayout   *_eb_export_make_caption   (Job              *job);
GskRenderNode *_eb_export_job_build_node (Job              *job,
                                          double            y0,
                                          double            rows);

gboolean       _eb_export_io_error       (GError          **error,
                                          int               errsv,
                                          const char       *what);
gboolean       _eb_export_output_open    (Output           *out,
                                          const char       *path,
                                          GError          **error);
gboolean       _eb_export_output_commit  (Output           *out,
                                          const char       *path,
                                          GError          **error);
void           _eb_export_output_discard (Output           *out);

gboolean       _eb_export_write_png      (Job              *job,
                                          Output           *out,
                                          GCancellable     *cancellable,
                                          EbExportProgress  progress,
                                          gpointer          user_data,
                                          GError          **error);
gboolean       _eb_export_write_vector   (Job              *job,
                                          Output           *out,
                                          GCancellable     *cancellable,
                                          EbExportProgress  progress,
                                          gpointer          user_data,
                                          GError          **error);

G_END_DECLS
