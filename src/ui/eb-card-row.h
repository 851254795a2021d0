/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-card.h"

G_BEGIN_DECLS

#define EB_TYPE_CARD_ROW (eb_card_row_get_type ())
G_DECLARE_FINAL_TYPE (EbCardRow, eb_card_row, EB, CARD_ROW, GtkBox)

GtkWidget   *eb_card_row_new            (void);
EbCard      *eb_card_row_get_card       (EbCardRow  *self);
void         eb_card_row_set_card       (EbCardRow  *self,
                                         EbCard     *card);
const char  *eb_card_kind_icon_name     (EbCardKind  kind);

G_END_DECLS
