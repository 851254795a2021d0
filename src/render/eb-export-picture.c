/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-export"

#include "config.h"

#include <glib/gi18n.h>

#include "eb-date.h"
#include "eb-export-private.h"

/* The picture every format draws: the board region through the canvas's
 * painter, on the canvas's background, with the caption strip below. PNG
 * asks for it a strip at a time, SVG and PDF for all of it at once. */

/* The canvas background (eb-canvas-draw.c), so an export looks like the
 * screen. */
static const GdkRGBA board_background = { 0.965, 0.961, 0.953, 1 };
static const GdkRGBA caption_rule = { 0.80, 0.80, 0.82, 1 };

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
PangoLayout *
_eb_export_make_caption (Job *job)
{
  g_autoptr(GPtrArray) cards = sources_shown (job);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  /* In the reader's language and calendar words, as the cards show dates. */
  g_autofree char *date = eb_date_format (today);
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
      const char *grade, *publisher, *url;
      g_autofree char *when = NULL;
      g_autofree char *line = NULL;

      if (i == 0)
        /* Translators: heading of the list of sources in the caption under an exported image */
        g_string_append_printf (markup, "\n\n<b>%s</b>", _("Sources"));

      grade = eb_grade_to_string (eb_card_get_grade (card));
      publisher = eb_card_get_publisher (card);
      when = eb_date_format (eb_card_get_date (card));
      url = eb_card_get_url (card);
      line = g_markup_printf_escaped ("\n<b>%s</b>  %s%s%s%s%s%s%s",
                                      grade[0] ? grade : "–",
                                      eb_card_get_title (card) ? eb_card_get_title (card) : "",
                                      publisher && *publisher ? " — " : "", publisher ? publisher : "",
                                      *when ? ", " : "", when,
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

/* The picture's rows @y0 to @y0 + @rows (pixels, or points) as one node,
 * in its own coordinates: row @y0 is at 0. */
GskRenderNode *
_eb_export_job_build_node (Job    *job,
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
