/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eb-store-private.h"

/* Writing boards: the statement cache, items and titles into rows, a
 * whole board at once, and the atomic save of a database to a board
 * file (backup → temporary file → fsync → rename → fsync directory). */

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
      _eb_store_set_file_error (error, _eb_store_code_for_sqlite (rc), _eb_store_db_name (db), "%s", _eb_store_sqlite_detail (db, rc));
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
      _eb_store_set_file_error (error, _eb_store_code_for_sqlite (rc), _eb_store_db_name (db), "%s", _eb_store_sqlite_detail (db, rc));
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
  const Kind *kind = _eb_store_kind_of_item (item);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _eb_store_get_stmt (db, stmts, kind->insert_sql, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_bind_double (stmt, 1, sort_key);
  for (guint f = 0; rc == SQLITE_OK && f < kind->n_fields; f++)
    rc = _eb_store_bind_field (stmt, f + 2, item, &kind->fields[f]);
  if (rc != SQLITE_OK)
    {
      _eb_store_set_file_error (error, _eb_store_code_for_sqlite (rc), _eb_store_db_name (db), "%s", _eb_store_sqlite_detail (db, rc));
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

  for (guint k = 0; k < N_KINDS; k++)
    {
      GListModel *list = _eb_store_list_of_kind (board, k);
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
/* Saving: backup → temporary file → fsync → rename → fsync directory */
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

void
_eb_store_set_save_error (GError     **error,
                          int          code,
                          const char  *path,
                          const char  *format,
                          ...)
{
  g_autofree char *name = _eb_store_display_name (path);
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
gboolean
_eb_store_save_db_to (sqlite3     *src,
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
      _eb_store_set_save_error (error, EB_STORE_ERROR_IO, target, "%s", g_strerror (saved));
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
      _eb_store_set_save_error (error, EB_STORE_ERROR_IO, target, "%s", _eb_store_sqlite_detail (NULL, rc));
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
      _eb_store_set_save_error (error, EB_STORE_ERROR_IO, target, "%s", g_strerror (saved ? saved : EIO));
      goto fail;
    }
  if (header[18] != 1 || header[19] != 1)
    {
      header[18] = header[19] = 1;
      if (pwrite (fd, header + 18, 2, 18) != 2)
        {
          saved = errno;
          _eb_store_set_save_error (error, EB_STORE_ERROR_IO, target, "%s", g_strerror (saved ? saved : EIO));
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
      _eb_store_set_save_error (error, EB_STORE_ERROR_IO, target, "%s", g_strerror (saved));
      goto fail;
    }

  if (g_rename (tmp, target) != 0)
    {
      saved = errno;
      _eb_store_set_save_error (error, EB_STORE_ERROR_IO, target, "%s", g_strerror (saved));
      goto fail;
    }
  close (fd);

  /* The rename itself is durable only once the directory is synced. */
  if (!fsync_path (dir, TRUE))
    {
      saved = errno;
      _eb_store_set_save_error (error, EB_STORE_ERROR_IO, target, "%s", g_strerror (saved));
      return FALSE;
    }

  return TRUE;

sqlite_fail:
  _eb_store_set_save_error (error, EB_STORE_ERROR_IO, target, "%s",
                            _eb_store_sqlite_detail (dest, rc));
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
      _eb_store_set_save_error (error, EB_STORE_ERROR_IO, path, "%s", sqlite3_errmsg (db));
      sqlite3_close (db);
      return FALSE;
    }
  _eb_store_harden (db);
  stmts = _eb_store_stmt_cache_new ();

  ok = eb_store_migrate (db, &local_error) &&
       _eb_store_db_exec (db, "PRAGMA secure_delete = ON; BEGIN", &local_error) &&
       _eb_store_write_board (db, stmts, board, NULL, &local_error) &&
       _eb_store_db_exec (db, "COMMIT", &local_error);

  if (!ok)
    _eb_store_set_save_error (error, local_error->code, path, "%s", local_error->message);
  else
    ok = _eb_store_save_db_to (db, path, error);

  g_hash_table_remove_all (stmts);
  sqlite3_close (db);
  return ok;
}
