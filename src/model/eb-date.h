/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * EbDatePrecision:
 *
 * How much of a date is known. A card's date is kept as the ISO 8601 text
 * the analyst gave, cut to its precision: "2024", "2024-12",
 * "2024-12-08" or "2024-12-08T14:30" (UTC), so "some time in 2024" never
 * turns into "1 January 2024".
 */
typedef enum {
  EB_DATE_PRECISION_NONE,
  EB_DATE_PRECISION_YEAR,
  EB_DATE_PRECISION_MONTH,
  EB_DATE_PRECISION_DAY,
  EB_DATE_PRECISION_MINUTE,
} EbDatePrecision;

gboolean         eb_date_parse      (const char       *text,
                                     EbDatePrecision  *precision,
                                     GDateTime       **start);
gboolean         eb_date_is_valid   (const char       *text);
EbDatePrecision  eb_date_precision  (const char       *text);
char            *eb_date_format     (const char       *text);
int              eb_date_compare    (const char       *a,
                                     const char       *b);

G_END_DECLS
