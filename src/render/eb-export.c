/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "eb-export-private.h"
#include "eb-limits.h"

/* Export draws the board with the canvas's own painter (EbPainter), so a
 * picture is what the screen shows. The painter appends the region to a
 * GtkSnapshot in board units; the node is then drawn with
 * gsk_render_node_draw(), which is all GSK's cairo renderer does with it,
 * onto:
 *
 * - PNG: image strips of the full width and a bounded number of rows
 *   (tiles side by side where the width passes cairo's 32,767 pixels),
 *   each converted and handed to libpng row by row as soon as it is
 *   drawn. Memory stays bounded by the strip, whatever the image size.
 *   A strip's node holds only what touches the strip, and each strip is
 *   drawn in its own pixel coordinates, so rows join exactly.
 * - SVG and PDF: one cairo vector surface the size of the picture, the
 *   whole node drawn once; text stays text in PDF.
 *
 * Everything is written to a temporary file beside the target and renamed
 * over it at the end, so no one ever sees half an image. Export only
 * reads the board: it may run in a worker thread as long as nothing
 * changes the board meanwhile (eb_export_to_file_async() works on a copy
 * made by eb_export_snapshot_board()).
 *
 * This file holds the options, the region, measuring and the public API;
 * eb-export-private.h lists the other parts. */

G_DEFINE_QUARK (eb-export-error-quark, eb_export_error)

G_DEFINE_BOXED_TYPE (EbExportOptions, eb_export_options, eb_export_options_copy, eb_export_options_free)

static void
job_clear (Job *job)
{
  g_clear_object (&job->caption);
  g_clear_object (&job->painter);
  g_clear_object (&job->index);
  g_clear_object (&job->board);
  g_clear_pointer (&job->title, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Job, job_clear)

/**
 * eb_export_options_new:
 *
 * Returns: (transfer full): options for a PNG of the whole board at 1×,
 *   on the board's colour, with a margin of 40 units and no caption
 */
EbExportOptions *
eb_export_options_new (void)
{
  EbExportOptions *options = g_new0 (EbExportOptions, 1);

  options->format = EB_EXPORT_FORMAT_AUTO;
  options->scale = 1.0;
  options->region = EB_EXPORT_REGION_BOARD;
  options->margin = EB_EXPORT_MARGIN;
  return options;
}

/**
 * eb_export_options_copy:
 * @options: export options
 *
 * Returns: (transfer full): a copy of @options with its own strings
 */
EbExportOptions *
eb_export_options_copy (const EbExportOptions *options)
{
  EbExportOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = g_memdup2 (options, sizeof *options);
  copy->item_ids = g_strdupv (options->item_ids);
  copy->frame_label = g_strdup (options->frame_label);
  return copy;
}

/**
 * eb_export_options_free:
 * @options: (nullable): export options
 *
 * Frees @options and its strings.
 */
void
eb_export_options_free (EbExportOptions *options)
{
  if (options == NULL)
    return;
  g_strfreev (options->item_ids);
  g_free (options->frame_label);
  g_free (options);
}

/**
 * eb_export_options_set_frame:
 * @options: export options
 * @label: (nullable): the label of the frame to export
 *
 * Exports the frame labelled @label, or the whole board for %NULL.
 */
void
eb_export_options_set_frame (EbExportOptions *options,
                             const char      *label)
{
  g_return_if_fail (options != NULL);

  g_free (options->frame_label);
  options->frame_label = g_strdup (label);
  options->region = label ? EB_EXPORT_REGION_FRAME : EB_EXPORT_REGION_BOARD;
}

/**
 * eb_export_options_set_items:
 * @options: export options
 * @ids: (nullable) (array zero-terminated=1): ids of cards, links or frames
 *
 * Exports the bounding box of these items (e.g. the selection), or the
 * whole board for %NULL.
 */
void
eb_export_options_set_items (EbExportOptions    *options,
                             const char * const *ids)
{
  g_return_if_fail (options != NULL);

  g_strfreev (options->item_ids);
  options->item_ids = g_strdupv ((char **) ids);
  options->region = ids ? EB_EXPORT_REGION_ITEMS : EB_EXPORT_REGION_BOARD;
}

static const char *
extension_of (const char *path)
{
  const char *slash = strrchr (path, G_DIR_SEPARATOR);
  const char *name = slash ? slash + 1 : path;
  const char *dot = strrchr (name, '.');

  if (dot == NULL || dot == name)
    return NULL;
  return dot + 1;
}

/**
 * eb_export_format_from_path:
 * @path: a file name
 *
 * Returns: the image format @path's extension names (.png, .svg, .pdf in
 *   any case), or %EB_EXPORT_FORMAT_AUTO for anything else
 */
EbExportFormat
eb_export_format_from_path (const char *path)
{
  const char *extension;

  g_return_val_if_fail (path != NULL, EB_EXPORT_FORMAT_AUTO);

  extension = extension_of (path);
  if (extension == NULL)
    return EB_EXPORT_FORMAT_AUTO;
  if (g_ascii_strcasecmp (extension, "png") == 0)
    return EB_EXPORT_FORMAT_PNG;
  if (g_ascii_strcasecmp (extension, "svg") == 0)
    return EB_EXPORT_FORMAT_SVG;
  if (g_ascii_strcasecmp (extension, "pdf") == 0)
    return EB_EXPORT_FORMAT_PDF;
  return EB_EXPORT_FORMAT_AUTO;
}

static void
rect_union (EbRect       *acc,
            gboolean     *any,
            const EbRect *r)
{
  double x1, y1;

  if (!*any)
    {
      *acc = *r;
      *any = TRUE;
      return;
    }
  x1 = MAX (acc->x + acc->width, r->x + r->width);
  y1 = MAX (acc->y + acc->height, r->y + r->height);
  acc->x = MIN (acc->x, r->x);
  acc->y = MIN (acc->y, r->y);
  acc->width = x1 - acc->x;
  acc->height = y1 - acc->y;
}

static gboolean
item_box (EbBoard *board,
          EbItem  *item,
          EbRect  *box,
          gboolean *any)
{
  if (EB_IS_CARD (item))
    {
      EbCard *card = EB_CARD (item);

      rect_union (box, any, &(EbRect) { eb_card_get_x (card), eb_card_get_y (card),
                                        eb_card_get_width (card), eb_card_get_height (card) });
      return TRUE;
    }
  if (EB_IS_FRAME (item))
    {
      EbFrame *frame = EB_FRAME (item);

      rect_union (box, any, &(EbRect) { eb_frame_get_x (frame), eb_frame_get_y (frame),
                                        eb_frame_get_width (frame), eb_frame_get_height (frame) });
      return TRUE;
    }
  if (EB_IS_LINK (item))
    {
      /* A link is drawn between its cards or frames: their boxes hold it. */
      EbItem *from = eb_board_lookup_link_end (board, eb_link_get_from_id (EB_LINK (item)));
      EbItem *to = eb_board_lookup_link_end (board, eb_link_get_to_id (EB_LINK (item)));

      if (from)
        item_box (board, from, box, any);
      if (to)
        item_box (board, to, box, any);
      return from || to;
    }
  return FALSE;
}

/* The frame labelled @label: exactly, or else the one frame whose label
 * contains it, case aside ("Jaafari" finds "The Jaafari affair"). */
static EbFrame *
find_frame (EbBoard     *board,
            const char  *label,
            GError     **error)
{
  GListModel *frames = eb_board_get_frames (board);
  guint n = g_list_model_get_n_items (frames);
  g_autofree char *wanted = g_utf8_casefold (label, -1);
  g_autoptr(GPtrArray) partial = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbFrame) frame = g_list_model_get_item (frames, i);
      const char *text = eb_frame_get_label (frame);
      g_autofree char *folded = NULL;

      if (text == NULL)
        continue;
      if (g_strcmp0 (text, label) == 0)
        return g_steal_pointer (&frame);
      folded = g_utf8_casefold (text, -1);
      if (wanted[0] != '\0' && strstr (folded, wanted) != NULL)
        g_ptr_array_add (partial, g_steal_pointer (&frame));
    }

  if (partial->len == 1)
    return g_object_ref (g_ptr_array_index (partial, 0));

  if (partial->len == 0)
    g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_FRAME_NOT_FOUND,
                 _("No frame is labelled “%s”"), label);
  else
    g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_FRAME_NOT_FOUND,
                 _("“%s” matches %u frames (“%s”, “%s”%s); give the whole label"), label, partial->len,
                 eb_frame_get_label (g_ptr_array_index (partial, 0)),
                 eb_frame_get_label (g_ptr_array_index (partial, 1)), partial->len > 2 ? "…" : "");
  return NULL;
}

static gboolean
region_of (EbBoard               *board,
           EbSpatialIndex        *index,
           const EbExportOptions *options,
           EbRect                *region,
           GError               **error)
{
  gboolean any = FALSE;

  switch (options->region)
    {
    case EB_EXPORT_REGION_AREA:
      *region = options->area;
      if (!isfinite (region->x) || !isfinite (region->y) || !isfinite (region->width) ||
          !isfinite (region->height) || region->width <= 0 || region->height <= 0)
        {
          g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_EMPTY, _("The area to export is empty"));
          return FALSE;
        }
      return TRUE;

    case EB_EXPORT_REGION_ITEMS:
      for (guint i = 0; options->item_ids && options->item_ids[i]; i++)
        {
          EbItem *item = eb_board_lookup (board, options->item_ids[i]);

          if (item)
            item_box (board, item, region, &any);
        }
      if (!any)
        g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_EMPTY,
                     _("None of the items to export is on the board"));
      return any;

    case EB_EXPORT_REGION_FRAME:
      {
        g_autoptr(EbFrame) frame = NULL;

        if (options->frame_label == NULL)
          {
            g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_FRAME_NOT_FOUND, _("No frame label was given"));
            return FALSE;
          }
        frame = find_frame (board, options->frame_label, error);
        if (frame == NULL)
          return FALSE;
        *region = (EbRect) { eb_frame_get_x (frame), eb_frame_get_y (frame),
                             eb_frame_get_width (frame), eb_frame_get_height (frame) };
        return TRUE;
      }

    case EB_EXPORT_REGION_BOARD:
    default:
      if (!eb_spatial_index_get_bounds (index, region))
        {
          g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_EMPTY,
                       _("The board is empty; there is nothing to export"));
          return FALSE;
        }
      return TRUE;
    }
}

static double
largest_scale (double width,
               double height)
{
  double fit = MIN (EB_EXPORT_PNG_MAX_SIDE / width, EB_EXPORT_PNG_MAX_SIDE / height);

  fit = MIN (fit, sqrt ((double) EB_EXPORT_PNG_MAX_PIXELS / (width * height)));
  /* Rounded down to two significant digits, so it really fits. */
  return floor (fit * pow (10, 1 - floor (log10 (fit)))) / pow (10, 1 - floor (log10 (fit)));
}

/* Works out what will be drawn and at what size, checking every option. */
static gboolean
job_init (Job                   *job,
          EbBoard               *board,
          const char            *path,
          const EbExportOptions *options,
          GError               **error)
{
  double margin = options->margin;
  double width, height;
  EbRect region;

  job->format = options->format != EB_EXPORT_FORMAT_AUTO ? options->format : eb_export_format_from_path (path);
  if (job->format == EB_EXPORT_FORMAT_AUTO)
    {
      const char *extension = extension_of (path);

      if (extension == NULL || extension[0] == '\0')
        g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_UNKNOWN_FORMAT,
                     _("The file name has no extension to choose the image format; use .png, .svg or .pdf"));
      else
        {
          g_autofree char *shown = g_utf8_make_valid (extension, MIN (strlen (extension), 20));

          g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_UNKNOWN_FORMAT,
                       _("Unknown image format “.%s”; use .png, .svg or .pdf"), shown);
        }
      return FALSE;
    }

  job->board = g_object_ref (board);
  job->title = g_strdup (eb_board_get_title (board));
  job->index = eb_spatial_index_new (board);
  job->painter = eb_painter_new (board, job->index);
  job->transparent = options->transparent;

  if (!region_of (board, job->index, options, &region, error))
    return FALSE;

  if (!isfinite (margin) || margin < 0)
    margin = 0;
  margin = MIN (margin, EB_SIZE_MAX);   /* what a frame may be */
  job->area = (EbRect) { region.x - margin, region.y - margin, region.width + 2 * margin, region.height + 2 * margin };

  if (options->caption)
    {
      PangoRectangle logical;

      job->caption = _eb_export_make_caption (job);
      pango_layout_get_extents (job->caption, NULL, &logical);
      job->caption_height = (double) logical.height / PANGO_SCALE + 2 * CAPTION_PAD;
    }

  if (options->width > 0)
    {
      job->scale = options->width / job->area.width;
      if (job->format == EB_EXPORT_FORMAT_PNG && options->width > EB_EXPORT_PNG_MAX_SIDE)
        {
          g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_TOO_BIG,
                       _("A width of %d pixels is more than PNG export allows (%d)"),
                       options->width, EB_EXPORT_PNG_MAX_SIDE);
          return FALSE;
        }
    }
  else
    {
      job->scale = options->scale;
      if (!isfinite (job->scale) || job->scale <= 0 || job->scale > EB_EXPORT_SCALE_MAX)
        {
          g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_BAD_SCALE,
                       _("The scale must be greater than 0 and at most %g, not %g"),
                       EB_EXPORT_SCALE_MAX, job->scale);
          return FALSE;
        }
    }

  /* Sizes in doubles first: a hostile scale must not overflow an int. A
   * hair under a whole pixel does not add a row of background. */
  width = ceil (job->area.width * job->scale - 1e-6);
  height = ceil ((job->area.height + job->caption_height) * job->scale - 1e-6);
  width = MAX (width, 1);
  height = MAX (height, 1);

  if (job->format == EB_EXPORT_FORMAT_PNG &&
      (width > EB_EXPORT_PNG_MAX_SIDE || height > EB_EXPORT_PNG_MAX_SIDE ||
       width * height > (double) EB_EXPORT_PNG_MAX_PIXELS))
    {
      g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_TOO_BIG,
                   _("The image would be %.0f × %.0f pixels, more than PNG export allows "
                     "(%d a side, %.0f in all); the largest scale that fits is %g"),
                   /* Not G_GINT64_FORMAT: xgettext cuts a message at a macro. */
                   width, height, EB_EXPORT_PNG_MAX_SIDE, (double) EB_EXPORT_PNG_MAX_PIXELS,
                   largest_scale (job->area.width, job->area.height + job->caption_height));
      return FALSE;
    }
  if (width > G_MAXINT / 4 || height > G_MAXINT / 4)
    {
      g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_TOO_BIG,
                   _("The picture would be %.0f × %.0f points, too large to write"), width, height);
      return FALSE;
    }

  job->width = (int) width;
  job->height = (int) height;
  return TRUE;
}


/**
 * eb_export_measure:
 * @board: a board
 * @path: (nullable): the file to write, whose extension picks the format
 *   when @options says %EB_EXPORT_FORMAT_AUTO
 * @options: (nullable): how to export; %NULL for the defaults
 * @size: (out): what the export would produce
 * @error: where to say why it cannot be exported
 *
 * Checks the options against the board without drawing anything: what a
 * dialog shows ("6,240 × 3,360 px") before the user starts the export.
 *
 * Returns: %TRUE if eb_export_to_file() would get as far as drawing
 */
gboolean
eb_export_measure (EbBoard               *board,
                   const char            *path,
                   const EbExportOptions *options,
                   EbExportSize          *size,
                   GError               **error)
{
  g_autoptr(EbExportOptions) defaults = NULL;
  g_auto(Job) job = { 0 };

  g_return_val_if_fail (EB_IS_BOARD (board), FALSE);
  g_return_val_if_fail (size != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = defaults = eb_export_options_new ();
  if (!job_init (&job, board, path ? path : "", options, error))
    return FALSE;

  *size = (EbExportSize) { job.format, job.area, job.scale, job.width, job.height };
  return TRUE;
}

/**
 * eb_export_to_file:
 * @board: the board to draw
 * @path: the file to write; its extension picks the format unless
 *   @options names one
 * @options: (nullable): how to export; %NULL for a PNG of the whole board at 1×
 * @cancellable: (nullable): to stop the export
 * @progress: (nullable) (scope call): called with the fraction done, in
 *   this thread
 * @user_data: for @progress
 * @error: where to say why it failed
 *
 * Draws @board, or a part of it, into a PNG, SVG or PDF file with the
 * canvas's painter. The file appears complete or not at all: it is
 * written beside @path and renamed over it at the end; a failure or a
 * cancellation leaves no file behind and an existing @path untouched.
 *
 * It only reads @board, and may run in a worker thread if nothing
 * changes the board meanwhile; eb_export_to_file_async() takes a copy
 * for that. GTK must have been initialised (gtk_init_check() is enough:
 * no display is needed).
 *
 * Returns: %TRUE if the file was written
 */
gboolean
eb_export_to_file (EbBoard               *board,
                   const char            *path,
                   const EbExportOptions *options,
                   GCancellable          *cancellable,
                   EbExportProgress       progress,
                   gpointer               user_data,
                   GError               **error)
{
  g_autoptr(EbExportOptions) defaults = NULL;
  g_auto(Job) job = { 0 };
  Output out = { 0 };
  gboolean ok;

  g_return_val_if_fail (EB_IS_BOARD (board), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = defaults = eb_export_options_new ();

  if (!job_init (&job, board, path, options, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !_eb_export_output_open (&out, path, error))
    return FALSE;

  if (progress)
    progress (0, user_data);

  if (job.format == EB_EXPORT_FORMAT_PNG)
    ok = _eb_export_write_png (&job, &out, cancellable, progress, user_data, error);
  else
    ok = _eb_export_write_vector (&job, &out, cancellable, progress, user_data, error);

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (!ok)
    {
      _eb_export_output_discard (&out);
      return FALSE;
    }
  return _eb_export_output_commit (&out, path, error);
}

/**
 * eb_export_snapshot_board:
 * @board: a board
 *
 * Copies the board's title and items, in their drawing order, so an
 * export can draw the copy in a worker thread while the user goes on
 * editing the original.
 *
 * Returns: (transfer full): a board with copies of @board's items
 */
EbBoard *
eb_export_snapshot_board (EbBoard *board)
{
  EbBoard *copy;
  GListModel *models[3];

  g_return_val_if_fail (EB_IS_BOARD (board), NULL);

  models[0] = eb_board_get_cards (board);
  models[1] = eb_board_get_frames (board);
  models[2] = eb_board_get_links (board);   /* after the cards they join */

  copy = eb_board_new ();
  eb_board_begin_batch (copy);
  eb_board_set_title (copy, eb_board_get_title (board));
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      guint n = g_list_model_get_n_items (models[m]);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(EbItem) item = g_list_model_get_item (models[m], i);
          g_autoptr(EbItem) item_copy = eb_item_copy (item);

          /* The original was a valid board, so its copy is too. */
          if (!eb_board_add (copy, item_copy, NULL))
            g_warn_if_reached ();
        }
    }
  eb_board_end_batch (copy);
  return copy;
}

/* Asynchronous export: the worker draws a copy of the board and reports
 * progress in the caller's main context. */

typedef struct
{
  gatomicrefcount   ref_count;
  EbBoard          *board;
  char             *path;
  EbExportOptions  *options;
  GMainContext     *context;
  EbExportProgress  progress;
  gpointer          progress_data;
  GDestroyNotify    progress_data_free;
  int               last_percent;
} AsyncData;

typedef struct
{
  AsyncData *data;   /* a reference */
  double     fraction;
} ProgressCall;

/* Always through an idle source: g_main_context_invoke() runs the function
 * at once, in the worker, whenever the caller's context is the worker's
 * thread-default (the global default) and happens to be free. */
static void
invoke_in_context (GMainContext   *context,
                   GSourceFunc     function,
                   gpointer        data,
                   GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, function, data, notify);
  g_source_set_static_name (source, "[evidence-board] export progress");
  g_source_attach (source, context);
}

static gboolean
async_data_free_in_context (gpointer user_data)
{
  AsyncData *data = user_data;

  if (data->progress_data_free)
    data->progress_data_free (data->progress_data);
  g_main_context_unref (data->context);
  g_free (data);
  return G_SOURCE_REMOVE;
}

static void
async_data_release (gpointer user_data)
{
  AsyncData *data = user_data;

  if (!g_atomic_ref_count_dec (&data->ref_count))
    return;
  /* The last reference may go in the worker; progress_data belongs to
   * the caller's context. */
  g_clear_object (&data->board);
  g_clear_pointer (&data->path, g_free);
  g_clear_pointer (&data->options, eb_export_options_free);
  invoke_in_context (data->context, async_data_free_in_context, data, NULL);
}

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->data->progress (call->fraction, call->data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer user_data)
{
  ProgressCall *call = user_data;

  async_data_release (call->data);
  g_free (call);
}

static void
on_worker_progress (double   fraction,
                    gpointer user_data)
{
  AsyncData *data = user_data;
  int percent = (int) (fraction * 100);
  ProgressCall *call;

  if (percent == data->last_percent)
    return;
  data->last_percent = percent;

  call = g_new (ProgressCall, 1);
  g_atomic_ref_count_inc (&data->ref_count);
  call->data = data;
  call->fraction = fraction;
  invoke_in_context (data->context, deliver_progress, call, progress_call_free);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AsyncData *data = task_data;
  GError *error = NULL;

  if (eb_export_to_file (data->board, data->path, data->options, cancellable,
                         data->progress ? on_worker_progress : NULL, data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * eb_export_to_file_async:
 * @board: the board to draw; copied now, so it may change afterwards
 * @path: the file to write
 * @options: (nullable): how to export; copied
 * @cancellable: (nullable): to stop the export
 * @progress: (nullable): called with the fraction done, in the
 *   thread-default main context of the caller
 * @progress_data: for @progress
 * @progress_data_free: (nullable): frees @progress_data when no more
 *   progress can come, in the caller's context
 * @callback: called when the file is written or the export failed
 * @user_data: for @callback
 *
 * eb_export_to_file() in a worker thread, on a copy of @board.
 */
void
eb_export_to_file_async (EbBoard               *board,
                         const char            *path,
                         const EbExportOptions *options,
                         GCancellable          *cancellable,
                         EbExportProgress       progress,
                         gpointer               progress_data,
                         GDestroyNotify         progress_data_free,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *data;

  g_return_if_fail (EB_IS_BOARD (board));
  g_return_if_fail (path != NULL);

  data = g_new0 (AsyncData, 1);
  g_atomic_ref_count_init (&data->ref_count);
  data->board = eb_export_snapshot_board (board);
  data->path = g_strdup (path);
  data->options = options ? eb_export_options_copy (options) : eb_export_options_new ();
  data->context = g_main_context_ref_thread_default ();
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_data_free = progress_data_free;
  data->last_percent = -1;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, eb_export_to_file_async);
  g_task_set_task_data (task, data, async_data_release);
  g_task_run_in_thread (task, export_thread);
}

/**
 * eb_export_to_file_finish:
 * @result: the result given to the callback
 * @error: where to say why the export failed
 *
 * Returns: %TRUE if the file was written
 */
gboolean
eb_export_to_file_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == eb_export_to_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
