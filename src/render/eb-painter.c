/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-painter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "eb-date.h"
#include "eb-painter.h"

/* EbPainter draws a board, or the part of it in an area, into a
 * GtkSnapshot in board units (the caller scales and translates). The
 * canvas and every export use it, so a picture is what the screen shows.
 * It keeps a PangoLayout per card and link label, made once and dropped
 * when the card's text or width changes, so snapshot() does no text
 * shaping for cards that did not change. Layouts come from a context of
 * our own, with hinting off, so text measures the same at every scale. */

#define PAD           12.0
#define STRIPE         5.0
#define BADGE_RADIUS  11.0
#define CORNER         8.0
#define TITLE_GAP      4.0
#define FRAME_CORNER  14.0

typedef struct
{
  EbCard *from;    /* borrowed: a card leaves the board only after its links */
  EbCard *to;
} LinkEnds;

typedef struct
{
  PangoLayout *title;
  PangoLayout *body;
  double       width;    /* card size the layouts were made for */
  double       height;
} CardText;

struct _EbPainter
{
  GObject               parent_instance;
  EbBoard              *board;
  EbSpatialIndex       *index;
  PangoContext         *context;
  PangoFontDescription *title_font;
  PangoFontDescription *body_font;
  PangoFontDescription *label_font;
  PangoFontDescription *frame_font;
  PangoFontDescription *badge_font;
  GHashTable           *texts;     /* EbCard → CardText; EbLink/EbFrame → PangoLayout */
  GHashTable           *ends;      /* EbLink → LinkEnds, its cards found by id once */
  PangoLayout          *badges[EB_GRADE_F + 1];
};

G_DEFINE_FINAL_TYPE (EbPainter, eb_painter, G_TYPE_OBJECT)

/* Colours as constants, not strings: parsing a colour per card per frame
 * costs more than drawing the card when the whole board is in view. */
#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.f, ((hex) >> 8 & 0xff) / 255.f, ((hex) & 0xff) / 255.f, 1.f }

static const GdkRGBA kind_fill[] = {
  [EB_CARD_KIND_PERSON] = RGB (0xdbeafe),
  [EB_CARD_KIND_EVENT] = RGB (0xfef3c7),
  [EB_CARD_KIND_SOURCE] = RGB (0xdcfce7),
  [EB_CARD_KIND_NOTE] = RGB (0xfef9c3),
};

static const GdkRGBA kind_accent[] = {
  [EB_CARD_KIND_PERSON] = RGB (0x2563eb),
  [EB_CARD_KIND_EVENT] = RGB (0xd97706),
  [EB_CARD_KIND_SOURCE] = RGB (0x16a34a),
  [EB_CARD_KIND_NOTE] = RGB (0xa16207),
};

static const GdkRGBA grade_fill[] = {
  [EB_GRADE_NONE] = RGB (0x9ca3af),
  [EB_GRADE_A] = RGB (0x15803d),
  [EB_GRADE_B] = RGB (0x4d7c0f),
  [EB_GRADE_C] = RGB (0xa16207),
  [EB_GRADE_D] = RGB (0xc2410c),
  [EB_GRADE_E] = RGB (0xb91c1c),
  [EB_GRADE_F] = RGB (0x6b7280),
};

static const GdkRGBA link_stroke[] = {
  [EB_LINK_KIND_RELATED] = RGB (0x44403c),
  [EB_LINK_KIND_REPORTED_BY] = RGB (0x6b7280),
  [EB_LINK_KIND_SUPPORTS] = RGB (0x15803d),
  [EB_LINK_KIND_CONTRADICTS] = RGB (0xb91c1c),
};

static const GdkRGBA frame_fill = RGB (0xf1f5f9);

static const GdkRGBA text_color = { 0.09, 0.09, 0.11, 1 };
static const GdkRGBA muted_color = { 0.30, 0.31, 0.35, 1 };
static const GdkRGBA selection_color = { 0.21, 0.52, 0.89, 1 };

/* Item colours are "#rrggbb" (the model checks), or NULL for the default. */
static void
parse_color (const char    *spec,
             const GdkRGBA *fallback,
             GdkRGBA       *rgba)
{
  guint value = 0;

  if (spec == NULL || strlen (spec) != 7 || spec[0] != '#')
    {
      *rgba = *fallback;
      return;
    }
  for (guint i = 1; i < 7; i++)
    value = value << 4 | g_ascii_xdigit_value (spec[i]);
  *rgba = (GdkRGBA) RGB (value);
}

/* A filled rounded rectangle as a border node whose widths meet in the
 * middle: GSK's cairo renderer fills that with one path, where a rounded
 * clip around a colour node costs a clip mask per card. */
static void
fill_rounded (GtkSnapshot          *snapshot,
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

static void
card_text_free (gpointer data)
{
  CardText *text = data;

  g_clear_object (&text->title);
  g_clear_object (&text->body);
  g_free (text);
}

static void
text_free (gpointer data)
{
  /* The table holds CardText for cards and bare layouts for the rest. */
  if (PANGO_IS_LAYOUT (data))
    g_object_unref (data);
  else
    card_text_free (data);
}

static PangoLayout *
make_layout (EbPainter                  *self,
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

static char *
card_body_text (EbCard *card)
{
  GString *body = g_string_new (NULL);

  switch (eb_card_get_kind (card))
    {
    case EB_CARD_KIND_PERSON:
      if (eb_card_get_role (card))
        g_string_append_printf (body, "%s\n", eb_card_get_role (card));
      if (eb_card_get_aliases (card))
        {
          g_auto(GStrv) aliases = g_strsplit (eb_card_get_aliases (card), "\n", -1);

          /* Each alias in a first-strong isolate, the line marked
           * left-to-right: an Arabic name keeps its own order without
           * turning the whole line around (Pango picks a paragraph's
           * direction from its first strong letter, isolates or not). */
          g_string_append (body, "\u200e");
          for (guint i = 0; aliases[i] != NULL; i++)
            if (aliases[i][0] != '\0')
              g_string_append_printf (body, "%s\u2068%s\u2069", i > 0 ? " · " : "", aliases[i]);
        }
      break;

    case EB_CARD_KIND_EVENT:
      {
        g_autofree char *start = eb_date_format (eb_card_get_date (card));
        g_autofree char *end = eb_date_format (eb_card_get_end_date (card));

        g_string_append (body, start);
        if (end[0] != '\0')
          g_string_append_printf (body, " – %s", end);
        if (eb_card_get_place (card))
          g_string_append_printf (body, "%s%s", body->len ? "\n" : "", eb_card_get_place (card));
      }
      break;

    case EB_CARD_KIND_SOURCE:
      {
        g_autofree char *date = eb_date_format (eb_card_get_date (card));

        if (eb_card_get_publisher (card))
          g_string_append (body, eb_card_get_publisher (card));
        if (date[0] != '\0')
          g_string_append_printf (body, "%s%s", body->len ? " · " : "", date);
      }
      break;

    case EB_CARD_KIND_NOTE:
    default:
      if (eb_card_get_title (card))
        g_string_append (body, eb_card_get_notes (card) ? eb_card_get_notes (card) : "");
      break;
    }

  return g_string_free (body, FALSE);
}

static CardText *
card_text (EbPainter *self,
           EbCard    *card)
{
  CardText *text = g_hash_table_lookup (self->texts, card);
  double width = eb_card_get_width (card);
  double inner = MAX (1, width - 2 * PAD - STRIPE);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  double room;

  if (text != NULL && text->width == width && text->height == eb_card_get_height (card))
    return text;

  if (eb_card_get_kind (card) == EB_CARD_KIND_SOURCE)
    inner = MAX (1, inner - 2 * BADGE_RADIUS - 4);

  text = g_new0 (CardText, 1);
  text->width = width;
  text->height = eb_card_get_height (card);

  if (eb_card_get_kind (card) == EB_CARD_KIND_NOTE && eb_card_get_title (card) == NULL)
    {
      /* A note is its text. */
      text->body = make_layout (self, self->body_font, eb_card_get_notes (card), inner, 1000);
      room = text->height - 2 * PAD;
    }
  else
    {
      PangoRectangle logical;

      title = eb_card_dup_display_title (card);
      body = card_body_text (card);
      text->title = make_layout (self, self->title_font, title, inner, 2);
      text->body = make_layout (self, self->body_font, body, inner, 1000);
      pango_layout_get_pixel_extents (text->title, NULL, &logical);
      room = text->height - 2 * PAD - logical.height - TITLE_GAP;
    }

  /* What does not fit ends in an ellipsis, not in half a line. */
  pango_layout_set_height (text->body, (int) (MAX (room, 1) * PANGO_SCALE));

  g_hash_table_replace (self->texts, card, text);
  return text;
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
  parse_color (color, &kind_fill[MIN (eb_card_get_kind (card), EB_CARD_KIND_NOTE)], fill);
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
  parse_color (color, &link_stroke[MIN (eb_link_get_kind (link), EB_LINK_KIND_CONTRADICTS)], stroke);
}

static void
link_style (EbLink  *link,
            double  *width,
            double   dashes[2],
            int     *n_dashes)
{
  switch (eb_link_get_kind (link))
    {
    case EB_LINK_KIND_SUPPORTS:
      *width = 2.5;
      *n_dashes = 0;
      break;
    case EB_LINK_KIND_CONTRADICTS:
      *width = 2.5;
      dashes[0] = 10; dashes[1] = 6;
      *n_dashes = 2;
      break;
    case EB_LINK_KIND_REPORTED_BY:
      *width = 1.5;
      dashes[0] = 3; dashes[1] = 6;
      *n_dashes = 2;
      break;
    case EB_LINK_KIND_RELATED:
    default:
      *width = 1.5;
      *n_dashes = 0;
      break;
    }
}

/* Where a link leaves a card: the middle of the side facing the other
 * end, so curves leave cards cleanly left/right or top/bottom. */
static void
card_anchor (EbCard           *card,
             double            towards_x,
             double            towards_y,
             gboolean          horizontal,
             graphene_point_t *anchor,
             graphene_point_t *direction)
{
  double x = eb_card_get_x (card), y = eb_card_get_y (card);
  double w = eb_card_get_width (card), h = eb_card_get_height (card);
  double cx = x + w / 2, cy = y + h / 2;

  if (horizontal)
    {
      double side = towards_x >= cx ? 1 : -1;
      *anchor = GRAPHENE_POINT_INIT (cx + side * w / 2, cy);
      *direction = GRAPHENE_POINT_INIT (side, 0);
    }
  else
    {
      double side = towards_y >= cy ? 1 : -1;
      *anchor = GRAPHENE_POINT_INIT (cx, cy + side * h / 2);
      *direction = GRAPHENE_POINT_INIT (0, side);
    }
}

/**
 * eb_painter_link_ends:
 * @self: a painter
 * @link: a link on the board
 * @points: (out caller-allocates) (array fixed-size=4): start, two
 *   control points and end of the link's bezier curve, in board units
 *
 * The curve a link is drawn along; hit-testing and tests use it too.
 */
void
eb_painter_link_ends (EbPainter        *self,
                      EbLink           *link,
                      graphene_point_t  points[4])
{
  LinkEnds *ends = g_hash_table_lookup (self->ends, link);
  graphene_point_t dir0, dir1;
  double fx, fy, tx, ty, reach;
  gboolean horizontal;
  EbCard *from, *to;

  if (ends == NULL)
    {
      EbCard *a = eb_board_lookup_card (self->board, eb_link_get_from_id (link));
      EbCard *b = eb_board_lookup_card (self->board, eb_link_get_to_id (link));

      if (a == NULL || b == NULL)
        {
          /* Not a link on this board: nothing to draw, and defined points. */
          memset (points, 0, 4 * sizeof (graphene_point_t));
          g_return_if_reached ();
        }
      ends = g_new (LinkEnds, 1);
      ends->from = a;
      ends->to = b;
      g_hash_table_insert (self->ends, link, ends);
    }
  from = ends->from;
  to = ends->to;

  fx = eb_card_get_x (from) + eb_card_get_width (from) / 2;
  fy = eb_card_get_y (from) + eb_card_get_height (from) / 2;
  tx = eb_card_get_x (to) + eb_card_get_width (to) / 2;
  ty = eb_card_get_y (to) + eb_card_get_height (to) / 2;
  /* Cards are wider than tall: prefer sides unless the other card is
   * mostly above or below. */
  horizontal = fabs (tx - fx) * 0.5 >= fabs (ty - fy) * 0.9 || from == to;

  card_anchor (from, tx, ty, horizontal, &points[0], &dir0);
  card_anchor (to, fx, fy, horizontal, &points[3], &dir1);
  if (from == to)
    dir1.x = -dir1.x;

  reach = MAX (40, graphene_point_distance (&points[0], &points[3], NULL, NULL) * 0.4);
  points[1] = GRAPHENE_POINT_INIT (points[0].x + dir0.x * reach, points[0].y + dir0.y * reach);
  points[2] = GRAPHENE_POINT_INIT (points[3].x + dir1.x * reach, points[3].y + dir1.y * reach);
}

static void
bezier_point (const graphene_point_t p[4],
              double                 t,
              graphene_point_t      *out)
{
  double u = 1 - t;
  double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;

  out->x = a * p[0].x + b * p[1].x + c * p[2].x + d * p[3].x;
  out->y = a * p[0].y + b * p[1].y + c * p[2].y + d * p[3].y;
}

/* A straight piece of line as a rotated colour node. GTK 4.8 has no
 * path nodes, and a cairo node is replayed through an image the size of
 * its bounds, which costs more per frame than a few hundred small fills. */
static void
append_segment (GtkSnapshot            *snapshot,
                const graphene_point_t *a,
                const graphene_point_t *b,
                double                  width,
                const GdkRGBA          *color)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double length = sqrt (dx * dx + dy * dy);

  if (length < 0.01)
    return;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, a);
  gtk_snapshot_rotate (snapshot, atan2 (dy, dx) * 180 / G_PI);
  /* Half a width of overlap at each end closes the gaps at bends. */
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (-width / 2, -width / 2, length + width, width));
  gtk_snapshot_restore (snapshot);
}

/* An open arrowhead, two strokes meeting at the tip. */
static void
append_arrowhead (GtkSnapshot            *snapshot,
                  const graphene_point_t *tip,
                  const graphene_point_t *from,
                  double                  size,
                  double                  width,
                  const GdkRGBA          *color)
{
  double angle = atan2 (tip->y - from->y, tip->x - from->x);

  for (int side = -1; side <= 1; side += 2)
    {
      graphene_point_t wing = GRAPHENE_POINT_INIT (tip->x - size * cos (angle + side * 0.45),
                                                   tip->y - size * sin (angle + side * 0.45));

      append_segment (snapshot, &wing, tip, width, color);
    }
}

/* Strokes a bezier as short straight pieces, leaving out the gaps of the
 * dash pattern, measured along the curve. */
static void
append_curve (GtkSnapshot            *snapshot,
              const graphene_point_t  p[4],
              double                  width,
              const double           *dashes,
              int                     n_dashes,
              const GdkRGBA          *color)
{
  double length = graphene_point_distance (&p[0], &p[1], NULL, NULL) +
                  graphene_point_distance (&p[1], &p[2], NULL, NULL) +
                  graphene_point_distance (&p[2], &p[3], NULL, NULL);
  /* As few pieces as keep the curve within about half a unit of true:
   * the control points' distance from the chord bounds the bulge. */
  double chord = graphene_point_distance (&p[0], &p[3], NULL, NULL);
  double bulge = 0;
  guint pieces;

  for (guint k = 1; k <= 2; k++)
    {
      double d = chord > 0.01
        ? fabs ((p[3].x - p[0].x) * (p[0].y - p[k].y) - (p[0].x - p[k].x) * (p[3].y - p[0].y)) / chord
        : graphene_point_distance (&p[0], &p[k], NULL, NULL);
      bulge = MAX (bulge, d);
    }
  pieces = bulge < 0.5 ? 1 : (guint) ceil (sqrt (bulge * 4));
  guint n = n_dashes ? CLAMP ((guint) (length / 3.0), pieces, 400) : CLAMP (pieces, 1, 64);
  graphene_point_t previous = p[0], run_start = p[0];
  double travelled = 0, dash_left = n_dashes ? dashes[0] : G_MAXDOUBLE;
  gboolean on = TRUE;
  guint dash = 0;

  for (guint i = 1; i <= n; i++)
    {
      graphene_point_t point;
      double step;

      bezier_point (p, (double) i / n, &point);
      step = graphene_point_distance (&previous, &point, NULL, NULL);
      travelled += step;
      dash_left -= step;

      if (dash_left <= 0 || i == n)
        {
          if (on)
            append_segment (snapshot, &run_start, &point, width, color);
          if (n_dashes)
            {
              dash = (dash + 1) % n_dashes;
              dash_left += dashes[dash];
              on = !on;
            }
          run_start = point;
        }
      else if (!n_dashes || !on)
        {
          /* Solid runs bend: emit each piece; gaps only move the start. */
          if (on)
            {
              append_segment (snapshot, &run_start, &point, width, color);
              run_start = point;
            }
        }
      previous = point;
    }
}

static void
append_link (GtkSnapshot            *snapshot,
             EbLink                 *link,
             const graphene_point_t  p[4],
             gboolean                selected)
{
  double width, dashes[2];
  int n_dashes;
  GdkRGBA color;

  eb_painter_link_color (link, &color);
  link_style (link, &width, dashes, &n_dashes);

  if (selected)
    append_curve (snapshot, p, width + 6, NULL, 0,
                  &(GdkRGBA) { selection_color.red, selection_color.green, selection_color.blue, 0.35 });

  append_curve (snapshot, p, width, dashes, n_dashes, &color);

  if (eb_link_get_direction (link) != EB_LINK_DIRECTION_NONE)
    append_arrowhead (snapshot, &p[3], &p[2], 7 + width * 2, width, &color);
  if (eb_link_get_direction (link) == EB_LINK_DIRECTION_BOTH)
    append_arrowhead (snapshot, &p[0], &p[1], 7 + width * 2, width, &color);
}

static void
draw_links (EbPainter    *self,
            GtkSnapshot  *snapshot,
            const EbRect *area,
            GPtrArray    *links,
            double        zoom,
            GHashTable   *selection)
{
  if (links->len == 0)
    return;

  for (guint i = 0; i < links->len; i++)
    {
      EbLink *link = g_ptr_array_index (links, i);
      graphene_point_t p[4];

      eb_painter_link_ends (self, link, p);
      append_link (snapshot, link, p, selection && g_hash_table_contains (selection, link));
    }

  /* Labels go on top of every line, as text nodes, so PDF keeps them as text. */
  for (guint i = 0; i < links->len; i++)
    {
      EbLink *link = g_ptr_array_index (links, i);
      const char *label = eb_link_get_label (link);
      PangoLayout *layout;
      graphene_point_t p[4], mid;
      PangoRectangle ink, logical;
      GskRoundedRect pill;
      GdkRGBA color;

      if (label == NULL)
        continue;

      layout = g_hash_table_lookup (self->texts, link);
      if (layout == NULL)
        {
          layout = make_layout (self, self->label_font, label, 180, 2);
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          g_hash_table_replace (self->texts, link, layout);
        }

      eb_painter_link_ends (self, link, p);
      bezier_point (p, 0.5, &mid);
      pango_layout_get_pixel_extents (layout, &ink, &logical);
      eb_painter_link_color (link, &color);

      gsk_rounded_rect_init_from_rect (&pill,
                                       &GRAPHENE_RECT_INIT (mid.x - logical.width / 2.0 - 5 - logical.x,
                                                            mid.y - logical.height / 2.0 - 2,
                                                            logical.width + 10, logical.height + 4),
                                       6);
      /* Shift the pill to where the text really is in a centred layout. */
      pill.bounds.origin.x += logical.x;
      /* Square, not rounded: a label is drawn per link per frame. */
      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 0.92 }, &pill.bounds);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (mid.x - logical.width / 2.0 - logical.x,
                                                    mid.y - logical.height / 2.0));
      gtk_snapshot_append_layout (snapshot, layout, &color);
      gtk_snapshot_restore (snapshot);
    }
}

static PangoLayout *
badge_layout (EbPainter *self,
              EbGrade    grade)
{
  if (self->badges[grade] == NULL)
    self->badges[grade] = make_layout (self, self->badge_font, eb_grade_to_string (grade), -1, 1);
  return self->badges[grade];
}

static void
draw_card (EbPainter   *self,
           GtkSnapshot *snapshot,
           EbCard      *card,
           gboolean     selected)
{
  double x = eb_card_get_x (card), y = eb_card_get_y (card);
  double w = eb_card_get_width (card), h = eb_card_get_height (card);
  EbCardKind kind = eb_card_get_kind (card);
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x, y, w, h);
  GskRoundedRect outline, inner;
  GdkRGBA fill, accent, border;
  CardText *text;
  double text_y = y + PAD - 2;

  eb_painter_card_color (card, &fill);
  accent = kind_accent[kind];
  /* The outline is the accent at 55 % over the fill, mixed here so the
   * card is two opaque fills: GSK's cairo renderer draws a border node as
   * an even-odd fill of two rounded paths, which costs twice a fill. */
  border = (GdkRGBA) { fill.red + (accent.red - fill.red) * 0.55,
                       fill.green + (accent.green - fill.green) * 0.55,
                       fill.blue + (accent.blue - fill.blue) * 0.55,
                       fill.alpha };

  gsk_rounded_rect_init_from_rect (&outline, &rect, CORNER);
  inner = outline;
  gsk_rounded_rect_shrink (&inner, 1, 1, 1, 1);

  /* A hard shadow strip under the bottom edge and a straight kind stripe:
   * plain rectangles, where blurred or rounded shapes would cost a mask
   * per card per frame. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0, 0, 0, 0.12 },
                             &GRAPHENE_RECT_INIT (x + CORNER / 2, y + h, w - CORNER, 2));
  fill_rounded (snapshot, &outline, &border);
  fill_rounded (snapshot, &inner, &fill);
  gtk_snapshot_append_color (snapshot, &accent,
                             &GRAPHENE_RECT_INIT (x + 1, y + CORNER / 2 + 1, STRIPE - 1, h - CORNER - 2));

  if (selected)
    {
      GskRoundedRect ring;

      gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (x - 3, y - 3, w + 6, h + 6), CORNER + 3);
      gtk_snapshot_append_border (snapshot, &ring,
                                  (float[4]) { 3, 3, 3, 3 },
                                  (GdkRGBA[4]) { selection_color, selection_color,
                                                 selection_color, selection_color });
    }

  text = card_text (self, card);

  /* Text stays inside the card even when the card is made short. */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (x + STRIPE, y, w - STRIPE, h));
  if (text->title)
    {
      PangoRectangle logical;

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + STRIPE + PAD, text_y));
      gtk_snapshot_append_layout (snapshot, text->title, &text_color);
      gtk_snapshot_restore (snapshot);
      pango_layout_get_pixel_extents (text->title, NULL, &logical);
      text_y += logical.height + TITLE_GAP;
    }
  if (text->body)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + STRIPE + PAD, text_y));
      gtk_snapshot_append_layout (snapshot, text->body, text->title ? &muted_color : &text_color);
      gtk_snapshot_restore (snapshot);
    }
  gtk_snapshot_pop (snapshot);

  if (kind == EB_CARD_KIND_SOURCE)
    {
      EbGrade grade = eb_card_get_grade (card);
      PangoLayout *letter = badge_layout (self, grade);
      double cx = x + w - PAD - BADGE_RADIUS, cy = y + PAD + BADGE_RADIUS - 2;
      GskRoundedRect disc;
      PangoRectangle ink;
      GdkRGBA badge;

      badge = grade_fill[grade];
      gsk_rounded_rect_init_from_rect (&disc,
                                       &GRAPHENE_RECT_INIT (cx - BADGE_RADIUS, cy - BADGE_RADIUS,
                                                            2 * BADGE_RADIUS, 2 * BADGE_RADIUS),
                                       BADGE_RADIUS);
      fill_rounded (snapshot, &disc, &badge);

      if (grade != EB_GRADE_NONE)
        {
          pango_layout_get_pixel_extents (letter, &ink, NULL);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot,
                                  &GRAPHENE_POINT_INIT (cx - ink.x - ink.width / 2.0,
                                                        cy - ink.y - ink.height / 2.0));
          gtk_snapshot_append_layout (snapshot, letter, &(GdkRGBA) { 1, 1, 1, 1 });
          gtk_snapshot_restore (snapshot);
        }
    }
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
      fill_rounded (snapshot, &outline, &border);
      fill_rounded (snapshot, &inner, &fill);
    }
}

/* Frame labels sit in the frame's header strip, behind the cards, when
 * text is readable. Zoomed out they grow to about 16 pixels on screen, as
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
          label = make_layout (self, self->frame_font, eb_frame_get_label (frame), MAX (1, w - 32), 1);
          g_hash_table_replace (self->texts, frame, label);
        }

      frame_colors (frame, &fill, &border);
      pango_layout_get_pixel_extents (label, NULL, &logical);
      grow = MIN (16.0 / (22.0 * zoom), (w - 32) / MAX (1, logical.width));

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + 16, y + 12));
      if (grow > 1)
        {
          gtk_snapshot_scale (snapshot, grow, grow);
          gtk_snapshot_append_color (snapshot, &(GdkRGBA) { fill.red, fill.green, fill.blue, 0.85 },
                                     &GRAPHENE_RECT_INIT (logical.x - 4, logical.y - 2,
                                                          logical.width + 8, logical.height + 4));
        }
      gtk_snapshot_append_layout (snapshot, label,
                                  &(GdkRGBA) { border.red * 0.6, border.green * 0.6, border.blue * 0.6, 1 });
      gtk_snapshot_restore (snapshot);
    }
}

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
static void
draw_overview (EbPainter    *self,
               GtkSnapshot  *snapshot,
               const EbRect *area,
               GPtrArray    *links,
               GPtrArray    *cards,
               double        zoom,
               GHashTable   *selection)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (area->x, area->y, area->width, area->height);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (Swatch));
  g_autoptr(GArray) rings = g_array_new (FALSE, FALSE, sizeof (Swatch));
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Swatch));
  GArray *layers[2];
  cairo_matrix_t matrix;
  cairo_t *cr;

  if (links->len == 0 && cards->len == 0)
    return;

  g_array_set_clear_func (lines, swatch_clear);
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

  /* Cards as boxes; selected ones on a ring of the selection colour,
   * drawn first so the cards cover their middles. */
  for (guint i = 0; i < cards->len; i++)
    {
      EbCard *card = g_ptr_array_index (cards, i);
      EbRect box = { eb_card_get_x (card), eb_card_get_y (card), eb_card_get_width (card), eb_card_get_height (card) };
      GdkRGBA fill;

      if (selection && g_hash_table_contains (selection, card))
        add_box (rings, &selection_color,
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
      draw_links (self, snapshot, area, links, zoom, selection);
      for (guint i = 0; i < cards->len; i++)
        {
          EbCard *card = g_ptr_array_index (cards, i);

          draw_card (self, snapshot, card, selection && g_hash_table_contains (selection, card));
        }
    }
  else
    {
      draw_overview (self, snapshot, area, links, cards, zoom, selection);
    }

  if (!detailed)
    draw_frame_labels (self, snapshot, area, zoom);
}
