/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-json"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "eb-file.h"
#include "eb-json-private.h"
#include "eb-limits.h"

/* What the readers of every JSON-based format (board JSON, JSON Canvas,
 * FollowTheMoney) do alike: collect an item's validated fields, parse
 * scanned bytes, add items to the board, read a file bounded and name it
 * in the message. One copy, so their checks and messages stay the same. */

/* Frees the values collected so far; @fields can be filled again. */
void
eb_json_fields_clear (EbJsonFields *fields)
{
  for (guint i = 0; i < fields->n_values; i++)
    g_value_unset (&fields->values[i]);
  fields->n_values = 0;
}

/* Returns the new value, initialised to @type, for the caller to set. */
GValue *
eb_json_fields_add (EbJsonFields *fields,
                    const char   *property,
                    GType         type)
{
  g_assert (fields->n_values < EB_JSON_MAX_FIELDS);

  fields->names[fields->n_values] = property;
  return g_value_init (&fields->values[fields->n_values++], type);
}

void
eb_json_fields_add_string (EbJsonFields *fields,
                           const char   *property,
                           const char   *text)
{
  g_value_set_string (eb_json_fields_add (fields, property, G_TYPE_STRING), text);
}

/* Takes back the value of @property, if one was added, so the model's
 * default applies again. */
void
eb_json_fields_remove (EbJsonFields *fields,
                       const char   *property)
{
  for (guint i = 0; i < fields->n_values; i++)
    if (g_str_equal (fields->names[i], property))
      {
        g_value_unset (&fields->values[i]);
        fields->n_values--;
        if (i < fields->n_values)
          {
            fields->names[i] = fields->names[fields->n_values];
            fields->values[i] = fields->values[fields->n_values];
            memset (&fields->values[fields->n_values], 0, sizeof (GValue));
          }
        return;
      }
}

EbItem *
eb_json_fields_build (EbJsonFields *fields,
                      GType         type)
{
  return EB_ITEM (g_object_new_with_properties (type, fields->n_values, fields->names, fields->values));
}

/* Whether @node (which may be %NULL) is a value of @type. */
gboolean
eb_json_node_holds (JsonNode *node,
                    GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* Scans @data (eb_json_scan()) and parses it with @parser; returns its
 * root object, owned by @parser, or %NULL with @error set, saying
 * @not_object if the root is something else. */
JsonObject *
eb_json_parse_object (JsonParser  *parser,
                      const char  *data,
                      gsize        length,
                      const char  *not_object,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize skip;

  if (!eb_json_scan (data, length, EB_JSON_MAX_DEPTH, error))
    return NULL;

  skip = eb_json_bom_length (data, length);
  if (!json_parser_load_from_data (parser, data + skip, (gssize) (length - skip), &local_error))
    {
      /* Only if json-glib refuses something the scan let through. */
      eb_json_fail (error, EB_JSON_ERROR_SYNTAX, _("Not valid JSON: %s"), local_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      eb_json_fail (error, EB_JSON_ERROR_INVALID, "%s", not_object);
      return NULL;
    }

  return json_node_get_object (json_parser_get_root (parser));
}

/* Sets the board's title from @title, if there is one (%NULL: none). */
gboolean
eb_json_read_title (EbBoard   *board,
                    JsonNode  *title,
                    GError   **error)
{
  const char *text;

  if (title == NULL)
    return TRUE;

  if (!eb_json_node_holds (title, G_TYPE_STRING))
    return eb_json_fail (error, EB_JSON_ERROR_INVALID, _("The board’s “title” must be a string"));

  text = json_node_get_string (title);
  if (strlen (text) > EB_TEXT_MAX)
    return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE, _("The board’s “title” is longer than %d bytes"),
                         EB_TEXT_MAX);

  eb_board_set_title (board, text);
  return TRUE;
}

/* Adds @item to @board, in this module's words. The board finds duplicate
 * ids and links to missing ends; its messages already name the item. */
gboolean
eb_json_board_add (EbBoard  *board,
                   EbItem   *item,
                   GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  if (eb_board_add (board, item, &local_error))
    return TRUE;

  return eb_json_fail (error,
                       g_error_matches (local_error, EB_BOARD_ERROR, EB_BOARD_ERROR_TOO_MANY_ITEMS)
                         ? EB_JSON_ERROR_TOO_LARGE : EB_JSON_ERROR_INVALID,
                       "%s", local_error->message);
}

/* Reads the file, at most %EB_JSON_MAX_SIZE bytes (see
 * eb_file_read_bounded()), in this module's words. */
static gboolean
read_file_bounded (const char  *path,
                   char       **contents,
                   gsize       *length,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (eb_file_read_bounded (path, EB_JSON_MAX_SIZE, contents, length, &local_error))
    return TRUE;

  switch (local_error->code)
    {
    case EB_FILE_ERROR_OPEN:
      return eb_json_fail (error, EB_JSON_ERROR_IO, _("Cannot open the file: %s"), local_error->message);
    case EB_FILE_ERROR_NOT_REGULAR:
      return eb_json_fail (error, EB_JSON_ERROR_IO, _("Not a regular file"));
    case EB_FILE_ERROR_TOO_LARGE:
      {
        g_autofree char *have = g_format_size (*length);
        g_autofree char *most = g_format_size (EB_JSON_MAX_SIZE);

        return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE,
                             _("The file is too large (%s; the most a board may take is %s)"), have, most);
      }
    case EB_FILE_ERROR_NO_MEMORY:
      return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE, _("There is not enough memory to read the file"));
    case EB_FILE_ERROR_CHANGED:
      return eb_json_fail (error, EB_JSON_ERROR_IO, _("The file changed while it was being read"));
    default:
      return eb_json_fail (error, EB_JSON_ERROR_IO, _("Cannot read the file: %s"), local_error->message);
    }
}

/**
 * eb_json_read_file_with:
 * @path: a file, from anywhere
 * @read: reads a board from the file's bytes
 * @user_data: for @read
 * @error: where to say why it is not a usable board
 *
 * Reads @path, refusing files over %EB_JSON_MAX_SIZE before reading them,
 * and gives its bytes to @read. Every message, from reading the file or
 * from @read, begins with the file name.
 *
 * Returns: (transfer full) (nullable): what @read made, or %NULL with
 *   @error set
 */
EbBoard *
eb_json_read_file_with (const char      *path,
                        EbJsonReadFunc   read,
                        gpointer         user_data,
                        GError         **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  EbBoard *board = NULL;

  if (read_file_bounded (path, &data, &length, &local_error))
    board = read (data, length, user_data, &local_error);

  if (board == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", display);
    }

  return board;
}
