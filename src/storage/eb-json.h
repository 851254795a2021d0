/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-board.h"

G_BEGIN_DECLS

#define EB_JSON_ERROR (eb_json_error_quark ())

/**
 * EbJsonError:
 * @EB_JSON_ERROR_IO: the file cannot be read or written
 * @EB_JSON_ERROR_SYNTAX: not JSON (bad syntax, invalid UTF-8, a BOM we do not accept, comments)
 * @EB_JSON_ERROR_TOO_DEEP: nested deeper than any board needs
 * @EB_JSON_ERROR_TOO_LARGE: too big a file, string, number or count
 * @EB_JSON_ERROR_INVALID: JSON, but not a valid board (wrong types, dangling links, duplicate ids, out-of-range values)
 * @EB_JSON_ERROR_TOO_NEW: a board format version newer than this build reads
 */
typedef enum {
  EB_JSON_ERROR_IO,
  EB_JSON_ERROR_SYNTAX,
  EB_JSON_ERROR_TOO_DEEP,
  EB_JSON_ERROR_TOO_LARGE,
  EB_JSON_ERROR_INVALID,
  EB_JSON_ERROR_TOO_NEW,
} EbJsonError;

#define EB_JSON_FORMAT_VERSION 1

GQuark    eb_json_error_quark (void);
gboolean  eb_json_scan        (const char  *data,
                               gsize        length,
                               guint        max_depth,
                               GError     **error);
EbBoard  *eb_json_read        (const char  *data,
                               gsize        length,
                               GError     **error);
EbBoard  *eb_json_read_file   (const char  *path,
                               GError     **error);
char     *eb_json_write       (EbBoard     *board,
                               gsize       *length);
gboolean  eb_json_write_file  (EbBoard     *board,
                               const char  *path,
                               GError     **error);

G_END_DECLS
