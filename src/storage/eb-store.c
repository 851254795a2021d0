/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eb-date.h"
#include "eb-limits.h"
#include "eb-store-private.h"

/* EbStore keeps a board in step with its working copy: a private SQLite
 * file that receives every change as it happens, in its own transaction,
 * so a crash or a kill loses nothing. The board file the user sees is
 * written only by Save, atomically, from the working copy.
 *
 * Board files from others are untrusted. They are read once into memory
 * (sqlite3_deserialize), never opened in place, checked page by page and
 * schema object by schema object before a single row is read, and every
 * value is bounded before it becomes a model object. */

#define WORKING_SUFFIX ".ebwork"
#define LOCK_SUFFIX    ".lock"

/* Eleven text columns in a card at most EB_TEXT_MAX each, plus the small
 * columns: SQLITE_LIMIT_LENGTH also bounds a whole row, so it must let
 * the largest valid card through. Single fields are checked against
 * EB_TEXT_MAX when read. */
#define ROW_MAX (11 * EB_TEXT_MAX + 65536)

struct _EbStore
{
  GObject      parent_instance;

  EbBoard     *board;
  char        *path;           /* the board file, or NULL until saved */
  char        *working_path;
  int          lock_fd;        /* flock()ed while the store is alive */

  sqlite3     *db;             /* the working copy; NULL once discarded */
  GHashTable  *stmts;          /* SQL text → cached sqlite3_stmt */
  GHashTable  *sort_keys;      /* EbItem → double *, its drawing-order key */

  GError      *tx_error;       /* the first failure in the open transaction */
  guint        in_tx : 1;
  guint        tx_failed : 1;
  guint        need_resync : 1;    /* the working copy is behind the board */
  guint        dirty : 1;
  guint        dirty_on_disk : 1;  /* what the working copy's bookkeeping says */
};

G_DEFINE_FINAL_TYPE (EbStore, eb_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (eb-store-error-quark, eb_store_error)

enum {
  PROP_0,
  PROP_BOARD,
  PROP_PATH,
  PROP_WORKING_PATH,
  PROP_DIRTY,
  N_PROPS
};

enum {
  WRITE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* The schema                                                          */
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
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == EB_STORE_SCHEMA_VERSION);
G_STATIC_ASSERT (EB_STORE_APPLICATION_ID == 1163280964);

/* Bookkeeping that exists only in a working copy, never in a board file:
 * the file it belongs to and whether it holds unsaved changes. It lives
 * in the same database so it changes in the same transaction as the data
 * it describes. */
static const char working_table_sql[] =
  "CREATE TABLE working (key TEXT PRIMARY KEY NOT NULL, value);"
  "INSERT INTO working (key, value) VALUES ('path', NULL), ('dirty', 0);";

typedef struct
{
  GParamSpec *pspec;
  char       *column;
} Field;

typedef struct
{
  GType       type;
  const char *table;
  Field      *fields;
  guint       n_fields;
  char       *insert_sql;
  char       *select_sql;
} Kind;

enum { KIND_CARD, KIND_LINK, KIND_FRAME, N_KINDS };

static int
compare_fields (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const Field *) a)->column, ((const Field *) b)->column);
}

/* Walks the item properties once, so that a field added to the model is
 * written and read without touching this file (and fails loudly in
 * prepare until a migration adds its column). */
static const Kind *
get_kinds (void)
{
  static Kind kinds[N_KINDS];
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      const struct { GType type; const char *table; } defs[N_KINDS] = {
        { EB_TYPE_CARD, "cards" },
        { EB_TYPE_LINK, "links" },
        { EB_TYPE_FRAME, "frames" },
      };

      for (guint k = 0; k < N_KINDS; k++)
        {
          GObjectClass *klass = g_type_class_ref (defs[k].type);
          g_autofree GParamSpec **pspecs = NULL;
          g_autoptr(GString) insert = g_string_new (NULL);
          g_autoptr(GString) values = g_string_new (NULL);
          g_autoptr(GString) select = g_string_new ("SELECT sort_key");
          GArray *fields = g_array_new (FALSE, TRUE, sizeof (Field));
          guint n_pspecs = 0;

          pspecs = g_object_class_list_properties (klass, &n_pspecs);
          for (guint i = 0; i < n_pspecs; i++)
            {
              Field field;

              if (!eb_item_is_field (pspecs[i]))
                continue;
              field.pspec = pspecs[i];
              field.column = g_strdelimit (g_strdup (pspecs[i]->name), "-", '_');
              g_array_append_val (fields, field);
            }
          g_array_sort (fields, compare_fields);

          g_string_printf (insert, "INSERT INTO %s (sort_key", defs[k].table);
          g_string_assign (values, "?1");
          for (guint i = 0; i < fields->len; i++)
            {
              const Field *field = &g_array_index (fields, Field, i);

              g_string_append_printf (insert, ", %s", field->column);
              g_string_append_printf (values, ", ?%u", i + 2);
              g_string_append_printf (select, ", %s", field->column);
            }
          g_string_append_printf (insert, ") VALUES (%s)", values->str);
          g_string_append_printf (select, " FROM %s ORDER BY sort_key, rowid", defs[k].table);

          kinds[k].type = defs[k].type;
          kinds[k].table = defs[k].table;
          kinds[k].n_fields = fields->len;
          kinds[k].fields = (Field *) g_array_free (fields, FALSE);
          kinds[k].insert_sql = g_string_free (g_steal_pointer (&insert), FALSE);
          kinds[k].select_sql = g_string_free (g_steal_pointer (&select), FALSE);
          /* The class stays referenced: the pspecs are borrowed from it. */
        }

      g_once_init_leave (&once, 1);
    }

  return kinds;
}

static const Kind *
kind_of_item (EbItem *item)
{
  const Kind *kinds = get_kinds ();

  if (EB_IS_CARD (item))
    return &kinds[KIND_CARD];
  if (EB_IS_LINK (item))
    return &kinds[KIND_LINK];
  return &kinds[KIND_FRAME];
}

static GListModel *
list_of_kind (EbBoard *board,
              guint    k)
{
  switch (k)
    {
    case KIND_CARD: return eb_board_get_cards (board);
    case KIND_LINK: return eb_board_get_links (board);
    default: return eb_board_get_frames (board);
    }
}

static GListModel *
list_of_item (EbBoard *board,
              EbItem  *item)
{
  return list_of_kind (board, kind_of_item (item) - get_kinds ());
}

/* A name for messages: the basename, on one line. */
static char *
display_name (const char *path)
{
  char *name;

  if (path == NULL || path[0] == '\0' || strcmp (path, ":memory:") == 0)
    return g_strdup (_("(in memory)"));
  name = g_filename_display_basename (path);
  return g_strdelimit (name, "\r\n", ' ');
}

static void G_GNUC_PRINTF (4, 5)
set_file_error (GError     **error,
                int          code,
                const char  *path,
                const char  *format,
                ...)
{
  g_autofree char *name = display_name (path);
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_strdelimit (detail, "\r\n", ' ');
  if (path && g_str_has_suffix (path, WORKING_SUFFIX))
    /* Translators: the first %s is a file name, the second what went wrong */
    g_set_error (error, EB_STORE_ERROR, code, _("Cannot use the working copy “%s”: %s"), name, detail);
  else
    /* Translators: the first %s is a file name, the second what is wrong with it */
    g_set_error (error, EB_STORE_ERROR, code, _("Cannot open “%s”: %s"), name, detail);
}

/* SQLite's own message, except where ours says more. */
static const char *
sqlite_detail (sqlite3 *db,
               int      rc)
{
  if ((rc & 0xff) == SQLITE_TOOBIG)
    return _("a row is larger than Evidence Board accepts");
  if ((rc & 0xff) == SQLITE_FULL)
    return _("the disk is full");
  return db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
}

static int
code_for_sqlite (int rc)
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
/* Connections                                                         */
/* ------------------------------------------------------------------ */

/* Belt and braces for every connection we open, ours or not: a file we
 * read may come from anyone, and the working copy is only as trustworthy
 * as the directory it sits in. See “Defense Against the Dark Arts” in the
 * SQLite documentation. */
static void
harden (sqlite3 *db)
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

  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    sqlite3_limit (db, limits[i].id, limits[i].value);

  sqlite3_exec (db,
                "PRAGMA trusted_schema = OFF;"
                "PRAGMA cell_size_check = ON;"
                "PRAGMA mmap_size = 0;"
                "PRAGMA foreign_keys = ON;",
                NULL, NULL, NULL);
}

static sqlite3 *
open_db (const char  *path,
         int          flags,
         GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    {
      set_file_error (error, code_for_sqlite (rc), path, "%s",
                      db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  return db;
}

static const char *
db_name (sqlite3 *db)
{
  const char *name = sqlite3_db_filename (db, "main");
  sqlite3_vfs *vfs = NULL;

  /* A deserialized database has a made-up name in the "memdb" VFS. */
  sqlite3_file_control (db, "main", SQLITE_FCNTL_VFS_POINTER, &vfs);
  if (name == NULL || name[0] == '\0' || (vfs && g_strcmp0 (vfs->zName, "memdb") == 0))
    return ":memory:";
  return name;
}

static gboolean
db_exec (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_file_error (error, code_for_sqlite (rc), db_name (db), "%s", sqlite_detail (db, rc));
      return FALSE;
    }
  return TRUE;
}

static gboolean
db_get_int (sqlite3      *db,
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
      set_file_error (error, code_for_sqlite (rc), db_name (db), "%s", sqlite_detail (db, rc));
      return FALSE;
    }
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static void
rollback (sqlite3 *db)
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

  if (!db_get_int (db, "PRAGMA user_version", &version, error))
    return FALSE;

  if (version > EB_STORE_SCHEMA_VERSION)
    {
      set_file_error (error, EB_STORE_ERROR_TOO_NEW, db_name (db),
                      _("it was made by a newer version of Evidence Board (file format %d; this version reads up to %d)"),
                      (int) MIN (version, G_MAXINT), EB_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (; version < target; version++)
    {
      if (!db_exec (db, migrations[version], error))
        {
          rollback (db);
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
/* Checking an untrusted database                                      */
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
      (working && sqlite3_exec (db, working_table_sql, NULL, NULL, NULL) != SQLITE_OK) ||
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
      set_file_error (error, code_for_sqlite (rc), db_name (db), "%s", sqlite_detail (db, rc));
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
          set_file_error (error, EB_STORE_ERROR_UNSAFE, db_name (db),
                          _("it holds a database object Evidence Board did not write (%s “%s”)"),
                          safe_type, safe_name);
          return FALSE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      set_file_error (error, code_for_sqlite (rc), db_name (db), "%s", sqlite_detail (db, rc));
      return FALSE;
    }

  g_hash_table_iter_init (&iter, expected);
  if (g_hash_table_iter_next (&iter, NULL, &missing))
    {
      set_file_error (error, EB_STORE_ERROR_INVALID, db_name (db),
                      _("part of the board schema is missing (“%s”)"), (const char *) missing);
      return FALSE;
    }

  return TRUE;
}

/* quick_check, then our application id, version and schema: everything
 * that can be checked before a row is read. Migrates to our version. */
static gboolean
check_database (sqlite3     *db,
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
      set_file_error (error, EB_STORE_ERROR_CORRUPT, db_name (db),
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
      set_file_error (error, EB_STORE_ERROR_CORRUPT, db_name (db),
                      _("it is damaged (%s)"), safe);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!db_get_int (db, "PRAGMA application_id", &app_id, error))
    return FALSE;
  if (app_id != EB_STORE_APPLICATION_ID)
    {
      set_file_error (error, EB_STORE_ERROR_NOT_A_BOARD, db_name (db),
                      _("it is an SQLite database, but not an Evidence Board file"));
      return FALSE;
    }

  if (!db_get_int (db, "PRAGMA user_version", &version, error))
    return FALSE;
  if (version > EB_STORE_SCHEMA_VERSION)
    {
      set_file_error (error, EB_STORE_ERROR_TOO_NEW, db_name (db),
                      _("it was made by a newer version of Evidence Board (file format %d; this version reads up to %d)"),
                      (int) MIN (version, G_MAXINT), EB_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (version < 1)
    {
      set_file_error (error, EB_STORE_ERROR_CORRUPT, db_name (db),
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

/* ------------------------------------------------------------------ */
/* Rows → model                                                        */
/* ------------------------------------------------------------------ */

static const char *
kind_noun (const Kind *kind)
{
  if (kind->type == EB_TYPE_CARD)
    return _("card");
  if (kind->type == EB_TYPE_LINK)
    return _("link");
  return _("frame");
}

static void G_GNUC_PRINTF (6, 7)
set_item_error (GError     **error,
                int          code,
                sqlite3     *db,
                const Kind  *kind,
                const char  *id,
                const char  *format,
                ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  if (id != NULL)
    /* Translators: "card “1234”: the field “x” is not a number" */
    set_file_error (error, code, db_name (db), _("%s “%s”: %s"), kind_noun (kind), id, detail);
  else
    set_file_error (error, code, db_name (db), _("a %s: %s"), kind_noun (kind), detail);
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
  if ((int) strlen (text) != bytes || !g_utf8_validate_len (text, bytes, NULL))
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

/* Turns column @col into a value for @field, or says what is wrong. */
static gboolean
read_field (sqlite3_stmt  *stmt,
            int            col,
            const Field   *field,
            GValue        *value,
            const char   **problem,
            int           *code)
{
  GParamSpec *pspec = field->pspec;
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  double d = 0;
  gint64 i = 0;

  *code = EB_STORE_ERROR_INVALID;
  g_value_init (value, type);

  if (type == G_TYPE_STRING)
    {
      const char *text;
      const char *name = pspec->name;

      if (!read_text (stmt, col, &text, problem, code))
        return FALSE;

      if (g_str_equal (name, "id") || g_str_has_suffix (name, "-id"))
        {
          if (!eb_id_is_valid (text))
            {
              *problem = _("is not a valid id");
              return FALSE;
            }
        }
      else if (g_str_equal (name, "color"))
        {
          if (!eb_color_is_valid (text))
            {
              *problem = _("is not a colour of the form #rrggbb");
              return FALSE;
            }
        }
      else if (g_str_equal (name, "date") || g_str_equal (name, "end-date"))
        {
          if (!eb_date_is_valid (text))
            {
              *problem = _("is not a date of the form YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM");
              return FALSE;
            }
        }
      g_value_set_string (value, text);
      return TRUE;
    }

  if (type == G_TYPE_DOUBLE)
    {
      GParamSpecDouble *spec = G_PARAM_SPEC_DOUBLE (pspec);

      if (!read_number (stmt, col, FALSE, &d, &i))
        {
          *problem = _("is not a number");
          return FALSE;
        }
      if (d < spec->minimum || d > spec->maximum)
        {
          *problem = _("is out of range");
          return FALSE;
        }
      g_value_set_double (value, d);
      return TRUE;
    }

  if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;

      if (!read_number (stmt, col, TRUE, &d, &i) ||
          i < G_MININT || i > G_MAXINT ||
          g_enum_get_value (klass, (int) i) == NULL)
        {
          *problem = _("is not one of the known values");
          return FALSE;
        }
      g_value_set_enum (value, (int) i);
      return TRUE;
    }

  if (type == G_TYPE_INT64 || type == G_TYPE_UINT || type == G_TYPE_INT)
    {
      gint64 min, max;

      if (type == G_TYPE_INT64)
        min = G_PARAM_SPEC_INT64 (pspec)->minimum, max = G_PARAM_SPEC_INT64 (pspec)->maximum;
      else if (type == G_TYPE_UINT)
        min = G_PARAM_SPEC_UINT (pspec)->minimum, max = G_PARAM_SPEC_UINT (pspec)->maximum;
      else
        min = G_PARAM_SPEC_INT (pspec)->minimum, max = G_PARAM_SPEC_INT (pspec)->maximum;

      if (!read_number (stmt, col, TRUE, &d, &i))
        {
          *problem = _("is not a whole number");
          return FALSE;
        }
      if (i < min || i > max)
        {
          *problem = _("is out of range");
          return FALSE;
        }
      if (type == G_TYPE_INT64)
        g_value_set_int64 (value, i);
      else if (type == G_TYPE_UINT)
        g_value_set_uint (value, (guint) i);
      else
        g_value_set_int (value, (int) i);
      return TRUE;
    }

  if (type == G_TYPE_BOOLEAN)
    {
      if (!read_number (stmt, col, TRUE, &d, &i) || (i != 0 && i != 1))
        {
          *problem = _("is not true or false");
          return FALSE;
        }
      g_value_set_boolean (value, i != 0);
      return TRUE;
    }

  /* A field type the model gained without this reader learning it. */
  *problem = _("has a type this version cannot read");
  return FALSE;
}

static EbItem *
read_item (sqlite3       *db,
           sqlite3_stmt  *stmt,
           const Kind    *kind,
           double        *sort_key,
           GError       **error)
{
  g_autofree const char **names = g_new0 (const char *, kind->n_fields);
  g_autofree GValue *values = g_new0 (GValue, kind->n_fields);
  const char *id = NULL;
  const char *problem = NULL;
  EbItem *item = NULL;
  gint64 dummy;
  int code;

  /* Find the id first, so every later message can name the item. */
  for (guint f = 0; f < kind->n_fields; f++)
    if (g_str_equal (kind->fields[f].pspec->name, "id"))
      {
        if (sqlite3_column_type (stmt, f + 1) == SQLITE_TEXT)
          {
            id = (const char *) sqlite3_column_text (stmt, f + 1);
            if (!eb_id_is_valid (id))
              id = NULL;
          }
        if (id == NULL)
          {
            set_item_error (error, EB_STORE_ERROR_INVALID, db, kind, NULL,
                            _("its id is missing or not valid"));
            return NULL;
          }
        break;
      }

  if (!read_number (stmt, 0, FALSE, sort_key, &dummy))
    {
      set_item_error (error, EB_STORE_ERROR_INVALID, db, kind, id,
                      _("its drawing order is not a number"));
      return NULL;
    }

  for (guint f = 0; f < kind->n_fields; f++)
    {
      names[f] = kind->fields[f].pspec->name;
      if (!read_field (stmt, f + 1, &kind->fields[f], &values[f], &problem, &code))
        {
          set_item_error (error, code, db, kind, id,
                          /* Translators: "the field “x” is not a number" */
                          _("the field “%s” %s"), names[f], problem);
          goto out;
        }
    }

  item = EB_ITEM (g_object_new_with_properties (kind->type, kind->n_fields, names, values));

out:
  for (guint f = 0; f < kind->n_fields; f++)
    if (G_IS_VALUE (&values[f]))
      g_value_unset (&values[f]);

  return item;
}

/* Reads the whole board from a checked database. @sort_keys, if given,
 * receives each item's drawing-order key. */
static EbBoard *
load_board (sqlite3     *db,
            GHashTable  *sort_keys,
            GError     **error)
{
  g_autoptr(EbBoard) board = eb_board_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const Kind *kinds = get_kinds ();
  gint64 n_items;
  int rc;

  if (!db_get_int (db,
                   "SELECT (SELECT count(*) FROM cards) + (SELECT count(*) FROM links)"
                   " + (SELECT count(*) FROM frames)",
                   &n_items, error))
    return NULL;
  if (n_items > EB_ITEMS_MAX)
    {
      set_file_error (error, EB_STORE_ERROR_TOO_LARGE, db_name (db),
                      _("it holds %" G_GINT64_FORMAT " items; a board can hold at most %d"),
                      n_items, EB_ITEMS_MAX);
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
          set_file_error (error, EB_STORE_ERROR_INVALID, db_name (db),
                          _("it holds a board setting this version does not know"));
          return NULL;
        }
      if (!read_text (stmt, 1, &title, &problem, &code))
        {
          /* Translators: %s is e.g. "is not valid UTF-8 text" */
          set_file_error (error, code, db_name (db), _("the board title %s"), problem);
          return NULL;
        }
      eb_board_set_title (board, title);
    }
  if (rc != SQLITE_DONE)
    {
      set_file_error (error, code_for_sqlite (rc), db_name (db), "%s", sqlite_detail (db, rc));
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Cards before links, so a link's cards are there when it is added. */
  for (guint k = 0; k < N_KINDS; k++)
    {
      rc = sqlite3_prepare_v2 (db, kinds[k].select_sql, -1, &stmt, NULL);
      while ((rc == SQLITE_OK || rc == SQLITE_ROW) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(EbItem) item = NULL;
          g_autoptr(GError) local_error = NULL;
          double key = 0;

          item = read_item (db, stmt, &kinds[k], &key, error);
          if (item == NULL)
            return NULL;

          if (!eb_board_add (board, item, &local_error))
            {
              /* The board's message names the item already. */
              set_file_error (error,
                              g_error_matches (local_error, EB_BOARD_ERROR, EB_BOARD_ERROR_TOO_MANY_ITEMS)
                              ? EB_STORE_ERROR_TOO_LARGE : EB_STORE_ERROR_INVALID,
                              db_name (db), "%s", local_error->message);
              return NULL;
            }

          if (sort_keys != NULL)
            g_hash_table_insert (sort_keys, item, g_memdup2 (&key, sizeof key));
        }
      if (rc != SQLITE_DONE)
        {
          set_file_error (error, code_for_sqlite (rc), db_name (db), "%s", sqlite_detail (db, rc));
          return NULL;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  return g_steal_pointer (&board);
}

/* ------------------------------------------------------------------ */
/* Reading a board file                                                */
/* ------------------------------------------------------------------ */

static gboolean
side_file_exists (const char *path,
                  const char *suffix)
{
  g_autofree char *side = g_strconcat (path, suffix, NULL);
  GStatBuf st;

  return g_lstat (side, &st) == 0;
}

/* Reads the file once, bounded, into memory SQLite may own. */
static guint8 *
read_bytes (const char  *path,
            gsize       *length,
            GError     **error)
{
  guint8 *data = NULL;
  struct stat st;
  gsize done = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;
      set_file_error (error, EB_STORE_ERROR_IO, path, "%s", g_strerror (saved));
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      set_file_error (error, EB_STORE_ERROR_IO, path, _("it is not a regular file"));
      goto fail;
    }
  if (st.st_size > EB_STORE_FILE_MAX)
    {
      set_file_error (error, EB_STORE_ERROR_TOO_LARGE, path,
                      _("it is larger than %d MiB"), (int) (EB_STORE_FILE_MAX >> 20));
      goto fail;
    }
  if (st.st_size == 0)
    {
      set_file_error (error, EB_STORE_ERROR_NOT_SQLITE, path, _("it is empty"));
      goto fail;
    }

  data = sqlite3_malloc64 (st.st_size);
  if (data == NULL)
    {
      set_file_error (error, EB_STORE_ERROR_TOO_LARGE, path, _("there is not enough memory to read it"));
      goto fail;
    }

  while (done < (gsize) st.st_size)
    {
      gssize n = read (fd, data + done, st.st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          set_file_error (error, EB_STORE_ERROR_IO, path, "%s", g_strerror (saved));
          goto fail;
        }
      if (n == 0)
        break;
      done += n;
    }

  close (fd);
  *length = done;
  return data;

fail:
  sqlite3_free (data);
  close (fd);
  return NULL;
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
      set_file_error (error, EB_STORE_ERROR_NOT_SQLITE, path,
                      _("it is not an Evidence Board file (not an SQLite database)"));
      return FALSE;
    }
  if (length < 512)
    {
      set_file_error (error, EB_STORE_ERROR_CORRUPT, path, _("it is truncated"));
      return FALSE;
    }

  if (data[18] == 2 || data[19] == 2)
    {
      set_file_error (error, EB_STORE_ERROR_UNSAFE, path,
                      _("it is in write-ahead-log mode, which board files never use"));
      return FALSE;
    }
  if (data[18] != 1 || data[19] != 1)
    {
      set_file_error (error, EB_STORE_ERROR_CORRUPT, path, _("its header is damaged"));
      return FALSE;
    }

  page_size = ((guint) data[16] << 8) | data[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
    {
      set_file_error (error, EB_STORE_ERROR_CORRUPT, path, _("its header is damaged"));
      return FALSE;
    }
  if (length % page_size != 0)
    {
      set_file_error (error, EB_STORE_ERROR_CORRUPT, path, _("it is truncated"));
      return FALSE;
    }
  /* The page count in the header is valid when the change counter and
   * “version valid for” agree; a file shorter than that was cut. */
  if (be32 (data + 24) == be32 (data + 92) && be32 (data + 28) != 0 &&
      (guint64) be32 (data + 28) * page_size > length)
    {
      set_file_error (error, EB_STORE_ERROR_CORRUPT, path, _("it is truncated"));
      return FALSE;
    }

  return TRUE;
}

static void
rename_in_error (GError     **error,
                 const char  *path)
{
  g_autofree char *memname = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *replacement = NULL;
  g_auto(GStrv) parts = NULL;

  if (error == NULL || *error == NULL)
    return;

  memname = display_name (":memory:");
  name = display_name (path);
  pattern = g_strdup_printf ("“%s”", memname);
  replacement = g_strdup_printf ("“%s”", name);
  parts = g_strsplit ((*error)->message, pattern, 2);
  g_free ((*error)->message);
  (*error)->message = g_strjoinv (replacement, parts);
}

/* Opens an untrusted board file as a checked, migrated, in-memory
 * database. The file is read once and never written; nothing is created
 * beside it. */
static sqlite3 *
open_untrusted (const char  *path,
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
        set_file_error (error, EB_STORE_ERROR_UNSAFE, path,
                        _("a “%s” file lies beside it; it was not closed properly"),
                        side_suffixes[i]);
        sqlite3_free (data);
        return NULL;
      }

  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      set_file_error (error, code_for_sqlite (rc), path, "%s", sqlite3_errstr (rc));
      sqlite3_free (data);
      sqlite3_close (db);
      return NULL;
    }
  harden (db);

  /* On failure too, SQLite frees the buffer. */
  rc = sqlite3_deserialize (db, "main", data, length, length,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
  if (rc != SQLITE_OK)
    {
      set_file_error (error, code_for_sqlite (rc), path, "%s", sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }

  if (!check_database (db, FALSE, error))
    {
      /* The checks name the database, which is “in memory” here. */
      rename_in_error (error, path);
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

  db = open_untrusted (path, error);
  if (db == NULL)
    return NULL;

  board = load_board (db, NULL, error);
  if (board == NULL)
    rename_in_error (error, path);
  sqlite3_close (db);

  return board;
}

/* ------------------------------------------------------------------ */
/* Model → rows                                                        */
/* ------------------------------------------------------------------ */

/* A statement from the cache of @stmts, reset and ready to bind. */
static sqlite3_stmt *
get_stmt (sqlite3     *db,
          GHashTable  *stmts,
          const char  *sql,
          GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (stmts, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_file_error (error, code_for_sqlite (rc), db_name (db), "%s", sqlite_detail (db, rc));
      return NULL;
    }
  g_hash_table_insert (stmts, g_strdup (sql), stmt);
  return stmt;
}

static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_file_error (error, code_for_sqlite (rc), db_name (db), "%s", sqlite_detail (db, rc));
      return FALSE;
    }
  return TRUE;
}

static int
bind_field (sqlite3_stmt *stmt,
            int           index,
            EbItem       *item,
            const Field  *field)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GType type = G_PARAM_SPEC_VALUE_TYPE (field->pspec);

  g_value_init (&value, type);
  g_object_get_property (G_OBJECT (item), field->pspec->name, &value);

  if (type == G_TYPE_STRING)
    {
      const char *text = g_value_get_string (&value);

      return text ? sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT)
                  : sqlite3_bind_null (stmt, index);
    }
  if (type == G_TYPE_DOUBLE)
    return sqlite3_bind_double (stmt, index, g_value_get_double (&value));
  if (G_TYPE_IS_ENUM (type))
    return sqlite3_bind_int64 (stmt, index, g_value_get_enum (&value));
  if (type == G_TYPE_INT64)
    return sqlite3_bind_int64 (stmt, index, g_value_get_int64 (&value));
  if (type == G_TYPE_UINT)
    return sqlite3_bind_int64 (stmt, index, g_value_get_uint (&value));
  if (type == G_TYPE_INT)
    return sqlite3_bind_int64 (stmt, index, g_value_get_int (&value));
  if (type == G_TYPE_BOOLEAN)
    return sqlite3_bind_int64 (stmt, index, g_value_get_boolean (&value));

  return SQLITE_MISMATCH;
}

static gboolean
insert_item (sqlite3     *db,
             GHashTable  *stmts,
             EbItem      *item,
             double       sort_key,
             GError     **error)
{
  const Kind *kind = kind_of_item (item);
  sqlite3_stmt *stmt;
  int rc;

  stmt = get_stmt (db, stmts, kind->insert_sql, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_bind_double (stmt, 1, sort_key);
  for (guint f = 0; rc == SQLITE_OK && f < kind->n_fields; f++)
    rc = bind_field (stmt, f + 2, item, &kind->fields[f]);
  if (rc != SQLITE_OK)
    {
      set_file_error (error, code_for_sqlite (rc), db_name (db), "%s", sqlite_detail (db, rc));
      return FALSE;
    }

  return step_done (db, stmt, error);
}

static gboolean
write_title (sqlite3     *db,
             GHashTable  *stmts,
             const char  *title,
             GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = get_stmt (db, stmts, "INSERT OR REPLACE INTO board (key, value) VALUES ('title', ?1)", error);
  if (stmt == NULL)
    return FALSE;
  if (title)
    sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
  return step_done (db, stmt, error);
}

/* Replaces everything in @db with @board, numbering each list 1, 2, 3…
 * Must run inside a transaction. */
static gboolean
write_board (sqlite3     *db,
             GHashTable  *stmts,
             EbBoard     *board,
             GHashTable  *sort_keys,
             GError     **error)
{
  if (!db_exec (db, "DELETE FROM links; DELETE FROM cards; DELETE FROM frames; DELETE FROM board;", error) ||
      !write_title (db, stmts, eb_board_get_title (board), error))
    return FALSE;

  if (sort_keys)
    g_hash_table_remove_all (sort_keys);

  for (guint k = 0; k < N_KINDS; k++)
    {
      GListModel *list = list_of_kind (board, k);
      guint n = g_list_model_get_n_items (list);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(EbItem) item = g_list_model_get_item (list, i);
          double key = i + 1;

          if (!insert_item (db, stmts, item, key, error))
            return FALSE;
          if (sort_keys)
            g_hash_table_insert (sort_keys, item, g_memdup2 (&key, sizeof key));
        }
    }

  return TRUE;
}

static void
stmt_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static GHashTable *
stmt_cache_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_free);
}

/* ------------------------------------------------------------------ */
/* Saving: backup → temporary file → fsync → rename → fsync directory   */
/* ------------------------------------------------------------------ */

static gboolean
fsync_path (const char *path,
            gboolean    directory)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);
  int rc;

  if (fd < 0)
    return FALSE;
  rc = fsync (fd);
  close (fd);
  return rc == 0;
}

/* Removes temporary files of earlier saves of @base that were cut short
 * (a crash, a kill). A save in progress holds a lock on its file, so a
 * concurrent save by another process is left alone. */
static void
remove_stale_temps (const char *dir,
                    const char *base)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s.", base);
  gsize prefix_len = strlen (prefix);
  const char *entry;

  if (d == NULL)
    return;

  while ((entry = g_dir_read_name (d)))
    {
      g_autofree char *full = NULL;
      int fd;

      if (strlen (entry) != prefix_len + 6 + 4 ||
          strncmp (entry, prefix, prefix_len) != 0 ||
          !g_str_has_suffix (entry, ".tmp"))
        continue;

      full = g_build_filename (dir, entry, NULL);
      fd = g_open (full, O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0);
      if (fd < 0)
        continue;
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        g_unlink (full);
      close (fd);
    }
}

static void G_GNUC_PRINTF (4, 5)
set_save_error (GError     **error,
                int          code,
                const char  *path,
                const char  *format,
                ...)
{
  g_autofree char *name = display_name (path);
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_strdelimit (detail, "\r\n", ' ');
  /* Translators: the first %s is a file name, the second what went wrong */
  g_set_error (error, EB_STORE_ERROR, code, _("Cannot save “%s”: %s"), name, detail);
}

/* No journal while filling the temporary file: until the rename nobody
 * reads it, and a half-written one is thrown away. */
static int
open_temp_db (const char  *tmp,
              sqlite3    **dest)
{
  int rc = sqlite3_open_v2 (tmp, dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);

  if (rc != SQLITE_OK)
    return rc;
  return sqlite3_exec (*dest,
                       "PRAGMA journal_mode = OFF;"
                       "PRAGMA synchronous = OFF;"
                       "PRAGMA locking_mode = EXCLUSIVE;"
                       "PRAGMA secure_delete = ON;",
                       NULL, NULL, NULL);
}

/* Writes the database @src to @target so that @target is at every moment
 * either the old file or the complete new one. */
static gboolean
save_db_to (sqlite3     *src,
            const char  *target,
            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX.tmp", dir, base);
  sqlite3_backup *backup;
  sqlite3 *dest = NULL;
  guint8 header[100];
  struct stat st;
  const char *mode;
  int fd, rc, saved = 0;

  remove_stale_temps (dir, base);

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      saved = errno;
      set_save_error (error, EB_STORE_ERROR_IO, target, "%s", g_strerror (saved));
      return FALSE;
    }
  /* Marks the file as a save in progress (see remove_stale_temps()). */
  flock (fd, LOCK_EX | LOCK_NB);
  if (stat (target, &st) == 0)
    fchmod (fd, st.st_mode & 0777);

  rc = open_temp_db (tmp, &dest);
  if (rc != SQLITE_OK)
    goto sqlite_fail;

  backup = sqlite3_backup_init (dest, "main", src, "main");
  if (backup == NULL)
    {
      rc = sqlite3_errcode (dest);
      goto sqlite_fail;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_OK)
        rc = SQLITE_ERROR;
      set_save_error (error, EB_STORE_ERROR_IO, target, "%s", sqlite_detail (NULL, rc));
      goto fail;
    }
  rc = sqlite3_close (dest);
  dest = NULL;
  if (rc != SQLITE_OK)
    goto sqlite_fail;

  /* The backup copies the working copy's header, which says WAL (bytes
   * 18 and 19 are 2). Every page is in the file itself (the temporary
   * file never had a log), so setting them to 1, rollback journal, is all
   * that switching modes would do, without a -wal file beside it. */
  if (pread (fd, header, sizeof header, 0) != sizeof header)
    {
      saved = errno;
      set_save_error (error, EB_STORE_ERROR_IO, target, "%s", g_strerror (saved ? saved : EIO));
      goto fail;
    }
  if (header[18] != 1 || header[19] != 1)
    {
      header[18] = header[19] = 1;
      if (pwrite (fd, header + 18, 2, 18) != 2)
        {
          saved = errno;
          set_save_error (error, EB_STORE_ERROR_IO, target, "%s", g_strerror (saved ? saved : EIO));
          goto fail;
        }
    }

  rc = open_temp_db (tmp, &dest);
  if (rc != SQLITE_OK)
    goto sqlite_fail;

  /* A board file carries no working-copy bookkeeping; secure_delete
   * zeroes the pages it was on. */
  rc = sqlite3_exec (dest, "DROP TABLE IF EXISTS working;", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto sqlite_fail;

  {
    sqlite3_stmt *stmt = NULL;

    rc = sqlite3_prepare_v2 (dest, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);
    if (rc == SQLITE_OK)
      rc = sqlite3_step (stmt);
    mode = rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0) : NULL;
    if (g_strcmp0 (mode, "delete") != 0)
      {
        sqlite3_finalize (stmt);
        if (rc == SQLITE_ROW)
          rc = SQLITE_ERROR;
        goto sqlite_fail;
      }
    sqlite3_finalize (stmt);
  }

  rc = sqlite3_close (dest);
  dest = NULL;
  if (rc != SQLITE_OK)
    goto sqlite_fail;

  if (fsync (fd) != 0)
    {
      saved = errno;
      set_save_error (error, EB_STORE_ERROR_IO, target, "%s", g_strerror (saved));
      goto fail;
    }

  if (g_rename (tmp, target) != 0)
    {
      saved = errno;
      set_save_error (error, EB_STORE_ERROR_IO, target, "%s", g_strerror (saved));
      goto fail;
    }
  close (fd);

  /* The rename itself is durable only once the directory is synced. */
  if (!fsync_path (dir, TRUE))
    {
      saved = errno;
      set_save_error (error, EB_STORE_ERROR_IO, target, "%s", g_strerror (saved));
      return FALSE;
    }

  return TRUE;

sqlite_fail:
  set_save_error (error, EB_STORE_ERROR_IO, target, "%s",
                  sqlite_detail (dest, rc));
fail:
  sqlite3_close (dest);
  g_unlink (tmp);
  close (fd);
  {
    g_autofree char *journal = g_strconcat (tmp, "-journal", NULL);
    g_unlink (journal);
  }
  return FALSE;
}

/**
 * eb_store_write_file:
 * @board: a board
 * @path: where to write it
 * @error: where to say why it failed
 *
 * Writes @board as a board file, atomically: @path is either left as it
 * was or replaced by the complete new file. For boards with no
 * #EbStore, such as the command line's export.
 *
 * Returns: %TRUE if @path now holds @board
 */
gboolean
eb_store_write_file (EbBoard     *board,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GHashTable) stmts = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = NULL;
  gboolean ok;

  g_return_val_if_fail (EB_IS_BOARD (board), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      set_save_error (error, EB_STORE_ERROR_IO, path, "%s", sqlite3_errmsg (db));
      sqlite3_close (db);
      return FALSE;
    }
  harden (db);
  stmts = stmt_cache_new ();

  ok = eb_store_migrate (db, &local_error) &&
       db_exec (db, "PRAGMA secure_delete = ON; BEGIN", &local_error) &&
       write_board (db, stmts, board, NULL, &local_error) &&
       db_exec (db, "COMMIT", &local_error);

  if (!ok)
    set_save_error (error, local_error->code, path, "%s", local_error->message);
  else
    ok = save_db_to (db, path, error);

  g_hash_table_remove_all (stmts);
  sqlite3_close (db);
  return ok;
}

/* ------------------------------------------------------------------ */
/* The working copy                                                    */
/* ------------------------------------------------------------------ */

static void
set_dirty (EbStore  *self,
           gboolean  dirty)
{
  if (self->dirty == !!dirty)
    return;
  self->dirty = !!dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
set_path (EbStore    *self,
          const char *path)
{
  if (g_strcmp0 (self->path, path) == 0)
    return;
  g_free (self->path);
  self->path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

/* Called with each change: opens the transaction the change goes into,
 * unless a batch already has one open. */
static void
change_begin (EbStore *self)
{
  set_dirty (self, TRUE);

  if (self->in_tx)
    return;

  self->in_tx = TRUE;
  self->tx_failed = FALSE;
  g_clear_error (&self->tx_error);
  if (!db_exec (self->db, "BEGIN IMMEDIATE", &self->tx_error))
    self->tx_failed = TRUE;
}

/* Whether to write this one change, rather than skip it because the
 * transaction failed or the whole board will be rewritten anyway. */
static gboolean
change_writes (EbStore *self)
{
  return self->db != NULL && !self->tx_failed && !self->need_resync;
}

static void
change_failed (EbStore *self,
               GError  *error)
{
  if (!self->tx_failed)
    {
      self->tx_failed = TRUE;
      g_clear_error (&self->tx_error);
      self->tx_error = error;
    }
  else
    g_error_free (error);
}

/* Commits the open transaction. If anything failed, the board in memory
 * is still right but the working copy is behind: the next transaction
 * rewrites it whole, and the UI hears of it through ::write-failed. */
static void
tx_finish (EbStore *self)
{
  GError *error = NULL;
  gboolean was_in_sync = !self->need_resync;

  if (!self->in_tx)
    return;
  self->in_tx = FALSE;

  if (!self->tx_failed && self->need_resync &&
      !write_board (self->db, self->stmts, self->board, self->sort_keys, &error))
    change_failed (self, error);

  if (!self->tx_failed && !self->dirty_on_disk && self->dirty &&
      !db_exec (self->db, "UPDATE working SET value = 1 WHERE key = 'dirty'", &error))
    change_failed (self, g_steal_pointer (&error));

  if (!self->tx_failed && db_exec (self->db, "COMMIT", &error))
    {
      self->need_resync = FALSE;
      if (self->dirty)
        self->dirty_on_disk = TRUE;
      return;
    }
  if (error)
    change_failed (self, error);

  rollback (self->db);
  self->need_resync = TRUE;

  /* Once per failure, not for every later change while the disk is full. */
  if (was_in_sync)
    g_signal_emit (self, signals[WRITE_FAILED], 0, self->tx_error);
  g_clear_error (&self->tx_error);
}

static void
change_end (EbStore *self)
{
  if (!eb_board_in_batch (self->board))
    tx_finish (self);
}

static double
get_sort_key (EbStore *self,
              EbItem  *item,
              gboolean *found)
{
  double *key = g_hash_table_lookup (self->sort_keys, item);

  *found = key != NULL;
  return key ? *key : 0;
}

/* Gives every item of @list its index + 1 as key, when keys between
 * neighbours run out of precision. */
static gboolean
renumber (EbStore     *self,
          GListModel  *list,
          GError     **error)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbItem) item = g_list_model_get_item (list, i);
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET sort_key = ?1 WHERE id = ?2",
                                              kind_of_item (item)->table);
      sqlite3_stmt *stmt = get_stmt (self->db, self->stmts, sql, error);
      double key = i + 1;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_double (stmt, 1, key);
      sqlite3_bind_text (stmt, 2, eb_item_get_id (item), -1, SQLITE_STATIC);
      if (!step_done (self->db, stmt, error))
        return FALSE;
      g_hash_table_insert (self->sort_keys, item, g_memdup2 (&key, sizeof key));
    }

  return TRUE;
}

/* A key between the neighbours of @item in its list, so an item put back
 * in the middle (undo of a delete) is in the middle after reopening. */
static gboolean
key_for_new_item (EbStore  *self,
                  EbItem   *item,
                  double   *out)
{
  GListModel *list = list_of_item (self->board, item);
  guint n = g_list_model_get_n_items (list);
  g_autoptr(EbItem) last = n > 0 ? g_list_model_get_item (list, n - 1) : NULL;
  guint position;

  /* Most items are added on top: skip the linear search for them. */
  position = last == item ? n - 1 : eb_board_get_position (self->board, item);
  gboolean has_prev = FALSE, has_next = FALSE;
  double prev = 0, next = 0;
  double key;

  if (position > 0)
    {
      g_autoptr(EbItem) neighbour = g_list_model_get_item (list, position - 1);
      prev = get_sort_key (self, neighbour, &has_prev);
      if (!has_prev)
        return FALSE;
    }
  if (position + 1 < n)
    {
      g_autoptr(EbItem) neighbour = g_list_model_get_item (list, position + 1);
      next = get_sort_key (self, neighbour, &has_next);
      if (!has_next)
        return FALSE;
    }

  if (has_prev && has_next)
    key = prev + (next - prev) / 2;
  else if (has_prev)
    key = floor (prev) + 1;
  else if (has_next)
    key = ceil (next) - 1;
  else
    key = 1;

  if ((has_prev && key <= prev) || (has_next && key >= next) || !isfinite (key))
    return FALSE;

  *out = key;
  return TRUE;
}

static void
on_item_added (EbBoard *board,
               EbItem  *item,
               EbStore *self)
{
  GError *error = NULL;
  double key;

  change_begin (self);

  if (change_writes (self))
    {
      if (!key_for_new_item (self, item, &key))
        {
          GListModel *list = list_of_item (board, item);

          /* Insert with a provisional key, then number the list afresh. */
          key = 0;
          if (!insert_item (self->db, self->stmts, item, key, &error) ||
              !renumber (self, list, &error))
            change_failed (self, error);
        }
      else
        {
          if (insert_item (self->db, self->stmts, item, key, &error))
            g_hash_table_insert (self->sort_keys, item, g_memdup2 (&key, sizeof key));
          else
            change_failed (self, error);
        }
    }

  change_end (self);
}

static void
on_item_removed (EbBoard *board,
                 EbItem  *item,
                 EbStore *self)
{
  GError *error = NULL;

  g_hash_table_remove (self->sort_keys, item);
  change_begin (self);

  if (change_writes (self))
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", kind_of_item (item)->table);
      sqlite3_stmt *stmt = get_stmt (self->db, self->stmts, sql, &error);

      if (stmt == NULL)
        change_failed (self, error);
      else
        {
          sqlite3_bind_text (stmt, 1, eb_item_get_id (item), -1, SQLITE_STATIC);
          if (!step_done (self->db, stmt, &error))
            change_failed (self, error);
        }
    }

  change_end (self);
}

static void
on_item_changed (EbBoard    *board,
                 EbItem     *item,
                 GParamSpec *pspec,
                 EbStore    *self)
{
  GError *error = NULL;

  if (!eb_item_is_field (pspec))
    return;

  change_begin (self);

  if (change_writes (self))
    {
      const Kind *kind = kind_of_item (item);
      const Field *field = NULL;

      for (guint f = 0; f < kind->n_fields; f++)
        if (kind->fields[f].pspec->name == pspec->name ||
            g_str_equal (kind->fields[f].pspec->name, pspec->name))
          {
            field = &kind->fields[f];
            break;
          }

      if (field != NULL)
        {
          /* One column of one row, by id: cheap enough for every step of
           * a drag. */
          g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE id = ?2",
                                                  kind->table, field->column);
          sqlite3_stmt *stmt = get_stmt (self->db, self->stmts, sql, &error);

          if (stmt == NULL)
            change_failed (self, error);
          else if (bind_field (stmt, 1, item, field) != SQLITE_OK ||
                   sqlite3_bind_text (stmt, 2, eb_item_get_id (item), -1, SQLITE_STATIC) != SQLITE_OK)
            {
              set_file_error (&error, EB_STORE_ERROR_IO, self->working_path, "%s",
                              sqlite3_errmsg (self->db));
              change_failed (self, error);
            }
          else if (!step_done (self->db, stmt, &error))
            change_failed (self, error);
        }
    }

  change_end (self);
}

static void
on_title_changed (EbBoard    *board,
                  GParamSpec *pspec,
                  EbStore    *self)
{
  GError *error = NULL;

  change_begin (self);
  if (change_writes (self) &&
      !write_title (self->db, self->stmts, eb_board_get_title (board), &error))
    change_failed (self, error);
  change_end (self);
}

static void
on_batch_ended (EbBoard *board,
                EbStore *self)
{
  /* The transaction opened with the batch's first change, if any. */
  tx_finish (self);
}

static void
connect_board (EbStore *self)
{
  g_signal_connect_object (self->board, "item-added", G_CALLBACK (on_item_added), self, 0);
  g_signal_connect_object (self->board, "item-removed", G_CALLBACK (on_item_removed), self, 0);
  g_signal_connect_object (self->board, "item-changed", G_CALLBACK (on_item_changed), self, 0);
  g_signal_connect_object (self->board, "notify::title", G_CALLBACK (on_title_changed), self, 0);
  g_signal_connect_object (self->board, "batch-ended", G_CALLBACK (on_batch_ended), self, 0);
}

static void
disconnect_board (EbStore *self)
{
  if (self->board)
    g_signal_handlers_disconnect_by_data (self->board, self);
}

static void
close_db (EbStore *self)
{
  if (self->db == NULL)
    return;

  /* A batch still open when the window goes: keep what it did. */
  if (self->in_tx)
    tx_finish (self);
  g_hash_table_remove_all (self->stmts);
  sqlite3_close (self->db);
  self->db = NULL;
}

static char *
lock_path_for (const char *working_path)
{
  return g_strconcat (working_path, LOCK_SUFFIX, NULL);
}

/* An exclusive flock() on "<working copy>.lock" for as long as the store
 * lives: a second process (or window) can then tell the working copy is
 * in use and neither recovers nor writes it. The kernel drops the lock
 * when the process dies, however it dies. */
static int
lock_working_copy (const char  *working_path,
                   gboolean     create,
                   GError     **error)
{
  g_autofree char *lock_path = lock_path_for (working_path);
  int fd, saved;

  fd = g_open (lock_path, O_RDWR | O_CLOEXEC | O_NOFOLLOW | (create ? O_CREAT : 0), 0600);
  if (fd < 0)
    {
      saved = errno;
      set_file_error (error, EB_STORE_ERROR_IO, working_path, "%s", g_strerror (saved));
      return -1;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      saved = errno;
      close (fd);
      if (saved == EWOULDBLOCK)
        set_file_error (error, EB_STORE_ERROR_IO, working_path,
                        _("it is open in another window or program"));
      else
        set_file_error (error, EB_STORE_ERROR_IO, working_path, "%s", g_strerror (saved));
      return -1;
    }
  return fd;
}

/* Durability of the working copy: WAL with synchronous=FULL, so a change
 * is on disk (one fsync of the log) when its write returns, even across
 * a power cut; measured about 7 times cheaper per edit than a rollback
 * journal with FULL, which syncs journal and database on every commit.
 * EXCLUSIVE locking keeps the WAL index in our memory (no -shm file),
 * spares the lock calls on each transaction, and keeps other processes
 * out. Board files themselves are never in WAL mode (see save_db_to()). */
static gboolean
configure_working_db (sqlite3  *db,
                      GError  **error)
{
  harden (db);
  return db_exec (db,
                  "PRAGMA locking_mode = EXCLUSIVE;"
                  "PRAGMA journal_mode = WAL;"
                  "PRAGMA synchronous = FULL;"
                  "PRAGMA secure_delete = ON;",
                  error);
}

static gboolean
read_working_meta (EbStore  *self,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT key, value FROM working", -1, &stmt, NULL);
  while ((rc == SQLITE_OK || rc == SQLITE_ROW) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (key, "path") == 0 && sqlite3_column_type (stmt, 1) == SQLITE_TEXT)
        {
          g_free (self->path);
          self->path = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        }
      else if (g_strcmp0 (key, "dirty") == 0)
        self->dirty_on_disk = sqlite3_column_int (stmt, 1) != 0;
    }
  if (rc != SQLITE_DONE)
    {
      set_file_error (error, code_for_sqlite (rc), self->working_path, "%s", sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_working_meta (EbStore     *self,
                    const char  *path,
                    gboolean     dirty,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = get_stmt (self->db, self->stmts,
                   "UPDATE working SET value = CASE key WHEN 'path' THEN ?1 ELSE ?2 END", error);
  if (stmt == NULL)
    return FALSE;
  if (path)
    sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, dirty);
  if (!step_done (self->db, stmt, error))
    return FALSE;
  self->dirty_on_disk = dirty;
  return TRUE;
}

/* A new store around @board, with a fresh working copy in @working_dir
 * holding all of it. */
static EbStore *
store_new_for_board (EbBoard     *board,
                     const char  *working_dir,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(EbStore) self = NULL;
  g_autofree char *id = eb_item_new_id ();
  g_autofree char *name = g_strconcat (id, WORKING_SUFFIX, NULL);
  int saved;

  if (g_mkdir_with_parents (working_dir, 0700) != 0)
    {
      saved = errno;
      set_file_error (error, EB_STORE_ERROR_IO, working_dir, "%s", g_strerror (saved));
      return NULL;
    }

  self = g_object_new (EB_TYPE_STORE, NULL);
  self->board = g_object_ref (board);
  self->working_path = g_build_filename (working_dir, name, NULL);
  self->path = g_strdup (path);

  self->lock_fd = lock_working_copy (self->working_path, TRUE, error);
  if (self->lock_fd < 0)
    return NULL;

  self->db = open_db (self->working_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (self->db == NULL)
    return NULL;

  if (!configure_working_db (self->db, error) ||
      !eb_store_migrate (self->db, error) ||
      !db_exec (self->db, "BEGIN", error) ||
      !db_exec (self->db, working_table_sql, error) ||
      !write_working_meta (self, path, FALSE, error) ||
      !write_board (self->db, self->stmts, board, self->sort_keys, error) ||
      !db_exec (self->db, "COMMIT", error))
    {
      rollback (self->db);
      eb_store_discard (self);
      return NULL;
    }

  connect_board (self);
  return g_steal_pointer (&self);
}

static void
eb_store_dispose (GObject *object)
{
  EbStore *self = EB_STORE (object);

  /* Not a discard: the working copy stays, for recovery after a crash
   * looks exactly like this. */
  disconnect_board (self);
  close_db (self);
  if (self->lock_fd >= 0)
    {
      close (self->lock_fd);
      self->lock_fd = -1;
    }
  g_clear_object (&self->board);

  G_OBJECT_CLASS (eb_store_parent_class)->dispose (object);
}

static void
eb_store_finalize (GObject *object)
{
  EbStore *self = EB_STORE (object);

  g_free (self->path);
  g_free (self->working_path);
  g_hash_table_unref (self->stmts);
  g_hash_table_unref (self->sort_keys);
  g_clear_error (&self->tx_error);

  G_OBJECT_CLASS (eb_store_parent_class)->finalize (object);
}

static void
eb_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  EbStore *self = EB_STORE (object);

  switch (prop_id)
    {
    case PROP_BOARD:
      g_value_set_object (value, self->board);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_WORKING_PATH:
      g_value_set_string (value, self->working_path);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
eb_store_class_init (EbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = eb_store_dispose;
  object_class->finalize = eb_store_finalize;
  object_class->get_property = eb_store_get_property;

  properties[PROP_BOARD] = g_param_spec_object ("board", NULL, NULL, EB_TYPE_BOARD, flags);
  /* The board file; %NULL for a board that was never saved. */
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_WORKING_PATH] = g_param_spec_string ("working-path", NULL, NULL, NULL, flags);
  /* %TRUE when the board file is behind the working copy. */
  properties[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EbStore::write-failed:
   * @error: why the working copy could not be written (disk full…)
   *
   * A change could not be written to the working copy. The board in
   * memory is unharmed, and the store rewrites the working copy whole
   * with the next change; until then a crash would lose the changes
   * since. Emitted once per failure, not for each change while it lasts.
   */
  signals[WRITE_FAILED] =
    g_signal_new ("write-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
eb_store_init (EbStore *self)
{
  self->lock_fd = -1;
  self->stmts = stmt_cache_new ();
  self->sort_keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

/**
 * eb_store_new:
 * @working_dir: where working copies live (created, mode 0700)
 * @error: where to say why it failed
 *
 * Starts a new, empty board with only a working copy; it gets a file
 * name with its first eb_store_save().
 *
 * Returns: (transfer full) (nullable): the store
 */
EbStore *
eb_store_new (const char  *working_dir,
              GError     **error)
{
  g_autoptr(EbBoard) board = NULL;

  g_return_val_if_fail (working_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  board = eb_board_new ();
  return store_new_for_board (board, working_dir, NULL, error);
}

/**
 * eb_store_open:
 * @path: a board file
 * @working_dir: where working copies live
 * @error: where to say, in one line, why it cannot be opened
 *
 * Reads @path as eb_store_read_file() does and copies it into a fresh
 * working copy. The file itself is only written again by eb_store_save().
 *
 * Returns: (transfer full) (nullable): the store
 */
EbStore *
eb_store_open (const char  *path,
               const char  *working_dir,
               GError     **error)
{
  g_autoptr(EbBoard) board = NULL;
  g_autofree char *absolute = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (working_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  board = eb_store_read_file (path, error);
  if (board == NULL)
    return NULL;

  absolute = g_canonicalize_filename (path, NULL);
  return store_new_for_board (board, working_dir, absolute, error);
}

/**
 * eb_store_recover:
 * @working_path: a working copy, as listed by eb_store_list_recoverable()
 * @error: where to say why it cannot be recovered
 *
 * Reopens a working copy left behind by a crash: the board as it was at
 * the last change, marked dirty, with the file it belongs to (if any) as
 * its path. Fails if another store holds the working copy.
 *
 * Returns: (transfer full) (nullable): the store
 */
EbStore *
eb_store_recover (const char  *working_path,
                  GError     **error)
{
  g_autoptr(EbStore) self = NULL;

  g_return_val_if_fail (working_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (EB_TYPE_STORE, NULL);
  self->working_path = g_strdup (working_path);

  self->lock_fd = lock_working_copy (working_path, TRUE, error);
  if (self->lock_fd < 0)
    return NULL;

  /* Opening rolls back a transaction the crash cut short. */
  self->db = open_db (working_path, SQLITE_OPEN_READWRITE, error);
  if (self->db == NULL)
    return NULL;

  if (!configure_working_db (self->db, error) ||
      !check_database (self->db, TRUE, error) ||
      !read_working_meta (self, error))
    return NULL;

  self->board = load_board (self->db, self->sort_keys, error);
  if (self->board == NULL)
    return NULL;

  self->dirty = TRUE;
  connect_board (self);
  return g_steal_pointer (&self);
}

/**
 * eb_store_list_recoverable:
 * @working_dir: where working copies live
 *
 * Finds the working copies that hold changes not in their board file (or
 * that were never saved), and that no running store has open: what a
 * crash left behind.
 *
 * Returns: (transfer full) (element-type filename): their paths
 */
GPtrArray *
eb_store_list_recoverable (const char *working_dir)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *entry;

  g_return_val_if_fail (working_dir != NULL, result);

  dir = g_dir_open (working_dir, 0, NULL);
  if (dir == NULL)
    return result;

  while ((entry = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      sqlite3 *db = NULL;
      gboolean dirty = FALSE;
      int fd;

      if (!g_str_has_suffix (entry, WORKING_SUFFIX))
        continue;

      path = g_build_filename (working_dir, entry, NULL);
      fd = lock_working_copy (path, TRUE, NULL);
      if (fd < 0)
        continue;

      /* Read-write, so that SQLite can roll back a transaction the crash
       * cut short before we read the bookkeeping. */
      if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
        {
          /* Exclusive, as the store opens it: the WAL index stays in
           * memory and no -shm file appears. */
          harden (db);
          sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, NULL);
          if (sqlite3_prepare_v2 (db, "SELECT value FROM working WHERE key = 'dirty'", -1, &stmt, NULL) == SQLITE_OK &&
              sqlite3_step (stmt) == SQLITE_ROW)
            dirty = sqlite3_column_int (stmt, 0) != 0;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
      sqlite3_close (db);
      close (fd);

      if (dirty)
        g_ptr_array_add (result, g_steal_pointer (&path));
    }

  return result;
}

/**
 * eb_store_get_board:
 * @self: a store
 *
 * Returns: (transfer none): the board
 */
EbBoard *
eb_store_get_board (EbStore *self)
{
  g_return_val_if_fail (EB_IS_STORE (self), NULL);
  return self->board;
}

/**
 * eb_store_get_path:
 * @self: a store
 *
 * Returns: (nullable): the board file, or %NULL if never saved
 */
const char *
eb_store_get_path (EbStore *self)
{
  g_return_val_if_fail (EB_IS_STORE (self), NULL);
  return self->path;
}

/**
 * eb_store_get_working_path:
 * @self: a store
 *
 * Returns: (nullable): the working copy, or %NULL once discarded
 */
const char *
eb_store_get_working_path (EbStore *self)
{
  g_return_val_if_fail (EB_IS_STORE (self), NULL);
  return self->working_path;
}

/**
 * eb_store_get_dirty:
 * @self: a store
 *
 * Returns: %TRUE if the board has changes its file does not have yet
 */
gboolean
eb_store_get_dirty (EbStore *self)
{
  g_return_val_if_fail (EB_IS_STORE (self), FALSE);
  return self->dirty;
}

/**
 * eb_store_save:
 * @self: a store
 * @path: (nullable): where to save (Save As), or %NULL for the current file
 * @error: where to say why it failed
 *
 * Writes the working copy to the board file atomically: the file is at
 * every moment either the old version or the whole new one. On failure
 * the old file is untouched.
 *
 * Returns: %TRUE if saved
 */
gboolean
eb_store_save (EbStore     *self,
               const char  *path,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *target = NULL;

  g_return_val_if_fail (EB_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (path == NULL && self->path == NULL)
    {
      set_save_error (error, EB_STORE_ERROR_IO, _("Untitled"), _("the board has no file name yet"));
      return FALSE;
    }
  target = g_canonicalize_filename (path ? path : self->path, NULL);

  if (self->db == NULL)
    {
      set_save_error (error, EB_STORE_ERROR_IO, target, _("the working copy was discarded"));
      return FALSE;
    }
  if (eb_board_in_batch (self->board) || self->in_tx)
    {
      /* The working copy is mid-transaction: a copy now would hold half
       * a change. */
      set_save_error (error, EB_STORE_ERROR_IO, target, _("a change is still in progress"));
      return FALSE;
    }

  if (self->need_resync)
    {
      /* The last write failed: bring the working copy up to date first,
       * or the file would miss those changes. */
      self->in_tx = TRUE;
      self->tx_failed = FALSE;
      if (!db_exec (self->db, "BEGIN IMMEDIATE", &local_error) ||
          !write_board (self->db, self->stmts, self->board, self->sort_keys, &local_error) ||
          !db_exec (self->db, "COMMIT", &local_error))
        {
          self->in_tx = FALSE;
          rollback (self->db);
          set_save_error (error, EB_STORE_ERROR_IO, target, "%s", local_error->message);
          return FALSE;
        }
      self->in_tx = FALSE;
      self->need_resync = FALSE;
    }

  if (!save_db_to (self->db, target, error))
    return FALSE;

  /* The file is safe; if noting that fails, a crash now merely offers to
   * recover a copy identical to the file. */
  if (!db_exec (self->db, "BEGIN IMMEDIATE", &local_error) ||
      !write_working_meta (self, target, FALSE, &local_error) ||
      !db_exec (self->db, "COMMIT", &local_error))
    {
      rollback (self->db);
      self->dirty_on_disk = TRUE;
      g_signal_emit (self, signals[WRITE_FAILED], 0, local_error);
    }

  g_object_freeze_notify (G_OBJECT (self));
  set_path (self, target);
  set_dirty (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/**
 * eb_store_discard:
 * @self: a store
 *
 * Deletes the working copy: after a save when the window closes, or when
 * the user throws the changes away. The board stays in memory but is no
 * longer written anywhere. Disposing a store without this keeps the
 * working copy for recovery.
 */
void
eb_store_discard (EbStore *self)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };
  g_autofree char *lock_path = NULL;

  g_return_if_fail (EB_IS_STORE (self));

  if (self->working_path == NULL)
    return;

  disconnect_board (self);
  close_db (self);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (self->working_path, suffixes[i], NULL);
      g_unlink (file);
    }

  /* Unlinked while still held, so nobody locks the old file meanwhile. */
  lock_path = lock_path_for (self->working_path);
  if (self->lock_fd >= 0)
    {
      g_unlink (lock_path);
      close (self->lock_fd);
      self->lock_fd = -1;
    }

  g_clear_pointer (&self->working_path, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKING_PATH]);
}
