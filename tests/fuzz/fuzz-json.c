/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "eb-json.h"

/* libFuzzer target for the JSON board reader: any bytes in, a board or
 * an error out, never a crash, a hang or a leak. */

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = eb_json_read ((const char *) data, size, &error);

  /* One or the other, as the API promises. */
  g_assert ((board == NULL) != (error == NULL));
  return 0;
}
