/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-ftm"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "eb-ftm-private.h"
#include "eb-json-private.h"

/* Entities (checked by eb-ftm-read.c) → cards and links: fields from
 * properties, the rest into the notes block, positions from the diagram
 * or a grid. See eb-ftm.c for the mapping. */

#define COLUMN_WIDTH 260.0
#define ROW_HEIGHT   140.0

typedef struct
{
  EbFtmEntity *entity;
  char        *item_id;
  EbCardKind   kind;
  EbFtmEntity *rest;         /* what no field holds, for the notes block */
  GPtrArray   *fields;       /* names and values, in pairs */
  GString     *notes;
  GString     *link_notes;   /* sections for links from this card */
  gboolean     placed;
  double       x;
  double       y;
  char        *color;
} CardDraft;

typedef struct
{
  char        *item_id;
  char        *from;         /* item ids */
  char        *to;
  char        *label;
  EbLinkKind   kind;
} LinkDraft;

static void
card_draft_free (CardDraft *d)
{
  g_free (d->item_id);
  eb_ftm_entity_free (d->rest);
  g_ptr_array_unref (d->fields);
  g_string_free (d->notes, TRUE);
  g_string_free (d->link_notes, TRUE);
  g_free (d->color);
  g_free (d);
}

static void
link_draft_free (LinkDraft *d)
{
  g_free (d->item_id);
  g_free (d->from);
  g_free (d->to);
  g_free (d->label);
  g_free (d);
}
static char *
item_id_for (const char *ftm_id)
{
  g_autofree char *sum = NULL;

  if (eb_id_is_valid (ftm_id))
    return g_strdup (ftm_id);
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, ftm_id, -1);
  return g_strconcat ("ftm-", sum, NULL);
}

static EbFtmEntity *
entity_copy (EbFtmEntity *entity)
{
  EbFtmEntity *copy = eb_ftm_entity_new (NULL, entity->schema);

  for (guint i = 0; i < entity->props->len; i++)
    {
      EbFtmProp *prop = g_ptr_array_index (entity->props, i);

      for (guint j = 0; j < prop->values->len; j++)
        eb_ftm_entity_add_value (copy, prop->name, g_ptr_array_index (prop->values, j));
    }
  return copy;
}

static void
remove_value (EbFtmEntity *entity,
              const char  *name,
              const char  *value)
{
  EbFtmProp *prop = eb_ftm_entity_get (entity, name);

  for (guint i = 0; prop != NULL && i < prop->values->len; i++)
    if (strcmp (g_ptr_array_index (prop->values, i), value) == 0)
      {
        g_ptr_array_remove_index (prop->values, i);
        break;
      }
}

static gboolean
has_props (EbFtmEntity *entity)
{
  for (guint i = 0; i < entity->props->len; i++)
    if (((EbFtmProp *) g_ptr_array_index (entity->props, i))->values->len > 0)
      return TRUE;
  return FALSE;
}

static char *
field_value (const EbFtmField *field,
             const char       *value)
{
  if (field->date)
    return eb_ftm_date_normalize (value);
  return g_strdup (value);
}

/* Does any of @props hold a value that is @value once in the field? */
static gboolean
others_hold (EbFtmEntity       *rest,
             const EbFtmField  *field,
             const char       **props,
             const char        *skip,
             const char        *value)
{
  for (guint i = 0; props[i] != NULL; i++)
    {
      EbFtmProp *prop = eb_ftm_entity_get (rest, props[i]);

      for (guint j = 0; prop != NULL && j < prop->values->len; j++)
        {
          const char *v = g_ptr_array_index (prop->values, j);
          g_autofree char *as_field = NULL;

          if (i == 0 && v == skip)
            continue;
          as_field = field_value (field, v);
          if (g_strcmp0 (as_field, value) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* Fills one card field from its properties. A value leaves the notes
 * block only if the writer will put it back exactly where it was: the
 * first property, unchanged, and no other candidate holds the same. */
static void
take_field (CardDraft        *d,
            const EbFtmField *field,
            gboolean          has_end)
{
  const char *props[G_N_ELEMENTS (field->props)];

  eb_ftm_field_props (field, has_end, props);

  if (field->multi)
    {
      EbFtmProp *prop = eb_ftm_entity_get (d->rest, props[0]);
      g_autoptr(GString) lines = g_string_new (NULL);

      if (prop == NULL || prop->values->len == 0)
        return;
      for (guint i = 0; i < prop->values->len; i++)
        {
          const char *v = g_ptr_array_index (prop->values, i);

          if (v[0] == '\0' || strchr (v, '\n') != NULL)
            return;
          g_string_append_printf (lines, "%s%s", i > 0 ? "\n" : "", v);
        }
      if (!eb_text_is_valid (lines->str, lines->len))
        return;
      g_ptr_array_add (d->fields, g_strdup (field->field));
      g_ptr_array_add (d->fields, g_string_free (g_steal_pointer (&lines), FALSE));
      g_ptr_array_set_size (prop->values, 0);
      return;
    }

  for (guint i = 0; props[i] != NULL; i++)
    {
      EbFtmProp *prop = eb_ftm_entity_get (d->rest, props[i]);

      for (guint j = 0; prop != NULL && j < prop->values->len; j++)
        {
          const char *v = g_ptr_array_index (prop->values, j);
          g_autofree char *value = field_value (field, v);

          if (value == NULL || value[0] == '\0')
            continue;

          g_ptr_array_add (d->fields, g_strdup (field->field));
          if (i == 0 && j == 0 && strcmp (value, v) == 0 && !others_hold (d->rest, field, props, v, value))
            g_ptr_array_remove_index (prop->values, 0);
          g_ptr_array_add (d->fields, g_steal_pointer (&value));
          return;
        }
    }
}

static CardDraft *
card_draft_new (EbFtmEntity *entity)
{
  CardDraft *d = g_new0 (CardDraft, 1);

  d->entity = entity;
  d->item_id = item_id_for (entity->id);
  d->rest = entity_copy (entity);
  d->fields = g_ptr_array_new_with_free_func (g_free);
  d->notes = g_string_new (NULL);
  d->link_notes = g_string_new (NULL);
  return d;
}

/* A thing: fills the fields; "description" becomes the notes. */
static void
fill_card (CardDraft *d)
{
  const EbFtmField *fields;
  const char *description;
  guint n;

  d->kind = eb_ftm_schema_kind (d->entity->schema);
  fields = eb_ftm_kind_fields (d->kind, &n);
  for (guint i = 0; i < n; i++)
    take_field (d, &fields[i], d->kind == EB_CARD_KIND_EVENT && eb_ftm_entity_first (d->rest, "endDate") != NULL);

  description = eb_ftm_entity_first (d->rest, "description");
  if (description != NULL)
    {
      g_string_append (d->notes, description);
      g_ptr_array_remove_index (eb_ftm_entity_get (d->rest, "description")->values, 0);
    }
}

/* Writes what is left of the entity under the notes; nothing for a card
 * the writer would write the same without it. */
static void
finish_card (CardDraft *d)
{
  gboolean own_id = strcmp (d->item_id, d->entity->id) == 0;

  if (has_props (d->rest) || !own_id || strcmp (d->entity->schema, eb_ftm_kind_schema (d->kind)) != 0)
    {
      if (!own_id)
        d->rest->id = g_strdup (d->entity->id);
      eb_ftm_block_append (d->notes, d->rest);
    }

  if (d->link_notes->len > 0)
    g_string_append_printf (d->notes, "%s%s", d->notes->len > 0 ? "\n\n" : "", d->link_notes->str);
}

static LinkDraft *
link_draft_new (const char *item_id,
                const char *from,
                const char *to,
                const char *label,
                EbLinkKind  kind)
{
  LinkDraft *d = g_new0 (LinkDraft, 1);

  d->item_id = g_strdup (item_id);
  d->from = g_strdup (from);
  d->to = g_strdup (to);
  d->label = g_strdup (label);
  d->kind = kind;
  return d;
}

/* The first value of @name that is a card, or %NULL. */
static CardDraft *
first_card (EbFtmEntity *entity,
            const char  *name,
            GHashTable  *cards,
            const char **value)
{
  EbFtmProp *prop = eb_ftm_entity_get (entity, name);

  for (guint i = 0; prop != NULL && i < prop->values->len; i++)
    {
      CardDraft *d = g_hash_table_lookup (cards, g_ptr_array_index (prop->values, i));

      if (d != NULL)
        {
          *value = g_ptr_array_index (prop->values, i);
          return d;
        }
    }
  return NULL;
}

/* A relationship between two cards: a link, with anything more it says
 * in a section of its first card's notes. */
static LinkDraft *
make_link (EbFtmEntity     *entity,
           const EbFtmEdge *edge,
           CardDraft       *source,
           const char      *source_value,
           CardDraft       *target,
           const char      *target_value)
{
  g_autoptr(EbFtmEntity) rest = entity_copy (entity);
  g_autofree char *item_id = item_id_for (entity->id);
  const char *label = eb_ftm_entity_first (rest, edge->label);
  CardDraft *from = edge->reversed ? target : source;
  CardDraft *to = edge->reversed ? source : target;
  gboolean is_default;
  LinkDraft *link;

  remove_value (rest, edge->source, source_value);
  remove_value (rest, edge->target, target_value);

  /* The writer leaves out a label that is the default; so does the block. */
  if (label != NULL && strcmp (label, edge->default_label) != 0)
    {
      link = link_draft_new (item_id, from->item_id, to->item_id, label, edge->kind);
      remove_value (rest, edge->label, label);
    }
  else
    link = link_draft_new (item_id, from->item_id, to->item_id, edge->default_label, edge->kind);

  /* What the writer would choose for this link by itself. */
  is_default = (strcmp (entity->schema, "UnknownLink") == 0 && edge->kind == EB_LINK_KIND_RELATED) ||
               (strcmp (entity->schema, "Documentation") == 0 && to->kind == EB_CARD_KIND_SOURCE);

  /* … which for an event's "involved" or "organizer" would be a property. */
  if (strcmp (from->entity->schema, "Event") == 0 &&
      (g_strcmp0 (link->label, "involved") == 0 || g_strcmp0 (link->label, "organizer") == 0))
    is_default = FALSE;

  if (has_props (rest) || !is_default || strcmp (item_id, entity->id) != 0)
    {
      if (strcmp (item_id, entity->id) != 0)
        rest->id = g_strdup (entity->id);
      rest->link_id = g_strdup (item_id);
      eb_ftm_block_append (from->link_notes, rest);
    }

  return link;
}

/* Places cards the diagram did not: below it (above it, if the diagram
 * reaches the bottom of the board), a block of columns per kind, so a file
 * of 10,000 entities still opens as something to read. */
static void
lay_out (GPtrArray *cards)
{
  double top = 0, left = 0, highest = 0, rows = 0;
  guint count[EB_CARD_KIND_NOTE + 1] = { 0 };
  guint placed[EB_CARD_KIND_NOTE + 1] = { 0 };
  double origin[EB_CARD_KIND_NOTE + 1];
  guint columns[EB_CARD_KIND_NOTE + 1];
  gboolean any = FALSE;

  for (guint i = 0; i < cards->len; i++)
    {
      CardDraft *d = g_ptr_array_index (cards, i);

      if (d->placed)
        {
          top = any ? MAX (top, d->y) : d->y;
          highest = any ? MIN (highest, d->y) : d->y;
          left = any ? MIN (left, d->x) : d->x;
          any = TRUE;
        }
      else
        count[d->kind]++;
    }
  for (guint k = 0; k <= EB_CARD_KIND_NOTE; k++)
    rows = MAX (rows, ceil ((double) count[k] / MAX (1, (guint) ceil (sqrt (count[k])))));
  if (any)
    top += ROW_HEIGHT * 2;
  if (top + rows * ROW_HEIGHT > EB_COORD_MAX)
    top = highest - (rows + 2) * ROW_HEIGHT;

  for (guint k = 0; k <= EB_CARD_KIND_NOTE; k++)
    {
      columns[k] = MAX (1, (guint) ceil (sqrt (count[k])));
      origin[k] = k == 0 ? left : origin[k - 1] + (count[k - 1] ? columns[k - 1] * COLUMN_WIDTH + COLUMN_WIDTH / 2 : 0);
    }

  for (guint i = 0; i < cards->len; i++)
    {
      CardDraft *d = g_ptr_array_index (cards, i);
      guint n;

      if (d->placed)
        continue;
      n = placed[d->kind]++;
      /* Still inside the board whatever the diagram's extent. */
      d->x = CLAMP (origin[d->kind] + (n % columns[d->kind]) * COLUMN_WIDTH, -EB_COORD_MAX, EB_COORD_MAX);
      d->y = CLAMP (top + (n / columns[d->kind]) * ROW_HEIGHT, -EB_COORD_MAX, EB_COORD_MAX);
    }
}

static gboolean
add_cards (EbBoard    *board,
           GPtrArray  *cards,
           GError    **error)
{
  for (guint i = 0; i < cards->len; i++)
    {
      CardDraft *d = g_ptr_array_index (cards, i);
      g_autoptr(EbCard) card = NULL;

      if (!eb_text_is_valid (d->notes->str, d->notes->len))
        {
          g_autofree char *who = eb_ftm_shown (d->entity->id);

          return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE,
                               _("Entity “%s” holds more text than a card can (%d bytes)"), who, EB_TEXT_MAX);
        }

      card = g_object_new (EB_TYPE_CARD,
                           "id", d->item_id,
                           "kind", d->kind,
                           "x", d->x,
                           "y", d->y,
                           "notes", d->notes->str,
                           "color", d->color,
                           NULL);
      for (guint j = 0; j + 1 < d->fields->len; j += 2)
        g_object_set (card, g_ptr_array_index (d->fields, j), g_ptr_array_index (d->fields, j + 1), NULL);

      if (!eb_json_board_add (board, EB_ITEM (card), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_links (EbBoard    *board,
           GPtrArray  *links,
           GError    **error)
{
  for (guint i = 0; i < links->len; i++)
    {
      LinkDraft *d = g_ptr_array_index (links, i);
      g_autoptr(EbLink) link = NULL;

      if (!eb_text_is_valid (d->label, -1))
        {
          g_autofree char *who = eb_ftm_shown (d->item_id);

          return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE,
                               _("Entity “%s” has a longer label than a link can hold (%d bytes)"), who, EB_TEXT_MAX);
        }

      link = g_object_new (EB_TYPE_LINK,
                           "id", d->item_id,
                           "from-id", d->from,
                           "to-id", d->to,
                           "label", d->label,
                           "kind", d->kind,
                           NULL);
      if (!eb_json_board_add (board, EB_ITEM (link), error))
        return FALSE;
    }

  return TRUE;
}

/**
 * eb_ftm_build_board:
 * @r: the entities and the diagram's positions and colours
 * @error: where to say why they make no board
 *
 * Returns: (transfer full) (nullable): a new board, or %NULL with @error set
 */
EbBoard *
eb_ftm_build_board (EbFtmReader  *r,
                    GError      **error)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify) card_draft_free);
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) link_draft_free);
  g_autoptr(GHashTable) by_ftm_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(EbBoard) board = eb_board_new ();
  gboolean ok;

  /* Things first, so relationships find their ends. */
  for (guint i = 0; i < r->entities->len; i++)
    {
      EbFtmEntity *entity = g_ptr_array_index (r->entities, i);

      if (eb_ftm_edge_lookup (entity->schema) == NULL)
        {
          CardDraft *d = card_draft_new (entity);

          g_ptr_array_add (cards, d);
          g_hash_table_insert (by_ftm_id, entity->id, d);
        }
    }

  for (guint i = 0; i < cards->len; i++)
    {
      CardDraft *d = g_ptr_array_index (cards, i);
      static const char *event_links[] = { "involved", "organizer" };

      fill_card (d);
      if (d->kind != EB_CARD_KIND_EVENT || strcmp (d->entity->schema, "Event") != 0)
        continue;

      /* An event names those involved in it: links, as Aleph draws them. */
      for (guint k = 0; k < G_N_ELEMENTS (event_links); k++)
        {
          EbFtmProp *prop = eb_ftm_entity_get (d->rest, event_links[k]);

          for (guint j = 0; prop != NULL && j < prop->values->len; )
            {
              CardDraft *other = g_hash_table_lookup (by_ftm_id, g_ptr_array_index (prop->values, j));
              g_autofree char *key = NULL;
              g_autofree char *sum = NULL;
              g_autofree char *id = NULL;

              if (other == NULL)
                {
                  j++;
                  continue;
                }
              key = g_strdup_printf ("%s\n%s\n%s", d->entity->id, event_links[k], other->entity->id);
              sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);
              id = g_strconcat ("ftm-", sum, NULL);
              g_ptr_array_add (links, link_draft_new (id, d->item_id, other->item_id, event_links[k],
                                                      EB_LINK_KIND_RELATED));
              g_ptr_array_remove_index (prop->values, j);
            }
        }
    }

  for (guint i = 0; i < r->entities->len; i++)
    {
      EbFtmEntity *entity = g_ptr_array_index (r->entities, i);
      const EbFtmEdge *edge = eb_ftm_edge_lookup (entity->schema);
      const char *source_value = NULL, *target_value = NULL;
      CardDraft *source, *target;

      if (edge == NULL)
        continue;

      source = first_card (entity, edge->source, by_ftm_id, &source_value);
      target = first_card (entity, edge->target, by_ftm_id, &target_value);
      if (source != NULL && target != NULL)
        g_ptr_array_add (links, make_link (entity, edge, source, source_value, target, target_value));
      else
        {
          /* One end is not in the file: keep the relationship as a note
           * rather than drop it. */
          CardDraft *d = card_draft_new (entity);

          d->kind = EB_CARD_KIND_NOTE;
          g_ptr_array_add (cards, d);
        }
    }

  for (guint i = 0; i < cards->len; i++)
    {
      CardDraft *d = g_ptr_array_index (cards, i);
      const double *xy = g_hash_table_lookup (r->vertices, d->entity->id);

      finish_card (d);
      if (xy != NULL)
        {
          /* To a thousandth, so positions survive the trip out and back. */
          d->x = round (xy[0] * EB_FTM_GRID_SCALE * 1000) / 1000;
          d->y = round (xy[1] * EB_FTM_GRID_SCALE * 1000) / 1000;
          d->placed = TRUE;
        }
      d->color = g_strdup (g_hash_table_lookup (r->colors, d->entity->id));
    }
  lay_out (cards);

  /* One batch, whether or not every item goes in: the board is dropped
   * on failure anyway. */
  eb_board_begin_batch (board);
  ok = add_cards (board, cards, error) && add_links (board, links, error);
  eb_board_end_batch (board);

  return ok ? g_steal_pointer (&board) : NULL;
}
