/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "eb-card.h"
#include "eb-frame.h"
#include "eb-link.h"

G_BEGIN_DECLS

#define EB_BOARD_ERROR (eb_board_error_quark ())

typedef enum {
  EB_BOARD_ERROR_DUPLICATE_ID,
  EB_BOARD_ERROR_MISSING_CARD,
  EB_BOARD_ERROR_TOO_MANY_ITEMS,
} EbBoardError;

#define EB_TYPE_BOARD (eb_board_get_type ())
G_DECLARE_FINAL_TYPE (EbBoard, eb_board, EB, BOARD, GObject)

GQuark       eb_board_error_quark      (void);
EbBoard     *eb_board_new              (void);
const char  *eb_board_get_title        (EbBoard     *self);
void         eb_board_set_title        (EbBoard     *self,
                                        const char  *title);
GListModel  *eb_board_get_cards        (EbBoard     *self);
GListModel  *eb_board_get_links        (EbBoard     *self);
GListModel  *eb_board_get_frames       (EbBoard     *self);
guint        eb_board_get_n_items      (EbBoard     *self);
EbItem      *eb_board_lookup           (EbBoard     *self,
                                        const char  *id);
EbCard      *eb_board_lookup_card      (EbBoard     *self,
                                        const char  *id);
EbItem      *eb_board_lookup_link_end  (EbBoard     *self,
                                        const char  *id);
gboolean     eb_board_add              (EbBoard     *self,
                                        EbItem      *item,
                                        GError     **error);
gboolean     eb_board_insert           (EbBoard     *self,
                                        EbItem      *item,
                                        guint        position,
                                        GError     **error);
void         eb_board_remove           (EbBoard     *self,
                                        EbItem      *item);
guint        eb_board_get_position     (EbBoard     *self,
                                        EbItem      *item);
void         eb_board_reorder          (EbBoard     *self,
                                        EbItem      *item,
                                        guint        position);
GPtrArray   *eb_board_dup_links_of_card (EbBoard    *self,
                                        const char  *card_id);
void         eb_board_begin_batch      (EbBoard     *self);
void         eb_board_end_batch        (EbBoard     *self);
gboolean     eb_board_in_batch         (EbBoard     *self);
gboolean     eb_board_equal            (EbBoard     *a,
                                        EbBoard     *b,
                                        char       **difference);

G_END_DECLS
