/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-file"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eb-file.h"

/* The two things every board format does with whole files, done once:
 * reading a file that may come from anyone (a regular file, bounded,
 * never blocking on a pipe or device), and replacing a file so that it
 * is at every moment the old version or the whole new one. */

G_DEFINE_QUARK (eb-file-error-quark, eb_file_error)

static gboolean
set_errno_error (GError     **error,
                 EbFileError  code,
                 int          saved_errno)
{
  g_set_error_literal (error, EB_FILE_ERROR, code, g_strerror (saved_errno));
  return FALSE;
}

/* Opens @path for reading if it is a regular file; -1 otherwise. */
static int
open_regular (const char   *path,
              struct stat  *st,
              GError      **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);

  if (fd < 0)
    {
      set_errno_error (error, EB_FILE_ERROR_OPEN, errno);
      return -1;
    }
  if (fstat (fd, st) != 0 || !S_ISREG (st->st_mode))
    {
      close (fd);
      g_set_error_literal (error, EB_FILE_ERROR, EB_FILE_ERROR_NOT_REGULAR, _("not a regular file"));
      return -1;
    }
  return fd;
}

/**
 * eb_file_read_bounded_full:
 * @path: a file, possibly from someone else
 * @max: the most bytes the caller accepts
 * @alloc_func: allocates the buffer, %NULL when out of memory
 * @free_func: frees what @alloc_func gave
 * @bytes: (out): the content, followed by a nul byte, to free with @free_func
 * @length: (out): its length without the nul; with %EB_FILE_ERROR_TOO_LARGE,
 *   the file's size, so the message can say it
 * @error: where to say why it cannot be read
 *
 * Reads a whole regular file, refusing one larger than @max before a byte
 * is read and one that grows while it is read, and never blocking on a
 * FIFO or device. For buffers that another library must own, such as
 * SQLite's sqlite3_deserialize().
 *
 * Returns: %TRUE if @bytes holds the file
 */
gboolean
eb_file_read_bounded_full (const char       *path,
                           gsize             max,
                           EbFileAllocFunc   alloc_func,
                           GDestroyNotify    free_func,
                           gpointer         *bytes,
                           gsize            *length,
                           GError          **error)
{
  guint8 *data;
  struct stat st;
  gsize size = 0;
  int fd, saved_errno;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (alloc_func != NULL && free_func != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL && length != NULL, FALSE);

  fd = open_regular (path, &st, error);
  if (fd < 0)
    return FALSE;

  if ((guint64) st.st_size > max)
    {
      close (fd);
      *length = st.st_size;
      g_set_error_literal (error, EB_FILE_ERROR, EB_FILE_ERROR_TOO_LARGE, _("the file is too large"));
      return FALSE;
    }

  data = alloc_func ((gsize) st.st_size + 1);
  if (data == NULL)
    {
      close (fd);
      g_set_error_literal (error, EB_FILE_ERROR, EB_FILE_ERROR_NO_MEMORY, _("there is not enough memory"));
      return FALSE;
    }

  /* The file may change while we read it; never read past its size. */
  for (;;)
    {
      gssize n;

      if (size == (gsize) st.st_size)
        {
          char extra;

          /* Grown since fstat()? Then it is being written; refuse it. */
          n = read (fd, &extra, 1);
          if (n == 0)
            break;
          if (n < 0 && errno == EINTR)
            continue;
          saved_errno = errno;
          close (fd);
          free_func (data);
          if (n > 0)
            {
              g_set_error_literal (error, EB_FILE_ERROR, EB_FILE_ERROR_CHANGED,
                                   _("the file changed while it was being read"));
              return FALSE;
            }
          return set_errno_error (error, EB_FILE_ERROR_READ, saved_errno);
        }

      n = read (fd, data + size, st.st_size - size);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          close (fd);
          free_func (data);
          return set_errno_error (error, EB_FILE_ERROR_READ, saved_errno);
        }
      if (n == 0)
        break;
      size += n;
    }
  close (fd);

  data[size] = '\0';
  *bytes = data;
  *length = size;
  return TRUE;
}

/**
 * eb_file_read_bounded:
 * @path: a file, possibly from someone else
 * @max: the most bytes the caller accepts
 * @bytes: (out) (transfer full): the content, followed by a nul byte
 * @length: (out): its length without the nul (see eb_file_read_bounded_full())
 * @error: where to say why it cannot be read
 *
 * eb_file_read_bounded_full() with memory from g_try_malloc(), so that a
 * file too big for the memory there is gives an error, not an abort.
 *
 * Returns: %TRUE if @bytes holds the file
 */
gboolean
eb_file_read_bounded (const char  *path,
                      gsize        max,
                      char       **bytes,
                      gsize       *length,
                      GError     **error)
{
  return eb_file_read_bounded_full (path, max, g_try_malloc, g_free, (gpointer *) bytes, length, error);
}

/**
 * eb_file_read_head:
 * @path: a file, possibly from someone else
 * @buffer: where to put its first bytes
 * @size: how many are wanted
 * @error: where to say why it cannot be read
 *
 * Reads the start of a regular file, to tell its format by its content.
 *
 * Returns: the number of bytes read (fewer than @size for a short file),
 *   or -1 with @error set
 */
gssize
eb_file_read_head (const char  *path,
                   guint8      *buffer,
                   gsize        size,
                   GError     **error)
{
  struct stat st;
  gssize n;
  int fd;

  g_return_val_if_fail (path != NULL, -1);
  g_return_val_if_fail (buffer != NULL || size == 0, -1);

  fd = open_regular (path, &st, error);
  if (fd < 0)
    return -1;

  do
    n = read (fd, buffer, size);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    set_errno_error (error, EB_FILE_ERROR_READ, errno);
  close (fd);

  return n;
}

/* ------------------------------------------------------------------ */
/* Replacing a file                                                   */
/* ------------------------------------------------------------------ */

/* ".NAME." + six random characters + ".tmp" */
#define TEMP_SUFFIX ".tmp"
#define TEMP_RANDOM 6

static char *
temp_template (const char *dir,
               const char *base)
{
  return g_strdup_printf ("%s/.%s.XXXXXX" TEMP_SUFFIX, dir, base);
}

/* Removes temporary files of earlier replacements of @base that were cut
 * short (a crash, a kill). One in progress holds a lock on its file, so a
 * concurrent save by another process is left alone. */
static void
remove_stale_temps (const char *dir,
                    const char *base)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s.", base);
  gsize prefix_len = strlen (prefix);
  const char *entry;

  if (d == NULL)
    return;

  while ((entry = g_dir_read_name (d)))
    {
      g_autofree char *full = NULL;
      int fd;

      if (strlen (entry) != prefix_len + TEMP_RANDOM + strlen (TEMP_SUFFIX) ||
          strncmp (entry, prefix, prefix_len) != 0 ||
          !g_str_has_suffix (entry, TEMP_SUFFIX))
        continue;

      full = g_build_filename (dir, entry, NULL);
      fd = g_open (full, O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0);
      if (fd < 0)
        continue;
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        g_unlink (full);
      close (fd);
    }
}

static gboolean
fsync_directory (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  int rc;

  if (fd < 0)
    return FALSE;
  rc = fsync (fd);
  close (fd);
  return rc == 0;
}

/**
 * eb_file_replace:
 * @path: the file to write, which may exist
 * @write_func: fills the new file
 * @data: for @write_func
 * @error: where to say why it failed: %EB_FILE_ERROR_WRITE, or what
 *   @write_func said
 *
 * Replaces @path so that it is at every moment either the old file or the
 * whole new one, even across a crash or a power cut: a temporary file
 * beside it, filled by @write_func, synced, renamed over it, and the
 * folder synced. The new file keeps the old one's permissions. A symbolic
 * link is followed: the file it points to is replaced, beside itself, and
 * the link stays a link. Temporary files that a killed save left behind
 * are removed on the way.
 *
 * Returns: %TRUE once the new file is in place; on failure @path is as it
 *   was and no temporary file is left
 */
gboolean
eb_file_replace (const char       *path,
                 EbFileWriteFunc   write_func,
                 gpointer          data,
                 GError          **error)
{
  g_autofree char *real = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  const char *file;
  struct stat st;
  int fd, saved_errno;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (write_func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  real = realpath (path, NULL);
  file = real ? real : path;
  dir = g_path_get_dirname (file);
  base = g_path_get_basename (file);
  tmp = temp_template (dir, base);

  remove_stale_temps (dir, base);

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_errno_error (error, EB_FILE_ERROR_WRITE, errno);

  /* Marks the file as a save in progress (see remove_stale_temps()). */
  flock (fd, LOCK_EX | LOCK_NB);
  /* Best effort: some file systems (FAT, some network and synced
   * folders) refuse permissions, and the file is better saved anyway. */
  if (stat (file, &st) == 0 && fchmod (fd, st.st_mode & 0777) != 0)
    g_debug ("Cannot keep the permissions of %s: %s", file, g_strerror (errno));

  if (!write_func (fd, tmp, data, error))
    goto fail;

  if (fsync (fd) != 0 || g_rename (tmp, file) != 0)
    {
      saved_errno = errno;
      set_errno_error (error, EB_FILE_ERROR_WRITE, saved_errno);
      goto fail;
    }
  close (fd);

  /* The rename is durable once the folder is synced. If that fails, the
   * new file is in place all the same and readers see it: the file was
   * written, so this is not a failure. */
  if (!fsync_directory (dir))
    {
      saved_errno = errno;
      g_debug ("Wrote %s, but cannot sync its folder: %s", file, g_strerror (saved_errno));
    }

  return TRUE;

fail:
  g_unlink (tmp);
  close (fd);
  return FALSE;
}
