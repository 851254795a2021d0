/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "eb-history.h"

G_BEGIN_DECLS

#define EB_TYPE_CARD_LIST (eb_card_list_get_type ())
G_DECLARE_FINAL_TYPE (EbCardList, eb_card_list, EB, CARD_LIST, AdwBin)

GtkWidget   *eb_card_list_new               (void);
EbHistory   *eb_card_list_get_history       (EbCardList *self);
void         eb_card_list_set_history       (EbCardList *self,
                                             EbHistory  *history);
gboolean     eb_card_list_get_editable      (EbCardList *self);
void         eb_card_list_set_editable      (EbCardList *self,
                                             gboolean    editable);
EbCard      *eb_card_list_get_selected_card (EbCardList *self);
gboolean     eb_card_list_select_card       (EbCardList *self,
                                             EbCard     *card);
void         eb_card_list_unselect          (EbCardList *self);

G_END_DECLS
