/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-board.h"

G_BEGIN_DECLS

/**
 * EbFileFormat:
 * @EB_FILE_FORMAT_UNKNOWN: an extension we do not know
 * @EB_FILE_FORMAT_BOARD: an SQLite board file (.board)
 * @EB_FILE_FORMAT_JSON: the JSON form of a board (.json)
 * @EB_FILE_FORMAT_CANVAS: JSON Canvas (.canvas)
 * @EB_FILE_FORMAT_PNG: a PNG image
 * @EB_FILE_FORMAT_SVG: an SVG image
 * @EB_FILE_FORMAT_PDF: a PDF document
 * @EB_FILE_FORMAT_JSONL: FollowTheMoney entities as JSON lines, one per line (.jsonl)
 * @EB_FILE_FORMAT_FTM: an Aleph network diagram of FollowTheMoney entities (.ftm)
 *
 * The formats the command line knows by extension. The board formats
 * (.board, .json, .canvas, .jsonl, .ftm) are read by eb_convert_read()
 * and written by eb_convert_write(); the images only written, by the
 * render layer.
 */
typedef enum {
  EB_FILE_FORMAT_UNKNOWN,
  EB_FILE_FORMAT_BOARD,
  EB_FILE_FORMAT_JSON,
  EB_FILE_FORMAT_CANVAS,
  EB_FILE_FORMAT_PNG,
  EB_FILE_FORMAT_SVG,
  EB_FILE_FORMAT_PDF,
  EB_FILE_FORMAT_JSONL,
  EB_FILE_FORMAT_FTM,
} EbFileFormat;

EbFileFormat  eb_file_format_from_path  (const char    *path);
const char   *eb_file_format_get_name   (EbFileFormat   format);
gboolean      eb_file_format_is_image   (EbFileFormat   format);

gboolean      eb_convert_check_output   (const char    *path,
                                         EbFileFormat  *format,
                                         GError       **error);
EbFileFormat  eb_convert_detect         (const char    *path);
EbBoard      *eb_convert_read           (const char    *path,
                                         EbFileFormat  *format,
                                         GError       **error);
EbBoard      *eb_convert_read_full      (const char    *path,
                                         EbFileFormat  *format,
                                         char         **note,
                                         GError       **error);
gboolean      eb_convert_write          (EbBoard       *board,
                                         const char    *path,
                                         GError       **error);
char         *eb_convert_describe       (EbBoard       *board,
                                         EbFileFormat   format);
char         *eb_convert_error_line     (const char    *path,
                                         const GError  *error);

G_END_DECLS
