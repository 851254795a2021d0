/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-json"

#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "eb-enums.h"
#include "eb-file.h"
#include "eb-json-private.h"

/* Writing the JSON form of a board. Not with JsonGenerator: its output
 * changed between json-glib versions and it prints doubles with 17 digits
 * (0.10000000000000001). Here keys come in a fixed order and numbers as
 * the shortest text that reads back as the same double, so the same board
 * always gives the same bytes, and exports diff well. */

static void
append_time (GString *s,
             gint64   usec)
{
  /* The latest instant GDateTime can show; the model allows later, but
   * only a broken clock would make one. */
  const gint64 max = G_GINT64_CONSTANT (253402300799999999);
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;

  usec = CLAMP (usec, 0, max);
  dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  g_string_append_printf (s, "\"%s.%06dZ\"", text, (int) (usec % G_USEC_PER_SEC));
}

/* Appends @text as a JSON string: what every JSON-based writer (board
 * JSON, JSON Canvas, FollowTheMoney) quotes text with. */
void
eb_json_append_string (GString    *s,
                       const char *text)
{
  const char *run = text;
  const char *p;

  g_string_append_c (s, '"');

  for (p = text; *p != '\0'; p++)
    {
      guchar c = *p;
      const char *escape = NULL;
      char buf[8];

      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default:
          if (c < 0x20 || c == 0x7f)
            {
              g_snprintf (buf, sizeof buf, "\\u%04x", c);
              escape = buf;
            }
          /* U+2028 and U+2029 are valid in JSON but end lines in
           * JavaScript; escaped, the file can be pasted into a script. */
          else if (c == 0xe2 && (guchar) p[1] == 0x80 && ((guchar) p[2] & 0xfe) == 0xa8)
            {
              g_string_append_len (s, run, p - run);
              g_string_append (s, (guchar) p[2] == 0xa8 ? "\\u2028" : "\\u2029");
              p += 2;
              run = p + 1;
            }
          break;
        }

      if (escape != NULL)
        {
          g_string_append_len (s, run, p - run);
          g_string_append (s, escape);
          run = p + 1;
        }
    }

  g_string_append_len (s, run, p - run);
  g_string_append_c (s, '"');
}

/* The shortest of %.15g, %.16g, %.17g that reads back as the same double:
 * 0.1 stays "0.1", and every double still round-trips exactly. */
static void
append_double (GString *s,
               double   value)
{
  static const char *formats[] = { "%.15g", "%.16g", "%.17g" };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Also turns -0 into 0, which reads back equal. */
  if (value == 0 || !isfinite (value))
    {
      g_string_append_c (s, '0');
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  g_string_append (s, buf);
}

/* Writes the members of one object, at one indentation, with the commas
 * in the right places. */
typedef struct
{
  GString    *s;
  const char *indent;   /* of the members */
  gboolean    first;
} ObjectWriter;

static void
begin_object (ObjectWriter *w,
              GString      *s,
              const char   *indent)
{
  w->s = s;
  w->indent = indent;
  w->first = TRUE;
  g_string_append_c (s, '{');
}

static void
end_object (ObjectWriter *w,
            const char   *outer_indent)
{
  g_string_append_c (w->s, '\n');
  g_string_append (w->s, outer_indent);
  g_string_append_c (w->s, '}');
}

static void
key (ObjectWriter *w,
     const char   *name)
{
  g_string_append (w->s, w->first ? "\n" : ",\n");
  w->first = FALSE;
  g_string_append (w->s, w->indent);
  eb_json_append_string (w->s, name);
  g_string_append (w->s, ": ");
}

static void
member_string (ObjectWriter *w,
               const char   *name,
               const char   *value)
{
  key (w, name);
  eb_json_append_string (w->s, value ? value : "");
}

/* Optional text is left out when empty. */
static void
member_text (ObjectWriter *w,
             const char   *name,
             const char   *value)
{
  if (value != NULL && value[0] != '\0')
    member_string (w, name, value);
}

static void
member_double (ObjectWriter *w,
               const char   *name,
               double        value)
{
  key (w, name);
  append_double (w->s, value);
}

static void
member_time (ObjectWriter *w,
             const char   *name,
             gint64        usec)
{
  key (w, name);
  append_time (w->s, usec);
}

static void
member_nick (ObjectWriter *w,
             const char   *name,
             GType         type,
             int           value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  g_assert (v != NULL);
  member_string (w, name, v->value_nick);
}

static void
write_card (GString  *s,
            gpointer  object)
{
  EbCard *card = object;
  EbItem *item = object;
  ObjectWriter w;

  begin_object (&w, s, "      ");
  member_string (&w, "id", eb_item_get_id (item));
  member_nick (&w, "kind", EB_TYPE_CARD_KIND, eb_card_get_kind (card));
  member_double (&w, "x", eb_card_get_x (card));
  member_double (&w, "y", eb_card_get_y (card));
  member_double (&w, "width", eb_card_get_width (card));
  member_double (&w, "height", eb_card_get_height (card));
  member_text (&w, "color", eb_card_get_color (card));
  member_time (&w, "created", eb_item_get_created (item));
  member_time (&w, "modified", eb_item_get_modified (item));
  member_text (&w, "title", eb_card_get_title (card));
  member_text (&w, "aliases", eb_card_get_aliases (card));
  member_text (&w, "role", eb_card_get_role (card));
  member_text (&w, "notes", eb_card_get_notes (card));
  member_text (&w, "date", eb_card_get_date (card));
  member_text (&w, "end_date", eb_card_get_end_date (card));
  member_text (&w, "place", eb_card_get_place (card));
  member_text (&w, "publisher", eb_card_get_publisher (card));
  member_text (&w, "url", eb_card_get_url (card));
  if (eb_card_get_grade (card) != EB_GRADE_NONE)
    member_string (&w, "grade", eb_grade_to_string (eb_card_get_grade (card)));
  end_object (&w, "    ");
}

static void
write_link (GString  *s,
            gpointer  object)
{
  EbLink *link = object;
  EbItem *item = object;
  ObjectWriter w;

  begin_object (&w, s, "      ");
  member_string (&w, "id", eb_item_get_id (item));
  member_string (&w, "from", eb_link_get_from_id (link));
  member_string (&w, "to", eb_link_get_to_id (link));
  member_text (&w, "label", eb_link_get_label (link));
  member_nick (&w, "kind", EB_TYPE_LINK_KIND, eb_link_get_kind (link));
  member_nick (&w, "direction", EB_TYPE_LINK_DIRECTION, eb_link_get_direction (link));
  member_text (&w, "color", eb_link_get_color (link));
  key (&w, "credibility");
  g_string_append_printf (s, "%u", eb_link_get_credibility (link));
  /* Only when set, so boards without them read in older versions. */
  if (eb_link_get_from_side (link) != EB_LINK_SIDE_NONE)
    member_nick (&w, "from_side", EB_TYPE_LINK_SIDE, eb_link_get_from_side (link));
  if (eb_link_get_to_side (link) != EB_LINK_SIDE_NONE)
    member_nick (&w, "to_side", EB_TYPE_LINK_SIDE, eb_link_get_to_side (link));
  member_time (&w, "created", eb_item_get_created (item));
  member_time (&w, "modified", eb_item_get_modified (item));
  end_object (&w, "    ");
}

static void
write_frame (GString  *s,
             gpointer  object)
{
  EbFrame *frame = object;
  EbItem *item = object;
  ObjectWriter w;

  begin_object (&w, s, "      ");
  member_string (&w, "id", eb_item_get_id (item));
  member_text (&w, "label", eb_frame_get_label (frame));
  member_double (&w, "x", eb_frame_get_x (frame));
  member_double (&w, "y", eb_frame_get_y (frame));
  member_double (&w, "width", eb_frame_get_width (frame));
  member_double (&w, "height", eb_frame_get_height (frame));
  member_text (&w, "color", eb_frame_get_color (frame));
  member_text (&w, "background", eb_frame_get_background (frame));
  if (eb_frame_get_background_style (frame) != EB_FRAME_BACKGROUND_STYLE_NONE)
    member_nick (&w, "background_style", EB_TYPE_FRAME_BACKGROUND_STYLE,
                 eb_frame_get_background_style (frame));
  member_time (&w, "created", eb_item_get_created (item));
  member_time (&w, "modified", eb_item_get_modified (item));
  end_object (&w, "    ");
}

static void
write_list (ObjectWriter *w,
            const char   *name,
            GListModel   *list,
            void        (*write_item) (GString *, gpointer))
{
  guint n = g_list_model_get_n_items (list);

  key (w, name);
  if (n == 0)
    {
      g_string_append (w->s, "[]");
      return;
    }

  g_string_append_c (w->s, '[');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      g_string_append (w->s, i > 0 ? ",\n    " : "\n    ");
      write_item (w->s, item);
    }
  g_string_append (w->s, "\n  ]");
}

/**
 * eb_json_format_version_of:
 * @board: a board
 *
 * The lowest format version that holds all of @board. A reader of
 * version 1 would silently drop the sides of links and the backgrounds of
 * frames (it ignores members it does not know) and refuse links that end
 * at frames as dangling, so a board using any of them says version 2 and
 * such a reader refuses it as newer, saying why. A board using none of
 * them says version 1: nothing is lost on the older reader, which still
 * opens it.
 *
 * Returns: 1 or 2 (at most %EB_JSON_FORMAT_VERSION)
 */
guint
eb_json_format_version_of (EbBoard *board)
{
  GListModel *links, *frames;

  g_return_val_if_fail (EB_IS_BOARD (board), EB_JSON_FORMAT_VERSION);

  links = eb_board_get_links (board);
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(EbLink) link = g_list_model_get_item (links, i);

      if (eb_link_get_from_side (link) != EB_LINK_SIDE_NONE ||
          eb_link_get_to_side (link) != EB_LINK_SIDE_NONE ||
          EB_IS_FRAME (eb_board_lookup (board, eb_link_get_from_id (link))) ||
          EB_IS_FRAME (eb_board_lookup (board, eb_link_get_to_id (link))))
        return 2;
    }

  frames = eb_board_get_frames (board);
  for (guint i = 0; i < g_list_model_get_n_items (frames); i++)
    {
      g_autoptr(EbFrame) frame = g_list_model_get_item (frames, i);

      if (eb_frame_get_background (frame) != NULL ||
          eb_frame_get_background_style (frame) != EB_FRAME_BACKGROUND_STYLE_NONE)
        return 2;
    }

  return 1;
}

/**
 * eb_json_write:
 * @board: a board
 * @length: (out) (optional): the length of the text
 *
 * Writes a board in its JSON form: pretty-printed with two-space indents,
 * keys in a fixed order, empty optional text left out, items in drawing
 * order, times as ISO 8601 UTC with microseconds. The same board always
 * gives the same bytes, so exports can be diffed and checked in. The
 * "version" is the lowest that holds the board (see
 * eb_json_format_version_of()).
 *
 * Returns: (transfer full): UTF-8 text ending in a newline
 */
char *
eb_json_write (EbBoard *board,
               gsize   *length)
{
  GString *s;
  ObjectWriter w;

  g_return_val_if_fail (EB_IS_BOARD (board), NULL);

  s = g_string_sized_new (4096 + 512 * eb_board_get_n_items (board));

  begin_object (&w, s, "  ");
  member_string (&w, "format", EB_JSON_FORMAT_NAME);
  key (&w, "version");
  g_string_append_printf (s, "%u", eb_json_format_version_of (board));
  member_text (&w, "title", eb_board_get_title (board));
  write_list (&w, "cards", eb_board_get_cards (board), write_card);
  write_list (&w, "links", eb_board_get_links (board), write_link);
  write_list (&w, "frames", eb_board_get_frames (board), write_frame);
  end_object (&w, "");
  g_string_append_c (s, '\n');

  if (length != NULL)
    *length = s->len;

  return g_string_free (s, FALSE);
}

typedef struct
{
  const char *data;
  gsize       length;
} Text;

static gboolean
write_text (int          fd,
            const char  *tmp_path,
            gpointer     user_data,
            GError     **error)
{
  const Text *text = user_data;
  gsize done = 0;

  while (done < text->length)
    {
      gssize n = write (fd, text->data + done, text->length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error_literal (error, EB_FILE_ERROR, EB_FILE_ERROR_WRITE, g_strerror (saved_errno));
          return FALSE;
        }
      done += n;
    }

  return TRUE;
}

/**
 * eb_json_write_text_file:
 * @path: where to write
 * @data: the text, e.g. from eb_json_write()
 * @length: its length in bytes
 * @error: where to say why it cannot be written
 *
 * Writes @data to @path atomically with eb_file_replace(), so a crash
 * never leaves half a file: what every JSON-based writer (board JSON,
 * JSON Canvas, FollowTheMoney) saves with. Messages begin with the file
 * name; the error is %EB_JSON_ERROR_IO.
 *
 * Returns: %TRUE on success
 */
gboolean
eb_json_write_text_file (const char  *path,
                         const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  Text text = { data, length };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (!eb_file_replace (path, write_text, &text, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autoptr(GError) json_error = NULL;

      eb_json_fail (&json_error, EB_JSON_ERROR_IO, _("Cannot write the file: %s"), local_error->message);
      g_propagate_prefixed_error (error, g_steal_pointer (&json_error), "%s: ", display);
      return FALSE;
    }

  return TRUE;
}

/**
 * eb_json_write_file:
 * @board: a board
 * @path: where to write its JSON form
 * @error: where to say why it cannot be written
 *
 * Writes eb_json_write()'s text to @path atomically with
 * eb_file_replace(), so a crash never leaves half a file. Messages begin
 * with the file name.
 *
 * Returns: %TRUE on success
 */
gboolean
eb_json_write_file (EbBoard     *board,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (EB_IS_BOARD (board), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = eb_json_write (board, &length);
  return eb_json_write_text_file (path, data, length, error);
}
