/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-json"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "eb-json-private.h"

/* A strict RFC 8259 check of untrusted data, run before json-glib 1.6
 * sees it: json-glib accepts more than JSON (single quotes, comments, hex
 * numbers, "var x = …"), wraps big integers, turns 1e400 into inf, cuts
 * strings at \u0000, keeps ~80 bytes per value and recurses once per
 * nesting level (100,000 "[" overflow its stack). The scan builds nothing
 * and keeps its own stack of open containers. */

/* The longest number literal we read: plenty for any double, and it keeps
 * strtod's work bounded. */
#define NUMBER_LITERAL_MAX 400

/* Integers with more digits than this may not fit in a gint64, which
 * json-glib 1.6 wraps without a word. */
#define INTEGER_DIGITS_MAX 18

typedef struct
{
  const char *start;   /* after any BOM; positions are counted from here */
  guint       first_line;   /* the number of the first line, for messages */
  const char *end;
  GError    **error;
} Scan;

typedef enum {
  EXPECT_VALUE,
  EXPECT_VALUE_OR_CLOSE,  /* just after "[" */
  EXPECT_KEY,
  EXPECT_KEY_OR_CLOSE,    /* just after "{" */
  EXPECT_COLON,
  EXPECT_COMMA_OR_CLOSE,  /* after a value inside an array or object */
  EXPECT_NOTHING,         /* after the top-level value */
} ScanState;

static void
scan_position (const Scan *scan,
               const char *at,
               guint      *line,
               guint      *column)
{
  const char *line_start = scan->start;

  *line = scan->first_line;
  for (const char *q = scan->start; q < at; q++)
    if (*q == '\n')
      {
        (*line)++;
        line_start = q + 1;
      }

  /* Characters, not bytes, so the column matches what an editor shows. */
  *column = 1;
  for (const char *q = line_start; q < at; q++)
    if (((guchar) *q & 0xc0) != 0x80)
      (*column)++;
}

static gboolean
scan_fail (const Scan  *scan,
           EbJsonError  code,
           const char  *at,
           const char  *format,
           ...) G_GNUC_PRINTF (4, 5);

static gboolean
scan_fail (const Scan  *scan,
           EbJsonError  code,
           const char  *at,
           const char  *format,
           ...)
{
  g_autofree char *what = NULL;
  va_list args;
  guint line, column;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  scan_position (scan, at, &line, &column);
  /* Translators: the last %s says what is wrong, e.g. "a comment (JSON has no comments)" */
  return eb_json_fail (scan->error, code, _("Line %u, column %u: %s"), line, column, what);
}

static gboolean
scan_truncated (const Scan *scan)
{
  guint line, column;

  scan_position (scan, scan->end, &line, &column);
  return eb_json_fail (scan->error, EB_JSON_ERROR_SYNTAX,
               _("The data ends in the middle of a JSON value (line %u); is the file truncated?"),
               line);
}

/* Names the character at @p for a message: “x”, or U+00A0 for the invisible. */
static char *
describe_char (const char *p,
               const char *end)
{
  gunichar c = g_utf8_get_char_validated (p, end - p);
  char buf[8] = { 0 };

  if (c == (gunichar) -1 || c == (gunichar) -2)
    return g_strdup_printf ("0x%02X", (guchar) *p);
  if (!g_unichar_isgraph (c))
    return g_strdup_printf ("U+%04X", c);
  g_unichar_to_utf8 (c, buf);
  return g_strdup_printf ("“%s”", buf);
}

static gboolean
follows_comma (const Scan *scan,
               const char *p)
{
  while (p > scan->start && g_ascii_isspace (p[-1]))
    p--;
  return p > scan->start && p[-1] == ',';
}

static gboolean
scan_unexpected (const Scan *scan,
                 const char *p,
                 ScanState   state)
{
  g_autofree char *what = NULL;

  switch (*p)
    {
    case '\'':
      return scan_fail (scan, EB_JSON_ERROR_SYNTAX, p,
                        _("a single-quoted string (JSON strings use double quotes)"));
    case '/':
      return scan_fail (scan, EB_JSON_ERROR_SYNTAX, p, _("a comment (JSON has no comments)"));
    case ']':
    case '}':
      if ((state == EXPECT_VALUE || state == EXPECT_KEY) && follows_comma (scan, p))
        return scan_fail (scan, EB_JSON_ERROR_SYNTAX, p, _("a comma before “%c”"), *p);
      break;
    default:
      break;
    }

  if (g_ascii_isalpha (*p) || *p == '_')
    {
      const char *q = p;

      while (q < scan->end && q - p < 24 && (g_ascii_isalnum (*q) || *q == '_'))
        q++;
      what = g_strndup (p, q - p);
      if (state == EXPECT_KEY || state == EXPECT_KEY_OR_CLOSE)
        return scan_fail (scan, EB_JSON_ERROR_SYNTAX, p,
                          _("the member name “%s” is not in double quotes"), what);
      /* NaN, Infinity, undefined, var … */
      return scan_fail (scan, EB_JSON_ERROR_SYNTAX, p, _("“%s” is not a JSON value"), what);
    }

  what = describe_char (p, scan->end);

  switch (state)
    {
    case EXPECT_KEY:
    case EXPECT_KEY_OR_CLOSE:
      return scan_fail (scan, EB_JSON_ERROR_SYNTAX, p,
                        _("expected a member name in double quotes, found %s"), what);
    case EXPECT_COLON:
      return scan_fail (scan, EB_JSON_ERROR_SYNTAX, p,
                        _("expected “:” after a member name, found %s"), what);
    case EXPECT_COMMA_OR_CLOSE:
      return scan_fail (scan, EB_JSON_ERROR_SYNTAX, p,
                        _("expected “,” or the end of a list or object, found %s"), what);
    case EXPECT_NOTHING:
      return scan_fail (scan, EB_JSON_ERROR_SYNTAX, p,
                        _("more data after the end of the JSON value (%s)"), what);
    case EXPECT_VALUE:
    case EXPECT_VALUE_OR_CLOSE:
    default:
      return scan_fail (scan, EB_JSON_ERROR_SYNTAX, p, _("expected a value, found %s"), what);
    }
}

static gboolean
read_hex4 (const char *p,
           gunichar   *out)
{
  gunichar u = 0;

  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return FALSE;
      u = (u << 4) | g_ascii_xdigit_value (p[i]);
    }
  *out = u;
  return TRUE;
}

static gboolean
scan_string (const Scan  *scan,
             const char **pp)
{
  const char *p = *pp + 1;
  const char *end = scan->end;

  while (p < end)
    {
      guchar c = *p;
      gunichar u, low;

      if (c == '"')
        {
          *pp = p + 1;
          return TRUE;
        }

      if (c < 0x20)
        return scan_fail (scan, EB_JSON_ERROR_SYNTAX, p,
                          _("a control character inside a string (it must be escaped)"));

      if (c != '\\')
        {
          p++;
          continue;
        }

      if (end - p < 2)
        break;

      switch (p[1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          p += 2;
          break;

        case 'u':
          if (end - p < 6)
            return scan_truncated (scan);
          if (!read_hex4 (p + 2, &u))
            return scan_fail (scan, EB_JSON_ERROR_SYNTAX, p,
                              _("a \\u escape without four hex digits"));
          /* json-glib would cut the string here without a word. */
          if (u == 0)
            return scan_fail (scan, EB_JSON_ERROR_INVALID, p,
                              _("a NUL character (\\u0000) in a string"));
          if (u >= 0xdc00 && u <= 0xdfff)
            return scan_fail (scan, EB_JSON_ERROR_SYNTAX, p,
                              _("an unpaired UTF-16 surrogate in a \\u escape"));
          if (u >= 0xd800 && u <= 0xdbff)
            {
              if (end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
                  !read_hex4 (p + 8, &low) || low < 0xdc00 || low > 0xdfff)
                return scan_fail (scan, EB_JSON_ERROR_SYNTAX, p,
                                  _("an unpaired UTF-16 surrogate in a \\u escape"));
              p += 12;
            }
          else
            p += 6;
          break;

        default:
          {
            g_autofree char *what = describe_char (p + 1, end);
            return scan_fail (scan, EB_JSON_ERROR_SYNTAX, p,
                              _("an invalid escape “\\” + %s in a string"), what);
          }
        }
    }

  return scan_truncated (scan);
}

static gboolean
scan_number (const Scan  *scan,
             const char **pp)
{
  const char *start = *pp;
  const char *p = start;
  const char *end = scan->end;
  const char *digits;
  gboolean integer = TRUE;
  gsize length;

  if (*p == '-')
    p++;

  digits = p;
  if (p < end && *p == '0')
    {
      p++;
      if (p < end && g_ascii_isdigit (*p))
        return scan_fail (scan, EB_JSON_ERROR_SYNTAX, start, _("a number with a leading zero"));
    }
  else if (p < end && g_ascii_isdigit (*p))
    {
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  else if (p == end)
    return scan_truncated (scan);
  else
    return scan_fail (scan, EB_JSON_ERROR_SYNTAX, start, _("an invalid number"));

  if (integer && p - digits > INTEGER_DIGITS_MAX &&
      (p == end || (*p != '.' && *p != 'e' && *p != 'E')))
    return scan_fail (scan, EB_JSON_ERROR_TOO_LARGE, start,
                      _("an integer with more than %d digits"), INTEGER_DIGITS_MAX);

  if (p < end && *p == '.')
    {
      integer = FALSE;
      p++;
      if (p == end || !g_ascii_isdigit (*p))
        return scan_fail (scan, EB_JSON_ERROR_SYNTAX, start, _("an invalid number"));
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p == end || !g_ascii_isdigit (*p))
        return scan_fail (scan, EB_JSON_ERROR_SYNTAX, start, _("an invalid number"));
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  length = p - start;
  if (length > NUMBER_LITERAL_MAX)
    return scan_fail (scan, EB_JSON_ERROR_TOO_LARGE, start,
                      _("a number written with more than %d characters"), NUMBER_LITERAL_MAX);

  if (!integer)
    {
      char buf[NUMBER_LITERAL_MAX + 1];

      memcpy (buf, start, length);
      buf[length] = '\0';
      /* json-glib would turn this into inf without a word. Underflow to
       * zero is harmless and allowed. */
      if (isinf (g_ascii_strtod (buf, NULL)))
        return scan_fail (scan, EB_JSON_ERROR_TOO_LARGE, start,
                          _("a number too large for a double"));
    }

  *pp = p;
  return TRUE;
}

static gboolean
scan_literal (const char  *p,
              const char  *end,
              const char **after)
{
  static const char *literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);

      if ((gsize) (end - p) >= n && memcmp (p, literals[i], n) == 0)
        {
          *after = p + n;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * eb_json_scan_from_line:
 * @data: (array length=length): the bytes of a file
 * @length: how many
 * @max_depth: how deep arrays and objects may nest (at least 1)
 * @first_line: the number messages give the first line of @data: 1,
 *   or the line a piece of a JSON-lines file starts on
 * @error: where to say what is wrong
 *
 * Checks that @data is strict JSON (RFC 8259) within the limits a board
 * needs, without building anything and without recursion, so that it is
 * safe to hand to json-glib: at most %EB_JSON_MAX_SIZE bytes and
 * %EB_JSON_MAX_VALUES values (which bounds json-glib's memory), valid UTF-8
 * with no NUL bytes (raw or as \u0000), no comments, single quotes, bare
 * words or trailing commas, no integer json-glib would wrap, no number
 * that overflows a double, and no nesting deeper than @max_depth. A
 * leading UTF-8 byte order mark is accepted; eb_json_read() skips it.
 *
 * Returns: %TRUE if @data passes
 */
gboolean
eb_json_scan_from_line (const char  *data,
                        gsize        length,
                        guint        max_depth,
                        guint        first_line,
                        GError     **error)
{
  g_autofree guint8 *stack = NULL;    /* '[' or '{' for each open container */
  guint depth = 0;
  gsize n_values = 0;
  ScanState state = EXPECT_VALUE;
  const char *invalid;
  const char *p;
  Scan scan;
  gsize skip;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (max_depth > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length > EB_JSON_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *max = g_format_size (EB_JSON_MAX_SIZE);

      return eb_json_fail (error, EB_JSON_ERROR_TOO_LARGE,
                   _("The file is too large (%s; the most a board may take is %s)"), size, max);
    }

  skip = eb_json_bom_length (data, length);
  scan.start = data + skip;
  scan.end = data + length;
  scan.error = error;
  scan.first_line = first_line;

  /* Some Windows tools save text as UTF-16 with a byte order mark: say
   * that, not that the zero bytes in it make it binary. */
  if (length >= 2 &&
      (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    return eb_json_fail (error, EB_JSON_ERROR_SYNTAX,
                         _("The file is in UTF-16 (it starts with a UTF-16 byte order mark); JSON files must be UTF-8"));

  p = memchr (scan.start, '\0', scan.end - scan.start);
  if (p != NULL)
    return scan_fail (&scan, EB_JSON_ERROR_SYNTAX, p,
                      _("a NUL byte (this is binary data, not JSON)"));

  if (!g_utf8_validate_len (scan.start, scan.end - scan.start, &invalid))
    return scan_fail (&scan, EB_JSON_ERROR_SYNTAX, invalid, _("bytes that are not valid UTF-8"));

  /* The stack can never be deeper than the data is long. */
  stack = g_malloc (MIN (max_depth, (gsize) (scan.end - scan.start)) + 1);

  for (p = scan.start; ; )
    {
      while (p < scan.end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
      if (p == scan.end)
        break;

      switch (state)
        {
        case EXPECT_VALUE_OR_CLOSE:
          if (*p == ']')
            {
              depth--;
              p++;
              state = depth > 0 ? EXPECT_COMMA_OR_CLOSE : EXPECT_NOTHING;
              continue;
            }
          G_GNUC_FALLTHROUGH;

        case EXPECT_VALUE:
          if (++n_values > EB_JSON_MAX_VALUES)
            return scan_fail (&scan, EB_JSON_ERROR_TOO_LARGE, p,
                              _("more than %lld values, more than any board needs"),
                              (long long) EB_JSON_MAX_VALUES);
          if (*p == '[' || *p == '{')
            {
              if (depth >= max_depth)
                return scan_fail (&scan, EB_JSON_ERROR_TOO_DEEP, p,
                                  _("lists and objects nested more than %u deep"), max_depth);
              stack[depth++] = *p;
              state = *p == '[' ? EXPECT_VALUE_OR_CLOSE : EXPECT_KEY_OR_CLOSE;
              p++;
              continue;
            }
          else if (*p == '"')
            {
              if (!scan_string (&scan, &p))
                return FALSE;
            }
          else if (*p == '-' || g_ascii_isdigit (*p))
            {
              if (!scan_number (&scan, &p))
                return FALSE;
            }
          else if (!scan_literal (p, scan.end, &p))
            return scan_unexpected (&scan, p, state);

          state = depth > 0 ? EXPECT_COMMA_OR_CLOSE : EXPECT_NOTHING;
          continue;

        case EXPECT_KEY_OR_CLOSE:
          if (*p == '}')
            {
              depth--;
              p++;
              state = depth > 0 ? EXPECT_COMMA_OR_CLOSE : EXPECT_NOTHING;
              continue;
            }
          G_GNUC_FALLTHROUGH;

        case EXPECT_KEY:
          if (*p != '"')
            return scan_unexpected (&scan, p, state);
          if (!scan_string (&scan, &p))
            return FALSE;
          state = EXPECT_COLON;
          continue;

        case EXPECT_COLON:
          if (*p != ':')
            return scan_unexpected (&scan, p, state);
          p++;
          state = EXPECT_VALUE;
          continue;

        case EXPECT_COMMA_OR_CLOSE:
          if (*p == ',')
            {
              p++;
              state = stack[depth - 1] == '[' ? EXPECT_VALUE : EXPECT_KEY;
              continue;
            }
          if ((*p == ']' && stack[depth - 1] == '[') || (*p == '}' && stack[depth - 1] == '{'))
            {
              depth--;
              p++;
              state = depth > 0 ? EXPECT_COMMA_OR_CLOSE : EXPECT_NOTHING;
              continue;
            }
          return scan_unexpected (&scan, p, state);

        case EXPECT_NOTHING:
        default:
          return scan_unexpected (&scan, p, state);
        }
    }

  if (state == EXPECT_NOTHING)
    return TRUE;

  if (depth == 0)
    {
      if (scan.end == scan.start)
        return eb_json_fail (error, EB_JSON_ERROR_SYNTAX, _("The file is empty"));
      return eb_json_fail (error, EB_JSON_ERROR_SYNTAX, _("The file holds only white space"));
    }

  return scan_truncated (&scan);
}

/**
 * eb_json_scan:
 * @data: (array length=length): the bytes of a file
 * @length: how many
 * @max_depth: how deep arrays and objects may nest (at least 1)
 * @error: where to say what is wrong
 *
 * eb_json_scan_from_line() for a whole file.
 *
 * Returns: %TRUE if @data passes
 */
gboolean
eb_json_scan (const char  *data,
              gsize        length,
              guint        max_depth,
              GError     **error)
{
  return eb_json_scan_from_line (data, length, max_depth, 1, error);
}
