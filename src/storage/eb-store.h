/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-board.h"

G_BEGIN_DECLS

#define EB_STORE_ERROR (eb_store_error_quark ())

/**
 * EbStoreError:
 * @EB_STORE_ERROR_IO: the file cannot be read or written
 * @EB_STORE_ERROR_NOT_SQLITE: not an SQLite database at all
 * @EB_STORE_ERROR_NOT_A_BOARD: an SQLite database, but not an Evidence Board file
 * @EB_STORE_ERROR_TOO_NEW: written by a newer version of the app
 * @EB_STORE_ERROR_CORRUPT: truncated or damaged (fails quick_check)
 * @EB_STORE_ERROR_UNSAFE: holds schema objects we did not write (triggers, views, tables), or a WAL header / stray journal
 * @EB_STORE_ERROR_INVALID: rows with values out of bounds, dangling links, duplicate ids, invalid UTF-8
 * @EB_STORE_ERROR_TOO_LARGE: more than the app accepts (file size, rows, text length)
 * @EB_STORE_ERROR_BUSY: the board file is open in another store, window or program
 */
typedef enum {
  EB_STORE_ERROR_IO,
  EB_STORE_ERROR_NOT_SQLITE,
  EB_STORE_ERROR_NOT_A_BOARD,
  EB_STORE_ERROR_TOO_NEW,
  EB_STORE_ERROR_CORRUPT,
  EB_STORE_ERROR_UNSAFE,
  EB_STORE_ERROR_INVALID,
  EB_STORE_ERROR_TOO_LARGE,
  EB_STORE_ERROR_BUSY,
} EbStoreError;

/* The schema version this build writes; files with a higher
 * PRAGMA user_version are refused with EB_STORE_ERROR_TOO_NEW. */
#define EB_STORE_SCHEMA_VERSION 2

/**
 * EbStoreReadOnly:
 * @EB_STORE_READ_ONLY_NONE: the board can be edited and saved to its file
 * @EB_STORE_READ_ONLY_FILE: the file (or its folder) may not be written
 * @EB_STORE_READ_ONLY_MEDIUM: the file is on a read-only file system
 * @EB_STORE_READ_ONLY_BUSY: another store, window or program has the file open
 *
 * Why a board is shown without being editable.
 */
typedef enum {
  EB_STORE_READ_ONLY_NONE,
  EB_STORE_READ_ONLY_FILE,
  EB_STORE_READ_ONLY_MEDIUM,
  EB_STORE_READ_ONLY_BUSY,
} EbStoreReadOnly;

#define EB_TYPE_STORE (eb_store_get_type ())
G_DECLARE_FINAL_TYPE (EbStore, eb_store, EB, STORE, GObject)

GQuark       eb_store_error_quark       (void);

/* One-shot reading and writing of board files. */
EbBoard     *eb_store_read_file         (const char  *path,
                                         GError     **error);
gboolean     eb_store_write_file        (EbBoard     *board,
                                         const char  *path,
                                         GError     **error);

/* An open board: the board, its private working copy, and the file it is
 * saved to. */
EbStore     *eb_store_new               (const char  *working_dir,
                                         GError     **error);
EbStore     *eb_store_new_for_board     (EbBoard     *board,
                                         const char  *working_dir,
                                         GError     **error);
EbStore     *eb_store_open              (const char  *path,
                                         const char  *working_dir,
                                         GError     **error);
EbStore     *eb_store_open_read_only    (const char  *path,
                                         const char  *working_dir,
                                         EbStoreReadOnly reason,
                                         GError     **error);
EbStoreReadOnly eb_store_query_read_only (const char *path);
EbStore     *eb_store_recover           (const char  *working_path,
                                         GError     **error);
GPtrArray   *eb_store_list_recoverable  (const char  *working_dir);
EbBoard     *eb_store_get_board         (EbStore     *self);
const char  *eb_store_get_path          (EbStore     *self);
const char  *eb_store_get_working_path  (EbStore     *self);
gboolean     eb_store_get_dirty         (EbStore     *self);
void         eb_store_mark_clean        (EbStore     *self);
EbStoreReadOnly eb_store_get_read_only  (EbStore     *self);
gboolean     eb_store_save              (EbStore     *self,
                                         const char  *path,
                                         GError     **error);
void         eb_store_discard           (EbStore     *self);

G_END_DECLS
