/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-history.h"

G_BEGIN_DECLS

/* What the canvas offers and accepts on the clipboard besides plain text:
 * the JSON form of a board (see eb-json.h) holding the copied items. */
#define EB_CLIPBOARD_MIME_TYPE "application/x-evidence-board+json"

#define EB_CLIPBOARD_ERROR (eb_clipboard_error_quark ())

/**
 * EbClipboardError:
 * @EB_CLIPBOARD_ERROR_INVALID: the data is not cards from a board, or text
 *   that is not valid UTF-8
 * @EB_CLIPBOARD_ERROR_EMPTY: there is nothing to paste
 * @EB_CLIPBOARD_ERROR_TOO_LARGE: the text is longer than a card holds, or
 *   the board has no room for that many items
 */
typedef enum {
  EB_CLIPBOARD_ERROR_INVALID,
  EB_CLIPBOARD_ERROR_EMPTY,
  EB_CLIPBOARD_ERROR_TOO_LARGE,
} EbClipboardError;

GQuark    eb_clipboard_error_quark (void);
char     *eb_clipboard_serialize   (EbBoard     *board,
                                    GPtrArray   *items,
                                    gsize       *length);
gboolean  eb_clipboard_paste       (EbHistory   *history,
                                    const char  *data,
                                    gsize        length,
                                    double       at_x,
                                    double       at_y,
                                    GPtrArray  **pasted,
                                    GError     **error);
char     *eb_clipboard_cut         (EbHistory   *history,
                                    GPtrArray   *items,
                                    gsize       *length);
gboolean  eb_clipboard_duplicate   (EbHistory   *history,
                                    GPtrArray   *items,
                                    double       dx,
                                    double       dy,
                                    GPtrArray  **duplicated,
                                    GError     **error);
gboolean  eb_clipboard_paste_text  (EbHistory   *history,
                                    const char  *text,
                                    double       x,
                                    double       y,
                                    EbCard     **card,
                                    GError     **error);

G_END_DECLS
