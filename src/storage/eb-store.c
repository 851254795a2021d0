/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

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

#define LOCK_SUFFIX ".lock"
#define BOARD_LOCK_PREFIX "board-"

G_DEFINE_FINAL_TYPE (EbStore, eb_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (eb-store-error-quark, eb_store_error)

enum {
  PROP_0,
  PROP_BOARD,
  PROP_PATH,
  PROP_WORKING_PATH,
  PROP_DIRTY,
  PROP_READ_ONLY,
  N_PROPS
};

enum {
  WRITE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_eb_store_set_dirty (EbStore  *self,
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

/* For the mirror, which has no access to the signal ids. */
void
_eb_store_emit_write_failed (EbStore      *self,
                             const GError *error)
{
  g_signal_emit (self, signals[WRITE_FAILED], 0, error);
}

/* ------------------------------------------------------------------ */
/* The working copy                                                   */
/* ------------------------------------------------------------------ */

static char *
lock_path_for (const char *working_path)
{
  return g_strconcat (working_path, LOCK_SUFFIX, NULL);
}

/* An exclusive, non-blocking flock() on @lock_path; -1 with errno set if
 * it cannot be had (EWOULDBLOCK: someone holds it). Whoever gives a lock
 * up unlinks its file while still holding it, so a lock taken on a file
 * that has meanwhile been unlinked (or replaced) is worth nothing: then
 * try again on the file that is there now. */
static int
take_lock (const char *lock_path,
           gboolean    create)
{
  for (;;)
    {
      struct stat held, now;
      int fd, saved;

      fd = g_open (lock_path, O_RDWR | O_CLOEXEC | O_NOFOLLOW | (create ? O_CREAT : 0), 0600);
      if (fd < 0)
        return -1;
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          saved = errno;
          close (fd);
          errno = saved;
          return -1;
        }
      if (fstat (fd, &held) == 0 && g_lstat (lock_path, (GStatBuf *) &now) == 0 &&
          held.st_dev == now.st_dev && held.st_ino == now.st_ino)
        return fd;
      close (fd);
      if (!create)
        {
          errno = ENOENT;
          return -1;
        }
    }
}

/* Gives up a lock taken with take_lock(), and its file. */
static void
drop_lock (const char *lock_path,
           int         fd)
{
  if (fd < 0)
    return;
  g_unlink (lock_path);
  close (fd);
}

/* Deletes a working copy with its journal or log, then its lock, which
 * @lock_fd (if not -1) holds. */
static void
remove_working_copy (const char *working_path,
                     int         lock_fd)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };
  g_autofree char *lock_path = lock_path_for (working_path);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (working_path, suffixes[i], NULL);
      g_unlink (file);
    }

  drop_lock (lock_path, lock_fd);
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

  fd = take_lock (lock_path, create);
  if (fd < 0)
    {
      saved = errno;
      if (saved == EWOULDBLOCK)
        _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_IO, working_path,
                             _("it is open in another window or program"));
      else
        _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_IO, working_path, "%s", g_strerror (saved));
      return -1;
    }
  return fd;
}

/* ------------------------------------------------------------------ */
/* The board file's lock                                              */
/* ------------------------------------------------------------------ */

/* The one name of a board file, whichever link or relative path reaches
 * it; for a file yet to be made, its folder's. */
static char *
canonical_board_path (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *real_dir = NULL;
  char *real = realpath (path, NULL);

  if (real != NULL)
    return real;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  real_dir = realpath (dir, NULL);
  if (real_dir != NULL)
    return g_build_filename (real_dir, base, NULL);
  return g_canonicalize_filename (path, NULL);
}

/* Takes the lock that says a store has the board file @path: an
 * exclusive flock() on a file in @lock_dir named by a hash of the file's
 * canonical path, so that every store in every process that works in
 * @lock_dir agrees. Nothing is written to the board file or beside it. */
static char *
board_lock_path_for (const char *path,
                     const char *lock_dir)
{
  g_autofree char *canonical = canonical_board_path (path);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  g_autofree char *name = g_strconcat (BOARD_LOCK_PREFIX, hash, LOCK_SUFFIX, NULL);

  return g_build_filename (lock_dir, name, NULL);
}

static int
lock_board_file (const char  *path,
                 const char  *lock_dir,
                 char       **lock_path,
                 GError     **error)
{
  g_autofree char *file = board_lock_path_for (path, lock_dir);
  int fd, saved;

  if (g_mkdir_with_parents (lock_dir, 0700) != 0)
    {
      saved = errno;
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_IO, lock_dir, "%s", g_strerror (saved));
      return -1;
    }

  fd = take_lock (file, TRUE);
  if (fd < 0)
    {
      saved = errno;
      if (saved == EWOULDBLOCK)
        {
          g_autofree char *display = _eb_store_display_name (path);

          /* Translators: %s is a file name */
          g_set_error (error, EB_STORE_ERROR, EB_STORE_ERROR_BUSY,
                       _("“%s” is already open in another window or program"), display);
        }
      else
        _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_IO, file, "%s", g_strerror (saved));
      return -1;
    }

  *lock_path = g_steal_pointer (&file);
  return fd;
}

/* The store now holds the board file's lock @fd (or none, -1); the lock
 * it held before, if another, goes. */
static void
set_board_lock (EbStore *self,
                int      fd,
                char    *lock_path)
{
  if (self->board_lock_fd >= 0 && self->board_lock_fd != fd)
    drop_lock (self->board_lock_path, self->board_lock_fd);
  if (self->board_lock_path != lock_path)
    g_free (self->board_lock_path);
  self->board_lock_fd = fd;
  self->board_lock_path = lock_path;
}

/* Makes sure this store holds the lock of @path before it writes there:
 * at once if it has it already. @fd receives the new lock, for
 * set_board_lock() once the save succeeded; -1 if it was held already. */
static gboolean
lock_save_target (EbStore     *self,
                  const char  *path,
                  int         *fd,
                  char       **lock_path,
                  GError     **error)
{
  g_autofree char *lock_dir = g_path_get_dirname (self->working_path);
  g_autofree char *wanted = board_lock_path_for (path, lock_dir);

  *fd = -1;
  *lock_path = NULL;
  if (self->board_lock_fd >= 0 && g_strcmp0 (self->board_lock_path, wanted) == 0)
    return TRUE;

  *fd = lock_board_file (path, lock_dir, lock_path, error);
  return *fd >= 0;
}

/* Durability of the working copy: WAL with synchronous=FULL, so a change
 * is on disk (one fsync of the log) when its write returns, even across
 * a power cut; measured about 7 times cheaper per edit than a rollback
 * journal with FULL, which syncs journal and database on every commit.
 * EXCLUSIVE locking keeps the WAL index in our memory (no -shm file),
 * spares the lock calls on each transaction, and keeps other processes
 * out. Board files themselves are never in WAL mode (see _eb_store_save_db_to()). */
static gboolean
configure_working_db (sqlite3  *db,
                      GError  **error)
{
  return _eb_store_harden (db, error) &&
         _eb_store_db_exec (db,
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
      _eb_store_set_error (error, TASK_OPEN, _eb_store_code_for_sqlite (rc), self->working_path, "%s", sqlite3_errmsg (self->db));
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

  stmt = _eb_store_get_stmt (self->db, self->stmts,
                             "UPDATE working SET value = CASE key WHEN 'path' THEN ?1 ELSE ?2 END", error);
  if (stmt == NULL)
    return FALSE;
  if (path)
    sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, dirty);
  if (!_eb_store_step_done (self->db, stmt, error))
    return FALSE;
  self->dirty_on_disk = dirty;
  return TRUE;
}

/* Creates, locks and opens a new, empty working copy in @working_dir.
 * On failure, eb_store_discard() removes whatever was made. */
static gboolean
create_working_copy (EbStore     *self,
                     const char  *working_dir,
                     GError     **error)
{
  g_autofree char *id = eb_item_new_id ();
  g_autofree char *name = g_strconcat (id, EB_STORE_WORKING_SUFFIX, NULL);
  int saved;

  if (g_mkdir_with_parents (working_dir, 0700) != 0)
    {
      saved = errno;
      _eb_store_set_error (error, TASK_OPEN, EB_STORE_ERROR_IO, working_dir, "%s", g_strerror (saved));
      return FALSE;
    }

  self->working_path = g_build_filename (working_dir, name, NULL);
  self->lock_fd = lock_working_copy (self->working_path, TRUE, error);
  if (self->lock_fd < 0)
    return FALSE;

  self->db = _eb_store_open_db (self->working_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  return self->db != NULL;
}

/* A new store around @board, with a fresh working copy in @working_dir
 * holding all of it. A board with content is not in any file yet: that
 * is unsaved, as far as the store (and recovery) are concerned. */
static gboolean
write_new_working_copy (EbStore     *self,
                        const char  *working_dir,
                        gboolean     dirty,
                        GError     **error)
{
  if (!create_working_copy (self, working_dir, error) ||
      !configure_working_db (self->db, error) ||
      !eb_store_migrate (self->db, error) ||
      !_eb_store_db_exec (self->db, "BEGIN", error) ||
      !_eb_store_db_exec (self->db, _eb_store_working_table_sql, error) ||
      !write_working_meta (self, NULL, dirty, error) ||
      !_eb_store_write_board (self->db, self->stmts, self->board, self->sort_keys, error) ||
      !_eb_store_db_exec (self->db, "COMMIT", error))
    {
      if (self->db)
        _eb_store_rollback (self->db);
      return FALSE;
    }
  return TRUE;
}

static EbStore *
store_new_for_board (EbBoard     *board,
                     const char  *working_dir,
                     GError     **error)
{
  g_autoptr(EbStore) self = NULL;
  gboolean dirty = eb_board_get_n_items (board) > 0 || eb_board_get_title (board) != NULL;

  self = g_object_new (EB_TYPE_STORE, NULL);
  self->board = g_object_ref (board);

  if (!write_new_working_copy (self, working_dir, dirty, error))
    {
      eb_store_discard (self);
      return NULL;
    }

  self->dirty = dirty;
  _eb_store_connect_board (self);
  return g_steal_pointer (&self);
}

/* Turns the checked in-memory database of a board file into the image of
 * its working copy. quick_check does not compare indexes with their
 * tables, and the working copy finds rows by id and links by card through
 * them, so REINDEX rebuilds them from the rows that were just read. A
 * file written by another tool may keep deleted content in free pages and
 * cells, which must not travel on into our saves (secure_delete only
 * scrubs what we delete ourselves), so VACUUM rewrites it compactly. It needs one attached database for
 * its scratch copy; the limit goes back to none straight after. Then the
 * bookkeeping is added, naming @path, nothing unsaved. */
static gboolean
prepare_working_image (sqlite3     *db,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean vacuumed;
  int rc;

  /* REINDEX first: VACUUM copies index pages as they are. */
  if (!_eb_store_db_exec (db, "REINDEX", error))
    return FALSE;
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 1);
  vacuumed = _eb_store_db_exec (db, "VACUUM", error);
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
  if (!vacuumed)
    return FALSE;

  if (!_eb_store_db_exec (db, "BEGIN", error) ||
      !_eb_store_db_exec (db, _eb_store_working_table_sql, error))
    {
      _eb_store_rollback (db);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (db, "UPDATE working SET value = ?1 WHERE key = 'path'", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _eb_store_set_error (error, TASK_OPEN, _eb_store_code_for_sqlite (rc), _eb_store_db_name (db), "%s", _eb_store_sqlite_detail (db, rc));
      _eb_store_rollback (db);
      return FALSE;
    }

  return _eb_store_db_exec (db, "COMMIT", error);
}

/* Copies @src page by page into the new, empty working copy, then turns
 * on the working copy's own journal mode. The copy is one transaction in
 * a rollback journal (the empty file has nothing to journal), so a crash
 * halfway leaves an empty database, not half a board. */
static gboolean
copy_into_working (EbStore  *self,
                   sqlite3  *src,
                   GError  **error)
{
  sqlite3_backup *backup;
  int rc;

  if (!_eb_store_db_exec (self->db,
                          "PRAGMA locking_mode = EXCLUSIVE;"
                          "PRAGMA synchronous = FULL;",
                          error))
    return FALSE;

  backup = sqlite3_backup_init (self->db, "main", src, "main");
  if (backup == NULL)
    {
      rc = sqlite3_errcode (self->db);
      _eb_store_set_error (error, TASK_OPEN, _eb_store_code_for_sqlite (rc), self->working_path, "%s", _eb_store_sqlite_detail (self->db, rc));
      return FALSE;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_OK)
        rc = SQLITE_ERROR;
      _eb_store_set_error (error, TASK_OPEN, _eb_store_code_for_sqlite (rc), self->working_path, "%s", _eb_store_sqlite_detail (NULL, rc));
      return FALSE;
    }

  return configure_working_db (self->db, error);
}

static void
eb_store_dispose (GObject *object)
{
  EbStore *self = EB_STORE (object);

  /* Not a discard: the working copy stays, for recovery after a crash
   * looks exactly like this. */
  _eb_store_disconnect_board (self);
  _eb_store_close_db (self);
  if (self->lock_fd >= 0)
    {
      close (self->lock_fd);
      self->lock_fd = -1;
    }
  set_board_lock (self, -1, NULL);
  g_clear_object (&self->board);

  G_OBJECT_CLASS (eb_store_parent_class)->dispose (object);
}

static void
eb_store_finalize (GObject *object)
{
  EbStore *self = EB_STORE (object);

  g_free (self->path);
  g_free (self->working_path);
  g_free (self->working_dir);
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
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only != EB_STORE_READ_ONLY_NONE);
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
  /* %TRUE while the board is only shown; eb_store_get_read_only() says why. */
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE, flags);
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
  self->board_lock_fd = -1;
  self->stmts = _eb_store_stmt_cache_new ();
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
  return store_new_for_board (board, working_dir, error);
}

/**
 * eb_store_new_for_board:
 * @board: a board read from elsewhere (an imported JSON file, say), in no
 *   other store and with no batch open
 * @working_dir: where working copies live (created, mode 0700)
 * @error: where to say why it failed
 *
 * Starts a store around @board as it is, like eb_store_new() but not
 * empty: the board is written whole into a fresh working copy, and from
 * then on the store follows its changes. It has no file until its first
 * eb_store_save(), and a board with anything in it counts as unsaved.
 *
 * Returns: (transfer full) (nullable): the store, whose board is @board
 */
EbStore *
eb_store_new_for_board (EbBoard     *board,
                        const char  *working_dir,
                        GError     **error)
{
  g_return_val_if_fail (EB_IS_BOARD (board), NULL);
  g_return_val_if_fail (!eb_board_in_batch (board), NULL);
  g_return_val_if_fail (working_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return store_new_for_board (board, working_dir, error);
}

/**
 * eb_store_open:
 * @path: a board file
 * @working_dir: where working copies live
 * @error: where to say, in one line, why it cannot be opened
 *
 * Reads @path as eb_store_read_file() does and copies it into a fresh
 * working copy. The file itself is only written again by eb_store_save().
 * While the store lives, it holds a lock on the file (shared by every
 * store working in @working_dir, in any process): opening it a second
 * time fails with %EB_STORE_ERROR_BUSY.
 *
 * Returns: (transfer full) (nullable): the store
 */
EbStore *
eb_store_open (const char  *path,
               const char  *working_dir,
               GError     **error)
{
  g_autoptr(EbStore) self = NULL;
  g_autofree char *lock_path = NULL;
  sqlite3 *db;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (working_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (EB_TYPE_STORE, NULL);

  /* First, so that a board open elsewhere is not even read. */
  fd = lock_board_file (path, working_dir, &lock_path, error);
  if (fd < 0)
    return NULL;
  set_board_lock (self, fd, g_steal_pointer (&lock_path));

  db = _eb_store_open_untrusted (path, error);
  if (db == NULL)
    return NULL;

  self->path = g_canonicalize_filename (path, NULL);

  /* Everything is read and checked before anything is written: the
   * working copy is then the very pages that were checked, with each
   * item's drawing-order key as its row has it. */
  self->board = _eb_store_load_board (db, self->sort_keys, error);
  if (self->board == NULL ||
      !prepare_working_image (db, self->path, error))
    {
      _eb_store_rename_in_error (error, path);
      sqlite3_close (db);
      return NULL;
    }

  if (!create_working_copy (self, working_dir, error) ||
      !copy_into_working (self, db, error))
    {
      sqlite3_close (db);
      eb_store_discard (self);
      return NULL;
    }
  sqlite3_close (db);

  _eb_store_connect_board (self);
  return g_steal_pointer (&self);
}

/**
 * eb_store_query_read_only:
 * @path: a board file about to be opened
 *
 * Tells whether saving @path would fail because nobody may write it: the
 * file system is mounted read-only, or the file (or the folder its saves
 * are renamed into) may not be written. A file without any write
 * permission bit counts as read-only even for root, whom access() lets
 * write anything: someone made it so on purpose. Whether another store
 * has it open is eb_store_open()'s to find out.
 *
 * Returns: why @path cannot be saved, or %EB_STORE_READ_ONLY_NONE
 */
EbStoreReadOnly
eb_store_query_read_only (const char *path)
{
  g_autofree char *dir = NULL;
  struct statvfs fs;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, EB_STORE_READ_ONLY_NONE);

  if (statvfs (path, &fs) == 0 && (fs.f_flag & ST_RDONLY) != 0)
    return EB_STORE_READ_ONLY_MEDIUM;

  /* Missing or unreadable: opening says what is wrong. */
  if (g_stat (path, &st) != 0)
    return EB_STORE_READ_ONLY_NONE;

  if (access (path, W_OK) != 0)
    return errno == EROFS ? EB_STORE_READ_ONLY_MEDIUM : EB_STORE_READ_ONLY_FILE;
  if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
    return EB_STORE_READ_ONLY_FILE;

  /* A save writes a new file beside the old one and renames it over. */
  dir = g_path_get_dirname (path);
  if (access (dir, W_OK) != 0)
    return errno == EROFS ? EB_STORE_READ_ONLY_MEDIUM : EB_STORE_READ_ONLY_FILE;

  return EB_STORE_READ_ONLY_NONE;
}

/**
 * eb_store_open_read_only:
 * @path: a board file
 * @working_dir: where working copies live, for a later save under
 *   another name
 * @reason: why the board is only to be shown, as eb_store_query_read_only()
 *   or a failed eb_store_open() (%EB_STORE_ERROR_BUSY) found
 * @error: where to say, in one line, why it cannot be opened
 *
 * Reads @path as eb_store_open() does, with the same checks, but only to
 * show it: the store has no working copy, takes no lock, never writes
 * @path, and does not follow changes to its board. eb_store_save() with
 * another file name turns it into an ordinary store of that file.
 *
 * Returns: (transfer full) (nullable): the store
 */
EbStore *
eb_store_open_read_only (const char       *path,
                         const char       *working_dir,
                         EbStoreReadOnly   reason,
                         GError          **error)
{
  g_autoptr(EbStore) self = NULL;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (working_dir != NULL, NULL);
  g_return_val_if_fail (reason != EB_STORE_READ_ONLY_NONE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (EB_TYPE_STORE, NULL);

  db = _eb_store_open_untrusted (path, error);
  if (db == NULL)
    return NULL;

  self->board = _eb_store_load_board (db, self->sort_keys, error);
  sqlite3_close (db);
  if (self->board == NULL)
    {
      _eb_store_rename_in_error (error, path);
      return NULL;
    }

  self->path = g_canonicalize_filename (path, NULL);
  self->working_dir = g_strdup (working_dir);
  self->read_only = reason;
  return g_steal_pointer (&self);
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
  self->db = _eb_store_open_db (working_path, SQLITE_OPEN_READWRITE, error);
  if (self->db == NULL)
    return NULL;

  if (!configure_working_db (self->db, error) ||
      !_eb_store_check_database (self->db, TRUE, error) ||
      !read_working_meta (self, error))
    return NULL;

  self->board = _eb_store_load_board (self->db, self->sort_keys, error);
  if (self->board == NULL)
    return NULL;

  /* The file's lock, if nobody has it: otherwise the changes are still
   * worth recovering, and saving them there waits until it is free. */
  if (self->path != NULL)
    {
      g_autofree char *lock_dir = g_path_get_dirname (working_path);
      g_autofree char *lock_path = NULL;
      int fd = lock_board_file (self->path, lock_dir, &lock_path, NULL);

      if (fd >= 0)
        set_board_lock (self, fd, g_steal_pointer (&lock_path));
    }

  self->dirty = TRUE;
  _eb_store_connect_board (self);
  return g_steal_pointer (&self);
}

/* What a working copy no store has open holds, as far as recovery goes. */
typedef enum
{
  LEFT_UNREADABLE,  /* damaged, or not ours: left alone */
  LEFT_CLEAN,       /* nothing its file lacks, or never finished being made */
  LEFT_DIRTY,       /* changes its file lacks, or never saved */
} Leftover;

static Leftover
inspect_leftover (const char *path)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Leftover result = LEFT_UNREADABLE;
  sqlite3 *db = NULL;

  /* Read-write, so that SQLite can roll back a transaction the crash
   * cut short before we read the bookkeeping. */
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    goto out;

  /* Exclusive, as the store opens it: the WAL index stays in memory and
   * no -shm file appears. */
  if (!_eb_store_harden (db, NULL))
    goto out;
  sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, NULL);

  /* The bookkeeping is made in the same transaction as the first
   * content, so a copy without it holds nothing of the user's: a crash
   * while it was being made. */
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'working'",
                          -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    goto out;
  if (sqlite3_column_int (stmt, 0) == 0)
    {
      result = LEFT_CLEAN;
      goto out;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (db, "SELECT value FROM working WHERE key = 'dirty'", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    result = sqlite3_column_type (stmt, 0) == SQLITE_INTEGER && sqlite3_column_int64 (stmt, 0) == 0
             ? LEFT_CLEAN : LEFT_DIRTY;

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  return result;
}

/**
 * eb_store_list_recoverable:
 * @working_dir: where working copies live
 *
 * Finds the working copies that hold changes not in their board file (or
 * that were never saved), and that no running store has open: what a
 * crash left behind. Those that hold nothing to recover (a crash right
 * after a save leaves an exact copy of the saved file) are deleted on the
 * way, so they do not pile up.
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
      int fd;

      if (g_str_has_prefix (entry, BOARD_LOCK_PREFIX) && g_str_has_suffix (entry, LOCK_SUFFIX))
        {
          /* Left by a store that died: nobody holds it. */
          g_autofree char *lock_path = g_build_filename (working_dir, entry, NULL);

          drop_lock (lock_path, take_lock (lock_path, FALSE));
          continue;
        }
      if (!g_str_has_suffix (entry, EB_STORE_WORKING_SUFFIX))
        continue;

      path = g_build_filename (working_dir, entry, NULL);
      fd = lock_working_copy (path, TRUE, NULL);
      if (fd < 0)
        continue;

      switch (inspect_leftover (path))
        {
        case LEFT_DIRTY:
          g_ptr_array_add (result, g_steal_pointer (&path));
          close (fd);
          break;
        case LEFT_CLEAN:
          remove_working_copy (path, fd);
          break;
        case LEFT_UNREADABLE:
        default:
          {
            /* Left alone, without a lock file of ours beside it. */
            g_autofree char *lock_path = lock_path_for (path);

            drop_lock (lock_path, fd);
          }
          break;
        }
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
 * eb_store_mark_clean:
 * @self: a store
 *
 * Says the board is back to what its file holds, as when undo returns to
 * the last save (see eb_history_is_at_saved()): the board is no longer
 * dirty, and the working copy notes it, so a crash now does not offer a
 * copy identical to the file for recovery. The next change makes the
 * board dirty again. Only for a board that is exactly its file's (or, for
 * a board never saved, empty as it began).
 */
void
eb_store_mark_clean (EbStore *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (EB_IS_STORE (self));

  if (!self->dirty)
    return;

  if (self->db != NULL && self->dirty_on_disk)
    {
      /* Inside a batch, with the batch's transaction; otherwise in one of
       * its own. If noting it fails, a crash merely offers a copy
       * identical to the file. */
      gboolean own_tx = !self->in_tx;

      if ((!own_tx || _eb_store_db_exec (self->db, "BEGIN IMMEDIATE", &error)) &&
          _eb_store_db_exec (self->db, "UPDATE working SET value = 0 WHERE key = 'dirty'", &error) &&
          (!own_tx || _eb_store_db_exec (self->db, "COMMIT", &error)))
        self->dirty_on_disk = FALSE;
      else if (own_tx)
        _eb_store_rollback (self->db);
    }

  _eb_store_set_dirty (self, FALSE);
}

/**
 * eb_store_get_read_only:
 * @self: a store
 *
 * Returns: why the board is only shown, or %EB_STORE_READ_ONLY_NONE if it
 *   can be edited
 */
EbStoreReadOnly
eb_store_get_read_only (EbStore *self)
{
  g_return_val_if_fail (EB_IS_STORE (self), EB_STORE_READ_ONLY_NONE);
  return self->read_only;
}

/* A read-only store is saved only under another name, never to the file
 * it shows: that makes its working copy from the board as it is, saves
 * it there as any store would, and from then on it is an ordinary store
 * of the new file. On failure nothing of it is left and the store is
 * read-only as before. */
static gboolean
save_read_only (EbStore     *self,
                const char  *path,
                GError     **error)
{
  g_autofree char *original = canonical_board_path (self->path);
  g_autofree char *target = NULL;
  g_autofree char *canonical = NULL;
  EbStoreReadOnly reason = self->read_only;

  if (path == NULL)
    {
      _eb_store_set_error (error, TASK_SAVE, EB_STORE_ERROR_IO, self->path,
                           _("it is open read-only; save a copy under another name"));
      return FALSE;
    }

  target = g_canonicalize_filename (path, NULL);
  canonical = canonical_board_path (target);
  if (g_strcmp0 (canonical, original) == 0)
    {
      _eb_store_set_error (error, TASK_SAVE, EB_STORE_ERROR_IO, target,
                           _("it is open read-only; save a copy under another name"));
      return FALSE;
    }

  if (!write_new_working_copy (self, self->working_dir, TRUE, error))
    {
      eb_store_discard (self);
      return FALSE;
    }

  self->read_only = EB_STORE_READ_ONLY_NONE;
  if (!eb_store_save (self, target, error))
    {
      eb_store_discard (self);
      self->read_only = reason;
      return FALSE;
    }

  g_clear_pointer (&self->working_dir, g_free);
  _eb_store_connect_board (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
  return TRUE;
}

/**
 * eb_store_save:
 * @self: a store
 * @path: (nullable): where to save (Save As), or %NULL for the current file
 * @error: where to say why it failed
 *
 * Writes the working copy to the board file atomically: the file is at
 * every moment either the old version or the whole new one. On failure
 * the old file is untouched. Saving as a file another store has open
 * fails with %EB_STORE_ERROR_BUSY; once saved as a new file, the store
 * holds that file's lock instead of the old one. A read-only store
 * (eb_store_open_read_only()) saves only under another name, and is then
 * an editable store of that file.
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
  g_autofree char *lock_path = NULL;
  int lock_fd;

  g_return_val_if_fail (EB_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->read_only != EB_STORE_READ_ONLY_NONE)
    return save_read_only (self, path, error);

  if (path == NULL && self->path == NULL)
    {
      _eb_store_set_error (error, TASK_SAVE, EB_STORE_ERROR_IO, _("Untitled"), _("the board has no file name yet"));
      return FALSE;
    }
  target = g_canonicalize_filename (path ? path : self->path, NULL);

  if (self->db == NULL)
    {
      _eb_store_set_error (error, TASK_SAVE, EB_STORE_ERROR_IO, target, _("the working copy was discarded"));
      return FALSE;
    }
  if (eb_board_in_batch (self->board) || self->in_tx)
    {
      /* The working copy is mid-transaction: a copy now would hold half
       * a change. */
      _eb_store_set_error (error, TASK_SAVE, EB_STORE_ERROR_IO, target, _("a change is still in progress"));
      return FALSE;
    }

  if (self->need_resync)
    {
      /* The last write failed: bring the working copy up to date first,
       * or the file would miss those changes. */
      self->in_tx = TRUE;
      self->tx_failed = FALSE;
      if (!_eb_store_db_exec (self->db, "BEGIN IMMEDIATE", &local_error) ||
          !_eb_store_write_board (self->db, self->stmts, self->board, self->sort_keys, &local_error) ||
          !_eb_store_db_exec (self->db, "COMMIT", &local_error))
        {
          self->in_tx = FALSE;
          _eb_store_rollback (self->db);
          _eb_store_set_error (error, TASK_SAVE, EB_STORE_ERROR_IO, target, "%s", local_error->message);
          return FALSE;
        }
      self->in_tx = FALSE;
      self->need_resync = FALSE;
    }

  /* Save As onto a board open elsewhere would overwrite its changes, and
   * be overwritten by its next save. */
  if (!lock_save_target (self, target, &lock_fd, &lock_path, error))
    return FALSE;

  if (!_eb_store_save_db_to (self->db, target, error))
    {
      if (lock_fd >= 0)
        drop_lock (lock_path, lock_fd);
      return FALSE;
    }
  if (lock_fd >= 0)
    set_board_lock (self, lock_fd, g_steal_pointer (&lock_path));

  /* The file is safe; if noting that fails, a crash now merely offers to
   * recover a copy identical to the file. */
  if (!_eb_store_db_exec (self->db, "BEGIN IMMEDIATE", &local_error) ||
      !write_working_meta (self, target, FALSE, &local_error) ||
      !_eb_store_db_exec (self->db, "COMMIT", &local_error))
    {
      _eb_store_rollback (self->db);
      self->dirty_on_disk = TRUE;
      g_signal_emit (self, signals[WRITE_FAILED], 0, local_error);
    }

  g_object_freeze_notify (G_OBJECT (self));
  set_path (self, target);
  _eb_store_set_dirty (self, FALSE);
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
  g_return_if_fail (EB_IS_STORE (self));

  if (self->working_path == NULL)
    return;

  _eb_store_disconnect_board (self);
  _eb_store_close_db (self);

  remove_working_copy (self->working_path, self->lock_fd);
  self->lock_fd = -1;
  set_board_lock (self, -1, NULL);

  g_clear_pointer (&self->working_path, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKING_PATH]);
}
