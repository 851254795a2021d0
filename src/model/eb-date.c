/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-date"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "eb-date.h"

static gboolean
read_digits (const char *p,
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

/**
 * eb_date_parse:
 * @text: (nullable): "YYYY", "YYYY-MM", "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"
 * @precision: (out) (optional): how much of the date @text gives
 * @start: (out) (optional) (transfer full): the first instant it can mean, in UTC
 *
 * Parses a date with its precision. Empty or %NULL text is "no date"
 * (%EB_DATE_PRECISION_NONE, @start set to %NULL) and is valid.
 *
 * Returns: %TRUE if @text is empty or a valid date in one of those forms
 */
gboolean
eb_date_parse (const char       *text,
               EbDatePrecision  *precision,
               GDateTime       **start)
{
  EbDatePrecision p;
  int year = 0, month = 1, day = 1, hour = 0, minute = 0;
  gsize len;
  GDateTime *dt;

  if (precision)
    *precision = EB_DATE_PRECISION_NONE;
  if (start)
    *start = NULL;

  if (text == NULL || text[0] == '\0')
    return TRUE;

  len = strlen (text);
  if (len == 4)
    p = EB_DATE_PRECISION_YEAR;
  else if (len == 7 && text[4] == '-')
    p = EB_DATE_PRECISION_MONTH;
  else if (len == 10 && text[4] == '-' && text[7] == '-')
    p = EB_DATE_PRECISION_DAY;
  else if (len == 16 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':')
    p = EB_DATE_PRECISION_MINUTE;
  else
    return FALSE;

  if (!read_digits (text, 4, &year) || year < 1)
    return FALSE;
  if (p >= EB_DATE_PRECISION_MONTH && !read_digits (text + 5, 2, &month))
    return FALSE;
  if (p >= EB_DATE_PRECISION_DAY && !read_digits (text + 8, 2, &day))
    return FALSE;
  if (p >= EB_DATE_PRECISION_MINUTE &&
      (!read_digits (text + 11, 2, &hour) || !read_digits (text + 14, 2, &minute)))
    return FALSE;

  /* GDateTime checks the calendar: month 13, 30 February, 25:00. */
  dt = g_date_time_new_utc (year, month, day, hour, minute, 0);
  if (dt == NULL)
    return FALSE;

  if (precision)
    *precision = p;
  if (start)
    *start = dt;
  else
    g_date_time_unref (dt);

  return TRUE;
}

/**
 * eb_date_is_valid:
 * @text: (nullable): a date as kept on a card
 *
 * Returns: %TRUE if @text is empty or one of the forms eb_date_parse() reads
 */
gboolean
eb_date_is_valid (const char *text)
{
  return eb_date_parse (text, NULL, NULL);
}

/**
 * eb_date_precision:
 * @text: (nullable): a valid date
 *
 * Returns: the precision of @text, %EB_DATE_PRECISION_NONE if empty or invalid
 */
EbDatePrecision
eb_date_precision (const char *text)
{
  EbDatePrecision p = EB_DATE_PRECISION_NONE;

  eb_date_parse (text, &p, NULL);
  return p;
}

/**
 * eb_date_format:
 * @text: (nullable): a date as kept on a card
 *
 * Formats a date for people, in the user's locale, showing only what is
 * known: "2024", "December 2024", "8 December 2024", "8 December 2024, 14:30".
 * The order of the parts comes from the translation, the month names from
 * the C library's locale (LC_TIME), so a Russian date reads "8 декабря 2024".
 *
 * Returns: (transfer full): the text to show; empty for no date, and the
 *   raw text back if it is not a valid date
 */
char *
eb_date_format (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  EbDatePrecision p;

  char *shown = NULL;

  if (!eb_date_parse (text, &p, &dt))
    return g_strdup (text);

  switch (p)
    {
    case EB_DATE_PRECISION_YEAR:
      /* Translators: a date known only to the year; see strftime(3) */
      shown = g_date_time_format (dt, C_("date", "%Y"));
      break;
    case EB_DATE_PRECISION_MONTH:
      /* Translators: a date known to the month, e.g. "December 2024"; see
       * g_date_time_format(). The month stands alone here: where a language
       * declines month names, use %OB, the standalone (nominative) form
       * ("декабрь 2024"); %B is the form used inside a full date ("8 декабря"). */
      shown = g_date_time_format (dt, C_("date", "%B %Y"));
      break;
    case EB_DATE_PRECISION_DAY:
      /* Translators: a date known to the day, e.g. "8 December 2024"; see
       * g_date_time_format(). %B is the month name as used in a date (the
       * genitive where a language declines it: "8 декабря 2024"). */
      shown = g_date_time_format (dt, C_("date", "%-d %B %Y"));
      break;
    case EB_DATE_PRECISION_MINUTE:
      /* Translators: a date and time in UTC, e.g. "8 December 2024, 14:30 UTC"; see
       * g_date_time_format() and the note on "%-d %B %Y" */
      shown = g_date_time_format (dt, C_("date", "%-d %B %Y, %H:%M UTC"));
      break;
    case EB_DATE_PRECISION_NONE:
    default:
      return g_strdup ("");
    }

  /* A translation with a format GLib cannot use still shows the date. */
  return shown ? shown : g_strdup (text);
}

/**
 * eb_date_compare:
 * @a: (nullable): a date
 * @b: (nullable): a date
 *
 * Orders dates by their first instant, then less precise first; no date
 * sorts last. Used to list events in time order.
 *
 * Returns: negative, zero or positive, as strcmp()
 */
int
eb_date_compare (const char *a,
                 const char *b)
{
  gboolean a_empty = a == NULL || a[0] == '\0';
  gboolean b_empty = b == NULL || b[0] == '\0';

  if (a_empty || b_empty)
    return a_empty - b_empty;

  /* The ISO forms compare correctly as text, and a prefix sorts first. */
  return strcmp (a, b);
}
