/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-ftm"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include <math.h>
#include <string.h>

#include "eb-ftm-private.h"
#include "eb-json-private.h"

/* Reading FollowTheMoney entities, one a line or in an Aleph diagram,
 * from anywhere: every line is scanned with eb_json_scan() before
 * json-glib sees it, and every value is checked before it goes into a
 * card. eb-ftm-build.c makes the board; eb-ftm.c says how entities map
 * to cards and links. */

/* Aleph's default vertex colour (Blueprint BLUE1), which is no choice of
 * the analyst's. */
#define ALEPH_VERTEX_COLOR "#0e5a8a"

static void
reader_clear (EbFtmReader *r)
{
  g_clear_pointer (&r->by_id, g_hash_table_unref);
  g_clear_pointer (&r->entities, g_ptr_array_unref);
  g_clear_pointer (&r->vertices, g_hash_table_unref);
  g_clear_pointer (&r->colors, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EbFtmReader, reader_clear)

static gboolean
get_string (JsonObject  *object,
            const char  *member,
            const char **out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return node == NULL;
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_number (JsonNode *node,
            double   *out)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*out);
}

/* Checks one entity and adds it, or merges it into the one with its id
 * (FtM tools write an entity as fragments on several lines). @where
 * names it until its id is known. */
static gboolean
read_entity (EbFtmReader      *r,
             JsonNode    *node,
             const char  *where,
             GError     **error)
{
  g_autoptr(EbFtmEntity) entity = NULL;
  g_autofree char *who = NULL;
  EbFtmEntity *existing;
  JsonObject *object;
  JsonNode *properties;
  const char *id, *schema;
  GList *members;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: an entity must be a JSON object"), where);
  object = json_node_get_object (node);

  if (!get_string (object, "id", &id))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: the entity’s “id” must be a string"), where);
  if (id == NULL || id[0] == '\0')
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("%s: the entity has no “id”"), where);
  if (strlen (id) > EB_FTM_ID_MAX)
    return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE, _("%s: the entity’s “id” is longer than %d bytes"),
                         where, EB_FTM_ID_MAX);

  who = eb_ftm_shown (id);
  if (!get_string (object, "schema", &schema) || schema == NULL)
    return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                         _("Entity “%s”: it has no “schema” (such as “Person”)"), who);
  if (!eb_ftm_name_is_valid (schema))
    {
      g_autofree char *what = eb_ftm_shown (schema);

      return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                           _("Entity “%s”: “%s” is not a FollowTheMoney schema name"), who, what);
    }

  entity = eb_ftm_entity_new (id, schema);

  properties = json_object_get_member (object, "properties");
  if (properties != NULL && !JSON_NODE_HOLDS_NULL (properties) && !JSON_NODE_HOLDS_OBJECT (properties))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("Entity “%s”: “properties” must be an object"), who);

  members = properties && JSON_NODE_HOLDS_OBJECT (properties)
            ? json_object_get_members (json_node_get_object (properties)) : NULL;
  if (g_list_length (members) > EB_FTM_PROPS_MAX)
    {
      g_list_free (members);
      return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE,
                           _("Entity “%s” has more than %d properties, more than any FollowTheMoney schema"),
                           who, EB_FTM_PROPS_MAX);
    }
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *list = json_object_get_member (json_node_get_object (properties), name);
      JsonArray *array;
      guint n;

      if (!eb_ftm_name_is_valid (name))
        {
          g_autofree char *what = eb_ftm_shown (name);

          g_list_free (members);
          return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                               _("Entity “%s”: “%s” is not a FollowTheMoney property name"), who, what);
        }

      if (!JSON_NODE_HOLDS_ARRAY (list))
        {
          g_list_free (members);
          return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                               _("Entity “%s”: property “%s” must be a list of strings"), who, name);
        }

      array = json_node_get_array (list);
      n = json_array_get_length (array);
      if (n > EB_FTM_PROP_VALUES_MAX)
        {
          g_list_free (members);
          return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE,
                               _("Entity “%s”: property “%s” has more than %d values"),
                               who, name, EB_FTM_PROP_VALUES_MAX);
        }
      r->n_values += n;
      if (r->n_values > EB_FTM_VALUES_MAX)
        {
          g_list_free (members);
          return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE,
                               _("The file has more than %llu property values, more than any board needs"),
                               (unsigned long long) EB_FTM_VALUES_MAX);
        }

      for (guint i = 0; i < n; i++)
        {
          JsonNode *value = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
            {
              g_list_free (members);
              return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                                   _("Entity “%s”: property “%s” must be a list of strings"), who, name);
            }
          if (strlen (json_node_get_string (value)) > EB_TEXT_MAX)
            {
              g_list_free (members);
              return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE,
                                   _("Entity “%s”: a value of “%s” is longer than %d bytes"), who, name, EB_TEXT_MAX);
            }
          eb_ftm_entity_add_value (entity, name, json_node_get_string (value));
        }
    }
  g_list_free (members);

  existing = g_hash_table_lookup (r->by_id, id);
  if (existing != NULL)
    {
      if (strcmp (existing->schema, schema) != 0)
        return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                             _("Entity “%s” appears twice, as %s and as %s"), who, existing->schema, schema);

      for (guint i = 0; i < entity->props->len; i++)
        {
          EbFtmProp *prop = g_ptr_array_index (entity->props, i);

          for (guint j = 0; j < prop->values->len; j++)
            eb_ftm_entity_add_value (existing, prop->name, g_ptr_array_index (prop->values, j));
          /* The same entity many times over adds up to the same limits. */
          if (eb_ftm_entity_get (existing, prop->name)->values->len > EB_FTM_PROP_VALUES_MAX)
            return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE,
                                 _("Entity “%s”: property “%s” has more than %d values"),
                                 who, prop->name, EB_FTM_PROP_VALUES_MAX);
        }
      if (existing->props->len > EB_FTM_PROPS_MAX)
        return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE,
                             _("Entity “%s” has more than %d properties, more than any FollowTheMoney schema"),
                             who, EB_FTM_PROPS_MAX);
      return TRUE;
    }

  if (r->entities->len >= EB_ITEMS_MAX)
    return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE,
                         _("The file has more than %d entities; a board can hold at most %d items"),
                         EB_ITEMS_MAX, EB_ITEMS_MAX);

  g_hash_table_insert (r->by_id, entity->id, entity);
  g_ptr_array_add (r->entities, g_steal_pointer (&entity));
  return TRUE;
}

static gboolean
read_lines (EbFtmReader      *r,
            const char  *data,
            gsize        length,
            GError     **error)
{
  const char *end = data + length;
  const char *p = data;
  guint line = 0;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *stop = nl ? nl : end;
      const char *q = p;
      gsize n = stop - p;

      line++;

      while (q < stop && (*q == ' ' || *q == '\t' || *q == '\r'))
        q++;

      if (q < stop)
        {
          g_autoptr(JsonParser) parser = NULL;
          g_autoptr(GError) local_error = NULL;
          g_autofree char *where = NULL;

          if (n > EB_FTM_LINE_MAX)
            {
              g_autofree char *most = g_format_size (EB_FTM_LINE_MAX);

              return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE,
                                   _("Line %u is longer than %s, more than any entity needs"), line, most);
            }

          /* Its messages name the line in the file. */
          if (!eb_json_scan_from_line (p, n, EB_FTM_DEPTH_MAX, line, error))
            return FALSE;

          parser = json_parser_new_immutable ();
          if (!json_parser_load_from_data (parser, p, n, &local_error))
            return eb_json_fail (error, EB_JSON_ERROR_SYNTAX, _("Line %u: not valid JSON: %s"),
                                 line, local_error->message);

          /* Translators: names an entity by where it is; %u is a line number */
          where = g_strdup_printf (_("Line %u"), line);
          if (!read_entity (r, json_parser_get_root (parser), where, error))
            return FALSE;
        }

      p = nl ? nl + 1 : end;
    }

  if (r->entities->len == 0)
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("The file holds no FollowTheMoney entities"));
  return TRUE;
}

static gboolean
read_vertices (EbFtmReader      *r,
               JsonObject  *layout,
               GError     **error)
{
  JsonNode *node = json_object_get_member (layout, "vertices");
  JsonArray *vertices;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("The diagram’s “vertices” must be a list"));

  vertices = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (vertices); i++)
    {
      JsonNode *vertex = json_array_get_element (vertices, i);
      JsonObject *object, *position;
      const char *entity_id, *color;
      double xy[2];

      if (!JSON_NODE_HOLDS_OBJECT (vertex))
        return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                             _("Diagram vertex %u is not a JSON object"), i + 1);
      object = json_node_get_object (vertex);

      /* Vertices for property values (a country, a phone number) have no
       * entity; Aleph draws them again from the entities. */
      if (!get_string (object, "entityId", &entity_id))
        return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                             _("Diagram vertex %u: “entityId” must be a string"), i + 1);
      if (entity_id == NULL)
        continue;

      node = json_object_get_member (object, "position");
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        {
          if (!JSON_NODE_HOLDS_OBJECT (node))
            return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                                 _("Diagram vertex %u: “position” must be an object"), i + 1);
          position = json_node_get_object (node);
          if (!get_number (json_object_get_member (position, "x"), &xy[0]) ||
              !get_number (json_object_get_member (position, "y"), &xy[1]))
            return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                                 _("Diagram vertex %u: its position needs numbers “x” and “y”"), i + 1);
          if (fabs (xy[0]) * EB_FTM_GRID_SCALE > EB_COORD_MAX || fabs (xy[1]) * EB_FTM_GRID_SCALE > EB_COORD_MAX)
            return eb_json_fail (error, EB_JSON_ERROR_INVALID,
                                 _("Diagram vertex %u is at (%g, %g), outside the board"), i + 1, xy[0], xy[1]);
          g_hash_table_replace (r->vertices, g_strdup (entity_id), g_memdup2 (xy, sizeof xy));
        }

      if (get_string (object, "color", &color) && color != NULL && color[0] == '#' &&
          eb_color_is_valid (color) && g_ascii_strcasecmp (color, ALEPH_VERTEX_COLOR) != 0)
        g_hash_table_replace (r->colors, g_strdup (entity_id), g_ascii_strdown (color, -1));
    }

  return TRUE;
}

static gboolean
read_diagram (EbFtmReader      *r,
              JsonObject  *root,
              GError     **error)
{
  JsonNode *node = json_object_get_member (root, "layout");
  JsonObject *layout = NULL;
  JsonArray *entities;
  guint n;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("The diagram’s “layout” must be an object"));
      layout = json_node_get_object (node);
    }

  /* Entities beside the layout, as Aleph exports them; some versions
   * keep them inside it. */
  node = json_object_get_member (root, "entities");
  if (node == NULL && layout != NULL)
    node = json_object_get_member (layout, "entities");
  if (node == NULL)
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("The diagram has no “entities” list"));
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("The diagram’s “entities” must be a list"));

  entities = json_node_get_array (node);
  n = json_array_get_length (entities);
  if (n > EB_ITEMS_MAX)
    return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE,
                         _("The diagram has %u entities; a board can hold at most %d items"), n, EB_ITEMS_MAX);

  for (guint i = 0; i < n; i++)
    {
      /* Translators: names an entity by where it is; %u counts from 1 */
      g_autofree char *where = g_strdup_printf (_("Entity %u"), i + 1);

      if (!read_entity (r, json_array_get_element (entities, i), where, error))
        return FALSE;
    }

  return layout == NULL || read_vertices (r, layout, error);
}

/* FtM ids are usually 40 hex digits or a short slug, both good item ids;
 * anything else gets an id made from it, the same every time. *//**
 * eb_ftm_read:
 * @data: (array length=length): FollowTheMoney entities as JSON lines, or
 *   an Aleph network diagram, from anywhere
 * @length: how many bytes
 * @error: where to say why it is not usable
 *
 * Reads entities into a board: things become cards, relationships links
 * (see eb-ftm.c). Whatever has no field on a card is kept in its notes, so
 * eb_ftm_write() gives back every entity, schema and value. Positions come
 * from the diagram's vertices; cards without one are laid out in columns
 * by kind. @data is hostile until checked: each line is scanned for depth
 * and size before it is parsed, and every value is checked.
 *
 * Returns: (transfer full) (nullable): a new board, or %NULL with @error set
 */EbBoard *
eb_ftm_read (const char  *data,
             gsize        length,
             GError     **error)
{
  g_auto(EbFtmReader) r = { 0 };
  gsize skip;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > EB_JSON_MAX_SIZE)
    {
      g_autofree char *most = g_format_size (EB_JSON_MAX_SIZE);

      eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE,
                    _("The file is larger than %s, more than any board needs"), most);
      return NULL;
    }

  r.entities = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_ftm_entity_free);
  r.by_id = g_hash_table_new (g_str_hash, g_str_equal);
  r.vertices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  skip = eb_json_bom_length (data, length);
  data += skip;
  length -= skip;

  /* One JSON value is a diagram (or a single entity); anything else is
   * read line by line, which also names the line at fault. */
  if (eb_json_scan (data, length, EB_FTM_DEPTH_MAX, NULL))
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) local_error = NULL;
      JsonNode *root;

      if (!json_parser_load_from_data (parser, data, length, &local_error))
        {
          eb_json_fail (error, EB_JSON_ERROR_SYNTAX, _("Not valid JSON: %s"), local_error->message);
          return NULL;
        }

      root = json_parser_get_root (parser);
      if (JSON_NODE_HOLDS_OBJECT (root) &&
          (json_object_has_member (json_node_get_object (root), "entities") ||
           json_object_has_member (json_node_get_object (root), "layout")))
        {
          if (!read_diagram (&r, json_node_get_object (root), error))
            return NULL;
        }
      else if (JSON_NODE_HOLDS_OBJECT (root) && json_object_has_member (json_node_get_object (root), "schema"))
        {
          if (!read_entity (&r, root, _("Line 1"), error))
            return NULL;
        }
      else if (JSON_NODE_HOLDS_ARRAY (root) && json_array_get_length (json_node_get_array (root)) > 0)
        {
          /* A list of entities, as some APIs return them. */
          JsonArray *list = json_node_get_array (root);

          for (guint i = 0; i < json_array_get_length (list); i++)
            {
              g_autofree char *where = g_strdup_printf (_("Entity %u"), i + 1);

              if (!read_entity (&r, json_array_get_element (list, i), where, error))
                return NULL;
            }
        }
      else
        {
          eb_json_fail (error, EB_JSON_ERROR_INVALID,
                        _("This JSON is not FollowTheMoney: it is neither entities, one a line, nor an Aleph diagram"));
          return NULL;
        }
    }
  else if (!read_lines (&r, data, length, error))
    return NULL;

  return eb_ftm_build_board (&r, error);
}
