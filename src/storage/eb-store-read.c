/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <math.h>
#include <string.h>

#include "eb-date.h"
#include "eb-file.h"
#include "eb-limits.h"
#include "eb-store-private.h"

/* Reading board files, which may come from anyone: the bytes, bounded;
 * the header, before SQLite sees it; the database in memory, checked;
 * then every row, bounded, into model objects. The file is never
 * written and nothing is made beside it. */

/* ------------------------------------------------------------------ */
/* Rows → model                                                       */
/* ------------------------------------------------------------------ */

/* One whole sentence per item type, not a noun spliced into one, so a
 * translation can give each its own gender, article and word order. */
static void G_GNUC_PRINTF (6, 7)
set_item_error (GError          **error,
                int               code,
                sqlite3          *db,
                const ItemTable  *table,
                const char       *id,
                const char       *format,
                ...)
{
  g_autofree char *detail = NULL;
  const char *name = _eb_store_db_name (db);
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  if (table->type == EB_TYPE_CARD)
    {
      if (id != NULL)
        /* Translators: the first %s is the card's id, the second what is
         * wrong, e.g. "card “1234”: the field “x” is not a number" */
        _eb_store_set_error (error, TASK_OPEN, code, name, _("card “%s”: %s"), id, detail);
      else
        /* Translators: %s is what is wrong, e.g. "a card: its id is missing or not valid" */
        _eb_store_set_error (error, TASK_OPEN, code, name, _("a card: %s"), detail);
    }
  else if (table->type == EB_TYPE_LINK)
    {
      if (id != NULL)
        /* Translators: the first %s is the link's id, the second what is
         * wrong, e.g. "link “1234”: the field “kind” is not one of the known values" */
        _eb_store_set_error (error, TASK_OPEN, code, name, _("link “%s”: %s"), id, detail);
      else
        /* Translators: %s is what is wrong, e.g. "a link: its id is missing or not valid" */
        _eb_store_set_error (error, TASK_OPEN, code, name, _("a link: %s"), detail);
    }
  else
    {
      if (id != NULL)
        /* Translators: the first %s is the frame's id, the second what is
         * wrong, e.g. "frame “1234”: the field “x” is out of range" */
        _eb_store_set_error (error, TASK_OPEN, code, name, _("frame “%s”: %s"), id, detail);
      else
        /* Translators: %s is what is wrong, e.g. "a frame: its id is missing or not valid" */
        _eb_store_set_error (error, TASK_OPEN, code, name, _("a frame: %s"), detail);
    }
}

/* Reads one text column with bounds: no blob, no nul, valid UTF-8, at
 * most EB_TEXT_MAX bytes. */
static gboolean
read_text (sqlite3_stmt  *stmt,
           int            col,
           const char   **out,
           const char   **problem,
           int           *code)
{
  const char *text;
  int bytes;

  *out = NULL;
  switch (sqlite3_column_type (stmt, col))
    {
    case SQLITE_NULL:
      return TRUE;
    case SQLITE_TEXT:
      break;
    default:
      *problem = _("is not text");
      *code = EB_STORE_ERROR_INVALID;
      return FALSE;
    }

  text = (const char *) sqlite3_column_text (stmt, col);
  bytes = sqlite3_column_bytes (stmt, col);
  if (text == NULL)
    {
      *problem = _("cannot be read");
      *code = EB_STORE_ERROR_TOO_LARGE;
      return FALSE;
    }
  if (bytes > EB_TEXT_MAX)
    {
      *problem = _("is longer than Evidence Board accepts");
      *code = EB_STORE_ERROR_TOO_LARGE;
      return FALSE;
    }
  /* With a length, g_utf8_validate_len() also refuses a nul byte. */
  if (!g_utf8_validate_len (text, bytes, NULL))
    {
      *problem = _("is not valid UTF-8 text");
      *code = EB_STORE_ERROR_INVALID;
      return FALSE;
    }

  *out = text;
  return TRUE;
}

static gboolean
read_number (sqlite3_stmt  *stmt,
             int            col,
             gboolean       integer,
             double        *d,
             gint64        *i)
{
  int type = sqlite3_column_type (stmt, col);

  if (type == SQLITE_INTEGER)
    {
      *i = sqlite3_column_int64 (stmt, col);
      *d = (double) *i;
      return TRUE;
    }
  if (type == SQLITE_FLOAT && !integer)
    {
      *d = sqlite3_column_double (stmt, col);
      return isfinite (*d);
    }
  return FALSE;
}

/* Turns column @col into a value for @field, or says what is wrong. A
 * text value points into @stmt's row: it must be used before the next
 * step. */
static gboolean
read_field (sqlite3_stmt  *stmt,
            int            col,
            const Field   *field,
            GValue        *value,
            const char   **problem,
            int           *code)
{
  const char *text;
  double d = 0;
  gint64 i = 0;

  *code = EB_STORE_ERROR_INVALID;

  switch (field->read_as)
    {
    case READ_TEXT:
    case READ_ID:
    case READ_COLOR:
    case READ_DATE:
      if (!read_text (stmt, col, &text, problem, code))
        return FALSE;
      if (field->read_as == READ_ID && !eb_id_is_valid (text))
        {
          *problem = _("is not a valid id");
          return FALSE;
        }
      if (field->read_as == READ_COLOR && !eb_color_is_valid (text))
        {
          *problem = _("is not a colour of the form #rrggbb");
          return FALSE;
        }
      if (field->read_as == READ_DATE && !eb_date_is_valid (text))
        {
          *problem = _("is not a date of the form YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM");
          return FALSE;
        }
      g_value_init (value, G_TYPE_STRING);
      /* The item copies it; no need to copy it twice. */
      g_value_set_static_string (value, text);
      return TRUE;

    case READ_DOUBLE:
      if (!read_number (stmt, col, FALSE, &d, &i))
        {
          *problem = _("is not a number");
          return FALSE;
        }
      if (d < field->min || d > field->max)
        {
          *problem = _("is out of range");
          return FALSE;
        }
      g_value_init (value, G_TYPE_DOUBLE);
      g_value_set_double (value, d);
      return TRUE;

    case READ_ENUM:
      if (!read_number (stmt, col, TRUE, &d, &i) ||
          i < G_MININT || i > G_MAXINT ||
          g_enum_get_value (field->enum_class, (int) i) == NULL)
        {
          *problem = _("is not one of the known values");
          return FALSE;
        }
      g_value_init (value, field->value_type);
      g_value_set_enum (value, (int) i);
      return TRUE;

    case READ_INT64:
    case READ_UINT:
    case READ_INT:
      if (!read_number (stmt, col, TRUE, &d, &i))
        {
          *problem = _("is not a whole number");
          return FALSE;
        }
      if (i < field->int_min || i > field->int_max)
        {
          *problem = _("is out of range");
          return FALSE;
        }
      g_value_init (value, field->value_type);
      if (field->read_as == READ_INT64)
        g_value_set_int64 (value, i);
      else if (field->read_as == READ_UINT)
        g_value_set_uint (value, (guint) i);
      else
        g_value_set_int (value, (int) i);
      return TRUE;

    case READ_BOOLEAN:
      if (!read_number (stmt, col, TRUE, &d, &i) || (i != 0 && i != 1))
        {
          *problem = _("is not true or false");
          return FALSE;
        }
      g_value_init (value, G_TYPE_BOOLEAN);
      g_value_set_boolean (value, i != 0);
      return TRUE;

    case READ_UNKNOWN:
    default:
      /* A field type the model gained without this reader learning it. */
      *problem = _("has a type this version cannot read");
      return FALSE;
    }
}

/* Scratch space for read_item(), one slot per field, reused row after row. */
typedef struct
{
  const char **names;
  GValue      *values;
} RowBuffer;

static void
row_buffer_init (RowBuffer        *row,
                 const ItemTable  *table)
{
  row->names = g_new0 (const char *, table->n_fields);
  row->values = g_new0 (GValue, table->n_fields);
}

static void
row_buffer_clear (RowBuffer *row)
{
  g_clear_pointer (&row->names, g_free);
  g_clear_pointer (&row->values, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RowBuffer, row_buffer_clear)

static EbItem *
read_item (sqlite3          *db,
           sqlite3_stmt     *stmt,
           const ItemTable  *table,
           RowBuffer        *row,
           double           *sort_key,
           GError          **error)
{
  const char *id = NULL;
  const char *problem = NULL;
  EbItem *item = NULL;
  guint n = 0;
  gint64 dummy;
  int code;

  /* Find the id first, so every later message can name the item. */
  if (table->id_field >= 0)
    {
      int col = table->id_field + 1;

      if (sqlite3_column_type (stmt, col) == SQLITE_TEXT)
        {
          id = (const char *) sqlite3_column_text (stmt, col);
          if (!eb_id_is_valid (id))
            id = NULL;
        }
      if (id == NULL)
        {
          set_item_error (error, EB_STORE_ERROR_INVALID, db, table, NULL,
                          _("its id is missing or not valid"));
          return NULL;
        }
    }

  if (!read_number (stmt, 0, FALSE, sort_key, &dummy))
    {
      set_item_error (error, EB_STORE_ERROR_INVALID, db, table, id,
                      _("its drawing order is not a number"));
      return NULL;
    }

  for (guint f = 0; f < table->n_fields; f++)
    {
      const Field *field = &table->fields[f];

      if (field->null_is_initial && sqlite3_column_type (stmt, f + 1) == SQLITE_NULL)
        continue;

      if (!read_field (stmt, f + 1, field, &row->values[n], &problem, &code))
        {
          set_item_error (error, code, db, table, id,
                          /* Translators: "the field “x” is not a number" */
                          _("the field “%s” %s"), table->names[f], problem);
          goto out;
        }
      row->names[n++] = table->names[f];
    }

  item = EB_ITEM (g_object_new_with_properties (table->type, n, row->names, row->values));

out:
  /* Unset values are zeroed again, ready for the next row. */
  for (guint f = 0; f <= n && f < table->n_fields; f++)
    if (G_IS_VALUE (&row->values[f]))
      g_value_unset (&row->values[f]);

  return item;
}

/* An item read from a row, before it goes on the board. */
typedef struct
{
  double  key;
  gint64  rowid;
  EbItem *item;
} Placed;

static void
placed_clear (gpointer data)
{
  g_clear_object (&((Placed *) data)->item);
}

/* The drawing order: by key, then by rowid (rowids are unique). */
static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const Placed *pa = a;
  const Placed *pb = b;

  if (pa->key != pb->key)
    return pa->key < pb->key ? -1 : 1;
  return (pa->rowid > pb->rowid) - (pa->rowid < pb->rowid);
}

/* Reads the whole board from a checked database. @sort_keys, if given,
 * receives each item's drawing-order key. */
EbBoard *
_eb_store_load_board (sqlite3     *db,
                      GHashTable  *sort_keys,
                      GError     **error)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const ItemTable *tables = _eb_store_get_item_tables ();
  gint64 n_items;
  int rc;

  if (!_eb_store_db_get_int (db,
                             "SELECT (SELECT count(*) FROM cards) + (SELECT count(*) FROM links)"
                             " + (SELECT count(*) FROM frames)",
                             &n_items, error))
    return NULL;
  if (n_items > EB_ITEMS_MAX)
    {
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_TOO_LARGE, _eb_store_db_name (db),
                           _("it holds %lld items; a board can hold at most %d"),
                           (long long) n_items, EB_ITEMS_MAX);
      return NULL;
    }

  rc = sqlite3_prepare_v2 (db, "SELECT key, value FROM board", -1, &stmt, NULL);
  while ((rc == SQLITE_OK || rc == SQLITE_ROW) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *title = NULL;
      const char *problem = NULL;
      int code;

      if (g_strcmp0 (key, "title") != 0)
        {
          _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_INVALID, _eb_store_db_name (db),
                               _("it holds a board setting this version does not know"));
          return NULL;
        }
      if (!read_text (stmt, 1, &title, &problem, &code))
        {
          /* Translators: %s is e.g. "is not valid UTF-8 text" */
          _eb_store_set_error (error, TASK_OPEN, code, _eb_store_db_name (db), _("the board title %s"), problem);
          return NULL;
        }
      eb_board_set_title (board, title);
    }
  if (rc != SQLITE_DONE)
    {
      _eb_store_set_error (error, TASK_OPEN, _eb_store_code_for_sqlite (rc), _eb_store_db_name (db), "%s", _eb_store_sqlite_detail (db, rc));
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Links last, so a link's cards and frames are there when it is added. */
  static const guint load_order[] = { TABLE_CARDS, TABLE_FRAMES, TABLE_LINKS };
  G_STATIC_ASSERT (G_N_ELEMENTS (load_order) == N_ITEM_TABLES);

  for (guint o = 0; o < N_ITEM_TABLES; o++)
    {
      guint k = load_order[o];
      g_auto(RowBuffer) row = { NULL, NULL };
      g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
      gboolean in_order = TRUE;

      g_array_set_clear_func (placed, placed_clear);
      row_buffer_init (&row, &tables[k]);

      /* In rowid order, which is the table's own: no sorter, which for a
       * big board would spill whole rows to temporary files. Boards we
       * wrote are already in drawing order that way; others are sorted
       * below. */
      rc = sqlite3_prepare_v2 (db, tables[k].select_sql, -1, &stmt, NULL);
      while ((rc == SQLITE_OK || rc == SQLITE_ROW) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          Placed p = { 0 };

          p.item = read_item (db, stmt, &tables[k], &row, &p.key, error);
          if (p.item == NULL)
            return NULL;
          p.rowid = sqlite3_column_int64 (stmt, tables[k].n_fields + 1);
          if (placed->len > 0 && p.key < g_array_index (placed, Placed, placed->len - 1).key)
            in_order = FALSE;
          g_array_append_val (placed, p);
        }
      if (rc != SQLITE_DONE)
        {
          _eb_store_set_error (error, TASK_OPEN, _eb_store_code_for_sqlite (rc), _eb_store_db_name (db), "%s", _eb_store_sqlite_detail (db, rc));
          return NULL;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);

      if (!in_order)
        g_array_sort (placed, compare_placed);

      for (guint i = 0; i < placed->len; i++)
        {
          const Placed *p = &g_array_index (placed, Placed, i);
          g_autoptr(GError) local_error = NULL;

          if (!eb_board_add (board, p->item, &local_error))
            {
              /* The board's message names the item already. */
              _eb_store_set_error (error, TASK_OPEN,
                                   g_error_matches (local_error, EB_BOARD_ERROR, EB_BOARD_ERROR_TOO_MANY_ITEMS)
                                   ? EB_STORE_ERROR_TOO_LARGE : EB_STORE_ERROR_INVALID,
                                   _eb_store_db_name (db), "%s", local_error->message);
              return NULL;
            }

          if (sort_keys != NULL)
            g_hash_table_insert (sort_keys, p->item, g_memdup2 (&p->key, sizeof p->key));
        }
    }

  return g_steal_pointer (&board);
}

/* ------------------------------------------------------------------ */
/* Reading a board file                                               */
/* ------------------------------------------------------------------ */

static gboolean
side_file_exists (const char *path,
                  const char *suffix)
{
  g_autofree char *side = g_strconcat (path, suffix, NULL);
  GStatBuf st;

  return g_lstat (side, &st) == 0;
}

static gpointer
sqlite_alloc (gsize size)
{
  return sqlite3_malloc64 (size);
}

/* Reads the file once, bounded, into memory SQLite may own. */
static guint8 *
read_bytes (const char  *path,
            gsize       *length,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gpointer data = NULL;

  if (!eb_file_read_bounded_full (path, EB_STORE_FILE_MAX, sqlite_alloc, sqlite3_free,
                                  &data, length, &local_error))
    {
      switch (local_error->code)
        {
        case EB_FILE_ERROR_NOT_REGULAR:
          _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_IO, path, _("it is not a regular file"));
          break;
        case EB_FILE_ERROR_TOO_LARGE:
          _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_TOO_LARGE, path,
                               _("it is larger than %d MiB"), (int) (EB_STORE_FILE_MAX >> 20));
          break;
        case EB_FILE_ERROR_NO_MEMORY:
          _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_TOO_LARGE, path, _("there is not enough memory to read it"));
          break;
        case EB_FILE_ERROR_CHANGED:
          _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_IO, path, _("it changed while it was being read"));
          break;
        default:
          _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_IO, path, "%s", local_error->message);
          break;
        }
      return NULL;
    }

  if (*length == 0)
    {
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_NOT_SQLITE, path, _("it is empty"));
      sqlite3_free (data);
      return NULL;
    }

  return data;
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* What can be told from the 100-byte header, before SQLite sees it. */
static gboolean
check_header (const char    *path,
              const guint8  *data,
              gsize          length,
              GError       **error)
{
  static const char magic[16] = "SQLite format 3";
  guint page_size;

  if (length < sizeof magic || memcmp (data, magic, sizeof magic) != 0)
    {
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_NOT_SQLITE, path,
                           _("it is not an Evidence Board file (not an SQLite database)"));
      return FALSE;
    }
  if (length < 512)
    {
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_CORRUPT, path, _("it is truncated"));
      return FALSE;
    }

  if (data[18] == 2 || data[19] == 2)
    {
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_UNSAFE, path,
                           _("it is in write-ahead-log mode, which board files never use"));
      return FALSE;
    }
  if (data[18] != 1 || data[19] != 1)
    {
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_CORRUPT, path, _("its header is damaged"));
      return FALSE;
    }

  page_size = ((guint) data[16] << 8) | data[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
    {
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_CORRUPT, path, _("its header is damaged"));
      return FALSE;
    }
  if (length % page_size != 0)
    {
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_CORRUPT, path, _("it is truncated"));
      return FALSE;
    }
  /* The page count in the header is valid when the change counter and
   * “version valid for” agree; a file shorter than that was cut. */
  if (be32 (data + 24) == be32 (data + 92) && be32 (data + 28) != 0 &&
      (guint64) be32 (data + 28) * page_size > length)
    {
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_CORRUPT, path, _("it is truncated"));
      return FALSE;
    }

  return TRUE;
}

void
_eb_store_rename_in_error (GError     **error,
                           const char  *path)
{
  g_autofree char *memname = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *replacement = NULL;
  g_auto(GStrv) parts = NULL;

  if (error == NULL || *error == NULL)
    return;

  memname = _eb_store_display_name (":memory:");
  name = _eb_store_display_name (path);
  pattern = g_strdup_printf ("“%s”", memname);
  replacement = g_strdup_printf ("“%s”", name);
  parts = g_strsplit ((*error)->message, pattern, 2);
  g_free ((*error)->message);
  (*error)->message = g_strjoinv (replacement, parts);
}

/* Opens an untrusted board file as a checked, migrated, in-memory
 * database. The file is read once and never written; nothing is created
 * beside it. */
sqlite3 *
_eb_store_open_untrusted (const char  *path,
                          GError     **error)
{
  static const char * const side_suffixes[] = { "-journal", "-wal" };
  sqlite3 *db = NULL;
  guint8 *data;
  gsize length = 0;
  int rc;

  data = read_bytes (path, &length, error);
  if (data == NULL)
    return NULL;

  if (!check_header (path, data, length, error))
    {
      sqlite3_free (data);
      return NULL;
    }

  /* A journal or log beside the file means it was left mid-transaction
   * by whoever wrote it; what the file means then depends on another
   * file we will not read. */
  for (guint i = 0; i < G_N_ELEMENTS (side_suffixes); i++)
    if (side_file_exists (path, side_suffixes[i]))
      {
        _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_UNSAFE, path,
                             _("a “%s” file lies beside it; it was not closed properly"),
                             side_suffixes[i]);
        sqlite3_free (data);
        return NULL;
      }

  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      _eb_store_set_error (error, TASK_OPEN, _eb_store_code_for_sqlite (rc), path, "%s", sqlite3_errstr (rc));
      sqlite3_free (data);
      sqlite3_close (db);
      return NULL;
    }
  if (!_eb_store_harden (db, error))
    {
      /* Not one byte of the file is read without them. */
      _eb_store_rename_in_error (error, path);
      sqlite3_free (data);
      sqlite3_close (db);
      return NULL;
    }

  /* On failure too, SQLite frees the buffer. */
  rc = sqlite3_deserialize (db, "main", data, length, length,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
  if (rc != SQLITE_OK)
    {
      _eb_store_set_error (error, TASK_OPEN, _eb_store_code_for_sqlite (rc), path, "%s", sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }

  if (!_eb_store_check_database (db, FALSE, error))
    {
      /* The checks name the database, which is “in memory” here. */
      _eb_store_rename_in_error (error, path);
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

/**
 * eb_store_read_file:
 * @path: a board file, possibly from someone else
 * @error: where to say, in one line, why it cannot be read
 *
 * Reads a board file into a new board without modifying it or leaving
 * anything beside it. Untrusted files are checked for damage, foreign
 * schema objects and out-of-bounds values before anything is built.
 *
 * Returns: (transfer full) (nullable): the board, or %NULL with @error set
 */
EbBoard *
eb_store_read_file (const char  *path,
                    GError     **error)
{
  EbBoard *board;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = _eb_store_open_untrusted (path, error);
  if (db == NULL)
    return NULL;

  board = _eb_store_load_board (db, NULL, error);
  if (board == NULL)
    _eb_store_rename_in_error (error, path);
  sqlite3_close (db);

  return board;
}
