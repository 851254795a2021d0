/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-board.h"
#include "eb-spatial-index.h"

G_BEGIN_DECLS

#define EB_EXPORT_ERROR (eb_export_error_quark ())

/**
 * EbExportError:
 * @EB_EXPORT_ERROR_UNKNOWN_FORMAT: the file name names no image format
 * @EB_EXPORT_ERROR_EMPTY: there is nothing to draw (an empty board, or
 *   none of the chosen items is on it)
 * @EB_EXPORT_ERROR_FRAME_NOT_FOUND: no frame has the label asked for
 * @EB_EXPORT_ERROR_BAD_SCALE: the scale or width is out of range
 * @EB_EXPORT_ERROR_TOO_BIG: the image would be larger than a PNG we write
 * @EB_EXPORT_ERROR_IO: the file could not be written
 * @EB_EXPORT_ERROR_FAILED: cairo or libpng failed for another reason
 *
 * Cancellation is reported as %G_IO_ERROR_CANCELLED.
 */
typedef enum {
  EB_EXPORT_ERROR_UNKNOWN_FORMAT,
  EB_EXPORT_ERROR_EMPTY,
  EB_EXPORT_ERROR_FRAME_NOT_FOUND,
  EB_EXPORT_ERROR_BAD_SCALE,
  EB_EXPORT_ERROR_TOO_BIG,
  EB_EXPORT_ERROR_IO,
  EB_EXPORT_ERROR_FAILED,
} EbExportError;

/**
 * EbExportFormat:
 * @EB_EXPORT_FORMAT_AUTO: from the file name's extension (any case)
 * @EB_EXPORT_FORMAT_PNG: a PNG image, drawn in strips so any size fits in memory
 * @EB_EXPORT_FORMAT_SVG: SVG, vector shapes (glyphs as shapes)
 * @EB_EXPORT_FORMAT_PDF: PDF, vector shapes with real, searchable text
 */
typedef enum {
  EB_EXPORT_FORMAT_AUTO,
  EB_EXPORT_FORMAT_PNG,
  EB_EXPORT_FORMAT_SVG,
  EB_EXPORT_FORMAT_PDF,
} EbExportFormat;

/**
 * EbExportRegion:
 * @EB_EXPORT_REGION_BOARD: everything on the board
 * @EB_EXPORT_REGION_AREA: the rectangle in #EbExportOptions.area (e.g. the
 *   visible part of the canvas)
 * @EB_EXPORT_REGION_ITEMS: the bounding box of the items whose ids are in
 *   #EbExportOptions.item_ids (e.g. the selection)
 * @EB_EXPORT_REGION_FRAME: the frame labelled #EbExportOptions.frame_label
 *
 * What part of the board to draw; a margin is added around it.
 */
typedef enum {
  EB_EXPORT_REGION_BOARD,
  EB_EXPORT_REGION_AREA,
  EB_EXPORT_REGION_ITEMS,
  EB_EXPORT_REGION_FRAME,
} EbExportRegion;

/* Pixels a side, and in all, of the largest PNG we write. Memory does not
 * limit it (strips); the time to write it and the programs that must open
 * it do. */
#define EB_EXPORT_PNG_MAX_SIDE   65535
#define EB_EXPORT_PNG_MAX_PIXELS ((gint64) 2 << 30)
#define EB_EXPORT_SCALE_MAX      16.0
#define EB_EXPORT_MARGIN         40.0

/**
 * EbExportOptions:
 * @format: the file format; %EB_EXPORT_FORMAT_AUTO picks it by extension
 * @scale: pixels (PNG) or points (SVG, PDF) per board unit, in (0, 16];
 *   1 by default
 * @width: if greater than 0, the width of the picture in pixels (points
 *   for SVG and PDF), margins included; it sets the scale instead of @scale
 * @region: what part of the board to draw
 * @area: the area for %EB_EXPORT_REGION_AREA, in board units
 * @item_ids: (array zero-terminated=1): the ids for %EB_EXPORT_REGION_ITEMS
 * @frame_label: the label for %EB_EXPORT_REGION_FRAME: the frame with
 *   exactly this label, or else the only one whose label contains it
 *   (case does not matter)
 * @transparent: leave the background transparent (PNG, SVG, PDF) instead
 *   of the board's colour
 * @margin: board units of background around the region; 40 by default
 * @caption: add a caption strip under the picture: the board's title,
 *   today's date, and the sources in the picture with their grades
 *
 * How to export. Make one with eb_export_options_new() for the defaults;
 * the strings are owned by the struct (g_free()d by
 * eb_export_options_free()).
 */
typedef struct
{
  EbExportFormat  format;
  double          scale;
  int             width;
  EbExportRegion  region;
  EbRect          area;
  char          **item_ids;
  char           *frame_label;
  gboolean        transparent;
  double          margin;
  gboolean        caption;
} EbExportOptions;

/**
 * EbExportProgress:
 * @fraction: how much is done, from 0 to 1
 * @user_data: the data given with the callback
 *
 * Called now and then during an export, in the thread that runs it.
 */
typedef void (*EbExportProgress) (double   fraction,
                                  gpointer user_data);

/**
 * EbExportSize:
 * @format: the format that will be written
 * @area: the part of the board drawn, margins included, in board units
 * @scale: pixels (or points) per board unit
 * @width: the picture's width in pixels (or points), caption included
 * @height: its height
 *
 * What an export will produce, for a dialog to show before it starts.
 */
typedef struct
{
  EbExportFormat format;
  EbRect         area;
  double         scale;
  int            width;
  int            height;
} EbExportSize;

#define EB_TYPE_EXPORT_OPTIONS (eb_export_options_get_type ())

GQuark           eb_export_error_quark      (void);
GType            eb_export_options_get_type (void) G_GNUC_CONST;
EbExportOptions *eb_export_options_new      (void);
EbExportOptions *eb_export_options_copy     (const EbExportOptions  *options);
void             eb_export_options_free     (EbExportOptions        *options);
void             eb_export_options_set_frame (EbExportOptions       *options,
                                             const char             *label);
void             eb_export_options_set_items (EbExportOptions       *options,
                                             const char * const     *ids);

EbExportFormat   eb_export_format_from_path (const char             *path);
gboolean         eb_export_measure          (EbBoard                *board,
                                             const char             *path,
                                             const EbExportOptions  *options,
                                             EbExportSize           *size,
                                             GError                **error);
gboolean         eb_export_to_file          (EbBoard                *board,
                                             const char             *path,
                                             const EbExportOptions  *options,
                                             GCancellable           *cancellable,
                                             EbExportProgress        progress,
                                             gpointer                user_data,
                                             GError                **error);
EbBoard         *eb_export_snapshot_board   (EbBoard                *board);
void             eb_export_to_file_async    (EbBoard                *board,
                                             const char             *path,
                                             const EbExportOptions  *options,
                                             GCancellable           *cancellable,
                                             EbExportProgress        progress,
                                             gpointer                progress_data,
                                             GDestroyNotify          progress_data_free,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data);
gboolean         eb_export_to_file_finish   (GAsyncResult           *result,
                                             GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EbExportOptions, eb_export_options_free)

G_END_DECLS
