/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "eb-history.h"

G_BEGIN_DECLS

#define EB_TYPE_LINK_DETAILS (eb_link_details_get_type ())
G_DECLARE_FINAL_TYPE (EbLinkDetails, eb_link_details, EB, LINK_DETAILS, AdwBin)

GtkWidget   *eb_link_details_new         (void);
EbHistory   *eb_link_details_get_history (EbLinkDetails *self);
void         eb_link_details_set_history (EbLinkDetails *self,
                                          EbHistory     *history);
EbLink      *eb_link_details_get_link    (EbLinkDetails *self);
void         eb_link_details_set_link    (EbLinkDetails *self,
                                          EbLink        *link);
void         eb_link_details_focus       (EbLinkDetails *self);
gboolean     eb_link_details_get_editable (EbLinkDetails *self);
void         eb_link_details_set_editable (EbLinkDetails *self,
                                           gboolean       editable);

char        *eb_link_details_dup_end_name (EbBoard     *board,
                                           const char  *id,
                                           const char **icon_name,
                                           const char **kind_name);

G_END_DECLS
