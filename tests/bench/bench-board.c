/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Working with a big board: opening a board file up to its first painted
 * frame, the memory that takes, and moving one card (model, undo and the
 * working-copy transaction). Each opening runs in a fresh child process so
 * its time and memory are not flattered or burdened by the others.
 * Prints "name value unit" lines. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "eb-board-merge.h"
#include "eb-history.h"
#include "eb-json.h"
#include "eb-painter.h"
#include "eb-store.h"
#include "eb-viewport.h"

#define WIDTH  1280
#define HEIGHT 720

/* Child: open the file, index it and paint the first frame with the whole
 * board in view, as the window does when it opens a board. */
static int
open_and_paint (const char *path,
                const char *working_dir,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbStore) store = NULL;
  g_autoptr(EbSpatialIndex) index = NULL;
  g_autoptr(EbPainter) painter = NULL;
  g_autoptr(EbViewport) view = eb_viewport_new ();
  g_autoptr(GskRenderer) renderer = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  EbRect bounds, area;
  gint64 start;

  gtk_init_check ();
  renderer = bench_renderer ();

  start = g_get_monotonic_time ();
  store = eb_store_open (path, working_dir, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  index = eb_spatial_index_new (eb_store_get_board (store));
  painter = eb_painter_new (eb_store_get_board (store), index);
  eb_viewport_set_size (view, WIDTH, HEIGHT);
  eb_spatial_index_get_bounds (index, &bounds);
  eb_viewport_fit (view, &bounds);
  eb_viewport_get_area (view, &area);
  gtk_snapshot_scale (snapshot, eb_viewport_get_zoom (view), eb_viewport_get_zoom (view));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-area.x, -area.y));
  eb_painter_snapshot (painter, snapshot, &area, eb_viewport_get_zoom (view), NULL);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));

  printf ("open_%s_first_frame_ms %.1f ms\n", name, (g_get_monotonic_time () - start) / 1000.0);
  printf ("rss_%s_mb %.1f MB\n", name, bench_rss_mb ());
  eb_store_discard (store);
  gsk_renderer_unrealize (renderer);
  return 0;
}

static void
run_child (const char *self,
           const char *path,
           const char *working_dir,
           const char *name)
{
  const char *argv[] = { self, "--open", path, working_dir, name, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("Opening %s failed: %s", path, error->message);
  fputs (out, stdout);
  fflush (stdout);
}

static void
measure_moves (const char *working_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EbStore) store = eb_store_new (working_dir, &error);
  g_autoptr(EbBoard) source = bench_make_board (10000, 2);
  g_autoptr(EbHistory) history = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  EbBoard *board;
  GListModel *cards;

  g_assert_no_error (error);
  board = eb_store_get_board (store);
  history = eb_history_new (board);

  /* Fill the working copy as one batch, like an import. */
  eb_board_begin_batch (board);
  cards = eb_board_get_cards (source);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(EbItem) card = g_list_model_get_item (cards, i);
      g_autoptr(EbItem) copy = eb_item_copy (card);

      g_assert_true (eb_board_add (board, copy, NULL));
    }
  eb_board_end_batch (board);

  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (eb_board_get_cards (board), (i * 7919) % 10000);
      gint64 start = g_get_monotonic_time ();
      double ms;

      eb_history_begin (history, "Move");
      eb_history_set (history, card, "x", eb_card_get_x (card) + 13, "y", eb_card_get_y (card) + 7, NULL);
      eb_history_end (history);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }

  printf ("move_commit_median_ms %.3f ms\n", bench_median (samples));
  printf ("move_commit_p95_ms %.3f ms\n", bench_percentile (samples, 95));
  fflush (stdout);
  eb_store_discard (store);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Importing a big board into the sample one and taking it back, as the
 * window does it: through the history, with the working copy and the
 * spatial index following every change. Then deleting 10,000 selected
 * cards (with their links) and undoing that. Undo removes items one by
 * one, each asking the board where it is, which used to walk the list. */
static void
measure_merge_undo (const char *working_dir)
{
  g_autofree char *sample = g_build_filename (g_getenv ("EB_SOURCE_ROOT"), "data", "samples",
                                              "assad-asylum.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EbBoard) board = eb_json_read_file (sample, &error);
  g_autoptr(EbBoard) source = eb_board_new ();
  g_autoptr(EbStore) store = NULL;
  g_autoptr(EbSpatialIndex) index = NULL;
  g_autoptr(EbHistory) history = NULL;
  g_autoptr(EbBoardMergeResult) result = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  const guint n = 10000;
  guint n_before;
  EbCard *previous = NULL;
  gint64 start;

  g_assert_no_error (error);
  n_before = eb_board_get_n_items (board);

  eb_board_begin_batch (source);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Card %u", i);
      g_autoptr(EbCard) card = eb_card_new (EB_CARD_KIND_NOTE);

      g_object_set (card, "title", title, "x", (i % 100) * 260.0, "y", (i / 100) * 140.0, NULL);
      g_assert_true (eb_board_add (source, EB_ITEM (card), NULL));
      if (previous != NULL)
        {
          g_autoptr(EbLink) link = eb_link_new (eb_item_get_id (EB_ITEM (previous)),
                                                eb_item_get_id (EB_ITEM (card)),
                                                EB_LINK_KIND_RELATED, NULL);

          g_assert_true (eb_board_add (source, EB_ITEM (link), NULL));
        }
      previous = card;
    }
  eb_board_end_batch (source);

  store = eb_store_new_for_board (board, working_dir, &error);
  g_assert_no_error (error);
  index = eb_spatial_index_new (board);
  history = eb_history_new (board);

  start = g_get_monotonic_time ();
  result = eb_board_merge (history, source, &error);
  g_assert_no_error (error);
  printf ("merge_10k_ms %.1f ms\n", elapsed_ms (start));
  g_assert_cmpuint (eb_board_get_n_items (board), ==, n_before + 2 * n - 1);

  start = g_get_monotonic_time ();
  g_assert_true (eb_history_undo (history));
  printf ("merge_undo_10k_ms %.1f ms\n", elapsed_ms (start));
  g_assert_cmpuint (eb_board_get_n_items (board), ==, n_before);

  start = g_get_monotonic_time ();
  g_assert_true (eb_history_redo (history));
  printf ("merge_redo_10k_ms %.1f ms\n", elapsed_ms (start));
  g_assert_cmpuint (eb_board_get_n_items (board), ==, n_before + 2 * n - 1);

  /* Every other card of the board, so the removals are spread out rather
   * than taken off the top. */
  cards = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (eb_board_get_cards (board)) && cards->len < n; i += 2)
    g_ptr_array_add (cards, g_list_model_get_item (eb_board_get_cards (board), i));

  start = g_get_monotonic_time ();
  eb_history_begin (history, "Delete");
  for (guint i = 0; i < cards->len; i++)
    eb_history_remove (history, g_ptr_array_index (cards, i));
  eb_history_end (history);
  printf ("delete_10k_ms %.1f ms\n", elapsed_ms (start));

  start = g_get_monotonic_time ();
  g_assert_true (eb_history_undo (history));
  printf ("delete_undo_10k_ms %.1f ms\n", elapsed_ms (start));
  g_assert_cmpuint (eb_board_get_n_items (board), ==, n_before + 2 * n - 1);
  fflush (stdout);

  eb_store_discard (store);
}

static char *
write_board (const char *dir,
             guint       n_cards)
{
  g_autoptr(EbBoard) board = bench_make_board (n_cards, 2);
  g_autoptr(GError) error = NULL;
  char *path = g_strdup_printf ("%s/bench-%u.board", dir, n_cards);

  if (!eb_store_write_file (board, path, &error))
    g_error ("%s", error->message);
  return path;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *working = NULL;
  g_autofree char *path_10k = NULL;
  g_autofree char *path_100k = NULL;

  if (argc == 5 && g_str_equal (argv[1], "--open"))
    return open_and_paint (argv[2], argv[3], argv[4]);
  if (argc == 2 && g_str_equal (argv[1], "--undo"))
    {
      /* Only the import, undo and delete figures: bench-board --undo */
      dir = g_dir_make_tmp ("eb-bench-XXXXXX", NULL);
      working = g_build_filename (dir, "working", NULL);
      measure_merge_undo (working);
      g_rmdir (working);
      g_rmdir (dir);
      return 0;
    }
  if (argc == 4 && g_str_equal (argv[1], "--write"))
    {
      /* For profiling by hand: bench-board --write N DIR */
      g_autofree char *path = write_board (argv[3], atoi (argv[2]));
      printf ("%s\n", path);
      return 0;
    }

  dir = g_dir_make_tmp ("eb-bench-XXXXXX", NULL);
  working = g_build_filename (dir, "working", NULL);

  measure_moves (working);
  measure_merge_undo (working);

  path_10k = write_board (dir, 10000);
  path_100k = write_board (dir, 100000);
  for (guint i = 0; i < 3; i++)
    run_child (argv[0], path_10k, working, "10k");
  run_child (argv[0], path_100k, working, "100k");

  /* Leave nothing behind. */
  g_unlink (path_10k);
  g_unlink (path_100k);
  g_rmdir (working);
  g_rmdir (dir);
  return 0;
}
