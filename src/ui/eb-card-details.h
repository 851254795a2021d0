/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "eb-history.h"

G_BEGIN_DECLS

#define EB_TYPE_CARD_DETAILS (eb_card_details_get_type ())
G_DECLARE_FINAL_TYPE (EbCardDetails, eb_card_details, EB, CARD_DETAILS, AdwBin)

GtkWidget   *eb_card_details_new         (void);
EbHistory   *eb_card_details_get_history (EbCardDetails *self);
void         eb_card_details_set_history (EbCardDetails *self,
                                          EbHistory     *history);
EbCard      *eb_card_details_get_card    (EbCardDetails *self);
void         eb_card_details_set_card    (EbCardDetails *self,
                                          EbCard        *card);
void         eb_card_details_focus       (EbCardDetails *self);
gboolean     eb_card_details_get_editable (EbCardDetails *self);
void         eb_card_details_set_editable (EbCardDetails *self,
                                           gboolean       editable);

G_END_DECLS
