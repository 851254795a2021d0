/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The MIME type of board files, as the shared MIME info in data/ declares it. */
#define EB_BOARD_MIME_TYPE "application/x-evidence-board"

#define EB_TYPE_APPLICATION (eb_application_get_type ())
G_DECLARE_FINAL_TYPE (EbApplication, eb_application, EB, APPLICATION, AdwApplication)

EbApplication *eb_application_new              (void);
GSettings     *eb_application_dup_settings     (EbApplication *self);
char          *eb_application_dup_working_dir  (void);
GtkWindow     *eb_application_new_board        (EbApplication *self);
void           eb_application_add_recent       (const char    *path);

G_END_DECLS
