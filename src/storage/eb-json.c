/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-json"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include <math.h>
#include <string.h>

#include "eb-date.h"
#include "eb-enums.h"
#include "eb-json-private.h"
#include "eb-limits.h"

/* The JSON form of a board ("format": "evidence-board"), described field
 * by field in data/board.schema.json.
 *
 * Reading is for files nobody here wrote. json-glib 1.6 (Debian 12) is
 * lenient and fragile: it accepts single quotes, comments, hex numbers and
 * "var x = …", wraps integers past 2^63, turns 1e400 into inf, truncates
 * strings at \u0000 and recurses once per nesting level. So the data goes
 * through a strict, non-recursive RFC 8259 check (eb_json_scan()) before
 * json-glib sees it, and every field is validated before a model object is
 * built from it, so the model's own checks (criticals) never fire.
 *
 * The scan is in eb-json-scan.c, the writer in eb-json-write.c. */

G_DEFINE_QUARK (eb-json-error-quark, eb_json_error)

/* Sets @error to one line of text; returns %FALSE, for "return eb_json_fail (…)". */
gboolean
eb_json_fail (GError      **error,
              EbJsonError   code,
              const char   *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (error == NULL)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, EB_JSON_ERROR, code, message);
  return FALSE;
}

/* A UTF-8 byte order mark is accepted and skipped (RFC 8259 §8.1 allows
 * it): editors on Windows add one, and it carries no meaning. */
gsize
eb_json_bom_length (const char *data,
                    gsize       length)
{
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    return 3;
  return 0;
}

/* ------------------------------------------------------------------ */
/* Times                                                               */
/* ------------------------------------------------------------------ */

static gboolean
read_number_at (const char *p,
                guint       n,
                int        *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *out = v;
  return TRUE;
}

/* Reads "2024-12-08T14:30:05.123456Z". The fraction may have 0 to 9 digits
 * (JavaScript writes 3, Go up to 9; the model keeps microseconds, so
 * digits past the sixth are dropped), and the zone may be "Z" or an offset
 * "+01:00". Done by hand rather than with g_date_time_new_from_iso8601(),
 * which goes through a double for the seconds and can lose the last
 * microsecond, and accepts many more forms than the schema allows. */
static gboolean
parse_time (const char *text,
            gint64     *out)
{
  g_autoptr(GDateTime) dt = NULL;
  int year, month, day, hour, minute, second;
  gint64 usec = 0;
  gint64 offset = 0;
  const char *p;
  guint digits = 0;

  if (strlen (text) < 20 ||
      !read_number_at (text, 4, &year) || text[4] != '-' ||
      !read_number_at (text + 5, 2, &month) || text[7] != '-' ||
      !read_number_at (text + 8, 2, &day) || text[10] != 'T' ||
      !read_number_at (text + 11, 2, &hour) || text[13] != ':' ||
      !read_number_at (text + 14, 2, &minute) || text[16] != ':' ||
      !read_number_at (text + 17, 2, &second))
    return FALSE;

  p = text + 19;
  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++, digits++)
        if (digits < 6)
          usec = usec * 10 + (*p - '0');
      if (digits == 0 || digits > 9)
        return FALSE;
      for (; digits < 6; digits++)
        usec *= 10;
    }

  if (p[0] == 'Z' && p[1] == '\0')
    offset = 0;
  else if ((p[0] == '+' || p[0] == '-') && strlen (p) == 6 && p[3] == ':')
    {
      int oh, om;

      if (!read_number_at (p + 1, 2, &oh) || !read_number_at (p + 4, 2, &om) || oh > 23 || om > 59)
        return FALSE;
      offset = (oh * 3600 + om * 60) * (p[0] == '-' ? -1 : 1);
    }
  else
    return FALSE;

  /* GDateTime checks the calendar (30 February, 24:00, second 60). */
  if (year < 1)
    return FALSE;
  dt = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (dt == NULL)
    return FALSE;

  *out = (g_date_time_to_unix (dt) - offset) * G_USEC_PER_SEC + usec;

  /* The model keeps times from the epoch on. */
  return *out >= 0;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

/* Reads one card, link or frame into fields, so the item is built in
 * one g_object_new_with_properties() call. */
typedef struct
{
  JsonObject    *object;
  char          *where;               /* "Card “abc”", for messages */
  EbJsonFields   fields;
} ItemReader;

typedef enum {
  TEXT_PLAIN,
  TEXT_COLOR,
  TEXT_DATE,
  TEXT_ID,
} TextKind;

static void
item_reader_clear (ItemReader *r)
{
  eb_json_fields_clear (&r->fields);
  g_clear_pointer (&r->where, g_free);
}

static gboolean
missing (ItemReader  *r,
         const char  *name,
         gboolean     required,
         GError     **error)
{
  if (required)
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” is missing"), r->where, name);
  return TRUE;
}

/* Reads a text member into @property (or only checks it, if %NULL);
 * @out, if given, receives the text, owned by the JSON tree. */
static gboolean
read_text (ItemReader  *r,
           const char  *name,
           const char  *property,
           TextKind     kind,
           gboolean     required,
           const char **out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (r->object, name);
  const char *text;
  gsize length;

  if (out != NULL)
    *out = NULL;

  if (node == NULL)
    return missing (r, name, required, error);

  if (!eb_json_node_holds (node, G_TYPE_STRING))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” must be a string"), r->where, name);

  text = json_node_get_string (node);
  length = strlen (text);

  if (length > EB_TEXT_MAX)
    return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE, _("%s: “%s” is longer than %d bytes"),
                 r->where, name, EB_TEXT_MAX);

  switch (kind)
    {
    case TEXT_PLAIN:
      if (!eb_text_is_valid (text, length))
        return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” is not valid text"), r->where, name);
      break;
    case TEXT_COLOR:
      if (!eb_color_is_valid (text))
        return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                     _("%s: “%s” is not a colour of the form #rrggbb"), r->where, name);
      break;
    case TEXT_DATE:
      if (!eb_date_is_valid (text))
        return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                     _("%s: “%s” is not a date of the form 2024, 2024-12, 2024-12-08 or 2024-12-08T14:30"),
                     r->where, name);
      break;
    case TEXT_ID:
      if (!eb_id_is_valid (text))
        return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                     _("%s: “%s” is not a valid id (1 to %d printable ASCII characters)"),
                     r->where, name, EB_ID_MAX);
      break;
    default:
      g_assert_not_reached ();
    }

  if (property != NULL)
    g_value_set_string (eb_json_fields_add (&r->fields, property, G_TYPE_STRING), text);
  if (out != NULL)
    *out = text;

  return TRUE;
}

static gboolean
read_number (ItemReader  *r,
             const char  *name,
             double       min,
             double       max,
             GError     **error)
{
  JsonNode *node = json_object_get_member (r->object, name);
  double value;

  if (node == NULL)
    return TRUE;

  if (eb_json_node_holds (node, G_TYPE_INT64))
    value = json_node_get_int (node);
  else if (eb_json_node_holds (node, G_TYPE_DOUBLE))
    value = json_node_get_double (node);
  else
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” must be a number"), r->where, name);

  if (!isfinite (value) || value < min || value > max)
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” is %g, outside the range %g to %g"),
                 r->where, name, value, min, max);

  g_value_set_double (eb_json_fields_add (&r->fields, name, G_TYPE_DOUBLE), value);
  return TRUE;
}

static gboolean
read_enum (ItemReader  *r,
           const char  *name,
           GType        type,
           GError     **error)
{
  g_autoptr(GEnumClass) klass = NULL;
  g_autofree char *property = g_strdup (name);
  JsonNode *node = json_object_get_member (r->object, name);
  GEnumValue *value;

  if (node == NULL)
    return TRUE;

  if (!eb_json_node_holds (node, G_TYPE_STRING))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” must be a string"), r->where, name);

  klass = g_type_class_ref (type);
  value = g_enum_get_value_by_nick (klass, json_node_get_string (node));

  if (value == NULL)
    {
      g_autoptr(GString) known = g_string_new (NULL);
      g_autofree char *shown = g_strndup (json_node_get_string (node), 40);

      for (guint i = 0; i < klass->n_values; i++)
        g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", klass->values[i].value_nick);

      return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” cannot be “%s” (known: %s)"),
                   r->where, name, shown, known->str);
    }

  /* Members are named with '_' ("from_side"), properties with '-'. */
  g_value_set_enum (eb_json_fields_add (&r->fields, g_intern_string (g_strdelimit (property, "_", '-')), type), value->value);
  return TRUE;
}

static gboolean
read_grade (ItemReader  *r,
            GError     **error)
{
  JsonNode *node = json_object_get_member (r->object, "grade");
  const char *text;

  if (node == NULL)
    return TRUE;

  if (!eb_json_node_holds (node, G_TYPE_STRING))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” must be a string"), r->where, "grade");

  text = json_node_get_string (node);
  for (EbGrade grade = EB_GRADE_A; grade <= EB_GRADE_F; grade++)
    if (strcmp (text, eb_grade_to_string (grade)) == 0)
      {
        g_value_set_enum (eb_json_fields_add (&r->fields, "grade", EB_TYPE_GRADE), grade);
        return TRUE;
      }

  return eb_json_fail (error, EB_JSON_ERROR_INVALID,
               _("%s: “%s” must be one of the letters A to F"), r->where, "grade");
}

static gboolean
read_credibility (ItemReader  *r,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (r->object, "credibility");
  gint64 value;

  if (node == NULL)
    return TRUE;

  if (!eb_json_node_holds (node, G_TYPE_INT64))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” must be a whole number"),
                 r->where, "credibility");

  value = json_node_get_int (node);
  if (value < 0 || value > 6)
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” must be from 0 to 6"),
                 r->where, "credibility");

  g_value_set_uint (eb_json_fields_add (&r->fields, "credibility", G_TYPE_UINT), (guint) value);
  return TRUE;
}

static gboolean
read_time (ItemReader  *r,
           const char  *name,
           GError     **error)
{
  JsonNode *node = json_object_get_member (r->object, name);
  gint64 usec;

  /* Missing: the model takes "now" for created, and created for modified. */
  if (node == NULL)
    return TRUE;

  if (!eb_json_node_holds (node, G_TYPE_STRING))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” must be a string"), r->where, name);

  if (!parse_time (json_node_get_string (node), &usec))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                 _("%s: “%s” is not a UTC time of the form 2024-12-08T14:30:05.000000Z"),
                 r->where, name);

  g_value_set_int64 (eb_json_fields_add (&r->fields, name, G_TYPE_INT64), usec);
  return TRUE;
}

/* Starts reading item number @index (from 1) of a list: checks it is an
 * object and reads its id, which names it in every later message. */
static gboolean
item_reader_begin (ItemReader  *r,
                   JsonNode    *node,
                   const char  *kind_format,
                   const char  *index_format,
                   guint        index,
                   GError     **error)
{
  const char *id;

  r->where = g_strdup_printf (index_format, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s is not a JSON object"), r->where);

  r->object = json_node_get_object (node);

  if (!read_text (r, "id", "id", TEXT_ID, TRUE, &id, error))
    return FALSE;

  g_free (r->where);
  r->where = g_strdup_printf (kind_format, id);
  return TRUE;
}

static EbItem *
item_reader_build (ItemReader *r,
                   GType       type)
{
  return eb_json_fields_build (&r->fields, type);
}

static EbItem *
read_card (JsonNode  *node,
           guint      index,
           GError   **error)
{
  static const char *texts[] = { "title", "aliases", "role", "notes", "place", "publisher", "url" };
  ItemReader r = { 0 };
  EbItem *card = NULL;

  /* Translators: names a card in a message; %s is its id */
  if (!item_reader_begin (&r, node, _("Card “%s”"),
                          /* Translators: names a card without a usable id; %u counts from 1 */
                          _("Card %u"), index, error) ||
      !read_enum (&r, "kind", EB_TYPE_CARD_KIND, error) ||
      !read_number (&r, "x", -EB_COORD_MAX, EB_COORD_MAX, error) ||
      !read_number (&r, "y", -EB_COORD_MAX, EB_COORD_MAX, error) ||
      !read_number (&r, "width", EB_SIZE_MIN, EB_SIZE_MAX, error) ||
      !read_number (&r, "height", EB_SIZE_MIN, EB_SIZE_MAX, error) ||
      !read_text (&r, "color", "color", TEXT_COLOR, FALSE, NULL, error) ||
      !read_time (&r, "created", error) ||
      !read_time (&r, "modified", error) ||
      !read_text (&r, "date", "date", TEXT_DATE, FALSE, NULL, error) ||
      !read_text (&r, "end_date", "end-date", TEXT_DATE, FALSE, NULL, error) ||
      !read_grade (&r, error))
    goto out;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!read_text (&r, texts[i], texts[i], TEXT_PLAIN, FALSE, NULL, error))
      goto out;

  card = item_reader_build (&r, EB_TYPE_CARD);

out:
  item_reader_clear (&r);
  return card;
}

static EbItem *
read_link (JsonNode  *node,
           guint      index,
           GError   **error)
{
  ItemReader r = { 0 };
  EbItem *link = NULL;

  /* Translators: names a link in a message; %s is its id */
  if (!item_reader_begin (&r, node, _("Link “%s”"),
                          /* Translators: names a link without a usable id; %u counts from 1 */
                          _("Link %u"), index, error) ||
      !read_text (&r, "from", "from-id", TEXT_ID, TRUE, NULL, error) ||
      !read_text (&r, "to", "to-id", TEXT_ID, TRUE, NULL, error) ||
      !read_text (&r, "label", "label", TEXT_PLAIN, FALSE, NULL, error) ||
      !read_enum (&r, "kind", EB_TYPE_LINK_KIND, error) ||
      !read_enum (&r, "direction", EB_TYPE_LINK_DIRECTION, error) ||
      !read_text (&r, "color", "color", TEXT_COLOR, FALSE, NULL, error) ||
      !read_credibility (&r, error) ||
      !read_enum (&r, "from_side", EB_TYPE_LINK_SIDE, error) ||
      !read_enum (&r, "to_side", EB_TYPE_LINK_SIDE, error) ||
      !read_time (&r, "created", error) ||
      !read_time (&r, "modified", error))
    goto out;

  link = item_reader_build (&r, EB_TYPE_LINK);

out:
  item_reader_clear (&r);
  return link;
}

static EbItem *
read_frame (JsonNode  *node,
            guint      index,
            GError   **error)
{
  ItemReader r = { 0 };
  EbItem *frame = NULL;

  /* Translators: names a frame in a message; %s is its id */
  if (!item_reader_begin (&r, node, _("Frame “%s”"),
                          /* Translators: names a frame without a usable id; %u counts from 1 */
                          _("Frame %u"), index, error) ||
      !read_text (&r, "label", "label", TEXT_PLAIN, FALSE, NULL, error) ||
      !read_number (&r, "x", -EB_COORD_MAX, EB_COORD_MAX, error) ||
      !read_number (&r, "y", -EB_COORD_MAX, EB_COORD_MAX, error) ||
      !read_number (&r, "width", EB_SIZE_MIN, EB_SIZE_MAX, error) ||
      !read_number (&r, "height", EB_SIZE_MIN, EB_SIZE_MAX, error) ||
      !read_text (&r, "color", "color", TEXT_COLOR, FALSE, NULL, error) ||
      !read_text (&r, "background", "background", TEXT_PLAIN, FALSE, NULL, error) ||
      !read_enum (&r, "background_style", EB_TYPE_FRAME_BACKGROUND_STYLE, error) ||
      !read_time (&r, "created", error) ||
      !read_time (&r, "modified", error))
    goto out;

  frame = item_reader_build (&r, EB_TYPE_FRAME);

out:
  item_reader_clear (&r);
  return frame;
}

/* Gets one of the top-level lists; *@list is %NULL if it is absent and
 * may be. */
static gboolean
get_list (JsonObject  *root,
          const char  *name,
          gboolean     required,
          JsonArray  **list,
          GError     **error)
{
  JsonNode *node = json_object_get_member (root, name);

  *list = NULL;

  if (node == NULL)
    {
      if (required)
        return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("The board has no “%s” list"), name);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("The board’s “%s” must be a list"), name);

  *list = json_node_get_array (node);
  return TRUE;
}

static gboolean
add_items (EbBoard    *board,
           JsonArray  *list,
           EbItem   *(*read_item) (JsonNode *, guint, GError **),
           GError    **error)
{
  guint n = list ? json_array_get_length (list) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbItem) item = NULL;

      item = read_item (json_array_get_element (list, i), i + 1, error);
      if (item == NULL || !eb_json_board_add (board, item, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_header (JsonObject  *root,
              GError     **error)
{
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  gint64 number;

  if (format == NULL)
    {
      /* JSON Canvas (.canvas) boards have "nodes" and "edges". */
      if (json_object_has_member (root, "nodes") && json_object_has_member (root, "edges"))
        return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                     _("This is a JSON Canvas file, not an Evidence Board file; importing JSON Canvas is not supported yet"));
      return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                   _("This JSON is not an Evidence Board file (it has no “format”)"));
    }

  if (!eb_json_node_holds (format, G_TYPE_STRING) || strcmp (json_node_get_string (format), EB_JSON_FORMAT_NAME) != 0)
    return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                 _("This JSON is not an Evidence Board file (its “format” is not “%s”)"), EB_JSON_FORMAT_NAME);

  if (version == NULL)
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("The board has no “version”"));
  if (!eb_json_node_holds (version, G_TYPE_INT64))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("The board’s “version” must be a whole number"));

  number = json_node_get_int (version);
  if (number < 1)
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("The board’s “version” must be 1 or more"));
  if (number > EB_JSON_FORMAT_VERSION)
    return eb_json_fail (error, EB_JSON_ERROR_TOO_NEW,
                 _("The board was written by a newer version of Evidence Board (format version %lld; "
                   "this version reads up to %d)"),
                 (long long) number, EB_JSON_FORMAT_VERSION);

  return TRUE;
}

/**
 * eb_json_read:
 * @data: (array length=length): the bytes of a JSON board, from anywhere
 * @length: how many
 * @error: where to say why it is not a usable board
 *
 * Reads a board from its JSON form, treating @data as hostile: it is
 * scanned with eb_json_scan() first, and every field is checked against
 * the model's limits before anything is built. Messages name the item and
 * field at fault, but not the file.
 *
 * Returns: (transfer full) (nullable): a new board, or %NULL with @error set
 */
EbBoard *
eb_json_read (const char  *data,
              gsize        length,
              GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(EbBoard) board = NULL;
  JsonArray *cards, *links, *frames;
  JsonObject *root;
  gsize n_items;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser = json_parser_new_immutable ();
  root = eb_json_parse_object (parser, data, length,
                               _("This JSON is not an Evidence Board file (it is not an object)"), error);
  if (root == NULL || !check_header (root, error))
    return NULL;

  if (!get_list (root, "cards", TRUE, &cards, error) ||
      !get_list (root, "links", FALSE, &links, error) ||
      !get_list (root, "frames", FALSE, &frames, error))
    return NULL;

  n_items = (gsize) json_array_get_length (cards) +
            (links ? json_array_get_length (links) : 0) +
            (frames ? json_array_get_length (frames) : 0);
  if (n_items > EB_ITEMS_MAX)
    {
      eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE,
            _("The board has %lld items; a board can hold at most %d"),
            (long long) n_items, EB_ITEMS_MAX);
      return NULL;
    }

  board = eb_board_new ();

  /* The title, then the items; links last, so that the board can check
   * that every link joins cards or frames that exist. */
  if (!eb_json_read_title (board, json_object_get_member (root, "title"), error) ||
      !add_items (board, cards, read_card, error) ||
      !add_items (board, frames, read_frame, error) ||
      !add_items (board, links, read_link, error))
    return NULL;

  return g_steal_pointer (&board);
}

static EbBoard *
read_data (const char  *data,
           gsize        length,
           gpointer     user_data,
           GError     **error)
{
  return eb_json_read (data, length, error);
}

/**
 * eb_json_read_file:
 * @path: a JSON board file, from anywhere
 * @error: where to say why it is not a usable board
 *
 * Reads a board from a JSON file, as eb_json_read(), refusing files over
 * %EB_JSON_MAX_SIZE before reading them. Messages begin with the file name.
 *
 * Returns: (transfer full) (nullable): a new board, or %NULL with @error set
 */
EbBoard *
eb_json_read_file (const char  *path,
                   GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return eb_json_read_file_with (path, read_data, NULL, error);
}
