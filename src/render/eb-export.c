/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-export"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "eb-export.h"
#include "eb-limits.h"
#include "eb-painter-private.h"

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
 * made by eb_export_snapshot_board()). */

/* The canvas background (eb-canvas-draw.c), so an export looks like the
 * screen. */
static const GdkRGBA board_background = { 0.965, 0.961, 0.953, 1 };
static const GdkRGBA caption_rule = { 0.80, 0.80, 0.82, 1 };

/* Bytes of pixels in one strip: enough rows that the per-strip work
 * (querying the index, building the node) is small against drawing, few
 * enough that a 65,535-pixel-wide image stays around 32 MB. */
#define STRIP_BYTES   (32 * 1024 * 1024)
#define STRIP_ROWS_MIN  16
#define STRIP_ROWS_MAX  1024
#define TILE_MAX_WIDTH  32767    /* cairo's largest image surface */
/* Board units around a strip that the painter is asked for, so that what
 * reaches over a strip's edge (arrowheads, label backgrounds) is drawn in
 * both strips; the image's edges clip it exactly. */
#define STRIP_OVERLAP   64.0
/* zlib at level 3 compresses a board's flat colours almost as well as at
 * 6, in half the time; rows go unfiltered: on flat colours the filters
 * win little (the sample at 2×: 1.72 MB unfiltered, 1.85 MB with "up")
 * and cost a fifth of the time. */
#define PNG_LEVEL       3

#define CAPTION_PAD     24.0

G_DEFINE_QUARK (eb-export-error-quark, eb_export_error)

G_DEFINE_BOXED_TYPE (EbExportOptions, eb_export_options, eb_export_options_copy, eb_export_options_free)

/* Everything one export needs, worked out before a pixel is drawn. */
typedef struct
{
  EbBoard        *board;
  EbSpatialIndex *index;
  EbPainter      *painter;
  EbExportFormat  format;
  EbRect          area;        /* the board part, margins included */
  double          scale;
  int             width;       /* pixels (points) */
  int             height;
  gboolean        transparent;
  PangoLayout    *caption;     /* in board units, below area; NULL for none */
  double          caption_height;
  char           *title;
} Job;

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
      /* A link is drawn between its cards: their boxes hold it. */
      EbCard *from = eb_board_lookup_card (board, eb_link_get_from_id (EB_LINK (item)));
      EbCard *to = eb_board_lookup_card (board, eb_link_get_to_id (EB_LINK (item)));

      if (from)
        item_box (board, EB_ITEM (from), box, any);
      if (to)
        item_box (board, EB_ITEM (to), box, any);
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

static int
compare_reading_order (gconstpointer a,
                       gconstpointer b)
{
  EbCard *ca = *(EbCard **) a, *cb = *(EbCard **) b;
  double dy = eb_card_get_y (ca) - eb_card_get_y (cb);
  double dx = eb_card_get_x (ca) - eb_card_get_x (cb);

  if (dy != 0)
    return dy < 0 ? -1 : 1;
  return (dx > 0) - (dx < 0);
}

/* The sources a picture rests on: the source cards in it, and those
 * linked to a card in it (a frame's events "reported by" sources kept in
 * a frame of their own). In reading order, top to bottom. */
static GPtrArray *
sources_shown (Job *job)
{
  g_autoptr(GPtrArray) cards = eb_spatial_index_query_cards (job->index, &job->area);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GPtrArray *sources = g_ptr_array_new ();

  for (guint i = 0; i < cards->len; i++)
    {
      EbCard *card = g_ptr_array_index (cards, i);
      g_autoptr(GPtrArray) links = eb_board_dup_links_of_card (job->board, eb_item_get_id (EB_ITEM (card)));

      if (eb_card_get_kind (card) == EB_CARD_KIND_SOURCE && g_hash_table_add (seen, card))
        g_ptr_array_add (sources, card);
      for (guint l = 0; links && l < links->len; l++)
        {
          EbLink *link = g_ptr_array_index (links, l);
          EbCard *ends[] = { eb_board_lookup_card (job->board, eb_link_get_from_id (link)),
                             eb_board_lookup_card (job->board, eb_link_get_to_id (link)) };

          for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
            if (ends[e] && eb_card_get_kind (ends[e]) == EB_CARD_KIND_SOURCE && g_hash_table_add (seen, ends[e]))
              g_ptr_array_add (sources, ends[e]);
        }
    }

  g_ptr_array_sort (sources, compare_reading_order);
  return sources;
}

/* The caption strip: the board's title, the date of the export, and the
 * sources of the picture with their grades, so a reader of the report can
 * weigh what it shows. Pango markup keeps it one layout. */
static PangoLayout *
make_caption (Job *job)
{
  g_autoptr(GPtrArray) cards = sources_shown (job);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *title = g_markup_escape_text (job->title ? job->title : _("Untitled board"), -1);
  g_autofree char *exported = NULL;
  g_autofree char *escaped = NULL;
  PangoLayout *layout;

  /* Translators: %s is a date in the caption under an exported board */
  exported = g_strdup_printf (_("Exported on %s"), date);
  escaped = g_markup_escape_text (exported, -1);
  g_string_append_printf (markup, "<span font='Sans Bold 18px'>%s</span>\n<span foreground='#4d4f59'>%s</span>",
                          title, escaped);

  for (guint i = 0; i < cards->len; i++)
    {
      EbCard *card = g_ptr_array_index (cards, i);
      const char *grade, *publisher, *when, *url;
      g_autofree char *line = NULL;

      if (i == 0)
        g_string_append_printf (markup, "\n\n<b>%s</b>", _("Sources"));

      grade = eb_grade_to_string (eb_card_get_grade (card));
      publisher = eb_card_get_publisher (card);
      when = eb_card_get_date (card);
      url = eb_card_get_url (card);
      line = g_markup_printf_escaped ("\n<b>%s</b>  %s%s%s%s%s%s%s",
                                      grade[0] ? grade : "–",
                                      eb_card_get_title (card) ? eb_card_get_title (card) : "",
                                      publisher && *publisher ? " — " : "", publisher ? publisher : "",
                                      when && *when ? ", " : "", when ? when : "",
                                      url && *url ? " · " : "", url ? url : "");
      g_string_append (markup, line);
    }

  layout = pango_layout_new (job->painter->context);
  pango_layout_set_font_description (layout, job->painter->body_font);
  pango_layout_set_width (layout, (int) (MAX (1, job->area.width - 2 * CAPTION_PAD) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup->str, -1);
  return layout;
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

      job->caption = make_caption (job);
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
                     "(%d a side, %" G_GINT64_FORMAT " in all); the largest scale that fits is %g"),
                   width, height, EB_EXPORT_PNG_MAX_SIDE, EB_EXPORT_PNG_MAX_PIXELS,
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

/* The picture's rows @y0 to @y0 + @rows (pixels, or points) as one node,
 * in its own coordinates: row @y0 is at 0. */
static GskRenderNode *
job_build_node (Job    *job,
                double  y0,
                double  rows)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  double s = job->scale;
  EbRect band = { job->area.x, job->area.y + y0 / s, job->area.width, rows / s };
  double top = MAX (band.y, job->area.y);
  double bottom = MIN (band.y + band.height, job->area.y + job->area.height);

  if (!job->transparent)
    gtk_snapshot_append_color (snapshot, &board_background, &GRAPHENE_RECT_INIT (0, 0, job->width, rows));

  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, -y0));
  gtk_snapshot_scale (snapshot, s, s);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-job->area.x, -job->area.y));

  if (bottom > top)
    {
      EbRect query = { band.x - STRIP_OVERLAP, top - STRIP_OVERLAP,
                       band.width + 2 * STRIP_OVERLAP, bottom - top + 2 * STRIP_OVERLAP };

      /* With a caption below, cards reaching out of the region must not
       * run into it. */
      if (job->caption)
        gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (job->area.x, job->area.y,
                                                               job->area.width, job->area.height));
      eb_painter_snapshot (job->painter, snapshot, &query, s, NULL);
      if (job->caption)
        gtk_snapshot_pop (snapshot);
    }

  if (job->caption && band.y + band.height > job->area.y + job->area.height)
    {
      double y = job->area.y + job->area.height;

      gtk_snapshot_append_color (snapshot, &caption_rule,
                                 &GRAPHENE_RECT_INIT (job->area.x + CAPTION_PAD, y, job->area.width - 2 * CAPTION_PAD, 1));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (job->area.x + CAPTION_PAD, y + CAPTION_PAD));
      gtk_snapshot_append_layout (snapshot, job->caption, &_eb_painter_text_color);
      gtk_snapshot_restore (snapshot);
    }

  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

/* Files: written beside the target, renamed over it when complete. */

typedef struct
{
  FILE   *file;
  char   *tmp_path;
  int     errsv;      /* errno of the first failed write */
} Output;

static void
output_discard (Output *out)
{
  if (out->file)
    fclose (out->file);
  out->file = NULL;
  if (out->tmp_path)
    g_unlink (out->tmp_path);
  g_clear_pointer (&out->tmp_path, g_free);
}

static gboolean
io_error (GError    **error,
          int         errsv,
          const char *what)
{
  g_set_error (error, EB_EXPORT_ERROR, EB_EXPORT_ERROR_IO, "%s: %s", what, g_strerror (errsv));
  return FALSE;
}

static gboolean
output_open (Output      *out,
             const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return io_error (error, EISDIR, _("Cannot write the image"));

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
          return io_error (error, errsv, _("Cannot write the image"));
        }
      out->file = fdopen (fd, "wb");
      if (out->file == NULL)
        {
          int errsv = errno;

          close (fd);
          g_unlink (tmp);
          g_free (tmp);
          return io_error (error, errsv, _("Cannot write the image"));
        }
      out->tmp_path = tmp;
      return TRUE;
    }
  return io_error (error, EEXIST, _("Cannot write the image"));
}

static gboolean
output_commit (Output      *out,
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
      output_discard (out);
      return io_error (error, errsv, _("Cannot write the image"));
    }
  g_clear_pointer (&out->tmp_path, g_free);
  return TRUE;
}

/* PNG, in strips. */

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
  g_autoptr(GskRenderNode) node = job_build_node (job, y0, rows);
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
static gboolean
write_png (Job           *job,
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
        io_error (error, out->errsv, _("Cannot write the image"));
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

/* SVG and PDF. */

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

static gboolean
write_vector (Job           *job,
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

  node = job_build_node (job, 0, job->height);
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
    return io_error (error, out->errsv, _("Cannot write the image"));
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
      !output_open (&out, path, error))
    return FALSE;

  if (progress)
    progress (0, user_data);

  if (job.format == EB_EXPORT_FORMAT_PNG)
    ok = write_png (&job, &out, cancellable, progress, user_data, error);
  else
    ok = write_vector (&job, &out, cancellable, progress, user_data, error);

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (!ok)
    {
      output_discard (&out);
      return FALSE;
    }
  return output_commit (&out, path, error);
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

static void
async_data_free_in_context (gpointer user_data)
{
  AsyncData *data = user_data;

  if (data->progress_data_free)
    data->progress_data_free (data->progress_data);
  g_main_context_unref (data->context);
  g_free (data);
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
  g_main_context_invoke (data->context, (GSourceFunc) G_SOURCE_FUNC (async_data_free_in_context), data);
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
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_progress, call, progress_call_free);
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
