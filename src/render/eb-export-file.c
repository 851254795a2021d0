/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-export"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "eb-export-private.h"

/* Files: written to a temporary file beside the target and renamed over
 * it when complete, so no one ever sees half an image. */

void
_eb_export_output_discard (Output *out)
{
  if (out->file)
    fclose (out->file);
  out->file = NULL;
  if (out->tmp_path)
    g_unlink (out->tmp_path);
  g_clear_pointer (&out->tmp_path, g_free);
}

gboolean
_eb_export_io_error (GError    **error,
                     int         errsv,
                     const char *what)
{
  g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_IO, "%s: %s", what, g_strerror (errsv));
  return FALSE;
}

gboolean
_eb_export_output_open (Output      *out,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return _eb_export_io_error (error, EISDIR, _("Cannot write the image"));

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x.part", base, g_random_int ());
      char *tmp = g_build_filename (dir, name, NULL);
      int fd = g_open (tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);

      if (fd < 0)
        {
          int errsv = errno;

          g_free (tmp);
          if (errsv == EEXIST)
            continue;
          return _eb_export_io_error (error, errsv, _("Cannot write the image"));
        }
      out->file = fdopen (fd, "wb");
      if (out->file == NULL)
        {
          int errsv = errno;

          close (fd);
          g_unlink (tmp);
          g_free (tmp);
          return _eb_export_io_error (error, errsv, _("Cannot write the image"));
        }
      out->tmp_path = tmp;
      return TRUE;
    }
  return _eb_export_io_error (error, EEXIST, _("Cannot write the image"));
}

gboolean
_eb_export_output_commit (Output      *out,
                          const char  *path,
                          GError     **error)
{
  int errsv = 0;

  if (fflush (out->file) != 0 || fsync (fileno (out->file)) != 0)
    errsv = errno;
  if (fclose (out->file) != 0 && errsv == 0)
    errsv = errno;
  out->file = NULL;
  if (errsv == 0 && out->errsv != 0)
    errsv = out->errsv;
  if (errsv == 0 && g_rename (out->tmp_path, path) != 0)
    errsv = errno;

  if (errsv != 0)
    {
      _eb_export_output_discard (out);
      return _eb_export_io_error (error, errsv, _("Cannot write the image"));
    }
  g_clear_pointer (&out->tmp_path, g_free);
  return TRUE;
}
