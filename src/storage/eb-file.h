/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EB_FILE_ERROR (eb_file_error_quark ())

/**
 * EbFileError:
 * @EB_FILE_ERROR_OPEN: the file cannot be opened; the message is the system's reason
 * @EB_FILE_ERROR_NOT_REGULAR: a folder, device or pipe rather than a file
 * @EB_FILE_ERROR_TOO_LARGE: larger than the caller accepts
 * @EB_FILE_ERROR_NO_MEMORY: there is not enough memory to hold it
 * @EB_FILE_ERROR_READ: reading failed; the message is the system's reason
 * @EB_FILE_ERROR_CHANGED: the file grew while it was being read
 * @EB_FILE_ERROR_WRITE: the new file could not be made, written, synced or
 *   put in place; the message is the system's reason
 *
 * Why a file could not be read or replaced. Each reader and writer turns
 * these into its own domain and words; the messages are short reasons,
 * not sentences.
 */
typedef enum {
  EB_FILE_ERROR_OPEN,
  EB_FILE_ERROR_NOT_REGULAR,
  EB_FILE_ERROR_TOO_LARGE,
  EB_FILE_ERROR_NO_MEMORY,
  EB_FILE_ERROR_READ,
  EB_FILE_ERROR_CHANGED,
  EB_FILE_ERROR_WRITE,
} EbFileError;

/**
 * EbFileAllocFunc:
 * @size: bytes wanted
 *
 * Returns: (nullable): @size bytes, or %NULL when there is no memory
 */
typedef gpointer (*EbFileAllocFunc) (gsize size);

/**
 * EbFileWriteFunc:
 * @fd: the temporary file, open for reading and writing, empty
 * @tmp_path: its name, for writers that open it themselves (SQLite)
 * @data: what was passed to eb_file_replace()
 * @error: where to say why it failed
 *
 * Fills the temporary file that eb_file_replace() then puts in place.
 * It need not sync it, and must not close @fd.
 *
 * Returns: %TRUE if the whole content was written
 */
typedef gboolean (*EbFileWriteFunc) (int          fd,
                                     const char  *tmp_path,
                                     gpointer     data,
                                     GError     **error);

GQuark    eb_file_error_quark        (void);

gboolean  eb_file_read_bounded       (const char       *path,
                                      gsize             max,
                                      char            **bytes,
                                      gsize            *length,
                                      GError          **error);
gboolean  eb_file_read_bounded_full  (const char       *path,
                                      gsize             max,
                                      EbFileAllocFunc   alloc_func,
                                      GDestroyNotify    free_func,
                                      gpointer         *bytes,
                                      gsize            *length,
                                      GError          **error);
gssize    eb_file_read_head          (const char       *path,
                                      guint8           *buffer,
                                      gsize             size,
                                      GError          **error);
gboolean  eb_file_replace            (const char       *path,
                                      EbFileWriteFunc   write_func,
                                      gpointer          data,
                                      GError          **error);

G_END_DECLS
