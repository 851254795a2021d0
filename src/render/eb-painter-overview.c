/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-painter"

#include "config.h"

#include <math.h>

#include "eb-painter-private.h"

/* The whole board zoomed out, below EB_PAINTER_TEXT_MIN_ZOOM. */

typedef struct
{
  GdkRGBA  color;
  GArray  *boxes;   /* of EbRect */
} Swatch;

/* Boxes to fill (or lines to stroke) grouped by colour. A board uses a
 * handful of colours, so a short list beats hashing colours. */
static void
add_box (GArray        *swatches,
         const GdkRGBA *color,
         const EbRect  *box)
{
  Swatch swatch;

  for (guint i = swatches->len; i > 0; i--)
    {
      Swatch *s = &g_array_index (swatches, Swatch, i - 1);

      if (gdk_rgba_equal (&s->color, color))
        {
          g_array_append_val (s->boxes, *box);
          return;
        }
    }

  swatch.color = *color;
  swatch.boxes = g_array_new (FALSE, FALSE, sizeof (EbRect));
  g_array_append_val (swatch.boxes, *box);
  g_array_append_val (swatches, swatch);
}

static void
swatch_clear (gpointer data)
{
  Swatch *swatch = data;

  g_array_unref (swatch->boxes);
}

/* Zoomed out, the whole view is one cairo node: links as hairlines, one
 * path per colour and without antialiasing, then cards as boxes, one fill
 * per colour. Ten thousand colour nodes, or twenty thousand antialiased
 * strokes, would each cost more than the picture is worth at this size. */
void
_eb_painter_draw_overview (EbPainter    *self,
                           GtkSnapshot  *snapshot,
                           const EbRect *area,
                           GPtrArray    *links,
                           GPtrArray    *cards,
                           double        zoom,
                           GHashTable   *selection)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (area->x, area->y, area->width, area->height);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (Swatch));
  g_autoptr(GArray) selected_lines = g_array_new (FALSE, FALSE, sizeof (Swatch));
  g_autoptr(GArray) rings = g_array_new (FALSE, FALSE, sizeof (Swatch));
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Swatch));
  GArray *layers[2];
  cairo_matrix_t matrix;
  cairo_t *cr;

  if (links->len == 0 && cards->len == 0)
    return;

  g_array_set_clear_func (lines, swatch_clear);
  g_array_set_clear_func (selected_lines, swatch_clear);
  g_array_set_clear_func (rings, swatch_clear);
  g_array_set_clear_func (boxes, swatch_clear);

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  /* GTK 4.8 applies the snapshot's translation after its scale, so the
   * offset comes out multiplied by the zoom: undo that. */
  cairo_get_matrix (cr, &matrix);
  matrix.x0 /= matrix.xx;
  matrix.y0 /= matrix.yy;
  cairo_set_matrix (cr, &matrix);

  /* Links, grouped by colour, as straight hairlines. */
  for (guint i = 0; i < links->len; i++)
    {
      EbLink *link = g_ptr_array_index (links, i);
      graphene_point_t p[4];
      GdkRGBA stroke;

      eb_painter_link_ends (self, link, p);
      /* A link shorter than a pixel is hidden by its cards' boxes. */
      if (fabs (p[3].x - p[0].x) * zoom < 1 && fabs (p[3].y - p[0].y) * zoom < 1)
        continue;
      eb_painter_link_color (link, &stroke);
      add_box (lines, &stroke, &(EbRect) { p[0].x, p[0].y, p[3].x - p[0].x, p[3].y - p[0].y });
      if (selection && g_hash_table_contains (selection, link))
        add_box (selected_lines, &_eb_painter_selection_color,
                 &(EbRect) { p[0].x, p[0].y, p[3].x - p[0].x, p[3].y - p[0].y });
    }

  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_line_width (cr, 1.0 / zoom);
  for (guint c = 0; c < lines->len; c++)
    {
      Swatch *swatch = &g_array_index (lines, Swatch, c);

      gdk_cairo_set_source_rgba (cr, &swatch->color);
      for (guint i = 0; i < swatch->boxes->len; i++)
        {
          EbRect *line = &g_array_index (swatch->boxes, EbRect, i);

          cairo_move_to (cr, line->x, line->y);
          cairo_rel_line_to (cr, line->width, line->height);
        }
      cairo_stroke (cr);
    }

  /* A selected link stands out of the mesh: three pixels wide, on top. */
  if (selected_lines->len > 0)
    {
      Swatch *swatch = &g_array_index (selected_lines, Swatch, 0);

      cairo_set_line_width (cr, 3.0 / zoom);
      gdk_cairo_set_source_rgba (cr, &swatch->color);
      for (guint i = 0; i < swatch->boxes->len; i++)
        {
          EbRect *line = &g_array_index (swatch->boxes, EbRect, i);

          cairo_move_to (cr, line->x, line->y);
          cairo_rel_line_to (cr, line->width, line->height);
        }
      cairo_stroke (cr);
    }

  /* Cards as boxes; selected ones on a ring of the selection colour,
   * drawn first so the cards cover their middles. */
  for (guint i = 0; i < cards->len; i++)
    {
      EbCard *card = g_ptr_array_index (cards, i);
      EbRect box = { eb_card_get_x (card), eb_card_get_y (card), eb_card_get_width (card), eb_card_get_height (card) };
      GdkRGBA fill;

      if (selection && g_hash_table_contains (selection, card))
        add_box (rings, &_eb_painter_selection_color,
                 &(EbRect) { box.x - 4 / zoom, box.y - 4 / zoom, box.width + 8 / zoom, box.height + 8 / zoom });
      eb_painter_card_color (card, &fill);
      add_box (boxes, &fill, &box);
    }

  layers[0] = rings;
  layers[1] = boxes;
  for (guint l = 0; l < G_N_ELEMENTS (layers); l++)
    for (guint c = 0; c < layers[l]->len; c++)
      {
        Swatch *swatch = &g_array_index (layers[l], Swatch, c);

        gdk_cairo_set_source_rgba (cr, &swatch->color);
        for (guint i = 0; i < swatch->boxes->len; i++)
          {
            EbRect *box = &g_array_index (swatch->boxes, EbRect, i);

            cairo_rectangle (cr, box->x, box->y, box->width, box->height);
          }
        cairo_fill (cr);
      }

  cairo_destroy (cr);
}

