/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-painter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "eb-painter-private.h"

/* EbPainter draws a board, or the part of it in an area, into a
 * GtkSnapshot in board units (the caller scales and translates). The
 * canvas and every export use it, so a picture is what the screen shows.
 * It keeps a PangoLayout per card and link label, made once and dropped
 * when the card's text or width changes, so snapshot() does no text
 * shaping for cards that did not change. Layouts come from a context of
 * our own, with hinting off, so text measures the same at every scale. */

G_DEFINE_FINAL_TYPE (EbPainter, eb_painter, G_TYPE_OBJECT)

/* Colours as constants, not strings: parsing a colour per card per frame
 * costs more than drawing the card when the whole board is in view. */
#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.f, ((hex) >> 8 & 0xff) / 255.f, ((hex) & 0xff) / 255.f, 1.f }

const GdkRGBA _eb_painter_kind_fill[] = {
  [EB_CARD_KIND_PERSON] = RGB (0xdbeafe),
  [EB_CARD_KIND_EVENT] = RGB (0xfef3c7),
  [EB_CARD_KIND_SOURCE] = RGB (0xdcfce7),
  [EB_CARD_KIND_NOTE] = RGB (0xfef9c3),
};

const GdkRGBA _eb_painter_kind_accent[] = {
  [EB_CARD_KIND_PERSON] = RGB (0x2563eb),
  [EB_CARD_KIND_EVENT] = RGB (0xd97706),
  [EB_CARD_KIND_SOURCE] = RGB (0x16a34a),
  [EB_CARD_KIND_NOTE] = RGB (0xa16207),
};

const GdkRGBA _eb_painter_grade_fill[] = {
  [EB_GRADE_NONE] = RGB (0x9ca3af),
  [EB_GRADE_A] = RGB (0x15803d),
  [EB_GRADE_B] = RGB (0x4d7c0f),
  [EB_GRADE_C] = RGB (0xa16207),
  [EB_GRADE_D] = RGB (0xc2410c),
  [EB_GRADE_E] = RGB (0xb91c1c),
  [EB_GRADE_F] = RGB (0x6b7280),
};

const GdkRGBA _eb_painter_link_stroke[] = {
  [EB_LINK_KIND_RELATED] = RGB (0x44403c),
  [EB_LINK_KIND_REPORTED_BY] = RGB (0x6b7280),
  [EB_LINK_KIND_SUPPORTS] = RGB (0x15803d),
  [EB_LINK_KIND_CONTRADICTS] = RGB (0xb91c1c),
};

static const GdkRGBA frame_fill = RGB (0xf1f5f9);

const GdkRGBA _eb_painter_text_color = { 0.09, 0.09, 0.11, 1 };
const GdkRGBA _eb_painter_muted_color = { 0.30, 0.31, 0.35, 1 };
const GdkRGBA _eb_painter_selection_color = { 0.21, 0.52, 0.89, 1 };

/* JSON Canvas's preset colours "1" to "6" (red, orange, yellow, green,
 * cyan, purple), as Obsidian's light theme draws them. */
static const GdkRGBA preset_colors[] = {
  RGB (0xe93147), RGB (0xec7500), RGB (0xe0ac00), RGB (0x08b94e), RGB (0x00bfbc), RGB (0x7852ee),
};

/* Item colours are "#rrggbb" or a preset "1" to "6" (the model checks),
 * or NULL for the default. Cards and frames are filled with a preset, or
 * a dark colour, mixed with white, as Obsidian does, so their text stays
 * readable. */
static void
parse_color_full (const char    *spec,
                  const GdkRGBA *fallback,
                  gboolean       tint_presets,
                  GdkRGBA       *rgba)
{
  guint value = 0;

  if (spec != NULL && spec[0] >= '1' && spec[0] <= '6' && spec[1] == '\0')
    {
      const GdkRGBA *preset = &preset_colors[spec[0] - '1'];
      double mix = tint_presets ? 0.3 : 1.0;

      *rgba = (GdkRGBA) { 1 - mix * (1 - preset->red), 1 - mix * (1 - preset->green),
                          1 - mix * (1 - preset->blue), 1 };
      return;
    }
  if (spec == NULL || strlen (spec) != 7 || spec[0] != '#')
    {
      *rgba = *fallback;
      return;
    }
  for (guint i = 1; i < 7; i++)
    value = value << 4 | g_ascii_xdigit_value (spec[i]);
  *rgba = (GdkRGBA) RGB (value);

  /* A dark fill (an Obsidian node's "#2b2b2b", an Aleph vertex's red)
   * is tinted like a preset: dark text on it would not read. */
  if (tint_presets && 0.2126 * rgba->red + 0.7152 * rgba->green + 0.0722 * rgba->blue < 0.6)
    *rgba = (GdkRGBA) { 1 - 0.3 * (1 - rgba->red), 1 - 0.3 * (1 - rgba->green), 1 - 0.3 * (1 - rgba->blue), 1 };
}

static void
parse_color (const char    *spec,
             const GdkRGBA *fallback,
             GdkRGBA       *rgba)
{
  parse_color_full (spec, fallback, TRUE, rgba);
}

/* A filled rounded rectangle as a border node whose widths meet in the
 * middle: GSK's cairo renderer fills that with one path, where a rounded
 * clip around a colour node costs a clip mask per card. */
void
_eb_painter_fill_rounded (GtkSnapshot          *snapshot,
                          const GskRoundedRect *rect,
                          const GdkRGBA        *color)
{
  float half_w = rect->bounds.size.width / 2, half_h = rect->bounds.size.height / 2;

  gtk_snapshot_append_border (snapshot, rect,
                              (float[4]) { half_h, half_w, half_h, half_w },
                              (GdkRGBA[4]) { *color, *color, *color, *color });
}

static void
drop_text (EbPainter *self,
           gpointer   item)
{
  g_hash_table_remove (self->texts, item);
}

static void
on_item_changed (EbBoard    *board,
                 EbItem     *item,
                 GParamSpec *pspec,
                 EbPainter  *self)
{
  const char *name = pspec->name;

  /* Only what changes the text or its wrapping makes a layout stale. */
  if (g_str_equal (name, "x") || g_str_equal (name, "y") || g_str_equal (name, "modified") ||
      g_str_equal (name, "color"))
    return;
  drop_text (self, item);
}

static void
on_item_removed (EbBoard   *board,
                 EbItem    *item,
                 EbPainter *self)
{
  drop_text (self, item);
  g_hash_table_remove (self->ends, item);
}

void
_eb_painter_card_text_free (gpointer data)
{
  CardText *text = data;

  g_clear_object (&text->title);
  g_clear_object (&text->body);
  g_clear_object (&text->glance);
  g_free (text);
}

static void
text_free (gpointer data)
{
  /* The table holds CardText for cards and bare layouts for the rest. */
  if (PANGO_IS_LAYOUT (data))
    g_object_unref (data);
  else
    _eb_painter_card_text_free (data);
}

PangoLayout *
_eb_painter_make_layout (EbPainter                  *self,
                         const PangoFontDescription *font,
                         const char                 *text,
                         double                      width,
                         int                         max_lines)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -max_lines);
    }
  return layout;
}

static void
eb_painter_dispose (GObject *object)
{
  EbPainter *self = EB_PAINTER (object);

  if (self->board)
    g_signal_handlers_disconnect_by_data (self->board, self);
  g_clear_object (&self->board);
  g_clear_object (&self->index);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->ends, g_hash_table_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->badges); i++)
    g_clear_object (&self->badges[i]);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (eb_painter_parent_class)->dispose (object);
}

static void
eb_painter_finalize (GObject *object)
{
  EbPainter *self = EB_PAINTER (object);

  pango_font_description_free (self->title_font);
  pango_font_description_free (self->body_font);
  pango_font_description_free (self->label_font);
  pango_font_description_free (self->frame_font);
  pango_font_description_free (self->glance_font);
  pango_font_description_free (self->badge_font);

  G_OBJECT_CLASS (eb_painter_parent_class)->finalize (object);
}

static void
eb_painter_class_init (EbPainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eb_painter_dispose;
  object_class->finalize = eb_painter_finalize;
}

static void
eb_painter_init (EbPainter *self)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  /* Unhinted metrics: a layout has the same size at 100 %, 37 % and in a
   * 3× export, so text wraps the same everywhere. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  cairo_font_options_destroy (options);

  self->title_font = pango_font_description_from_string ("Sans Bold 14px");
  self->body_font = pango_font_description_from_string ("Sans 12px");
  self->label_font = pango_font_description_from_string ("Sans 11px");
  self->frame_font = pango_font_description_from_string ("Sans Bold 22px");
  self->badge_font = pango_font_description_from_string ("Sans Bold 12px");
  self->glance_font = pango_font_description_from_string ("Sans Bold 34px");
  self->texts = g_hash_table_new_full (NULL, NULL, NULL, text_free);
  self->ends = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

/**
 * eb_painter_new:
 * @board: the board to draw
 * @index: the board's spatial index, to find what is in view
 *
 * Returns: (transfer full): a painter for @board
 */
EbPainter *
eb_painter_new (EbBoard        *board,
                EbSpatialIndex *index)
{
  EbPainter *self;

  g_return_val_if_fail (EB_IS_BOARD (board), NULL);
  g_return_val_if_fail (EB_IS_SPATIAL_INDEX (index), NULL);

  self = g_object_new (EB_TYPE_PAINTER, NULL);
  self->board = g_object_ref (board);
  self->index = g_object_ref (index);
  g_signal_connect (board, "item-changed", G_CALLBACK (on_item_changed), self);
  g_signal_connect (board, "item-removed", G_CALLBACK (on_item_removed), self);

  return self;
}

/**
 * eb_painter_get_board:
 * @self: a painter
 *
 * Returns: (transfer none): the board it draws
 */
EbBoard *
eb_painter_get_board (EbPainter *self)
{
  g_return_val_if_fail (EB_IS_PAINTER (self), NULL);
  return self->board;
}

/**
 * eb_painter_get_index:
 * @self: a painter
 *
 * Returns: (transfer none): the spatial index it draws from
 */
EbSpatialIndex *
eb_painter_get_index (EbPainter *self)
{
  g_return_val_if_fail (EB_IS_PAINTER (self), NULL);
  return self->index;
}

/**
 * eb_painter_card_color:
 * @card: a card
 * @fill: (out): the card's background
 *
 * The card's own colour, or its kind's when it has none.
 */
void
eb_painter_card_color (EbCard  *card,
                       GdkRGBA *fill)
{
  const char *color;

  g_return_if_fail (EB_IS_CARD (card));

  color = eb_card_get_color (card);
  parse_color (color, &_eb_painter_kind_fill[MIN (eb_card_get_kind (card), EB_CARD_KIND_NOTE)], fill);
}

/**
 * eb_painter_link_color:
 * @link: a link
 * @stroke: (out): the colour its line is drawn in
 *
 * The link's own colour, or its kind's: supports green, contradicts red,
 * reported-by grey, related dark grey. The kinds differ in dash pattern
 * too, so they stay apart in grey print.
 */
void
eb_painter_link_color (EbLink  *link,
                       GdkRGBA *stroke)
{
  const char *color;

  g_return_if_fail (EB_IS_LINK (link));

  color = eb_link_get_color (link);
  parse_color_full (color, &_eb_painter_link_stroke[MIN (eb_link_get_kind (link), EB_LINK_KIND_CONTRADICTS)],
                    FALSE, stroke);
}

static gboolean
frame_in_area (EbFrame      *frame,
               const EbRect *area)
{
  double x = eb_frame_get_x (frame), y = eb_frame_get_y (frame);

  return x <= area->x + area->width && x + eb_frame_get_width (frame) >= area->x &&
         y <= area->y + area->height && y + eb_frame_get_height (frame) >= area->y;
}

static void
frame_colors (EbFrame *frame,
              GdkRGBA *fill,
              GdkRGBA *border)
{
  parse_color (eb_frame_get_color (frame), &frame_fill, fill);
  *border = (GdkRGBA) { fill->red * 0.7, fill->green * 0.7, fill->blue * 0.7, 1 };
}

static void
draw_frame_bodies (EbPainter    *self,
                   GtkSnapshot  *snapshot,
                   const EbRect *area)
{
  GListModel *frames = eb_board_get_frames (self->board);
  guint n = g_list_model_get_n_items (frames);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbFrame) frame = g_list_model_get_item (frames, i);
      graphene_rect_t rect = GRAPHENE_RECT_INIT (eb_frame_get_x (frame), eb_frame_get_y (frame),
                                                 eb_frame_get_width (frame), eb_frame_get_height (frame));
      GskRoundedRect outline, inner;
      GdkRGBA fill, border;

      if (!frame_in_area (frame, area))
        continue;

      frame_colors (frame, &fill, &border);
      /* Two fills rather than a fill and a border node, as for cards. */
      gsk_rounded_rect_init_from_rect (&outline, &rect, FRAME_CORNER);
      inner = outline;
      gsk_rounded_rect_shrink (&inner, 1.5, 1.5, 1.5, 1.5);
      _eb_painter_fill_rounded (snapshot, &outline, &border);
      _eb_painter_fill_rounded (snapshot, &inner, &fill);
    }
}

/* Frame labels sit in the frame's header strip, behind the cards, when
 * text is readable. Zoomed out they grow to about 14 pixels on screen, as
 * long as they fit across the frame, and are drawn on top of everything
 * on a veil of the frame's colour: they are what tells the parts of the
 * story apart at a glance. */
static void
draw_frame_labels (EbPainter    *self,
                   GtkSnapshot  *snapshot,
                   const EbRect *area,
                   double        zoom)
{
  GListModel *frames = eb_board_get_frames (self->board);
  guint n = g_list_model_get_n_items (frames);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbFrame) frame = g_list_model_get_item (frames, i);
      double x = eb_frame_get_x (frame), y = eb_frame_get_y (frame), w = eb_frame_get_width (frame);
      PangoRectangle logical;
      PangoLayout *label;
      GdkRGBA fill, border;
      double grow;

      if (eb_frame_get_label (frame) == NULL || !frame_in_area (frame, area))
        continue;

      label = g_hash_table_lookup (self->texts, frame);
      if (label == NULL)
        {
          label = _eb_painter_make_layout (self, self->frame_font, eb_frame_get_label (frame), MAX (1, w - 32), 1);
          g_hash_table_replace (self->texts, frame, label);
        }

      frame_colors (frame, &fill, &border);
      pango_layout_get_pixel_extents (label, NULL, &logical);
      grow = MIN (14.0 / (22.0 * zoom), (w - 32) / MAX (1, logical.width));

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + 16, y + 12));
      if (grow > 1)
        {
          gtk_snapshot_scale (snapshot, grow, grow);
          gtk_snapshot_append_color (snapshot, &(GdkRGBA) { fill.red, fill.green, fill.blue, 0.7 },
                                     &GRAPHENE_RECT_INIT (logical.x - 4, logical.y - 2,
                                                          logical.width + 8, logical.height + 4));
        }
      gtk_snapshot_append_layout (snapshot, label,
                                  &(GdkRGBA) { border.red * 0.6, border.green * 0.6, border.blue * 0.6, 1 });
      gtk_snapshot_restore (snapshot);
    }
}

/**
 * eb_painter_snapshot:
 * @self: a painter
 * @snapshot: where to draw, in board units
 * @area: the part of the board to draw, in board units
 * @zoom: screen pixels per board unit, for the level of detail
 * @selection: (nullable) (element-type EbItem EbItem): items to draw as selected
 *
 * Draws frames, then links, then cards that touch @area, bottom to top.
 * Zoomed out below %EB_PAINTER_TEXT_MIN_ZOOM, cards are plain shapes and
 * links thin lines without labels.
 */
void
eb_painter_snapshot (EbPainter    *self,
                     GtkSnapshot  *snapshot,
                     const EbRect *area,
                     double        zoom,
                     GHashTable   *selection)
{
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) links = NULL;
  gboolean detailed = zoom >= EB_PAINTER_TEXT_MIN_ZOOM;

  g_return_if_fail (EB_IS_PAINTER (self));
  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));
  g_return_if_fail (area != NULL && zoom > 0);

  draw_frame_bodies (self, snapshot, area);
  if (detailed)
    draw_frame_labels (self, snapshot, area, zoom);

  links = eb_spatial_index_query_links (self->index, area);
  cards = eb_spatial_index_query_cards (self->index, area);

  if (detailed)
    {
      _eb_painter_draw_links (self, snapshot, area, links, zoom, selection);
      for (guint i = 0; i < cards->len; i++)
        {
          EbCard *card = g_ptr_array_index (cards, i);

          _eb_painter_draw_card (self, snapshot, card, selection && g_hash_table_contains (selection, card));
        }
      _eb_painter_draw_link_labels (self, snapshot, links);
    }
  else
    {
      _eb_painter_draw_overview (self, snapshot, area, links, cards, zoom, selection);
      if (zoom >= GLANCE_MIN_ZOOM)
        _eb_painter_draw_glance (self, snapshot, cards, zoom);
    }

  if (!detailed)
    draw_frame_labels (self, snapshot, area, zoom);
}
