/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-board-merge"

#include "config.h"

#include <glib/gi18n.h>

#include "eb-board-merge.h"
#include "eb-limits.h"

/* Importing one board into another: a colleague's board, or an older
 * copy of one's own. Ids are stable and random, so the same id on both
 * boards means the same card. Such a card is never added twice, and
 * never overwritten: if the two versions differ, the board's is kept
 * and the difference reported, so nobody loses an edit by importing.
 * What is new is added beside the board's content, as one undo step. */

G_DEFINE_QUARK (eb-board-merge-error-quark, eb_board_merge_error)

/* Where an item sits and how big it is, not what it says: a colleague
 * who moved or resized a card has not changed it. */
static const char *layout_fields[] = {
  "id", "created", "modified", "x", "y", "width", "height",
};

static gboolean
is_layout_field (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (layout_fields); i++)
    if (g_str_equal (name, layout_fields[i]))
      return TRUE;
  return FALSE;
}

/* The names of the content fields in which @a and @b, of one type,
 * differ: empty if they say the same. */
static GStrv
diff_fields (EbItem *a,
             EbItem *b)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      if (!eb_item_is_field (pspecs[i]) || is_layout_field (pspecs[i]->name))
        continue;

      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (a), pspecs[i]->name, &va);
      g_object_get_property (G_OBJECT (b), pspecs[i]->name, &vb);

      if (g_param_values_cmp (pspecs[i], &va, &vb) != 0)
        g_strv_builder_add (builder, pspecs[i]->name);
    }

  return g_strv_builder_end (builder);
}

static char *
dup_item_title (EbBoard *board,
                EbItem  *item)
{
  if (EB_IS_CARD (item))
    return eb_card_dup_display_title (EB_CARD (item));

  if (EB_IS_LINK (item))
    {
      EbLink *link = EB_LINK (item);
      EbItem *from = eb_board_lookup_link_end (board, eb_link_get_from_id (link));
      EbItem *to = eb_board_lookup_link_end (board, eb_link_get_to_id (link));
      g_autofree char *from_title = from ? dup_item_title (board, from) : g_strdup ("?");
      g_autofree char *to_title = to ? dup_item_title (board, to) : g_strdup ("?");
      const char *label = eb_link_get_label (link);

      if (label != NULL && label[0] != '\0')
        /* Translators: names a link: its label, then the cards it joins */
        return g_strdup_printf (_("“%s” (%s – %s)"), label, from_title, to_title);
      /* Translators: names a link without a label by the cards it joins */
      return g_strdup_printf (_("the link %s – %s"), from_title, to_title);
    }

  if (EB_IS_FRAME (item))
    {
      const char *label = eb_frame_get_label (EB_FRAME (item));

      if (label != NULL && label[0] != '\0')
        return g_strdup (label);
      return g_strdup (_("an untitled frame"));
    }

  g_assert_not_reached ();
}

static void
change_free (EbBoardMergeChange *change)
{
  g_free (change->id);
  g_free (change->title);
  g_strfreev (change->fields);
  g_free (change);
}

static EbBoardMergeChange *
change_new (EbBoard *board,
            EbItem  *existing,
            GStrv    fields)
{
  EbBoardMergeChange *change = g_new0 (EbBoardMergeChange, 1);

  change->type = G_OBJECT_TYPE (existing);
  change->id = g_strdup (eb_item_get_id (existing));
  change->title = dup_item_title (board, existing);
  change->fields = fields;
  return change;
}

/* The area an item covers, if it has a place: cards and frames. */
static gboolean
item_rect (EbItem *item,
           EbRect *rect)
{
  if (EB_IS_CARD (item))
    {
      EbCard *card = EB_CARD (item);

      *rect = (EbRect) { eb_card_get_x (card), eb_card_get_y (card),
                         eb_card_get_width (card), eb_card_get_height (card) };
      return TRUE;
    }
  if (EB_IS_FRAME (item))
    {
      EbFrame *frame = EB_FRAME (item);

      *rect = (EbRect) { eb_frame_get_x (frame), eb_frame_get_y (frame),
                         eb_frame_get_width (frame), eb_frame_get_height (frame) };
      return TRUE;
    }
  return FALSE;
}

/* Bounds of the areas of items, and of their top-left corners (which
 * must stay within the coordinate range when moved). */
typedef struct
{
  double   x0, y0, x1, y1;      /* areas */
  double   ox0, oy0, ox1, oy1;  /* corners */
  gboolean any;
} Extent;

static void
extent_init (Extent *extent)
{
  extent->x0 = extent->y0 = extent->ox0 = extent->oy0 = G_MAXDOUBLE;
  extent->x1 = extent->y1 = extent->ox1 = extent->oy1 = -G_MAXDOUBLE;
  extent->any = FALSE;
}

static void
extent_add (Extent *extent,
            EbItem *item)
{
  EbRect r;

  if (!item_rect (item, &r))
    return;

  extent->x0 = MIN (extent->x0, r.x);
  extent->y0 = MIN (extent->y0, r.y);
  extent->x1 = MAX (extent->x1, r.x + r.width);
  extent->y1 = MAX (extent->y1, r.y + r.height);
  extent->ox0 = MIN (extent->ox0, r.x);
  extent->oy0 = MIN (extent->oy0, r.y);
  extent->ox1 = MAX (extent->ox1, r.x);
  extent->oy1 = MAX (extent->oy1, r.y);
  extent->any = TRUE;
}

static void
extent_add_board (Extent  *extent,
                  EbBoard *board)
{
  GListModel *lists[] = { eb_board_get_cards (board), eb_board_get_frames (board) };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(EbItem) item = g_list_model_get_item (lists[l], i);

        extent_add (extent, item);
      }
}

/* How far to move the new items so that they sit to the right of the
 * board's content, tops aligned, and stay within the coordinate range
 * (near its edge they overlap rather than fall off the board). */
static void
choose_offset (EbBoard   *board,
               GPtrArray *to_add,
               double    *dx,
               double    *dy)
{
  Extent target, block;

  extent_init (&target);
  extent_add_board (&target, board);
  extent_init (&block);
  for (guint i = 0; i < to_add->len; i++)
    extent_add (&block, g_ptr_array_index (to_add, i));

  *dx = *dy = 0;
  if (!target.any || !block.any)
    return;

  *dx = target.x1 + EB_BOARD_MERGE_GAP - block.x0;
  *dy = target.y0 - block.y0;
  *dx = CLAMP (*dx, -EB_COORD_MAX - block.ox0, EB_COORD_MAX - block.ox1);
  *dy = CLAMP (*dy, -EB_COORD_MAX - block.oy0, EB_COORD_MAX - block.oy1);
}

/* A detached copy of @item from the imported board, moved by (@dx, @dy);
 * every other field, id and times included, as it was. */
static EbItem *
copy_moved (EbItem *item,
            double  dx,
            double  dy)
{
  EbItem *copy = eb_item_copy (item);
  EbRect r;

  if (item_rect (item, &r) && (dx != 0 || dy != 0))
    g_object_set (copy,
                  "x", CLAMP (r.x + dx, -EB_COORD_MAX, EB_COORD_MAX),
                  "y", CLAMP (r.y + dy, -EB_COORD_MAX, EB_COORD_MAX),
                  NULL);
  return copy;
}

/* Sorts the items of @source into what to add, what is there already
 * and what differs, in @result; returns the items to add, cards first
 * (a link needs its cards on the board), in @source's drawing order. */
/* Whether a link's end @id will be, after the merge, the same kind of
 * item it is in @source: a card coming in or already here, or likewise
 * a frame. A link to a card must not end up at a frame with its id. */
static gboolean
end_joins (EbBoard    *board,
           EbBoard    *source,
           GHashTable *new_ends,
           const char *id)
{
  EbItem *here = eb_board_lookup (board, id);
  EbItem *there = eb_board_lookup_link_end (source, id);

  if (there == NULL)
    return FALSE;
  if (here == NULL)
    return g_hash_table_contains (new_ends, id);
  return G_OBJECT_TYPE (here) == G_OBJECT_TYPE (there);
}

static GPtrArray *
plan (EbBoard            *board,
      EbBoard            *source,
      EbBoardMergeResult *result)
{
  g_autoptr(GPtrArray) to_add = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) new_cards = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *lists[] = {
    eb_board_get_cards (source), eb_board_get_links (source), eb_board_get_frames (source),
  };
  g_autoptr(GPtrArray) links_to_add = g_ptr_array_new_with_free_func (g_object_unref);

  /* Links may join frames, which come after them in this walk. */
  for (guint i = 0; i < g_list_model_get_n_items (lists[2]); i++)
    {
      g_autoptr(EbItem) frame = g_list_model_get_item (lists[2], i);

      if (eb_board_lookup (board, eb_item_get_id (frame)) == NULL)
        g_hash_table_add (new_cards, (gpointer) eb_item_get_id (frame));
    }

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(EbItem) item = g_list_model_get_item (lists[l], i);
        const char *id = eb_item_get_id (item);
        EbItem *existing = eb_board_lookup (board, id);

        if (existing == NULL)
          {
            if (EB_IS_LINK (item))
              {
                const char *from = eb_link_get_from_id (EB_LINK (item));
                const char *to = eb_link_get_to_id (EB_LINK (item));

                /* A card or frame of this link lost its id to another
                 * kind of item on the board: nothing for the link to join. */
                if (!end_joins (board, source, new_cards, from) ||
                    !end_joins (board, source, new_cards, to))
                  {
                    result->n_dropped_links++;
                    continue;
                  }
              }
            else
              g_hash_table_add (new_cards, (gpointer) id);

            /* Added after the cards and frames they join. */
            g_ptr_array_add (EB_IS_LINK (item) ? links_to_add : to_add, g_object_ref (item));
          }
        else if (G_OBJECT_TYPE (existing) != G_OBJECT_TYPE (item))
          g_ptr_array_add (result->changed, change_new (board, existing, g_new0 (char *, 1)));
        else
          {
            g_auto(GStrv) fields = diff_fields (existing, item);

            if (fields[0] == NULL)
              result->n_unchanged++;
            else
              g_ptr_array_add (result->changed, change_new (board, existing, g_steal_pointer (&fields)));
          }
      }

  g_ptr_array_extend_and_steal (to_add, g_steal_pointer (&links_to_add));
  return g_steal_pointer (&to_add);
}

static void
result_update_bounds (EbBoardMergeResult *result)
{
  Extent extent;

  extent_init (&extent);
  for (guint i = 0; i < result->added->len; i++)
    extent_add (&extent, g_ptr_array_index (result->added, i));

  if (extent.any)
    result->bounds = (EbRect) { extent.x0, extent.y0, extent.x1 - extent.x0, extent.y1 - extent.y0 };
}

/**
 * eb_board_merge:
 * @history: the history of the board to import into
 * @source: the board to import, e.g. read from a colleague's file
 * @error: where to say why nothing was imported
 *
 * Adds the cards, links and frames of @source that the board does not
 * have, as one undo step, moved together to the right of the board's
 * content with their tops aligned to it (an empty board takes them where
 * they are). Added items keep their ids and times.
 *
 * An item whose id the board has already is not added again. If its
 * content differs (layout aside), the board's version is kept and the
 * item is listed in the result's @changed. A link is left out, and
 * counted, if a card it joins is not on the board after the merge (its
 * id belongs to another kind of item there). Links from new cards to
 * cards the board had join those cards.
 *
 * If nothing is new, the board and its history are left as they were.
 *
 * Returns: (transfer full) (nullable): what was done, or %NULL with
 *   @error set if the board has no room for the new items; the board is
 *   then unchanged
 */
EbBoardMergeResult *
eb_board_merge (EbHistory  *history,
                EbBoard    *source,
                GError    **error)
{
  g_autoptr(EbBoardMergeResult) result = NULL;
  g_autoptr(GPtrArray) to_add = NULL;
  const char *label;
  EbBoard *board;

  g_return_val_if_fail (EB_IS_HISTORY (history), NULL);
  g_return_val_if_fail (EB_IS_BOARD (source), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  board = eb_history_get_board (history);

  result = g_new0 (EbBoardMergeResult, 1);
  result->added = g_ptr_array_new_with_free_func (g_object_unref);
  result->changed = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);

  to_add = plan (board, source, result);

  if ((gsize) eb_board_get_n_items (board) + to_add->len > EB_ITEMS_MAX)
    {
      g_set_error (error, EB_BOARD_MERGE_ERROR, EB_BOARD_MERGE_ERROR_TOO_MANY_ITEMS,
                   ngettext ("The board has no room for %u more item (a board holds at most %d)",
                             "The board has no room for %u more items (a board holds at most %d)",
                             to_add->len),
                   to_add->len, EB_ITEMS_MAX);
      return NULL;
    }

  if (to_add->len == 0)
    return g_steal_pointer (&result);

  choose_offset (board, to_add, &result->dx, &result->dy);

  for (guint i = 0; i < to_add->len; i++)
    {
      EbItem *copy = copy_moved (g_ptr_array_index (to_add, i), result->dx, result->dy);

      if (EB_IS_CARD (copy))
        result->n_cards++;
      else if (EB_IS_LINK (copy))
        result->n_links++;
      else
        result->n_frames++;
      g_ptr_array_add (result->added, copy);
    }

  /* Translators: the name of an undo step, as in “Undo Import Board” */
  label = C_("undo step", "Import Board");

  /* Planned against this board, so a refusal is not expected; if one
   * comes, the step is cancelled and the board and its history left as
   * they were. */
  if (!eb_history_append_items (history, result->added, label, error))
    return NULL;

  result_update_bounds (result);

  return g_steal_pointer (&result);
}

/**
 * eb_board_merge_result_free:
 * @result: (nullable): what eb_board_merge() returned
 */
void
eb_board_merge_result_free (EbBoardMergeResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->added, g_ptr_array_unref);
  g_clear_pointer (&result->changed, g_ptr_array_unref);
  g_free (result);
}

/**
 * eb_board_merge_result_get_n_added:
 * @result: what eb_board_merge() returned
 *
 * Returns: how many items were added, of all kinds
 */
guint
eb_board_merge_result_get_n_added (EbBoardMergeResult *result)
{
  g_return_val_if_fail (result != NULL, 0);

  return result->n_cards + result->n_links + result->n_frames;
}

/**
 * eb_board_merge_describe_field:
 * @type: %EB_TYPE_CARD, %EB_TYPE_LINK or %EB_TYPE_FRAME
 * @field: a property of that type, as in #EbBoardMergeChange's fields
 *
 * Returns: the field's name for people, as the inspector calls it
 */
const char *
eb_board_merge_describe_field (GType       type,
                               const char *field)
{
  static const struct {
    const char *field;
    const char *name;
  } names[] = {
    /* Translators: names of the fields of a card, link or frame, in a
     * list of what differs, e.g. “Bashar al-Jaafari (title, notes)” */
    { "title", NC_("field", "title") },
    { "aliases", NC_("field", "aliases") },
    { "role", NC_("field", "role") },
    { "notes", NC_("field", "notes") },
    { "date", NC_("field", "date") },
    { "end-date", NC_("field", "end date") },
    { "place", NC_("field", "place") },
    { "publisher", NC_("field", "publisher") },
    { "url", NC_("field", "URL") },
    { "grade", NC_("field", "grade") },
    { "color", NC_("field", "colour") },
    { "label", NC_("field", "label") },
    { "direction", NC_("field", "arrows") },
    { "credibility", NC_("field", "credibility") },
    { "from-id", NC_("field", "first card") },
    { "to-id", NC_("field", "second card") },
  };

  g_return_val_if_fail (field != NULL, NULL);

  /* A card's kind is person, event…; a link's, supports, contradicts… */
  if (g_str_equal (field, "kind"))
    return g_type_is_a (type, EB_TYPE_LINK) ? g_dpgettext2 (GETTEXT_PACKAGE, "field", "kind of link")
                                             : g_dpgettext2 (GETTEXT_PACKAGE, "field", "kind of card");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (field, names[i].field))
      return g_dpgettext2 (GETTEXT_PACKAGE, "field", names[i].name);

  return field;
}

/* How many changed items eb_board_merge_result_describe_changes() names
 * before it says how many more there are: a dialog, not a report. */
#define MAX_LISTED 12

/**
 * eb_board_merge_result_describe_changes:
 * @result: what eb_board_merge() returned
 *
 * Lists the items kept as the board had them, one a line, each with the
 * fields that differ: “• Bashar al-Jaafari (title, notes)”; after the
 * first dozen, how many more.
 *
 * Returns: (transfer full): the list, empty if nothing differed
 */
char *
eb_board_merge_result_describe_changes (EbBoardMergeResult *result)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < result->changed->len && i < MAX_LISTED; i++)
    {
      EbBoardMergeChange *change = g_ptr_array_index (result->changed, i);
      g_autoptr(GString) fields = g_string_new (NULL);

      for (guint f = 0; change->fields[f] != NULL; f++)
        {
          if (f > 0)
            /* Translators: between field names in a list, e.g. “title, notes” */
            g_string_append (fields, _(", "));
          g_string_append (fields, eb_board_merge_describe_field (change->type, change->fields[f]));
        }
      if (fields->len == 0)
        /* Translators: the same id belongs to, say, a card here and a link there */
        g_string_append (fields, _("a different kind of item"));

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a line in the list of imported items that differ:
       * the item's name, then the fields that differ */
      g_string_append_printf (text, _("• %s (%s)"), change->title, fields->str);
    }

  if (result->changed->len > MAX_LISTED)
    {
      guint more = result->changed->len - MAX_LISTED;

      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("and %u more", "and %u more", more), more);
    }

  return g_string_free (text, FALSE);
}
