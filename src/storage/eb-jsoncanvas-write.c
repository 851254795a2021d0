/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-jsoncanvas"

#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "eb-enums.h"
#include "eb-file.h"
#include "eb-json-private.h"
#include "eb-jsoncanvas-private.h"

/* Writing JSON Canvas 1.0 (jsoncanvas.org, spec/1.0.md), the format of
 * Obsidian's .canvas files.
 *
 * Exact in what we write: the spec's field names, integer x, y, width
 * and height, preset colours as "1"–"6", ids kept. One node or edge per
 * line, as Obsidian writes them, so canvases diff well. Groups come first
 * so that Obsidian draws them under the cards.
 *
 * A card becomes a text node whose Markdown reads well in Obsidian (see
 * _eb_jsoncanvas_card_markdown()); a source with nothing but a URL a link
 * node; nothing but a vault path a file node. Everything the canvas cannot
 * say goes under EB_JSONCANVAS_KEY, with a digest of the Markdown we
 * wrote, so the reader can tell whether someone edited it since. */

/* Members of one single-line object, with the commas in the right places. */
typedef struct
{
  GString  *s;
  gboolean  first;
} Members;

static void
begin (Members *m,
       GString *s)
{
  m->s = s;
  m->first = TRUE;
  g_string_append_c (s, '{');
}

static void
end (Members *m)
{
  g_string_append_c (m->s, '}');
}

static void
key (Members    *m,
     const char *name)
{
  if (!m->first)
    g_string_append_c (m->s, ',');
  m->first = FALSE;
  eb_json_append_string (m->s, name);
  g_string_append_c (m->s, ':');
}

static void
member_string (Members    *m,
               const char *name,
               const char *value)
{
  key (m, name);
  eb_json_append_string (m->s, value ? value : "");
}

/* Optional text is left out when empty. */
static void
member_text (Members    *m,
             const char *name,
             const char *value)
{
  if (value != NULL && value[0] != '\0')
    member_string (m, name, value);
}

static void
member_int (Members    *m,
            const char *name,
            gint64      value)
{
  key (m, name);
  g_string_append_printf (m->s, "%" G_GINT64_FORMAT, value);
}

/* The spec wants integers; the model's bounds (EB_COORD_MAX) keep them
 * far inside a gint64. */
static gint64
to_integer (double value)
{
  return (gint64) llround (value);
}

static gint64
to_size (double value)
{
  return MAX (1, to_integer (value));
}

/* The shortest text that reads back as the same double. */
static void
member_double (Members    *m,
               const char *name,
               double      value)
{
  static const char *formats[] = { "%.15g", "%.16g", "%.17g" };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  key (m, name);
  g_string_append (m->s, buf);
}

static void
member_nick (Members    *m,
             const char *name,
             GType       type,
             int         value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  g_assert (v != NULL);
  member_string (m, name, v->value_nick);
}

/* x, y, width and height go out as integers; the exact value, when it is
 * not one, goes under our key too so our own round trip keeps it. */
static void
member_geometry (Members *m,
                 double   x,
                 double   y,
                 double   width,
                 double   height)
{
  member_int (m, "x", to_integer (x));
  member_int (m, "y", to_integer (y));
  member_int (m, "width", to_size (width));
  member_int (m, "height", to_size (height));
}

static void
member_exact_geometry (Members *m,
                       double   x,
                       double   y,
                       double   width,
                       double   height)
{
  if (x != (double) to_integer (x))
    member_double (m, "x", x);
  if (y != (double) to_integer (y))
    member_double (m, "y", y);
  if (width != (double) to_size (width))
    member_double (m, "width", width);
  if (height != (double) to_size (height))
    member_double (m, "height", height);
}

static void
member_times (Members *m,
              EbItem  *item)
{
  /* Microseconds since 1970, as integers: exact, and no time zone to
   * get wrong. */
  member_int (m, "created", eb_item_get_created (item));
  member_int (m, "modified", eb_item_get_modified (item));
}

/* ------------------------------------------------------------------ */
/* Markdown                                                            */
/* ------------------------------------------------------------------ */

/**
 * _eb_jsoncanvas_has_scheme:
 * @url: a link or a vault path
 *
 * Tells "https://…", "mailto:…" from "Notes/Asylum.md": Obsidian does not
 * allow ":" in file names, so a scheme means a link.
 */
gboolean
_eb_jsoncanvas_has_scheme (const char *url)
{
  const char *p = url;

  if (url == NULL || !g_ascii_isalpha (*p))
    return FALSE;
  for (p++; g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.'; p++)
    ;
  return *p == ':';
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

/* TRUE if the card has nothing in its text fields but @except and
 * @also. */
static gboolean
only_fields (EbCard     *card,
             const char *except,
             const char *also)
{
  const char *fields[] = {
    eb_card_get_title (card), eb_card_get_aliases (card), eb_card_get_role (card),
    eb_card_get_notes (card), eb_card_get_date (card), eb_card_get_end_date (card),
    eb_card_get_place (card), eb_card_get_publisher (card), eb_card_get_url (card),
  };

  if (eb_card_get_grade (card) != EB_GRADE_NONE)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i] != except && fields[i] != also && !is_empty (fields[i]))
      return FALSE;
  return TRUE;
}

EbJsonCanvasShape
_eb_jsoncanvas_card_shape (EbCard *card)
{
  const char *url = eb_card_get_url (card);

  switch (eb_card_get_kind (card))
    {
    case EB_CARD_KIND_NOTE:
      if (only_fields (card, eb_card_get_notes (card), NULL))
        return EB_JSONCANVAS_SHAPE_TEXT;
      break;

    case EB_CARD_KIND_SOURCE:
      /* Imported link and file nodes are titled with their URL or path,
       * so the card says what it is; as long as it is, the node stays a
       * link or file node. */
      if (!is_empty (url) && only_fields (card, url, eb_card_get_title (card)) &&
          (is_empty (eb_card_get_title (card)) || strcmp (eb_card_get_title (card), url) == 0))
        return _eb_jsoncanvas_has_scheme (url) ? EB_JSONCANVAS_SHAPE_LINK : EB_JSONCANVAS_SHAPE_FILE;
      break;

    case EB_CARD_KIND_PERSON:
    case EB_CARD_KIND_EVENT:
    default:
      break;
    }

  return EB_JSONCANVAS_SHAPE_MARKDOWN;
}

static void
append_field (GString    *s,
              const char *label,
              const char *value)
{
  if (is_empty (value))
    return;
  g_string_append_printf (s, "**%s:** %s\n", label, value);
}

/* A URL as the target of a Markdown link: spaces and brackets would end
 * it early. */
static char *
link_target (const char *url)
{
  GString *s = g_string_new (NULL);

  for (const char *p = url; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '(' || *p == ')' || *p == '<' || *p == '>')
        g_string_append_printf (s, "%%%02X", (guchar) *p);
      else
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

/**
 * _eb_jsoncanvas_card_markdown:
 * @card: a card
 *
 * The text of the node a card becomes: for a bare note its notes as they
 * are; otherwise a heading with the title, one bold-labelled line per
 * field, a Markdown link for the URL, and the notes, which reads well in
 * Obsidian and in any Markdown viewer.
 *
 * Returns: (transfer full): the text
 */
char *
_eb_jsoncanvas_card_markdown (EbCard *card)
{
  GString *s;
  const char *date = eb_card_get_date (card);
  const char *end_date = eb_card_get_end_date (card);
  const char *url = eb_card_get_url (card);
  gsize fields_start;

  if (_eb_jsoncanvas_card_shape (card) == EB_JSONCANVAS_SHAPE_TEXT)
    return g_strdup (eb_card_get_notes (card) ? eb_card_get_notes (card) : "");

  s = g_string_new (NULL);

  if (!is_empty (eb_card_get_title (card)))
    g_string_append_printf (s, "## %s\n\n", eb_card_get_title (card));

  fields_start = s->len;
  /* Translators: labels of a card's fields in the Markdown of an exported JSON Canvas */
  append_field (s, C_("markdown", "Also known as"), eb_card_get_aliases (card));
  append_field (s, C_("markdown", "Role"), eb_card_get_role (card));
  if (!is_empty (date) && !is_empty (end_date))
    {
      g_autofree char *range = g_strdup_printf ("%s – %s", date, end_date);

      append_field (s, C_("markdown", "Date"), range);
    }
  else if (!is_empty (end_date))
    append_field (s, C_("markdown", "Until"), end_date);
  else
    append_field (s, C_("markdown", "Date"), date);
  append_field (s, C_("markdown", "Place"), eb_card_get_place (card));
  append_field (s, C_("markdown", "Publisher"), eb_card_get_publisher (card));
  if (!is_empty (url))
    {
      g_autofree char *target = link_target (url);
      g_autofree char *markdown = g_strdup_printf ("[%s](%s)", url, target);

      append_field (s, C_("markdown", "Link"), markdown);
    }
  if (eb_card_get_grade (card) != EB_GRADE_NONE)
    {
      g_autofree char *grade = g_strdup_printf ("%s — %s", eb_grade_to_string (eb_card_get_grade (card)),
                                                eb_grade_describe (eb_card_get_grade (card)));

      append_field (s, C_("markdown", "Grade"), grade);
    }

  if (!is_empty (eb_card_get_notes (card)))
    {
      if (s->len > fields_start)
        g_string_append_c (s, '\n');
      g_string_append (s, eb_card_get_notes (card));
    }

  /* No trailing newline: Obsidian shows it as an empty line. */
  while (s->len > 0 && s->str[s->len - 1] == '\n')
    g_string_truncate (s, s->len - 1);

  return g_string_free (s, FALSE);
}

/**
 * _eb_jsoncanvas_digest:
 * @text: the text of a node
 *
 * Returns: (transfer full): a digest of @text, to tell whether someone
 *   edited it after we wrote it
 */
char *
_eb_jsoncanvas_digest (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* ------------------------------------------------------------------ */
/* Nodes and edges                                                     */
/* ------------------------------------------------------------------ */

static void
write_frame (GString *s,
             EbFrame *frame)
{
  EbItem *item = EB_ITEM (frame);
  Members m, ns;

  begin (&m, s);
  member_string (&m, "id", eb_item_get_id (item));
  member_string (&m, "type", "group");
  member_geometry (&m, eb_frame_get_x (frame), eb_frame_get_y (frame),
                   eb_frame_get_width (frame), eb_frame_get_height (frame));
  member_text (&m, "color", eb_frame_get_color (frame));
  member_text (&m, "label", eb_frame_get_label (frame));
  member_text (&m, "background", eb_frame_get_background (frame));
  if (eb_frame_get_background_style (frame) != EB_FRAME_BACKGROUND_STYLE_NONE)
    member_nick (&m, "backgroundStyle", EB_TYPE_FRAME_BACKGROUND_STYLE,
                 eb_frame_get_background_style (frame));

  key (&m, EB_JSONCANVAS_KEY);
  begin (&ns, s);
  member_times (&ns, item);
  member_exact_geometry (&ns, eb_frame_get_x (frame), eb_frame_get_y (frame),
                         eb_frame_get_width (frame), eb_frame_get_height (frame));
  end (&ns);
  end (&m);
}

static void
write_card (GString *s,
            EbCard  *card)
{
  EbItem *item = EB_ITEM (card);
  EbJsonCanvasShape shape = _eb_jsoncanvas_card_shape (card);
  g_autofree char *text = NULL;
  const char *url = eb_card_get_url (card);
  Members m, ns;

  begin (&m, s);
  member_string (&m, "id", eb_item_get_id (item));

  switch (shape)
    {
    case EB_JSONCANVAS_SHAPE_LINK:
      member_string (&m, "type", "link");
      break;
    case EB_JSONCANVAS_SHAPE_FILE:
      member_string (&m, "type", "file");
      break;
    case EB_JSONCANVAS_SHAPE_TEXT:
    case EB_JSONCANVAS_SHAPE_MARKDOWN:
    default:
      member_string (&m, "type", "text");
      break;
    }

  member_geometry (&m, eb_card_get_x (card), eb_card_get_y (card),
                   eb_card_get_width (card), eb_card_get_height (card));
  member_text (&m, "color", eb_card_get_color (card));

  switch (shape)
    {
    case EB_JSONCANVAS_SHAPE_LINK:
      member_string (&m, "url", url);
      break;

    case EB_JSONCANVAS_SHAPE_FILE:
      {
        /* Obsidian does not allow "#" in file names; it starts the
         * subpath ("#Heading", "#^block"). */
        const char *hash = strchr (url, '#');
        g_autofree char *file = hash ? g_strndup (url, hash - url) : g_strdup (url);

        member_string (&m, "file", file);
        if (hash != NULL)
          member_string (&m, "subpath", hash);
      }
      break;

    case EB_JSONCANVAS_SHAPE_TEXT:
    case EB_JSONCANVAS_SHAPE_MARKDOWN:
    default:
      text = _eb_jsoncanvas_card_markdown (card);
      member_string (&m, "text", text);
      break;
    }

  key (&m, EB_JSONCANVAS_KEY);
  begin (&ns, s);
  member_nick (&ns, "kind", EB_TYPE_CARD_KIND, eb_card_get_kind (card));
  member_times (&ns, item);
  member_exact_geometry (&ns, eb_card_get_x (card), eb_card_get_y (card),
                         eb_card_get_width (card), eb_card_get_height (card));
  /* Link and file nodes read back titled with their URL, unless we say
   * the card had no title. */
  if ((shape == EB_JSONCANVAS_SHAPE_LINK || shape == EB_JSONCANVAS_SHAPE_FILE) &&
      is_empty (eb_card_get_title (card)))
    {
      key (&ns, "untitled");
      g_string_append (s, "true");
    }
  if (shape == EB_JSONCANVAS_SHAPE_MARKDOWN)
    {
      g_autofree char *digest = _eb_jsoncanvas_digest (text);

      member_text (&ns, "title", eb_card_get_title (card));
      member_text (&ns, "aliases", eb_card_get_aliases (card));
      member_text (&ns, "role", eb_card_get_role (card));
      member_text (&ns, "notes", eb_card_get_notes (card));
      member_text (&ns, "date", eb_card_get_date (card));
      member_text (&ns, "end_date", eb_card_get_end_date (card));
      member_text (&ns, "place", eb_card_get_place (card));
      member_text (&ns, "publisher", eb_card_get_publisher (card));
      member_text (&ns, "url", eb_card_get_url (card));
      if (eb_card_get_grade (card) != EB_GRADE_NONE)
        member_string (&ns, "grade", eb_grade_to_string (eb_card_get_grade (card)));
      member_string (&ns, "digest", digest);
    }
  end (&ns);
  end (&m);
}

/* The side of @from that faces @to, for a link that leaves its sides to
 * the drawing: chosen as a person would draw them, so Obsidian draws the
 * edge much as we do. */
static void
choose_sides (EbItem      *from,
              EbItem      *to,
              const char **from_side,
              const char **to_side)
{
  double fx, fy, fw, fh, tx, ty, tw, th;
  double dx, dy, across, down;

  eb_link_end_get_bounds (from, &fx, &fy, &fw, &fh);
  eb_link_end_get_bounds (to, &tx, &ty, &tw, &th);
  dx = (tx + tw / 2) - (fx + fw / 2);
  dy = (ty + th / 2) - (fy + fh / 2);
  across = fabs (dx) / (fw + tw);
  down = fabs (dy) / (fh + th);

  if (across >= down)
    {
      *from_side = dx >= 0 ? "right" : "left";
      *to_side = dx >= 0 ? "left" : "right";
    }
  else
    {
      *from_side = dy >= 0 ? "bottom" : "top";
      *to_side = dy >= 0 ? "top" : "bottom";
    }
}

static const char *
side_nick (EbLinkSide side)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (EB_TYPE_LINK_SIDE);

  /* Nicks are static strings of the enum type, which stays registered. */
  return g_enum_get_value (klass, side)->value_nick;
}

static void
write_link (GString *s,
            EbBoard *board,
            EbLink  *link)
{
  EbItem *item = EB_ITEM (link);
  EbItem *from = eb_board_lookup_link_end (board, eb_link_get_from_id (link));
  EbItem *to = eb_board_lookup_link_end (board, eb_link_get_to_id (link));
  const char *from_side, *to_side;
  gboolean from_auto = eb_link_get_from_side (link) == EB_LINK_SIDE_NONE;
  gboolean to_auto = eb_link_get_to_side (link) == EB_LINK_SIDE_NONE;
  Members m, ns;

  g_assert (from != NULL && to != NULL);
  choose_sides (from, to, &from_side, &to_side);
  if (!from_auto)
    from_side = side_nick (eb_link_get_from_side (link));
  if (!to_auto)
    to_side = side_nick (eb_link_get_to_side (link));

  begin (&m, s);
  member_string (&m, "id", eb_item_get_id (item));
  member_string (&m, "fromNode", eb_link_get_from_id (link));
  member_string (&m, "fromSide", from_side);
  member_string (&m, "toNode", eb_link_get_to_id (link));
  member_string (&m, "toSide", to_side);

  /* The spec's defaults are fromEnd "none", toEnd "arrow": a forward
   * link; only what differs is written, as Obsidian does. */
  switch (eb_link_get_direction (link))
    {
    case EB_LINK_DIRECTION_NONE:
      member_string (&m, "toEnd", "none");
      break;
    case EB_LINK_DIRECTION_BOTH:
      member_string (&m, "fromEnd", "arrow");
      break;
    case EB_LINK_DIRECTION_FORWARD:
    default:
      break;
    }

  member_text (&m, "color", eb_link_get_color (link));
  member_text (&m, "label", eb_link_get_label (link));

  key (&m, EB_JSONCANVAS_KEY);
  begin (&ns, s);
  member_nick (&ns, "kind", EB_TYPE_LINK_KIND, eb_link_get_kind (link));
  member_int (&ns, "credibility", eb_link_get_credibility (link));
  /* A side we chose is not the link's: reading it back, a side still
   * equal to the choice is left to the drawing again, while one changed
   * in another tool is kept. */
  if (from_auto)
    member_string (&ns, "from_side_auto", from_side);
  if (to_auto)
    member_string (&ns, "to_side_auto", to_side);
  member_times (&ns, item);
  end (&ns);
  end (&m);
}

/**
 * eb_jsoncanvas_write:
 * @board: a board
 * @length: (out) (optional): the length of the text
 *
 * Writes @board as JSON Canvas 1.0: frames as group nodes, then cards as
 * text, link or file nodes, then links as edges. The same board always
 * gives the same bytes.
 *
 * Returns: (transfer full): UTF-8 text ending in a newline
 */
char *
eb_jsoncanvas_write (EbBoard *board,
                     gsize   *length)
{
  GListModel *frames, *cards, *links;
  GString *s;
  guint n;
  gboolean first = TRUE;

  g_return_val_if_fail (EB_IS_BOARD (board), NULL);

  frames = eb_board_get_frames (board);
  cards = eb_board_get_cards (board);
  links = eb_board_get_links (board);
  s = g_string_sized_new (4096 + 512 * eb_board_get_n_items (board));

  g_string_append (s, "{\n\t\"nodes\":[");

  n = g_list_model_get_n_items (frames);
  for (guint i = 0; i < n; i++, first = FALSE)
    {
      g_autoptr(EbFrame) frame = g_list_model_get_item (frames, i);

      g_string_append (s, first ? "\n\t\t" : ",\n\t\t");
      write_frame (s, frame);
    }

  n = g_list_model_get_n_items (cards);
  for (guint i = 0; i < n; i++, first = FALSE)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (cards, i);

      g_string_append (s, first ? "\n\t\t" : ",\n\t\t");
      write_card (s, card);
    }

  g_string_append (s, first ? "],\n\t\"edges\":[" : "\n\t],\n\t\"edges\":[");

  first = TRUE;
  n = g_list_model_get_n_items (links);
  for (guint i = 0; i < n; i++, first = FALSE)
    {
      g_autoptr(EbLink) link = g_list_model_get_item (links, i);

      g_string_append (s, first ? "\n\t\t" : ",\n\t\t");
      write_link (s, board, link);
    }

  g_string_append (s, first ? "]" : "\n\t]");

  if (eb_board_get_title (board) != NULL)
    {
      Members ns;

      g_string_append (s, ",\n\t");
      eb_json_append_string (s, EB_JSONCANVAS_KEY);
      g_string_append_c (s, ':');
      begin (&ns, s);
      member_string (&ns, "title", eb_board_get_title (board));
      end (&ns);
    }

  g_string_append (s, "\n}\n");

  if (length != NULL)
    *length = s->len;

  return g_string_free (s, FALSE);
}

/**
 * eb_jsoncanvas_write_file:
 * @board: a board
 * @path: where to write the canvas
 * @error: where to say why it cannot be written
 *
 * Writes eb_jsoncanvas_write()'s text to @path atomically with
 * eb_file_replace(), so a crash never leaves half a file. Messages begin
 * with the file name.
 *
 * Returns: %TRUE on success
 */
gboolean
eb_jsoncanvas_write_file (EbBoard     *board,
                          const char  *path,
                          GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (EB_IS_BOARD (board), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = eb_jsoncanvas_write (board, &length);
  return eb_json_write_text_file (path, data, length, error);
}
