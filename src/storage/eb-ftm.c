/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-ftm"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "eb-date.h"
#include "eb-ftm-private.h"
#include "eb-json-private.h"

/* FollowTheMoney (https://followthemoney.tech), the entity model of OCCRP
 * Aleph and OpenSanctions. An entity is {"id", "schema", "properties"},
 * every property a list of strings. Things (Person, Event, Article, …)
 * become cards; relationship schemata (Membership, Family, …) become
 * links.
 *
 * Cards have fewer fields than entities have properties, so whatever has
 * no field is kept at the end of the card's notes, in a block people can
 * read and that the writer reads back:
 *
 *   — FollowTheMoney Vessel —
 *   flag: ru
 *   — FollowTheMoney Membership, link 6f1e… —
 *   startDate: 2000-07-17
 *
 * A link has no notes, so what a relationship carries beyond its two
 * ends and its label goes in a section of its first card's block.
 *
 * eb-ftm-read.c checks and reads entities, eb-ftm-build.c turns them
 * into a board, eb-ftm-write.c writes one. The block's words are not
 * translated: they are data, read back by the writer. */

#define BLOCK_OPEN  "— FollowTheMoney "
#define BLOCK_CLOSE " —"
#define BLOCK_LINK  ", link "

static const EbFtmEdge edges[] = {
  { "UnknownLink", "subject", "object", "role", "", EB_LINK_KIND_RELATED, FALSE },
  { "Associate", "person", "associate", "relationship", "Associate", EB_LINK_KIND_RELATED, FALSE },
  { "Family", "person", "relative", "relationship", "Family", EB_LINK_KIND_RELATED, FALSE },
  { "Membership", "member", "organization", "role", "Membership", EB_LINK_KIND_RELATED, FALSE },
  { "Directorship", "director", "organization", "role", "Directorship", EB_LINK_KIND_RELATED, FALSE },
  { "Ownership", "owner", "asset", "role", "Ownership", EB_LINK_KIND_RELATED, FALSE },
  { "Employment", "employee", "employer", "role", "Employment", EB_LINK_KIND_RELATED, FALSE },
  { "Representation", "agent", "client", "role", "Representation", EB_LINK_KIND_RELATED, FALSE },
  { "Succession", "predecessor", "successor", "role", "Succession", EB_LINK_KIND_RELATED, FALSE },
  { "Payment", "payer", "beneficiary", "purpose", "Payment", EB_LINK_KIND_RELATED, FALSE },
  { "Occupancy", "holder", "post", "status", "Occupancy", EB_LINK_KIND_RELATED, FALSE },
  /* A source documents a card: our link runs from the card to the source. */
  { "Documentation", "document", "entity", "role", "", EB_LINK_KIND_REPORTED_BY, TRUE },
};

static const struct {
  const char *schema;
  EbCardKind  kind;
} things[] = {
  { "Person", EB_CARD_KIND_PERSON },
  { "Event", EB_CARD_KIND_EVENT },
  { "Article", EB_CARD_KIND_SOURCE },
  { "Document", EB_CARD_KIND_SOURCE },
  { "PlainText", EB_CARD_KIND_SOURCE },
  { "HyperText", EB_CARD_KIND_SOURCE },
  { "Pages", EB_CARD_KIND_SOURCE },
  { "Image", EB_CARD_KIND_SOURCE },
  { "Video", EB_CARD_KIND_SOURCE },
  { "Audio", EB_CARD_KIND_SOURCE },
  { "Email", EB_CARD_KIND_SOURCE },
  { "Note", EB_CARD_KIND_NOTE },
};

static const EbFtmField person_fields[] = {
  { "title", { "name" }, FALSE, FALSE },
  { "aliases", { "alias" }, TRUE, FALSE },
  { "role", { "position" }, FALSE, FALSE },
  { "url", { "sourceUrl" }, FALSE, FALSE },
};

static const EbFtmField event_fields[] = {
  { "title", { "name" }, FALSE, FALSE },
  { "aliases", { "alias" }, TRUE, FALSE },
  { "date", { "date", "startDate" }, FALSE, TRUE },
  { "end-date", { "endDate" }, FALSE, TRUE },
  { "place", { "location", "country" }, FALSE, FALSE },
  { "url", { "sourceUrl" }, FALSE, FALSE },
};

static const EbFtmField source_fields[] = {
  { "title", { "title", "name", "fileName" }, FALSE, FALSE },
  { "aliases", { "alias" }, TRUE, FALSE },
  { "date", { "publishedAt", "date", "authoredAt" }, FALSE, TRUE },
  { "publisher", { "publisher" }, FALSE, FALSE },
  { "url", { "sourceUrl" }, FALSE, FALSE },
};

static const EbFtmField note_fields[] = {
  { "title", { "name" }, FALSE, FALSE },
  { "aliases", { "alias" }, TRUE, FALSE },
  { "url", { "sourceUrl" }, FALSE, FALSE },
};

/* The card fields each kind keeps in properties; the notes are the
 * "description" everywhere and are handled apart, with the block. */
const EbFtmField *
eb_ftm_kind_fields (EbCardKind  kind,
                    guint      *n_fields)
{
  switch (kind)
    {
    case EB_CARD_KIND_PERSON:
      *n_fields = G_N_ELEMENTS (person_fields);
      return person_fields;
    case EB_CARD_KIND_EVENT:
      *n_fields = G_N_ELEMENTS (event_fields);
      return event_fields;
    case EB_CARD_KIND_SOURCE:
      *n_fields = G_N_ELEMENTS (source_fields);
      return source_fields;
    case EB_CARD_KIND_NOTE:
    default:
      *n_fields = G_N_ELEMENTS (note_fields);
      return note_fields;
    }
}

/* An event with an end is an interval: its date is the "startDate";
 * without one it is the "date". */
void
eb_ftm_field_props (const EbFtmField  *field,
                    gboolean           has_end,
                    const char       **props)
{
  memcpy (props, field->props, sizeof field->props);
  if (has_end && strcmp (field->field, "date") == 0 && g_strcmp0 (props[1], "startDate") == 0)
    {
      props[0] = "startDate";
      props[1] = "date";
    }
}

EbFtmEntity *
eb_ftm_entity_new (const char *id,
                   const char *schema)
{
  EbFtmEntity *entity = g_new0 (EbFtmEntity, 1);

  entity->id = g_strdup (id);
  entity->schema = g_strdup (schema);
  entity->props = g_ptr_array_new ();
  return entity;
}

void
eb_ftm_entity_free (EbFtmEntity *entity)
{
  if (entity == NULL)
    return;

  for (guint i = 0; i < entity->props->len; i++)
    {
      EbFtmProp *prop = g_ptr_array_index (entity->props, i);

      g_free (prop->name);
      g_ptr_array_unref (prop->values);
      g_free (prop);
    }
  g_ptr_array_unref (entity->props);
  g_free (entity->id);
  g_free (entity->schema);
  g_free (entity->link_id);
  g_free (entity);
}

EbFtmProp *
eb_ftm_entity_get (EbFtmEntity *entity,
                   const char  *name)
{
  /* Entities have a dozen properties at most: a list is fastest. */
  for (guint i = 0; i < entity->props->len; i++)
    {
      EbFtmProp *prop = g_ptr_array_index (entity->props, i);

      if (strcmp (prop->name, name) == 0)
        return prop;
    }
  return NULL;
}

EbFtmProp *
eb_ftm_entity_ensure (EbFtmEntity *entity,
                      const char  *name)
{
  EbFtmProp *prop = eb_ftm_entity_get (entity, name);

  if (prop == NULL)
    {
      prop = g_new0 (EbFtmProp, 1);
      prop->name = g_strdup (name);
      prop->values = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (entity->props, prop);
    }
  return prop;
}

/* Returns %FALSE if the value was there already: FtM values are sets. */
gboolean
eb_ftm_entity_add_value (EbFtmEntity *entity,
                         const char  *name,
                         const char  *value)
{
  EbFtmProp *prop = eb_ftm_entity_ensure (entity, name);

  for (guint i = 0; i < prop->values->len; i++)
    if (strcmp (g_ptr_array_index (prop->values, i), value) == 0)
      return FALSE;

  g_ptr_array_add (prop->values, g_strdup (value));
  return TRUE;
}

const char *
eb_ftm_entity_first (EbFtmEntity *entity,
                     const char  *name)
{
  EbFtmProp *prop = eb_ftm_entity_get (entity, name);

  if (prop == NULL || prop->values->len == 0)
    return NULL;
  return g_ptr_array_index (prop->values, 0);
}

/* An id as shown in a message: short, on one line, and never half a
 * character. */
char *
eb_ftm_shown (const char *text)
{
  g_autofree char *start = NULL;
  char *line;

  if (g_utf8_strlen (text, 61) <= 60)
    line = g_strdup (text);
  else
    {
      start = g_utf8_substring (text, 0, 57);
      line = g_strconcat (start, "…", NULL);
    }

  for (char *p = line; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return line;
}

/* Schema and property names are identifiers ("Person", "birthDate"); we
 * rely on it to write and read them in the notes block. */
gboolean
eb_ftm_name_is_valid (const char *name)
{
  gsize i;

  if (name == NULL || !g_ascii_isalpha (name[0]))
    return FALSE;
  for (i = 0; name[i] != '\0'; i++)
    if (i >= EB_FTM_NAME_MAX || !(g_ascii_isalnum (name[i]) || name[i] == '_'))
      return FALSE;
  return TRUE;
}

/* Returns: (nullable): how @schema becomes a link, or %NULL if it is a thing */
const EbFtmEdge *
eb_ftm_edge_lookup (const char *schema)
{
  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    if (g_strcmp0 (edges[i].schema, schema) == 0)
      return &edges[i];
  return NULL;
}

/* Organisations and schemata we do not know become notes, their schema
 * kept in the notes block. */
EbCardKind
eb_ftm_schema_kind (const char *schema)
{
  for (guint i = 0; i < G_N_ELEMENTS (things); i++)
    if (g_strcmp0 (things[i].schema, schema) == 0)
      return things[i].kind;
  return EB_CARD_KIND_NOTE;
}

/* The schema a card of @kind is written as when it did not come from FtM. */
const char *
eb_ftm_kind_schema (EbCardKind kind)
{
  switch (kind)
    {
    case EB_CARD_KIND_PERSON:
      return "Person";
    case EB_CARD_KIND_EVENT:
      return "Event";
    case EB_CARD_KIND_SOURCE:
      return "Article";
    case EB_CARD_KIND_NOTE:
    default:
      return "Note";
    }
}

/* FtM dates are ISO 8601 prefixes, to the second and with a zone if need
 * be ("2024-12-08T14:30:00Z"); a card keeps minutes at most.
 *
 * Returns: (nullable): @value as a card date, or %NULL if it is none */
char *
eb_ftm_date_normalize (const char *value)
{
  gsize length = strlen (value);

  if (eb_date_is_valid (value))
    return g_strdup (value);
  if (length > 16 && value[10] == 'T')
    {
      g_autofree char *minute = g_strndup (value, 16);

      if (eb_date_is_valid (minute))
        return g_steal_pointer (&minute);
    }
  if (length > 10 && (value[10] == 'T' || value[10] == ' '))
    {
      g_autofree char *day = g_strndup (value, 10);

      if (eb_date_is_valid (day))
        return g_steal_pointer (&day);
    }
  return NULL;
}

static void
append_escaped (GString    *s,
                const char *value)
{
  /* One value a line: newlines and the backslash are escaped. */
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\')
        g_string_append (s, "\\\\");
      else if (*p == '\n')
        g_string_append (s, "\\n");
      else if (*p == '\r')
        g_string_append (s, "\\r");
      else
        g_string_append_c (s, *p);
    }
}

static char *
unescape (const char *text,
          gsize       length)
{
  GString *s = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\\' && i + 1 < length)
        {
          i++;
          if (text[i] == 'n')
            g_string_append_c (s, '\n');
          else if (text[i] == 'r')
            g_string_append_c (s, '\r');
          else
            g_string_append_c (s, text[i]);
        }
      else
        g_string_append_c (s, text[i]);
    }
  return g_string_free (s, FALSE);
}

/**
 * eb_ftm_block_append:
 * @notes: a card's notes so far
 * @section: the properties to keep, with the entity's schema; its id is
 *   written only if it is not the card's (or link's) own
 *
 * Appends one section of the notes block.
 */
void
eb_ftm_block_append (GString     *notes,
                     EbFtmEntity *section)
{
  if (notes->len > 0)
    g_string_append (notes, notes->str[notes->len - 1] == '\n' ? "\n" : "\n\n");

  g_string_append_printf (notes, BLOCK_OPEN "%s", section->schema);
  if (section->link_id != NULL)
    g_string_append_printf (notes, BLOCK_LINK "%s", section->link_id);
  g_string_append (notes, BLOCK_CLOSE);

  if (section->id != NULL)
    {
      g_string_append (notes, "\nid: ");
      append_escaped (notes, section->id);
    }

  for (guint i = 0; i < section->props->len; i++)
    {
      EbFtmProp *prop = g_ptr_array_index (section->props, i);

      for (guint j = 0; j < prop->values->len; j++)
        {
          g_string_append_printf (notes, "\n%s: ", prop->name);
          append_escaped (notes, g_ptr_array_index (prop->values, j));
        }
    }
}

/* Reads a section header line; returns %FALSE if @line is none. */
static gboolean
parse_header (const char  *line,
              gsize        length,
              char       **schema,
              char       **link_id)
{
  const char *end = line + length;
  const char *p;
  const char *comma;

  if (!g_str_has_prefix (line, BLOCK_OPEN) ||
      length < strlen (BLOCK_OPEN) + strlen (BLOCK_CLOSE) ||
      memcmp (end - strlen (BLOCK_CLOSE), BLOCK_CLOSE, strlen (BLOCK_CLOSE)) != 0)
    return FALSE;

  p = line + strlen (BLOCK_OPEN);
  end -= strlen (BLOCK_CLOSE);
  if (p > end)
    return FALSE;

  comma = g_strstr_len (p, end - p, BLOCK_LINK);
  *schema = g_strndup (p, (comma ? comma : end) - p);
  *link_id = comma ? g_strndup (comma + strlen (BLOCK_LINK), end - comma - strlen (BLOCK_LINK)) : NULL;

  if (!eb_ftm_name_is_valid (*schema) || (*link_id != NULL && (*link_id)[0] == '\0'))
    {
      g_clear_pointer (schema, g_free);
      g_clear_pointer (link_id, g_free);
      return FALSE;
    }
  return TRUE;
}

/**
 * eb_ftm_block_parse:
 * @notes: (nullable): a card's notes
 * @free_text: (out): the notes without the block
 *
 * Reads back what eb_ftm_block_append() wrote, and what people may have
 * changed in it since: lines that are not "property: value" are kept in
 * @free_text rather than lost.
 *
 * Returns: (transfer container) (element-type EbFtmEntity): the sections,
 *   each with a %NULL id unless the block names one
 */
GPtrArray *
eb_ftm_block_parse (const char  *notes,
                    char       **free_text)
{
  GPtrArray *sections = g_ptr_array_new_with_free_func ((GDestroyNotify) eb_ftm_entity_free);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) stray = g_string_new (NULL);
  EbFtmEntity *section = NULL;
  const char *p = notes ? notes : "";

  while (*p != '\0')
    {
      const char *nl = strchr (p, '\n');
      gsize length = nl ? (gsize) (nl - p) : strlen (p);
      g_autofree char *schema = NULL;
      g_autofree char *link_id = NULL;

      if (parse_header (p, length, &schema, &link_id))
        {
          section = eb_ftm_entity_new (NULL, schema);
          section->link_id = g_steal_pointer (&link_id);
          g_ptr_array_add (sections, section);
        }
      else if (section == NULL)
        g_string_append_len (text, p, nl ? length + 1 : length);
      else if (length > 0)
        {
          const char *colon = memchr (p, ':', length);
          g_autofree char *name = colon ? g_strndup (p, colon - p) : NULL;

          if (colon != NULL && colon + 1 < p + length && colon[1] == ' ' &&
              (strcmp (name, "id") == 0 || eb_ftm_name_is_valid (name)))
            {
              g_autofree char *value = unescape (colon + 2, p + length - colon - 2);

              if (strcmp (name, "id") == 0)
                {
                  g_free (section->id);
                  section->id = g_steal_pointer (&value);
                }
              else
                eb_ftm_entity_add_value (section, name, value);
            }
          else
            {
              /* Someone wrote in the block: keep their words. */
              g_string_append_len (stray, p, length);
              g_string_append_c (stray, '\n');
            }
        }

      p += length;
      if (*p == '\n')
        p++;
    }

  /* The blank line eb_ftm_block_append() put before the block. */
  while (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  if (stray->len > 0)
    {
      g_string_truncate (stray, stray->len - 1);
      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n\n" : "", stray->str);
    }

  *free_text = g_string_free (g_steal_pointer (&text), FALSE);
  return sections;
}

static EbBoard *
read_data (const char  *data,
           gsize        length,
           gpointer     user_data,
           GError     **error)
{
  return eb_ftm_read (data, length, error);
}

/**
 * eb_ftm_read_file:
 * @path: a FollowTheMoney file (.jsonl or .ftm), from anywhere
 * @error: where to say why it cannot be read
 *
 * Reads a board from a file as eb_ftm_read() does, refusing files over
 * %EB_JSON_MAX_SIZE before reading them. Messages begin with the file name.
 *
 * Returns: (transfer full) (nullable): a new board, or %NULL with @error set
 */
EbBoard *
eb_ftm_read_file (const char  *path,
                  GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return eb_json_read_file_with (path, read_data, NULL, error);
}

/**
 * eb_ftm_write_file:
 * @board: a board
 * @path: where to write it
 * @layout: JSON lines or an Aleph diagram
 * @error: where to say why it cannot be written
 *
 * Writes eb_ftm_write()'s text to @path atomically with eb_file_replace(),
 * so a crash never leaves half a file. Messages begin with the file name.
 *
 * Returns: %TRUE on success
 */
gboolean
eb_ftm_write_file (EbBoard      *board,
                   const char   *path,
                   EbFtmLayout   layout,
                   GError      **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (EB_IS_BOARD (board), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = eb_ftm_write (board, layout, &length);
  return eb_json_write_text_file (path, data, length, error);
}
