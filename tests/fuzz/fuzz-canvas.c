/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "eb-jsoncanvas.h"

/* libFuzzer target for the JSON Canvas (.canvas) reader. */

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = eb_jsoncanvas_read ((const char *) data, size, &error);

  g_assert ((board == NULL) != (error == NULL));
  return 0;
}
