/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>

#include <unistd.h>

#include "eb-store.h"

/* libFuzzer target for the SQLite board reader. It reads files, not
 * memory, so each input is written to a file in /dev/shm (RAM, no disk
 * wear) and read back through eb_store_read_file(), header checks and
 * all. */

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static char *path;

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = NULL;

  if (path == NULL)
    {
      const char *dir = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();

      path = g_strdup_printf ("%s/eb-fuzz-board-%d.board", dir, (int) getpid ());
    }

  if (!g_file_set_contents (path, (const char *) data, size, &error))
    g_error ("Cannot write %s: %s", path, error->message);

  board = eb_store_read_file (path, &error);
  g_assert ((board == NULL) != (error == NULL));
  g_unlink (path);
  return 0;
}
