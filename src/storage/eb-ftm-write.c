/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-ftm"

#include "config.h"

#include <string.h>

#include "eb-ftm-private.h"
#include "eb-json-private.h"

/* Writing a board as FollowTheMoney: cards become entities of their kind's
 * schema (or of the schema they came from, kept in their notes block),
 * links become relationships. What FtM has no property for (positions
 * in JSON lines, sizes, colours outside a diagram, grades, frames, link
 * kinds other than "reported by", arrows) is not written. */

#define ALEPH_VERTEX_COLOR "#0E5A8A"

typedef struct
{
  EbCard       *card;
  GPtrArray    *sections;   /* from the notes block */
  EbFtmEntity  *own;        /* (nullable) the card's own section, in @sections */
  EbFtmEntity  *entity;     /* what is written */
} CardOut;

static void
card_out_free (CardOut *c)
{
  g_ptr_array_unref (c->sections);
  eb_ftm_entity_free (c->entity);
  g_free (c);
}

static char *
get_text (EbCard     *card,
          const char *field)
{
  char *value = NULL;

  g_object_get (card, field, &value, NULL);
  if (value != NULL && value[0] == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static char *
as_field (const EbFtmField *field,
          const char       *value)
{
  return field->date ? eb_ftm_date_normalize (value) : g_strdup (value);
}

/* Does the block already hold @value in one of the field's properties
 * (as the reader left it when it could not say which one it came from)? */
static gboolean
block_holds (EbFtmEntity       *entity,
             const EbFtmField  *field,
             const char       **props,
             const char        *value)
{
  for (guint i = 0; props[i] != NULL; i++)
    {
      EbFtmProp *prop = eb_ftm_entity_get (entity, props[i]);

      for (guint j = 0; prop != NULL && j < prop->values->len; j++)
        {
          g_autofree char *v = as_field (field, g_ptr_array_index (prop->values, j));

          if (g_strcmp0 (v, value) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

static void
put_fields (CardOut *c,
            char    *free_text)
{
  EbCardKind kind = eb_card_get_kind (c->card);
  g_autofree char *end_date = get_text (c->card, "end-date");
  const EbFtmField *fields;
  guint n;

  if (eb_ftm_edge_lookup (c->entity->schema) != NULL)
    {
      /* A relationship whose ends were not on the board: only its words. */
      if (free_text[0] != '\0')
        eb_ftm_entity_add_value (c->entity, "summary", free_text);
      return;
    }

  fields = eb_ftm_kind_fields (kind, &n);
  for (guint i = 0; i < n; i++)
    {
      const char *props[G_N_ELEMENTS (fields[i].props)];
      g_autofree char *value = get_text (c->card, fields[i].field);

      if (value == NULL)
        continue;

      eb_ftm_field_props (&fields[i], kind == EB_CARD_KIND_EVENT && end_date != NULL, props);

      if (fields[i].multi)
        {
          g_auto(GStrv) lines = g_strsplit (value, "\n", -1);

          for (guint j = 0; lines[j] != NULL; j++)
            if (lines[j][0] != '\0')
              eb_ftm_entity_add_value (c->entity, props[0], lines[j]);
        }
      else if (c->own == NULL || !block_holds (c->own, &fields[i], props, value))
        eb_ftm_entity_add_value (c->entity, props[0], value);
    }

  if (free_text[0] != '\0')
    eb_ftm_entity_add_value (c->entity, "description", free_text);
}

/* An entity id no other entity in the file has: the one the notes block
 * kept if it is usable, else the item's. People edit notes, so a kept id
 * may be empty, or another card's. */
static char *
unique_id (GHashTable *used,
           const char *kept,
           const char *item_id)
{
  char *id;

  if (kept != NULL && kept[0] != '\0' && strlen (kept) <= EB_FTM_ID_MAX && !g_hash_table_contains (used, kept))
    id = g_strdup (kept);
  else if (!g_hash_table_contains (used, item_id))
    id = g_strdup (item_id);
  else
    {
      for (guint n = 2; ; n++)
        {
          id = g_strdup_printf ("%s-%u", item_id, n);
          if (!g_hash_table_contains (used, id))
            break;
          g_free (id);
        }
    }

  g_hash_table_add (used, g_strdup (id));
  return id;
}

static CardOut *
card_out_new (EbCard     *card,
              GHashTable *used)
{
  g_autofree char *id = NULL;
  g_autofree char *notes = get_text (card, "notes");
  g_autofree char *free_text = NULL;
  CardOut *c = g_new0 (CardOut, 1);
  EbCardKind kind = eb_card_get_kind (card);
  const char *schema = eb_ftm_kind_schema (kind);

  c->card = card;
  c->sections = eb_ftm_block_parse (notes, &free_text);

  for (guint i = 0; i < c->sections->len; i++)
    {
      EbFtmEntity *section = g_ptr_array_index (c->sections, i);

      if (section->link_id == NULL && c->own == NULL)
        c->own = section;
    }

  /* Keep the schema it came from, unless someone changed the card's kind
   * since (a Person turned event is an Event). */
  if (c->own != NULL &&
      (eb_ftm_edge_lookup (c->own->schema) != NULL || eb_ftm_schema_kind (c->own->schema) == kind))
    schema = c->own->schema;

  id = unique_id (used, c->own ? c->own->id : NULL, eb_item_get_id (EB_ITEM (card)));
  c->entity = eb_ftm_entity_new (id, schema);

  /* The fields first: a card's title is the entity's first name. */
  put_fields (c, free_text);
  for (guint i = 0; c->own != NULL && i < c->own->props->len; i++)
    {
      EbFtmProp *prop = g_ptr_array_index (c->own->props, i);

      for (guint j = 0; j < prop->values->len; j++)
        eb_ftm_entity_add_value (c->entity, prop->name, g_ptr_array_index (prop->values, j));
    }
  return c;
}

static void
append_number (GString *s,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_dtostr (buffer, sizeof buffer, value));
}

static void
append_entity (GString     *s,
               EbFtmEntity *entity)
{
  gboolean first = TRUE;

  g_string_append (s, "{\"id\":");
  eb_json_append_string (s, entity->id);
  g_string_append (s, ",\"schema\":");
  eb_json_append_string (s, entity->schema);
  g_string_append (s, ",\"properties\":{");
  for (guint i = 0; i < entity->props->len; i++)
    {
      EbFtmProp *prop = g_ptr_array_index (entity->props, i);

      if (prop->values->len == 0)
        continue;
      if (!first)
        g_string_append_c (s, ',');
      first = FALSE;
      eb_json_append_string (s, prop->name);
      g_string_append (s, ":[");
      for (guint j = 0; j < prop->values->len; j++)
        {
          if (j > 0)
            g_string_append_c (s, ',');
          eb_json_append_string (s, g_ptr_array_index (prop->values, j));
        }
      g_string_append_c (s, ']');
    }
  g_string_append (s, "}}");
}

typedef struct
{
  EbFtmEntity *entity;      /* the relationship, or the event for "involved" */
  const char  *source;      /* FtM ids of the ends, as Aleph draws them */
  const char  *target;
  char        *label;
  const char  *property;    /* for an event's "involved" or "organizer" */
} EdgeOut;

static void
edge_out_free (EdgeOut *e)
{
  g_free (e->label);
  g_free (e);
}

static void
append_vertex_id (GString    *s,
                  const char *ftm_id)
{
  g_autofree char *id = g_strconcat ("entity:", ftm_id, NULL);

  eb_json_append_string (s, id);
}

static void
append_diagram (GString   *s,
                GPtrArray *cards,
                GPtrArray *relationships,
                GPtrArray *edges)
{
  double sum_x = 0, sum_y = 0;
  guint n_vertices = 0;
  gboolean first = TRUE;

  g_string_append (s, "{\n\"entities\": [\n");
  for (guint i = 0; i < cards->len; i++)
    {
      append_entity (s, ((CardOut *) g_ptr_array_index (cards, i))->entity);
      g_string_append (s, i + 1 < cards->len || relationships->len > 0 ? ",\n" : "\n");
    }
  for (guint i = 0; i < relationships->len; i++)
    {
      append_entity (s, g_ptr_array_index (relationships, i));
      g_string_append (s, i + 1 < relationships->len ? ",\n" : "\n");
    }

  g_string_append (s, "],\n\"layout\": {\n\"vertices\": [\n");
  for (guint i = 0; i < cards->len; i++)
    {
      CardOut *c = g_ptr_array_index (cards, i);
      g_autofree char *label = NULL;
      const char *color = eb_card_get_color (c->card);
      double x = eb_card_get_x (c->card) / EB_FTM_GRID_SCALE;
      double y = eb_card_get_y (c->card) / EB_FTM_GRID_SCALE;

      /* Aleph draws relationships as edges, never as vertices. */
      if (eb_ftm_edge_lookup (c->entity->schema) != NULL)
        continue;

      if (!first)
        g_string_append (s, ",\n");
      first = FALSE;

      label = eb_card_dup_display_title (c->card);
      g_string_append (s, "{\"id\":");
      append_vertex_id (s, c->entity->id);
      g_string_append (s, ",\"type\":\"entity\",\"label\":");
      eb_json_append_string (s, label);
      g_string_append (s, ",\"fixed\":true,\"hidden\":false,\"color\":");
      eb_json_append_string (s, color != NULL && color[0] != '\0' ? color : ALEPH_VERTEX_COLOR);
      g_string_append (s, ",\"radius\":1,\"position\":{\"x\":");
      append_number (s, x);
      g_string_append (s, ",\"y\":");
      append_number (s, y);
      g_string_append (s, "},\"entityId\":");
      eb_json_append_string (s, c->entity->id);
      g_string_append_c (s, '}');

      sum_x += x;
      sum_y += y;
      n_vertices++;
    }

  g_string_append (s, "\n],\n\"edges\": [\n");
  for (guint i = 0; i < edges->len; i++)
    {
      EdgeOut *e = g_ptr_array_index (edges, i);
      g_autofree char *id = NULL;
      g_autofree char *qname = NULL;

      if (e->property != NULL)
        {
          qname = g_strconcat (e->entity->schema, ":", e->property, NULL);
          id = g_strdup_printf ("%s:%s(entity:%s)", e->entity->id, qname, e->target);
        }
      else
        id = g_strdup_printf ("%s(entity:%s, entity:%s)", e->entity->id, e->source, e->target);

      g_string_append (s, "{\"id\":");
      eb_json_append_string (s, id);
      g_string_append (s, ",\"type\":\"entity\",\"label\":");
      eb_json_append_string (s, e->label);
      g_string_append (s, ",\"sourceId\":");
      append_vertex_id (s, e->source);
      g_string_append (s, ",\"targetId\":");
      append_vertex_id (s, e->target);
      g_string_append (s, ",\"entityId\":");
      eb_json_append_string (s, e->entity->id);
      if (qname != NULL)
        {
          g_string_append (s, ",\"propertyQName\":");
          eb_json_append_string (s, qname);
        }
      g_string_append_printf (s, ",\"directed\":%s}", e->property ? "false" : "true");
      g_string_append (s, i + 1 < edges->len ? ",\n" : "\n");
    }

  g_string_append (s, "],\n\"groupings\": [],\n\"selection\": [],\n"
                      "\"settings\": {\"pivotTypes\": [\"entity\"]}\n},\n"
                      "\"viewport\": {\"zoomLevel\": 1, \"ratio\": 1, \"center\": {\"x\": ");
  append_number (s, n_vertices ? sum_x / n_vertices : 0);
  g_string_append (s, ", \"y\": ");
  append_number (s, n_vertices ? sum_y / n_vertices : 0);
  g_string_append (s, "}}\n}\n");
}

/**
 * eb_ftm_write:
 * @board: a board
 * @layout: entities one a line, or an Aleph diagram with the cards'
 *   positions
 * @length: (out) (optional): the length of the text
 *
 * Writes @board as FollowTheMoney: cards as Person, Event, Article and
 * Note entities (or as the schema they were read from), links as
 * UnknownLink or Documentation (or the relationship they were read
 * from), each with the properties it came with.
 *
 * Returns: (transfer full): the text, UTF-8
 */
char *
eb_ftm_write (EbBoard     *board,
              EbFtmLayout  layout,
              gsize       *length)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify) card_out_free);
  g_autoptr(GPtrArray) relationships = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_ftm_entity_free);
  g_autoptr(GPtrArray) edges = g_ptr_array_new_with_free_func ((GDestroyNotify) edge_out_free);
  g_autoptr(GHashTable) by_item_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) link_sections = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *model;
  GString *s;

  g_return_val_if_fail (EB_IS_BOARD (board), NULL);

  model = eb_board_get_cards (board);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (model, i);
      CardOut *c = card_out_new (card, used);

      g_ptr_array_add (cards, c);
      g_hash_table_insert (by_item_id, (gpointer) eb_item_get_id (EB_ITEM (card)), c);
      for (guint j = 0; j < c->sections->len; j++)
        {
          EbFtmEntity *section = g_ptr_array_index (c->sections, j);

          if (section->link_id != NULL)
            g_hash_table_insert (link_sections, section->link_id, section);
        }
    }

  model = eb_board_get_links (board);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(EbLink) link = g_list_model_get_item (model, i);
      EbFtmEntity *section = g_hash_table_lookup (link_sections, eb_item_get_id (EB_ITEM (link)));
      CardOut *from = g_hash_table_lookup (by_item_id, eb_link_get_from_id (link));
      CardOut *to = g_hash_table_lookup (by_item_id, eb_link_get_to_id (link));
      const char *label = eb_link_get_label (link) ? eb_link_get_label (link) : "";
      g_autofree char *id = NULL;
      const EbFtmEdge *edge;
      EbFtmEntity *entity;
      EdgeOut *e;

      /* FtM has nothing for frames, so nor for links to them. */
      if (from == NULL || to == NULL)
        continue;

      /* Those an event involves are one of its properties in FtM. */
      if (section == NULL && eb_link_get_kind (link) == EB_LINK_KIND_RELATED &&
          strcmp (from->entity->schema, "Event") == 0 &&
          (strcmp (label, "involved") == 0 || strcmp (label, "organizer") == 0))
        {
          eb_ftm_entity_add_value (from->entity, label, to->entity->id);
          e = g_new0 (EdgeOut, 1);
          e->entity = from->entity;
          e->source = from->entity->id;
          e->target = to->entity->id;
          e->property = strcmp (label, "involved") == 0 ? "involved" : "organizer";
          e->label = g_strdup (strcmp (label, "involved") == 0 ? "Involved" : "Organizer");
          g_ptr_array_add (edges, e);
          continue;
        }

      edge = eb_ftm_edge_lookup (section ? section->schema : NULL);
      if (edge == NULL)
        edge = eb_ftm_edge_lookup (eb_link_get_kind (link) == EB_LINK_KIND_REPORTED_BY &&
                                   eb_card_get_kind (to->card) == EB_CARD_KIND_SOURCE
                                   ? "Documentation" : "UnknownLink");

      id = unique_id (used, section ? section->id : NULL, eb_item_get_id (EB_ITEM (link)));
      entity = eb_ftm_entity_new (id, edge->schema);
      eb_ftm_entity_add_value (entity, edge->source, (edge->reversed ? to : from)->entity->id);
      eb_ftm_entity_add_value (entity, edge->target, (edge->reversed ? from : to)->entity->id);
      if (label[0] != '\0' && strcmp (label, edge->default_label) != 0)
        eb_ftm_entity_add_value (entity, edge->label, label);

      for (guint j = 0; section != NULL && j < section->props->len; j++)
        {
          EbFtmProp *prop = g_ptr_array_index (section->props, j);

          for (guint k = 0; k < prop->values->len; k++)
            eb_ftm_entity_add_value (entity, prop->name, g_ptr_array_index (prop->values, k));
        }

      e = g_new0 (EdgeOut, 1);
      e->entity = entity;
      e->source = (edge->reversed ? to : from)->entity->id;
      e->target = (edge->reversed ? from : to)->entity->id;
      e->label = g_strdup (label[0] ? label : edge->schema);
      g_ptr_array_add (edges, e);
      g_ptr_array_add (relationships, entity);
    }

  s = g_string_sized_new (4096 + 512 * eb_board_get_n_items (board));

  if (layout == EB_FTM_LAYOUT_DIAGRAM)
    append_diagram (s, cards, relationships, edges);
  else
    {
      for (guint i = 0; i < cards->len; i++)
        {
          append_entity (s, ((CardOut *) g_ptr_array_index (cards, i))->entity);
          g_string_append_c (s, '\n');
        }
      for (guint i = 0; i < relationships->len; i++)
        {
          append_entity (s, g_ptr_array_index (relationships, i));
          g_string_append_c (s, '\n');
        }
    }

  if (length != NULL)
    *length = s->len;
  return g_string_free (s, FALSE);
}
