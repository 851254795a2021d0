/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-painter"

#include "config.h"

#include <math.h>

#include "eb-painter-private.h"

/* Links: where they leave their cards, their curves as short straight
 * pieces (GTK 4.8 has no path nodes), dashes, arrowheads and labels. */

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
card_anchor (double            x,
             double            y,
             double            w,
             double            h,
             double            towards_x,
             double            towards_y,
             gboolean          horizontal,
             graphene_point_t *anchor,
             graphene_point_t *direction)
{
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

/* The middle of the side a link names (JSON Canvas's fromSide/toSide). */
static void
side_anchor (double            x,
             double            y,
             double            w,
             double            h,
             EbLinkSide        side,
             graphene_point_t *anchor,
             graphene_point_t *direction)
{
  switch (side)
    {
    case EB_LINK_SIDE_TOP:
      *anchor = GRAPHENE_POINT_INIT (x + w / 2, y);
      *direction = GRAPHENE_POINT_INIT (0, -1);
      break;
    case EB_LINK_SIDE_BOTTOM:
      *anchor = GRAPHENE_POINT_INIT (x + w / 2, y + h);
      *direction = GRAPHENE_POINT_INIT (0, 1);
      break;
    case EB_LINK_SIDE_LEFT:
      *anchor = GRAPHENE_POINT_INIT (x, y + h / 2);
      *direction = GRAPHENE_POINT_INIT (-1, 0);
      break;
    case EB_LINK_SIDE_RIGHT:
    case EB_LINK_SIDE_NONE:
    default:
      *anchor = GRAPHENE_POINT_INIT (x + w, y + h / 2);
      *direction = GRAPHENE_POINT_INIT (1, 0);
      break;
    }
}

/* Where a link meets a frame it names no side of: the point of the
 * border nearest the other end. A frame is large and often holds the
 * other end, so the middle of a side, as for cards, would send the curve
 * across everything inside it. */
static void
frame_anchor (double            x,
              double            y,
              double            w,
              double            h,
              double            towards_x,
              double            towards_y,
              graphene_point_t *anchor,
              graphene_point_t *direction)
{
  double px = CLAMP (towards_x, x, x + w);
  double py = CLAMP (towards_y, y, y + h);
  /* Distances to the left, right, top and bottom sides. */
  double d[4] = { px - x, x + w - px, py - y, y + h - py };
  double outward = 1;   /* -1 when the curve meets the border from inside */
  guint nearest = 0;

  if (towards_x < x || towards_x > x + w || towards_y < y || towards_y > y + h)
    {
      /* Outside: the clamped point is on the border; the side is the one
       * the other end lies furthest beyond. */
      double over_x = towards_x < x ? x - towards_x : towards_x - (x + w);
      double over_y = towards_y < y ? y - towards_y : towards_y - (y + h);

      if (over_x >= over_y)
        nearest = towards_x < x ? 0 : 1;
      else
        nearest = towards_y < y ? 2 : 3;
    }
  else
    {
      for (guint i = 1; i < 4; i++)
        if (d[i] < d[nearest])
          nearest = i;
      /* From inside, the curve meets the border from inside. */
      outward = -1;
    }

  switch (nearest)
    {
    case 0: *anchor = GRAPHENE_POINT_INIT (x, py); *direction = GRAPHENE_POINT_INIT (-outward, 0); break;
    case 1: *anchor = GRAPHENE_POINT_INIT (x + w, py); *direction = GRAPHENE_POINT_INIT (outward, 0); break;
    case 2: *anchor = GRAPHENE_POINT_INIT (px, y); *direction = GRAPHENE_POINT_INIT (0, -outward); break;
    default: *anchor = GRAPHENE_POINT_INIT (px, y + h); *direction = GRAPHENE_POINT_INIT (0, outward); break;
    }
}

/* One end of a link, read once per drawing of it. */
typedef struct
{
  double      x, y, w, h;
  gboolean    frame;
  EbLinkSide  side;
} EndBox;

static void
end_box_init (EndBox     *box,
              EbItem     *end,
              gboolean    frame,
              EbLinkSide  side)
{
  if (frame)
    eb_link_end_get_bounds (end, &box->x, &box->y, &box->w, &box->h);
  else
    {
      EbCard *card = (EbCard *) end;

      box->x = eb_card_get_x (card);
      box->y = eb_card_get_y (card);
      box->w = eb_card_get_width (card);
      box->h = eb_card_get_height (card);
    }
  box->frame = frame;
  box->side = side;
}

static void
end_anchor (const EndBox     *end,
            double            towards_x,
            double            towards_y,
            gboolean          horizontal,
            graphene_point_t *anchor,
            graphene_point_t *direction)
{
  if (end->side != EB_LINK_SIDE_NONE)
    side_anchor (end->x, end->y, end->w, end->h, end->side, anchor, direction);
  else if (end->frame)
    frame_anchor (end->x, end->y, end->w, end->h, towards_x, towards_y, anchor, direction);
  else
    card_anchor (end->x, end->y, end->w, end->h, towards_x, towards_y, horizontal, anchor, direction);
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
  gboolean horizontal, same;
  EndBox from, to;

  if (ends == NULL)
    {
      EbItem *a = eb_board_lookup_link_end (self->board, eb_link_get_from_id (link));
      EbItem *b = eb_board_lookup_link_end (self->board, eb_link_get_to_id (link));

      if (a == NULL || b == NULL)
        {
          /* Not a link on this board: nothing to draw, and defined points. */
          memset (points, 0, 4 * sizeof (graphene_point_t));
          g_return_if_reached ();
        }
      ends = g_new (LinkEnds, 1);
      ends->from = a;
      ends->to = b;
      ends->from_frame = EB_IS_FRAME (a);
      ends->to_frame = EB_IS_FRAME (b);
      g_hash_table_insert (self->ends, link, ends);
    }
  end_box_init (&from, ends->from, ends->from_frame, eb_link_get_from_side (link));
  end_box_init (&to, ends->to, ends->to_frame, eb_link_get_to_side (link));
  same = ends->from == ends->to;

  fx = from.x + from.w / 2;
  fy = from.y + from.h / 2;
  tx = to.x + to.w / 2;
  ty = to.y + to.h / 2;
  /* Cards are wider than tall: prefer sides unless the other card is
   * mostly above or below. */
  horizontal = fabs (tx - fx) * 0.5 >= fabs (ty - fy) * 0.9 || same;

  /* A frame end aims at the other end's centre; the other end, at the
   * point on the frame's border, so a card inside a frame links to the
   * nearest side of it rather than to its far-away middle. */
  if (to.frame && !from.frame && !same)
    {
      end_anchor (&to, fx, fy, horizontal, &points[3], &dir1);
      end_anchor (&from, points[3].x, points[3].y, horizontal, &points[0], &dir0);
    }
  else
    {
      end_anchor (&from, tx, ty, horizontal, &points[0], &dir0);
      end_anchor (&to,
                  from.frame && !same ? points[0].x : fx,
                  from.frame && !same ? points[0].y : fy,
                  horizontal, &points[3], &dir1);
    }
  if (same && from.side == EB_LINK_SIDE_NONE && to.side == EB_LINK_SIDE_NONE)
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
                  &(GdkRGBA) { _eb_painter_selection_color.red, _eb_painter_selection_color.green, _eb_painter_selection_color.blue, 0.35 });

  append_curve (snapshot, p, width, dashes, n_dashes, &color);

  if (eb_link_get_direction (link) != EB_LINK_DIRECTION_NONE)
    append_arrowhead (snapshot, &p[3], &p[2], 7 + width * 2, width, &color);
  if (eb_link_get_direction (link) == EB_LINK_DIRECTION_BOTH)
    append_arrowhead (snapshot, &p[0], &p[1], 7 + width * 2, width, &color);
}

void
_eb_painter_draw_links (EbPainter    *self,
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
}

static gboolean
covers_a_label (const GArray *placed,
                const EbRect *box)
{
  for (guint i = 0; i < placed->len; i++)
    {
      const EbRect *other = &g_array_index (placed, EbRect, i);

      if (box->x < other->x + other->width && other->x < box->x + box->width &&
          box->y < other->y + other->height && other->y < box->y + box->height)
        return TRUE;
    }
  return FALSE;
}

/* Where a label goes: the middle of its curve, or the nearest point along
 * it where the label covers no card and no label placed before it, so it
 * hides neither a card's text nor another link's words (two links between
 * the same items run side by side). */
static void
label_point (EbPainter              *self,
             const graphene_point_t  p[4],
             double                  width,
             double                  height,
             GArray                 *placed,
             graphene_point_t       *point)
{
  static const double tries[] = { 0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82 };
  EbRect box;

  for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
    {
      g_autoptr(GPtrArray) under = NULL;

      bezier_point (p, tries[i], point);
      box = (EbRect) { point->x - width / 2, point->y - height / 2, width, height };
      if (covers_a_label (placed, &box))
        continue;
      under = eb_spatial_index_query_cards (self->index, &box);
      if (under->len == 0)
        {
          g_array_append_val (placed, box);
          return;
        }
    }

  /* Nowhere free of cards: the first point free of labels, or the middle. */
  for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
    {
      bezier_point (p, tries[i], point);
      box = (EbRect) { point->x - width / 2, point->y - height / 2, width, height };
      if (!covers_a_label (placed, &box))
        break;
      bezier_point (p, 0.5, point);
      box = (EbRect) { point->x - width / 2, point->y - height / 2, width, height };
    }
  g_array_append_val (placed, box);
}

/* Labels go on top of every line and every card, so a link passing
 * behind a card still says what it is; as text nodes, so PDF keeps them
 * as text. */
void
_eb_painter_draw_link_labels (EbPainter   *self,
                              GtkSnapshot *snapshot,
                              GPtrArray   *links)
{
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (EbRect));

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
          layout = _eb_painter_make_layout (self, self->label_font, label, 180, 2);
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          g_hash_table_replace (self->texts, link, layout);
        }

      eb_painter_link_ends (self, link, p);
      pango_layout_get_pixel_extents (layout, &ink, &logical);
      label_point (self, p, logical.width + 10, logical.height + 4, placed, &mid);
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

