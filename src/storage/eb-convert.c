/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-convert"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>

#include <string.h>

#include "eb-convert.h"
#include "eb-file.h"
#include "eb-ftm.h"
#include "eb-json.h"
#include "eb-jsoncanvas.h"
#include "eb-store.h"

/* Reading any board file by its content and writing it in the format its
 * name asks for: what `evidence-board --check` and `--export` do, kept out
 * of main.c so it can be tested and reused by the UI's import. */

static const char sqlite_header[16] = "SQLite format 3";   /* with its NUL */

static const struct {
  const char   *extension;
  EbFileFormat  format;
} extensions[] = {
  { "board", EB_FILE_FORMAT_BOARD },
  { "json", EB_FILE_FORMAT_JSON },
  { "canvas", EB_FILE_FORMAT_CANVAS },
  { "png", EB_FILE_FORMAT_PNG },
  { "svg", EB_FILE_FORMAT_SVG },
  { "pdf", EB_FILE_FORMAT_PDF },
  { "jsonl", EB_FILE_FORMAT_JSONL },
  { "ftm", EB_FILE_FORMAT_FTM },
};

static const char *
extension_of (const char *path)
{
  const char *slash = strrchr (path, G_DIR_SEPARATOR);
  const char *name = slash ? slash + 1 : path;
  const char *dot = strrchr (name, '.');

  /* A dot in a folder name, or a hidden file like ".json", is no extension. */
  if (dot == NULL || dot == name)
    return NULL;
  return dot + 1;
}

/**
 * eb_file_format_from_path:
 * @path: a file name
 *
 * Returns: the format @path's extension names (case does not matter)
 */
EbFileFormat
eb_file_format_from_path (const char *path)
{
  const char *extension;

  g_return_val_if_fail (path != NULL, EB_FILE_FORMAT_UNKNOWN);

  extension = extension_of (path);
  if (extension == NULL)
    return EB_FILE_FORMAT_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_ascii_strcasecmp (extension, extensions[i].extension) == 0)
      return extensions[i].format;

  return EB_FILE_FORMAT_UNKNOWN;
}

/**
 * eb_file_format_get_name:
 * @format: a file format
 *
 * Returns: the format's name for people, e.g. "PNG"
 */
const char *
eb_file_format_get_name (EbFileFormat format)
{
  switch (format)
    {
    case EB_FILE_FORMAT_BOARD: return _("Evidence Board");
    case EB_FILE_FORMAT_JSON: return "JSON";
    case EB_FILE_FORMAT_CANVAS: return "JSON Canvas";
    case EB_FILE_FORMAT_PNG: return "PNG";
    case EB_FILE_FORMAT_SVG: return "SVG";
    case EB_FILE_FORMAT_PDF: return "PDF";
    case EB_FILE_FORMAT_JSONL: return "JSON Lines";
    case EB_FILE_FORMAT_FTM: return "FollowTheMoney";
    case EB_FILE_FORMAT_UNKNOWN:
    /* Translators: the format of a file, in the --check summary, when it is not known */
    default: return _("unknown");
    }
}

/**
 * eb_file_format_is_image:
 * @format: a file format
 *
 * Returns: %TRUE for the formats that draw the board, where a scale means
 *   something
 */
gboolean
eb_file_format_is_image (EbFileFormat format)
{
  return format == EB_FILE_FORMAT_PNG || format == EB_FILE_FORMAT_SVG || format == EB_FILE_FORMAT_PDF;
}

/**
 * eb_convert_check_output:
 * @path: where an export is to go
 * @format: (out) (optional): the format @path's extension names
 * @error: where to say why this build cannot write it
 *
 * Tells, before any work is done, whether a board can be exported to
 * @path: its extension must name a format this build writes.
 *
 * Returns: %TRUE if eb_convert_write() can write @path's format
 */
gboolean
eb_convert_check_output (const char    *path,
                         EbFileFormat  *format,
                         GError       **error)
{
  EbFileFormat f;
  const char *extension;

  g_return_val_if_fail (path != NULL, FALSE);

  f = eb_file_format_from_path (path);
  if (format != NULL)
    *format = f;

  switch (f)
    {
    case EB_FILE_FORMAT_BOARD:
    case EB_FILE_FORMAT_JSON:
    case EB_FILE_FORMAT_CANVAS:
    case EB_FILE_FORMAT_JSONL:
    case EB_FILE_FORMAT_FTM:
      return TRUE;

    case EB_FILE_FORMAT_PNG:
    case EB_FILE_FORMAT_SVG:
    case EB_FILE_FORMAT_PDF:
      /* Images are drawn by the render layer (eb_export_to_file()). */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* Translators: %s is a file format, e.g. "PNG" */
                   _("Exporting to %s needs the image exporter; use .board, .json, .canvas, .jsonl or .ftm"),
                   eb_file_format_get_name (f));
      return FALSE;

    case EB_FILE_FORMAT_UNKNOWN:
    default:
      extension = extension_of (path);
      if (extension == NULL || extension[0] == '\0')
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("The file name has no extension to choose the export format; "
                       "use .board, .json, .canvas, .jsonl, .ftm, .png, .svg or .pdf"));
      else
        {
          g_autofree char *shown = g_utf8_make_valid (extension, MIN (strlen (extension), 20));

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Unknown export format “.%s”; use .board, .json, .canvas, .jsonl, .ftm, .png, .svg or .pdf"),
                       shown);
        }
      return FALSE;
    }
}

/* What the first bytes of a file say it is. */
typedef enum {
  CONTENT_SQLITE,
  CONTENT_SQLITE_TRUNCATED,
  CONTENT_JSON,
  CONTENT_OTHER,
} Content;

/* How much of a file is read to tell the JSON formats apart: their
 * telling keys come first in every file we have seen, but a canvas may
 * start with a long "edges" list before "nodes". */
#define HEAD_SIZE 65536

/* The keys of the first JSON object in @head that tell the formats
 * apart, found by a walk that only counts brackets and skips strings: it
 * builds nothing and is safe on any bytes, cut off anywhere. */
typedef struct
{
  gboolean format;       /* "format": ours */
  gboolean canvas;       /* "nodes" or "edges": JSON Canvas */
  gboolean entities;     /* "entities": an Aleph diagram */
  gboolean schema;       /* "schema" and "properties": one FtM entity */
  gboolean properties;
} Keys;

static void
find_keys (const guint8 *head,
           gsize         n,
           gsize         start,
           Keys         *keys)
{
  guint depth = 0;
  gsize i = start;

  *keys = (Keys) { 0 };

  while (i < n)
    {
      guint8 c = head[i];

      if (c == '"')
        {
          gsize begin = ++i;
          gsize length;

          while (i < n && head[i] != '"')
            i += head[i] == '\\' ? 2 : 1;
          if (i >= n)
            return;
          length = i - begin;
          i++;

          /* A key of the top-level object is a string at depth 1
           * followed by a colon. */
          if (depth == 1)
            {
              gsize j = i;

              while (j < n && (head[j] == ' ' || head[j] == '\t' || head[j] == '\n' || head[j] == '\r'))
                j++;
              if (j < n && head[j] == ':')
                {
#define IS_KEY(name) (length == strlen (name) && memcmp (head + begin, name, length) == 0)
                  if (IS_KEY ("format"))
                    keys->format = TRUE;
                  else if (IS_KEY ("nodes") || IS_KEY ("edges"))
                    keys->canvas = TRUE;
                  else if (IS_KEY ("entities"))
                    keys->entities = TRUE;
                  else if (IS_KEY ("schema"))
                    keys->schema = TRUE;
                  else if (IS_KEY ("properties"))
                    keys->properties = TRUE;
#undef IS_KEY
                }
            }
          continue;
        }

      if (c == '{' || c == '[')
        {
          /* Only an object at the top counts. */
          if (depth == 0 && c == '[')
            return;
          depth++;
        }
      else if (c == '}' || c == ']')
        {
          if (depth <= 1)
            return;   /* the end of the first object: one line of JSON lines */
          depth--;
        }
      i++;
    }
}

static Content
sniff (const char *path,
       Keys       *keys)
{
  g_autofree guint8 *head = g_malloc (HEAD_SIZE);
  gssize n;
  gssize i = 0;

  *keys = (Keys) { 0 };

  /* Anything we cannot open or that is not a regular file goes to the
   * JSON reader, which says why in the usual words. */
  n = eb_file_read_head (path, head, HEAD_SIZE, NULL);
  if (n <= 0)
    return CONTENT_JSON;

  if (n >= (gssize) sizeof sqlite_header && memcmp (head, sqlite_header, sizeof sqlite_header) == 0)
    return CONTENT_SQLITE;
  if (n < (gssize) sizeof sqlite_header && memcmp (head, sqlite_header, n) == 0)
    return CONTENT_SQLITE_TRUNCATED;

  if (n >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r'))
    i++;
  if (i == n || head[i] == '{' || head[i] == '[')
    {
      find_keys (head, n, i, keys);
      return CONTENT_JSON;
    }

  return CONTENT_OTHER;
}

/* Which JSON reader: by the keys of the first object; by name where they
 * say nothing ("{}", "[]", an empty file). */
static EbFileFormat
choose_json_reader (const Keys   *keys,
                    EbFileFormat  by_name)
{
  if (keys->format)
    return EB_FILE_FORMAT_JSON;
  if (keys->canvas)
    return EB_FILE_FORMAT_CANVAS;
  if (keys->entities)
    return EB_FILE_FORMAT_FTM;
  if (keys->schema && keys->properties)
    return EB_FILE_FORMAT_JSONL;

  switch (by_name)
    {
    case EB_FILE_FORMAT_CANVAS:
    case EB_FILE_FORMAT_JSONL:
    case EB_FILE_FORMAT_FTM:
      return by_name;
    default:
      return EB_FILE_FORMAT_JSON;
    }
}

/* Which reader a file goes to: by content; by name only where the content
 * says nothing (then the SQLite reader has the better words for a damaged
 * .board). */
static EbFileFormat
choose_reader (const char  *path,
               GError     **error)
{
  EbFileFormat by_name = eb_file_format_from_path (path);
  Keys keys;

  switch (sniff (path, &keys))
    {
    case CONTENT_SQLITE:
      return EB_FILE_FORMAT_BOARD;

    case CONTENT_SQLITE_TRUNCATED:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The board file is truncated"));
      return EB_FILE_FORMAT_UNKNOWN;

    case CONTENT_OTHER:
      switch (by_name)
        {
        case EB_FILE_FORMAT_BOARD:
        case EB_FILE_FORMAT_JSON:
        case EB_FILE_FORMAT_CANVAS:
        case EB_FILE_FORMAT_JSONL:
        case EB_FILE_FORMAT_FTM:
          /* Their readers say what is wrong in their own words. */
          return by_name;
        default:
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Not an Evidence Board file (neither a .board file nor JSON, "
                         "JSON Canvas or FollowTheMoney)"));
          return EB_FILE_FORMAT_UNKNOWN;
        }

    case CONTENT_JSON:
    default:
      return choose_json_reader (&keys, by_name);
    }
}

/**
 * eb_convert_detect:
 * @path: a board file from anywhere
 *
 * Tells which format eb_convert_read() would read @path as, from its
 * first bytes, without reading the rest: so that a board file can be
 * opened in place (eb_store_open()) and anything else imported, whatever
 * the file is called.
 *
 * Returns: %EB_FILE_FORMAT_BOARD, %EB_FILE_FORMAT_JSON,
 *   %EB_FILE_FORMAT_CANVAS, %EB_FILE_FORMAT_JSONL, %EB_FILE_FORMAT_FTM,
 *   or %EB_FILE_FORMAT_UNKNOWN if eb_convert_read() would refuse it at once
 */
EbFileFormat
eb_convert_detect (const char *path)
{
  g_return_val_if_fail (path != NULL, EB_FILE_FORMAT_UNKNOWN);

  return choose_reader (path, NULL);
}

/**
 * eb_convert_read_full:
 * @path: a board file from anywhere: .board (SQLite), .json, .canvas,
 *   .jsonl (FollowTheMoney entities) or .ftm (an Aleph diagram)
 * @format: (out) (optional): which it turned out to be
 * @note: (out) (optional) (transfer full): what a lenient reader left
 *   out, in one phrase ("left out 2 edges to missing nodes"), or %NULL
 * @error: where to say why it is not a usable board
 *
 * Reads a board, choosing the reader by the file's content rather than
 * its name, so a renamed file still opens; the name decides only when the
 * content does not (an empty "{}"). Every reader treats the file as
 * hostile.
 *
 * Returns: (transfer full) (nullable): the board, or %NULL with @error set
 */
EbBoard *
eb_convert_read_full (const char    *path,
                      EbFileFormat  *format,
                      char         **note,
                      GError       **error)
{
  EbFileFormat reader;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (note != NULL)
    *note = NULL;

  reader = choose_reader (path, error);
  if (reader == EB_FILE_FORMAT_UNKNOWN)
    return NULL;

  if (format != NULL)
    *format = reader;

  switch (reader)
    {
    case EB_FILE_FORMAT_BOARD:
      return eb_store_read_file (path, error);

    case EB_FILE_FORMAT_CANVAS:
      {
        EbJsonCanvasReport report;
        EbBoard *board = eb_jsoncanvas_read_file_full (path, &report, error);

        if (board != NULL && note != NULL)
          *note = eb_jsoncanvas_report_describe (&report);
        return board;
      }

    case EB_FILE_FORMAT_JSONL:
    case EB_FILE_FORMAT_FTM:
      return eb_ftm_read_file (path, error);

    case EB_FILE_FORMAT_JSON:
    default:
      return eb_json_read_file (path, error);
    }
}

/**
 * eb_convert_read:
 * @path: a board file from anywhere
 * @format: (out) (optional): which format it turned out to be
 * @error: where to say why it is not a usable board
 *
 * eb_convert_read_full() without the note.
 *
 * Returns: (transfer full) (nullable): the board, or %NULL with @error set
 */
EbBoard *
eb_convert_read (const char    *path,
                 EbFileFormat  *format,
                 GError       **error)
{
  return eb_convert_read_full (path, format, NULL, error);
}

/**
 * eb_convert_write:
 * @board: a board
 * @path: where to write it; the extension picks the format
 * @error: where to say why it cannot be written
 *
 * Writes @board atomically in the format @path's extension names: .board,
 * .json, .canvas, .jsonl (FollowTheMoney entities, one per line) or .ftm
 * (an Aleph diagram); see eb_convert_check_output().
 *
 * Returns: %TRUE on success
 */
gboolean
eb_convert_write (EbBoard     *board,
                  const char  *path,
                  GError     **error)
{
  EbFileFormat format;

  g_return_val_if_fail (EB_IS_BOARD (board), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!eb_convert_check_output (path, &format, error))
    return FALSE;

  switch (format)
    {
    case EB_FILE_FORMAT_BOARD:
      return eb_store_write_file (board, path, error);
    case EB_FILE_FORMAT_CANVAS:
      return eb_jsoncanvas_write_file (board, path, error);
    case EB_FILE_FORMAT_JSONL:
      return eb_ftm_write_file (board, path, EB_FTM_LAYOUT_LINES, error);
    case EB_FILE_FORMAT_FTM:
      return eb_ftm_write_file (board, path, EB_FTM_LAYOUT_DIAGRAM, error);
    case EB_FILE_FORMAT_JSON:
    default:
      return eb_json_write_file (board, path, error);
    }
}

/* Board titles are free text; a summary line needs one short line. */
static char *
one_line (const char *text,
          guint       max_chars)
{
  GString *s = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; *p != '\0' && n < max_chars; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_c (s, ' ');
      else
        g_string_append_unichar (s, c);
    }
  if (g_utf8_strlen (text, -1) > max_chars)
    g_string_append (s, "…");

  return g_string_free (s, FALSE);
}

/**
 * eb_convert_describe:
 * @board: a board
 * @format: what it was read from
 *
 * Sums a board up in one line, for `evidence-board --check`:
 * "Evidence Board file, “Title”, 40 cards (14 people, 12 events,
 * 10 sources, 4 notes), 52 links, 3 frames".
 *
 * Returns: (transfer full): the summary, without the file name
 */
char *
eb_convert_describe (EbBoard      *board,
                     EbFileFormat  format)
{
  GListModel *cards;
  guint counts[EB_CARD_KIND_NOTE + 1] = { 0 };
  guint n_cards, n_links, n_frames;
  g_autofree char *what = NULL;
  g_autofree char *title = NULL;
  g_autofree char *cards_text = NULL;
  g_autofree char *people = NULL;
  g_autofree char *events = NULL;
  g_autofree char *sources = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *links_text = NULL;
  g_autofree char *frames_text = NULL;

  g_return_val_if_fail (EB_IS_BOARD (board), NULL);

  cards = eb_board_get_cards (board);
  n_cards = g_list_model_get_n_items (cards);
  n_links = g_list_model_get_n_items (eb_board_get_links (board));
  n_frames = g_list_model_get_n_items (eb_board_get_frames (board));

  for (guint i = 0; i < n_cards; i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (cards, i);
      EbCardKind kind = eb_card_get_kind (card);

      if (kind <= EB_CARD_KIND_NOTE)
        counts[kind]++;
    }

  switch (format)
    {
    case EB_FILE_FORMAT_JSON:
      what = g_strdup (_("Evidence Board JSON file"));
      break;
    case EB_FILE_FORMAT_CANVAS:
      what = g_strdup (_("JSON Canvas file"));
      break;
    case EB_FILE_FORMAT_JSONL:
      what = g_strdup (_("FollowTheMoney entities"));
      break;
    case EB_FILE_FORMAT_FTM:
      what = g_strdup (_("FollowTheMoney diagram"));
      break;
    case EB_FILE_FORMAT_BOARD:
    default:
      what = g_strdup (_("Evidence Board file"));
      break;
    }

  if (eb_board_get_title (board) != NULL)
    {
      g_autofree char *short_title = one_line (eb_board_get_title (board), 80);

      /* Translators: a board title in a summary line */
      title = g_strdup_printf (_("“%s”"), short_title);
    }
  else
    /* Translators: in the --check summary, for a board without a title */
    title = g_strdup (_("untitled"));

  cards_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", n_cards), n_cards);
  people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people", counts[EB_CARD_KIND_PERSON]),
                            counts[EB_CARD_KIND_PERSON]);
  events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", counts[EB_CARD_KIND_EVENT]),
                            counts[EB_CARD_KIND_EVENT]);
  sources = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u source", "%u sources", counts[EB_CARD_KIND_SOURCE]),
                             counts[EB_CARD_KIND_SOURCE]);
  notes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", counts[EB_CARD_KIND_NOTE]),
                           counts[EB_CARD_KIND_NOTE]);
  links_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links", n_links), n_links);
  frames_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u frame", "%u frames", n_frames), n_frames);

  /* Translators: the summary of --check: kind of file, title, cards
   * (people, events, sources, notes), links, frames */
  return g_strdup_printf (_("%s, %s, %s (%s, %s, %s, %s), %s, %s"),
                          what, title, cards_text, people, events, sources, notes,
                          links_text, frames_text);
}

/**
 * eb_convert_error_line:
 * @path: the file the error is about
 * @error: what went wrong
 *
 * Formats an error for the command line as one line, "FILE: reason",
 * whether or not the reader already put the file name in its message.
 *
 * Returns: (transfer full): the line, without a newline
 */
char *
eb_convert_error_line (const char   *path,
                       const GError *error)
{
  g_autofree char *display = NULL;
  g_autofree char *base = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *base_prefix = NULL;
  g_autofree char *line = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  display = g_filename_display_name (path);
  base = g_filename_display_basename (path);
  prefix = g_strconcat (display, ": ", NULL);
  base_prefix = g_strconcat (base, ": ", NULL);

  if (g_str_has_prefix (error->message, prefix))
    line = g_strdup (error->message);
  else if (g_str_has_prefix (error->message, base_prefix))
    line = g_strconcat (display, error->message + strlen (base), NULL);
  else
    line = g_strconcat (prefix, error->message, NULL);

  /* Lower layers may quote multi-line text (SQLite messages). */
  g_strdelimit (line, "\r\n", ' ');

  return g_steal_pointer (&line);
}
