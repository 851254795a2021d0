/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-export"

#include "config.h"

#include <glib/gi18n.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <string.h>

#include "eb-export-private.h"

/* SVG and PDF: one cairo vector surface the size of the picture, the
 * whole node drawn once; text stays text in PDF. */

typedef struct
{
  Output  *out;
  GString *head;      /* SVG: held until the root element opens */
  char    *title;     /* SVG: a <title> to put in it */
} Stream;

static cairo_status_t
stream_write_raw (Output              *out,
                  const unsigned char *data,
                  unsigned int         length)
{
  if (fwrite (data, 1, length, out->file) != length)
    {
      out->errsv = errno ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

/* Cairo writes its own <svg> element; the board's title goes right after
 * it, where readers and screen readers look for it. */
static cairo_status_t
stream_write (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  Stream *s = closure;
  const char *open, *end;
  cairo_status_t status;

  if (s->head == NULL)
    return stream_write_raw (s->out, data, length);

  g_string_append_len (s->head, (const char *) data, length);
  open = strstr (s->head->str, "<svg");
  end = open ? strchr (open, '>') : NULL;
  if (end == NULL)
    return CAIRO_STATUS_SUCCESS;

  end++;
  status = stream_write_raw (s->out, (const guchar *) s->head->str, end - s->head->str);
  if (status == CAIRO_STATUS_SUCCESS && s->title)
    {
      g_autofree char *escaped = g_markup_escape_text (s->title, -1);
      g_autofree char *element = g_strdup_printf ("\n<title>%s</title>", escaped);

      status = stream_write_raw (s->out, (const guchar *) element, strlen (element));
    }
  if (status == CAIRO_STATUS_SUCCESS)
    status = stream_write_raw (s->out, (const guchar *) end, s->head->str + s->head->len - end);
  g_string_free (s->head, TRUE);
  s->head = NULL;
  return status;
}

gboolean
_eb_export_write_vector (Job           *job,
                         Output        *out,
                         GCancellable  *cancellable,
                         EbExportProgress progress,
                         gpointer       user_data,
                         GError       **error)
{
  Stream stream = { out, NULL, NULL };
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (job->format == EB_EXPORT_FORMAT_SVG)
    {
      stream.head = g_string_new (NULL);
      stream.title = job->title && g_utf8_validate (job->title, -1, NULL) ? job->title : NULL;
      surface = cairo_svg_surface_create_for_stream (stream_write, &stream, job->width, job->height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
    }
  else
    {
      surface = cairo_pdf_surface_create_for_stream (stream_write, &stream, job->width, job->height);
      if (job->title && g_utf8_validate (job->title, -1, NULL))
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, job->title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Evidence Board");
    }

  node = _eb_export_job_build_node (job, 0, job->height);
  if (progress)
    progress (0.5, user_data);

  cr = cairo_create (surface);
  if (!g_cancellable_is_cancelled (cancellable))
    gsk_render_node_draw (node, cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (stream.head)
    g_string_free (stream.head, TRUE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (out->errsv != 0)
    return _eb_export_io_error (error, out->errsv, _("Cannot write the image"));
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_FAILED,
                   _("Drawing the image failed: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  if (progress)
    progress (1, user_data);
  return TRUE;
}
