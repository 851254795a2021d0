/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "eb-json.h"

G_BEGIN_DECLS

/* Shared by eb-json.c (reading), eb-json-scan.c and eb-json-write.c, and
 * by the other JSON-based readers (eb-jsoncanvas-read.c, eb-ftm*.c),
 * which speak in EB_JSON_ERROR too. */

#define EB_JSON_FORMAT_NAME "evidence-board"

gboolean  eb_json_fail        (GError      **error,
                               EbJsonError   code,
                               const char   *format,
                               ...) G_GNUC_PRINTF (3, 4);
gsize     eb_json_bom_length  (const char   *data,
                               gsize         length);

/* In eb-json-write.c. */
void      eb_json_append_string (GString    *s,
                                 const char *text);

/* In eb-json-fields.c. */

#define EB_JSON_MAX_FIELDS 24

/* The validated fields of one card, link or frame, collected so the item
 * is built in one g_object_new_with_properties() call: the model's own
 * checks never see a half-made item. */
typedef struct
{
  const char  *names[EB_JSON_MAX_FIELDS];
  GValue       values[EB_JSON_MAX_FIELDS];
  guint        n_values;
} EbJsonFields;

/* Reads a board from the bytes of a file; see eb_json_read_file_with(). */
typedef EbBoard *(*EbJsonReadFunc) (const char  *data,
                                    gsize        length,
                                    gpointer     user_data,
                                    GError     **error);

void        eb_json_fields_clear       (EbJsonFields  *fields);
GValue     *eb_json_fields_add         (EbJsonFields  *fields,
                                        const char    *property,
                                        GType          type);
void        eb_json_fields_add_string  (EbJsonFields  *fields,
                                        const char    *property,
                                        const char    *text);
void        eb_json_fields_remove      (EbJsonFields  *fields,
                                        const char    *property);
EbItem     *eb_json_fields_build       (EbJsonFields  *fields,
                                        GType          type);

gboolean    eb_json_node_holds         (JsonNode      *node,
                                        GType          type);
JsonObject *eb_json_parse_object       (JsonParser    *parser,
                                        const char    *data,
                                        gsize          length,
                                        const char    *not_object,
                                        GError       **error);
gboolean    eb_json_read_title         (EbBoard       *board,
                                        JsonNode      *title,
                                        GError       **error);
gboolean    eb_json_board_add          (EbBoard       *board,
                                        EbItem        *item,
                                        GError       **error);
EbBoard    *eb_json_read_file_with     (const char    *path,
                                        EbJsonReadFunc read,
                                        gpointer       user_data,
                                        GError       **error);

G_END_DECLS
