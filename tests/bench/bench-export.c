/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exporting a board to PNG: time and peak memory for 1,000 and 10,000
 * cards at 1×, a board whose 1× image is 40,000 × 30,000 pixels, and the
 * sample board at 2×; and Graphviz (neato -n2 -Tpng) drawing the same
 * 1,000 positioned nodes and their edges, the tool a scripting user would
 * otherwise reach for. Each export runs in a fresh child process, so its
 * peak memory (VmHWM) is its own. Prints "name value unit" lines. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "eb-export.h"
#include "eb-json.h"

/* A board whose picture at 1× with the default margins is exactly
 * 40,000 × 30,000 pixels: a frame around a grid of linked cards. */
static EbBoard *
make_poster_board (void)
{
  g_autoptr(EbFrame) frame = eb_frame_new ("Poster", 0, 0, 40000 - 80, 30000 - 80);
  EbBoard *board = eb_board_new ();
  g_autofree char *previous = NULL;

  g_assert_true (eb_board_add (board, EB_ITEM (frame), NULL));
  for (guint row = 0; row < 74; row++)
    for (guint column = 0; column < 99; column++)
      {
        g_autofree char *id = g_strdup_printf ("card%u_%u", row, column);
        g_autoptr(EbCard) card = g_object_new (EB_TYPE_CARD, "id", id, "kind", (row + column) % 4,
                                               "title", "Fall of Damascus", "date", "2024-12-08",
                                               "x", 100.0 + column * 400, "y", 100.0 + row * 400, NULL);

        g_assert_true (eb_board_add (board, EB_ITEM (card), NULL));
        if (column > 0)
          {
            g_autoptr(EbLink) link = eb_link_new (previous, id, column % 4, NULL);

            g_assert_true (eb_board_add (board, EB_ITEM (link), NULL));
          }
        g_free (previous);
        previous = g_steal_pointer (&id);
      }
  return board;
}

static double
export_seconds (EbBoard    *board,
                const char *path,
                double      scale)
{
  g_autoptr(EbExportOptions) options = eb_export_options_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  options->scale = scale;
  if (!eb_export_to_file (board, path, options, NULL, NULL, NULL, &error))
    g_error ("Export failed: %s", error->message);
  return (g_get_monotonic_time () - start) / 1e6;
}

/* Child: one kind of export, then its figures. */
static int
run_export (const char *what,
            const char *dir,
            const char *sample)
{
  g_autoptr(EbBoard) board = NULL;
  g_autofree char *path = g_build_filename (dir, "export.png", NULL);
  g_autoptr(GError) error = NULL;
  double seconds;

  gtk_init_check ();

  if (g_str_equal (what, "1k"))
    {
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

      board = bench_make_board (1000, 2);
      for (guint i = 0; i < 5; i++)
        {
          seconds = export_seconds (board, path, 1);
          g_array_append_val (samples, seconds);
        }
      printf ("export_png_1k_s %.3f s\n", bench_median (samples));
    }
  else if (g_str_equal (what, "10k"))
    {
      EbExportSize size;

      board = bench_make_board (10000, 2);
      g_assert_true (eb_export_measure (board, path, NULL, &size, NULL));
      seconds = export_seconds (board, path, 1);
      printf ("export_png_10k_s %.2f s\n", seconds);
      printf ("export_png_10k_peak_mb %.1f MB\n", bench_rss_mb ());
      printf ("export_png_10k_megapixels %.0f Mpx (%d x %d)\n", size.width * (double) size.height / 1e6,
              size.width, size.height);
    }
  else if (g_str_equal (what, "40kx30k"))
    {
      EbExportSize size;

      board = make_poster_board ();
      g_assert_true (eb_export_measure (board, path, NULL, &size, NULL));
      g_assert_cmpint (size.width, ==, 40000);
      g_assert_cmpint (size.height, ==, 30000);
      seconds = export_seconds (board, path, 1);
      printf ("export_png_40kx30k_s %.2f s\n", seconds);
      printf ("export_png_40kx30k_peak_mb %.1f MB\n", bench_rss_mb ());
    }
  else if (g_str_equal (what, "sample"))
    {
      board = eb_json_read_file (sample, &error);
      if (board == NULL)
        g_error ("%s", error->message);
      seconds = export_seconds (board, path, 2);
      printf ("export_png_sample_2x_s %.3f s\n", seconds);
      printf ("export_png_sample_2x_peak_mb %.1f MB\n", bench_rss_mb ());
    }
  else
    g_error ("Unknown measurement %s", what);

  g_unlink (path);
  return 0;
}

static void
run_child (const char *self,
           const char *what,
           const char *dir,
           const char *sample)
{
  const char *argv[] = { self, "--child", what, dir, sample, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("Export %s failed: %s", what, error->message);
  fputs (out, stdout);
  fflush (stdout);
}

/* The same 1,000 cards and their links for Graphviz: positions fixed
 * (neato -n2 takes pos in points), boxes the cards' size, labels their
 * titles, edges as splines. */
static char *
write_dot (const char *dir)
{
  g_autoptr(EbBoard) board = bench_make_board (1000, 2);
  g_autoptr(GString) dot = g_string_new ("digraph board {\n"
                                         "  node [shape=box, style=\"rounded,filled\", fontname=\"Sans\", fontsize=11];\n");
  GListModel *cards = eb_board_get_cards (board);
  GListModel *links = eb_board_get_links (board);
  char *path = g_build_filename (dir, "board.dot", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(EbCard) card = g_list_model_get_item (cards, i);

      /* Graphviz's y axis points up. */
      g_string_append_printf (dot, "  \"%s\" [label=\"%s\", pos=\"%.0f,%.0f\", width=%.3f, height=%.3f];\n",
                              eb_item_get_id (EB_ITEM (card)), eb_card_get_title (card),
                              eb_card_get_x (card) + eb_card_get_width (card) / 2,
                              -(eb_card_get_y (card) + eb_card_get_height (card) / 2),
                              eb_card_get_width (card) / 72, eb_card_get_height (card) / 72);
    }
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(EbLink) link = g_list_model_get_item (links, i);

      g_string_append_printf (dot, "  \"%s\" -> \"%s\"%s;\n", eb_link_get_from_id (link), eb_link_get_to_id (link),
                              eb_link_get_label (link) ? " [label=\"reported by\"]" : "");
    }
  g_string_append (dot, "}\n");

  if (!g_file_set_contents (path, dot->str, dot->len, &error))
    g_error ("%s", error->message);
  return path;
}

static double
run_graphviz (const char *dir,
              guint       n_edges)
{
  g_autofree char *neato = g_find_program_in_path ("neato");
  g_autofree char *dot = NULL;
  g_autofree char *png = g_build_filename (dir, "graphviz.png", NULL);
  g_autoptr(GError) error = NULL;
  gint64 start;
  int status = 0;

  if (neato == NULL)
    {
      printf ("graphviz_png_1k_s skipped: neato is not installed (apt-get install graphviz)\n");
      return -1;
    }

  dot = write_dot (dir);
  {
    const char *argv[] = { neato, "-n2", "-Tpng", "-o", png, dot, NULL };

    start = g_get_monotonic_time ();
    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      g_error ("neato failed: %s", error->message);
  }

  g_unlink (dot);
  g_unlink (png);
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *sample;
  double graphviz, ours;
  int status = 0;

  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return run_export (argv[2], argv[3], argv[4]);
  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-export SAMPLE.json\n");
      return 2;
    }
  sample = argv[1];

  dir = g_dir_make_tmp ("eb-bench-export-XXXXXX", NULL);

  /* The 1k figure again here, to compare with Graphviz side by side. */
  {
    const char *child[] = { argv[0], "--child", "1k", dir, sample, NULL };

    if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      g_error ("Export 1k failed: %s", error->message);
    fputs (out, stdout);
    fflush (stdout);
    ours = g_ascii_strtod (out + strlen ("export_png_1k_s "), NULL);
  }
  graphviz = run_graphviz (dir, 2000);
  if (graphviz >= 0)
    {
      printf ("graphviz_png_1k_s %.2f s\n", graphviz);
      printf ("graphviz_vs_export_1k_ratio %.1f x\n", graphviz / ours);
    }
  fflush (stdout);

  run_child (argv[0], "10k", dir, sample);
  run_child (argv[0], "40kx30k", dir, sample);
  run_child (argv[0], "sample", dir, sample);

  g_rmdir (dir);
  return 0;
}
