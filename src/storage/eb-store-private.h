/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "eb-store.h"

G_BEGIN_DECLS

/* 'EVBD': marks an SQLite file as an Evidence Board board file. */
#define EB_STORE_APPLICATION_ID 0x45564244

/* Board files larger than this are refused before a byte is parsed. */
#define EB_STORE_FILE_MAX ((gint64) 1 << 30)

/* The name of every working copy ends so; messages about them say so. */
#define EB_STORE_WORKING_SUFFIX ".ebwork"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* For tests: the migrations, run on any connection (":memory:" included). */
gboolean     eb_store_migrate           (sqlite3     *db,
                                         GError     **error);

/* EbStore is split by aspect, sharing this header:
 *
 *   eb-store.c         the object, its working copy file, recovery, public API
 *   eb-store-mirror.c  the board's changes written into the working copy
 *   eb-store-schema.c  migrations, field descriptions, connections, checks
 *   eb-store-read.c    untrusted board files read into a board
 *   eb-store-write.c   boards written into rows; atomic save to a file */

struct _EbStore
{
  GObject      parent_instance;

  EbBoard     *board;
  char        *path;           /* the board file, or NULL until saved */
  char        *working_path;
  int          lock_fd;        /* flock()ed while the store is alive */
  int          board_lock_fd;  /* flock()ed: this store has the board file */
  char        *board_lock_path;
  /* Set while the board is only shown: then there is no working copy and
   * no lock, and nothing is written until a save makes both. */
  EbStoreReadOnly read_only;
  char        *working_dir;    /* of a read-only store, for that save */

  sqlite3     *db;             /* the working copy; NULL once discarded */
  GHashTable  *stmts;          /* SQL text → cached sqlite3_stmt */
  GHashTable  *sort_keys;      /* EbItem → double *, its drawing-order key */

  GError      *tx_error;       /* the first failure in the open transaction */
  guint        in_tx : 1;
  guint        tx_failed : 1;
  guint        need_resync : 1;    /* the working copy is behind the board */
  guint        dirty : 1;
  guint        dirty_on_disk : 1;  /* what the working copy's bookkeeping says */
  guint        renumber_pending : 3;  /* per list (cards, links, frames): number afresh at commit */
};

/* ------------------------------------------------------------------ */
/* eb-store-schema.c                                                   */
/* ------------------------------------------------------------------ */

/* How a column becomes a value, decided once per field from its
 * GParamSpec, so that reading a row makes no name comparisons or type
 * checks. */
typedef enum
{
  READ_TEXT,
  READ_ID,
  READ_COLOR,
  READ_DATE,
  READ_DOUBLE,
  READ_ENUM,
  READ_INT64,
  READ_UINT,
  READ_INT,
  READ_BOOLEAN,
  READ_UNKNOWN,
} ReadAs;

/* One item property stored as a column of the same name ('-' as '_'). */
typedef struct
{
  GParamSpec *pspec;
  char       *column;
  GType       value_type;
  ReadAs      read_as;
  double      min;             /* READ_DOUBLE */
  double      max;
  gint64      int_min;         /* whole numbers */
  gint64      int_max;
  GEnumClass *enum_class;      /* READ_ENUM */
  gboolean    null_is_initial; /* a NULL text is what a new item has: no need to set it */
} Field;

/* One item type and the table its items are stored in. */
typedef struct
{
  GType        type;
  const char  *name;           /* of the table */
  Field       *fields;
  guint        n_fields;
  int          id_field;       /* index of the "id" field, or -1 */
  const char **names;          /* the fields' property names */
  char        *insert_sql;
  char        *select_sql;     /* sort_key, the fields, rowid; in rowid order */
} ItemTable;

enum { TABLE_CARDS, TABLE_LINKS, TABLE_FRAMES, N_ITEM_TABLES };

extern const char _eb_store_working_table_sql[];

const ItemTable *_eb_store_get_item_tables (void);
const ItemTable *_eb_store_item_table_of (EbItem      *item);
GListModel  *_eb_store_list_of_table    (EbBoard     *board,
                                         guint        t);
GListModel  *_eb_store_list_of_item     (EbBoard     *board,
                                         EbItem      *item);

char        *_eb_store_display_name     (const char  *path);
/* What was being done with a file, for the words of its error messages. */
typedef enum
{
  TASK_OPEN,   /* reading or using it: "Cannot open “…”: …" */
  TASK_SAVE,   /* writing a board file: "Cannot save “…”: …" */
} StoreTask;

void         _eb_store_set_error        (GError     **error,
                                         StoreTask    task,
                                         int          code,
                                         const char  *path,
                                         const char  *format,
                                         ...) G_GNUC_PRINTF (5, 6);
const char  *_eb_store_sqlite_detail    (sqlite3     *db,
                                         int          rc);
int          _eb_store_code_for_sqlite  (int          rc);

gboolean     _eb_store_harden           (sqlite3     *db,
                                         GError     **error);
sqlite3     *_eb_store_open_db          (const char  *path,
                                         int          flags,
                                         GError     **error);
const char  *_eb_store_db_name          (sqlite3     *db);
gboolean     _eb_store_db_exec          (sqlite3     *db,
                                         const char  *sql,
                                         GError     **error);
gboolean     _eb_store_db_get_int       (sqlite3     *db,
                                         const char  *sql,
                                         gint64      *value,
                                         GError     **error);
void         _eb_store_rollback         (sqlite3     *db);
gboolean     _eb_store_check_database   (sqlite3     *db,
                                         gboolean     working,
                                         GError     **error);

/* ------------------------------------------------------------------ */
/* eb-store-read.c                                                     */
/* ------------------------------------------------------------------ */

sqlite3     *_eb_store_open_untrusted   (const char  *path,
                                         GError     **error);
EbBoard     *_eb_store_load_board       (sqlite3     *db,
                                         GHashTable  *sort_keys,
                                         GError     **error);
void         _eb_store_rename_in_error  (GError     **error,
                                         const char  *path);

/* ------------------------------------------------------------------ */
/* eb-store-write.c                                                    */
/* ------------------------------------------------------------------ */

GHashTable  *_eb_store_stmt_cache_new   (void);
sqlite3_stmt *_eb_store_get_stmt        (sqlite3     *db,
                                         GHashTable  *stmts,
                                         const char  *sql,
                                         GError     **error);
gboolean     _eb_store_step_done        (sqlite3     *db,
                                         sqlite3_stmt *stmt,
                                         GError     **error);
int          _eb_store_bind_field       (sqlite3_stmt *stmt,
                                         int          index,
                                         EbItem      *item,
                                         const Field *field);
gboolean     _eb_store_insert_item      (sqlite3     *db,
                                         GHashTable  *stmts,
                                         EbItem      *item,
                                         double       sort_key,
                                         GError     **error);
gboolean     _eb_store_write_title      (sqlite3     *db,
                                         GHashTable  *stmts,
                                         const char  *title,
                                         GError     **error);
gboolean     _eb_store_write_board      (sqlite3     *db,
                                         GHashTable  *stmts,
                                         EbBoard     *board,
                                         GHashTable  *sort_keys,
                                         GError     **error);
gboolean     _eb_store_save_db_to       (sqlite3     *src,
                                         const char  *target,
                                         GError     **error);

/* ------------------------------------------------------------------ */
/* eb-store-mirror.c                                                   */
/* ------------------------------------------------------------------ */

void         _eb_store_connect_board    (EbStore     *self);
void         _eb_store_disconnect_board (EbStore     *self);
void         _eb_store_close_db         (EbStore     *self);

/* ------------------------------------------------------------------ */
/* eb-store.c                                                          */
/* ------------------------------------------------------------------ */

void         _eb_store_set_dirty        (EbStore     *self,
                                         gboolean     dirty);
void         _eb_store_emit_write_failed (EbStore    *self,
                                         const GError *error);

G_END_DECLS
