/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-limits"

#include "config.h"

#include <string.h>

#include "eb-limits.h"

/**
 * eb_text_is_valid:
 * @text: (nullable): text from a file
 * @length: its length in bytes, or -1 if nul-terminated
 *
 * Returns: %TRUE if @text is valid UTF-8, has no embedded nul and is within
 *   %EB_TEXT_MAX bytes; %NULL counts as valid (an empty field)
 */
gboolean
eb_text_is_valid (const char *text,
                  gssize      length)
{
  if (text == NULL)
    return TRUE;
  if (length < 0)
    length = strlen (text);
  if (length > EB_TEXT_MAX)
    return FALSE;
  return g_utf8_validate_len (text, length, NULL);
}

/**
 * eb_color_is_valid:
 * @color: (nullable): a colour as written in a board
 *
 * Colours are "#rrggbb", one of JSON Canvas's preset colours "1" to "6"
 * (red, orange, yellow, green, cyan, purple: kept by name so a canvas
 * goes back to Obsidian with the colours its theme gives them), or empty
 * (the default colour for the item's kind).
 *
 * Returns: %TRUE if @color is %NULL, empty, "1" to "6" or "#rrggbb"
 */
gboolean
eb_color_is_valid (const char *color)
{
  if (color == NULL || color[0] == '\0')
    return TRUE;
  if (color[0] >= '1' && color[0] <= '6' && color[1] == '\0')
    return TRUE;
  if (strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

/**
 * eb_id_is_valid:
 * @id: (nullable): an item id from a file
 *
 * Ids we make are 32 hex digits, but imported ones (JSON Canvas) are any
 * short printable ASCII string.
 *
 * Returns: %TRUE if @id is 1 to %EB_ID_MAX printable ASCII characters
 */
gboolean
eb_id_is_valid (const char *id)
{
  gsize i;

  if (id == NULL || id[0] == '\0')
    return FALSE;
  for (i = 0; id[i] != '\0'; i++)
    if (i >= EB_ID_MAX || !g_ascii_isprint (id[i]))
      return FALSE;
  return TRUE;
}
