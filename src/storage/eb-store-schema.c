/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-store"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>

#include "eb-limits.h"
#include "eb-store-private.h"

/* The schema of board files and working copies, the descriptions of the
 * items' fields that reading and writing share, the connections every
 * part of the store opens, and the checks a database must pass before a
 * row of it is read. */

/* Eleven text columns in a card at most EB_TEXT_MAX each, plus the small
 * columns: SQLITE_LIMIT_LENGTH also bounds a whole row, so it must let
 * the largest valid card through. Single fields are checked against
 * EB_TEXT_MAX when read. */
#define ROW_MAX (11 * EB_TEXT_MAX + 65536)

/* ------------------------------------------------------------------ */
/* The schema                                                         */
/* ------------------------------------------------------------------ */

/* Each migration takes the schema from version N to N + 1 in its own
 * transaction, as in libpurple: a step that fails leaves the database at
 * the last version that was completed. Never edit a released step; add
 * one. Column names are the item property names with '-' as '_'. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "BEGIN;"
  "CREATE TABLE board ("
  " key TEXT PRIMARY KEY NOT NULL,"
  " value TEXT"
  ");"
  "CREATE TABLE cards ("
  " id TEXT PRIMARY KEY NOT NULL,"
  " sort_key REAL NOT NULL,"
  " created INTEGER, modified INTEGER,"
  " kind INTEGER, x REAL, y REAL, width REAL, height REAL, grade INTEGER,"
  " color TEXT, title TEXT, aliases TEXT, role TEXT, notes TEXT,"
  " date TEXT, end_date TEXT, place TEXT, publisher TEXT, url TEXT"
  ");"
  "CREATE TABLE links ("
  " id TEXT PRIMARY KEY NOT NULL,"
  " sort_key REAL NOT NULL,"
  " created INTEGER, modified INTEGER,"
  " from_id TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,"
  " to_id TEXT NOT NULL REFERENCES cards (id) ON DELETE CASCADE,"
  " label TEXT, kind INTEGER, direction INTEGER, color TEXT, credibility INTEGER"
  ");"
  "CREATE INDEX links_from_id ON links (from_id);"
  "CREATE INDEX links_to_id ON links (to_id);"
  "CREATE TABLE frames ("
  " id TEXT PRIMARY KEY NOT NULL,"
  " sort_key REAL NOT NULL,"
  " created INTEGER, modified INTEGER,"
  " label TEXT, color TEXT, x REAL, y REAL, width REAL, height REAL"
  ");"
  "PRAGMA application_id = 1163280964;" /* EB_STORE_APPLICATION_ID */
  "PRAGMA user_version = 1;"
  "COMMIT;",

  /* 1 → 2: links may end at frames, so their ends no longer reference
   * cards (the board checks them, and a card or frame takes its links
   * with it); links gain the sides they attach to, frames a background
   * image. SQLite cannot drop a constraint: the links table is rebuilt. */
  "BEGIN;"
  "CREATE TABLE links_v2 ("
  " id TEXT PRIMARY KEY NOT NULL,"
  " sort_key REAL NOT NULL,"
  " created INTEGER, modified INTEGER,"
  " from_id TEXT NOT NULL,"
  " to_id TEXT NOT NULL,"
  " label TEXT, kind INTEGER, direction INTEGER, color TEXT, credibility INTEGER,"
  " from_side INTEGER, to_side INTEGER"
  ");"
  /* By rowid, which is the drawing order of boards we wrote. */
  "INSERT INTO links_v2 (rowid, id, sort_key, created, modified, from_id, to_id,"
  " label, kind, direction, color, credibility, from_side, to_side)"
  " SELECT rowid, id, sort_key, created, modified, from_id, to_id,"
  " label, kind, direction, color, credibility, 0, 0 FROM links ORDER BY rowid;"
  "DROP TABLE links;"
  "ALTER TABLE links_v2 RENAME TO links;"
  "CREATE INDEX links_from_id ON links (from_id);"
  "CREATE INDEX links_to_id ON links (to_id);"
  "ALTER TABLE frames ADD COLUMN background TEXT;"
  "ALTER TABLE frames ADD COLUMN background_style INTEGER;"
  "UPDATE frames SET background_style = 0;"
  "PRAGMA user_version = 2;"
  "COMMIT;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == EB_STORE_SCHEMA_VERSION);
G_STATIC_ASSERT (EB_STORE_APPLICATION_ID == 1163280964);

/* Bookkeeping that exists only in a working copy, never in a board file:
 * the file it belongs to and whether it holds unsaved changes. It lives
 * in the same database so it changes in the same transaction as the data
 * it describes. */
const char _eb_store_working_table_sql[] =
  "CREATE TABLE working (key TEXT PRIMARY KEY NOT NULL, value);"
  "INSERT INTO working (key, value) VALUES ('path', NULL), ('dirty', 0);";

static int
compare_fields (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const Field *) a)->column, ((const Field *) b)->column);
}

static void
field_init_reader (Field   *field,
                   GObject *probe)
{
  GParamSpec *pspec = field->pspec;
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  const char *name = pspec->name;

  field->value_type = type;
  field->read_as = READ_UNKNOWN;

  if (type == G_TYPE_STRING)
    {
      g_autofree char *initial = NULL;

      if (g_str_equal (name, "id") || g_str_has_suffix (name, "-id"))
        field->read_as = READ_ID;
      else if (g_str_equal (name, "color"))
        field->read_as = READ_COLOR;
      else if (g_str_equal (name, "date") || g_str_equal (name, "end-date"))
        field->read_as = READ_DATE;
      else
        field->read_as = READ_TEXT;

      /* Ids are always checked, even when NULL; other texts need not be
       * set when empty if a new item has them empty already. */
      g_object_get (probe, name, &initial, NULL);
      field->null_is_initial = field->read_as != READ_ID && initial == NULL;
    }
  else if (type == G_TYPE_DOUBLE)
    {
      field->read_as = READ_DOUBLE;
      field->min = G_PARAM_SPEC_DOUBLE (pspec)->minimum;
      field->max = G_PARAM_SPEC_DOUBLE (pspec)->maximum;
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      field->read_as = READ_ENUM;
      field->enum_class = G_PARAM_SPEC_ENUM (pspec)->enum_class;
    }
  else if (type == G_TYPE_INT64)
    {
      field->read_as = READ_INT64;
      field->int_min = G_PARAM_SPEC_INT64 (pspec)->minimum;
      field->int_max = G_PARAM_SPEC_INT64 (pspec)->maximum;
    }
  else if (type == G_TYPE_UINT)
    {
      field->read_as = READ_UINT;
      field->int_min = G_PARAM_SPEC_UINT (pspec)->minimum;
      field->int_max = G_PARAM_SPEC_UINT (pspec)->maximum;
    }
  else if (type == G_TYPE_INT)
    {
      field->read_as = READ_INT;
      field->int_min = G_PARAM_SPEC_INT (pspec)->minimum;
      field->int_max = G_PARAM_SPEC_INT (pspec)->maximum;
    }
  else if (type == G_TYPE_BOOLEAN)
    field->read_as = READ_BOOLEAN;
}

/* Walks the item properties once, so that a field added to the model is
 * written and read without touching this file (and fails loudly in
 * prepare until a migration adds its column). */
const ItemTable *
_eb_store_get_item_tables (void)
{
  static ItemTable tables[N_ITEM_TABLES];
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      const struct { GType type; const char *name; } defs[N_ITEM_TABLES] = {
        { EB_TYPE_CARD, "cards" },
        { EB_TYPE_LINK, "links" },
        { EB_TYPE_FRAME, "frames" },
      };

      for (guint k = 0; k < N_ITEM_TABLES; k++)
        {
          GObjectClass *klass = g_type_class_ref (defs[k].type);
          g_autofree GParamSpec **pspecs = NULL;
          g_autoptr(GString) insert = g_string_new (NULL);
          g_autoptr(GString) values = g_string_new (NULL);
          g_autoptr(GString) select = g_string_new ("SELECT sort_key");
          GArray *fields = g_array_new (FALSE, TRUE, sizeof (Field));
          g_autoptr(GObject) probe = g_object_new (defs[k].type, NULL);
          guint n_pspecs = 0;

          pspecs = g_object_class_list_properties (klass, &n_pspecs);
          for (guint i = 0; i < n_pspecs; i++)
            {
              Field field = { 0 };

              if (!eb_item_is_field (pspecs[i]))
                continue;
              field.pspec = pspecs[i];
              field.column = g_strdelimit (g_strdup (pspecs[i]->name), "-", '_');
              g_array_append_val (fields, field);
            }
          g_array_sort (fields, compare_fields);

          tables[k].id_field = -1;
          tables[k].names = g_new0 (const char *, fields->len + 1);
          for (guint i = 0; i < fields->len; i++)
            {
              Field *field = &g_array_index (fields, Field, i);

              field_init_reader (field, probe);
              tables[k].names[i] = field->pspec->name;
              if (g_str_equal (field->pspec->name, "id"))
                tables[k].id_field = i;
            }

          g_string_printf (insert, "INSERT INTO %s (sort_key", defs[k].name);
          g_string_assign (values, "?1");
          for (guint i = 0; i < fields->len; i++)
            {
              const Field *field = &g_array_index (fields, Field, i);

              g_string_append_printf (insert, ", %s", field->column);
              g_string_append_printf (values, ", ?%u", i + 2);
              g_string_append_printf (select, ", %s", field->column);
            }
          g_string_append_printf (insert, ") VALUES (%s)", values->str);
          g_string_append_printf (select, ", rowid FROM %s ORDER BY rowid", defs[k].name);

          tables[k].type = defs[k].type;
          tables[k].name = defs[k].name;
          tables[k].n_fields = fields->len;
          tables[k].fields = (Field *) g_array_free (fields, FALSE);
          tables[k].insert_sql = g_string_free (g_steal_pointer (&insert), FALSE);
          tables[k].select_sql = g_string_free (g_steal_pointer (&select), FALSE);
          /* The class stays referenced: the pspecs are borrowed from it. */
        }

      g_once_init_leave (&once, 1);
    }

  return tables;
}

const ItemTable *
_eb_store_item_table_of (EbItem *item)
{
  const ItemTable *tables = _eb_store_get_item_tables ();

  if (EB_IS_CARD (item))
    return &tables[TABLE_CARDS];
  if (EB_IS_LINK (item))
    return &tables[TABLE_LINKS];
  return &tables[TABLE_FRAMES];
}

GListModel *
_eb_store_list_of_table (EbBoard *board,
                         guint    t)
{
  switch (t)
    {
    case TABLE_CARDS: return eb_board_get_cards (board);
    case TABLE_LINKS: return eb_board_get_links (board);
    default: return eb_board_get_frames (board);
    }
}

GListModel *
_eb_store_list_of_item (EbBoard *board,
                        EbItem  *item)
{
  return _eb_store_list_of_table (board, _eb_store_item_table_of (item) - _eb_store_get_item_tables ());
}

/* ------------------------------------------------------------------ */
/* Errors                                                             */
/* ------------------------------------------------------------------ */

/* A name for messages: the basename, on one line. */
char *
_eb_store_display_name (const char *path)
{
  char *name;

  if (path == NULL || path[0] == '\0' || strcmp (path, ":memory:") == 0)
    return g_strdup (_("(in memory)"));
  name = g_filename_display_basename (path);
  return g_strdelimit (name, "\r\n", ' ');
}

/* One line naming the file and what went wrong, in the words of what was
 * being done with it; a working copy is called so, whatever is done. */
void
_eb_store_set_error (GError       **error,
                     StoreTask      task,
                     int            code,
                     const char    *path,
                     const char    *format,
                     ...)
{
  g_autofree char *name = _eb_store_display_name (path);
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_strdelimit (detail, "\r\n", ' ');
  if (task == TASK_SAVE)
    /* Translators: the first %s is a file name, the second what went wrong */
    g_set_error (error, EB_STORE_ERROR, code, _("Cannot save “%s”: %s"), name, detail);
  else if (path && g_str_has_suffix (path, EB_STORE_WORKING_SUFFIX))
    /* Translators: the first %s is a file name, the second what went wrong */
    g_set_error (error, EB_STORE_ERROR, code, _("Cannot use the working copy “%s”: %s"), name, detail);
  else
    /* Translators: the first %s is a file name, the second what is wrong with it */
    g_set_error (error, EB_STORE_ERROR, code, _("Cannot open “%s”: %s"), name, detail);
}

/* SQLite's own message, except where ours says more. */
const char *
_eb_store_sqlite_detail (sqlite3 *db,
                         int      rc)
{
  if ((rc & 0xff) == SQLITE_TOOBIG)
    return _("a row is larger than Evidence Board accepts");
  if ((rc & 0xff) == SQLITE_FULL)
    return _("the disk is full");
  return db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
}

int
_eb_store_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FORMAT:
      return EB_STORE_ERROR_CORRUPT;
    case SQLITE_TOOBIG:
    case SQLITE_NOMEM:
      return EB_STORE_ERROR_TOO_LARGE;
    default:
      return EB_STORE_ERROR_IO;
    }
}

/* ------------------------------------------------------------------ */
/* Connections                                                        */
/* ------------------------------------------------------------------ */

/* Belt and braces for every connection we open, ours or not: a file we
 * read may come from anyone, and the working copy is only as trustworthy
 * as the directory it sits in. See “Defense Against the Dark Arts” in the
 * SQLite documentation. If any of it cannot be set, the connection must
 * not read a file: %FALSE, and the caller gives up. */
gboolean
_eb_store_harden (sqlite3  *db,
                  GError  **error)
{
  static const struct { int id; int value; } limits[] = {
    { SQLITE_LIMIT_LENGTH, ROW_MAX },
    { SQLITE_LIMIT_SQL_LENGTH, 100000 },
    { SQLITE_LIMIT_COLUMN, 100 },
    { SQLITE_LIMIT_EXPR_DEPTH, 100 },
    { SQLITE_LIMIT_COMPOUND_SELECT, 4 },
    { SQLITE_LIMIT_VDBE_OP, 100000 },
    { SQLITE_LIMIT_FUNCTION_ARG, 8 },
    { SQLITE_LIMIT_ATTACHED, 0 },
    { SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100 },
    { SQLITE_LIMIT_VARIABLE_NUMBER, 100 },
    { SQLITE_LIMIT_TRIGGER_DEPTH, 1 },
    { SQLITE_LIMIT_WORKER_THREADS, 0 },
  };
  static const struct { int op; int value; } configs[] = {
    { SQLITE_DBCONFIG_DEFENSIVE, 1 },
    { SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0 },
    { SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0 },
    { SQLITE_DBCONFIG_ENABLE_TRIGGER, 0 },
    { SQLITE_DBCONFIG_ENABLE_VIEW, 0 },
    { SQLITE_DBCONFIG_DQS_DDL, 0 },
    { SQLITE_DBCONFIG_DQS_DML, 0 },
  };
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (configs); i++)
    {
      int now = -1;

      /* Read back: an option this SQLite does not know is an error too. */
      rc = sqlite3_db_config (db, configs[i].op, configs[i].value, &now);
      if (rc != SQLITE_OK || now != configs[i].value)
        goto failed;
    }

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    sqlite3_limit (db, limits[i].id, limits[i].value);

  rc = sqlite3_exec (db,
                     "PRAGMA trusted_schema = OFF;"
                     "PRAGMA cell_size_check = ON;"
                     "PRAGMA mmap_size = 0;"
                     "PRAGMA foreign_keys = ON;",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  return TRUE;

failed:
  if (rc == SQLITE_OK)
    rc = SQLITE_ERROR;
  _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_UNSAFE, _eb_store_db_name (db),
                       /* Translators: %s is SQLite's reason */
                       _("SQLite’s protections against hostile files cannot be turned on (%s)"),
                       _eb_store_sqlite_detail (db, rc));
  return FALSE;
}

sqlite3 *
_eb_store_open_db (const char  *path,
                   int          flags,
                   GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    {
      _eb_store_set_error (error, TASK_OPEN, _eb_store_code_for_sqlite (rc), path, "%s",
                           db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  return db;
}

const char *
_eb_store_db_name (sqlite3 *db)
{
  const char *name = sqlite3_db_filename (db, "main");
  sqlite3_vfs *vfs = NULL;

  /* A deserialized database has a made-up name in the "memdb" VFS. */
  sqlite3_file_control (db, "main", SQLITE_FCNTL_VFS_POINTER, &vfs);
  if (name == NULL || name[0] == '\0' || (vfs && g_strcmp0 (vfs->zName, "memdb") == 0))
    return ":memory:";
  return name;
}

gboolean
_eb_store_db_exec (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _eb_store_set_error (error, TASK_OPEN, _eb_store_code_for_sqlite (rc), _eb_store_db_name (db), "%s", _eb_store_sqlite_detail (db, rc));
      return FALSE;
    }
  return TRUE;
}

gboolean
_eb_store_db_get_int (sqlite3      *db,
                      const char   *sql,
                      gint64       *value,
                      GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _eb_store_set_error (error, TASK_OPEN, _eb_store_code_for_sqlite (rc), _eb_store_db_name (db), "%s", _eb_store_sqlite_detail (db, rc));
      return FALSE;
    }
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

void
_eb_store_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/* Runs the migrations from the database's version up to @target. */
static gboolean
migrate_to (sqlite3     *db,
            gint64       target,
            GError     **error)
{
  gint64 version;

  if (!_eb_store_db_get_int (db, "PRAGMA user_version", &version, error))
    return FALSE;

  if (version > EB_STORE_SCHEMA_VERSION)
    {
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_TOO_NEW, _eb_store_db_name (db),
                           _("it was made by a newer version of Evidence Board (file format %d; this version reads up to %d)"),
                           (int) MIN (version, G_MAXINT), EB_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  /* migrations[] is indexed by it: a negative version, which any file
   * can carry, is not one of ours. */
  if (version < 0)
    {
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_NOT_A_BOARD, _eb_store_db_name (db),
                           _("it has a board format version that does not exist (%lld)"),
                           (long long) MAX (version, -999999));
      return FALSE;
    }

  for (; version < target; version++)
    {
      if (!_eb_store_db_exec (db, migrations[version], error))
        {
          _eb_store_rollback (db);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * eb_store_migrate:
 * @db: an SQLite connection
 * @error: where to say why it failed
 *
 * Brings the schema of @db to %EB_STORE_SCHEMA_VERSION, one migration
 * per transaction. A fresh database gets the whole schema; running it
 * again changes nothing.
 *
 * Returns: %FALSE if a step failed or the database is newer than this build
 */
gboolean
eb_store_migrate (sqlite3  *db,
                  GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return migrate_to (db, EB_STORE_SCHEMA_VERSION, error);
}

/* ------------------------------------------------------------------ */
/* Checking an untrusted database                                     */
/* ------------------------------------------------------------------ */

static const char schema_query[] =
  "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name";

static char *
schema_row_key (sqlite3_stmt *stmt)
{
  GString *key = g_string_new (NULL);

  /* Unit separators cannot occur in names SQLite would accept from us. */
  for (int i = 0; i < 4; i++)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, i);

      g_string_append (key, text ? text : "\x1e");
      g_string_append_c (key, '\x1f');
    }
  return g_string_free (key, FALSE);
}

/* The schema objects a file of @version must have, exactly: made by
 * running our own migrations, so the SQL text matches byte for byte.
 * Keys are type, name, table and SQL; values the object's name. */
static GHashTable *
expected_schema (gint64    version,
                 gboolean  working)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
      !migrate_to (db, version, NULL) ||
      (working && sqlite3_exec (db, _eb_store_working_table_sql, NULL, NULL, NULL) != SQLITE_OK) ||
      sqlite3_prepare_v2 (db, schema_query, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Cannot build the board schema: %s", sqlite3_errmsg (db));

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (rows, schema_row_key (stmt),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));

  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  return rows;
}

/* Compares every row of sqlite_schema with what our migrations make, so
 * that no trigger, view, index or table of someone else's runs or is read. */
static gboolean
check_schema (sqlite3     *db,
              gint64       version,
              gboolean     working,
              GError     **error)
{
  g_autoptr(GHashTable) expected = expected_schema (version, working);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer missing;
  int rc;

  rc = sqlite3_prepare_v2 (db, schema_query, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _eb_store_set_error (error, TASK_OPEN, _eb_store_code_for_sqlite (rc), _eb_store_db_name (db), "%s", _eb_store_sqlite_detail (db, rc));
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = schema_row_key (stmt);

      if (!g_hash_table_remove (expected, key))
        {
          const char *type = (const char *) sqlite3_column_text (stmt, 0);
          const char *name = (const char *) sqlite3_column_text (stmt, 1);
          g_autofree char *safe_type = g_strescape (type ? type : "?", NULL);
          g_autofree char *safe_name = g_strescape (name ? name : "?", NULL);

          if (strlen (safe_type) > 16)
            safe_type[16] = '\0';
          if (strlen (safe_name) > 64)
            safe_name[64] = '\0';
          _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_UNSAFE, _eb_store_db_name (db),
                               _("it holds a database object Evidence Board did not write (%s “%s”)"),
                               safe_type, safe_name);
          return FALSE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      _eb_store_set_error (error, TASK_OPEN, _eb_store_code_for_sqlite (rc), _eb_store_db_name (db), "%s", _eb_store_sqlite_detail (db, rc));
      return FALSE;
    }

  g_hash_table_iter_init (&iter, expected);
  if (g_hash_table_iter_next (&iter, NULL, &missing))
    {
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_INVALID, _eb_store_db_name (db),
                           _("part of the board schema is missing (“%s”)"), (const char *) missing);
      return FALSE;
    }

  return TRUE;
}

/* quick_check, then our application id, version and schema: everything
 * that can be checked before a row is read. Migrates to our version. */
gboolean
_eb_store_check_database (sqlite3     *db,
                          gboolean     working,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 app_id, version;
  const char *result;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_CORRUPT, _eb_store_db_name (db),
                           _("it is damaged (%s)"), sqlite3_errmsg (db));
      return FALSE;
    }
  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      const char *prefix = "*** in database main ***";
      g_autofree char *safe = NULL;

      if (result && g_str_has_prefix (result, prefix))
        result += strlen (prefix);
      safe = g_strstrip (g_strdelimit (g_strdup (result ? result : ""), "\t\r\n", ' '));
      if (!g_utf8_validate (safe, -1, NULL) || strlen (safe) > 200)
        safe[MIN (strlen (safe), 200)] = '\0', g_strcanon (safe, " ():,0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_", '?');
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_CORRUPT, _eb_store_db_name (db),
                           _("it is damaged (%s)"), safe);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!_eb_store_db_get_int (db, "PRAGMA application_id", &app_id, error))
    return FALSE;
  if (app_id != EB_STORE_APPLICATION_ID)
    {
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_NOT_A_BOARD, _eb_store_db_name (db),
                           _("it is an SQLite database, but not an Evidence Board file"));
      return FALSE;
    }

  if (!_eb_store_db_get_int (db, "PRAGMA user_version", &version, error))
    return FALSE;
  if (version > EB_STORE_SCHEMA_VERSION)
    {
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_TOO_NEW, _eb_store_db_name (db),
                           _("it was made by a newer version of Evidence Board (file format %d; this version reads up to %d)"),
                           (int) MIN (version, G_MAXINT), EB_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (version < 1)
    {
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_CORRUPT, _eb_store_db_name (db),
                           _("it has no board format version"));
      return FALSE;
    }

  if (!check_schema (db, version, working, error))
    return FALSE;

  if (version < EB_STORE_SCHEMA_VERSION)
    {
      /* The migrations were written for our own schema, which we just
       * made sure this is; afterwards it must be today's schema. */
      if (!migrate_to (db, EB_STORE_SCHEMA_VERSION, error) ||
          !check_schema (db, EB_STORE_SCHEMA_VERSION, working, error))
        return FALSE;
    }

  return TRUE;
}
