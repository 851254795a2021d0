/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-painter"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "eb-date.h"

#include "eb-painter-private.h"

/* Cards: their text, laid out once per card and size, and their look. */

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
      text->body = _eb_painter_make_layout (self, self->body_font, eb_card_get_notes (card), inner, 1000);
      room = text->height - 2 * PAD;
    }
  else
    {
      PangoRectangle logical;

      title = eb_card_dup_display_title (card);
      body = card_body_text (card);
      text->title = _eb_painter_make_layout (self, self->title_font, title, inner, 2);
      text->body = _eb_painter_make_layout (self, self->body_font, body, inner, 1000);
      pango_layout_get_pixel_extents (text->title, NULL, &logical);
      room = text->height - 2 * PAD - logical.height - TITLE_GAP;
    }

  /* What does not fit ends in an ellipsis, not in half a line. */
  pango_layout_set_height (text->body, (int) (MAX (room, 1) * PANGO_SCALE));

  g_hash_table_replace (self->texts, card, text);
  return text;
}

static PangoLayout *
badge_layout (EbPainter *self,
              EbGrade    grade)
{
  if (self->badges[grade] == NULL)
    self->badges[grade] = _eb_painter_make_layout (self, self->badge_font, eb_grade_to_string (grade), -1, 1);
  return self->badges[grade];
}

void
_eb_painter_draw_card (EbPainter   *self,
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
  accent = _eb_painter_kind_accent[kind];
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
  _eb_painter_fill_rounded (snapshot, &outline, &border);
  _eb_painter_fill_rounded (snapshot, &inner, &fill);
  gtk_snapshot_append_color (snapshot, &accent,
                             &GRAPHENE_RECT_INIT (x + 1, y + CORNER / 2 + 1, STRIPE - 1, h - CORNER - 2));

  if (selected)
    {
      GskRoundedRect ring;

      gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (x - 3, y - 3, w + 6, h + 6), CORNER + 3);
      gtk_snapshot_append_border (snapshot, &ring,
                                  (float[4]) { 3, 3, 3, 3 },
                                  (GdkRGBA[4]) { _eb_painter_selection_color, _eb_painter_selection_color,
                                                 _eb_painter_selection_color, _eb_painter_selection_color });
    }

  text = card_text (self, card);

  /* Text stays inside the card even when the card is made short. */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (x + STRIPE, y, w - STRIPE, h));
  if (text->title)
    {
      PangoRectangle logical;

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + STRIPE + PAD, text_y));
      gtk_snapshot_append_layout (snapshot, text->title, &_eb_painter_text_color);
      gtk_snapshot_restore (snapshot);
      pango_layout_get_pixel_extents (text->title, NULL, &logical);
      text_y += logical.height + TITLE_GAP;
    }
  if (text->body)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + STRIPE + PAD, text_y));
      gtk_snapshot_append_layout (snapshot, text->body, text->title ? &_eb_painter_muted_color : &_eb_painter_text_color);
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

      badge = _eb_painter_grade_fill[grade];
      gsk_rounded_rect_init_from_rect (&disc,
                                       &GRAPHENE_RECT_INIT (cx - BADGE_RADIUS, cy - BADGE_RADIUS,
                                                            2 * BADGE_RADIUS, 2 * BADGE_RADIUS),
                                       BADGE_RADIUS);
      _eb_painter_fill_rounded (snapshot, &disc, &badge);

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


/**
 * _eb_painter_draw_glance:
 *
 * Zoomed out, where the cards' own text would be specks, their titles in
 * big letters, so the story's names read at a glance: one cached layout
 * per card, wrapped to the card and cut to what fits.
 */
void
_eb_painter_draw_glance (EbPainter   *self,
                         GtkSnapshot *snapshot,
                         GPtrArray   *cards,
                         double       zoom)
{
  for (guint i = 0; i < cards->len; i++)
    {
      EbCard *card = g_ptr_array_index (cards, i);
      CardText *text = card_text (self, card);
      double x = eb_card_get_x (card), y = eb_card_get_y (card);
      double w = eb_card_get_width (card), h = eb_card_get_height (card);

      if (text->glance == NULL)
        {
          g_autofree char *title = eb_card_dup_display_title (card);

          text->glance = _eb_painter_make_layout (self, self->glance_font, title, MAX (1, w - 2 * PAD), 1000);
          pango_layout_set_height (text->glance, (int) (MAX (1, h - 8) * PANGO_SCALE));
        }

      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (x, y, w, h));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + PAD, y + 4));
      gtk_snapshot_append_layout (snapshot, text->glance, &_eb_painter_text_color);
      gtk_snapshot_restore (snapshot);
      gtk_snapshot_pop (snapshot);
    }
}
