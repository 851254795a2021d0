/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-export"

#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <string.h>

#include "eb-export-private.h"

/* PNG, in strips: image strips of the full width and a bounded number of
 * rows (tiles side by side where the width passes cairo's 32,767 pixels),
 * each converted and handed to libpng row by row as soon as it is drawn.
 * Memory stays bounded by the strip, whatever the image size. A strip's
 * node holds only what touches the strip, and each strip is drawn in its
 * own pixel coordinates, so rows join exactly. */

/* Bytes of pixels in one strip: enough rows that the per-strip work
 * (querying the index, building the node) is small against drawing, few
 * enough that a 65,535-pixel-wide image stays around 32 MB. */
#define STRIP_BYTES   (32 * 1024 * 1024)
#define STRIP_ROWS_MIN  16
#define STRIP_ROWS_MAX  1024
#define TILE_MAX_WIDTH  32767    /* cairo's largest image surface */
/* zlib at level 3 compresses a board's flat colours almost as well as at
 * 6, in half the time; rows go unfiltered: on flat colours the filters
 * win little (the sample at 2×: 1.72 MB unfiltered, 1.85 MB with "up")
 * and cost a fifth of the time. */
#define PNG_LEVEL       3

typedef struct
{
  png_structp  png;
  png_infop    info;
  Output      *out;
  char        *message;
  GError      *error;     /* ours, set between setjmp and longjmp */
  jmp_buf      jump;
} Png;

static void
png_on_error (png_structp  png,
              png_const_charp message)
{
  Png *p = png_get_error_ptr (png);

  if (p->message == NULL)
    p->message = g_strdup (message);
  longjmp (p->jump, 1);
}

static void
png_on_warning (png_structp     png,
                png_const_charp message)
{
  /* Lower layers do not print; a warning does not stop the image. */
}

static void
png_on_write (png_structp png,
              png_bytep   data,
              size_t      length)
{
  Png *p = png_get_io_ptr (png);

  if (fwrite (data, 1, length, p->out->file) != length)
    {
      p->out->errsv = errno ? errno : EIO;
      png_error (png, g_strerror (p->out->errsv));
    }
}

static void
png_on_flush (png_structp png)
{
}

/* Cairo's premultiplied native-endian ARGB to PNG's RGB or straight RGBA. */
static void
convert_row (const guint32 *in,
             guchar        *out,
             int            width,
             gboolean       alpha)
{
  if (!alpha)
    {
      for (int x = 0; x < width; x++)
        {
          guint32 p = in[x];

          out[0] = p >> 16;
          out[1] = p >> 8;
          out[2] = p;
          out += 3;
        }
      return;
    }

  for (int x = 0; x < width; x++)
    {
      guint32 p = in[x];
      guint a = p >> 24;

      if (a == 0)
        out[0] = out[1] = out[2] = 0;
      else if (a == 255)
        {
          out[0] = p >> 16;
          out[1] = p >> 8;
          out[2] = p;
        }
      else
        {
          out[0] = (((p >> 16) & 0xff) * 255 + a / 2) / a;
          out[1] = (((p >> 8) & 0xff) * 255 + a / 2) / a;
          out[2] = ((p & 0xff) * 255 + a / 2) / a;
        }
      out[3] = a;
      out += 4;
    }
}

/* Draws rows @y0 … @y0 + @rows into @pixels (full width, @stride apart),
 * in tiles no wider than cairo allows. */
static gboolean
draw_strip (Job     *job,
            guchar  *pixels,
            int      stride,
            int      y0,
            int      rows,
            GError **error)
{
  g_autoptr(GskRenderNode) node = _eb_export_job_build_node (job, y0, rows);
  int n_tiles = (job->width + TILE_MAX_WIDTH - 1) / TILE_MAX_WIDTH;
  int tile_width = (job->width + n_tiles - 1) / n_tiles;

  memset (pixels, 0, (gsize) stride * rows);
  for (int x0 = 0; x0 < job->width; x0 += tile_width)
    {
      int w = MIN (tile_width, job->width - x0);
      cairo_surface_t *surface = cairo_image_surface_create_for_data (pixels + (gsize) x0 * 4, CAIRO_FORMAT_ARGB32,
                                                                      w, rows, stride);
      cairo_status_t status;
      cairo_t *cr = cairo_create (surface);

      cairo_translate (cr, -x0, 0);
      gsk_render_node_draw (node, cr);
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_FAILED,
                       _("Drawing the image failed: %s"), cairo_status_to_string (status));
          return FALSE;
        }
    }
  return TRUE;
}

/* Drawing and compressing take turns on one core each: a thread draws
 * the next strip into one buffer while libpng compresses the last from
 * the other. The painter is used by that thread alone meanwhile. */
typedef struct
{
  Job      *job;
  guchar   *buffers[2];
  int       stride;
  int       strip_rows;
  int       n_strips;
  GThread  *thread;
  GMutex    lock;
  GCond     cond;
  int       drawn;      /* strips ready */
  int       consumed;   /* strips written */
  gboolean  stop;
  GError   *error;      /* the drawing thread's, if it failed */
} Drawer;

static gpointer
drawer_run (gpointer data)
{
  Drawer *d = data;

  for (int i = 0; i < d->n_strips; i++)
    {
      int y0 = i * d->strip_rows;
      int rows = MIN (d->strip_rows, d->job->height - y0);
      GError *error = NULL;
      gboolean ok;

      /* Strip i goes where strip i - 2 was: wait until it is written. */
      g_mutex_lock (&d->lock);
      while (!d->stop && d->consumed < i - 1)
        g_cond_wait (&d->cond, &d->lock);
      if (d->stop)
        {
          g_mutex_unlock (&d->lock);
          break;
        }
      g_mutex_unlock (&d->lock);

      ok = draw_strip (d->job, d->buffers[i % 2], d->stride, y0, rows, &error);

      g_mutex_lock (&d->lock);
      if (ok)
        d->drawn = i + 1;
      else
        d->error = error;
      g_cond_broadcast (&d->cond);
      g_mutex_unlock (&d->lock);
      if (!ok)
        break;
    }

  return NULL;
}

/* Waits for strip @i; %NULL if drawing failed (the error is in @d). */
static const guchar *
drawer_wait (Drawer *d,
             int     i)
{
  const guchar *pixels = NULL;

  g_mutex_lock (&d->lock);
  while (d->drawn <= i && d->error == NULL)
    g_cond_wait (&d->cond, &d->lock);
  if (d->drawn > i)
    pixels = d->buffers[i % 2];
  g_mutex_unlock (&d->lock);
  return pixels;
}

static void
drawer_done_with (Drawer *d,
                  int     i)
{
  g_mutex_lock (&d->lock);
  d->consumed = i + 1;
  g_cond_broadcast (&d->cond);
  g_mutex_unlock (&d->lock);
}

static Drawer *
drawer_new (void)
{
  Drawer *d = g_new0 (Drawer, 1);

  g_mutex_init (&d->lock);
  g_cond_init (&d->cond);
  return d;
}

static void drawer_stop (Drawer *d);

static void
drawer_free (Drawer *d)
{
  drawer_stop (d);
  g_clear_error (&d->error);
  g_mutex_clear (&d->lock);
  g_cond_clear (&d->cond);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Drawer, drawer_free)

/* Stops and joins the thread; safe to call twice. */
static void
drawer_stop (Drawer *d)
{
  if (d->thread == NULL)
    return;
  g_mutex_lock (&d->lock);
  d->stop = TRUE;
  g_cond_broadcast (&d->cond);
  g_mutex_unlock (&d->lock);
  g_thread_join (g_steal_pointer (&d->thread));
}

static void
png_set_text_field (Png        *p,
                    const char *key,
                    const char *value)
{
  png_text text = { 0 };

  text.compression = PNG_ITXT_COMPRESSION_NONE;
  text.key = (char *) key;
  text.text = (char *) value;
  text.lang = NULL;
  png_set_text (p->png, p->info, &text, 1);
}

/* Everything that may longjmp back here lives in @p or was allocated
 * before the setjmp, so nothing is lost on an error. */
gboolean
_eb_export_write_png (Job           *job,
                      Output        *out,
                      GCancellable  *cancellable,
                      EbExportProgress progress,
                      gpointer       user_data,
                      GError       **error)
{
  g_autofree Png *p = g_new0 (Png, 1);
  g_autoptr(Drawer) drawer = drawer_new ();
  gboolean alpha = job->transparent;
  int stride = job->width * 4;
  int strip_rows = CLAMP (STRIP_BYTES / stride, STRIP_ROWS_MIN, STRIP_ROWS_MAX);
  g_autofree guchar *pixels = NULL;
  g_autofree guchar *row = NULL;
  png_uint_32 ppm = (png_uint_32) lround (job->scale * 96 / 0.0254);

  strip_rows = MIN (strip_rows, job->height);
  pixels = g_try_malloc ((gsize) stride * strip_rows * 2);
  row = g_try_malloc ((gsize) job->width * 4);
  if (pixels == NULL || row == NULL)
    {
      g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_FAILED, _("Not enough memory to draw the image"));
      return FALSE;
    }

  p->out = out;
  p->png = png_create_write_struct (PNG_LIBPNG_VER_STRING, p, png_on_error, png_on_warning);
  if (p->png == NULL || (p->info = png_create_info_struct (p->png)) == NULL)
    {
      png_destroy_write_struct (&p->png, NULL);
      g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_FAILED, _("Not enough memory to draw the image"));
      return FALSE;
    }

  if (setjmp (p->jump))
    {
      drawer_stop (drawer);
      png_destroy_write_struct (&p->png, &p->info);
      if (p->error != NULL)
        g_propagate_error (error, p->error);
      else if (out->errsv != 0)
        _eb_export_io_error (error, out->errsv, _("Cannot write the image"));
      else
        g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_FAILED, _("Writing the PNG failed: %s"),
                     p->message ? p->message : "?");
      g_free (p->message);
      return FALSE;
    }

  png_set_write_fn (p->png, p, png_on_write, png_on_flush);
  png_set_IHDR (p->png, p->info, job->width, job->height, 8,
                alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  /* 96 dpi at 1×: a 2× image pastes into a document at the screen's
   * size, twice as sharp. */
  png_set_pHYs (p->png, p->info, ppm, ppm, PNG_RESOLUTION_METER);
  png_set_compression_level (p->png, PNG_LEVEL);
  png_set_filter (p->png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  if (job->title && g_utf8_validate (job->title, -1, NULL) && job->title[0] != '\0')
    png_set_text_field (p, "Title", job->title);
  png_set_text_field (p, "Software", "Evidence Board");
  png_write_info (p->png, p->info);

  drawer->job = job;
  drawer->buffers[0] = pixels;
  drawer->buffers[1] = pixels + (gsize) stride * strip_rows;
  drawer->stride = stride;
  drawer->strip_rows = strip_rows;
  drawer->n_strips = (job->height + strip_rows - 1) / strip_rows;
  drawer->thread = g_thread_new ("eb-export-draw", drawer_run, drawer);

  for (int i = 0; i < drawer->n_strips; i++)
    {
      int y0 = i * strip_rows;
      int rows = MIN (strip_rows, job->height - y0);
      const guchar *strip;

      if (g_cancellable_set_error_if_cancelled (cancellable, &p->error))
        longjmp (p->jump, 1);
      strip = drawer_wait (drawer, i);
      if (strip == NULL)
        {
          p->error = g_steal_pointer (&drawer->error);
          longjmp (p->jump, 1);
        }

      for (int y = 0; y < rows; y++)
        {
          convert_row ((const guint32 *) (strip + (gsize) y * stride), row, job->width, alpha);
          png_write_row (p->png, row);
        }
      drawer_done_with (drawer, i);

      if (progress)
        progress ((double) (y0 + rows) / job->height, user_data);
    }

  drawer_stop (drawer);
  png_write_end (p->png, p->info);
  png_destroy_write_struct (&p->png, &p->info);
  return TRUE;
}
