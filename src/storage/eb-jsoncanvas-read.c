/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-jsoncanvas"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include <math.h>
#include <string.h>

#include "eb-date.h"
#include "eb-enums.h"
#include "eb-json-private.h"
#include "eb-jsoncanvas-private.h"
#include "eb-limits.h"

/* Reading JSON Canvas 1.0 (.canvas, Obsidian), from anyone.
 *
 * The bytes go through eb_json_scan() first (depth, size, strict JSON:
 * json-glib 1.6 overflows its stack on deep nesting and wraps big
 * integers), and every value is checked against the model's limits before
 * an item is built, so the model's criticals never fire.
 *
 * Lenient where real files differ: numbers with fractions where the spec
 * wants integers, numeric colours (3 for "3"), keys in any order, edges
 * before nodes, unknown keys (plugins add "styleAttributes"), missing
 * optional fields. What the model cannot hold is left out and counted in
 * an EbJsonCanvasReport rather than refused: edges to missing nodes and
 * nodes of unknown types.
 *
 * Mapping: text nodes become note cards (text kept byte for byte in the
 * notes), link and file nodes source cards whose URL and title are the
 * link or the vault path with its subpath, groups frames (background and
 * backgroundStyle kept), edges links (to cards or frames, with their
 * sides). Our own fields come back
 * from EB_JSONCANVAS_KEY; if the node's text no longer matches the digest
 * we wrote, someone edited it in another tool and the edited text becomes
 * the card's notes. */

typedef struct
{
  JsonObject    *object;
  JsonObject    *ns;                  /* our key, or NULL */
  char          *where;               /* "Node “abc”", for messages */
  EbJsonFields   fields;
} Reader;

static void
reader_clear (Reader *r)
{
  eb_json_fields_clear (&r->fields);
  g_clear_pointer (&r->where, g_free);
}

/* Gets text member @name of @object (NULL if absent and not @required),
 * checked as text of at most EB_TEXT_MAX bytes. */
static gboolean
get_text (Reader      *r,
          JsonObject  *object,
          const char  *name,
          gboolean     required,
          const char **out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *text;
  gsize length;

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” is missing"), r->where, name);
      return TRUE;
    }

  if (!eb_json_node_holds (node, G_TYPE_STRING))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” must be a string"), r->where, name);

  text = json_node_get_string (node);
  length = strlen (text);
  if (length > EB_TEXT_MAX)
    return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE, _("%s: “%s” is longer than %d bytes"),
                         r->where, name, EB_TEXT_MAX);
  if (!eb_text_is_valid (text, length))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” is not valid text"), r->where, name);

  *out = text;
  return TRUE;
}

static gboolean
get_number (Reader      *r,
            JsonObject  *object,
            const char  *name,
            gboolean     required,
            double       min,
            double       max,
            gboolean    *found,
            double      *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *found = FALSE;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” is missing"), r->where, name);
      return TRUE;
    }

  /* Integers as the spec says, or any number, as some tools write. */
  if (eb_json_node_holds (node, G_TYPE_INT64))
    *out = json_node_get_int (node);
  else if (eb_json_node_holds (node, G_TYPE_DOUBLE))
    *out = json_node_get_double (node);
  else
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” must be a number"), r->where, name);

  if (!isfinite (*out) || *out < min || *out > max)
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” is %g, outside the range %g to %g"),
                         r->where, name, *out, min, max);

  *found = TRUE;
  return TRUE;
}

/* x, y, width, height: required by the spec; our exact value wins when it
 * rounds to what the canvas says (the node was not moved elsewhere). */
static gboolean
read_geometry (Reader  *r,
               GError **error)
{
  static const char *names[] = { "x", "y", "width", "height" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gboolean size = i >= 2;
      double min = size ? EB_SIZE_MIN : -EB_COORD_MAX;
      double max = size ? EB_SIZE_MAX : EB_COORD_MAX;
      double value, exact;
      gboolean found;

      if (!get_number (r, r->object, names[i], TRUE, -G_MAXDOUBLE, G_MAXDOUBLE, &found, &value, error))
        return FALSE;
      if (value < min || value > max)
        return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” is %g, outside the range %g to %g"),
                             r->where, names[i], value, min, max);

      if (r->ns != NULL &&
          get_number (r, r->ns, names[i], FALSE, min, max, &found, &exact, NULL) && found &&
          (double) llround (size ? MAX (1, exact) : exact) == (double) llround (value))
        value = exact;

      g_value_set_double (eb_json_fields_add (&r->fields, names[i], G_TYPE_DOUBLE), value);
    }

  return TRUE;
}

/* Preset colours "1" to "6" (kept as they are: the painter knows them)
 * or "#rrggbb"; some tools write the presets as numbers. */
static gboolean
read_color (Reader  *r,
            GError **error)
{
  JsonNode *node = json_object_get_member (r->object, "color");
  char preset[2] = { 0 };
  const char *text;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (eb_json_node_holds (node, G_TYPE_INT64) || eb_json_node_holds (node, G_TYPE_DOUBLE))
    {
      double value = eb_json_node_holds (node, G_TYPE_INT64) ? json_node_get_int (node) : json_node_get_double (node);

      if (value < 1 || value > 6 || value != floor (value))
        return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                             _("%s: “color” is %g; a preset colour is 1 to 6"), r->where, value);
      preset[0] = '0' + (int) value;
      text = preset;
    }
  else if (eb_json_node_holds (node, G_TYPE_STRING))
    text = json_node_get_string (node);
  else
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “color” must be a string"), r->where);

  if (text[0] == '\0')
    return TRUE;

  if (!eb_color_is_valid (text))
    {
      g_autofree char *shown = g_utf8_make_valid (text, MIN (strlen (text), 20));

      return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                           _("%s: “color” is “%s”, neither a preset colour 1 to 6 nor #rrggbb"),
                           r->where, shown);
    }

  eb_json_fields_add_string (&r->fields, "color", text);
  return TRUE;
}

/* Created and modified times under our key: microseconds since 1970. */
static gboolean
read_times (Reader  *r,
            GError **error)
{
  static const char *names[] = { "created", "modified" };

  if (r->ns == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *node = json_object_get_member (r->ns, names[i]);

      if (node == NULL)
        continue;
      if (!eb_json_node_holds (node, G_TYPE_INT64) || json_node_get_int (node) < 0)
        return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                             _("%s: “%s” must be a whole number of microseconds since 1970"),
                             r->where, names[i]);
      g_value_set_int64 (eb_json_fields_add (&r->fields, names[i], G_TYPE_INT64), json_node_get_int (node));
    }

  return TRUE;
}

static gboolean
read_enum (Reader      *r,
           const char  *name,
           GType        type,
           GError     **error)
{
  g_autoptr(GEnumClass) klass = NULL;
  const char *text;
  GEnumValue *value;

  if (r->ns == NULL)
    return TRUE;
  if (!get_text (r, r->ns, name, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  klass = g_type_class_ref (type);
  value = g_enum_get_value_by_nick (klass, text);
  if (value == NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (text, MIN (strlen (text), 40));

      return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” cannot be “%s”"), r->where, name, shown);
    }

  g_value_set_enum (eb_json_fields_add (&r->fields, name, type), value->value);
  return TRUE;
}

/* Starts reading element @index (from 1) of "nodes" or "edges": checks it
 * is an object with an id, which names it in every later message. */
static gboolean
reader_begin (Reader      *r,
              JsonNode    *node,
              const char  *id_format,
              const char  *index_format,
              guint        index,
              GError     **error)
{
  JsonNode *ns;
  const char *id;

  r->where = g_strdup_printf (index_format, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s is not a JSON object"), r->where);
  r->object = json_node_get_object (node);

  if (!get_text (r, r->object, "id", TRUE, &id, error))
    return FALSE;
  if (!eb_id_is_valid (id))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                         _("%s: “id” is not a valid id (1 to %d printable ASCII characters)"),
                         r->where, EB_ID_MAX);
  eb_json_fields_add_string (&r->fields, "id", id);

  g_free (r->where);
  r->where = g_strdup_printf (id_format, id);

  ns = json_object_get_member (r->object, EB_JSONCANVAS_KEY);
  if (ns != NULL && !JSON_NODE_HOLDS_NULL (ns))
    {
      if (!JSON_NODE_HOLDS_OBJECT (ns))
        return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” must be an object"),
                             r->where, EB_JSONCANVAS_KEY);
      r->ns = json_node_get_object (ns);
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Nodes                                                               */
/* ------------------------------------------------------------------ */

typedef enum {
  NODE_TEXT,
  NODE_FILE,
  NODE_LINK,
  NODE_GROUP,
  NODE_UNKNOWN,
} NodeType;

static gboolean
read_node_type (Reader    *r,
                NodeType  *type,
                GError   **error)
{
  static const char *names[] = { "text", "file", "link", "group" };
  const char *text;

  if (!get_text (r, r->object, "type", TRUE, &text, error))
    return FALSE;

  *type = NODE_UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (text, names[i]) == 0)
      *type = (NodeType) i;

  return TRUE;
}

/* Our card fields, trusted only while the text is the one we wrote. */
static gboolean
read_card_fields (Reader      *r,
                  const char  *text,
                  gboolean    *text_is_ours,
                  GError     **error)
{
  static const char *plain[] = { "title", "aliases", "role", "place", "publisher", "url" };
  static const struct { const char *name, *property; } dates[] = {
    { "date", "date" }, { "end_date", "end-date" },
  };
  const char *value, *digest;

  *text_is_ours = FALSE;
  if (r->ns == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      if (!get_text (r, r->ns, plain[i], FALSE, &value, error))
        return FALSE;
      if (value != NULL)
        eb_json_fields_add_string (&r->fields, plain[i], value);
    }

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      if (!get_text (r, r->ns, dates[i].name, FALSE, &value, error))
        return FALSE;
      if (value == NULL)
        continue;
      if (!eb_date_is_valid (value))
        return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                             _("%s: “%s” is not a date of the form 2024, 2024-12, 2024-12-08 or 2024-12-08T14:30"),
                             r->where, dates[i].name);
      eb_json_fields_add_string (&r->fields, dates[i].property, value);
    }

  if (!get_text (r, r->ns, "grade", FALSE, &value, error))
    return FALSE;
  if (value != NULL)
    {
      EbGrade found = EB_GRADE_NONE;

      for (EbGrade grade = EB_GRADE_A; grade <= EB_GRADE_F; grade++)
        if (strcmp (value, eb_grade_to_string (grade)) == 0)
          found = grade;
      if (found == EB_GRADE_NONE)
        return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                             _("%s: “%s” must be one of the letters A to F"), r->where, "grade");
      g_value_set_enum (eb_json_fields_add (&r->fields, "grade", EB_TYPE_GRADE), found);
    }

  if (!get_text (r, r->ns, "digest", FALSE, &digest, error))
    return FALSE;
  if (digest != NULL && text != NULL)
    {
      g_autofree char *actual = _eb_jsoncanvas_digest (text);

      *text_is_ours = strcmp (actual, digest) == 0;
    }

  if (*text_is_ours)
    {
      if (!get_text (r, r->ns, "notes", FALSE, &value, error))
        return FALSE;
      if (value != NULL)
        eb_json_fields_add_string (&r->fields, "notes", value);
    }

  return TRUE;
}

/* Link and file nodes are titled with their URL or path, so the card
 * says what it is, unless our key says the card had no title. */
static gboolean
untitled (Reader *r)
{
  JsonNode *node = r->ns ? json_object_get_member (r->ns, "untitled") : NULL;

  return eb_json_node_holds (node, G_TYPE_BOOLEAN) && json_node_get_boolean (node);
}

static EbItem *
read_card (Reader    *r,
           NodeType   type,
           GError   **error)
{
  const char *text = NULL, *file = NULL, *subpath = NULL, *url = NULL;
  gboolean text_is_ours = FALSE;
  gboolean has_kind;

  switch (type)
    {
    case NODE_TEXT:
      if (!get_text (r, r->object, "text", FALSE, &text, error))
        return NULL;
      break;
    case NODE_FILE:
      if (!get_text (r, r->object, "file", TRUE, &file, error) ||
          !get_text (r, r->object, "subpath", FALSE, &subpath, error))
        return NULL;
      break;
    case NODE_LINK:
      if (!get_text (r, r->object, "url", TRUE, &url, error))
        return NULL;
      break;
    case NODE_GROUP:
    case NODE_UNKNOWN:
    default:
      g_assert_not_reached ();
    }

  has_kind = r->ns != NULL && json_object_has_member (r->ns, "kind");
  if (!read_geometry (r, error) ||
      !read_color (r, error) ||
      !read_times (r, error) ||
      !read_enum (r, "kind", EB_TYPE_CARD_KIND, error))
    return NULL;
  if (!has_kind)
    g_value_set_enum (eb_json_fields_add (&r->fields, "kind", EB_TYPE_CARD_KIND),
                      type == NODE_TEXT ? EB_CARD_KIND_NOTE : EB_CARD_KIND_SOURCE);

  if (type == NODE_TEXT)
    {
      if (!read_card_fields (r, text, &text_is_ours, error))
        return NULL;
      /* Obsidian's text, or ours edited there: kept as it is. */
      if (!text_is_ours && text != NULL && text[0] != '\0')
        eb_json_fields_add_string (&r->fields, "notes", text);
    }
  else if (type == NODE_FILE)
    {
      g_autofree char *path = g_strconcat (file, subpath, NULL);

      if (strlen (path) > EB_TEXT_MAX)
        {
          eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE, _("%s: “%s” is longer than %d bytes"),
                        r->where, "file", EB_TEXT_MAX);
          return NULL;
        }
      if (path[0] != '\0')
        eb_json_fields_add_string (&r->fields, "url", path);
      if (path[0] != '\0' && !untitled (r))
        eb_json_fields_add_string (&r->fields, "title", path);
      return eb_json_fields_build (&r->fields, EB_TYPE_CARD);
    }
  else if (url[0] != '\0')
    {
      eb_json_fields_add_string (&r->fields, "url", url);
      if (!untitled (r))
        eb_json_fields_add_string (&r->fields, "title", url);
    }

  return eb_json_fields_build (&r->fields, EB_TYPE_CARD);
}

/* Reads a spec value given by name ("top", "cover") into an enum
 * property whose nicks are those names; "none" is ours, not the spec's. */
static gboolean
read_nick (Reader      *r,
           const char  *name,
           const char  *property,
           GType        type,
           const char  *message,
           GError     **error)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;
  const char *text;

  if (!get_text (r, r->object, name, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  klass = g_type_class_ref (type);
  value = g_enum_get_value_by_nick (klass, text);
  if (value == NULL || value->value == 0)
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, message, r->where, name);

  g_value_set_enum (eb_json_fields_add (&r->fields, property, type), value->value);
  return TRUE;
}

static EbItem *
read_group (Reader  *r,
            GError **error)
{
  const char *label, *background;

  if (!read_geometry (r, error) ||
      !read_color (r, error) ||
      !read_times (r, error) ||
      !get_text (r, r->object, "label", FALSE, &label, error))
    return NULL;
  if (label != NULL && label[0] != '\0')
    eb_json_fields_add_string (&r->fields, "label", label);

  /* An image behind the group: kept as written, for the way back. */
  if (!get_text (r, r->object, "background", FALSE, &background, error) ||
      !read_nick (r, "backgroundStyle", "background-style", EB_TYPE_FRAME_BACKGROUND_STYLE,
                  _("%s: “%s” must be cover, ratio or repeat"), error))
    return NULL;
  if (background != NULL && background[0] != '\0')
    eb_json_fields_add_string (&r->fields, "background", background);

  return eb_json_fields_build (&r->fields, EB_TYPE_FRAME);
}

static gboolean
read_nodes (EbBoard             *board,
            JsonArray           *nodes,
            EbJsonCanvasReport  *report,
            GError             **error)
{
  guint n = nodes ? json_array_get_length (nodes) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbItem) item = NULL;
      Reader r = { 0 };
      NodeType type;

      /* Translators: names a node of a JSON Canvas in a message; %s is its id */
      if (reader_begin (&r, json_array_get_element (nodes, i), _("Node “%s”"),
                        /* Translators: names a JSON Canvas node without a usable id; %u counts from 1 */
                        _("Node %u"), i + 1, error) &&
          read_node_type (&r, &type, error))
        {
          if (type == NODE_UNKNOWN)
            report->n_unknown_nodes++;
          else if (type == NODE_GROUP)
            item = read_group (&r, error);
          else
            item = read_card (&r, type, error);

          if (type == NODE_UNKNOWN)
            {
              reader_clear (&r);
              continue;
            }
        }
      reader_clear (&r);

      if (item == NULL || !eb_json_board_add (board, item, error))
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Edges                                                               */
/* ------------------------------------------------------------------ */

static gboolean
read_end (Reader      *r,
          const char  *name,
          gboolean     fallback,
          gboolean    *arrow,
          GError     **error)
{
  const char *text;

  if (!get_text (r, r->object, name, FALSE, &text, error))
    return FALSE;

  if (text == NULL)
    *arrow = fallback;
  else if (strcmp (text, "arrow") == 0)
    *arrow = TRUE;
  else if (strcmp (text, "none") == 0)
    *arrow = FALSE;
  else
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” must be “none” or “arrow”"), r->where, name);

  return TRUE;
}

/* A side we chose on export (EB_JSONCANVAS_KEY's "from_side_auto") and
 * nobody changed since is left to the drawing again, as it was. */
static gboolean
drop_auto_side (Reader      *r,
                const char  *name,
                const char  *auto_key,
                const char  *property,
                GError     **error)
{
  const char *side, *chosen;

  if (r->ns == NULL)
    return TRUE;
  if (!get_text (r, r->object, name, FALSE, &side, error) ||
      !get_text (r, r->ns, auto_key, FALSE, &chosen, error))
    return FALSE;
  if (side == NULL || g_strcmp0 (side, chosen) != 0)
    return TRUE;

  eb_json_fields_remove (&r->fields, property);
  return TRUE;
}

/* The sides travel with their ends when an edge is turned round. */
static void
swap_sides (Reader *r)
{
  const char **names = r->fields.names;

  for (guint i = 0; i < r->fields.n_values; i++)
    {
      if (g_str_equal (names[i], "from-side"))
        names[i] = "to-side";
      else if (g_str_equal (names[i], "to-side"))
        names[i] = "from-side";
    }
}

static gboolean
read_edges (EbBoard             *board,
            JsonArray           *edges,
            EbJsonCanvasReport  *report,
            GError             **error)
{
  guint n = edges ? json_array_get_length (edges) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbItem) item = NULL;
      Reader r = { 0 };
      const char *from, *to, *label;
      gboolean from_arrow = FALSE, to_arrow = TRUE;
      gboolean ok;

      /* Translators: names an edge of a JSON Canvas in a message; %s is its id */
      ok = reader_begin (&r, json_array_get_element (edges, i), _("Edge “%s”"),
                         /* Translators: names a JSON Canvas edge without a usable id; %u counts from 1 */
                         _("Edge %u"), i + 1, error) &&
           get_text (&r, r.object, "fromNode", TRUE, &from, error) &&
           get_text (&r, r.object, "toNode", TRUE, &to, error) &&
           read_nick (&r, "fromSide", "from-side", EB_TYPE_LINK_SIDE,
                      _("%s: “%s” must be top, right, bottom or left"), error) &&
           read_nick (&r, "toSide", "to-side", EB_TYPE_LINK_SIDE,
                      _("%s: “%s” must be top, right, bottom or left"), error) &&
           drop_auto_side (&r, "fromSide", "from_side_auto", "from-side", error) &&
           drop_auto_side (&r, "toSide", "to_side_auto", "to-side", error) &&
           read_end (&r, "fromEnd", FALSE, &from_arrow, error) &&
           read_end (&r, "toEnd", TRUE, &to_arrow, error) &&
           get_text (&r, r.object, "label", FALSE, &label, error) &&
           read_color (&r, error) &&
           read_times (&r, error) &&
           read_enum (&r, "kind", EB_TYPE_LINK_KIND, error);

      if (ok)
        {
          EbItem *from_item = eb_board_lookup (board, from);
          EbItem *to_item = eb_board_lookup (board, to);
          EbLinkDirection direction;

          if (from_item == NULL || to_item == NULL)
            {
              report->n_dangling_edges++;
              reader_clear (&r);
              continue;
            }
          if (EB_IS_LINK (from_item) || EB_IS_LINK (to_item))
            {
              /* Node ids and edge ids share the board's ids. */
              report->n_dangling_edges++;
              reader_clear (&r);
              continue;
            }

          /* A link points forward or both ways; an arrow only at the
           * start is the same link drawn the other way round. */
          if (from_arrow && !to_arrow)
            {
              const char *swap = from;

              from = to;
              to = swap;
              swap_sides (&r);
              direction = EB_LINK_DIRECTION_FORWARD;
            }
          else if (from_arrow)
            direction = EB_LINK_DIRECTION_BOTH;
          else if (to_arrow)
            direction = EB_LINK_DIRECTION_FORWARD;
          else
            direction = EB_LINK_DIRECTION_NONE;

          eb_json_fields_add_string (&r.fields, "from-id", from);
          eb_json_fields_add_string (&r.fields, "to-id", to);
          g_value_set_enum (eb_json_fields_add (&r.fields, "direction", EB_TYPE_LINK_DIRECTION), direction);
          if (label != NULL && label[0] != '\0')
            eb_json_fields_add_string (&r.fields, "label", label);

          if (r.ns != NULL && json_object_has_member (r.ns, "credibility"))
            {
              JsonNode *node = json_object_get_member (r.ns, "credibility");

              if (!eb_json_node_holds (node, G_TYPE_INT64) || json_node_get_int (node) < 0 || json_node_get_int (node) > 6)
                ok = eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: “%s” must be from 0 to 6"),
                                   r.where, "credibility");
              else
                g_value_set_uint (eb_json_fields_add (&r.fields, "credibility", G_TYPE_UINT), (guint) json_node_get_int (node));
            }

          if (ok)
            item = eb_json_fields_build (&r.fields, EB_TYPE_LINK);
        }
      reader_clear (&r);

      if (item == NULL || !eb_json_board_add (board, item, error))
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The file                                                            */
/* ------------------------------------------------------------------ */

static gboolean
get_list (JsonObject  *root,
          const char  *name,
          JsonArray  **list,
          GError     **error)
{
  JsonNode *node = json_object_get_member (root, name);

  *list = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("The canvas’s “%s” must be a list"), name);

  *list = json_node_get_array (node);
  return TRUE;
}

static gboolean
read_title (EbBoard     *board,
            JsonObject  *root,
            GError     **error)
{
  JsonNode *ns = json_object_get_member (root, EB_JSONCANVAS_KEY);

  if (ns == NULL || !JSON_NODE_HOLDS_OBJECT (ns))
    return TRUE;

  return eb_json_read_title (board, json_object_get_member (json_node_get_object (ns), "title"), error);
}

/**
 * eb_jsoncanvas_read_full:
 * @data: (array length=length): the bytes of a .canvas file, from anywhere
 * @length: how many
 * @report: (out caller-allocates) (optional): what was left out
 * @error: where to say why it is not a usable canvas
 *
 * Reads a JSON Canvas 1.0 file as a board, treating @data as hostile.
 * Messages name the node or edge and the field at fault, not the file.
 *
 * Returns: (transfer full) (nullable): a new board, or %NULL with @error set
 */
EbBoard *
eb_jsoncanvas_read_full (const char          *data,
                         gsize                length,
                         EbJsonCanvasReport  *report,
                         GError             **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(EbBoard) board = NULL;
  EbJsonCanvasReport local_report = { 0 };
  JsonArray *nodes, *edges;
  JsonObject *root;
  gsize n_items;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (report == NULL)
    report = &local_report;
  *report = (EbJsonCanvasReport) { 0 };

  if (length == 0)
    {
      eb_json_fail (error, EB_JSON_ERROR_SYNTAX, _("The file is empty"));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  root = eb_json_parse_object (parser, data, length,
                               _("This JSON is not a JSON Canvas (it is not an object)"), error);
  if (root == NULL)
    return NULL;

  if (!get_list (root, "nodes", &nodes, error) ||
      !get_list (root, "edges", &edges, error))
    return NULL;

  n_items = (gsize) (nodes ? json_array_get_length (nodes) : 0) + (edges ? json_array_get_length (edges) : 0);
  if (n_items > EB_ITEMS_MAX)
    {
      eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE,
                    _("The canvas has %llu nodes and edges; a board can hold at most %d"),
                    (unsigned long long) n_items, EB_ITEMS_MAX);
      return NULL;
    }

  board = eb_board_new ();

  /* Nodes first, wherever they are in the file, so edges find them. */
  if (!read_title (board, root, error) ||
      !read_nodes (board, nodes, report, error) ||
      !read_edges (board, edges, report, error))
    return NULL;

  return g_steal_pointer (&board);
}

/**
 * eb_jsoncanvas_read:
 * @data: (array length=length): the bytes of a .canvas file, from anywhere
 * @length: how many
 * @error: where to say why it is not a usable canvas
 *
 * eb_jsoncanvas_read_full() without the report.
 *
 * Returns: (transfer full) (nullable): a new board, or %NULL with @error set
 */
EbBoard *
eb_jsoncanvas_read (const char  *data,
                    gsize        length,
                    GError     **error)
{
  return eb_jsoncanvas_read_full (data, length, NULL, error);
}

static EbBoard *
read_with_report (const char  *data,
                  gsize        length,
                  gpointer     report,
                  GError     **error)
{
  return eb_jsoncanvas_read_full (data, length, report, error);
}

/**
 * eb_jsoncanvas_read_file_full:
 * @path: a .canvas file, from anywhere
 * @report: (out caller-allocates) (optional): what was left out
 * @error: where to say why it is not a usable canvas
 *
 * Reads a canvas file as eb_jsoncanvas_read_full(), refusing files over
 * %EB_JSON_MAX_SIZE before reading them. Messages begin with the file name.
 *
 * Returns: (transfer full) (nullable): a new board, or %NULL with @error set
 */
EbBoard *
eb_jsoncanvas_read_file_full (const char          *path,
                              EbJsonCanvasReport  *report,
                              GError             **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (report != NULL)
    *report = (EbJsonCanvasReport) { 0 };

  return eb_json_read_file_with (path, read_with_report, report, error);
}

/**
 * eb_jsoncanvas_read_file:
 * @path: a .canvas file, from anywhere
 * @error: where to say why it is not a usable canvas
 *
 * Returns: (transfer full) (nullable): a new board, or %NULL with @error set
 */
EbBoard *
eb_jsoncanvas_read_file (const char  *path,
                         GError     **error)
{
  return eb_jsoncanvas_read_file_full (path, NULL, error);
}

/**
 * eb_jsoncanvas_report_describe:
 * @report: what a read left out
 *
 * Says in one sentence what was left out, for --check and the import
 * toast: "left out 2 edges to missing nodes, 1 node of an unknown type".
 *
 * Returns: (transfer full) (nullable): the sentence, or %NULL if nothing
 *   was left out
 */
char *
eb_jsoncanvas_report_describe (const EbJsonCanvasReport *report)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  if (report->n_dangling_edges > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u edge to a missing node",
                                                          "%u edges to missing nodes", report->n_dangling_edges),
                                             report->n_dangling_edges));
  if (report->n_unknown_nodes > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u node of an unknown type",
                                                          "%u nodes of unknown types", report->n_unknown_nodes),
                                             report->n_unknown_nodes));
  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  list = g_strjoinv (", ", (char **) parts->pdata);

  /* Translators: %s lists what an import skipped, e.g. "2 edges to missing nodes, 1 node of an unknown type" */
  return g_strdup_printf (_("left out %s"), list);
}
