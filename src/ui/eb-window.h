/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "eb-history.h"
#include "eb-store.h"

G_BEGIN_DECLS

#define EB_TYPE_WINDOW (eb_window_get_type ())
G_DECLARE_FINAL_TYPE (EbWindow, eb_window, EB, WINDOW, AdwApplicationWindow)

EbWindow    *eb_window_new          (GtkApplication *application,
                                     EbStore        *store);
EbStore     *eb_window_get_store    (EbWindow       *self);
EbHistory   *eb_window_get_history  (EbWindow       *self);
gboolean     eb_window_has_file     (EbWindow       *self,
                                     GFile          *file);
void         eb_window_show_error   (EbWindow       *self,
                                     const char     *heading,
                                     const char     *message);
void         eb_window_add_toast    (EbWindow       *self,
                                     const char     *title);

G_END_DECLS
