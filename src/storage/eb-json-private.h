/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "eb-json.h"

G_BEGIN_DECLS

/* Shared by eb-json.c (reading), eb-json-scan.c and eb-json-write.c. */

#define EB_JSON_FORMAT_NAME "evidence-board"

gboolean  eb_json_fail        (GError      **error,
                               EbJsonError   code,
                               const char   *format,
                               ...) G_GNUC_PRINTF (3, 4);
gsize     eb_json_bom_length  (const char   *data,
                               gsize         length);

G_END_DECLS
