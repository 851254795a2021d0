/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-history.h"

G_BEGIN_DECLS

void eb_history_binding_set_history (gpointer     owner,
                                     EbHistory  **history_slot,
                                     EbBoard    **board_slot,
                                     EbHistory   *history,
                                     const char  *first_signal,
                                     ...) G_GNUC_NULL_TERMINATED;
void eb_history_binding_add_shortcuts (GtkWidget  *widget);
void eb_history_binding_follow      (gpointer     owner,
                                     gpointer     item_slot,
                                     gpointer     item,
                                     GCallback    on_notify);

G_END_DECLS
