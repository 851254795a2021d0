/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench-common.h"

#define COLUMNS_SPACING 300.0
#define ROWS_SPACING    160.0

/* A synthetic board laid out on a grid, each card linked to its right and
 * lower neighbours, with text like a real board's. Ids are made from the
 * index so every run builds the same board. */
EbBoard *
bench_make_board (guint n_cards,
                  guint links_per_card)
{
  static const char *titles[] = { "Bashar al-Assad", "Fall of Damascus", "TASS report", "Open question" };
  EbBoard *board = eb_board_new ();
  guint columns = MAX (1, (guint) sqrt (n_cards * 3.0));
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_cards; i++)
    {
      g_autofree char *id = g_strdup_printf ("card%07u", i);
      g_autoptr(EbCard) card = g_object_new (EB_TYPE_CARD, "id", id, "kind", i % 4, NULL);

      g_object_set (card,
                    "x", (i % columns) * COLUMNS_SPACING,
                    "y", (i / columns) * ROWS_SPACING,
                    "title", titles[i % 4],
                    "role", "Role or affiliation",
                    "date", "2024-12-08",
                    "place", "Damascus",
                    "publisher", "Agency",
                    "grade", (i % 4) == 2 ? (i % 6) + 1 : 0,
                    "notes", i % 4 == 3 ? "A note about what is still open" : NULL,
                    NULL);
      g_assert_true (eb_board_add (board, EB_ITEM (card), NULL));
      g_ptr_array_add (ids, g_steal_pointer (&id));
    }

  for (guint i = 0; i < n_cards; i++)
    for (guint l = 0; l < links_per_card; l++)
      {
        guint to = l == 0 ? i + 1 : i + columns;
        g_autofree char *id = g_strdup_printf ("link%07u_%u", i, l);
        g_autoptr(EbLink) link = NULL;

        if (to >= n_cards || (l == 0 && to % columns == 0))
          continue;
        link = g_object_new (EB_TYPE_LINK, "id", id,
                             "from-id", g_ptr_array_index (ids, i),
                             "to-id", g_ptr_array_index (ids, to),
                             "kind", (i + l) % 4,
                             "label", (i % 3) == 0 ? "reported by" : NULL,
                             NULL);
        g_assert_true (eb_board_add (board, EB_ITEM (link), NULL));
      }

  return board;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

double
bench_percentile (GArray *samples,
                  double  percentile)
{
  guint index;

  g_array_sort (samples, compare_double);
  index = (guint) (percentile / 100.0 * (samples->len - 1) + 0.5);
  return g_array_index (samples, double, MIN (index, samples->len - 1));
}

double
bench_median (GArray *samples)
{
  return bench_percentile (samples, 50);
}

/* Peak resident memory, from the kernel's own count. */
double
bench_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtod (line + 6, NULL) / 1024.0 : -1;
}

GskRenderer *
bench_renderer (void)
{
  GskRenderer *renderer = gsk_cairo_renderer_new ();
  g_autoptr(GError) error = NULL;

  if (!gsk_renderer_realize (renderer, NULL, &error))
    g_error ("Cannot realize the cairo renderer: %s", error->message);
  return renderer;
}
