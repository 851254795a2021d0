/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-store"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>

#include "eb-store-private.h"

/* Mirroring the board into the working copy: every change the board
 * announces is written as it happens, a batch in one transaction, with
 * each item's drawing-order key kept between its neighbours'. */

/* Called with each change: opens the transaction the change goes into,
 * unless a batch already has one open. */
static void
change_begin (EbStore *self)
{
  _eb_store_set_dirty (self, TRUE);

  if (self->in_tx)
    return;

  self->in_tx = TRUE;
  self->tx_failed = FALSE;
  g_clear_error (&self->tx_error);
  if (!_eb_store_db_exec (self->db, "BEGIN IMMEDIATE", &self->tx_error))
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

static gboolean renumber (EbStore     *self,
                          GListModel  *list,
                          GError     **error);

static guint
list_bit (EbStore    *self,
          GListModel *list)
{
  if (list == eb_board_get_cards (self->board))
    return 1 << 0;
  if (list == eb_board_get_links (self->board))
    return 1 << 1;
  return 1 << 2;
}

/* Numbers afresh the lists whose keys ran out during the transaction. */
static gboolean
renumber_pending (EbStore  *self,
                  GError  **error)
{
  GListModel *lists[] = { eb_board_get_cards (self->board), eb_board_get_links (self->board),
                          eb_board_get_frames (self->board) };
  guint pending = self->renumber_pending;

  self->renumber_pending = 0;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    if ((pending & list_bit (self, lists[l])) && !renumber (self, lists[l], error))
      return FALSE;
  return TRUE;
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
      !_eb_store_write_board (self->db, self->stmts, self->board, self->sort_keys, &error))
    change_failed (self, g_steal_pointer (&error));
  if (!self->tx_failed && !self->need_resync && self->renumber_pending != 0 &&
      !renumber_pending (self, &error))
    change_failed (self, g_steal_pointer (&error));
  /* A rewrite numbers everything; a rollback is followed by one. */
  self->renumber_pending = 0;

  if (!self->tx_failed && !self->dirty_on_disk && self->dirty &&
      !_eb_store_db_exec (self->db, "UPDATE working SET value = 1 WHERE key = 'dirty'", &error))
    change_failed (self, g_steal_pointer (&error));

  if (!self->tx_failed && _eb_store_db_exec (self->db, "COMMIT", &error))
    {
      self->need_resync = FALSE;
      if (self->dirty)
        self->dirty_on_disk = TRUE;
      return;
    }
  if (error)
    change_failed (self, g_steal_pointer (&error));

  _eb_store_rollback (self->db);
  self->need_resync = TRUE;

  /* Once per failure, not for every later change while the disk is full. */
  if (was_in_sync)
    _eb_store_emit_write_failed (self, self->tx_error);
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

/* Sets the drawing-order key of one row; the cache follows. */
static gboolean
update_sort_key (EbStore  *self,
                 EbItem   *item,
                 double    key,
                 GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET sort_key = ?1 WHERE id = ?2",
                                          _eb_store_item_table_of (item)->name);
  sqlite3_stmt *stmt = _eb_store_get_stmt (self->db, self->stmts, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_double (stmt, 1, key);
  sqlite3_bind_text (stmt, 2, eb_item_get_id (item), -1, SQLITE_STATIC);
  if (!_eb_store_step_done (self->db, stmt, error))
    return FALSE;
  g_hash_table_insert (self->sort_keys, item, g_memdup2 (&key, sizeof key));
  return TRUE;
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

      if (!update_sort_key (self, item, i + 1, error))
        return FALSE;
    }

  return TRUE;
}

/* A key between the neighbours of @item in its list, so an item put back
 * in the middle (undo of a delete) or moved there (z-order) is in the
 * middle after reopening. %FALSE when there is no room left between them. */
static gboolean
key_between_neighbours (EbStore  *self,
                        EbItem   *item,
                        double   *out)
{
  GListModel *list = _eb_store_list_of_item (self->board, item);
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

/* Gives @item its row's place in the drawing order: a key between its
 * neighbours' (inserting the row first if @insert), or, when there is no
 * room left between them, the list numbered afresh. */
static gboolean
place_item (EbStore   *self,
            EbItem    *item,
            gboolean   insert,
            GError   **error)
{
  double key = 0;   /* provisional, when the list is renumbered */
  gboolean fits = key_between_neighbours (self, item, &key);

  if (insert && !_eb_store_insert_item (self->db, self->stmts, item, key, error))
    return FALSE;
  if (!fits && eb_board_in_batch (self->board))
    {
      /* Many items put back at one place (undoing a delete of many
       * cards whose links all sat together) halve the same gap again and
       * again: number the list once, when the batch commits, rather than
       * every fifty items. */
      self->renumber_pending |= list_bit (self, _eb_store_list_of_item (self->board, item));
      g_hash_table_insert (self->sort_keys, item, g_memdup2 (&key, sizeof key));
      return insert || update_sort_key (self, item, key, error);
    }
  if (!fits)
    return renumber (self, _eb_store_list_of_item (self->board, item), error);
  if (!insert)
    return update_sort_key (self, item, key, error);

  g_hash_table_insert (self->sort_keys, item, g_memdup2 (&key, sizeof key));
  return TRUE;
}

static void
on_item_added (EbBoard *board,
               EbItem  *item,
               EbStore *self)
{
  GError *error = NULL;

  change_begin (self);
  if (change_writes (self) && !place_item (self, item, TRUE, &error))
    change_failed (self, error);
  change_end (self);
}

/* Bring to front, send to back, and their undo: the item gets a key
 * between its new neighbours, as an item inserted there would. */
static void
on_item_reordered (EbBoard *board,
                   EbItem  *item,
                   EbStore *self)
{
  GError *error = NULL;

  change_begin (self);
  if (change_writes (self) && !place_item (self, item, FALSE, &error))
    change_failed (self, error);
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
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", _eb_store_item_table_of (item)->name);
      sqlite3_stmt *stmt = _eb_store_get_stmt (self->db, self->stmts, sql, &error);

      if (stmt == NULL)
        change_failed (self, error);
      else
        {
          sqlite3_bind_text (stmt, 1, eb_item_get_id (item), -1, SQLITE_STATIC);
          if (!_eb_store_step_done (self->db, stmt, &error))
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
      const ItemTable *table = _eb_store_item_table_of (item);
      const Field *field = NULL;

      for (guint f = 0; f < table->n_fields; f++)
        if (table->fields[f].pspec->name == pspec->name ||
            g_str_equal (table->fields[f].pspec->name, pspec->name))
          {
            field = &table->fields[f];
            break;
          }

      if (field != NULL)
        {
          /* One column of one row, by id: cheap enough for every step of
           * a drag. */
          g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE id = ?2",
                                                  table->name, field->column);
          sqlite3_stmt *stmt = _eb_store_get_stmt (self->db, self->stmts, sql, &error);

          if (stmt == NULL)
            change_failed (self, error);
          else if (_eb_store_bind_field (stmt, 1, item, field) != SQLITE_OK ||
                   sqlite3_bind_text (stmt, 2, eb_item_get_id (item), -1, SQLITE_STATIC) != SQLITE_OK)
            {
              _eb_store_set_error (&error, TASK_OPEN, EB_STORE_ERROR_IO, self->working_path, "%s",
                                   sqlite3_errmsg (self->db));
              change_failed (self, error);
            }
          else if (!_eb_store_step_done (self->db, stmt, &error))
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
      !_eb_store_write_title (self->db, self->stmts, eb_board_get_title (board), &error))
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

void
_eb_store_connect_board (EbStore *self)
{
  g_signal_connect_object (self->board, "item-added", G_CALLBACK (on_item_added), self, 0);
  g_signal_connect_object (self->board, "item-removed", G_CALLBACK (on_item_removed), self, 0);
  g_signal_connect_object (self->board, "item-changed", G_CALLBACK (on_item_changed), self, 0);
  g_signal_connect_object (self->board, "item-reordered", G_CALLBACK (on_item_reordered), self, 0);
  g_signal_connect_object (self->board, "notify::title", G_CALLBACK (on_title_changed), self, 0);
  g_signal_connect_object (self->board, "batch-ended", G_CALLBACK (on_batch_ended), self, 0);
}

void
_eb_store_disconnect_board (EbStore *self)
{
  if (self->board)
    g_signal_handlers_disconnect_by_data (self->board, self);
}

void
_eb_store_close_db (EbStore *self)
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
