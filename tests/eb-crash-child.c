/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

/* A process for test-crash to kill with SIGKILL at a random moment.
 *
 *   eb-crash-child edit WORKING_PATH ID_PREFIX SEED
 *     recovers the working copy and edits it through EbHistory forever.
 *
 * (test-crash runs its own saving child: two stores saving over one
 * target need two working folders, for the board lock.)
 *
 * Each step is announced on stdout as "begin …" before it starts and
 * acknowledged with "ok" once the call has returned, one write(2) per
 * line, so the parent knows which steps must have survived the kill. */

#include <stdio.h>
#include <stdlib.h>

#include "eb-history.h"
#include "eb-store.h"

static void
say (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static void
say (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

static int
run_edit (const char *working_path,
          const char *prefix,
          guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbStore) store = NULL;
  g_autoptr(EbHistory) history = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  EbBoard *board;

  store = eb_store_recover (working_path, &error);
  if (store == NULL)
    {
      say ("error %s", error->message);
      return 2;
    }
  board = eb_store_get_board (store);
  history = eb_history_new (board);
  say ("ready");

  for (guint n = 0; ; n++)
    {
      GListModel *cards = eb_board_get_cards (board);
      guint n_cards = g_list_model_get_n_items (cards);
      double choice = g_rand_double (rand);
      int x = g_rand_int_range (rand, -100000, 100000);
      int y = g_rand_int_range (rand, -100000, 100000);

      if (n_cards < 3 || choice < 0.2)
        {
          g_autofree char *id = g_strdup_printf ("%s-%u", prefix, n);
          g_autoptr(EbCard) card = g_object_new (EB_TYPE_CARD, "id", id, "kind", EB_CARD_KIND_PERSON,
                                                 "x", (double) x, "y", (double) y, NULL);

          say ("begin add %s %d %d", id, x, y);
          if (!eb_history_add (history, EB_ITEM (card), &error))
            {
              say ("error %s", error->message);
              return 3;
            }
        }
      else if (choice < 0.85)
        {
          g_autoptr(EbCard) card = g_list_model_get_item (cards, g_rand_int_range (rand, 0, n_cards));

          say ("begin move %s %d %d", eb_item_get_id (EB_ITEM (card)), x, y);
          eb_history_set (history, card, "x", (double) x, "y", (double) y, NULL);
        }
      else
        {
          g_autofree char *title = g_strdup_printf ("%s-title-%u", prefix, n);

          say ("begin title %s", title);
          eb_history_set (history, board, "title", title, NULL);
        }
      say ("ok");
    }

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "edit"))
    return run_edit (argv[2], argv[3], (guint32) g_ascii_strtoull (argv[4], NULL, 10));

  fprintf (stderr, "usage: %s edit WORKING_PATH ID_PREFIX SEED\n", argv[0]);
  return 1;
}
