/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-clipboard"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "eb-clipboard.h"
#include "eb-json.h"
#include "eb-limits.h"

/* Cut, copy, paste and duplicate, without GTK: the canvas moves the bytes
 * to and from the system clipboard, this file turns them into board
 * changes.
 *
 * Copied items travel as the JSON form of a small board, so everything a
 * card holds goes with it and pasting into another board, or another
 * instance of the program, works. What comes back from the clipboard is
 * untrusted (any program can put anything there), so it is read with
 * eb_json_read(), which refuses hostile input with a message. Pasted items
 * get fresh ids: a board may receive the same cards twice, and ids must
 * stay unique. */

G_DEFINE_QUARK (eb-clipboard-error-quark, eb_clipboard_error)

/* Lines end in "\n" on the board, whatever program the text came from. */
static char *
normalize_newlines (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static gboolean
item_origin (EbItem *item,
             double *x,
             double *y)
{
  if (EB_IS_CARD (item))
    {
      *x = eb_card_get_x (EB_CARD (item));
      *y = eb_card_get_y (EB_CARD (item));
      return TRUE;
    }
  if (EB_IS_FRAME (item))
    {
      *x = eb_frame_get_x (EB_FRAME (item));
      *y = eb_frame_get_y (EB_FRAME (item));
      return TRUE;
    }
  return FALSE;
}

/* The top-left corner of the items of @board that have a place, and the
 * largest x and y among them (to keep a moved group within bounds). */
static gboolean
board_origin (EbBoard *board,
              double  *min_x,
              double  *min_y,
              double  *max_x,
              double  *max_y)
{
  GListModel *lists[] = { eb_board_get_cards (board), eb_board_get_frames (board) };

  *min_x = *min_y = G_MAXDOUBLE;
  *max_x = *max_y = -G_MAXDOUBLE;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(EbItem) item = g_list_model_get_item (lists[l], i);
        double x, y;

        if (!item_origin (item, &x, &y))
          continue;
        *min_x = MIN (*min_x, x);
        *min_y = MIN (*min_y, y);
        *max_x = MAX (*max_x, x);
        *max_y = MAX (*max_y, y);
      }

  return *min_x <= *max_x;
}

/* Copies @item's fields to a new item with @new_id and new times, moved by
 * (@dx, @dy), its link ends mapped through @ids. */
static EbItem *
copy_renamed (EbItem     *item,
              const char *new_id,
              double      dx,
              double      dy,
              GHashTable *ids)
{
  g_autofree GParamSpec **pspecs = NULL;
  g_autofree const char **names = NULL;
  g_autofree GValue *values = NULL;
  guint n_pspecs = 0;
  guint n = 0;
  EbItem *copy;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (item), &n_pspecs);
  names = g_new0 (const char *, n_pspecs + 1);
  values = g_new0 (GValue, n_pspecs + 1);

  for (guint i = 0; i < n_pspecs; i++)
    {
      const char *name = pspecs[i]->name;

      /* A pasted item is a new item: new id, created and modified now. */
      if (!eb_item_is_field (pspecs[i]) ||
          g_str_equal (name, "id") || g_str_equal (name, "created") || g_str_equal (name, "modified"))
        continue;

      names[n] = name;
      g_value_init (&values[n], pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (item), name, &values[n]);

      if (EB_IS_LINK (item) && (g_str_equal (name, "from-id") || g_str_equal (name, "to-id")))
        {
          const char *end = g_hash_table_lookup (ids, g_value_get_string (&values[n]));

          /* eb_json_read() refuses links to cards or frames that are not there. */
          g_assert (end != NULL);
          g_value_set_string (&values[n], end);
        }
      else if (g_str_equal (name, "x") || g_str_equal (name, "y"))
        {
          double v = g_value_get_double (&values[n]) + (name[0] == 'x' ? dx : dy);

          g_value_set_double (&values[n], CLAMP (v, -EB_COORD_MAX, EB_COORD_MAX));
        }
      n++;
    }

  names[n] = "id";
  g_value_init (&values[n], G_TYPE_STRING);
  g_value_set_string (&values[n], new_id);
  n++;

  copy = EB_ITEM (g_object_new_with_properties (G_OBJECT_TYPE (item), n, names, values));

  for (guint i = 0; i < n; i++)
    g_value_unset (&values[i]);

  return copy;
}

/* Adds copies of @source's items to the history's board as one step, the
 * group's top-left corner at (@at_x, @at_y). */
static gboolean
paste_board (EbHistory   *history,
             EbBoard     *source,
             double       at_x,
             double       at_y,
             const char  *label,
             GPtrArray  **pasted,
             GError     **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  EbBoard *board = eb_history_get_board (history);
  GListModel *lists[] = {
    /* Links last: the board checks that a link's cards and frames are there. */
    eb_board_get_cards (source), eb_board_get_frames (source), eb_board_get_links (source),
  };
  double min_x, min_y, max_x, max_y, dx, dy;
  guint n = eb_board_get_n_items (source);

  if (n == 0 || !board_origin (source, &min_x, &min_y, &max_x, &max_y))
    {
      g_set_error_literal (error, EB_CLIPBOARD_ERROR, EB_CLIPBOARD_ERROR_EMPTY,
                           _("There are no cards to paste"));
      return FALSE;
    }

  if ((gsize) eb_board_get_n_items (board) + n > EB_ITEMS_MAX)
    {
      g_set_error (error, EB_CLIPBOARD_ERROR, EB_CLIPBOARD_ERROR_TOO_LARGE,
                   ngettext ("The board has no room for %u more item (a board holds at most %d)",
                             "The board has no room for %u more items (a board holds at most %d)",
                             n),
                   n, EB_ITEMS_MAX);
      return FALSE;
    }

  /* Keep the whole group on the board: near the edge of the coordinate
   * range, it lands as close to the point as it fits. Every item was
   * within the range, so the group's spread is at most the range. */
  dx = CLAMP (at_x, -EB_COORD_MAX, EB_COORD_MAX - (max_x - min_x)) - min_x;
  dy = CLAMP (at_y, -EB_COORD_MAX, EB_COORD_MAX - (max_y - min_y)) - min_y;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(EbItem) item = g_list_model_get_item (lists[l], i);
        char *new_id = eb_item_new_id ();

        g_hash_table_insert (ids, g_strdup (eb_item_get_id (item)), new_id);
        g_ptr_array_add (added, copy_renamed (item, new_id, dx, dy, ids));
      }

  eb_history_begin (history, label);
  for (guint i = 0; i < added->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!eb_history_add (history, g_ptr_array_index (added, i), &local_error))
        {
          /* Checked above; a clash of fresh random ids is as good as
           * impossible. Still leave the board as it was, and the history
           * too: cancelled, the step leaves no Undo and keeps Redo. */
          eb_history_cancel (history);
          g_set_error (error, EB_CLIPBOARD_ERROR, EB_CLIPBOARD_ERROR_TOO_LARGE,
                       _("Cannot paste: %s"), local_error->message);
          return FALSE;
        }
    }
  eb_history_end (history);

  if (pasted != NULL)
    *pasted = g_steal_pointer (&added);

  return TRUE;
}

/* A detached board with copies of the selected cards and frames, in
 * drawing order, and of the links among those cards. Walking the board's
 * lists once keeps their order and costs the board's size, however large
 * the selection. */
static EbBoard *
build_selection (EbBoard   *board,
                 GPtrArray *items)
{
  g_autoptr(EbBoard) copy = eb_board_new ();
  g_autoptr(GHashTable) chosen = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) card_ids = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean any_frame = FALSE;
  GListModel *cards = eb_board_get_cards (board);
  GListModel *links = eb_board_get_links (board);
  GListModel *frames = eb_board_get_frames (board);

  for (guint i = 0; i < items->len; i++)
    {
      EbItem *item = g_ptr_array_index (items, i);

      g_return_val_if_fail (EB_IS_ITEM (item), NULL);
      g_return_val_if_fail (eb_board_lookup (board, eb_item_get_id (item)) == item, NULL);

      /* A link goes with its cards, not alone: pasted elsewhere, it would
       * have nothing to join. */
      if (EB_IS_CARD (item))
        g_hash_table_add (card_ids, (gpointer) eb_item_get_id (item));
      else if (EB_IS_FRAME (item))
        {
          g_hash_table_add (chosen, item);
          /* Links may end at a frame too. */
          g_hash_table_add (card_ids, (gpointer) eb_item_get_id (item));
          any_frame = TRUE;
        }
    }

  for (guint i = 0; g_hash_table_size (card_ids) > 0 && i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(EbItem) card = g_list_model_get_item (cards, i);

      if (g_hash_table_contains (card_ids, eb_item_get_id (card)))
        {
          g_autoptr(EbItem) c = eb_item_copy (card);

          eb_board_add (copy, c, NULL);
        }
    }

  for (guint i = 0; any_frame && i < g_list_model_get_n_items (frames); i++)
    {
      g_autoptr(EbItem) frame = g_list_model_get_item (frames, i);

      if (g_hash_table_contains (chosen, frame))
        {
          g_autoptr(EbItem) c = eb_item_copy (frame);

          eb_board_add (copy, c, NULL);
        }
    }

  for (guint i = 0; g_hash_table_size (card_ids) > 0 && i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(EbLink) link = g_list_model_get_item (links, i);

      if (g_hash_table_contains (card_ids, eb_link_get_from_id (link)) &&
          g_hash_table_contains (card_ids, eb_link_get_to_id (link)))
        {
          g_autoptr(EbItem) c = eb_item_copy (EB_ITEM (link));

          eb_board_add (copy, c, NULL);
        }
    }

  return g_steal_pointer (&copy);
}

/**
 * eb_clipboard_serialize:
 * @board: a board
 * @items: (element-type EbItem): the selection, items on @board
 * @length: (out) (optional): the length of the result in bytes
 *
 * Copies the selected cards and frames, and the links whose two cards are
 * both selected (a link selected without its cards is not copied), as the
 * JSON form of a board, to offer as %EB_CLIPBOARD_MIME_TYPE.
 *
 * Returns: (transfer full): the JSON text, nul-terminated
 */
char *
eb_clipboard_serialize (EbBoard   *board,
                        GPtrArray *items,
                        gsize     *length)
{
  g_autoptr(EbBoard) copy = NULL;

  g_return_val_if_fail (EB_IS_BOARD (board), NULL);
  g_return_val_if_fail (items != NULL, NULL);

  copy = build_selection (board, items);
  if (copy == NULL)
    return NULL;

  return eb_json_write (copy, length);
}

/**
 * eb_clipboard_paste:
 * @history: the history of the board to paste into
 * @data: (array length=length): what the clipboard held as
 *   %EB_CLIPBOARD_MIME_TYPE, from any program
 * @length: its length in bytes
 * @at_x: where the top-left corner of the pasted group goes, in board units
 * @at_y: likewise
 * @pasted: (out) (optional) (transfer container) (element-type EbItem):
 *   the new items, now on the board, e.g. to select them
 * @error: where to say why nothing was pasted
 *
 * Adds the cards, links and frames in @data to the board, with new ids,
 * moved together so that their top-left corner is at (@at_x, @at_y), as
 * one undoable step. @data is untrusted: anything but a valid board in
 * JSON form is refused with an error and the board is left unchanged.
 *
 * Returns: %TRUE if the items were pasted
 */
gboolean
eb_clipboard_paste (EbHistory   *history,
                    const char  *data,
                    gsize        length,
                    double       at_x,
                    double       at_y,
                    GPtrArray  **pasted,
                    GError     **error)
{
  g_autoptr(EbBoard) source = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (EB_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (isfinite (at_x) && isfinite (at_y), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (pasted != NULL)
    *pasted = NULL;

  if (length == 0)
    {
      g_set_error_literal (error, EB_CLIPBOARD_ERROR, EB_CLIPBOARD_ERROR_EMPTY,
                           _("The clipboard is empty"));
      return FALSE;
    }

  source = eb_json_read (data != NULL ? data : "", length, &local_error);
  if (source == NULL)
    {
      g_set_error (error, EB_CLIPBOARD_ERROR,
                   g_error_matches (local_error, EB_JSON_ERROR, EB_JSON_ERROR_TOO_LARGE)
                     ? EB_CLIPBOARD_ERROR_TOO_LARGE : EB_CLIPBOARD_ERROR_INVALID,
                   /* Translators: %s says what is wrong with the clipboard's data */
                   _("The clipboard does not hold usable cards: %s"), local_error->message);
      return FALSE;
    }

  /* Translators: the name of an undo step */
  return paste_board (history, source, at_x, at_y, _("Paste"), pasted, error);
}

/**
 * eb_clipboard_cut:
 * @history: the history of the board the items are on
 * @items: (element-type EbItem): the selection
 * @length: (out) (optional): the length of the result in bytes
 *
 * Copies @items as eb_clipboard_serialize() does, then removes them (and
 * the links of removed cards) from the board as one undoable step.
 *
 * Returns: (transfer full): the JSON text to put on the clipboard
 */
char *
eb_clipboard_cut (EbHistory *history,
                  GPtrArray *items,
                  gsize     *length)
{
  g_autoptr(GPtrArray) held = NULL;
  EbBoard *board;
  char *data;

  g_return_val_if_fail (EB_IS_HISTORY (history), NULL);
  g_return_val_if_fail (items != NULL, NULL);

  board = eb_history_get_board (history);
  data = eb_clipboard_serialize (board, items, length);
  if (data == NULL)
    return NULL;

  /* The selection may hold the only other reference to a link that goes
   * with its card; keep every item alive until all are removed. */
  held = g_ptr_array_new_full (items->len, g_object_unref);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (held, g_object_ref (g_ptr_array_index (items, i)));

  /* Translators: the name of an undo step */
  eb_history_begin (history, _("Cut"));
  for (guint i = 0; i < held->len; i++)
    {
      EbItem *item = g_ptr_array_index (held, i);

      /* A selected link may already have gone with its card. */
      if (eb_board_lookup (board, eb_item_get_id (item)) == item)
        eb_history_remove (history, item);
    }
  eb_history_end (history);

  return data;
}

/**
 * eb_clipboard_duplicate:
 * @history: the history of the board the items are on
 * @items: (element-type EbItem): the selection
 * @dx: how far right of the originals the copies go, in board units
 * @dy: how far down
 * @duplicated: (out) (optional) (transfer container) (element-type EbItem):
 *   the copies, now on the board
 * @error: where to say why nothing was copied
 *
 * Copies the selection as eb_clipboard_serialize() would and pastes it
 * back moved by (@dx, @dy), without going through the clipboard, as one
 * undoable step.
 *
 * Returns: %TRUE if the copies were added
 */
gboolean
eb_clipboard_duplicate (EbHistory   *history,
                        GPtrArray   *items,
                        double       dx,
                        double       dy,
                        GPtrArray  **duplicated,
                        GError     **error)
{
  g_autoptr(EbBoard) copy = NULL;
  double min_x, min_y, max_x, max_y;

  g_return_val_if_fail (EB_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);
  g_return_val_if_fail (isfinite (dx) && isfinite (dy), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (duplicated != NULL)
    *duplicated = NULL;

  copy = build_selection (eb_history_get_board (history), items);
  if (copy == NULL)
    return FALSE;

  if (!board_origin (copy, &min_x, &min_y, &max_x, &max_y))
    min_x = min_y = 0;

  /* Translators: the name of an undo step that copies the selected cards in place */
  return paste_board (history, copy, min_x + dx, min_y + dy, _("Duplicate"), duplicated, error);
}

/* A web address alone on one line: what a source card is made from. */
static gboolean
is_web_address (const char  *text,
                char       **host)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (strpbrk (text, " \t\n") != NULL ||
      !g_uri_is_valid (text, G_URI_FLAGS_NONE, NULL))
    return FALSE;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return FALSE;
  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return FALSE;

  *host = g_strdup (g_uri_get_host (uri));
  return TRUE;
}

/**
 * eb_clipboard_paste_text:
 * @history: the history of the board to paste into
 * @text: plain text from the clipboard, from any program
 * @x: where the new card's top-left corner goes, in board units
 * @y: likewise
 * @card: (out) (optional) (transfer none): the new card, now on the board
 * @error: where to say why nothing was pasted
 *
 * Makes a card of pasted text, as one undoable step: a web address
 * (http or https, alone on its line) becomes a source card with that
 * address, its host as the publisher; any other text becomes a note.
 *
 * Returns: %TRUE if a card was added; %FALSE for empty text, text that is
 *   not UTF-8, or text longer than a card holds (%EB_TEXT_MAX bytes)
 */
gboolean
eb_clipboard_paste_text (EbHistory   *history,
                         const char  *text,
                         double       x,
                         double       y,
                         EbCard     **card,
                         GError     **error)
{
  g_autoptr(EbCard) new_card = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *host = NULL;
  gsize length;

  g_return_val_if_fail (EB_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (isfinite (x) && isfinite (y), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (card != NULL)
    *card = NULL;

  length = strlen (text);
  if (length > EB_TEXT_MAX)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *max = g_format_size (EB_TEXT_MAX);

      g_set_error (error, EB_CLIPBOARD_ERROR, EB_CLIPBOARD_ERROR_TOO_LARGE,
                   /* Translators: the sizes are like "2.1 MB" */
                   _("The text is too long for a card (%s; a card holds at most %s)"), size, max);
      return FALSE;
    }

  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error_literal (error, EB_CLIPBOARD_ERROR, EB_CLIPBOARD_ERROR_INVALID,
                           _("The pasted text is not valid UTF-8"));
      return FALSE;
    }

  trimmed = g_strstrip (normalize_newlines (text));
  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, EB_CLIPBOARD_ERROR, EB_CLIPBOARD_ERROR_EMPTY,
                           _("There is no text to paste"));
      return FALSE;
    }

  if (is_web_address (trimmed, &host))
    {
      const char *publisher = host;

      /* "www.reuters.com" is published by reuters.com. */
      if (g_ascii_strncasecmp (publisher, "www.", 4) == 0 && publisher[4] != '\0')
        publisher += 4;

      new_card = eb_card_new (EB_CARD_KIND_SOURCE);
      g_object_set (new_card,
                    "url", trimmed,
                    "title", trimmed,
                    "publisher", publisher,
                    NULL);
    }
  else
    {
      new_card = eb_card_new (EB_CARD_KIND_NOTE);
      g_object_set (new_card, "notes", trimmed, NULL);
    }

  g_object_set (new_card,
                "x", CLAMP (x, -EB_COORD_MAX, EB_COORD_MAX),
                "y", CLAMP (y, -EB_COORD_MAX, EB_COORD_MAX),
                NULL);

  if (eb_board_get_n_items (eb_history_get_board (history)) >= EB_ITEMS_MAX)
    {
      g_set_error (error, EB_CLIPBOARD_ERROR, EB_CLIPBOARD_ERROR_TOO_LARGE,
                   _("The board is full (a board holds at most %d items)"), EB_ITEMS_MAX);
      return FALSE;
    }

  /* Translators: the name of an undo step */
  eb_history_begin (history, _("Paste"));
  if (!eb_history_add (history, EB_ITEM (new_card), error))
    {
      eb_history_end (history);
      return FALSE;
    }
  eb_history_end (history);

  if (card != NULL)
    *card = new_card;

  return TRUE;
}
