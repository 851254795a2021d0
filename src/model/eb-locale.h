/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the translations are looked up when EVIDENCE_BOARD_LOCALEDIR is
 * not set. */
const char *eb_locale_get_dir (void);
void        eb_locale_init    (void);

G_END_DECLS
