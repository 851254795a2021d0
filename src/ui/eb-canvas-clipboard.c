/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eb-canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <string.h>

#include "eb-canvas-private.h"
#include "eb-clipboard.h"

/* Cut, copy, paste and duplicate on the canvas. The selection goes to the
 * system clipboard twice over: as the board's own JSON
 * (%EB_CLIPBOARD_MIME_TYPE), which pastes back as cards with their links
 * in this or another board, and as plain text, the cards' titles one per
 * line, for any other program. Pasting reads the clipboard without
 * blocking and takes whichever of the two it finds; plain text becomes a
 * note, or a source card when it is a web address. eb-clipboard.c turns
 * the bytes into board changes; every change is one undo step. */

/* More than any board the program can hold: the rest is not read. */
#define PASTE_MAX_BYTES (64 * 1024 * 1024)
#define PASTE_CHUNK     (64 * 1024)

/* Where the copies of Duplicate go, right of and below the originals. */
#define DUPLICATE_OFFSET 20.0

static const char *paste_mime_types[] = {
  EB_CLIPBOARD_MIME_TYPE,
  "text/plain;charset=utf-8",
  "text/plain",
  NULL
};

typedef struct
{
  EbCanvas     *canvas;
  EbHistory    *history;    /* the board it was asked for */
  GCancellable *cancellable;
  GInputStream *stream;
  char         *mime_type;
  GByteArray   *data;
  double        x;
  double        y;
  gboolean      find_room;  /* pasted in the middle of the view */
} PasteRead;

static void
paste_read_free (PasteRead *read)
{
  g_clear_object (&read->canvas);
  g_clear_object (&read->history);
  g_clear_object (&read->cancellable);
  g_clear_object (&read->stream);
  g_free (read->mime_type);
  g_clear_pointer (&read->data, g_byte_array_unref);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PasteRead, paste_read_free)

/**
 * _eb_canvas_show_message:
 * @self: a canvas
 * @message: one line for the user, e.g. why nothing was pasted
 *
 * Shows @message as a toast in the window's toast overlay.
 */
void
_eb_canvas_show_message (EbCanvas   *self,
                         const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  /* Queued behind a toast still up, not in its place: libadwaita 1.2
   * can crash when a toast is dismissed while it is still animating in. */
  if (overlay != NULL)
    {
      /* A toast's title is markup in libadwaita 1.2. */
      g_autofree char *markup = g_markup_escape_text (message, -1);

      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (markup));
    }
  else
    /* A canvas outside a window, as in some tests: nowhere to show it. */
    g_debug ("%s", message);
}

static gboolean
has_place (EbItem *item)
{
  return EB_IS_CARD (item) || EB_IS_FRAME (item);
}

/**
 * _eb_canvas_selection_has_place:
 * @self: a canvas
 *
 * Returns: whether a card or frame is selected: what copy, cut,
 *   duplicate and framing act on (a link goes with its cards only)
 */
gboolean
_eb_canvas_selection_has_place (EbCanvas *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    if (has_place (item))
      return TRUE;
  return FALSE;
}

static int
compare_reading (gconstpointer a,
                 gconstpointer b)
{
  EbCard *ca = *(EbCard **) a, *cb = *(EbCard **) b;
  double ya = eb_card_get_y (ca), yb = eb_card_get_y (cb);
  double xa = eb_card_get_x (ca), xb = eb_card_get_x (cb);

  if (ya != yb)
    return ya < yb ? -1 : 1;
  return (xa > xb) - (xa < xb);
}

/* The selected cards' titles, one per line, top to bottom: what other
 * programs get. */
static char *
selection_text (GPtrArray *items)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    if (EB_IS_CARD (g_ptr_array_index (items, i)))
      g_ptr_array_add (cards, g_ptr_array_index (items, i));
  g_ptr_array_sort (cards, compare_reading);

  for (guint i = 0; i < cards->len; i++)
    {
      g_autofree char *title = eb_card_dup_display_title (g_ptr_array_index (cards, i));

      g_string_append (text, title);
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

/* Puts the board data and its text on the clipboard, as one offer. */
static void
offer (EbCanvas *self,
       char     *data,
       gsize     length,
       char     *text)
{
  g_autoptr(GBytes) board_bytes = g_bytes_new_take (data, length);
  g_autoptr(GBytes) text_bytes = g_bytes_new_take (text, strlen (text));
  g_autoptr(GdkContentProvider) provider = NULL;
  GdkContentProvider *providers[] = {
    gdk_content_provider_new_for_bytes (EB_CLIPBOARD_MIME_TYPE, board_bytes),
    gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", text_bytes),
    gdk_content_provider_new_for_bytes ("text/plain", text_bytes),
  };

  provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
}

/**
 * eb_canvas_copy_selection:
 * @self: a canvas
 *
 * Puts the selected cards and frames, with the links among them, on the
 * clipboard, for pasting here, into another board or, as their titles,
 * into any program.
 */
void
eb_canvas_copy_selection (EbCanvas *self)
{
  g_autoptr(GPtrArray) items = NULL;
  char *data;
  gsize length;

  g_return_if_fail (EB_IS_CANVAS (self));

  if (self->board == NULL)
    return;

  items = eb_canvas_dup_selection (self);
  data = eb_clipboard_serialize (self->board, items, &length);
  if (data == NULL)
    return;
  offer (self, data, length, selection_text (items));
}

/**
 * eb_canvas_cut_selection:
 * @self: a canvas
 *
 * Copies the selection as eb_canvas_copy_selection() does and removes it
 * from the board, as one undo step.
 */
void
eb_canvas_cut_selection (EbCanvas *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *text = NULL;
  char *data;
  gsize length;

  g_return_if_fail (EB_IS_CANVAS (self));

  if (self->history == NULL || !_eb_canvas_selection_has_place (self) ||
      !_eb_canvas_may_edit (self))
    return;

  if (self->editor != NULL)
    _eb_canvas_edit_finish (self, TRUE);

  items = eb_canvas_dup_selection (self);
  /* The titles are read before the cards go. */
  text = selection_text (items);
  data = eb_clipboard_cut (self->history, items, &length);
  if (data == NULL)
    return;
  offer (self, data, length, g_steal_pointer (&text));
}

/**
 * _eb_canvas_paste_position:
 * @self: a canvas
 * @x: (out): where pasted items go, in board units
 * @y: (out): likewise
 *
 * Pasted items go at the pointer when it is over the canvas, else in the
 * middle of the view.
 */
void
_eb_canvas_paste_position (EbCanvas *self,
                           double   *x,
                           double   *y)
{
  if (self->pointer_inside)
    eb_viewport_to_board (self->viewport, self->pointer_x, self->pointer_y, x, y);
  else
    {
      EbRect area;

      eb_viewport_get_area (self->viewport, &area);
      *x = area.x + area.width / 2;
      *y = area.y + area.height / 2;
    }

  *x = _eb_canvas_snap (self, *x);
  *y = _eb_canvas_snap (self, *y);
}

/**
 * _eb_canvas_paste_bytes:
 * @self: a canvas showing a board
 * @mime_type: what @bytes are: %EB_CLIPBOARD_MIME_TYPE or plain text
 * @bytes: what the clipboard held, from any program
 * @x: where the top-left corner of what is pasted goes, in board units
 * @y: likewise
 * @error: why nothing was pasted
 *
 * Adds what the clipboard held to the board, as one undo step, and
 * selects it: cards (with their links) from a board, or a card made of
 * plain text. This is what canvas.paste does once the clipboard has been
 * read.
 *
 * Returns: %TRUE if something was pasted
 */
gboolean
_eb_canvas_paste_bytes (EbCanvas    *self,
                        const char  *mime_type,
                        GBytes      *bytes,
                        double       x,
                        double       y,
                        GError     **error)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  g_return_val_if_fail (self->history != NULL, FALSE);

  if (!self->editable)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                           /* Translators: why nothing was pasted */
                           _("This board is read-only: save a copy to edit it"));
      return FALSE;
    }

  if (self->editor != NULL)
    _eb_canvas_edit_finish (self, TRUE);

  if (g_strcmp0 (mime_type, EB_CLIPBOARD_MIME_TYPE) == 0)
    {
      g_autoptr(GPtrArray) pasted = NULL;

      if (!eb_clipboard_paste (self->history, data, length, x, y, &pasted, error))
        return FALSE;
      eb_canvas_select_items (self, pasted);
    }
  else
    {
      /* The clipboard's text is not nul-terminated, and may hold a nul. */
      g_autofree char *text = g_strndup (data != NULL ? data : "", length);
      EbCard *card = NULL;

      if (strlen (text) != length)
        {
          g_set_error_literal (error, EB_CLIPBOARD_ERROR, EB_CLIPBOARD_ERROR_INVALID,
                               _("The pasted text is not valid UTF-8"));
          return FALSE;
        }
      if (!eb_clipboard_paste_text (self->history, text, x, y, &card, error))
        return FALSE;
      eb_canvas_select_item (self, EB_ITEM (card), FALSE);
    }

  if (self->primary != NULL)
    eb_canvas_reveal_item (self, self->primary);
  return TRUE;
}

static void paste_read_next (PasteRead *read);
static void paste_at        (EbCanvas *self,
                             double    x,
                             double    y,
                             gboolean  find_room);

/* A single card pasted in the middle of the view (no pointer to say
 * where) would land on the cards already there: it goes to the nearest
 * place where it hides none of them. What was pasted at the pointer, or
 * several cards laid out together, stays where it was put. */
static void
make_room_for_pasted (EbCanvas *self)
{
  EbCard *card;
  EbRect rect;

  if (g_hash_table_size (self->selection) != 1 || !EB_IS_CARD (self->primary))
    return;

  card = EB_CARD (self->primary);
  _eb_canvas_card_rect (card, &rect);
  if (!_eb_canvas_find_room (self, &rect, card) ||
      (rect.x == eb_card_get_x (card) && rect.y == eb_card_get_y (card)))
    return;

  eb_history_set (self->history, EB_ITEM (card), "x", rect.x, "y", rect.y, NULL);
  eb_canvas_reveal_item (self, EB_ITEM (card));
}

static void
paste_read_done (PasteRead *read)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  EbCanvas *self = read->canvas;

  /* The canvas went on to show another board meanwhile, or stopped
   * editing this one. */
  if (self->history != read->history || !self->editable)
    return;

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&read->data));

  /* Moving the card out of the way is part of the paste's undo step. */
  if (read->find_room)
    /* Translators: the name of an undo step, as in “Undo Paste” (a noun) */
    eb_history_begin (self->history, C_("undo step", "Paste"));
  if (!_eb_canvas_paste_bytes (self, read->mime_type, bytes, read->x, read->y, &error))
    _eb_canvas_show_message (self, error->message);
  else if (read->find_room)
    make_room_for_pasted (self);
  if (read->find_room)
    eb_history_end (self->history);
}

static void
on_chunk_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PasteRead) read = user_data;
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message =
            /* Translators: %s says why, e.g. "Broken pipe" */
            g_strdup_printf (_("Could not read the clipboard: %s"), error->message);

          _eb_canvas_show_message (read->canvas, message);
        }
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_input_stream_close (read->stream, NULL, NULL);
      paste_read_done (read);
      return;
    }

  if (read->data->len + g_bytes_get_size (chunk) > PASTE_MAX_BYTES)
    {
      g_autofree char *max = g_format_size (PASTE_MAX_BYTES);
      g_autofree char *message =
        /* Translators: %s is a size like "67.1 MB" */
        g_strdup_printf (_("The clipboard holds too much to paste (more than %s)"), max);

      g_input_stream_close (read->stream, NULL, NULL);
      _eb_canvas_show_message (read->canvas, message);
      return;
    }

  g_byte_array_append (read->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  paste_read_next (g_steal_pointer (&read));
}

static void
paste_read_next (PasteRead *read)
{
  g_input_stream_read_bytes_async (read->stream, PASTE_CHUNK, G_PRIORITY_DEFAULT,
                                   read->cancellable, on_chunk_read, read);
}

static void
on_clipboard_read (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PasteRead) read = user_data;
  g_autoptr(GError) error = NULL;
  const char *mime_type = NULL;

  read->stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, &mime_type, &error);
  if (read->stream == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        /* Nothing there, or only what we cannot use, like an image. */
        _eb_canvas_show_message (read->canvas, _("The clipboard holds no cards or text to paste"));
      else
        {
          g_autofree char *message = g_strdup_printf (_("Could not read the clipboard: %s"), error->message);

          _eb_canvas_show_message (read->canvas, message);
        }
      return;
    }

  read->mime_type = g_strdup (mime_type);
  read->data = g_byte_array_new ();
  paste_read_next (g_steal_pointer (&read));
}

/**
 * eb_canvas_paste:
 * @self: a canvas showing a board
 *
 * Reads the clipboard and, once it has been read, pastes cards copied
 * from a board, or a card made of plain text, at the pointer (or in the
 * middle of the view), selected, as one undo step. Problems, such as an
 * empty clipboard, are shown as a toast.
 */
void
eb_canvas_paste (EbCanvas *self)
{
  double x, y;

  g_return_if_fail (EB_IS_CANVAS (self));

  _eb_canvas_paste_position (self, &x, &y);
  paste_at (self, x, y, !self->pointer_inside);
}

static void
paste_at (EbCanvas *self,
          double    x,
          double    y,
          gboolean  find_room)
{
  g_autoptr(GdkContentFormats) formats = NULL;
  PasteRead *read;

  if (self->history == NULL || !_eb_canvas_may_edit (self))
    return;

  /* A second paste before the first was read replaces it. */
  _eb_canvas_clipboard_cancel (self);
  self->paste_cancellable = g_cancellable_new ();

  read = g_new0 (PasteRead, 1);
  read->canvas = g_object_ref (self);
  read->history = g_object_ref (self->history);
  read->cancellable = g_object_ref (self->paste_cancellable);
  read->x = x;
  read->y = y;
  read->find_room = find_room;

  gdk_clipboard_read_async (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                            paste_mime_types, G_PRIORITY_DEFAULT, read->cancellable,
                            on_clipboard_read, read);
}

/**
 * _eb_canvas_paste_at:
 * @self: a canvas showing a board
 * @x: where the top-left corner of what is pasted goes, in board units
 * @y: likewise
 *
 * As eb_canvas_paste(), at a given place: where the context menu was
 * opened, for its Paste.
 */
void
_eb_canvas_paste_at (EbCanvas *self,
                     double    x,
                     double    y)
{
  paste_at (self, x, y, FALSE);
}

/**
 * _eb_canvas_clipboard_cancel:
 * @self: a canvas
 *
 * Drops a paste still reading the clipboard, as when the canvas changes
 * boards or goes away.
 */
void
_eb_canvas_clipboard_cancel (EbCanvas *self)
{
  if (self->paste_cancellable != NULL)
    {
      g_cancellable_cancel (self->paste_cancellable);
      g_clear_object (&self->paste_cancellable);
    }
}

/**
 * eb_canvas_duplicate_selection:
 * @self: a canvas
 *
 * Copies the selected cards and frames, with the links among them, a
 * little right of and below the originals, and selects the copies; one
 * undo step.
 *
 * Returns: %TRUE if copies were made
 */
gboolean
eb_canvas_duplicate_selection (EbCanvas *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (EB_IS_CANVAS (self), FALSE);

  if (self->history == NULL || !_eb_canvas_selection_has_place (self) ||
      !_eb_canvas_may_edit (self))
    return FALSE;

  if (self->editor != NULL)
    _eb_canvas_edit_finish (self, TRUE);

  items = eb_canvas_dup_selection (self);
  if (!eb_clipboard_duplicate (self->history, items, DUPLICATE_OFFSET, DUPLICATE_OFFSET,
                               &copies, &error))
    {
      if (error != NULL)
        _eb_canvas_show_message (self, error->message);
      return FALSE;
    }

  eb_canvas_select_items (self, copies);
  if (self->primary != NULL)
    eb_canvas_reveal_item (self, self->primary);
  return TRUE;
}
