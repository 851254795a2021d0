/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <unistd.h>

#include "eb-file.h"
#include "eb-store-private.h"

/* Writing boards: the statement cache, items and titles into rows, a
 * whole board at once, and the atomic save of a database to a board
 * file (backup into the temporary file of eb_file_replace()). */

/* ------------------------------------------------------------------ */
/* Model → rows                                                       */
/* ------------------------------------------------------------------ */

/* A statement from the cache of @stmts, reset and ready to bind. */
sqlite3_stmt *
_eb_store_get_stmt (sqlite3     *db,
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
      _eb_store_set_error (error, TASK_OPEN, _eb_store_code_for_sqlite (rc), _eb_store_db_name (db), "%s", _eb_store_sqlite_detail (db, rc));
      return NULL;
    }
  g_hash_table_insert (stmts, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_eb_store_step_done (sqlite3       *db,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _eb_store_set_error (error, TASK_OPEN, _eb_store_code_for_sqlite (rc), _eb_store_db_name (db), "%s", _eb_store_sqlite_detail (db, rc));
      return FALSE;
    }
  return TRUE;
}

int
_eb_store_bind_field (sqlite3_stmt *stmt,
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

gboolean
_eb_store_insert_item (sqlite3     *db,
                       GHashTable  *stmts,
                       EbItem      *item,
                       double       sort_key,
                       GError     **error)
{
  const ItemTable *table = _eb_store_item_table_of (item);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _eb_store_get_stmt (db, stmts, table->insert_sql, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_bind_double (stmt, 1, sort_key);
  for (guint f = 0; rc == SQLITE_OK && f < table->n_fields; f++)
    rc = _eb_store_bind_field (stmt, f + 2, item, &table->fields[f]);
  if (rc != SQLITE_OK)
    {
      _eb_store_set_error (error, TASK_OPEN, _eb_store_code_for_sqlite (rc), _eb_store_db_name (db), "%s", _eb_store_sqlite_detail (db, rc));
      return FALSE;
    }

  return _eb_store_step_done (db, stmt, error);
}

gboolean
_eb_store_write_title (sqlite3     *db,
                       GHashTable  *stmts,
                       const char  *title,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _eb_store_get_stmt (db, stmts, "INSERT OR REPLACE INTO board (key, value) VALUES ('title', ?1)", error);
  if (stmt == NULL)
    return FALSE;
  if (title)
    sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
  return _eb_store_step_done (db, stmt, error);
}

/* Replaces everything in @db with @board, numbering each list 1, 2, 3…
 * Must run inside a transaction. */
gboolean
_eb_store_write_board (sqlite3     *db,
                       GHashTable  *stmts,
                       EbBoard     *board,
                       GHashTable  *sort_keys,
                       GError     **error)
{
  if (!_eb_store_db_exec (db, "DELETE FROM links; DELETE FROM cards; DELETE FROM frames; DELETE FROM board;", error) ||
      !_eb_store_write_title (db, stmts, eb_board_get_title (board), error))
    return FALSE;

  if (sort_keys)
    g_hash_table_remove_all (sort_keys);

  for (guint k = 0; k < N_ITEM_TABLES; k++)
    {
      GListModel *list = _eb_store_list_of_table (board, k);
      guint n = g_list_model_get_n_items (list);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(EbItem) item = g_list_model_get_item (list, i);
          double key = i + 1;

          if (!_eb_store_insert_item (db, stmts, item, key, error))
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

GHashTable *
_eb_store_stmt_cache_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_free);
}

/* ------------------------------------------------------------------ */
/* Saving: backup into a temporary file, put in place by eb_file_replace() */
/* ------------------------------------------------------------------ */

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

typedef struct
{
  sqlite3    *src;
  const char *target;   /* for messages */
} SaveData;

/* Fills the temporary file with a board file made from the database. */
static gboolean
write_board_file (int          fd,
                  const char  *tmp,
                  gpointer     user_data,
                  GError     **error)
{
  SaveData *save = user_data;
  g_autofree char *journal = g_strconcat (tmp, "-journal", NULL);
  sqlite3_backup *backup;
  sqlite3 *dest = NULL;
  guint8 header[100];
  const char *mode;
  int rc, saved;

  rc = open_temp_db (tmp, &dest);
  if (rc != SQLITE_OK)
    goto sqlite_fail;

  backup = sqlite3_backup_init (dest, "main", save->src, "main");
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
      _eb_store_set_error (error, TASK_SAVE, EB_STORE_ERROR_IO, save->target, "%s", _eb_store_sqlite_detail (NULL, rc));
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
      _eb_store_set_error (error, TASK_SAVE, EB_STORE_ERROR_IO, save->target, "%s", g_strerror (saved ? saved : EIO));
      goto fail;
    }
  if (header[18] != 1 || header[19] != 1)
    {
      header[18] = header[19] = 1;
      if (pwrite (fd, header + 18, 2, 18) != 2)
        {
          saved = errno;
          _eb_store_set_error (error, TASK_SAVE, EB_STORE_ERROR_IO, save->target, "%s", g_strerror (saved ? saved : EIO));
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
    g_autoptr(sqlite3_stmt) stmt = NULL;

    rc = sqlite3_prepare_v2 (dest, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);
    if (rc == SQLITE_OK)
      rc = sqlite3_step (stmt);
    mode = rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0) : NULL;
    if (g_strcmp0 (mode, "delete") != 0)
      {
        if (rc == SQLITE_ROW)
          rc = SQLITE_ERROR;
        g_clear_pointer (&stmt, sqlite3_finalize);
        goto sqlite_fail;
      }
  }

  rc = sqlite3_close (dest);
  dest = NULL;
  if (rc != SQLITE_OK)
    goto sqlite_fail;

  return TRUE;

sqlite_fail:
  _eb_store_set_error (error, TASK_SAVE, EB_STORE_ERROR_IO, save->target, "%s",
                       _eb_store_sqlite_detail (dest, rc));
fail:
  sqlite3_close (dest);
  g_unlink (journal);
  return FALSE;
}

/* Writes the database @src to @target so that @target is at every moment
 * either the old file or the complete new one (see eb_file_replace(),
 * which also follows a symbolic link to the file it points to). */
gboolean
_eb_store_save_db_to (sqlite3     *src,
                      const char  *target,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  SaveData save = { src, target };

  if (eb_file_replace (target, write_board_file, &save, &local_error))
    return TRUE;

  if (local_error->domain == EB_STORE_ERROR)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    _eb_store_set_error (error, TASK_SAVE, EB_STORE_ERROR_IO, target, "%s", local_error->message);
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
      _eb_store_set_error (error, TASK_SAVE, EB_STORE_ERROR_IO, path, "%s", sqlite3_errmsg (db));
      sqlite3_close (db);
      return FALSE;
    }
  stmts = _eb_store_stmt_cache_new ();

  ok = _eb_store_harden (db, &local_error) &&
       eb_store_migrate (db, &local_error) &&
       _eb_store_db_exec (db, "PRAGMA secure_delete = ON; BEGIN", &local_error) &&
       _eb_store_write_board (db, stmts, board, NULL, &local_error) &&
       _eb_store_db_exec (db, "COMMIT", &local_error);

  if (!ok)
    _eb_store_set_error (error, TASK_SAVE, local_error->code, path, "%s", local_error->message);
  else
    ok = _eb_store_save_db_to (db, path, error);

  g_hash_table_remove_all (stmts);
  sqlite3_close (db);
  return ok;
}
