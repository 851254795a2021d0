/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-spatial-index"

#include "config.h"

#include <math.h>

#include "eb-spatial-index.h"

/* A uniform grid over the board: each cell lists the cards and links whose
 * bounding boxes touch it. Drawing asks for what is in view and
 * hit-testing for what is under the pointer, so both cost what is near,
 * not what is on the board. Links are boxed by their cards' centres and
 * move with them. */

#define CELL_SIZE 512.0
/* Items spanning more cells than this (a huge card, a link across the
 * board) are kept in one list that every query checks, so a hostile size
 * cannot fill millions of cells. */
#define MAX_CELLS 256

typedef struct
{
  gpointer item;     /* EbCard or EbLink, borrowed: the board holds it */
  int      cx0, cy0, cx1, cy1;
  guint    order;    /* position in the board's list: drawing order */
  guint    stamp;    /* last query that returned it, to report it once */
  gboolean placed;
  gboolean big;
} Entry;

struct _EbSpatialIndex
{
  GObject     parent_instance;
  EbBoard    *board;
  GHashTable *cells;     /* packed cell → GPtrArray of Entry */
  GHashTable *entries;   /* item → Entry */
  GPtrArray  *big;       /* Entries too large for the grid */
  GPtrArray  *ordered[2];  /* card and link Entries in drawing order */
  int         min_cx, min_cy, max_cx, max_cy;  /* cells ever used: a bound, never shrunk */
  gboolean    has_extent;
  guint       stamp;
};

G_DEFINE_FINAL_TYPE (EbSpatialIndex, eb_spatial_index, G_TYPE_OBJECT)

static inline guint64
cell_key (int cx,
          int cy)
{
  return ((guint64) (guint32) cx << 32) | (guint32) cy;
}

/* g_int64_hash folds the two halves together, so cells (x, y) and (y, x)
 * and whole diagonals collide; mix them instead. */
static guint
cell_hash (gconstpointer key)
{
  guint64 v = *(const guint64 *) key;

  v ^= v >> 33;
  v *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  v ^= v >> 33;
  return (guint) v;
}

static inline int
cell_of (double v)
{
  /* Areas come from views, which may lie far outside the board: clamp
   * before the conversion, which is undefined out of int's range. */
  double cell = floor (v / CELL_SIZE);

  if (!(cell > -1e8))
    return -100000000;
  return (int) MIN (cell, 1e8);
}

/* The part of a link's end its curve can start from: a card's centre
 * (or the middle of the side the link names), a frame's whole border,
 * since its curve meets the border nearest the other end. */
static void
link_end_box (EbItem     *end,
              EbLinkSide  side,
              double     *x0,
              double     *y0,
              double     *x1,
              double     *y1)
{
  double x, y, w, h;

  eb_link_end_get_bounds (end, &x, &y, &w, &h);
  if (EB_IS_FRAME (end))
    {
      *x0 = x, *y0 = y, *x1 = x + w, *y1 = y + h;
      return;
    }

  *x0 = *x1 = x + w / 2;
  *y0 = *y1 = y + h / 2;
  switch (side)
    {
    case EB_LINK_SIDE_TOP: *y0 = *y1 = y; break;
    case EB_LINK_SIDE_BOTTOM: *y0 = *y1 = y + h; break;
    case EB_LINK_SIDE_LEFT: *x0 = *x1 = x; break;
    case EB_LINK_SIDE_RIGHT: *x0 = *x1 = x + w; break;
    case EB_LINK_SIDE_NONE:
    default: break;
    }
}

static void
item_box (EbSpatialIndex *self,
          gpointer        item,
          EbRect         *box)
{
  if (EB_IS_CARD (item))
    {
      box->x = eb_card_get_x (item);
      box->y = eb_card_get_y (item);
      box->width = eb_card_get_width (item);
      box->height = eb_card_get_height (item);
    }
  else
    {
      EbItem *from = eb_board_lookup_link_end (self->board, eb_link_get_from_id (item));
      EbItem *to = eb_board_lookup_link_end (self->board, eb_link_get_to_id (item));
      double x0, y0, x1, y1;

      if (from == NULL || to == NULL)
        {
          *box = (EbRect) { 0, 0, 0, 0 };
          return;
        }

      link_end_box (from, eb_link_get_from_side (item), &x0, &y0, &x1, &y1);
      {
        double tx0, ty0, tx1, ty1;

        link_end_box (to, eb_link_get_to_side (item), &tx0, &ty0, &tx1, &ty1);
        x0 = MIN (x0, tx0);
        y0 = MIN (y0, ty0);
        x1 = MAX (x1, tx1);
        y1 = MAX (y1, ty1);
      }

      box->x = x0;
      box->y = y0;
      box->width = x1 - x0;
      box->height = y1 - y0;
    }
}

static void
unplace (EbSpatialIndex *self,
         Entry          *entry)
{
  if (!entry->placed)
    return;

  entry->placed = FALSE;
  if (entry->big)
    {
      g_ptr_array_remove_fast (self->big, entry);
      return;
    }

  for (int cx = entry->cx0; cx <= entry->cx1; cx++)
    for (int cy = entry->cy0; cy <= entry->cy1; cy++)
      {
        guint64 key = cell_key (cx, cy);
        GPtrArray *cell = g_hash_table_lookup (self->cells, &key);

        if (cell == NULL)
          continue;
        g_ptr_array_remove_fast (cell, entry);
        if (cell->len == 0)
          g_hash_table_remove (self->cells, &key);
      }
}

static void
place (EbSpatialIndex *self,
       Entry          *entry)
{
  EbRect box;

  item_box (self, entry->item, &box);
  entry->cx0 = cell_of (box.x);
  entry->cy0 = cell_of (box.y);
  entry->cx1 = cell_of (box.x + box.width);
  entry->cy1 = cell_of (box.y + box.height);
  entry->placed = TRUE;
  entry->big = (gint64) (entry->cx1 - entry->cx0 + 1) * (entry->cy1 - entry->cy0 + 1) > MAX_CELLS;

  if (!self->has_extent)
    {
      self->min_cx = entry->cx0;
      self->min_cy = entry->cy0;
      self->max_cx = entry->cx1;
      self->max_cy = entry->cy1;
      self->has_extent = TRUE;
    }
  self->min_cx = MIN (self->min_cx, entry->cx0);
  self->min_cy = MIN (self->min_cy, entry->cy0);
  self->max_cx = MAX (self->max_cx, entry->cx1);
  self->max_cy = MAX (self->max_cy, entry->cy1);

  if (entry->big)
    {
      g_ptr_array_add (self->big, entry);
      return;
    }

  for (int cx = entry->cx0; cx <= entry->cx1; cx++)
    for (int cy = entry->cy0; cy <= entry->cy1; cy++)
      {
        guint64 key = cell_key (cx, cy);
        GPtrArray *cell = g_hash_table_lookup (self->cells, &key);

        if (cell == NULL)
          {
            cell = g_ptr_array_new ();
            g_hash_table_insert (self->cells, g_memdup2 (&key, sizeof key), cell);
          }
        g_ptr_array_add (cell, entry);
      }
}

static void
replace (EbSpatialIndex *self,
         gpointer        item)
{
  Entry *entry = g_hash_table_lookup (self->entries, item);

  if (entry == NULL)
    return;
  unplace (self, entry);
  place (self, entry);
}

static GPtrArray *
ordered_for (EbSpatialIndex *self,
             gpointer        item)
{
  return self->ordered[EB_IS_CARD (item) ? 0 : 1];
}

/* Entries keep their place in the drawing order, so queries sort by it
 * without asking the board's lists. */
static void
renumber (GPtrArray *ordered,
          guint      from,
          guint      to)
{
  for (guint i = from; i < MIN (to, ordered->len); i++)
    ((Entry *) g_ptr_array_index (ordered, i))->order = i;
}

static void
on_item_added (EbBoard        *board,
               EbItem         *item,
               EbSpatialIndex *self)
{
  GPtrArray *ordered;
  GListModel *list;
  Entry *entry;
  guint n, position;

  if (EB_IS_FRAME (item))
    return;

  entry = g_new0 (Entry, 1);
  entry->item = item;
  g_hash_table_insert (self->entries, item, entry);
  place (self, entry);

  /* Most items arrive at the end of their list: check there first. */
  list = EB_IS_CARD (item) ? eb_board_get_cards (board) : eb_board_get_links (board);
  n = g_list_model_get_n_items (list);
  {
    g_autoptr(GObject) last = n > 0 ? g_list_model_get_item (list, n - 1) : NULL;

    position = last == (GObject *) item ? n - 1 : eb_board_get_position (board, item);
  }

  ordered = ordered_for (self, item);
  g_ptr_array_insert (ordered, MIN (position, ordered->len), entry);
  renumber (ordered, position, ordered->len);
}

static void
on_item_removed (EbBoard        *board,
                 EbItem         *item,
                 EbSpatialIndex *self)
{
  Entry *entry = g_hash_table_lookup (self->entries, item);
  GPtrArray *ordered;
  guint order;

  if (entry == NULL)
    return;

  order = entry->order;
  ordered = ordered_for (self, item);
  unplace (self, entry);
  g_ptr_array_remove_index (ordered, order);
  /* Removing the entry frees it. */
  g_hash_table_remove (self->entries, item);
  /* Items after it moved down one place in the list. */
  renumber (ordered, order, ordered->len);
}

static void
on_item_changed (EbBoard        *board,
                 EbItem         *item,
                 GParamSpec     *pspec,
                 EbSpatialIndex *self)
{
  const char *name = pspec->name;

  if (EB_IS_LINK (item))
    {
      if (g_str_equal (name, "from-side") || g_str_equal (name, "to-side"))
        replace (self, item);
    }
  else if (g_str_equal (name, "x") || g_str_equal (name, "y") ||
           g_str_equal (name, "width") || g_str_equal (name, "height"))
    {
      g_autoptr(GPtrArray) links = eb_board_dup_links_of_card (board, eb_item_get_id (item));

      /* Frames are not indexed themselves, but their links are. */
      if (EB_IS_CARD (item))
        replace (self, item);
      for (guint i = 0; i < links->len; i++)
        replace (self, g_ptr_array_index (links, i));
    }
}

/* The item moved within its list; only the items between its old place
 * (its entry's order) and its new one changed places. */
static void
on_item_reordered (EbBoard        *board,
                   EbItem         *item,
                   EbSpatialIndex *self)
{
  Entry *entry = g_hash_table_lookup (self->entries, item);
  GPtrArray *ordered;
  guint position;

  if (entry == NULL)
    return;

  position = eb_board_get_position (board, item);
  ordered = ordered_for (self, item);
  g_ptr_array_remove_index (ordered, entry->order);
  g_ptr_array_insert (ordered, position, entry);
  renumber (ordered, MIN (position, entry->order), MAX (position, entry->order) + 1);
}

static void
eb_spatial_index_dispose (GObject *object)
{
  EbSpatialIndex *self = EB_SPATIAL_INDEX (object);

  if (self->board)
    g_signal_handlers_disconnect_by_data (self->board, self);
  g_clear_object (&self->board);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->big, g_ptr_array_unref);
  g_clear_pointer (&self->ordered[0], g_ptr_array_unref);
  g_clear_pointer (&self->ordered[1], g_ptr_array_unref);

  G_OBJECT_CLASS (eb_spatial_index_parent_class)->dispose (object);
}

static void
eb_spatial_index_class_init (EbSpatialIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = eb_spatial_index_dispose;
}

static void
eb_spatial_index_init (EbSpatialIndex *self)
{
  self->cells = g_hash_table_new_full (cell_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  self->entries = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->big = g_ptr_array_new ();
  self->ordered[0] = g_ptr_array_new ();
  self->ordered[1] = g_ptr_array_new ();
}

/**
 * eb_spatial_index_new:
 * @board: the board to index
 *
 * Indexes the board's cards and links and keeps the index up to date as
 * they are added, moved and removed.
 *
 * Returns: (transfer full): a new index
 */
EbSpatialIndex *
eb_spatial_index_new (EbBoard *board)
{
  EbSpatialIndex *self;
  GListModel *lists[2];

  g_return_val_if_fail (EB_IS_BOARD (board), NULL);

  self = g_object_new (EB_TYPE_SPATIAL_INDEX, NULL);
  self->board = g_object_ref (board);
  lists[0] = eb_board_get_cards (board);
  lists[1] = eb_board_get_links (board);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      guint n = g_list_model_get_n_items (lists[l]);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (lists[l], i);
          Entry *entry = g_new0 (Entry, 1);

          entry->item = item;
          entry->order = i;
          g_hash_table_insert (self->entries, item, entry);
          g_ptr_array_add (self->ordered[l], entry);
          place (self, entry);
        }
    }

  g_signal_connect (board, "item-added", G_CALLBACK (on_item_added), self);
  g_signal_connect (board, "item-removed", G_CALLBACK (on_item_removed), self);
  g_signal_connect (board, "item-changed", G_CALLBACK (on_item_changed), self);
  g_signal_connect (board, "item-reordered", G_CALLBACK (on_item_reordered), self);

  return self;
}

static gboolean
box_intersects (EbSpatialIndex *self,
                gpointer        item,
                const EbRect   *area)
{
  EbRect box;

  item_box (self, item, &box);
  return box.x <= area->x + area->width && box.x + box.width >= area->x &&
         box.y <= area->y + area->height && box.y + box.height >= area->y;
}

static int
compare_order (gconstpointer a,
               gconstpointer b)
{
  const Entry *ea = *(const Entry **) a;
  const Entry *eb = *(const Entry **) b;

  return (ea->order > eb->order) - (ea->order < eb->order);
}

static inline void
consider (EbSpatialIndex *self,
          Entry          *entry,
          GType           type,
          const EbRect   *area,
          GPtrArray      *found)
{
  if (entry->stamp != self->stamp && G_TYPE_CHECK_INSTANCE_TYPE (entry->item, type) &&
      box_intersects (self, entry->item, area))
    g_ptr_array_add (found, entry);
  entry->stamp = self->stamp;
}

static GPtrArray *
query (EbSpatialIndex *self,
       const EbRect   *area,
       GType           type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GPtrArray *result;
  int cx0 = cell_of (area->x), cy0 = cell_of (area->y);
  int cx1 = cell_of (area->x + area->width), cy1 = cell_of (area->y + area->height);

  self->stamp++;

  if (self->has_extent &&
      area->x <= self->min_cx * CELL_SIZE && area->y <= self->min_cy * CELL_SIZE &&
      area->x + area->width >= (self->max_cx + 1) * CELL_SIZE &&
      area->y + area->height >= (self->max_cy + 1) * CELL_SIZE)
    {
      /* Everything is in view (the whole board zoomed out): every item
       * of the type, already in drawing order. */
      GPtrArray *ordered = self->ordered[type == EB_TYPE_CARD ? 0 : 1];

      result = g_ptr_array_sized_new (ordered->len);
      for (guint i = 0; i < ordered->len; i++)
        g_ptr_array_add (result, ((Entry *) g_ptr_array_index (ordered, i))->item);
      return result;
    }
  else if ((gint64) (cx1 - cx0 + 1) * (cy1 - cy0 + 1) > (gint64) g_hash_table_size (self->cells))
    {
      /* The area covers more cells than are filled: walk the filled ones. */
      GHashTableIter iter;
      GPtrArray *cell;

      g_hash_table_iter_init (&iter, self->cells);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &cell))
        for (guint i = 0; i < cell->len; i++)
          consider (self, g_ptr_array_index (cell, i), type, area, found);
    }
  else
    for (int cx = cx0; cx <= cx1; cx++)
      for (int cy = cy0; cy <= cy1; cy++)
        {
          guint64 key = cell_key (cx, cy);
          GPtrArray *cell = g_hash_table_lookup (self->cells, &key);

          for (guint i = 0; cell != NULL && i < cell->len; i++)
            consider (self, g_ptr_array_index (cell, i), type, area, found);
        }

  for (guint i = 0; i < self->big->len; i++)
    consider (self, g_ptr_array_index (self->big, i), type, area, found);

  g_ptr_array_sort (found, compare_order);

  result = g_ptr_array_sized_new (found->len);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (result, ((Entry *) g_ptr_array_index (found, i))->item);

  return result;
}

/**
 * eb_spatial_index_query_cards:
 * @self: an index
 * @area: a rectangle in board units
 *
 * Returns: (transfer container) (element-type EbCard): the cards that
 *   touch @area, in drawing order (bottom first)
 */
GPtrArray *
eb_spatial_index_query_cards (EbSpatialIndex *self,
                              const EbRect   *area)
{
  g_return_val_if_fail (EB_IS_SPATIAL_INDEX (self), NULL);
  g_return_val_if_fail (area != NULL, NULL);

  return query (self, area, EB_TYPE_CARD);
}

/**
 * eb_spatial_index_query_links:
 * @self: an index
 * @area: a rectangle in board units
 *
 * Returns: (transfer container) (element-type EbLink): the links whose box
 *   (between their cards' centres) touches @area, in drawing order
 */
GPtrArray *
eb_spatial_index_query_links (EbSpatialIndex *self,
                              const EbRect   *area)
{
  g_return_val_if_fail (EB_IS_SPATIAL_INDEX (self), NULL);
  g_return_val_if_fail (area != NULL, NULL);

  return query (self, area, EB_TYPE_LINK);
}

/**
 * eb_spatial_index_card_at:
 * @self: an index
 * @x: a point in board units
 * @y: a point in board units
 *
 * Returns: (transfer none) (nullable): the topmost card under the point
 */
EbCard *
eb_spatial_index_card_at (EbSpatialIndex *self,
                          double          x,
                          double          y)
{
  guint64 key;
  GPtrArray *cell;
  GPtrArray *lists[2];
  Entry *best = NULL;

  g_return_val_if_fail (EB_IS_SPATIAL_INDEX (self), NULL);

  key = cell_key (cell_of (x), cell_of (y));
  cell = g_hash_table_lookup (self->cells, &key);
  lists[0] = cell;
  lists[1] = self->big;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      {
        Entry *entry = g_ptr_array_index (lists[l], i);
        EbCard *card = entry->item;

        if (!EB_IS_CARD (card))
          continue;
        if (x >= eb_card_get_x (card) && x < eb_card_get_x (card) + eb_card_get_width (card) &&
            y >= eb_card_get_y (card) && y < eb_card_get_y (card) + eb_card_get_height (card) &&
            (best == NULL || entry->order > best->order))
          best = entry;
      }

  return best ? best->item : NULL;
}

/**
 * eb_spatial_index_card_order:
 * @self: an index
 * @card: a card on the board
 *
 * Returns: the card's place in drawing order (its list position)
 */
guint
eb_spatial_index_card_order (EbSpatialIndex *self,
                             EbCard         *card)
{
  Entry *entry;

  g_return_val_if_fail (EB_IS_SPATIAL_INDEX (self), 0);

  entry = g_hash_table_lookup (self->entries, card);
  return entry ? entry->order : 0;
}

/**
 * eb_spatial_index_get_bounds:
 * @self: an index
 * @bounds: (out): the smallest rectangle holding every card and frame
 *
 * Returns: %FALSE if the board is empty
 */
gboolean
eb_spatial_index_get_bounds (EbSpatialIndex *self,
                             EbRect         *bounds)
{
  GListModel *cards, *frames;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  guint n;

  g_return_val_if_fail (EB_IS_SPATIAL_INDEX (self), FALSE);

  cards = eb_board_get_cards (self->board);
  frames = eb_board_get_frames (self->board);

  n = g_list_model_get_n_items (cards);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (cards, i);

      x0 = MIN (x0, eb_card_get_x (card));
      y0 = MIN (y0, eb_card_get_y (card));
      x1 = MAX (x1, eb_card_get_x (card) + eb_card_get_width (card));
      y1 = MAX (y1, eb_card_get_y (card) + eb_card_get_height (card));
    }

  n = g_list_model_get_n_items (frames);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EbFrame) frame = g_list_model_get_item (frames, i);

      x0 = MIN (x0, eb_frame_get_x (frame));
      y0 = MIN (y0, eb_frame_get_y (frame));
      x1 = MAX (x1, eb_frame_get_x (frame) + eb_frame_get_width (frame));
      y1 = MAX (y1, eb_frame_get_y (frame) + eb_frame_get_height (frame));
    }

  if (x0 > x1)
    {
      *bounds = (EbRect) { 0, 0, 0, 0 };
      return FALSE;
    }

  *bounds = (EbRect) { x0, y0, x1 - x0, y1 - y0 };
  return TRUE;
}
