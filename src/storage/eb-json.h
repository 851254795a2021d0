/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-board.h"
#include "eb-limits.h"

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

/* The newest "version" this build reads and writes; files with a higher
 * one are refused with %EB_JSON_ERROR_TOO_NEW.
 *
 * 1: cards, links between cards, frames.
 * 2: links may end at frames and carry from_side / to_side; frames may
 *    carry background / background_style.
 *
 * The writer says the lowest version that holds the whole board (see
 * eb_json_write()), so a board that uses nothing new still opens, whole,
 * in a build that knows only version 1. */
#define EB_JSON_FORMAT_VERSION 2

/* Limits for untrusted JSON, checked by eb_json_scan() before json-glib
 * parses anything. A board nests 3 deep (board, list, item); the depth
 * limit leaves room for future fields while staying far from the depth at
 * which json-glib 1.6's recursive parser overflows the stack. */
#define EB_JSON_MAX_SIZE  ((gsize) 256 * 1024 * 1024)
#define EB_JSON_MAX_DEPTH 64

/* json-glib keeps about 80 bytes per value, so a file of nothing but
 * "0," would need 10 GB; no board needs more values than its largest
 * item (20) times %EB_ITEMS_MAX, with room to spare. */
#define EB_JSON_MAX_VALUES ((gsize) 24 * EB_ITEMS_MAX)

GQuark    eb_json_error_quark (void);
gboolean  eb_json_scan        (const char  *data,
                               gsize        length,
                               guint        max_depth,
                               GError     **error);
gboolean  eb_json_scan_from_line (const char  *data,
                                  gsize        length,
                                  guint        max_depth,
                                  guint        first_line,
                                  GError     **error);
EbBoard  *eb_json_read        (const char  *data,
                               gsize        length,
                               GError     **error);
EbBoard  *eb_json_read_file   (const char  *path,
                               GError     **error);
guint     eb_json_format_version_of (EbBoard *board);
char     *eb_json_write       (EbBoard     *board,
                               gsize       *length);
gboolean  eb_json_write_file  (EbBoard     *board,
                               const char  *path,
                               GError     **error);
gboolean  eb_json_write_text_file (const char  *path,
                                   const char  *data,
                                   gsize        length,
                                   GError     **error);

G_END_DECLS
