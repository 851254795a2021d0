/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "eb-board.h"
#include "eb-canvas.h"

G_BEGIN_DECLS

#define EB_TYPE_EXPORT_DIALOG (eb_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EbExportDialog, eb_export_dialog, EB, EXPORT_DIALOG, AdwWindow)

EbExportDialog *eb_export_dialog_new            (GtkWindow      *parent,
                                                 EbBoard        *board,
                                                 EbCanvas       *canvas,
                                                 GSettings      *settings,
                                                 const char     *name);
void            eb_export_dialog_export_to_file (EbExportDialog *self,
                                                 GFile          *file);
gboolean        eb_export_dialog_get_busy       (EbExportDialog *self);

G_END_DECLS
