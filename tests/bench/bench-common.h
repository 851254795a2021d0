/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "eb-board.h"

G_BEGIN_DECLS

EbBoard     *bench_make_board    (guint        n_cards,
                                  guint        links_per_card);
double       bench_median        (GArray      *samples);
double       bench_percentile    (GArray      *samples,
                                  double       percentile);
double       bench_rss_mb        (void);
GskRenderer *bench_renderer      (void);

G_END_DECLS
